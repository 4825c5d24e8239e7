"""Dialogs of the Perjanjian Kinerja screen: editing a draft, and starting a PK Perubahan."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.agreements.pk import (
    REASONS,
    AgreementDetail,
    AgreementEdit,
    Kind,
    Party,
    update_agreement,
)
from sakip_desktop.ops.agreements.revision import start_revision
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, set_date
from ui.widgets.screen import resize_to_fit


class PartyBox(QGroupBox):
    """Name, jabatan, pangkat and NIP of one party."""

    def __init__(self, title: str, party: Party, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.person_id = party.person_id
        self.name = QLineEdit(party.name)
        self.job_title = QLineEdit(party.title)  # not `title`: that is QGroupBox.title()
        self.rank = QLineEdit(party.rank)
        self.nip = QLineEdit(party.nip)
        self.nip.setPlaceholderText("18 angka tanpa spasi")
        form = form_layout()
        form.addRow("Nama (dengan gelar):", self.name)
        form.addRow("Jabatan:", self.job_title)
        form.addRow("Pangkat (golongan):", self.rank)
        form.addRow("NIP:", self.nip)
        self.setLayout(form)

    def party(self) -> Party:
        """The party as typed."""
        return Party(self.name.text(), self.job_title.text(), self.rank.text(), self.nip.text(), self.person_id)


def reason_combo(current: str = "") -> QComboBox:
    """The three grounds for a PK Perubahan (regulations.md §2.1), with an empty first choice."""
    combo = QComboBox()
    fill_combo(combo, [("— pilih dasar perubahan —", "")] + [(label, code) for code, label in REASONS.items()], current)
    return combo


class AgreementDialog(FormDialog):
    """'Ubah draf PK': number, place, date, the parties, the statement (and the reason of a PK Perubahan)."""

    def __init__(self, ctx: AppContext, detail: AgreementDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Ubah draf PK {detail.scope} {detail.year}", parent)
        self.detail = detail
        self.number = QLineEdit(detail.document_number)
        self.place = QLineEdit(detail.place)
        self.date = date_edit()
        if detail.signed_on:
            set_date(self.date, detail.signed_on)
        self.first = PartyBox("Pihak pertama", detail.first_party)
        second_title = "Pihak kedua (diingat untuk PK tahun berikutnya)" if detail.unit_id is None else "Pihak kedua"
        self.second = PartyBox(second_title, detail.second_party)
        self.statement = QPlainTextEdit(detail.statement_text)
        self.statement.setTabChangesFocus(True)
        self.statement.setMinimumHeight(150)
        self.reason_code = reason_combo(detail.reason_code)
        self.reason = QPlainTextEdit(detail.reason)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.fields.update(
            document_number=self.number,
            place=self.place,
            first_party=self.first.name,
            second_party=self.second.name,
            statement_text=self.statement,
            reason_code=self.reason_code,
            reason=self.reason,
        )
        form = form_layout()
        form.addRow("Nomor dokumen:", self.number)
        form.addRow("Tempat:", self.place)
        form.addRow("Tanggal:", self.date)
        if detail.kind is Kind.PERUBAHAN:
            form.addRow("Dasar perubahan:", self.reason_code)
            form.addRow("Alasan perubahan:", self.reason)
        parties = QHBoxLayout()
        parties.addWidget(self.first)
        parties.addWidget(self.second)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addLayout(parties)
        body.addWidget(
            hint("Teks pernyataan (paragraf dipisah baris kosong; paragraf pertama sebelum data para pihak):")
        )
        body.addWidget(self.statement)
        self.finish_layout(body)
        resize_to_fit(self, 860, 640)

    def save(self) -> int:
        edit = AgreementEdit(
            document_number=self.number.text(),
            place=self.place.text(),
            signed_on=date_of(self.date),
            first_party=self.first.party(),
            second_party=self.second.party(),
            statement_text=self.statement.toPlainText(),
            reason_code=self.reason_code.currentData() or "",
            reason=self.reason.toPlainText(),
        )
        update_agreement(self.ctx.db, self.ctx.actor, self.detail.id, edit)
        return self.detail.id


class RevisionDialog(FormDialog):
    """'PK Perubahan…': the ground, the reason and the document number of the new version."""

    def __init__(self, ctx: AppContext, detail: AgreementDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"PK Perubahan {detail.scope} {detail.year}", parent)
        self.detail = detail
        self.save_button.setText("Buat draf PK Perubahan")
        self.reason_code = reason_combo()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason.setPlaceholderText("mis. Kasi lama dimutasi per 15 Juli 2025; digantikan oleh …")
        self.number = QLineEdit()
        self.date = date_edit()
        set_date(self.date, ctx.today())
        self.fields.update(reason_code=self.reason_code, reason=self.reason, document_number=self.number)
        form: QFormLayout = form_layout()
        form.addRow("Dasar perubahan:", self.reason_code)
        form.addRow("Alasan:", self.reason)
        form.addRow("Nomor dokumen:", self.number)
        form.addRow("Tanggal:", self.date)
        body = QVBoxLayout()
        body.addWidget(
            hint(
                f"PK versi {detail.version} tetap tersimpan dan dapat dibaca. "
                f"Draf versi {detail.version + 1} mengambil target, anggaran dan para pihak dari data saat ini; "
                f"setelah ditetapkan, versi ini menggantikan versi {detail.version}."
            )
        )
        body.addLayout(form)
        self.finish_layout(body)
        resize_to_fit(self, 560, 320)
        self.reason_code.setFocus()

    def save(self) -> int:
        return start_revision(
            self.ctx.db,
            self.ctx.actor,
            self.detail.id,
            self.reason_code.currentData() or "",
            self.reason.toPlainText(),
            self.number.text(),
            signed_on=date_of(self.date),
        )
