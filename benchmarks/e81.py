"""Formulir E.81 benchmark (issue 15: under 1 s): TW III 2025 of the large office of `benchmarks/lkj.py` (15 sasaran,
60 indicators, 30 programs with 60 kegiatan and 120 sub kegiatan, five Renstra years of targets, realisasi and
spending), timed from the data to the PDF (`catalog.preview`: gather, lay out, write) and to the .xlsx of the form.
Run:

    python benchmarks/e81.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_SECONDS = 1.0


def main() -> int:
    from lkj import enlarge

    from sakip_desktop.demo.office import create_demo
    from sakip_desktop.demo.timeline import BASE_ANCHOR
    from sakip_desktop.documents.catalog import DocRequest, preview
    from sakip_desktop.documents.tables_xlsx import export_tables
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "besar.db"
        create_demo(path, anchor=BASE_ANCHOR).close()  # the 2025 demo the scenario pins
        enlarge(path)
        db = Database.open(path)
        request = DocRequest("e81", year=2025, quarter=3, day=dt.date(2025, 10, 10))
        pdf_times, xlsx_times, pages, size = [], [], 0, 0
        for _ in range(3):
            t = time.perf_counter()
            pdf, pages = preview(db, request)
            pdf_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            data, _tables = export_tables(db, request)
            xlsx_times.append(time.perf_counter() - t)
            size = len(pdf)
        db.close()
    pdf_median, xlsx_median = statistics.median(pdf_times), statistics.median(xlsx_times)
    print(f"E.81 TW III 2025 of the large office: {pages} pages, {size // 1024} KB PDF, {len(data) // 1024} KB .xlsx")
    print(
        f"PDF: median of 3 {pdf_median:.2f} s (each: {', '.join(f'{t:.2f}' for t in pdf_times)}; "
        f"target < {TARGET_SECONDS} s)"
    )
    print(f".xlsx: median of 3 {xlsx_median:.2f} s (each: {', '.join(f'{t:.2f}' for t in xlsx_times)})")
    return 0 if pdf_median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
