"""Pengaturan > Pegawai and the person dialog, driven through real widgets on a copy of the demo office."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import (  # noqa: F401  (fixtures)
    Modals,
    ctx,
    modals,
    select_row_where,
    table_texts,
)
from PySide6.QtCore import Qt

from sakip_desktop.domain.roles import Employment, Role, UnitKind
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.org.people import RoleRef, get_person, list_people
from sakip_desktop.ops.org.units import UnitInput, add_unit, list_units
from ui.settings.people_page import PeoplePage
from ui.settings.person_dialog import PersonDialog
from ui.widgets.forms import select_data

NAME, NIP, RANK, POSITION, UNIT, ROLES, ACCOUNT, STATUS = range(8)


def make_page(qtbot, ctx) -> PeoplePage:
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    return page


def new_person_dialog(qtbot, ctx) -> PersonDialog:
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def unit_id(ctx, name: str) -> int:
    return next(u.id for u in list_units(ctx.db) if u.name == name)


def person_named(ctx, name: str):
    return next(p for p in list_people(ctx.db) if p.name == name)


def save(qtbot, dialog: PersonDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_people_page_shows_gelar_nip_pangkat_roles_and_accounts(qtbot, ctx, qtmodeltester):
    # GIVEN the demo office
    # WHEN the page opens
    page = make_page(qtbot, ctx)
    # THEN people are shown the way the office writes them
    names = table_texts(page.table, NAME)
    row = names.index("Drs. Mochammad Syaifudin")
    assert table_texts(page.table, NIP)[row] == "19680209 199403 1 005"
    assert table_texts(page.table, RANK)[row] == "Pembina (IV/a)"
    assert table_texts(page.table, ROLES)[row] == "Kasi Pemerintahan, Tim SAKIP"
    assert table_texts(page.table, ACCOUNT)[row] == "kasi_pem"
    assert table_texts(page.table, STATUS)[row] == "Aktif"
    row = names.index("Maya Anggraini, S.Kom.")  # PPPK: no pangkat
    assert table_texts(page.table, RANK)[row] == "—"
    qtmodeltester.check(page.model)


def test_people_who_left_are_hidden_until_asked_for(qtbot, ctx):
    # GIVEN Heru Cahyono, Kasi Trantib until 14 Juli 2025 (today is 13 Agustus 2025)
    page = make_page(qtbot, ctx)
    # WHEN the page opens, THEN he is not listed
    assert "Heru Cahyono, S.H." not in table_texts(page.table, NAME)
    # WHEN "Tampilkan yang tidak aktif" is ticked
    page.inactive_check.click()
    # THEN he is listed as no longer active since the day after his last day
    names = table_texts(page.table, NAME)
    assert table_texts(page.table, STATUS)[names.index("Heru Cahyono, S.H.")] == "Tidak aktif sejak 15 Juli 2025"


def test_search_filters_the_list(qtbot, ctx):
    # GIVEN the people page
    page = make_page(qtbot, ctx)
    # WHEN "trantib" is typed in the search field
    qtbot.keyClicks(page.search_edit, "trantib")
    # THEN only the Kasi Trantib remains
    assert table_texts(page.table, NAME) == ["Rizky Firmansyah, S.STP."]


def test_editing_a_persons_jabatan_is_stored(qtbot, ctx, modals: Modals):
    # GIVEN Wulan Sari Dewi selected on the people page
    page = make_page(qtbot, ctx)
    select_row_where(page, NAME, "Wulan Sari Dewi, S.IP., M.AP.")

    # WHEN the administrator presses Ubah, changes the jabatan and saves (password left empty)
    def edit(dialog):
        assert isinstance(dialog, PersonDialog)
        assert dialog.nip_edit.text() == "19870519 201101 2 002"
        dialog.position_edit.clear()
        qtbot.keyClicks(dialog.position_edit, "Analis Kebijakan Ahli Madya")
        save(qtbot, dialog)

    modals.answer(edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)

    # THEN the new jabatan is stored and shown, and nothing else changed (her password still works)
    assert modals.pending == 0
    wulan = person_named(ctx, "Wulan Sari Dewi")
    assert wulan.position == "Analis Kebijakan Ahli Madya"
    assert (wulan.nip, wulan.grade, wulan.username) == ("198705192011012002", "III/d", "analis_kebijakan")
    assert login(ctx.db, "analis_kebijakan", "analis_kebijakan123").person_id == wulan.id
    assert "Analis Kebijakan Ahli Madya" in table_texts(page.table, POSITION)
    assert page.selected().id == wulan.id


def test_adding_a_pns_with_a_nip_typed_with_spaces(qtbot, ctx):
    # GIVEN the add dialog
    dialog = new_person_dialog(qtbot, ctx)
    # WHEN a PNS is filled in with a NIP typed in groups, a pangkat, a unit and a login
    qtbot.keyClicks(dialog.front_edit, "Dr.")
    qtbot.keyClicks(dialog.name_edit, "Budi Santoso")
    qtbot.keyClicks(dialog.back_edit, "M.Si.")
    qtbot.keyClicks(dialog.nip_edit, "19850312 201001 1 004")
    select_data(dialog.grade_combo, "III/c")
    assert dialog.grade_combo.currentText() == "Penata (III/c)"
    qtbot.keyClicks(dialog.position_edit, "Penata Kelola Pemerintahan")
    select_data(dialog.unit_combo, unit_id(ctx, "Seksi Pemerintahan"))
    dialog.role_checks[Role.STAF].click()
    assert dialog.username_edit.text() == "budi.santoso"  # suggested from the name
    qtbot.keyClicks(dialog.password_edit, "rahasia123")
    qtbot.keyClicks(dialog.repeat_edit, "rahasia123")
    save(qtbot, dialog)
    # THEN the dialog closes and the person is stored with the NIP without spaces
    assert not dialog.isVisible()
    budi = get_person(ctx.db, dialog.saved_id)
    assert (budi.full_name, budi.nip, budi.grade) == (
        "Dr. Budi Santoso, M.Si.",
        "198503122010011004",
        "III/c",
    )
    # (issue 13: 'Aktif sejak' starts at 1 January, not today: his roles of this year are not cut off)
    assert (budi.employment, budi.active_from, budi.active_to) == (Employment.PNS, dt.date(2025, 1, 1), None)
    assert budi.roles == (RoleRef(Role.STAF),)
    assert login(ctx.db, "budi.santoso", "rahasia123").person_id == budi.id


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19850312 201001 1 00", "NIP harus 18 angka; yang diisi 17 angka."),
        (
            "197813322005011002",
            "Susunan NIP PNS tidak sah: 8 angka pertama (19781332) bukan tanggal lahir TTTTBBHH yang sah.",
        ),
    ],
)
def test_an_invalid_nip_is_refused_inside_the_dialog(qtbot, ctx, nip, message):
    # GIVEN a new PNS filled in except for a wrong NIP
    dialog = new_person_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.name_edit, "Budi Santoso")
    qtbot.keyClicks(dialog.nip_edit, nip)
    select_data(dialog.grade_combo, "III/a")
    dialog.account_box.setChecked(False)
    before = len(list_people(ctx.db))
    # WHEN it is saved
    save(qtbot, dialog)
    # THEN the dialog stays open with the Indonesian reason, the cursor is on the NIP, nothing is stored
    assert dialog.isVisible()
    assert dialog.problem_text() == message
    assert dialog.focusWidget() is dialog.nip_edit
    assert len(list_people(ctx.db)) == before


def test_a_pppk_is_saved_without_pangkat(qtbot, ctx):
    # GIVEN the add dialog with a pangkat already chosen
    dialog = new_person_dialog(qtbot, ctx)
    select_data(dialog.grade_combo, "III/a")
    # WHEN the status is set to PPPK
    select_data(dialog.employment_combo, Employment.PPPK.value)
    # THEN the pangkat is emptied and cannot be chosen
    assert not dialog.grade_combo.isEnabled()
    assert dialog.grade_combo.currentText() == ""
    # WHEN the rest is filled in and saved
    qtbot.keyClicks(dialog.name_edit, "Dewi Lestari")
    qtbot.keyClicks(dialog.nip_edit, "199604222024212008")  # digits 13-14 are a PPPK code, not a month
    dialog.account_box.setChecked(False)
    save(qtbot, dialog)
    # THEN she is stored as PPPK with no golongan and no login
    assert dialog.problem_text() == ""
    dewi = get_person(ctx.db, dialog.saved_id)
    assert (dewi.employment, dewi.grade, dewi.username) == (Employment.PPPK, "", "")


def test_kasi_needs_a_seksi(qtbot, ctx):
    # GIVEN a new seksi without a Kasi, and a new person ticked as Kasi but without a seksi
    seksi_id = add_unit(ctx.db, ctx.actor, UnitInput(name="Seksi Perpustakaan", kind=UnitKind.SEKSI))
    dialog = new_person_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.name_edit, "Rina Marlina")
    select_data(dialog.employment_combo, Employment.NON_ASN.value)
    dialog.account_box.setChecked(False)
    assert not dialog.seksi_combo.isEnabled()
    dialog.role_checks[Role.KASI].click()
    assert dialog.seksi_combo.isEnabled()
    dialog.seksi_combo.setCurrentIndex(0)  # "(pilih seksi)"
    before = len(list_people(ctx.db))
    # WHEN it is saved
    save(qtbot, dialog)
    # THEN the core's reason is shown, the cursor is on the seksi choice, nothing is stored
    assert dialog.problem_text() == "Peran Kasi harus disertai seksi yang dipimpin."
    assert dialog.focusWidget() is dialog.seksi_combo
    assert len(list_people(ctx.db)) == before
    # WHEN the seksi is chosen and saved again
    select_data(dialog.seksi_combo, seksi_id)
    save(qtbot, dialog)
    # THEN she is stored as its Kasi
    assert not dialog.isVisible()
    assert get_person(ctx.db, dialog.saved_id).roles == (RoleRef(Role.KASI, seksi_id),)


def test_different_passwords_save_nothing(qtbot, ctx):
    # GIVEN a new person with a login whose two passwords differ
    dialog = new_person_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.name_edit, "Rina Marlina")
    select_data(dialog.employment_combo, Employment.NON_ASN.value)
    qtbot.keyClicks(dialog.password_edit, "rahasia123")
    qtbot.keyClicks(dialog.repeat_edit, "rahasia124")
    before = len(list_people(ctx.db))
    # WHEN it is saved
    save(qtbot, dialog)
    # THEN the dialog says so, points at the repeated password and stores nothing
    assert dialog.problem_text() == "Kata sandi dan ulangannya tidak sama."
    assert dialog.focusWidget() is dialog.repeat_edit
    assert len(list_people(ctx.db)) == before


def test_username_follows_the_name_until_typed(qtbot, ctx):
    # GIVEN the add dialog
    dialog = new_person_dialog(qtbot, ctx)
    # WHEN a name is typed, THEN the user name is suggested from it
    qtbot.keyClicks(dialog.name_edit, "Siti Aminah")
    assert dialog.username_edit.text() == "siti.aminah"
    # WHEN the administrator types his own user name and then corrects the name
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, "aminah")
    qtbot.keyClicks(dialog.name_edit, "h")
    # THEN his user name is kept
    assert dialog.username_edit.text() == "aminah"


def test_a_new_login_needs_a_password(qtbot, ctx):
    # GIVEN a new person with the login box ticked but no password
    dialog = new_person_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.name_edit, "Rina Marlina")
    select_data(dialog.employment_combo, Employment.NON_ASN.value)
    # WHEN it is saved
    save(qtbot, dialog)
    # THEN the core asks for an initial password, in the dialog
    assert dialog.problem_text() == "Isi kata sandi awal untuk akun baru."
    assert dialog.focusWidget() is dialog.password_edit
    assert "Rina Marlina" not in [p.name for p in list_people(ctx.db)]


def test_ending_service_from_the_dialog(qtbot, ctx):
    # GIVEN Sugeng Riyanto's edit dialog
    sugeng = person_named(ctx, "Sugeng Riyanto")
    dialog = PersonDialog(ctx, sugeng)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.still_active.isChecked() and not dialog.to_edit.isEnabled()
    # WHEN "Masih aktif" is cleared, a last day set and saved
    dialog.still_active.click()
    dialog.to_edit.setDate(dialog.to_edit.date().addDays(-3))
    save(qtbot, dialog)
    # THEN the last day of service is stored
    assert get_person(ctx.db, sugeng.id).active_to == dt.date(2025, 8, 10)


def test_ticking_kasi_proposes_the_persons_own_seksi(qtbot, ctx):
    # GIVEN a new person placed in Seksi Kesejahteraan Sosial
    dialog = new_person_dialog(qtbot, ctx)
    select_data(dialog.unit_combo, unit_id(ctx, "Seksi Kesejahteraan Sosial"))
    # WHEN Kasi is ticked
    dialog.role_checks[Role.KASI].click()
    # THEN that seksi is proposed; WHEN Kasi is unticked THEN the choice is cleared and locked again
    assert dialog.seksi_combo.currentText() == "Seksi Kesejahteraan Sosial"
    dialog.role_checks[Role.KASI].click()
    assert dialog.seksi_combo.currentData() is None and not dialog.seksi_combo.isEnabled()
