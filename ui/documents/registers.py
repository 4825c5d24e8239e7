"""The registers on the Dokumen page: documents generated for printing, and the outgoing letters
(register a letter, record that it was sent, attach the proof of delivery)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.letters import (
    NATURES,
    LetterInput,
    LetterView,
    attach_proof,
    lampiran_text,
    list_letters,
    mark_sent,
    register_letter,
)
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.register import DocumentRecordView, list_documents
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.colours import DONE_COLOUR
from ui.widgets.dialogs import FormDialog
from ui.widgets.files import ask_open_path
from ui.widgets.forms import date_edit, date_of, form_layout, set_date
from ui.widgets.table import Column, RecordTableModel, current_record, make_table
from ui.widgets.texts import local_when, office_offset


def _period(r: DocumentRecordView) -> str:
    return f"{quarter_label(r.quarter)} {r.year}" if r.quarter else str(r.year)


def _printing(r: DocumentRecordView) -> str:
    return "" if r.draft is None else "DRAF" if r.draft else "Final"


def _printing_tip(r: DocumentRecordView) -> str:
    if r.draft is None:
        return "Dicetak sebelum register mencatat draf/final; lihat tanda DRAF pada berkasnya."
    return "Dicetak sebagai DRAF (bertanda air DRAF, belum final)." if r.draft else "Dicetak final, tanpa tanda DRAF."


def document_columns(offset: int) -> list[Column[DocumentRecordView]]:
    """Columns of the document register; times in the office's zone."""
    return [
        Column[DocumentRecordView](
            "Dicetak", lambda r: local_when(r.generated_at, offset), lambda r: r.generated_at, width=140
        ),
        Column[DocumentRecordView]("Dokumen", lambda r: r.title),
        Column[DocumentRecordView]("Periode", _period, width=90),
        Column[DocumentRecordView]("Versi", lambda r: str(r.version), lambda r: r.version, align_right=True, width=55),
        Column[DocumentRecordView]("Data", lambda r: r.short_hash, width=80, tooltip=lambda r: r.data_hash),
        Column[DocumentRecordView]("Halaman", lambda r: str(r.pages), lambda r: r.pages, align_right=True, width=70),
        Column[DocumentRecordView]("Kertas", lambda r: r.paper, width=55),
        Column[DocumentRecordView]("Cetakan", _printing, width=70, tooltip=_printing_tip),
        Column[DocumentRecordView]("Oleh", lambda r: r.generated_by, width=200),
    ]


LETTER_COLUMNS = [
    Column[LetterView]("Nomor agenda", lambda x: x.agenda_number, lambda x: (x.year, x.seq), width=190),
    Column[LetterView]("Tanggal", lambda x: formats.long_date(x.letter_date), lambda x: x.letter_date, width=140),
    Column[LetterView]("Kepada", lambda x: x.recipient, width=170),
    Column[LetterView]("Sifat", lambda x: x.nature, width=70),
    Column[LetterView]("Hal", lambda x: x.subject),
    Column[LetterView]("Dokumen", lambda x: x.document_title or "-", width=220),
    Column[LetterView](
        "Dikirim",
        lambda x: formats.long_date(x.sent_on) if x.sent_on else "-",
        lambda x: x.sent_on or x.letter_date,
        width=140,
    ),
    Column[LetterView](
        "Status", lambda x: x.status, width=140, background=lambda x: DONE_COLOUR if x.proof_filename else None
    ),
]


class LetterDialog(FormDialog):
    """'Daftarkan surat keluar': date, addressee, sifat, hal, lampiran, tembusan and (optionally) the document it
    sends."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, "Daftarkan surat keluar", parent)
        regency = get_profile(ctx.db).regency_name
        self.letter_date = date_edit()
        set_date(self.letter_date, ctx.today())
        self.recipient = QComboBox()
        self.recipient.setEditable(True)
        self.recipient.addItems(
            [f"Bupati {regency}", f"Kepala Bappeda Kabupaten {regency}", f"Inspektur Kabupaten {regency}"]
        )
        self.subject = QLineEdit()
        self.subject.setPlaceholderText("mis. Penyampaian Laporan Kinerja Triwulan III Tahun 2025")
        self.nature = QComboBox()
        self.nature.addItems(list(NATURES))
        self.attachment_count = QSpinBox()
        self.attachment_count.setRange(0, 99)
        self.attachment_count.setSpecialValueText("tidak ada")
        self.attachment_count.setValue(1)
        self.attachment_what = QLineEdit("berkas")
        self.attachment_what.setMaxLength(60)
        attachment = QHBoxLayout()
        attachment.addWidget(self.attachment_count)
        attachment.addWidget(self.attachment_what, 1)
        self.attachment_count.valueChanged.connect(lambda n: self.attachment_what.setEnabled(n > 0))
        self.copies = QPlainTextEdit()
        self.copies.setTabChangesFocus(True)
        self.copies.setPlaceholderText("Satu alamat tiap baris, mis.\nSekretaris Daerah Kabupaten " + regency)
        self.copies.setFixedHeight(80)
        self.document = QComboBox()
        self.document.addItem("(tidak ada)", None)
        for r in list_documents(ctx.db):
            self.document.addItem(f"{r.title} – versi {r.version}", r.id)
        self.document.currentIndexChanged.connect(self._document_chosen)
        self.fields = {
            "letter_date": self.letter_date,
            "recipient": self.recipient,
            "subject": self.subject,
            "attachment": self.attachment_count,
            "document_record_id": self.document,
            "nature": self.nature,
            "copies_to": self.copies,
        }
        form = form_layout()
        form.addRow("Tanggal surat:", self.letter_date)
        form.addRow("Kepada:", self.recipient)
        form.addRow("Sifat:", self.nature)
        form.addRow("Hal:", self.subject)
        form.addRow("Lampiran:", attachment)
        form.addRow("Tembusan:", self.copies)
        form.addRow("Dokumen yang dikirim:", self.document)
        self.finish_layout(form)
        self.resize(620, self.sizeHint().height())

    def _document_chosen(self) -> None:
        if self.document.currentData() is not None and not self.subject.text().strip():
            title = self.document.currentText().rsplit(" – versi", 1)[0]
            self.subject.setText(f"Penyampaian {title}")

    def attachment_text(self) -> str:
        """The Lampiran line as printed: '2 (dua) berkas' or '-'."""
        return lampiran_text(self.attachment_count.value(), self.attachment_what.text())

    def save(self) -> int:
        data = LetterInput(
            date_of(self.letter_date),
            self.recipient.currentText(),
            self.subject.text(),
            self.attachment_text(),
            self.document.currentData(),
            self.nature.currentText(),
            tuple(self.copies.toPlainText().splitlines()),
        )
        return register_letter(self.ctx.db, self.ctx.actor, data).id


class SentDialog(FormDialog):
    """'Catat terkirim': the day the letter left the office."""

    def __init__(self, ctx: AppContext, letter: LetterView, parent=None) -> None:
        super().__init__(ctx, f"Catat terkirim – {letter.agenda_number}", parent)
        self.letter = letter
        self.sent_on = date_edit()
        set_date(self.sent_on, max(ctx.today(), letter.letter_date))
        self.fields = {"sent_on": self.sent_on}
        form = form_layout()
        form.addRow("Tanggal kirim:", self.sent_on)
        self.finish_layout(form)

    def save(self) -> int:
        return mark_sent(self.ctx.db, self.ctx.actor, self.letter.id, date_of(self.sent_on)).id


class RegistersPanel(QTabWidget):
    """'Register dokumen' and 'Surat keluar' of the working year."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        columns = document_columns(office_offset(ctx))
        self.document_model = RecordTableModel(columns, self)
        self.document_view = make_table(self.document_model, columns, 1)
        self.addTab(self.document_view, "Register dokumen")

        self.letter_model = RecordTableModel(LETTER_COLUMNS, self)
        self.letter_view = make_table(self.letter_model, LETTER_COLUMNS, 4)
        self.add_button = QPushButton("Daftarkan surat…")
        self.sent_button = QPushButton("Catat terkirim…")
        self.proof_button = QPushButton("Lampirkan bukti pengiriman…")
        self.add_button.clicked.connect(self.add_letter)
        self.sent_button.clicked.connect(self.mark_sent)
        self.proof_button.clicked.connect(lambda: self.attach_proof())
        buttons = QHBoxLayout()
        for b in (self.add_button, self.sent_button, self.proof_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        letters = QWidget()
        lay = QVBoxLayout(letters)
        lay.addLayout(buttons)
        lay.addWidget(self.letter_view)
        self.addTab(letters, "Surat keluar")
        self.letter_view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.refresh()

    def refresh(self) -> None:
        """Reload both registers."""
        self.document_model.set_rows(list_documents(self.ctx.db))
        self.letter_model.set_rows(list_letters(self.ctx.db))
        self._update()

    def _update(self) -> None:
        letter = current_record(self.letter_view)
        self.sent_button.setEnabled(letter is not None)
        self.proof_button.setEnabled(letter is not None and letter.sent_on is not None)

    def add_letter(self) -> None:
        """Open the register-a-letter dialog."""
        dialog = LetterDialog(self.ctx, self)
        if dialog.exec():
            self.refresh()
            self.letters_changed()
        dialog.deleteLater()

    def mark_sent(self) -> None:
        """Record the sending date of the selected letter."""
        letter = current_record(self.letter_view)
        if letter is None:
            return
        dialog = SentDialog(self.ctx, letter, self)
        if dialog.exec():
            self.refresh()
        dialog.deleteLater()

    def attach_proof(self, path: str | None = None) -> None:
        """Attach a scan/photo of the receipt to the selected letter."""
        letter = current_record(self.letter_view)
        if letter is None:
            return
        if path is None:
            chosen = ask_open_path(
                self, "Bukti pengiriman", "Gambar atau PDF (*.pdf *.png *.jpg *.jpeg);;Semua berkas (*)"
            )
            if chosen is None:
                return
            path = str(chosen)
        file = Path(path)
        ok, _ = attempt(
            self, lambda: attach_proof(self.ctx.db, self.ctx.actor, letter.id, file.name, file.read_bytes())
        )
        if ok:
            self.refresh()

    def letters_changed(self) -> None:
        """Let the page refill its letter choice."""
        page = self.parent()
        while page is not None and not hasattr(page, "_kind_changed"):
            page = page.parent()
        if page is not None:
            page._kind_changed()
