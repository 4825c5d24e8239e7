"""The login dialog as people use it: clicking a name, typing to find a name, Enter, and the password changed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sakip_desktop.ops.org.auth import actor_for, login
from sakip_desktop.ops.org.office import get_profile
from ui.login import LoginDialog
from ui.password_dialog import ChangePasswordDialog


def _dialog(qtbot, db, preselect: str) -> LoginDialog:
    dialog = LoginDialog(db, get_profile(db), preselect=preselect)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def _type(qtbot, dialog: LoginDialog, text: str) -> None:
    """Type as a person does: each key goes to whatever has the focus at that moment."""
    for char in text:
        qtbot.keyClick(dialog.focusWidget(), char)


def test_clicking_the_name_already_chosen_leaves_the_password_field_to_type_in(qtbot, demo_db):
    # GIVEN the login with the Sekretaris chosen
    dialog = _dialog(qtbot, demo_db, "sekcam")
    people = dialog.people
    # WHEN he clicks his own name (already chosen), then types his password and presses Enter
    rect = people.visualRect(people.currentIndex())
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.focusWidget() is dialog.password
    _type(qtbot, dialog, "sekcam123")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    # THEN he is logged in: the password went into the password field, not into the list's search
    assert dialog.actor is not None and dialog.actor.username == "sekcam"


def test_typing_a_name_finds_it_without_typing_the_rest_into_the_password(qtbot, demo_db):
    # GIVEN the login, the focus in the list of names
    dialog = _dialog(qtbot, demo_db, "camat")
    dialog.people.setFocus()
    # WHEN Yudi types his first name to find himself
    _type(qtbot, dialog, "Yudi")
    # THEN his name is chosen and nothing went into the password field
    assert dialog.selected_username() == "kasi_pelayanan"
    assert dialog.password.text() == ""
    # AND Enter on his name takes him to the password without counting a failed try
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password and not dialog.error.isVisible()
    qtbot.keyClicks(dialog.password, "kasi_pelayanan123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "kasi_pelayanan"


def test_enter_before_typing_a_password_is_said_and_not_counted_as_a_failed_try(qtbot, demo_db):
    dialog = _dialog(qtbot, demo_db, "sekcam")
    # WHEN Enter is pressed with the password field empty
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # THEN the person is told to type it, and a wrong password next still leaves 4 tries
    assert "Ketik kata sandi" in dialog.error.text() and dialog.actor is None
    qtbot.keyClicks(dialog.password, "salah")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Kata sandi salah. Sisa percobaan: 4."


def test_a_changed_password_is_confirmed(qtbot, modals, demo_db):
    # GIVEN the Camat's "Ganti kata sandi" dialog
    dialog = ChangePasswordDialog(demo_db, actor_for(demo_db, "camat"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old, "camat123")
    qtbot.keyClicks(dialog.new, "rahasia-baru-1")
    qtbot.keyClicks(dialog.again, "rahasia-baru-1")
    said: list[str] = []

    def read(box):
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    modals.answer(read)
    # WHEN he saves it (Ctrl+S is pressed the same way: Enter here)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not modals.pending)
    # THEN he is told it was changed, and the new one works
    assert said and "Kata sandi Anda sudah diganti" in said[0]
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert login(demo_db, "camat", "rahasia-baru-1").username == "camat"
