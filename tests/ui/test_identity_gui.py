"""Identity in the GUI: a password an administrator chose is replaced before the main window opens; nobody picks
himself for a role or a Plt./Plh., whose SK number is required; the Camat sees and acknowledges role changes.

Set SAKIP_SHOTS to a folder to keep a PNG of each window."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, ctx, modals  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.org.acting import ActingInput, add_acting
from sakip_desktop.ops.org.auth import actor_for, login, password_change_required
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.ops.org.role_changes import pending_role_changes
from ui.context import AppContext
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog
from ui.role_changes import RoleChangesDialog
from ui.role_tab import RoleTab
from ui.settings.acting_dialog import ActingDialog
from ui.settings.person_dialog import PersonDialog
from ui.widgets.forms import select_data

DAY = dt.date(2025, 10, 20)  # nobody is acting for anyone that day
SHOTS = os.environ.get("SAKIP_SHOTS")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _no_longer_demo(db) -> None:
    conn = sqlite3.connect(db.path)
    with conn:
        conn.execute("UPDATE office SET is_demo = 0")
    conn.close()


def _login(qtbot, db, username: str) -> LoginDialog:
    dialog = LoginDialog(db, get_profile(db), preselect=username)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_administrators_password_is_replaced_before_the_window_opens(qtbot, demo_db, modals: Modals):
    # GIVEN an office (no longer the demo) whose Kasi still has the password an administrator gave him
    _no_longer_demo(demo_db)
    dialog = _login(qtbot, demo_db, "kasi_pem")

    def new_password(window: QWidget) -> None:
        assert isinstance(window, ChangePasswordDialog)
        assert "dibuat oleh administrator" in window.notice.text() and not window.old.isVisible()
        shot(window, "ganti_sandi_wajib")
        # the same password again is refused inside the dialog
        window.new.setText("kasi_pem123")
        window.again.setText("kasi_pem123")
        window.save()
        assert window.isVisible() and "harus berbeda" in window.error.text()
        window.new.setText("SandiBaruKasi1")
        window.again.setText("SandiBaruKasi1")
        window.save()

    modals.answer(new_password)
    # WHEN he types it and presses Masuk
    qtbot.keyClicks(dialog.password, "kasi_pem123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    # THEN he had to choose a new one, and only then is he logged in
    assert modals.pending == 0 and modals.unexpected == []
    assert dialog.result() == LoginDialog.DialogCode.Accepted and dialog.actor is not None
    assert not password_change_required(demo_db, "kasi_pem")
    assert login(demo_db, "kasi_pem", "SandiBaruKasi1").username == "kasi_pem"


def test_cancelling_the_new_password_means_not_logging_in(qtbot, demo_db, modals: Modals):
    # GIVEN the same situation
    _no_longer_demo(demo_db)
    dialog = _login(qtbot, demo_db, "sekcam")
    modals.answer(lambda window: window.reject())
    # WHEN the new-password dialog is cancelled
    qtbot.keyClicks(dialog.password, "sekcam123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    # THEN the login dialog stays, says why, and nobody is logged in
    assert modals.pending == 0
    assert dialog.isVisible() and dialog.actor is None
    assert "harus diganti" in dialog.error.text()
    assert password_change_required(demo_db, "sekcam")


def test_the_demo_office_asks_for_no_new_password(qtbot, demo_db, modals: Modals):
    # GIVEN the demo office, whose passwords are printed on its login screen
    dialog = _login(qtbot, demo_db, "kasi_pem")
    # WHEN the Kasi logs in THEN no further window opens
    qtbot.keyClicks(dialog.password, "kasi_pem123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.actor is not None and modals.unexpected == []


def test_the_acting_dialog_offers_no_self_appointment_and_needs_the_sk(qtbot, ctx, modals: Modals):
    # GIVEN the administrator's new Plt./Plh. dialog
    dialog = ActingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN he himself is not among the people offered
    offered = [dialog.person_combo.itemData(i) for i in range(dialog.person_combo.count())]
    assert ctx.actor.person_id not in offered
    # WHEN he fills everything but the SK number and saves
    sekcam = next(p for p in list_people(ctx.db) if p.username == "sekcam")
    select_data(dialog.person_combo, sekcam.id)
    select_data(dialog.kind_combo, ActingKind.PLT.value)
    select_data(dialog.role_combo, Role.CAMAT.value)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the dialog stays, says the SK number is required, with the cursor in that field
    assert dialog.isVisible()
    assert "Nomor SK" in dialog.problem_text()
    assert dialog.focusWidget() is dialog.decree_edit
    shot(dialog, "plt_tanpa_sk")


def test_editing_oneself_offers_no_new_role(qtbot, ctx):
    # GIVEN the administrator (Kasubag Perencanaan, Tim SAKIP) opening his own record
    me = next(p for p in list_people(ctx.db) if p.id == ctx.actor.person_id)
    dialog = PersonDialog(ctx, me)
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN only the roles he holds can be ticked (off), and the form says who gives new ones
    held = {ref.role for ref in me.roles}
    assert {role for role, check in dialog.role_checks.items() if check.isEnabled()} == held
    assert dialog.self_roles_hint.isVisible()
    # AND another person's record offers every role
    other = next(p for p in list_people(ctx.db) if p.username == "staf_umum")
    dialog2 = PersonDialog(ctx, other)
    qtbot.addWidget(dialog2)
    dialog2.show()
    assert all(check.isEnabled() for check in dialog2.role_checks.values())
    assert not dialog2.self_roles_hint.isVisible()


def test_the_camat_sees_who_gave_whom_a_role_and_acknowledges_it(qtbot, demo_db, modals: Modals):
    # GIVEN an administrator who made the Sekretaris Plt. Camat
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    sekcam = next(p for p in list_people(demo_db) if p.username == "sekcam")
    add_acting(
        demo_db,
        admin,
        ActingInput(person_id=sekcam.id, kind=ActingKind.PLT, role=Role.CAMAT, start=dt.date(2025, 11, 1),
                    end=dt.date(2025, 11, 30), position="Camat Contoh", decree="800/401/35.99.01/2025"),
    )  # fmt: skip
    # WHEN the Camat opens his window
    camat = actor_for(demo_db, "camat", DAY)
    win = MainWindow(AppContext(db=demo_db, actor=camat, year=2025, quarter=3, today=lambda: DAY), get_profile(demo_db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab) and tab.grant.role is Role.CAMAT
    # THEN "Menunggu Anda" tells him there is a change to know of
    texts = [b.text() for b in tab.waiting.buttons]
    assert "▸ 1 perubahan peran, Plt./Plh. atau akun yang perlu Anda ketahui  → Lihat dan tandai diketahui" in texts
    shot(win, "camat_perubahan_peran")
    button = next(b for b in tab.waiting.buttons if "perubahan peran" in b.text())

    def read_and_acknowledge(window: QWidget) -> None:
        assert isinstance(window, RoleChangesDialog)
        assert window.model.rowCount() == 1
        row = [window.model.index(0, c).data() for c in range(3)]
        assert row[1] == admin.name
        assert row[2].startswith(f"{sekcam.full_name} ditunjuk sebagai Plt. Camat Contoh")
        assert "SK 800/401/35.99.01/2025" in row[2]
        shot(window, "daftar_perubahan_peran")
        qtbot.mouseClick(window.acknowledge_button, Qt.MouseButton.LeftButton)

    modals.answer(read_and_acknowledge)
    # WHEN he opens the list and marks it known
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # THEN it is acknowledged and leaves "Menunggu Anda"
    assert modals.pending == 0 and modals.unexpected == []
    assert pending_role_changes(demo_db, camat.person_id) == []
    assert not any("perubahan peran" in b.text() for b in tab.waiting.buttons)
