"""Pengaturan > Plt./Plh., driven through the real widgets on a copy of the demo office."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import (  # noqa: F401  (fixtures)
    Modals,
    click_box_button,
    ctx,
    modals,
    select_row_where,
    table_texts,
)
from PySide6.QtCore import Qt

from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.org.acting import list_acting
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.ops.org.units import list_units
from ui.settings.acting_dialog import ActingDialog
from ui.settings.acting_page import ActingPage
from ui.widgets.forms import select_data

PERSON, KIND, TITLE, START, END, DECREE, STATE = range(7)


def make_page(qtbot, ctx) -> ActingPage:
    page = ActingPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 400)
    page.show()
    return page


def new_dialog(qtbot, ctx) -> ActingDialog:
    dialog = ActingDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def person_id(ctx, name: str) -> int:
    return next(p.id for p in list_people(ctx.db) if p.name == name)


def test_the_demo_plh_is_listed_in_force(qtbot, ctx, qtmodeltester):
    # GIVEN the demo's Plh. Camat, 11-15 Agustus 2025, and today 13 Agustus 2025
    # WHEN the page opens
    page = make_page(qtbot, ctx)
    # THEN it is listed with Indonesian dates and as in force
    row = [table_texts(page.table, c)[0] for c in range(7)]
    assert row == [
        "Sri Wahyuningsih, S.Sos., M.M.",
        "Plh.",
        "Plh. Camat Contoh",
        "11 Agustus 2025",
        "15 Agustus 2025",
        "800/214/35.99.01/2025",
        "Berlaku",
    ]
    qtmodeltester.check(page.model)


def test_adding_a_plt_lists_it(qtbot, ctx, modals: Modals):
    # GIVEN the Plt./Plh. page
    page = make_page(qtbot, ctx)
    seksi = next(u for u in list_units(ctx.db) if u.name == "Seksi Kesejahteraan Sosial")

    # WHEN Wulan Sari Dewi is made Plt. Kasi Kesos from 1 September 2025 without an end
    def fill(dialog):
        assert isinstance(dialog, ActingDialog)
        select_data(dialog.person_combo, person_id(ctx, "Wulan Sari Dewi"))
        select_data(dialog.kind_combo, ActingKind.PLT.value)
        select_data(dialog.role_combo, Role.KASI.value)
        select_data(dialog.seksi_combo, seksi.id)
        assert dialog.position_edit.text() == "Kepala Seksi Kesejahteraan Sosial"  # the holder's jabatan
        dialog.start_edit.setDate(dialog.start_edit.date().addDays(19))
        dialog.open_end.click()
        qtbot.keyClicks(dialog.decree_edit, "800/301/35.99.01/2025")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    # THEN it is stored ...
    assert modals.pending == 0
    stored = [a for a in list_acting(ctx.db) if a.kind is ActingKind.PLT]
    assert len(stored) == 1
    plt = stored[0]
    assert (plt.role, plt.unit_id, plt.start, plt.end) == (Role.KASI, seksi.id, dt.date(2025, 9, 1), None)
    # ... and listed, not yet in force
    row = page.selected()
    assert row is not None and row.id == plt.id
    titles = table_texts(page.table, TITLE)
    i = titles.index("Plt. Kepala Seksi Kesejahteraan Sosial")
    assert table_texts(page.table, START)[i] == "1 September 2025"
    assert table_texts(page.table, END)[i] == "tanpa batas"
    assert table_texts(page.table, STATE)[i] == "Akan datang"


def test_a_plh_always_has_an_end_date(qtbot, ctx):
    # GIVEN a new assignment switched to Plt. and ticked "tanpa batas waktu"
    dialog = new_dialog(qtbot, ctx)
    select_data(dialog.kind_combo, ActingKind.PLT.value)
    dialog.open_end.click()
    assert not dialog.end_edit.isEnabled()
    # WHEN it is switched to Plh.
    select_data(dialog.kind_combo, ActingKind.PLH.value)
    # THEN the open end is cleared and cannot be chosen
    assert not dialog.open_end.isChecked() and not dialog.open_end.isEnabled()
    assert dialog.end_edit.isEnabled()


def test_a_kasi_assignment_needs_its_seksi(qtbot, ctx):
    # GIVEN a Plh. Kasi without a person nor a seksi
    dialog = new_dialog(qtbot, ctx)
    select_data(dialog.role_combo, Role.KASI.value)
    assert dialog.seksi_combo.isEnabled() and dialog.seksi_combo.currentData() is None
    assert dialog.person_combo.currentData() is None
    before = len(list_acting(ctx.db))
    # WHEN it is saved, THEN the dialog first asks for the person
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_text() == "Pilih pegawai yang menjadi pelaksana."
    assert dialog.focusWidget() is dialog.person_combo
    # WHEN the person is chosen and it is saved again
    select_data(dialog.person_combo, person_id(ctx, "Wulan Sari Dewi"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the reason is shown on the dialog, pointing at the seksi, and nothing is stored
    assert dialog.isVisible()
    assert dialog.problem_text() == "Plt./Plh. Kasi harus menyebut seksinya."
    assert dialog.focusWidget() is dialog.seksi_combo
    assert len(list_acting(ctx.db)) == before


def test_only_people_in_service_can_act(qtbot, ctx):
    # GIVEN Heru Cahyono, who left on 14 Juli 2025
    # WHEN the add dialog opens on 13 Agustus 2025
    dialog = new_dialog(qtbot, ctx)
    # THEN he is not offered, while the people in service are
    offered = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]
    assert not any("Heru Cahyono" in text for text in offered)
    assert "Sri Wahyuningsih, S.Sos., M.M. (Sekretaris Kecamatan)" in offered


def test_deleting_an_assignment_after_confirmation(qtbot, ctx, modals: Modals):
    # GIVEN the demo's Plh. selected
    page = make_page(qtbot, ctx)
    select_row_where(page, TITLE, "Plh. Camat Contoh")

    # WHEN Hapus is pressed and confirmed
    def confirm(box):
        assert "Plh. Camat Contoh" in box.text() and "Sri Wahyuningsih" in box.text()
        click_box_button(box, "Hapus")

    modals.answer(confirm)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    # THEN it is gone
    assert modals.pending == 0
    assert list_acting(ctx.db) == []
    assert page.model.rowCount() == 0
    assert not page.delete_button.isEnabled()
