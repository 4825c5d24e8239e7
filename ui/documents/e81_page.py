"""The Formulir E.81 screen: the four narrative rows of a quarter (faktor pendorong, faktor penghambat, tindak lanjut
for the next quarter and for the next Renja), drafted from the Kasi's narratives and the monitoring's rekomendasi,
reviewed and saved here (`ops.e81.notes`); and what keeps the form a DRAF. The form itself is printed from the
Dokumen tool ("Formulir E.81 Evaluasi Renja").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.documents.request import DocRequest
from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.e81.notes import NoteView, save_notes
from ui.context import AppContext
from ui.cycle._common import with_action_bar
from ui.documents.output import build
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_save_path, open_file, tell_saved
from ui.widgets.fit import FitsItsRoom


class E81Page(FitsItsRoom):
    """The narrative rows of one quarter's Formulir E.81, for the Tim SAKIP and the Kasubag Perencanaan. The year is
    the status bar's; the quarter follows it and may be chosen here."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notes: tuple[NoteView, ...] = ()
        # The year is the status bar's (issue 13: a picker of its own here could disagree with it).
        self.year = ctx.year
        self.year_label = QLabel()
        self.year_label.setToolTip("Tahun formulir mengikuti pilihan Tahun di bilah bawah jendela")
        self.quarter = QComboBox()
        self.quarter.addItems(["TW I", "TW II", "TW III", "TW IV"])
        self.quarter.setCurrentIndex(max(0, min(3, (ctx.quarter or 1) - 1)))
        self.quarter.setToolTip("Triwulan mengikuti bilah bawah jendela; dapat dipilih lain di sini")
        self.quarter.currentIndexChanged.connect(lambda _i: self.reload())
        self._stale = False  # another period was chosen while the page was hidden
        ctx.signals.period_changed.connect(lambda *_: self._follow_period())
        self.draft_button = QPushButton("Isi baris kosong dari draf")
        self.draft_button.clicked.connect(self.fill_drafts)
        self.save_button = QPushButton("Simpan")
        self.save_button.clicked.connect(self.save)
        self.pdf_button = QPushButton("Buat PDF…")
        self.pdf_button.clicked.connect(self.make_pdf)
        self.xlsx_button = QPushButton("Ekspor Excel…")
        self.xlsx_button.clicked.connect(self.make_xlsx)
        # The save dialog; tests put a function here that returns a path.
        self.ask_path: Callable[[str, str, str], Path | None] = lambda t, n, f: ask_save_path(self, t, n, f)
        self.open_after = True  # False: no "file saved" notice (tests that look at the line under the page)
        self.saved_box: QMessageBox | None = None
        can_edit = ctx.actor.may(Op.E81_NOTE_SAVE)
        self.save_button.setEnabled(can_edit)
        self.draft_button.setEnabled(can_edit)
        self.state = plain_label()
        self.state.setWordWrap(True)
        # Where the last PDF or .xlsx went, with "Buka folder" (tests put a function in `reveal`).
        self.saved = plain_label()
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = self.saved  # the bar under the page shows it beside the buttons
        self.folder_button = QPushButton("Buka folder")
        self.folder_button.setToolTip("Buka folder tempat berkas disimpan")
        self.folder_button.clicked.connect(self.open_folder)
        self.folder_button.hide()
        self.saved_path: Path | None = None
        self.reveal: Callable[[Path], None] = open_file
        self.form = QFormLayout()
        self.edits: dict[str, QPlainTextEdit] = {}
        self.marks: dict[str, QLabel] = {}
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        """The period and the rows scroll in their own area when they do not fit; the buttons stay under them."""
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.year_label)
        row.addWidget(self.quarter)
        row.addStretch(1)
        intro = plain_label()
        intro.setWordWrap(True)
        intro.setText(
            "Baris faktor dan tindak lanjut Formulir E.81. Draf disusun dari narasi Kasi dan rekomendasi pemantauan; "
            "tinjau, ubah, lalu simpan. Formulir tercetak DRAF sampai semua baris disimpan dan realisasi disetujui."
        )
        rows = QWidget()
        rows.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        buttons: list[QWidget] = [
            self.folder_button,
            self.draft_button,
            self.save_button,
            self.pdf_button,
            self.xlsx_button,
        ]
        self.scroller = with_action_bar(self, [(top, 0), (intro, 0), (rows, 1), (self.state, 0)], buttons)

    def _follow_period(self) -> None:
        """Another period was chosen in the status bar: its year, and its quarter (read now, or when next shown)."""
        self.quarter.blockSignals(True)
        self.quarter.setCurrentIndex(max(0, min(3, (self.ctx.quarter or 1) - 1)))
        self.quarter.blockSignals(False)
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    @property
    def chosen(self) -> tuple[int, int]:
        """(year, quarter) shown."""
        return self.year, self.quarter.currentIndex() + 1

    def _editor(self, note: NoteView) -> QPlainTextEdit:
        edit = self.edits.get(note.key)
        if edit is None:
            edit = QPlainTextEdit()
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            edit.setReadOnly(not self.ctx.actor.may(Op.E81_NOTE_SAVE))
            mark = plain_label()
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{note.label}</b>"))
            box.addWidget(mark)
            holder = QWidget()
            holder.setLayout(box)
            self.form.addRow(holder, edit)
            self.edits[note.key], self.marks[note.key] = edit, mark
        return edit

    def reload(self) -> None:
        """Read the rows of the chosen quarter and what keeps the form a DRAF."""
        from sakip_desktop.ops.e81.form import e81_form

        self._stale = False
        self.year = self.ctx.year
        self.year_label.setText(f"<b>Tahun {self.year}</b>")
        year, quarter = self.chosen
        ok, form = attempt(self, lambda: e81_form(self.ctx.db, year, quarter))
        if not ok or form is None:
            return
        self.notes = form.notes
        for note in form.notes:
            self._editor(note).setPlainText(note.text)
            self.marks[note.key].setText(
                f"Disimpan oleh {note.updated_by}" if note.is_saved else "Draf, belum ditinjau dan disimpan"
            )
        if form.is_final:
            self.state.setText("Formulir E.81 siap dicetak sebagai final.")
        else:
            shown = "\n".join(f"- {line}" for line in draft_reasons(form.missing))
            self.state.setText(f"Masih tercetak DRAF karena:\n{shown}")

    def fill_drafts(self) -> None:
        """Put the draft into every empty row (nothing is saved until 'Simpan')."""
        for note in self.notes:
            edit = self.edits[note.key]
            if not edit.toPlainText().strip():
                edit.setPlainText(note.draft)

    def save(self) -> None:
        """Save the four rows as shown."""
        year, quarter = self.chosen
        texts = {key: edit.toPlainText() for key, edit in self.edits.items()}
        ok, _ = attempt(self, lambda: save_notes(self.ctx.db, self.ctx.actor, year, quarter, texts))
        if ok:
            self.reload()

    def _write(self, title: str, name: str, file_filter: str, write: Callable[[Path], str], what: str) -> Path | None:
        path = self.ask_path(title, name, file_filter)
        if path is None:
            return None
        ok, remark = attempt(self, lambda: build(self, lambda: write(path)))
        if not ok:
            return None
        self.saved_path = path
        self.saved.setText(f"{what} disimpan ke {path}{remark}")
        self.folder_button.show()
        if self.open_after:  # the one "file saved" notice of the program, with "Buka folder" and "Buka berkas"
            year, quarter = self.chosen
            self.saved_box = tell_saved(self, f"Formulir E.81 {year} TW {quarter} ({what})", path)
        return path

    def open_folder(self) -> None:
        """Open the folder of the file last saved in the computer's file manager."""
        if self.saved_path is not None:
            self.reveal(self.saved_path.parent)

    def _request(self) -> DocRequest:
        year, quarter = self.chosen
        return DocRequest("e81", year=year, quarter=quarter, day=self.ctx.today())

    def make_pdf(self) -> Path | None:
        """Build the form's PDF (recorded in the document register) to a chosen file."""
        from sakip_desktop.documents.catalog import generate
        from sakip_desktop.files import write_atomically

        year, quarter = self.chosen
        request = self._request()

        def write(path: Path) -> str:
            made = generate(self.ctx.db, self.ctx.actor, request)
            write_atomically(path, made.pdf)
            return f" (tercatat di register, versi {made.record.version}, {made.pages} halaman)."

        return self._write(
            "Simpan Formulir E.81 (PDF)", f"Formulir E.81 {year} TW {quarter}.pdf", "PDF (*.pdf)", write, "PDF"
        )

    def make_xlsx(self) -> Path | None:
        """Export the form to .xlsx laid out as the kabupaten's template (not recorded)."""
        from sakip_desktop.documents.tables_xlsx import write_tables_xlsx

        year, quarter = self.chosen
        request = self._request()

        def write(path: Path) -> str:
            write_tables_xlsx(self.ctx.db, request, path)
            return " (ekspor Excel tidak dicatat di register)."

        return self._write(
            "Ekspor Formulir E.81 ke Excel",
            f"Formulir E.81 {year} TW {quarter}.xlsx",
            "Buku kerja Excel (*.xlsx)",
            write,
            "Berkas Excel",
        )


UNSAVED = "Belum ditinjau dan disimpan: "


def draft_reasons(missing: Sequence[str]) -> list[str]:
    """Every reason the form is a DRAF, the short way: what waits for approval first, then the unsaved rows named on
    one line (four rows would otherwise push the approvals below the fold)."""
    unsaved = [line.removeprefix(UNSAVED) for line in missing if line.startswith(UNSAVED)]
    others = [line for line in missing if not line.startswith(UNSAVED)]
    return others + ([f"{UNSAVED}{'; '.join(unsaved)}"] if unsaved else [])
