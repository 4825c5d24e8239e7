"""Pengaturan › Perjanjian Kinerja: the statement text new PKs start from and the Bupati (pihak kedua of the
office's PK)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.ops.agreements.pk import DEFAULT_STATEMENT, pk_settings, update_pk_settings
from ui.agreement.dialogs import PartyBox
from ui.context import AppContext
from ui.widgets.forms import error_label, hint, save_inline, save_row, saved_label


class AgreementSettingsPage(QWidget):
    """The PK statement text and the office's pihak kedua."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement = QPlainTextEdit()
        self.statement.setTabChangesFocus(True)
        self.statement.setMinimumHeight(180)
        self.statement.setMaximumHeight(260)
        self.default_button = QPushButton("Pakai teks baku")
        self.default_button.clicked.connect(lambda: self.statement.setPlainText(DEFAULT_STATEMENT))
        self.superior = PartyBox(
            "Pihak kedua PK kantor (Bupati/Wali Kota atau atasan yang ditetapkan pemda)", pk_settings(ctx.db).superior
        )
        self.error, self.saved = error_label(), saved_label()
        actions = save_row(self.saved, self.save, self.default_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Perjanjian Kinerja</h3>"))
        layout.addWidget(
            hint(
                "Teks pernyataan yang dipakai draf PK baru (paragraf dipisah baris kosong; paragraf pertama dicetak "
                "sebelum data para pihak). Draf yang sudah ada tidak berubah."
            )
        )
        layout.addWidget(self.statement)
        layout.addWidget(self.superior)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored settings."""
        stored = pk_settings(self.ctx.db)
        self.statement.setPlainText(stored.statement_text)
        for edit, value in (
            (self.superior.name, stored.superior.name),
            (self.superior.job_title, stored.superior.title),
            (self.superior.rank, stored.superior.rank),
            (self.superior.nip, stored.superior.nip),
        ):
            edit.setText(value)

    def save(self) -> bool:
        """Validate and store."""

        def update() -> None:
            update_pk_settings(self.ctx.db, self.ctx.actor, self.statement.toPlainText(), self.superior.party())

        if not save_inline(self, update, self.error, self.saved, "Pengaturan perjanjian kinerja tersimpan."):
            return False
        self.ctx.signals.master_data_changed.emit("settings")
        return True
