"""The PK page and the Tim's Pemantauan on the office laptop (1366×768 less the taskbar, "Menunggu Anda" open): they
take their room without scrolling (they scrolled 267–281 px and 84 px), their tables shrink, and their buttons are on
the screen and never drawn over a table."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QScrollArea, QWidget
from test_actions_above_the_fold import laptop_window, on_screen, open_tool


def drawn(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` drawn in the window, in the window's coordinates."""
    shown = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, shown.topLeft()), shown.size())


def assert_fits(qtbot, lazy, window: QWidget) -> None:
    """Nothing of the page scrolls, every button is drawn whole and none covers a table."""
    qtbot.wait(30)
    page = lazy.content
    assert lazy.scroller.verticalScrollBar().maximum() == 0
    for area in page.findChildren(QScrollArea):
        if area.isVisible() and not isinstance(area, QAbstractItemView):
            assert area.verticalScrollBar().maximum() == 0
    tables = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
    assert tables
    for button in page.findChildren(QAbstractButton):
        if not button.isVisible() or any(t.isAncestorOf(button) for t in tables):
            continue  # a tab bar's or a table's own buttons
        if button.parent() is not None and type(button.parent()).__name__ == "QTabBar":
            continue
        assert on_screen(button, window), button.text()
        for table in tables:
            assert not drawn(table, window).intersects(drawn(button, window)), (button.text(), table)


@pytest.mark.parametrize(
    ("username", "tab"), [("kasubag_renkeu", "Kasubag Perencanaan"), ("camat", "Camat")], ids=["kasubag", "camat"]
)
def test_the_pk_page_fits_the_laptop_with_its_buttons_off_its_tables(qtbot, demo_db, username, tab):
    # GIVEN the person's window on the office laptop with "Menunggu Anda" open
    window = laptop_window(qtbot, demo_db, username)
    # WHEN the PK page is opened, on each tab of the chosen PK
    lazy = open_tool(qtbot, window, tab, "Perjanjian Kinerja")
    page = lazy.content
    assert page.selected() is not None and page.target_model.rowCount() > 0
    for index in range(page.detail_tabs.count()):
        page.detail_tabs.setCurrentIndex(index)
        # THEN it fits its room, its buttons on the screen and never over the list or the detail's tables
        assert_fits(qtbot, lazy, window)
    assert on_screen(page.finalise_button, window) and on_screen(page.check_button, window)
    if username == "kasubag_renkeu":
        assert on_screen(page.prepare_button, window) and on_screen(page.revise_button, window)
    else:
        assert not page.prepare_button.isVisible() and not page.edit_button.isVisible()


def test_pemantauan_fits_the_laptop_with_its_save_button_on_the_screen(qtbot, demo_db):
    # GIVEN the Tim SAKIP's window (the Sekretaris) on the office laptop with "Menunggu Anda" open
    window = laptop_window(qtbot, demo_db, "sekcam")
    # WHEN Pemantauan is opened and an indicator chosen
    lazy = open_tool(qtbot, window, "Tim SAKIP", "Pemantauan")
    page = lazy.content
    page.table.selectRow(0)
    # THEN it fits its room, "Simpan telaah" on the screen and not over the table
    assert_fits(qtbot, lazy, window)
    assert on_screen(page.save_button, window) and page.save_button.isEnabled()
