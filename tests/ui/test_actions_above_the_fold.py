"""Issue 13 leftovers: on the office laptop (1366×768 less the taskbar), with "Menunggu Anda" open, the buttons of
the realisasi review pages are on the screen without scrolling (they sat below the fold of the tool's page)."""

from __future__ import annotations

import os
from operator import attrgetter
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import TODAY, click_box_button, modals  # noqa: F401  (fixture)
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QSpinBox, QWidget

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.realisation.entry import quarter_entries, return_to_kasi
from ui.context import AppContext
from ui.cycle.approve_page import ApprovePage
from ui.main_window import MainWindow
from ui.widgets.screen import FRAME_HEIGHT, FRAME_WIDTH
from ui.widgets.table import select_where


def laptop_window(qtbot, db, username: str) -> MainWindow:
    """The person's real window at the office laptop's size, with "Menunggu Anda" unfolded."""
    ctx = AppContext(db=db, actor=actor_for(db, username, TODAY), year=2025, quarter=3, today=lambda: TODAY)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1366 - FRAME_WIDTH, 728 - FRAME_HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    for tab in window.role_tabs:
        tab.fold_inbox(True)
    return window


def open_tool(qtbot, window: MainWindow, tab_title: str, tool: str) -> Any:
    """The tool's LazyPage, its page built (`content`)."""
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == tab_title)
    window.tabs.setCurrentIndex(index)
    tab = window.role_tabs[index]
    tab.show_tool(tool)
    lazy: Any = tab.tools.currentWidget()
    qtbot.waitUntil(lambda: lazy.content is not None)
    qtbot.wait(30)
    return lazy


def on_screen(button: QWidget, window: QWidget) -> bool:
    """The whole button is drawn inside the window (not scrolled out of its page's view)."""
    shown = button.visibleRegion().boundingRect()
    return (
        button.isVisible()
        and shown.size() == button.size()
        and window.rect().contains(button.mapTo(window, shown.topLeft()))
    )


@pytest.mark.parametrize(
    ("username", "tab", "tool", "buttons"),
    [
        ("sekcam", "Sekretaris", "Verifikasi realisasi", ("return_button", "verify_button")),
        ("sekcam", "Sekretaris", "Revisi realisasi", ("revise_button",)),
        ("camat", "Camat", "Persetujuan realisasi", ("return_button", "approve_selected_button", "approve_all_button")),
        ("kasi_pem", "Kasi Pemerintahan", "Isi realisasi", ("submit_button", "form.save_button", "form.add_button")),
    ],
)
def test_review_buttons_are_on_the_screen_without_scrolling(qtbot, demo_db, username, tab, tool, buttons):
    # GIVEN the person's window on the office laptop, "Menunggu Anda" open over the tools
    window = laptop_window(qtbot, demo_db, username)
    # WHEN the review page is opened
    lazy = open_tool(qtbot, window, tab, tool)
    page = lazy.content
    queue = page.queue if isinstance(page, ApprovePage) else page  # the Camat's page: its first tab is the queue
    # THEN its buttons are drawn in the window, with nothing to scroll first
    for name in buttons:
        assert on_screen(attrgetter(name)(queue), window), name
    assert lazy.scroller.verticalScrollBar().maximum() == 0


def test_the_camats_sop_step_is_read_whole_in_his_inbox(qtbot, demo_db):
    # GIVEN the Camat's window on the office laptop, "Menunggu Anda" open (his work links over his SOP step)
    window = laptop_window(qtbot, demo_db, "camat")
    tab = window.role_tabs[0]
    qtbot.wait(50)
    view = tab.inbox.view
    assert tab.inbox.model.rowCount() >= 1
    # THEN the step's text has the width of the row ...
    assert view.columnWidth(0) >= 450, view.columnWidth(0)
    viewport = tab.inbox_scroll.viewport()
    for row in range(tab.inbox.model.rowCount()):
        index = view.model().index(row, 0)
        # ... each row is as tall as its wrapped text, and whole texts are in the tooltips
        assert view.rowHeight(row) >= view.sizeHintForRow(row)
        step = tab.inbox.steps()[row].step
        assert step.activity in index.data(Qt.ItemDataRole.ToolTipRole)
        assert step.run_title in view.model().index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    # AND the first step is on the screen whole, without scrolling "Menunggu Anda"
    first = view.visualRect(view.model().index(0, 0))
    top_left = view.viewport().mapTo(viewport, first.topLeft())
    assert viewport.rect().contains(QRect(top_left, first.size())), (top_left, first.size(), viewport.size())


def test_the_lkj_and_dokumen_take_the_year_of_the_status_bar(qtbot, demo_db, modals):  # noqa: F811
    # GIVEN the Sekretaris's window on 2025, with the LKj and Dokumen tools opened
    window = laptop_window(qtbot, demo_db, "sekcam")
    lkj = open_tool(qtbot, window, "Sekretaris", "LKj").content
    documents = open_tool(qtbot, window, "Sekretaris", "Dokumen").content
    # THEN the LKj has no year picker of its own, and Dokumen's year is the status bar's, not to be chosen apart
    assert not lkj.findChildren(QSpinBox)
    assert documents.year.isReadOnly() and documents.year.value() == 2025
    assert lkj.view.year == 2025 and "2025" in lkj.year_label.text()
    # WHEN 2024 (a year without targets) is chosen in the status bar while Dokumen is shown
    window.year_combo.setCurrentIndex(window.year_combo.findData(2024))
    # THEN Dokumen follows it; the LKj too once shown, saying on the page (no message box) why it has no LKj
    assert documents.year.value() == 2024
    open_tool(qtbot, window, "Sekretaris", "LKj")
    assert "2024" in lkj.year_label.text() and lkj.view is None
    assert "LKj tahun 2024 belum dapat disusun" in lkj.state.text()
    # AND back on 2025 the LKj of 2025 is there again
    window.year_combo.setCurrentIndex(window.year_combo.findData(2025))
    assert lkj.view is not None and lkj.view.year == 2025
    assert modals.unexpected == []


def test_the_kasis_form_and_its_simpan_stay_above_the_fold_after_ajukan(qtbot, demo_db, modals):  # noqa: F811
    # GIVEN IK04 and IK05 (counted over desa) of TW III returned to the Kasi Pemerintahan with a reason
    sekcam = actor_for(demo_db, "sekcam", TODAY)
    ids = [e.realisation_id or 0 for e in quarter_entries(demo_db, 2025, 3) if e.code in ("IK04", "IK05")]
    return_to_kasi(demo_db, sekcam, ids, "Lampirkan daftar hadir pembinaan dan perbarui catatan desa.")
    # WHEN he opens "Isi realisasi" on the office laptop and chooses IK05 (its reason over the form)
    window = laptop_window(qtbot, demo_db, "kasi_pem")
    lazy = open_tool(qtbot, window, "Kasi Pemerintahan", "Isi realisasi")
    page = lazy.content
    select_where(page.table, lambda e: e.code == "IK05")
    qtbot.wait(30)
    # THEN the form, its per-desa list and Simpan are on the screen with the quarter's Ajukan, nothing to scroll
    form = page.form
    assert "Lampirkan daftar hadir" in form.note.text() and form.desa.isVisible()
    for button in (page.submit_button, form.save_button, form.add_button, form.desa.button):
        assert on_screen(button, window), button.text()
    assert lazy.scroller.verticalScrollBar().maximum() == 0
    fraction = form.desa.fraction  # read whole, not cut after its first line
    assert fraction.height() >= fraction.heightForWidth(fraction.width()), fraction.text()
    # WHEN he submits the quarter again ("Ajukan ke Sekretaris") and chooses IK04
    modals.answer(lambda box: click_box_button(box, "Ajukan"))
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "diajukan ke Sekretaris" in page.message.text())
    select_where(page.table, lambda e: e.code == "IK04")
    qtbot.wait(30)
    # THEN the message is read under the page and the form with Simpan still is on the screen
    assert on_screen(page.message, window) and on_screen(form.save_button, window)
    assert lazy.scroller.verticalScrollBar().maximum() == 0
    assert modals.unexpected == []


def test_the_pack_e81_and_lke_take_the_year_of_the_status_bar_and_fit(qtbot, demo_db, modals):  # noqa: F811
    # GIVEN the Tim SAKIP's window on TW III 2025 (the office laptop), with its pack, E.81 and LKE tools opened
    window = laptop_window(qtbot, demo_db, "sekcam")
    tools = ("Paket Kabupaten", "Formulir E.81", "Evaluasi SAKIP (LKE)")
    lazies = {tool: open_tool(qtbot, window, "Tim SAKIP", tool) for tool in (*tools[::2], tools[1])}  # E.81 last
    pack, e81, lke = (lazies[tool].content for tool in tools)
    # THEN none has a year picker of its own: each shows the status bar's year
    for page in (pack, e81, lke):
        assert not page.findChildren(QSpinBox), type(page).__name__
    assert pack.year == 2025 and "Tahun 2025" in pack.year_label.text()
    assert e81.chosen == (2025, 3) and "Tahun 2025" in e81.year_label.text()
    assert lke.year == 2025 and "Tahun dinilai 2025" in lke.year_label.text()
    # WHEN 2024 and TW II are chosen in the status bar while the E.81 is shown
    window.year_combo.setCurrentIndex(window.year_combo.findData(2024))
    window.quarter_combo.setCurrentIndex(window.quarter_combo.findData(2))
    # THEN the E.81 follows at once, the pack and the LKE when shown again; the pack keeps its own Setahun/TW choice
    assert e81.chosen == (2024, 2) and "Tahun 2024" in e81.year_label.text()
    pack.period.setCurrentIndex(3)
    buttons = {
        "Paket Kabupaten": (pack.pack_button, pack.salin_button),
        "Formulir E.81": (e81.save_button, e81.pdf_button, e81.xlsx_button),
        "Evaluasi SAKIP (LKE)": (lke.dpa_button, *lke.year_actions.buttons[:4]),
    }
    for tool in tools:
        lazy = open_tool(qtbot, window, "Tim SAKIP", tool)
        # AND every one fits the room: nothing to scroll, its buttons on the screen
        assert lazy.scroller.verticalScrollBar().maximum() == 0, tool
        for button in buttons[tool]:
            assert on_screen(button, window), (tool, button.text())
    assert pack.year == 2024 and "Tahun 2024" in pack.year_label.text() and pack.quarter == 3
    assert pack.rows and all(row.year == 2024 for row in pack.rows)
    assert lke.year == 2024 and lke.view is not None and lke.view.year == 2024
    assert modals.unexpected == []
