"""Backup benchmark (issue: data safety): a verified backup of a ~200 MB office database against a plain copy.

Builds the demo office and fills it with bukti dukung files (incompressible, 1 MB each) up to the size asked,
then, alternating to share the disk cache fairly, times:

- `cp` of the file to another folder (the issue's floor; no flush, no check),
- `cp` followed by an fsync of the copy (the floor for a copy that survives pulling the flash drive out),
- the program's backup (`storage.backup.make_backup`: snapshot under a read lock, SHA-256, flush to the device,
  integrity check of the copy, row counts, rename, checksum file),

and reports the medians and their ratio. It also runs one backup from a Qt event loop through the program's
background job, with a 10 ms timer ticking on the GUI thread, and reports the longest gap between ticks (the
window stays responsive when that is small); the time of `sakip check` on the file; and the quick check the
program runs in the background after opening. Run:

    python benchmarks/backup.py [--size-mb 200] [--runs 3] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build(path: Path, size_mb: int) -> None:
    """The demo office plus bukti dukung files on TW IV drafts, through the operations, until ~`size_mb` MB."""
    from decimal import Decimal

    from sakip_desktop.demo.office import create_demo
    from sakip_desktop.demo.timeline import BASE_ANCHOR
    from sakip_desktop.ops.base import SYSTEM
    from sakip_desktop.ops.realisation.entry import add_evidence, save_realisation
    from sakip_desktop.storage import sql

    db = create_demo(path, anchor=BASE_ANCHOR)  # the 2025 demo the scenario pins
    try:
        with db.plain_reading() as s:
            indicators = [r[0] for r in sql.rows(s, "SELECT id FROM indicator ORDER BY id")]
        drafts = []
        for indicator in indicators:
            try:
                drafts.append(
                    save_realisation(
                        db, SYSTEM, indicator, 2025, 4, Decimal(1), supporting="", inhibiting="", follow_up=""
                    )
                )
            except Exception:  # an indicator without a TW IV target: skipped
                continue
        n = 0
        while path.stat().st_size < size_mb * (1 << 20):
            data = b"%PDF-1.4\n" + os.urandom(1 << 20)  # incompressible, as scanned documents are
            add_evidence(db, SYSTEM, drafts[n % len(drafts)], f"bukti-{n}.pdf", data)
            n += 1
    finally:
        db.close()


def time_cp(source: Path, folder: Path, *, flush: bool = False) -> float:
    """`cp` of the file; with `flush`, the copy is then flushed to the device (what a backup on a flash drive
    needs before the drive is pulled out)."""
    target = folder / "salinan.db"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    if shutil.which("cp"):
        subprocess.run(["cp", str(source), str(target)], check=True)
    else:
        shutil.copyfile(source, target)
    if flush:
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())
    took = time.perf_counter() - start
    target.unlink()
    return took


def time_backup(source: Path, folder: Path) -> float:
    from sakip_desktop.storage.backup import checksum_path, make_backup

    start = time.perf_counter()
    result = make_backup(source, folder, name="tolok-ukur.db", create=True)
    took = time.perf_counter() - start
    result.path.unlink()
    checksum_path(result.path).unlink()
    return took


def gui_gap(source: Path, folder: Path) -> tuple[float, float]:
    """(seconds the backup took, longest gap in ms between 10 ms ticks of a GUI timer meanwhile)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from sakip_desktop.storage.backup import checksum_path, make_backup
    from ui.background import BackgroundJob

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    job = BackgroundJob(lambda progress: make_backup(source, folder, name="gui.db", progress=progress, create=True))
    job.succeeded.connect(lambda result: loop.quit())
    job.failed.connect(lambda exc: (print("gagal:", exc), loop.quit()))
    start = time.perf_counter()
    timer.start(10)
    job.start()
    loop.exec()
    took = time.perf_counter() - start
    timer.stop()
    for path in (folder / "gui.db", checksum_path(folder / "gui.db")):
        path.unlink(missing_ok=True)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    del app
    return took, 1000 * max(gaps, default=took)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="sakip-bench-", dir=args.dir))
    try:
        source = base / "kantor.db"
        target = base / "tujuan"
        target.mkdir()
        print(f"Membuat basis data ~{args.size_mb} MB …", flush=True)
        build(source, args.size_mb)
        size = source.stat().st_size / (1 << 20)
        time_cp(source, target)  # both sides start with the file in the disk cache
        cps, flushed, backups = [], [], []
        for _ in range(args.runs):
            cps.append(time_cp(source, target))
            flushed.append(time_cp(source, target, flush=True))
            backups.append(time_backup(source, target))
        cp, cp_sync, backup = statistics.median(cps), statistics.median(flushed), statistics.median(backups)
        took, gap = gui_gap(source, target)
        start = time.perf_counter()
        check = subprocess.run(
            [sys.executable, "-m", "sakip_desktop.cli", "check", "--db", str(source)], capture_output=True, text=True
        )
        check_s = time.perf_counter() - start
        from sakip_desktop.storage.database import Database

        db = Database.open(source)
        start = time.perf_counter()
        problems = db.check_health()
        quick_s = time.perf_counter() - start
        db.close()
        print(f"Ukuran basis data      : {size:.0f} MB")
        print(f"cp (median of {args.runs})      : {cp:.2f} s   {[round(x, 2) for x in cps]}")
        print(f"cadangan (median)      : {backup:.2f} s   {[round(x, 2) for x in backups]}")
        print(f"cp + fsync (median)    : {cp_sync:.2f} s   {[round(x, 2) for x in flushed]}")
        print(f"rasio cadangan / cp    : {backup / cp:.2f}x (target <= 1,5x)")
        print(f"rasio cadangan / cp+fsync: {backup / cp_sync:.2f}x")
        print(f"cadangan dari GUI      : {took:.2f} s, jeda terpanjang timer GUI {gap:.0f} ms")
        print(f"sakip check            : {check_s:.2f} s (exit {check.returncode}; target < 5 s)")
        print(
            f"pemeriksaan cepat      : {quick_s:.2f} s di latar belakang, 1,5 s setelah jendela tampil "
            f"({'baik' if not problems else problems[0]})"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
