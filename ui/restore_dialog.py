"""Pulihkan dari cadangan: pick a backup, see what it holds, confirm; the swap itself is the controller's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.errors import UserError
from sakip_desktop.ops.backups import KnownBackup, backup_status, known_backups
from sakip_desktop.storage.backup_places import data_backup_folder, removable_drives
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.restore import BackupPreview, inspect_backup
from ui.background import run_busy
from ui.plain_text import plain_box, plain_label
from ui.widgets.table import Column, RecordTableModel, make_table


def _when(moment) -> str:
    return f"{formats.long_date(moment.date())} {moment:%H.%M}"


BACKUP_COLUMNS: list[Column[KnownBackup]] = [
    Column("Tanggal", lambda b: _when(b.made_at), sort_key=lambda b: b.made_at, width=170),
    Column("Kantor", lambda b: b.office or "(tidak terbaca)", width=130),
    Column("Ukuran", lambda b: formats.megabytes(b.size), sort_key=lambda b: b.size, align_right=True, width=80),
    Column("Skema", lambda b: "" if b.schema_version is None else str(b.schema_version), width=60),
    Column("Checksum", lambda b: b.checksum, width=110),
    Column("Berkas", lambda b: str(b.path), tooltip=lambda b: str(b.path)),
]


def describe_preview(preview: BackupPreview) -> str:
    """What the backup holds, in the office's words."""
    newest = _when(preview.newest_change) if preview.newest_change else "(tidak tercatat)"
    lines = [
        f"Kantor: {preview.office_title}",
        f"Perubahan data terakhir: {newest}",
        f"Isi: {preview.indicators} indikator, {preview.realisations} realisasi, "
        f"{preview.sop_runs} pelaksanaan SOP, {preview.documents} dokumen tercetak",
        f"Checksum: {'cocok' if preview.checksum == 'cocok' else 'tidak ada berkas .sha256 (isi sudah diperiksa)'}",
    ]
    if preview.needs_upgrade:
        lines.append(f"Versi skema {preview.schema_version}: ditingkatkan saat dibuka (setelah dicadangkan dulu).")
    return "\n".join(lines)


class RestoreDialog(QDialog):
    """Choose a backup and confirm. On accept, `chosen` is the file and `confirm_other_office` the person's word."""

    def __init__(self, db_path: Path, extra_folders: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.extra_folders = [Path(f) for f in extra_folders or []]
        self.chosen: Path | None = None
        self.preview: BackupPreview | None = None
        self.confirm_other_office = False
        self.setWindowTitle("Pulihkan dari cadangan")
        exists = self.db_path.exists() and self.db_path.stat().st_size > 0
        intro = plain_label(
            "Pilih berkas cadangan. Isinya diperiksa lebih dulu; "
            + (
                "data yang sekarang dicadangkan dulu sebelum diganti, sehingga tidak ada yang hilang."
                if exists
                else "basis data kantor dibuat dari cadangan itu."
            )
        )
        intro.setWordWrap(True)
        self.model: RecordTableModel[KnownBackup] = RecordTableModel(BACKUP_COLUMNS, self)
        self.table = make_table(self.model, BACKUP_COLUMNS, stretch=5)
        self.model.set_rows(known_backups(self.db_path, self.extra_folders))
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        other = QPushButton("Pilih berkas lain…")
        other.clicked.connect(self.choose_file)
        self.details = plain_label("")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other_office = QCheckBox("Saya yakin memulihkan data kantor lain ini")
        self.other_office.hide()
        self.other_office.toggled.connect(self._update_button)
        self.restore_button = QPushButton("Pulihkan")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.confirm)
        cancel = QPushButton("Batal")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(other)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(
            plain_label(f"Cadangan yang dikenal (folder {data_backup_folder(self.db_path)} dan tujuan terakhir):")
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.other_office)
        layout.addLayout(buttons)
        self.resize(900, 520)

    def _on_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            proxy = self.table.model()
            assert isinstance(proxy, QSortFilterProxyModel)  # made by make_table
            backup: KnownBackup = self.model.record(proxy.mapToSource(rows[0]).row())
            self.select(backup.path)

    def choose_file(self) -> None:
        """Any file, e.g. on a flash drive (offered first)."""
        from ui.widgets.files import choose_existing_file

        start = next((folder for folder in self.extra_folders if folder.is_dir()), None)
        path = choose_existing_file(
            self, "Pilih berkas cadangan", start, ["Cadangan SAKIP Desktop (*.db)", "Semua berkas (*)"]
        )
        if path is not None:
            self.select(path)

    def select(self, path: Path) -> bool:
        """Check `path` and show what it holds, or why it cannot be restored; True when it can."""
        self.chosen, self.preview = None, None
        self.other_office.hide()
        self.other_office.setChecked(False)
        try:
            preview = run_busy(self, "Memeriksa berkas cadangan…", lambda: inspect_backup(path, self.db_path))
        except UserError as exc:
            self.details.setStyleSheet("color:#b00020;")
            self.details.setText(exc.message)
            self._update_button()
            return False
        self.chosen, self.preview = Path(path), preview
        self.details.setStyleSheet("")
        self.details.setText(f"{path}\n{describe_preview(preview)}")
        if preview.other_office:
            self.details.setStyleSheet("color:#8a4b00;")
            self.details.setText(
                self.details.text() + "\nPERHATIAN: cadangan ini milik kantor lain, bukan kantor yang sekarang."
            )
            self.other_office.show()
        self._update_button()
        return True

    def _update_button(self) -> None:
        ready = self.preview is not None and (not self.preview.other_office or self.other_office.isChecked())
        self.restore_button.setEnabled(ready)

    def confirm(self) -> None:
        """The last question, then accept."""
        if self.preview is None:
            return
        exists = self.db_path.exists() and self.db_path.stat().st_size > 0
        question = "Ganti data kantor dengan isi cadangan ini?" if exists else "Pakai cadangan ini sebagai data kantor?"
        after = (
            "Data yang sekarang disimpan dulu di folder cadangan. Setelah dipulihkan, semua orang masuk lagi."
            if exists
            else "Setelah itu, masuk dengan akun yang ada di cadangan ini."
        )
        box = plain_box(
            QMessageBox(
                QMessageBox.Icon.Question,
                "Pulihkan dari cadangan",
                f"{question}\n\n{describe_preview(self.preview)}\n\n{after}",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Ya, pulihkan")
        box.button(QMessageBox.StandardButton.No).setText("Batal")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.confirm_other_office = self.preview.other_office and self.other_office.isChecked()
            self.accept()


def restore_sources(db: Database | None) -> list[Path]:
    """Where else to look for backups: the last backup target (when the file can still tell) and flash drives."""
    folders: list[Path] = []
    if db is not None:
        try:
            last = backup_status(db).last_target
        except UserError:  # a damaged file may not tell
            last = ""
        if last:
            folders.append(Path(last))
    return folders + [drive for drive in removable_drives() if drive not in folders]
