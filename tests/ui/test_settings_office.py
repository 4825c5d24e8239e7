"""Pengaturan: office profile, general settings, database and the audit trail, through the widgets."""

from __future__ import annotations

import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.paths import resources_dir
from ui.context import AppContext
from ui.settings.audit_page import AuditPage
from ui.settings.database_page import DatabasePage
from ui.settings.general_page import GeneralPage
from ui.settings.office_page import OfficePage


@pytest.fixture
def admin_ctx(demo_db) -> AppContext:
    return AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu"), year=2025, quarter=3)


def _page(qtbot, cls, ctx):
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_office_profile_is_edited_and_saved(qtbot, admin_ctx):
    page = _page(qtbot, OfficePage, admin_ctx)
    changed = []
    admin_ctx.signals.master_data_changed.connect(changed.append)
    assert page.edits["name"].text() == "Contoh"
    page.edits["phone"].clear()
    qtbot.keyClicks(page.edits["phone"], "(0341) 555123")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert get_profile(admin_ctx.db).phone == "(0341) 555123"
    assert page.saved.isVisible() and changed == ["office"]


def test_a_bad_email_is_refused_next_to_the_form(qtbot, admin_ctx):
    page = _page(qtbot, OfficePage, admin_ctx)
    page.edits["email"].setText("kecamatan.contoh")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and page.error.text() == "Alamat pos-el 'kecamatan.contoh' tidak sah."
    assert page.focusWidget() is page.edits["email"]
    assert get_profile(admin_ctx.db).email == "kec.contoh@contohkab.go.id"


def test_logo_is_replaced_and_removed(qtbot, admin_ctx, tmp_path):
    page = _page(qtbot, OfficePage, admin_ctx)
    assert page.remove_logo.isEnabled()
    assert page.load_logo(resources_dir() / "icons" / "sakip.png")
    assert get_profile(admin_ctx.db).logo_filename == "sakip.png"
    qtbot.mouseClick(page.remove_logo, Qt.MouseButton.LeftButton)
    assert not get_profile(admin_ctx.db).has_logo and page.logo.text() == "(belum ada logo)"


def test_general_settings_are_saved(qtbot, admin_ctx):
    page = _page(qtbot, GeneralPage, admin_ctx)
    page.paper.setCurrentIndex(page.paper.findData("F4"))
    page.idle.setValue(15)
    page.nip_grouping.setText("")
    assert page.nip_preview.text() == "NIP. 196504301985022003"
    page.font.setCurrentIndex(page.font.findData("serif"))
    page.paraf.setText("Sekretaris;Kasubag Umum")
    assert page.save()
    saved = get_settings(admin_ctx.db)
    assert (saved.paper_size, saved.idle_lock_minutes, saved.nip_grouping) == ("F4", 15, "")
    assert (saved.document_font, saved.paraf_labels) == ("serif", "Sekretaris; Kasubag Umum")
    page.nip_grouping.setText("8-6-1")
    assert not page.save() and "berjumlah 18" in page.error.text()


def test_database_page_shows_the_file_and_checks_it(qtbot, admin_ctx):
    page = _page(qtbot, DatabasePage, admin_ctx)
    assert page.path.text() == str(admin_ctx.db_path)
    assert page.folder_url().toLocalFile() == str(admin_ctx.db_path.parent)
    assert page.check() and "Basis data baik" in page.result.text()


def _newest_audit_entry(ctx: AppContext) -> int:
    """The number of the newest audit entry so far."""
    conn = sqlite3.connect(ctx.db.path)
    try:
        return int(conn.execute("SELECT max(id) FROM audit_entry").fetchone()[0] or 0)
    finally:
        conn.close()


def test_audit_page_lists_the_latest_change_first(qtbot, admin_ctx):
    demo_newest = _newest_audit_entry(admin_ctx)  # the demo office's own trail, written through the operations
    office = _page(qtbot, OfficePage, admin_ctx)
    office.edits["fax"].setText("(0341) 999")
    assert office.save()
    page = _page(qtbot, AuditPage, admin_ctx)
    page.refresh()
    model = page.view.model()
    assert model.index(0, 3).data() == "Ubah profil kantor"
    assert model.index(0, 6).data() == "faksimile: (kosong) → (0341) 999"
    assert model.index(0, 2).data().startswith("Andi Prasetyo")
    change, unfiltered = int(model.index(0, 0).data()), page.listing.total
    page.filter.setText("faksimile")
    qtbot.waitUntil(lambda: page.listing.total < unfiltered)  # searched once typing pauses
    # only the change just made (past the demo office's own entries)
    assert [n for n in (int(model.index(r, 0).data()) for r in range(model.rowCount())) if n > demo_newest] == [change]
