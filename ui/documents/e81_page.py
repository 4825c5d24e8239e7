"""The Formulir E.81 screen: the four narrative rows of a quarter (faktor pendorong, faktor penghambat, tindak lanjut
for the next quarter and for the next Renja), drafted from the Kasi's narratives and the monitoring's rekomendasi,
reviewed and saved here (`ops.e81.notes`); and what keeps the form a DRAF. The form itself is printed from the
Dokumen tool ("Formulir E.81 Evaluasi Renja").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.documents.request import DocRequest
from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.e81.notes import NoteView, save_notes
from ui.context import AppContext
from ui.documents.output import build
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_save_path, open_file


class E81Page(QWidget):
    """The narrative rows of one quarter's Formulir E.81, for the Tim SAKIP and the Kasubag Perencanaan."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notes: tuple[NoteView, ...] = ()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.year)
        self.year.setPrefix("Tahun ")
        self.quarter = QComboBox()
        self.quarter.addItems(["TW I", "TW II", "TW III", "TW IV"])
        self.quarter.setCurrentIndex(max(0, min(3, (ctx.quarter or 1) - 1)))
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.quarter.currentIndexChanged.connect(lambda _i: self.reload())
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
        self.open_after = True
        can_edit = ctx.actor.may(Op.E81_NOTE_SAVE)
        self.save_button.setEnabled(can_edit)
        self.draft_button.setEnabled(can_edit)
        top = QHBoxLayout()
        for w in (self.year, self.quarter):
            top.addWidget(w)
        top.addStretch(1)
        for button in (self.draft_button, self.save_button, self.pdf_button, self.xlsx_button):
            top.addWidget(button)
        self.state = plain_label()
        self.state.setWordWrap(True)
        self.form = QFormLayout()
        self.edits: dict[str, QPlainTextEdit] = {}
        self.marks: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        intro = plain_label()
        intro.setWordWrap(True)
        intro.setText(
            "Baris faktor dan tindak lanjut Formulir E.81. Draf disusun dari narasi Kasi dan rekomendasi pemantauan; "
            "tinjau, ubah, lalu simpan. Formulir tercetak DRAF sampai semua baris disimpan dan realisasi disetujui."
        )
        layout.addWidget(intro)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.state)
        self.reload()

    @property
    def chosen(self) -> tuple[int, int]:
        """(year, quarter) shown."""
        return self.year.value(), self.quarter.currentIndex() + 1

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
            shown = "\n".join(f"- {line}" for line in form.missing[:8])
            more = f"\n- … dan {len(form.missing) - 8} lagi" if len(form.missing) > 8 else ""
            self.state.setText(f"Masih tercetak DRAF karena:\n{shown}{more}")

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

    def _write(self, title: str, name: str, file_filter: str, write: Callable[[Path], object]) -> Path | None:
        path = self.ask_path(title, name, file_filter)
        if path is None:
            return None
        ok, _ = attempt(self, lambda: build(self, lambda: write(path)))
        if ok and self.open_after:
            open_file(path)
        return path if ok else None

    def _request(self) -> DocRequest:
        year, quarter = self.chosen
        return DocRequest("e81", year=year, quarter=quarter, day=self.ctx.today())

    def make_pdf(self) -> Path | None:
        """Build the form's PDF (recorded in the document register) to a chosen file."""
        from sakip_desktop.documents.catalog import generate
        from sakip_desktop.files import write_atomically

        year, quarter = self.chosen
        request = self._request()
        return self._write(
            "Simpan Formulir E.81 (PDF)",
            f"Formulir E.81 {year} TW {quarter}.pdf",
            "PDF (*.pdf)",
            lambda p: write_atomically(p, generate(self.ctx.db, self.ctx.actor, request).pdf),
        )

    def make_xlsx(self) -> Path | None:
        """Export the form to .xlsx laid out as the kabupaten's template (not recorded)."""
        from sakip_desktop.documents.tables_xlsx import write_tables_xlsx

        year, quarter = self.chosen
        request = self._request()
        return self._write(
            "Ekspor Formulir E.81 ke Excel",
            f"Formulir E.81 {year} TW {quarter}.xlsx",
            "Buku kerja Excel (*.xlsx)",
            lambda p: write_tables_xlsx(self.ctx.db, request, p),
        )
