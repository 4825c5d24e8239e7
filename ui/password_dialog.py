"""Changing one's own password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from sakip_desktop.errors import UserError
from sakip_desktop.ops.auth import change_own_password
from ui.context import AppContext


class ChangePasswordDialog(QDialog):
    """Old password, new password twice."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Ganti kata sandi")
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Kata sandi lama:", self.old)
        form.addRow("Kata sandi baru:", self.new)
        form.addRow("Ulangi kata sandi baru:", self.again)
        form.addRow(self.error)
        form.addRow(buttons)

    def save(self) -> None:
        """Change the password or say why not."""
        if self.new.text() != self.again.text():
            self._fail("Kedua kata sandi baru tidak sama.")
            return
        try:
            change_own_password(self.ctx.db, self.ctx.actor, self.old.text(), self.new.text())
        except UserError as exc:
            self._fail(exc.message)
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
