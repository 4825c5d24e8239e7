"""Pengaturan > Hari libur: the office's own days off beside the national holidays."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, click_box_button, ctx, modals, select_row_where, table_texts  # noqa: F401
from PySide6.QtCore import Qt

from sakip_desktop.ops.sop.library import list_days_off
from ui.sop.days_off_page import DayOffDialog, DaysOffPage
from ui.widgets.forms import set_date

DATE, DAY, NAME = range(3)


def _page(qtbot, ctx) -> DaysOffPage:
    page = DaysOffPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    return page


def test_national_holidays_of_the_year_are_shown(qtbot, ctx):
    # GIVEN the administrator on the page, working on 2025
    page = _page(qtbot, ctx)
    # THEN the year's national holidays and the government's cuti bersama are listed, with their weekday
    dates = table_texts(page.national_table, DATE)
    row = dates.index("17 Agustus 2025")
    assert table_texts(page.national_table, DAY)[row] == "Minggu"
    assert "Kemerdekaan" in table_texts(page.national_table, NAME)[row]
    assert "18 Agustus 2025" in dates  # cuti bersama
    assert page.national_box.title().startswith("Libur nasional dan cuti bersama pemerintah 2025")
    # WHEN another year is chosen
    page.year_spin.setValue(2026)
    # THEN that year's are shown
    assert table_texts(page.national_table, DATE)[0] == "1 Januari 2026"


def test_a_day_off_is_added_and_deleted(qtbot, ctx, modals: Modals):
    # GIVEN the page
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 0 and not page.edit_button.isVisible()
    problems: list[str] = []

    # WHEN a day off is added, first without a name, then as "Cuti bersama daerah"
    def fill(dialog):
        assert isinstance(dialog, DayOffDialog)
        set_date(dialog.day_edit, dt.date(2025, 12, 24))
        assert dialog.day_note.text() == "Rabu"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        problems.append(dialog.problem_text())
        qtbot.keyClicks(dialog.name_edit, "Cuti bersama daerah")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    # THEN the name was required, and the day is stored and listed
    assert problems == ["Tulis keterangan hari libur (mis. 'Cuti bersama')."]
    assert [(d.day, d.name) for d in list_days_off(ctx.db)] == [(dt.date(2025, 12, 24), "Cuti bersama daerah")]
    assert table_texts(page.table, DATE) == ["24 Desember 2025"] and table_texts(page.table, DAY) == ["Rabu"]

    # WHEN it is deleted, confirmed
    select_row_where(page, NAME, "Cuti bersama daerah")
    modals.answer(lambda box: click_box_button(box, "Hapus"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    # THEN it is gone
    assert list_days_off(ctx.db) == [] and page.model.rowCount() == 0


def test_the_dialog_says_when_a_day_is_already_off(qtbot, ctx):
    # GIVEN the add dialog
    dialog = DayOffDialog(ctx, 2025)
    qtbot.addWidget(dialog)
    # WHEN a national holiday or a Saturday is chosen
    set_date(dialog.day_edit, dt.date(2025, 8, 18))
    holiday = dialog.day_note.text()
    set_date(dialog.day_edit, dt.date(2025, 8, 23))
    # THEN the dialog says so
    assert holiday.startswith("Senin; sudah libur nasional: ")
    assert dialog.day_note.text() == "Sabtu; sudah bukan hari kerja"
