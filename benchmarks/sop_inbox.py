"""SOP benchmark: opening a role's inbox ('Menunggu Anda') with 200 runs of history.

Builds the demo office, then 200 more finished runs plus 10 under way, and times the inbox query
and the inbox panel's redraw (offscreen Qt). Target: under 100 ms. Run:

    python benchmarks/sop_inbox.py
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


def main() -> int:
    from sakip_desktop.demo.office import create_demo
    from sakip_desktop.demo.sops import DEMO_PEOPLE
    from sakip_desktop.demo.timeline import BASE_ANCHOR
    from sakip_desktop.domain.roles import Role
    from sakip_desktop.ops.org.auth import actor_for
    from sakip_desktop.ops.sop.library import list_sops
    from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
    from sakip_desktop.ops.sop.views import inbox
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        create_demo(path, anchor=BASE_ANCHOR).close()  # the 2025 demo the scenario pins
        db = Database.open(path, durable=False)  # history is written fast; the timing reads only
        people = {role: actor_for(db, name, dt.date(2025, 9, 1)) for role, name in DEMO_PEOPLE.items()}
        sops = list_sops(db)
        start = dt.datetime(2024, 1, 8, 1, 0)
        for n in range(200):
            sop = sops[n % len(sops)]
            walk_run(
                db,
                sop.id,
                people,
                SteppingClock(start + dt.timedelta(days=n)),
                title=f"Riwayat {n}",
                year=2024,
                quarter=n % 4 + 1,
                returns=1,
            )
        for n in range(10):
            sop = sops[n % len(sops)]
            walk_run(
                db,
                sop.id,
                people,
                SteppingClock(dt.datetime.now() - dt.timedelta(hours=n)),
                title=f"Berjalan {n}",
                year=2025,
                quarter=3,
                stop_before=1 + n % 3,
            )
        db.close()
        db = Database.open(path)
        camat = actor_for(db, "camat")
        kasubag = actor_for(db, "kasubag_renkeu")
        query_times, panel_times = [], []
        inbox(db, camat, role=Role.CAMAT)  # first call compiles the statements
        for _ in range(20):
            t = time.perf_counter()
            items = inbox(db, kasubag, role=Role.KASUBAG_PERENCANAAN)
            query_times.append(time.perf_counter() - t)

        from PySide6.QtWidgets import QApplication

        from ui.context import AppContext
        from ui.inbox import InboxPanel

        app = QApplication.instance() or QApplication(sys.argv[:1])
        ctx = AppContext(db=db, actor=kasubag, year=2025, quarter=3)
        grant = next(g for g in kasubag.grants if g.role is Role.KASUBAG_PERENCANAAN)
        panel = InboxPanel(ctx, grant, "")
        panel.resize(1100, 300)
        panel.show()
        for _ in range(20):
            t = time.perf_counter()
            panel.refresh()
            app.processEvents()
            panel_times.append(time.perf_counter() - t)
        runs = len(items)
        db.close()
    print("history: 200 finished runs (each with a return where the SOP has a decision) + demo runs")
    print(f"inbox query (Kasubag Perencanaan, {runs} waiting): median {statistics.median(query_times) * 1000:.1f} ms")
    print(f"inbox panel redraw incl. query: median {statistics.median(panel_times) * 1000:.1f} ms (target < 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
