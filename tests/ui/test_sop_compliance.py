"""Kepatuhan SOP: real step times from past runs against the standard, slow steps marked."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import table_texts
from _sop_fixtures import MONDAY_9_WIB, add_decision_sop, context_for, people_of
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from ui.sop.compliance_page import CompliancePage
from ui.widgets.colours import LATE_COLOUR as OVER_COLOUR
from ui.widgets.forms import select_data

SOP, NO, ACTIVITY, STANDARD, COUNT, MEDIAN, WORST, OVER, RETURNS = range(9)


def test_a_slow_run_shows_its_step_over_the_standard(qtbot, demo_db, qtmodeltester):
    # GIVEN two finished runs of the SOP with a decision: one brisk (10 minutes a step), and one whose
    # step 1 took 40 minutes (standard 15) and whose decision was sent back once
    sop_id = add_decision_sop(demo_db)
    people = people_of(demo_db)
    for week, (first, returns) in enumerate(((10, 0), (40, 1))):
        walk_run(
            demo_db,
            sop_id,
            people,
            SteppingClock(MONDAY_9_WIB + dt.timedelta(days=7 * week)),
            title=f"Pemantauan Kinerja uji {week + 1}",
            year=2025,
            quarter=3,
            returns=returns,
            step_minutes=lambda position, first=first: first if position == 1 else 10,
        )
    # WHEN the compliance page shows that SOP
    page = CompliancePage(context_for(demo_db, "camat"))
    qtbot.addWidget(page)
    page.show()
    select_data(page.sop_combo, sop_id)

    # THEN each of its six steps has a row; step 1 ran twice, once over its standard, and is marked
    assert table_texts(page.table, NO) == ["1", "2", "1", "2", "3", "4"]  # numbered as the SOP numbers them
    assert set(table_texts(page.table, SOP)) == {"Pemantauan Kinerja (uji keputusan)"}
    first = page.rows()[0]
    assert (first.count, first.over_standard) == (2, 1)
    assert [table_texts(page.table, c)[0] for c in (STANDARD, COUNT, MEDIAN, WORST, OVER)] == [
        "15 menit",
        "2",
        "25,0 menit",
        "40,0 menit",
        "1 (50%)",
    ]
    assert page.table.model().index(0, ACTIVITY).data(Qt.ItemDataRole.BackgroundRole) == QColor(OVER_COLOUR)
    # ... step 2 (10 minutes against "1 jam") is within its standard, in hours, and not marked
    assert table_texts(page.table, MEDIAN)[1] == "0,2 jam" and table_texts(page.table, OVER)[1] == "0 (0%)"
    assert page.table.model().index(1, ACTIVITY).data(Qt.ItemDataRole.BackgroundRole) is None
    # ... the decision (step 4) was visited three times and sent back once
    assert table_texts(page.table, COUNT)[3] == "3" and table_texts(page.table, RETURNS)[3] == "1"
    assert page.summary.text() == "6 langkah, 1 pernah melebihi standar."
    qtmodeltester.check(page.model)


def test_all_sops_are_listed_together_and_the_choice_survives_a_refresh(qtbot, demo_db):
    # GIVEN the demo office with its SOP history
    page = CompliancePage(context_for(demo_db, "camat"))
    qtbot.addWidget(page)
    page.show()
    # THEN "Semua SOP" shows the steps of every SOP
    assert page.sop_combo.currentText() == "Semua SOP"
    assert len(set(table_texts(page.table, SOP))) == page.sop_combo.count() - 1 > 1
    # WHEN one SOP is chosen and the page is refreshed (e.g. after a run moved)
    page.sop_combo.setCurrentIndex(1)
    chosen = page.sop_combo.currentText()
    page.refresh()
    # THEN it stays on that SOP
    assert page.sop_combo.currentText() == chosen and set(table_texts(page.table, SOP)) == {chosen}


def test_the_compliance_report_is_exported_for_the_chosen_sop(qtbot, demo_db, tmp_path):
    from sakip_desktop.ops.org.auth import actor_for
    from ui.context import AppContext

    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat"), year=2025, quarter=3)
    page = CompliancePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.sop_combo.setCurrentIndex(page.sop_combo.findText("Pemantauan kinerja"))  # the adopted SOP's name
    assert page.export_to(tmp_path / "k.xlsx")
    from openpyxl import load_workbook

    names = {r[0].value for r in load_workbook(tmp_path / "k.xlsx").active.iter_rows(min_row=5)}
    assert names == {"Pemantauan kinerja"}
    assert "disimpan ke k.xlsx" in page.summary.text()
