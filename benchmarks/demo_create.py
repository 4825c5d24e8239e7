"""Demo office benchmark: the time to write the demo office "Kecamatan Contoh" into a new database file.

`create_demo` builds the whole office (people, planning, realisasi and their review, PKs, SOP runs, monitoring)
through the program's operations, told for today (or `--date`). This times it end to end, a new file each run, and
reports the median and the spread; also the number of rows written and of audit entries, so a change in how the demo
is built shows in both. The test suite builds the demo once per run (tests/conftest.py `demo_template`, told for
2025-10-15) and copies it. Run:

    python benchmarks/demo_create.py [--runs 3] [--date 2025-10-15]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _counts(path: Path) -> tuple[int, int]:
    """(rows in every table but the audit trail, audit entries) of the file at `path`."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    audit = rows.pop("audit_entry", 0)
    return sum(rows.values()), audit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--date", default="", help="the demo's day (YYYY-MM-DD); default today, as `sakip demo create`")
    args = parser.parse_args()
    import datetime as dt

    anchor = dt.date.fromisoformat(args.date) if args.date else None

    started = time.perf_counter()
    from sakip_desktop.demo.office import create_demo

    imported = time.perf_counter() - started
    times: list[float] = []
    cpu: list[float] = []  # this process's CPU time: less disturbed than the wall clock on a busy machine
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            path = Path(folder) / f"contoh{run}.db"
            started, started_cpu = time.perf_counter(), time.process_time()
            create_demo(path, anchor=anchor).close()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        rows, audit = _counts(path)
        size = path.stat().st_size
    print(f"import of sakip_desktop.demo.office: {imported:.2f} s")
    spread = f"min {min(times):.2f}, max {max(times):.2f}"
    print(f"create_demo, {args.runs} runs: median {statistics.median(times):.2f} s ({spread})")
    print(f"CPU time of create_demo: median {statistics.median(cpu):.2f} s (min {min(cpu):.2f})")
    print(f"rows written: {rows} (audit entries: {audit}); file {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
