"""'Buka data kabupaten…': the kabupaten server's address and, in its own masked field, the password (never shown
as typed); "Buka" / "Batal"."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from sakip_desktop.storage.server_address import with_password
from ui.plain_text import plain_label
from ui.widgets.forms import form_layout, hint

EXAMPLE = "postgresql://bagor@192.168.1.10:5432/sakip_kabupaten"


class AddressDialog(QDialog):
    """Asks the address of the kabupaten's PostgreSQL database and its password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buka data kabupaten")
        self.address = QLineEdit()
        self.address.setPlaceholderText(f"mis. {EXAMPLE}")
        self.address.setMinimumWidth(460)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kosongkan bila server tidak memintanya")
        form = form_layout()
        form.addRow("&Alamat:", self.address)
        form.addRow("&Kata sandi:", self.password)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("Buka", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Alamat basis data kabupaten di server PostgreSQL:"))
        layout.addLayout(form)
        layout.addWidget(hint("Tulis kata sandi di kolom Kata sandi, bukan di alamat: kolom itu tidak menampilkannya."))
        layout.addWidget(self.buttons)
        self.address.setFocus()

    def url(self) -> str:
        """The address to open, with the password."""
        return with_password(self.address.text(), self.password.text())
