"""Issue #4 "done when", the screens' half: after TW IV 2025 of the demo office was collected through the Format
Isian, verified and approved (tests/core/test_full_cycle.py does that through the operations), the real main
window shows the hand-calculated figures, and monitoring and evaluation run through the real widgets: the Tim
writes a telaah beside the capaian, the Sekretaris holds the TW IV meeting with a tindak lanjut for the Kasi
Pelayanan, which waits in the Kasi's tab and, once overdue, in the Camat's, until the Kasi reports it done.

Set SAKIP_SHOTS to a folder to keep a PNG of every screen."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals, table_texts  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from sakip_desktop.ops.monitoring.evaluation_views import list_meetings
from sakip_desktop.ops.monitoring.follow_up_views import follow_ups_for
from sakip_desktop.ops.monitoring.follow_ups import DONE
from sakip_desktop.ops.monitoring.telaah import monitoring_sheet
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from tests.core.test_full_cycle import (
    APPROVE_DAY,
    DUE_DAY,
    FOLLOW_UP,
    LATE_DAY,
    MEETING_DAY,
    MONITOR_DAY,
    OFFICE,
    S4,
    S5,
    collect_verify_approve,
    id_comma,
    spend_tw4,
)
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.monitoring.follow_up_dialog import FollowUpDialog, FollowUpEditDialog
from ui.monitoring.meetings_page import MeetingEditor, NewMeetingDialog
from ui.role_tab import RoleTab
from ui.widgets.forms import select_data, set_date

SHOTS = os.environ.get("SAKIP_SHOTS")
# Serapan of the whole office at TW IV, by hand from the toml's sub kegiatan plus the TW IV entered by spend_tw4:
#   pagu 1.485.650.000 (7.01.01) + 187.800.000 (7.01.02) + 140.000.000 (7.01.03) = 1.813.450.000;
#   spent TW I 479.160.000 + TW II 485.120.000 + TW III 397.680.000 + TW IV 49.100.000 = 1.411.060.000;
#   1.411.060.000 / 1.813.450.000 × 100 = 77,8108… → 77,81.
OFFICE_ABSORPTION = "77,81%"


def window_for(qtbot, db, username: str, day: dt.date) -> MainWindow:
    """The real main window of `username` logged in on `day`, working on TW IV 2025."""
    ctx = AppContext(db=db, actor=actor_for(db, username, day), year=2025, quarter=4, today=lambda: day)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    return window


def role_tab(window: MainWindow, role: str) -> RoleTab:
    """The window's tab of `role`, made current."""
    for i in range(window.tabs.count()):
        tab = window.tabs.widget(i)
        if isinstance(tab, RoleTab) and tab.grant.role.value == role:
            window.tabs.setCurrentIndex(i)
            return tab
    raise AssertionError(f"no {role} tab")


def open_tool(qtbot, tab: RoleTab, title: str) -> QWidget:
    titles = [tab.tools.tabText(i) for i in range(tab.tools.count())]
    assert title in titles, titles
    tab.tools.setCurrentIndex(titles.index(title))
    page = tab.cycle_pages[title].ensure_built()
    qtbot.waitUntil(page.isVisible)
    QTest.qWait(10)  # the page reads its data when first shown
    return page


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"full_cycle_{name}.png"))


def column(view, title: str) -> int:
    model = view.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert title in titles, titles
    return titles.index(title)


def test_tw4_monitored_and_evaluated_in_the_main_window(qtbot, demo_db, tmp_path, modals: Modals):
    db = demo_db
    # GIVEN TW IV 2025 collected through the Format Isian, verified, approved, and its spending entered
    collect_verify_approve(db, tmp_path)
    spend_tw4(db)

    # WHEN the Camat logs in after approving
    camat = window_for(qtbot, db, "camat", APPROVE_DAY)
    tab = role_tab(camat, "CAMAT")
    dashboard = tab.dashboard_page.content
    qtbot.waitUntil(lambda: dashboard.data is not None)
    shot(camat, "1_dashboard")
    # THEN his dasbor shows TW IV with the office's capaian, the serapan and the sasaran as calculated by hand
    assert dashboard.title.text() == "Dasbor kinerja TW IV tahun 2025"
    assert dashboard.office_tile.value.text() == f"{id_comma(OFFICE)}%"
    assert dashboard.budget_tile.value.text() == OFFICE_ABSORPTION
    bars = {b.label: b for b in dashboard.objective_chart.data}
    assert round(bars["S4"].value, 2) == float(S4) and round(bars["S5"].value, 2) == float(S5)

    # GIVEN the Tim SAKIP member's Pemantauan page on TW IV
    tim = window_for(qtbot, db, "analis_kebijakan", MONITOR_DAY)
    page = open_tool(qtbot, role_tab(tim, "TIM_SAKIP"), "Pemantauan")
    codes = table_texts(page.table, 0)
    capaian = dict(zip(codes, table_texts(page.table, column(page.table, "Capaian (%)")), strict=True))
    # THEN each indicator shows its capaian s.d. TW IV as calculated by hand
    assert (capaian["IK07"], capaian["IK08"], capaian["IK09"], capaian["IK12"]) == ("101,25", "87,50", "96,88", "90,00")
    # WHEN she writes a telaah of IK08 and saves
    page.table.selectRow(codes.index("IK08"))
    page.text.setPlainText("Capaian 87,50 turun; pengaduan lintas perangkat daerah belum dijawab.")
    page.save_button.click()
    shot(tim, "2_telaah")
    # THEN it is stored for TW IV
    [row] = [r for r in monitoring_sheet(db, 2025, 4) if r.measurement.info.code == "IK08"]
    assert row.text.startswith("Capaian 87,50 turun")

    # GIVEN the Sekretaris's "Evaluasi kinerja" page and the Kasi Pelayanan
    sek = window_for(qtbot, db, "sekcam", MEETING_DAY)
    meetings = open_tool(qtbot, role_tab(sek, "SEKRETARIS"), "Evaluasi kinerja")
    kasi = actor_for(db, "kasi_pelayanan", MEETING_DAY)
    seen: dict[str, str] = {}

    def new_meeting(dialog: QWidget) -> None:
        assert isinstance(dialog, NewMeetingDialog)
        select_data(dialog.form.kind, "QUARTER")
        dialog.form.number.setValue(4)
        set_date(dialog.form.held_on, MEETING_DAY)
        dialog.accept()

    def editor(dialog: QWidget) -> None:
        assert isinstance(dialog, MeetingEditor)
        # the discussion tab lists every indicator with its capaian s.d. TW IV
        view = dialog.discussion.table
        texts = table_texts(view, 0)
        seen["IK08"] = table_texts(view, column(view, "Capaian (%)"))[texts.index("IK08")]
        dialog.tabs.setCurrentIndex(3)
        dialog.follow_ups.add_button.click()  # the next handler answers the tindak lanjut dialog
        shot(dialog, "3_meeting")
        dialog.reject()

    def follow_up(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpEditDialog)
        dialog.action.setPlainText(FOLLOW_UP)
        select_data(dialog.person, kasi.person_id)
        set_date(dialog.due, DUE_DAY)
        dialog.save_button.click()

    # WHEN she creates the TW IV meeting and, in its editor, a tindak lanjut for the Kasi Pelayanan
    for handler in (new_meeting, editor, follow_up):
        modals.answer(handler)
    meetings.new_button.click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the meeting discussed IK08 at 87,50 and holds the tindak lanjut
    assert seen["IK08"] == "87,50"
    meeting = next(m for m in list_meetings(db, 2025) if m.period_no == 4)
    assert meeting.title == "Rapat Evaluasi Kinerja Triwulan IV 2025" and meeting.follow_ups == 1
    [mine] = [f for f in follow_ups_for(db, kasi.person_id, MEETING_DAY) if f.action == FOLLOW_UP]

    # AND it waits in the Kasi Pelayanan's tab, not in the Camat's overdue list before its due date
    kasi_window = window_for(qtbot, db, "kasi_pelayanan", MEETING_DAY)
    kasi_tab = role_tab(kasi_window, "KASI")
    assert mine.id in [f.id for f in kasi_tab.follow_ups.items()]
    assert mine.id not in [f.id for f in role_tab(camat, "CAMAT").follow_ups.items()]
    # WHEN the Camat logs in after the due date THEN he sees it overdue
    late = window_for(qtbot, db, "camat", LATE_DAY)
    late_items = {f.id: f for f in role_tab(late, "CAMAT").follow_ups.items()}
    assert late_items[mine.id].days_overdue == 3
    shot(late, "4_camat_overdue")

    def report(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpDialog)
        select_data(dialog.status, DONE)
        dialog.note.setPlainText("Dinas PUPR menjawab; pengaduan ditutup.")
        dialog.save_button.click()

    # WHEN the Kasi opens it from his tab (Enter on the row) and reports it done
    panel = kasi_tab.follow_ups
    panel.view.selectRow([f.id for f in panel.items()].index(mine.id))
    modals.answer(report)
    panel.view.activated.emit(panel.view.currentIndex())
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN it leaves his list
    assert mine.id not in [f.id for f in panel.items()]
    assert mine.id not in [f.id for f in follow_ups_for(db, kasi.person_id, LATE_DAY)]
