"""Pengaturan › Surat keluar: the agenda-number format of outgoing letters and the office code, with a live example
of the number the next letter would get; and the number of the Keputusan Camat on the Tim SAKIP that every berita
acara cites (empty: the line is left out)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.letters import (
    DEFAULT_FORMAT,
    LetterSettings,
    letter_settings,
    next_number_example,
    update_letter_settings,
)
from sakip_desktop.ops.monitoring.minutes import team_decree, update_team_decree
from ui.context import AppContext
from ui.plain_text import plain_label
from ui.widgets.forms import error_label, hint, save_inline, save_row, saved_label

EXAMPLE_STYLE = "font-family: monospace; font-weight: bold;"
PROBLEM_STYLE = "color:#b00020;"


class LettersSettingsPage(QWidget):
    """Format nomor agenda and kode kantor; the example updates as the administrator types."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agenda_format = QLineEdit()
        self.agenda_format.setMaxLength(100)
        self.office_code = QLineEdit()
        self.office_code.setMaxLength(60)
        self.team_decree = QLineEdit()
        self.team_decree.setMaxLength(120)
        self.team_decree.setPlaceholderText("mis. 188.4/05/35.99.01/2025 (kosong: tidak dicantumkan)")
        self.team_decree.returnPressed.connect(self.save)
        self.example = plain_label()  # built from the office's code and format: data
        self.example.setWordWrap(True)
        for edit in (self.agenda_format, self.office_code):
            edit.textChanged.connect(self._show_example)
            edit.returnPressed.connect(self.save)
        self.default_button = QPushButton("Pakai format baku")
        self.default_button.clicked.connect(lambda: self.agenda_format.setText(DEFAULT_FORMAT))
        form = QFormLayout()
        form.addRow("Format nomor agenda:", self.agenda_format)
        form.addRow("Kode kantor ({kode}):", self.office_code)
        form.addRow("Nomor surat berikutnya:", self.example)
        form.addRow("Nomor Keputusan Camat tentang Tim SAKIP:", self.team_decree)
        self.error, self.saved = error_label(), saved_label()
        actions = save_row(self.saved, self.save, self.default_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Surat keluar</h3>"))
        layout.addWidget(
            hint(
                "Nomor agenda surat keluar disusun dari format ini. Isian yang dikenal: {seq} nomor urut surat dalam "
                "tahun (wajib; {seq:03d} menulis 001), {kode} kode kantor, {tahun} tahun surat, {bulan} bulan dalam "
                "angka Romawi. Surat yang sudah terdaftar tidak berubah nomornya. Berita acara evaluasi kinerja "
                "mendapat nomor berikutnya saat rapatnya difinalkan, dan mencantumkan Keputusan Camat tentang Tim "
                "SAKIP pada Dasar bila nomornya diisi."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored settings."""
        stored = letter_settings(self.ctx.db)
        self.agenda_format.setText(stored.agenda_format)
        self.office_code.setText(stored.office_code)
        self.team_decree.setText(team_decree(self.ctx.db))
        self._show_example()

    def values(self) -> LetterSettings:
        """The settings as typed."""
        return LetterSettings(self.agenda_format.text(), self.office_code.text())

    def _show_example(self) -> None:
        try:
            number = next_number_example(self.ctx.db, self.values(), self.ctx.today())
        except ValidationError as exc:
            self.example.setStyleSheet(PROBLEM_STYLE)
            self.example.setText(exc.message)
            return
        self.example.setStyleSheet(EXAMPLE_STYLE)
        self.example.setText(number)

    def save(self) -> bool:
        """Validate and store (audited by the operation)."""

        def update() -> None:
            update_letter_settings(self.ctx.db, self.ctx.actor, self.values())
            update_team_decree(self.ctx.db, self.ctx.actor, self.team_decree.text())

        def focus(exc: ValidationError) -> None:
            fields = {"office_code": self.office_code, "team_decree": self.team_decree}
            fields.get(exc.field or "", self.agenda_format).setFocus()

        if not save_inline(self, update, self.error, self.saved, "Format nomor surat tersimpan.", focus):
            return False
        self.refresh()
        self.ctx.signals.master_data_changed.emit("settings")
        return True
