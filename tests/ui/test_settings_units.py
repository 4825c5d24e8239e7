"""Pengaturan > Unit Kerja, driven through the real widgets on a copy of the demo office."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import (  # noqa: F401  (fixtures)
    Modals,
    click_box_button,
    ctx,
    modals,
    read_and_close,
    select_row_where,
    table_texts,
)
from PySide6.QtCore import Qt

from sakip_desktop.domain.roles import UnitKind
from sakip_desktop.ops.org.units import UnitInput, add_unit, list_units
from ui.settings.units_page import NO_PARENT, UnitDialog, UnitsPage
from ui.widgets.forms import select_data

CODE, NAME, KIND, PARENT, COUNT = range(5)


def make_page(qtbot, ctx) -> UnitsPage:
    page = UnitsPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    return page


def test_units_page_lists_the_demo_units_with_head_counts(qtbot, ctx, qtmodeltester):
    # GIVEN the demo office
    # WHEN the page opens
    page = make_page(qtbot, ctx)
    # THEN every unit is listed in the office's order, with its kind, parent and active people
    names = table_texts(page.table, NAME)
    assert names[:2] == ["Pimpinan", "Sekretariat"]
    row = names.index("Sub Bagian Umum dan Kepegawaian")
    assert table_texts(page.table, KIND)[row] == "Sub Bagian"
    assert table_texts(page.table, PARENT)[row] == "Sekretariat"
    assert table_texts(page.table, PARENT)[names.index("Pimpinan")] == "—"
    assert table_texts(page.table, COUNT)[names.index("Seksi Pemerintahan")] == "1"
    qtmodeltester.check(page.model)


def test_adding_a_unit_shows_it_in_the_table_and_stores_it(qtbot, ctx, modals: Modals):
    # GIVEN the units page
    page = make_page(qtbot, ctx)

    # WHEN the administrator adds "Seksi Perpustakaan Desa" of kind Seksi, leaving the code empty
    def fill(dialog):
        assert isinstance(dialog, UnitDialog)
        qtbot.keyClicks(dialog.name_edit, "Seksi Perpustakaan Desa")
        select_data(dialog.kind_combo, UnitKind.SEKSI.value)
        assert dialog.parent_combo.currentText() == NO_PARENT
        assert dialog.code_edit.placeholderText() == "otomatis: SEKSI_PERPUSTAKAAN_DESA"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    # THEN the unit is in the database with a code made from its name ...
    stored = {u.name: u for u in list_units(ctx.db)}["Seksi Perpustakaan Desa"]
    assert (stored.code, stored.kind, stored.parent_id) == ("SEKSI_PERPUSTAKAAN_DESA", UnitKind.SEKSI, None)
    # ... and in the table, selected
    assert "SEKSI_PERPUSTAKAAN_DESA" in table_texts(page.table, CODE)
    assert page.selected().id == stored.id
    assert modals.pending == 0


def test_a_duplicate_name_keeps_the_dialog_open_with_the_reason(qtbot, ctx):
    # GIVEN the add dialog
    dialog = UnitDialog(ctx, None, list_units(ctx.db))
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(list_units(ctx.db))
    # WHEN the name of an existing unit is typed (with a fresh code) and saved
    qtbot.keyClicks(dialog.name_edit, "seksi pemerintahan")
    qtbot.keyClicks(dialog.code_edit, "SEKSI_PEM_2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the dialog stays open, says why and puts the cursor on the name; nothing is stored
    assert dialog.isVisible()
    assert dialog.problem_text() == "Unit bernama 'seksi pemerintahan' sudah ada."
    assert dialog.focusWidget() is dialog.name_edit
    assert len(list_units(ctx.db)) == before


def test_deleting_a_unit_in_use_is_refused_with_the_reason(qtbot, ctx, modals: Modals):
    # GIVEN Seksi Pemerintahan, which has a Kasi and staff
    page = make_page(qtbot, ctx)
    select_row_where(page, NAME, "Seksi Pemerintahan")
    messages: list[str] = []

    # WHEN the administrator presses Hapus and confirms
    def confirm(box):
        assert "Seksi Pemerintahan" in box.text()
        modals.answer(read_and_close(messages))
        click_box_button(box, "Hapus")

    modals.answer(confirm)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0 and bool(messages))

    # THEN the core's reason is shown and the unit stays
    assert "tidak dapat dihapus" in messages[0]
    assert "pegawai" in messages[0] and "peran Kasi" in messages[0]
    assert "Seksi Pemerintahan" in [u.name for u in list_units(ctx.db)]
    assert "Seksi Pemerintahan" in table_texts(page.table, NAME)


def test_deleting_an_empty_unit_removes_it(qtbot, ctx, modals: Modals):
    # GIVEN an empty unit added by someone else; the page hears about it
    page = make_page(qtbot, ctx)
    add_unit(ctx.db, ctx.actor, UnitInput(name="Seksi Lama", kind=UnitKind.SEKSI))
    ctx.signals.master_data_changed.emit("units")
    select_row_where(page, NAME, "Seksi Lama")
    # WHEN it is deleted and the deletion confirmed
    modals.answer(lambda box: click_box_button(box, "Hapus"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    # THEN it is gone from the database and from the table
    assert "Seksi Lama" not in [u.name for u in list_units(ctx.db)]
    assert "Seksi Lama" not in table_texts(page.table, NAME)


def test_cancelling_the_confirmation_keeps_the_unit(qtbot, ctx, modals: Modals):
    # GIVEN an empty unit, selected
    add_unit(ctx.db, ctx.actor, UnitInput(name="Seksi Lama", kind=UnitKind.SEKSI))
    page = make_page(qtbot, ctx)
    select_row_where(page, NAME, "Seksi Lama")
    # WHEN Hapus is pressed but the question answered with Batal
    modals.answer(lambda box: click_box_button(box, "Batal"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    # THEN nothing is deleted
    assert "Seksi Lama" in [u.name for u in list_units(ctx.db)]


def test_double_click_edits_a_unit(qtbot, ctx, modals: Modals):
    # GIVEN the units page
    page = make_page(qtbot, ctx)
    row = table_texts(page.table, NAME).index("Seksi Pelayanan Umum")

    # WHEN the administrator double-clicks Seksi Pelayanan Umum and renames it
    def rename(dialog):
        assert dialog.name_edit.text() == "Seksi Pelayanan Umum"
        assert dialog.code_edit.text() == "SEKSI_PELAYANAN"
        dialog.name_edit.setText("Seksi Pelayanan Terpadu")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter saves

    modals.answer(rename)
    index = page.proxy.index(row, NAME)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    # THEN the new name is stored under the same code
    assert modals.pending == 0
    renamed = {u.code: u.name for u in list_units(ctx.db)}
    assert renamed["SEKSI_PELAYANAN"] == "Seksi Pelayanan Terpadu"
    assert "Seksi Pelayanan Terpadu" in table_texts(page.table, NAME)


def test_a_unit_cannot_be_placed_under_itself_or_its_children(qtbot, ctx):
    # GIVEN the Sekretariat, parent of both Sub Bagian
    units = list_units(ctx.db)
    sekretariat = next(u for u in units if u.code == "SEKRETARIAT")
    # WHEN its edit dialog opens
    dialog = UnitDialog(ctx, sekretariat, units)
    qtbot.addWidget(dialog)
    # THEN the Induk choices leave out the Sekretariat and its Sub Bagian
    choices = [dialog.parent_combo.itemText(i) for i in range(dialog.parent_combo.count())]
    assert choices[0] == NO_PARENT
    assert "Pimpinan" in choices
    assert not {"Sekretariat", "Sub Bagian Perencanaan dan Keuangan"} & set(choices)
