"""The office identity on screen (issue 17): the kode wilayah in the wizard and in Profil kantor, the UUID shown."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_identity
from ui.context import AppContext
from ui.first_run import NewOfficeWizard
from ui.settings.office_page import OfficePage


def _office_page_filled(qtbot, wizard: NewOfficeWizard, region_code: str) -> None:
    o = wizard.office_page
    qtbot.keyClicks(o.regency_name, "Malang")
    qtbot.keyClicks(o.name, "Karangploso")
    qtbot.keyClicks(o.region_code, region_code)


def test_the_wizard_asks_for_the_kode_wilayah_and_checks_its_shape(qtbot):
    wizard = NewOfficeWizard(dt.date(2026, 1, 5))
    qtbot.addWidget(wizard)
    wizard.show()
    # GIVEN the first page filled without a kode wilayah: the wizard stays, saying what is missing
    _office_page_filled(qtbot, wizard, "")
    assert not wizard.validateCurrentPage()
    assert wizard.office_page.error.text().startswith("Kode wilayah kecamatan wajib diisi")
    # WHEN a code of another shape is typed, it says the shape
    qtbot.keyClicks(wizard.office_page.region_code, "3507.19")
    assert not wizard.validateCurrentPage()
    assert "tiga pasang angka dipisah titik" in wizard.office_page.error.text()
    # THEN a Kemendagri code lets the person go on, and it is in the profile made
    wizard.office_page.region_code.setText("35.07.25")
    assert wizard.validateCurrentPage()
    assert wizard.profile().region_code == "35.07.25"


def test_profil_kantor_edits_the_kode_wilayah_and_shows_the_uuid(qtbot, demo_db):
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu"), year=2025, quarter=3)
    page = OfficePage(ctx)
    qtbot.addWidget(page)
    page.show()
    identity = get_identity(demo_db)
    assert page.edits["region_code"].text() == "35.07.19"
    assert page.uuid.text() == identity.uuid
    # A code of the wrong shape is refused beside the form, with the field focused; nothing is stored
    page.edits["region_code"].setText("35.7.19")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and "Kode wilayah '35.7.19' tidak sah" in page.error.text()
    assert page.focusWidget() is page.edits["region_code"]
    assert get_identity(demo_db).region_code == "35.07.19"
    # A right one is saved; the UUID never changes
    page.edits["region_code"].setText("35.07.25")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert get_identity(demo_db) == type(identity)(region_code="35.07.25", uuid=identity.uuid)
