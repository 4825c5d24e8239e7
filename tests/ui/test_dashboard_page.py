"""The Camat's tab opens on the dasbor: sasaran bars in their band colours, serapan, trends, what is late."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, table_texts
from PySide6.QtCore import Qt

from sakip_desktop.ops.monitoring.evaluation import MeetingInput, create_meeting
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.dashboard.page import DashboardPage
from ui.main_window import MainWindow
from ui.sop.step_dialog import StepDialog

DAY = dt.date(2025, 8, 13)
SANGAT_BAIK, BAIK = "#1b5e20", "#4caf50"


def _window(qtbot, db, username: str = "camat", day: dt.date = DAY) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, day), year=2025, quarter=3, today=lambda: day)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def _dashboard(qtbot, window: MainWindow) -> DashboardPage:
    tab = window.tabs.widget(0)
    assert tab.tools.tabText(0) == "Dasbor"
    assert tab.tools.currentWidget() is tab.dashboard_page
    page = tab.dashboard_page.content
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.data is not None)  # read when it first shows
    return page


def test_the_camats_tab_opens_on_the_dashboard_with_the_sasaran_bars(qtbot, demo_db):
    # GIVEN the demo office WHEN the Camat logs in
    window = _window(qtbot, demo_db)
    page = _dashboard(qtbot, window)

    # THEN the first thing he sees is the dasbor of TW III 2025
    assert page.title.text() == "Dasbor kinerja TW III tahun 2025"
    assert page.office_tile.value.text() == "99,61%"
    assert "Sangat Baik" in page.office_tile.note.text()
    assert page.budget_tile.value.text() == "75,10%"
    # ... with a bar per sasaran in its band's colour (S5 at 90,20% is 'Baik')
    bars = page.objective_chart.data
    assert [b.label for b in bars] == ["S1", "S2", "S3", "S4", "S5"]
    assert [b.colour for b in bars] == [SANGAT_BAIK] * 4 + [BAIK]
    assert round(bars[4].value, 2) == 90.20
    assert "Meningkatnya partisipasi masyarakat" in bars[4].tooltip
    # ... the quarter trend TW I-III, serapan per program and the total
    assert [p.label for p in page.quarter_chart.data] == ["TW I", "TW II", "TW III"]
    assert [b.label.split("\n")[0] for b in page.budget_chart.data][-1] == "Jumlah"
    # ... the indicators with their capaian, and the demo's late SOP step and tindak lanjut
    assert len(table_texts(page.indicators.view, 0)) == 12
    ik09 = table_texts(page.indicators.view, 0).index("IK09")
    assert table_texts(page.indicators.view, 5)[ik09] == "87,50%"
    assert table_texts(page.indicators.view, 7)[ik09] == "Baik"
    assert page.steps.view.isVisible() and page.steps.model.rowCount() >= 1
    assert page.follow_tile.value.text() == str(page.follow_ups.model.rowCount())


def test_other_roles_have_no_dashboard(qtbot, demo_db):
    # GIVEN the Sekretaris after his days as Plh. Camat WHEN he logs in THEN his tab has no dasbor
    window = _window(qtbot, demo_db, "sekcam", dt.date(2025, 9, 1))
    tab = window.tabs.widget(0)
    assert tab.dashboard_page is None
    assert "Dasbor" not in [tab.tools.tabText(i) for i in range(tab.tools.count())]


def test_dashboard_redraws_when_work_or_period_changes(qtbot, demo_db):
    # GIVEN the Camat looking at the dasbor
    window = _window(qtbot, demo_db)
    page = _dashboard(qtbot, window)
    before = page.follow_ups.model.rowCount()

    # WHEN the Sekretaris adds a tindak lanjut already past due and the work is announced
    sekcam = actor_for(demo_db, "sekcam", DAY)
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    meeting = create_meeting(demo_db, sekcam, MeetingInput(2025, "QUARTER", 2, dt.date(2025, 7, 10)))
    add_follow_up(
        demo_db, sekcam, FollowUpInput("Perbaiki data desa", kasi.person_id, dt.date(2025, 8, 1)), meeting_id=meeting
    )
    window.ctx.signals.work_changed.emit()

    # THEN the dasbor lists it at once
    assert page.follow_ups.model.rowCount() == before + 1
    assert "Perbaiki data desa" in table_texts(page.follow_ups.view, 0)
    assert page.follow_tile.value.text() == str(before + 1)

    # WHEN he turns to TW II THEN the dasbor is of TW II
    window.ctx.set_period(2025, 2)
    assert page.title.text() == "Dasbor kinerja TW II tahun 2025"
    assert [p.label for p in page.quarter_chart.data] == ["TW I", "TW II"]
    assert page.objective_card.title.text() == "Capaian per sasaran s.d. TW II 2025"


def test_enter_on_a_late_step_opens_the_step_screen(qtbot, demo_db, modals: Modals):
    # GIVEN the Camat's dasbor listing a step over its standard time
    window = _window(qtbot, demo_db)
    page = _dashboard(qtbot, window)
    view = page.steps.view
    assert page.steps.model.rowCount() >= 1
    seen = []

    def step_screen(dialog):
        assert isinstance(dialog, StepDialog)
        seen.append(dialog.windowTitle())
        dialog.reject()

    # WHEN he presses Enter on it THEN the step screen opens
    modals.answer(step_screen)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: modals.pending == 0)
    assert seen


def test_an_empty_quarter_reads_belum_ada_data_not_a_bad_capaian(qtbot, demo_db):
    # GIVEN TW IV 2025 opened with no realisasi yet (issue #12 §2)
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=4, today=lambda: DAY)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    # THEN the office tile has no figure and says the data is missing (was 92,30% from the carried-over TW III)
    assert page.office_tile.value.text() == "—"
    assert page.office_tile.note.text() == "Belum ada data"
    assert "12 indikator belum ada data TW IV: tidak dihitung dalam rata-rata." in page.subtitle.text()
    # AND every indicator's category reads "Belum ada data", none graded
    assert set(table_texts(page.indicators.view, 7)) == {"Belum ada data"}
