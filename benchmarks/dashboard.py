"""Dasbor benchmark: the Camat's dashboard over 10 years of data.

Builds the measurement benchmark's office (10 sasaran, 60 indicators, targets and realisasi for every
quarter of 2016-2025: `benchmarks/measurement.py`) and adds the budget: 10 programs, 60 sub kegiatan
with a pagu every year and spending every quarter, plus overdue tindak lanjut. Then times, for TW III 2025:

- the core view `dashboard()` alone (median of 7);
- the whole open: the Dasbor page built, filled, shown at 1280×800 and painted (`grab()`) (median of 7,
  a new page each time, offscreen Qt).

Target: the whole open under 300 ms. SOP steps come from the inbox query, timed with 200 runs of
history by `benchmarks/sop_inbox.py`; this office has no SOP runs. Run:

    python benchmarks/dashboard.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import measurement as measurement_bench

YEAR, QUARTER = 2025, 3
TODAY = dt.date(2025, 8, 13)
RUNS = 7
TARGET_SECONDS = 0.3
PROGRAMS = 10
SUB_ACTIVITIES_PER_PROGRAM = 6


def add_budget_and_follow_ups(path: Path) -> None:
    """Programs per sasaran, sub kegiatan with a pagu and quarterly spending in every year, 20 late tindak lanjut."""
    from sqlalchemy import insert

    from sakip_desktop.storage.database import Database
    from sakip_desktop.storage.models import (
        Activity,
        Budget,
        BudgetSpending,
        EvaluationMeeting,
        FollowUp,
        Person,
        Program,
        SubActivity,
    )

    db = Database.open(path, durable=False)
    now = dt.datetime(2025, 7, 1, 2, 0)
    with db.transaction() as s:
        s.execute(
            insert(Program),
            [
                {"id": p, "plan_id": 1, "code": f"7.01.{p:02d}", "name": f"PROGRAM {p}", "objective_id": p}
                for p in range(1, PROGRAMS + 1)
            ],
        )
        s.execute(
            insert(Activity),
            [{"id": p, "program_id": p, "code": f"7.01.{p:02d}.1", "name": f"Kegiatan {p}"} for p in range(1, 11)],
        )
        subs = [
            {"id": n, "activity_id": (n - 1) // SUB_ACTIVITIES_PER_PROGRAM + 1, "code": f"SK{n:03d}", "name": "Sub"}
            for n in range(1, PROGRAMS * SUB_ACTIVITIES_PER_PROGRAM + 1)
        ]
        s.execute(insert(SubActivity), subs)
        budgets, spending = [], []
        for year in measurement_bench.YEARS:
            for sub in subs:
                budget_id = len(budgets) + 1
                ceiling = 50_000_000 + sub["id"] * 1_000_000
                budgets.append({"id": budget_id, "sub_activity_id": sub["id"], "year": year, "ceiling": ceiling})
                for q in range(1, 5):
                    spending.append({"budget_id": budget_id, "quarter": q, "amount": ceiling // 5 + q * 100_000})
        s.execute(insert(Budget), budgets)
        s.execute(insert(BudgetSpending), spending)
        s.execute(insert(Person), [{"id": 1, "name": "Penanggung Jawab", "active_from": dt.date(2016, 1, 1)}])
        s.execute(
            insert(EvaluationMeeting),
            [
                {
                    "id": 1,
                    "year": YEAR,
                    "period_kind": "QUARTER",
                    "period_no": 2,
                    "held_on": dt.date(2025, 7, 10),
                    "created_by": "benchmark",
                    "created_at": now,
                }
            ],
        )
        s.execute(
            insert(FollowUp),
            [
                {
                    "meeting_id": 1,
                    "action": f"Tindak lanjut {n}",
                    "responsible_person_id": 1,
                    "due_on": dt.date(2025, 7, 15) + dt.timedelta(days=n),
                    "status": "OPEN",
                    "created_by": "benchmark",
                    "created_at": now,
                }
                for n in range(20)
            ],
        )
    db.close()


def main() -> int:
    from sakip_desktop.ops.base import SYSTEM
    from sakip_desktop.ops.home.dashboard import dashboard
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dasbor.db"
        measurement_bench.build(path)
        add_budget_and_follow_ups(path)
        db = Database.open(path)
        data = dashboard(db, YEAR, QUARTER, TODAY)  # first call compiles the statements
        core = []
        for _ in range(RUNS):
            t = time.perf_counter()
            data = dashboard(db, YEAR, QUARTER, TODAY)
            core.append(time.perf_counter() - t)

        from PySide6.QtWidgets import QApplication

        from ui.context import AppContext
        from ui.dashboard.page import DashboardPage

        app = QApplication.instance() or QApplication(sys.argv[:1])
        ctx = AppContext(db=db, actor=SYSTEM, year=YEAR, quarter=QUARTER, today=lambda: TODAY)

        def open_page() -> tuple[float, float, float, float]:
            t0 = time.perf_counter()
            page = DashboardPage(ctx)
            page.resize(1280, 800)
            t1 = time.perf_counter()
            page.show()  # shown: the page reads the dasbor and fills its charts and tables
            t2 = time.perf_counter()
            page.grab()  # first paint of what is on screen
            t3 = time.perf_counter()
            assert page.data is not None and len(page.indicators.model.rows()) == measurement_bench.INDICATORS
            page.close()
            page.deleteLater()
            app.processEvents()
            return t3 - t0, t1 - t0, t2 - t1, t3 - t2

        open_page()  # warm-up: fonts and styles are loaded once per process
        opens = [open_page() for _ in range(RUNS)]
        whole = [o[0] for o in opens]
        db.close()
    core_ms, whole_ms = statistics.median(core) * 1000, statistics.median(whole) * 1000
    print(
        f"{len(measurement_bench.YEARS)} years x {measurement_bench.INDICATORS} indicators x 4 quarters; "
        f"{PROGRAMS} programs, {PROGRAMS * SUB_ACTIVITIES_PER_PROGRAM} sub kegiatan with pagu each year; "
        f"{len(data.overdue_follow_ups)} late tindak lanjut"
    )
    print(f"dashboard() core view: median of {RUNS} {core_ms:.1f} ms")
    build_ms, show_ms, paint_ms = (statistics.median(o[i] for o in opens) * 1000 for i in (1, 2, 3))
    print(
        f"Dasbor opened (build + data + first paint, 1280x800): median of {RUNS} {whole_ms:.1f} ms "
        f"(target < {TARGET_SECONDS * 1000:.0f} ms)"
    )
    print(f"  of which widgets built {build_ms:.1f} ms, read and filled {show_ms:.1f} ms, painted {paint_ms:.1f} ms")
    return 0 if whole_ms < TARGET_SECONDS * 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
