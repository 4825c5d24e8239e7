"""Frozen start against source start (issue #14): time to a usable main window on the demo office.

The same window both ways, measured in one run and interleaved so machine noise hits both alike: the program
from its Python sources (`python -m ui`, compiled bytecode as after an install) and the one-folder frozen build
of installer/build.py. Each is a fresh process opening the same demo database with `--screenshot`; the clock
runs from just before the spawn to the moment the window has been painted (SAKIP_STARTUP_PROBE, as
benchmarks/startup.py). Build the frozen program first:

    python installer/build.py freeze                 # in an environment with `pip install ".[build]"`
    python benchmarks/frozen_start.py [--frozen dist/sakip-desktop] [--runs 7]

Prints both medians, the ratio (target: frozen <= 1.2x source) and the frozen folder's size on disk (target:
installed size < 120 MB; the size of the installer itself is measured by the Windows workflow).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import run

ROOT = Path(__file__).resolve().parent.parent


def folder_megabytes(folder: Path) -> float:
    """The size of every file under `folder` in MB (10^6 bytes); links (PyInstaller makes some on Linux) count once."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def frozen_program(folder: Path) -> Path:
    """The windowed program of the frozen folder."""
    for name in ("SAKIP Desktop.exe", "SAKIP Desktop"):
        if (folder / name).is_file():
            return folder / name
    sys.exit(f"No frozen program in {folder}: run `python installer/build.py freeze` first")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "sakip-desktop", help="the frozen folder")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    program = frozen_program(args.frozen)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAKIP_STARTUP_PROBE="1", HOME=tmp, USERPROFILE=tmp)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        env.setdefault("SAKIP_DEMO_DATE", "2025-10-15")  # the same demo office both ways
        # Each side writes its own copy of the demo: a source tree ahead of the frozen build may know a newer
        # schema, and would upgrade a shared file beyond what the frozen program opens.
        source_db, frozen_db = Path(tmp) / "source.db", Path(tmp) / "frozen.db"
        subprocess.run(
            [sys.executable, "-m", "sakip_desktop.cli", "demo", "create", str(source_db)], env=env, check=True
        )
        subprocess.run(
            [str(program.with_name(f"sakip{program.suffix}")), "demo", "create", str(frozen_db)], env=env, check=True
        )
        shot = str(Path(tmp) / "shot.png")
        source_cmd = [sys.executable, "-m", "ui", "--db", str(source_db), "--screenshot", shot]
        frozen_cmd = [str(program), "--db", str(frozen_db), "--screenshot", shot]
        run(source_cmd, env)  # warm the file cache and the .pyc files of both
        run(frozen_cmd, env)
        source, frozen = [], []
        for _ in range(args.runs):
            source.append(run(source_cmd, env)[0])
            frozen.append(run(frozen_cmd, env)[0])
    source_median, frozen_median = statistics.median(source), statistics.median(frozen)
    print("source runs (ms):", " ".join(f"{t * 1000:.0f}" for t in source))
    print("frozen runs (ms):", " ".join(f"{t * 1000:.0f}" for t in frozen))
    print(f"source start to usable window: median {source_median * 1000:.0f} ms")
    print(f"frozen start to usable window: median {frozen_median * 1000:.0f} ms")
    print(f"ratio frozen/source: {frozen_median / source_median:.2f}x  (target: <= 1.2x)")
    print(f"frozen folder on disk ({args.frozen}): {folder_megabytes(args.frozen):.0f} MB  (target: < 120 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
