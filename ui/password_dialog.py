"""Changing one's own password: from the menu, or at login when an administrator set it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox

from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.auth import change_own_password
from sakip_desktop.security import MIN_PASSWORD_LENGTH
from sakip_desktop.storage.database import Database

FORCED_NOTICE = (
    "Kata sandi Anda dibuat oleh administrator. Sebelum mulai bekerja, buat kata sandi baru yang hanya Anda "
    f"ketahui (minimal {MIN_PASSWORD_LENGTH} karakter)."
)


class ChangePasswordDialog(QDialog):
    """Old password, new password twice.

    With `current_password` (just typed at login, set by an administrator) the old one is not asked again, a notice
    says why the change is needed, and cancelling means not logging in.
    """

    def __init__(self, db: Database, actor: Actor, parent=None, *, current_password: str | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._current = current_password
        self.setWindowTitle("Ganti kata sandi" if current_password is None else "Buat kata sandi baru")
        self.setMinimumWidth(440)
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            "Batal" if current_password is None else "Batal masuk"
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        if current_password is None:
            form.addRow("Kata sandi lama:", self.old)
        else:
            self.notice = QLabel(FORCED_NOTICE)
            self.notice.setWordWrap(True)
            self.notice.setStyleSheet("background:#fff4d6; padding:6px; border-radius:4px;")
            form.addRow(self.notice)
            self.old.hide()
        form.addRow("Kata sandi baru:", self.new)
        form.addRow("Ulangi kata sandi baru:", self.again)
        form.addRow(self.error)
        form.addRow(buttons)
        (self.old if current_password is None else self.new).setFocus()

    def save(self) -> None:
        """Change the password or say why not."""
        if self.new.text() != self.again.text():
            self._fail("Kedua kata sandi baru tidak sama.")
            return
        old = self.old.text() if self._current is None else self._current
        try:
            change_own_password(self.db, self.actor, old, self.new.text())
        except UserError as exc:
            self._fail(exc.message)
            return
        if self._current is not None:  # at login: the main window opening is the confirmation
            self.accept()
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.windowTitle(),
            "Kata sandi Anda sudah diganti. Mulai sekarang masuk dengan kata sandi yang baru; "
            "kata sandi lama tidak berlaku lagi.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.exec()
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
