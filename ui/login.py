"""The login dialog of the shared office PC: pick your name, type your password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from sakip_desktop.demo.office import DemoAccount
from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.auth import LoginChoice, login, login_choices, password_change_required
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.storage.database import Database
from ui.plain_text import esc, plain_label, rich
from ui.widgets.table import Column, RecordTableModel

_COLUMNS = [Column[LoginChoice]("Pegawai", lambda c: f"{c.display_name}\n{c.position}")]


class _PeopleList(QListView):
    """The list of names: Enter on a name means "this is me" (`chosen`), not "log in with no password"."""

    chosen = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class LoginDialog(QDialog):
    """Lists the office's people; on success `actor` holds who logged in."""

    def __init__(
        self,
        db: Database,
        profile: OfficeProfile,
        *,
        demo_accounts: list[DemoAccount] | None = None,
        notice: str = "",
        preselect: str = "",
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self._demo = {a.username: a for a in demo_accounts or []}
        self.setWindowTitle(f"Masuk — SAKIP Desktop — {profile.office_title}")
        self.setMinimumSize(460, 520)
        self._build_heading(profile, notice)
        self._build_people_list()
        self._build_password_fields()
        buttons = self._build_buttons()

        form = QFormLayout()
        form.addRow("Kata sandi:", self.password)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(QLabel("Pilih nama Anda:"))
        layout.addWidget(self.people, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.select(preselect)

    def _build_heading(self, profile: OfficeProfile, notice: str) -> None:
        """The office's name and, when given, a notice above the list."""
        # The office's name is data: escaped, so a tag typed into it is printed, not obeyed.
        self.title = title = rich(QLabel(f"<b>{esc(profile.office_title)}</b><br>{esc(profile.regency_title)}"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)  # a long office name stays inside the dialog
        title.setStyleSheet("font-size: 15pt;")
        self.notice = plain_label(notice)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        self.notice.setStyleSheet("background:#fff4d6; padding:6px; border-radius:4px;")

    def _build_people_list(self) -> None:
        """The office's people to choose from; a double click goes on to the password."""
        self.model = RecordTableModel(_COLUMNS, self)
        self.model.set_rows(login_choices(self.db))
        self.people = _PeopleList()
        self.people.setModel(self.model)
        self.people.setAlternatingRowColors(True)
        self.people.setSpacing(2)
        self.people.selectionModel().currentChanged.connect(self._on_person_changed)
        # A click on a name, also the one already chosen, and Enter on it go on to the password. Typing letters
        # in the list finds a name and keeps the focus there: the rest of the name is not typed as a password.
        self.people.clicked.connect(lambda _i: self.password.setFocus())
        self.people.chosen.connect(lambda: self.password.setFocus())

    def _build_password_fields(self) -> None:
        """The password field, the demo office's hint under it and the error line."""
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("Kata sandi")
        self.hint = rich(QLabel())
        self.hint.setStyleSheet("color:#555;")
        self.error = plain_label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.error.hide()

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton("Masuk", QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        buttons.addButton("Keluar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        return buttons

    def select(self, username: str) -> None:
        """Select a person by username (the first person when not found)."""
        rows = self.model.rows()
        row = next((i for i, c in enumerate(rows) if c.username == username), 0)
        if rows:
            self.people.setCurrentIndex(self.model.index(row, 0))
        self.password.setFocus()

    def selected_username(self) -> str:
        """The username of the selected person, or ''."""
        index = self.people.currentIndex()
        return self.model.record(index.row()).username if index.isValid() else ""

    def _on_person_changed(self, *_args) -> None:
        demo = self._demo.get(self.selected_username())
        self.hint.setText(f"Kantor contoh — kata sandi: <b>{esc(demo.password)}</b>" if demo else "")
        self.hint.setVisible(demo is not None)
        self.error.hide()
        self.password.clear()  # a password typed for someone else is not kept for this person

    def try_login(self) -> None:
        """Check the password; stay open with a message when it is wrong.

        A password an administrator set must be replaced before the main window opens (not in the demo office).
        """
        username = self.selected_username()
        if not username:
            self._fail("Pilih nama Anda lebih dulu.")
            return
        password = self.password.text()
        if not password:  # Enter before typing it: said, and not counted as a failed try
            self._fail("Ketik kata sandi Anda di kolom Kata sandi, lalu tekan Enter.")
            return
        try:
            actor = login(self.db, username, password)
            must_change = password_change_required(self.db, actor.username)
        except UserError as exc:
            self._fail(exc.message)
            return
        if must_change and not self._replace_password(actor, password):
            self._fail("Kata sandi harus diganti sebelum mulai bekerja. Masuk lagi untuk menggantinya.")
            return
        self.actor = actor
        self.accept()

    def _replace_password(self, actor: Actor, current: str) -> bool:
        """The new-password dialog; True once the password was changed."""
        from ui.password_dialog import ChangePasswordDialog

        self.password_dialog: ChangePasswordDialog | None
        self.password_dialog = ChangePasswordDialog(self.db, actor, self, current_password=current)
        try:
            return self.password_dialog.exec() == ChangePasswordDialog.DialogCode.Accepted
        finally:
            self.password_dialog = None

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.clear()
        self.password.setFocus()
