"""Kabupaten benchmark (issue 17): importing kecamatan backups into PostgreSQL, re-importing them, comparing them.

Makes N kecamatan office files from the demo (each its own kode wilayah, UUID and figures: every realisasi and
spending scaled by its own factor; a verified backup with its .sha256), starts a throwaway PostgreSQL server (as
the tests do, `tests/_pg_server.py`; or uses SAKIP_TEST_PG_URL), then times:

- the import of all N backups (`ops.kabupaten.importing.import_files`: restore's checks, copy, load, sequences, log;
  `--workers` files loading at once),
- the re-import of the same N (each a no-op by its checksum),
- the comparison of TW III 2025 over the N kecamatan (`ops.kabupaten.comparison.compare`: a few reads over every
  kecamatan schema at once, `ops.kabupaten.across`), and, for reference, the same figures read kecamatan by
  kecamatan through each office's own reads (`comparison.kecamatan_figures`, what the tests compare it with).

The issue's targets: import of 30 under 15 s, re-import of 30 under 1 s, the comparison under 0.5 s. Run:

    python benchmarks/kabupaten.py [--offices 30] [--workers 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SAKIP_DEMO_DATE", "2025-10-15")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sakip_desktop.demo.office import create_demo  # noqa: E402
from sakip_desktop.ops.kabupaten.comparison import compare, kecamatan_figures  # noqa: E402
from sakip_desktop.ops.kabupaten.importing import WORKERS, import_files  # noqa: E402
from sakip_desktop.ops.kabupaten.sources import kecamatan_list, opened  # noqa: E402
from tests import _pg_server  # noqa: E402
from tests._kabupaten_files import backup_of, office_file, scale_figures  # noqa: E402

ANCHOR = dt.date(2025, 10, 15)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=30)
    parser.add_argument("--workers", type=int, default=WORKERS, help="files loading at once (1: one by one)")
    args = parser.parse_args()
    server = _pg_server.start()
    if isinstance(server, str):
        print(server, file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="sakip-kab-bench-") as temp:
            folder = Path(temp)
            template = folder / "demo.db"
            create_demo(template, anchor=ANCHOR).close()
            files = []
            for i in range(args.offices):
                office = office_file(
                    template, folder / f"k{i}", name=f"Kecamatan{i:02d}", region_code=f"35.07.{i + 1:02d}"
                )
                if i:
                    scale_figures(office, f"{0.7 + 0.02 * i:.2f}")  # its own figures
                files.append(backup_of(office, folder / f"f{i}"))
            url = server.url(server.create_database())
            started = time.perf_counter()
            outcomes = import_files(url, files, imported_by="benchmark", workers=args.workers)
            loaded = time.perf_counter() - started
            assert all(o.status == "dimuat" for o in outcomes), [o.message for o in outcomes if not o.ok]
            started = time.perf_counter()
            again = import_files(url, files, imported_by="benchmark", workers=args.workers)
            reloaded = time.perf_counter() - started
            assert all(o.status == "sama" for o in again)
            times = []
            for _run in range(3):  # the first run also pays for the server's first plans and Python's imports
                started = time.perf_counter()
                cmp = compare(url, 2025, 3, ANCHOR)
                times.append(time.perf_counter() - started)
            assert len(cmp.rows) == args.offices and len({r.achievement for r in cmp.rows}) > 1
            started = time.perf_counter()
            for kecamatan in kecamatan_list(url):
                with opened(url, kecamatan) as db:
                    kecamatan_figures(db, kecamatan, 2025, 3, ANCHOR)
            one_by_one = time.perf_counter() - started
            size = files[0].stat().st_size / 1e6
            print(f"{args.offices} kecamatan files of {size:.1f} MB each")
            print(f"import     : {loaded:6.2f} s ({loaded / args.offices:.2f} s per file, {args.workers} at a time; "
                  "target 30 files < 15 s)")  # fmt: skip
            print(f"re-import  : {reloaded:6.2f} s (target 30 files < 1 s)")
            print(f"comparison : {times[0]:6.2f} s first, {min(times):.2f} s best of 3 (target < 0.5 s)")
            print(f"  reference: {one_by_one:6.2f} s (each kecamatan through its office's own reads)")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
