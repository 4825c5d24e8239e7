"""Issue 13 leftovers in forms: the new-office wizard's username follows the name only until the person writes his
own; a new person's 'Aktif sejak' does not cut off his past roles."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import ctx  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sakip_desktop.domain.roles import Employment, Role, UnitKind
from sakip_desktop.ops.org.signers import role_signer
from sakip_desktop.ops.org.units import UnitInput, add_unit
from ui.first_run import NewOfficeWizard
from ui.settings.person_dialog import SERVICE_HINT, PersonDialog
from ui.widgets.forms import date_of, select_data


def test_the_wizard_username_follows_the_name_until_the_person_writes_his_own(qtbot):
    wizard = NewOfficeWizard(dt.date(2026, 1, 5))
    qtbot.addWidget(wizard)
    page = wizard.admin_page
    # WHEN the name is typed THEN the username is the suggestion for the whole name, not added to
    qtbot.keyClicks(page.name, "Dyah")
    assert page.username.text() == "dyah"
    qtbot.keyClicks(page.name, " Ekawati")
    assert page.username.text() == "dyah.ekawati"
    # WHEN he writes his own username, then corrects the name THEN his username stays
    page.username.selectAll()
    qtbot.keyClicks(page.username, "admin.dyah")
    qtbot.keyClicks(page.name, " Putri")
    assert page.name.text() == "Dyah Ekawati Putri"
    assert page.username.text() == "admin.dyah"
    # WHEN he empties it THEN it follows the name again
    page.username.selectAll()
    qtbot.keyClick(page.username, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.name, Qt.Key.Key_Backspace)
    assert page.username.text() == "dyah.ekawati.putr"


def test_a_kasi_recorded_today_still_holds_his_role_earlier_this_year(qtbot, ctx):  # noqa: F811
    # GIVEN a new seksi, and the Kasi who has led it for years, recorded today (13 August) in Pengaturan › Pegawai
    unit = add_unit(ctx.db, ctx.actor, UnitInput(name="Seksi Ketahanan Pangan", kind=UnitKind.SEKSI))
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Hendra Wijaya")
    dialog.account_box.setChecked(False)
    select_data(dialog.employment_combo, Employment.NON_ASN.value)
    select_data(dialog.unit_combo, unit)
    dialog.role_checks[Role.KASI].click()
    # THEN 'Aktif sejak' is not today, and the form says what the date decides
    assert date_of(dialog.from_edit) == dt.date(2025, 1, 1)
    assert SERVICE_HINT in [label.text() for label in dialog.findChildren(QLabel)]
    # WHEN saved with the dates as offered
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None, dialog.problem_text()
    # THEN he is the seksi's Kasi for the documents of TW I too (a PK or report signed in March names him)
    signer = role_signer(ctx.db, Role.KASI, dt.date(2025, 3, 31), unit)
    assert signer is not None and "Hendra Wijaya" in signer.name
