"""Files: choosing a file or a folder with the system's dialog spoken in Indonesian, save and open dialogs that
start in the last folder used (else Documents, never the program's folder), opening a file with the program the
computer uses for it, "x KB" sizes, and the list of bukti dukung files of a record with "Buka".

Qt ships no Indonesian translation of its own file dialog; on Linux it would say "Look in", "File name" and
"Cancel". Windows' native dialog speaks the language of Windows itself and is kept there.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.realisation.entry import EvidenceFile, EvidenceView, evidence_file
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_box
from ui.widgets.table import Column, RecordTableModel, current_record, make_table
from ui.widgets.texts import local_when

_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Cari di:",
    QFileDialog.DialogLabel.FileName: "Nama berkas:",
    QFileDialog.DialogLabel.FileType: "Jenis berkas:",
    QFileDialog.DialogLabel.Reject: "Batal",
}


def _dialog(parent: QWidget | None, title: str, start: Path | None) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start or start_folder()))
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        for label, text in _LABELS.items():
            dialog.setLabelText(label, text)
    return dialog


def choose_existing_file(parent: QWidget | None, title: str, start: Path | None, filters: list[str]) -> Path | None:
    """One existing file, or None when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    if sys.platform != "win32":
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Buka")
    return _run(dialog)


def choose_folder(parent: QWidget | None, title: str, start: Path | None) -> Path | None:
    """One existing folder, or None when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if sys.platform != "win32":
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Pilih")
    return _run(dialog)


def _run(dialog: QFileDialog) -> Path | None:
    """Show the dialog, then delete it on the GUI thread at once (with its file-system watcher), rather than
    whenever its parent goes."""
    try:
        return taken(dialog) if dialog.exec() else None
    finally:
        dialog.deleteLater()


def taken(dialog: QFileDialog) -> Path | None:
    """The file or folder chosen in an accepted dialog; its folder is where the next dialog starts."""
    chosen = dialog.selectedFiles()
    if not chosen:
        return None
    path = Path(chosen[0])
    remember_folder(path if dialog.fileMode() == QFileDialog.FileMode.Directory else path.parent)
    return path


def documents_dir() -> Path:
    """The person's Documents folder (the home folder where there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


# The folder of the last file chosen or saved, for the next dialog. Kept for the next start of the program too
# (in the user's settings) once the program has named itself (`ui.app`); tests keep it to their own process.
_last_folder: list[Path] = []
_LAST_FOLDER_KEY = "berkas/folder_terakhir"


def _settings() -> QSettings | None:
    return QSettings() if QCoreApplication.organizationName() else None


def remember_folder(folder: Path) -> None:
    """The folder the next file dialog starts in."""
    _last_folder[:] = [folder]
    stored = _settings()
    if stored is not None:
        stored.setValue(_LAST_FOLDER_KEY, str(folder))


def start_folder() -> Path:
    """Where a file dialog starts: the last folder used while it still exists, else Documents (never the
    program's own folder)."""
    if not _last_folder:
        stored = _settings()
        value = stored.value(_LAST_FOLDER_KEY, "") if stored is not None else ""
        if isinstance(value, str) and value:
            _last_folder[:] = [Path(value)]
    if _last_folder and _last_folder[0].is_dir():
        return _last_folder[0]
    return documents_dir()


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> Path | None:
    """The file chosen in a save dialog, or None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder() / file_name), file_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path.parent)
    wanted = Path(file_name).suffix
    return path if path.suffix.lower() == wanted else path.with_name(path.name + wanted)


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    """The file chosen in an open dialog, or None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_open_paths(parent: QWidget, title: str, file_filter: str) -> list[Path]:
    """The files chosen in an open dialog that takes several (e.g. bukti dukung); [] when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), file_filter)
    if names:
        remember_folder(Path(names[0]).parent)
    return [Path(n) for n in names]


def open_file(path: Path) -> None:
    """Open a file with the program the computer uses for its kind."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def temp_copy(name: str, data: bytes, folder: str) -> Path:
    """Write `data` under its own name in a private temporary folder (so it opens with the right program)."""
    target = Path(tempfile.gettempdir()) / "sakip_lampiran" / folder
    target.mkdir(parents=True, exist_ok=True)
    path = target / Path(name).name
    path.write_bytes(data)
    return path


def offer_to_open(parent: QWidget, title: str, text: str, path: Path) -> bool:
    """Say where a file was written and offer to open it; True when it was opened."""
    box = plain_box(QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent))
    open_button = box.addButton("Buka", QMessageBox.ButtonRole.AcceptRole)
    close_button = box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(close_button)
    box.exec()
    if box.clickedButton() is open_button:
        open_file(path)
        return True
    return False


def open_folder(path: Path) -> None:
    """Show the folder of `path` in the computer's file manager (on Windows with the file selected)."""
    if sys.platform == "win32":
        from PySide6.QtCore import QProcess

        if QProcess.startDetached("explorer", [f"/select,{path}"]):
            return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def tell_saved(parent: QWidget, what: str, path: Path) -> QMessageBox:
    """After a file was saved: say so with its whole path, and offer to open its folder or the file itself.

    Not modal (work goes on; the box closes with any of its buttons). `what` names the file for a person, e.g.
    "LKj 2025 (PDF)". The one notice of a saved file for every screen that saves one. Returns the box.
    """
    text = f"{what} disimpan di:\n{path}"
    box = plain_box(
        QMessageBox(QMessageBox.Icon.Information, "Berkas disimpan", text, QMessageBox.StandardButton.NoButton, parent)
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
    folder_button = box.addButton("Buka folder", QMessageBox.ButtonRole.ActionRole)
    file_button = box.addButton("Buka berkas", QMessageBox.ButtonRole.ActionRole)
    close_button = box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close_button)
    box.setEscapeButton(close_button)
    folder_button.clicked.connect(lambda: open_folder(path))
    file_button.clicked.connect(lambda: open_file(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box


def size_text(size: int) -> str:
    """'350 KB', '1,2 MB'."""
    if size < 1024:
        return f"{size} bita"
    if size < 1024 * 1024:
        return f"{formats.number(Decimal(size) / 1024, 0)} KB"
    return f"{formats.number(Decimal(size) / (1024 * 1024), 1)} MB"


class EvidenceList(QWidget):
    """The bukti dukung of one realisasi (or, with `read` and `folder`, of a tindak lanjut) with "Buka"; the
    entry screen adds its own buttons to `buttons`. "Buka" reads the file checked against its checksum."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        read: Callable[[Database, int], EvidenceFile] = evidence_file,
        folder: str = "bukti",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._read = read
        self._folder = folder
        self.offset = 7
        self.columns = [
            Column[EvidenceView]("Berkas", lambda e: e.shown_name, tooltip=lambda e: e.shown_name),
            Column[EvidenceView]("Ukuran", lambda e: size_text(e.size), align_right=True, width=70),
            Column[EvidenceView](
                "Ditambahkan",
                lambda e: local_when(e.added_at, self.offset),
                lambda e: e.added_at,
                tooltip=lambda e: f"oleh {e.added_by}",
                width=130,
            ),
        ]
        self.model = RecordTableModel(self.columns, self)
        self.table = make_table(self.model, self.columns, 0)
        self.table.setMinimumHeight(90)
        self.open_button = QPushButton("Buka")
        self.open_button.setToolTip("Buka berkas dengan program yang biasa dipakai komputer ini")
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.open_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Bukti dukung</b>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self._update()

    def set_items(self, items: Sequence[EvidenceView], offset: int) -> None:
        """Show these files (times in the office's clock, UTC + `offset` hours)."""
        self.offset = offset
        self.model.set_rows(items)
        self._update()

    def selected(self) -> EvidenceView | None:
        """The chosen file, or None."""
        return current_record(self.table)

    def open_selected(self) -> None:
        """Write the chosen file to a private temporary folder and open it."""
        item = self.selected()
        if item is None:
            return

        def run() -> None:
            stored = self._read(self.ctx.db, item.id)
            open_file(temp_copy(stored.filename, stored.data, f"{self._folder}_{stored.id}"))

        attempt(self, run)

    def _update(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)
