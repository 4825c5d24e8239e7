"""First start (demo or new office) and the login dialog, through the real widgets."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

import ui.opening as opening
from sakip_desktop.demo.office import demo_accounts
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.paths import resources_dir
from ui.first_run import FirstRunDialog, NewOfficeWizard
from ui.login import LoginDialog


def _login_dialog(qtbot, db, **kw) -> LoginDialog:
    dialog = LoginDialog(db, get_profile(db), **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_demo_login_shows_the_demo_password_and_logs_in(qtbot, demo_db):
    # GIVEN the login dialog of the demo office
    dialog = _login_dialog(qtbot, demo_db, demo_accounts=demo_accounts(), preselect="camat")
    assert dialog.selected_username() == "camat"
    assert dialog.hint.isVisible() and "camat123" in dialog.hint.text()
    # WHEN the Camat types the password and presses Enter
    qtbot.keyClicks(dialog.password, "camat123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # THEN the dialog closes with the Camat logged in
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "camat"


def test_wrong_password_stays_open_with_a_message_then_locks(qtbot, demo_db):
    dialog = _login_dialog(qtbot, demo_db, preselect="sekcam")
    assert not dialog.hint.isVisible() and dialog.hint.text() == ""  # no passwords shown outside the demo flag
    for attempt in range(1, 5):
        qtbot.keyClicks(dialog.password, "salah")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
        assert dialog.error.text() == f"Kata sandi salah. Sisa percobaan: {5 - attempt}."
        assert dialog.password.text() == "" and dialog.actor is None
    qtbot.keyClicks(dialog.password, "salah")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert "dikunci sementara" in dialog.error.text()
    qtbot.keyClicks(dialog.password, "sekcam123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.actor is None and "dikunci sementara" in dialog.error.text()


def test_first_run_offers_the_demo_first(qtbot, tmp_path):
    dialog = FirstRunDialog(tmp_path / "sakip.db")
    qtbot.addWidget(dialog)
    assert dialog.demo_button.isDefault()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "demo" and dialog.result() == FirstRunDialog.DialogCode.Accepted


def _fill_wizard(qtbot, wizard: NewOfficeWizard, nip: str) -> None:
    o = wizard.office_page
    o.regency_kind.setCurrentText("Kabupaten")
    qtbot.keyClicks(o.regency_name, "Malang")
    qtbot.keyClicks(o.name, "Karangploso")
    qtbot.keyClicks(o.province, "Jawa Timur")
    qtbot.keyClicks(o.region_code, "35.07.19")  # kode wilayah (issue 17)
    wizard.next()
    a = wizard.address_page
    qtbot.keyClicks(a.address, "Jalan Raya Karangploso Nomor 1")
    qtbot.keyClicks(a.postal_code, "65152")
    qtbot.keyClicks(a.email, "kec.karangploso@malangkab.go.id")
    wizard.next()
    assert wizard.logo_page.load_logo(resources_dir() / "demo" / "logo_kabupaten_contoh.png")
    wizard.logo_page.paper.setCurrentIndex(wizard.logo_page.paper.findData("F4"))
    wizard.next()
    p = wizard.admin_page
    qtbot.keyClicks(p.name, "Dyah Ekawati")
    qtbot.keyClicks(p.position, "Kepala Sub Bagian Perencanaan dan Keuangan")
    qtbot.keyClicks(p.nip, nip)
    p.grade.setCurrentIndex(p.grade.findData("III/d"))
    qtbot.keyClicks(p.password, "rahasia123")
    qtbot.keyClicks(p.password2, "rahasia123")


def test_new_office_wizard_refuses_a_bad_nip_and_stays_on_the_page(qtbot):
    wizard = NewOfficeWizard(dt.date(2026, 1, 5))
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(qtbot, wizard, nip="19650430 198502 2")
    assert not wizard.validateCurrentPage()
    assert wizard.currentPage() is wizard.admin_page
    assert "NIP harus 18 angka; yang diisi 15 angka." in wizard.admin_page.error.text()
    assert wizard.result_office is None


def test_first_run_creates_a_new_office_that_the_administrator_can_log_into(qtbot, modals, tmp_path):
    # GIVEN no database yet; the person picks "Buat kantor baru" and fills in the wizard
    path = tmp_path / "sakip.db"

    def choose_new(dialog):
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)

    def fill(wizard):
        _fill_wizard(qtbot, wizard, nip="19650430 198502 2 003")
        assert wizard.admin_page.username.text() == "dyah.ekawati"
        wizard.button(QWizard.WizardButton.FinishButton).click()

    modals.answer(choose_new)
    modals.answer(fill)
    # WHEN the first run completes
    db = opening.first_run(path)
    # THEN the office exists with its logo and paper, and the administrator logs in
    assert db is not None
    try:
        profile = get_profile(db)
        assert profile.office_title == "Kecamatan Karangploso" and profile.has_logo
        assert get_settings(db).paper_size == "F4"
        assert login(db, "dyah.ekawati", "rahasia123").is_admin
    finally:
        db.close()
