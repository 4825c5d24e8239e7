"""Start-up in one place: what is imported first, the garbage collector, and the warm-up after the first screen.

The order, from the `sakip-desktop` command (`ui/__main__.py`) to the first painted window:

1. The cyclic garbage collector goes off before the program's ~400 modules are imported (`begin`; the entry point
   does it as its very first statement, before it imports this module). Start-up builds objects that live as long
   as the program (modules, Qt wrappers, the first screen's data): the collector would scan them again and again
   (~35 ms of the imports) and find nothing to free.
2. The Qt-free core is imported here, at the top of this module, before PySide6 (`ui/app.py` imports this module
   first). Once PySide6 is loaded, its import hook reads the source of every module named in an import statement
   run after it (looking for "PySide6"); for SQLAlchemy's ~250 modules and Babel that was ~80 ms of start-up
   (benchmarks/startup.py). So are the modules of every role's first screen (its reads): ~45 ms more.
3. The first screen reads with plain SQL and must not import heavy modules (reportlab, openpyxl, alembic, pypdf:
   tests/ui/test_startup.py); tool pages are built when first shown (`ui/widgets/pages.py` LazyPage).
4. Once the first window is up (`end_startup`), what start-up built is frozen out of the collector's way and the
   collector comes back on. A little later (`WARM_UP_DELAY_MS`) the mapped classes are declared and the engine made
   (`warm_up`), so the first tool opened or the first change saved does not carry that cost.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from pathlib import Path

# The core before PySide6 (see 2.), with the GUI's argument parser and the reads of the first screen of every role
# ("Menunggu Anda", the Camat's dasbor, the status bar): ~45 ms less than importing them after it.
from sakip_desktop import paths  # noqa: F401
from sakip_desktop.cli import indonesian  # noqa: F401
from sakip_desktop.domain import formats  # noqa: F401  (Babel, needed by every role tab)
from sakip_desktop.errors import DatabaseDamaged  # noqa: F401
from sakip_desktop.ops.base import Actor  # noqa: F401
from sakip_desktop.ops.home import backup_status, dashboard, overview, waiting_work  # noqa: F401
from sakip_desktop.ops.lhe import waiting  # noqa: F401
from sakip_desktop.ops.org import auth  # noqa: F401
from sakip_desktop.storage import models
from sakip_desktop.storage.database import Database

# How long after the login dialog or the main window is up the mapped classes are declared (see warm_up).
WARM_UP_DELAY_MS = 250
# The screen a --screenshot lays the window out on unless --size says otherwise: the office laptop.
SCREENSHOT_SIZE = (1366, 768)


def begin_startup() -> None:
    """Start-up begins: the collector off (again, when the entry point already did it)."""
    gc.disable()


def end_startup() -> None:
    """Start-up is over: freeze what it built and turn the cyclic garbage collector back on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def warm_up(db: Database) -> None:
    """Declare the mapped classes and make the engine (~0.2 s) once the login or the first screen is up.

    The first screen reads with plain SQL and waits for neither; without this, the first tool opened or the
    first change saved would carry the cost.
    """
    collecting = gc.isenabled()
    gc.disable()  # as during start-up: what is built here lives as long as the program
    try:
        models.load()
        with db.engine.connect():  # the SQLite dialect loaded and a pooled connection ready
            pass
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def declared() -> bool:
    """Whether the mapped classes have been declared (the first screen must not need them)."""
    return models.is_loaded()


def resident_kb() -> int:
    """Resident memory of this process in KB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def parse_size(text: str) -> tuple[int, int]:
    """'1366x768' as (1366, 768); ValueError with an Indonesian message for anything else."""
    width, _, height = text.lower().replace("×", "x").partition("x")
    try:
        size = int(width), int(height)
    except ValueError:
        raise ValueError(f"ukuran '{text}' tidak dikenal; tulis LEBARxTINGGI, mis. 1366x768") from None
    if not (320 <= size[0] <= 7680 and 240 <= size[1] <= 4320):
        raise ValueError(f"ukuran '{text}' di luar 320x240 sampai 7680x4320")
    return size


def screenshot_screen(size: tuple[int, int]) -> None:
    """Before the application is made: with no display (or Qt's offscreen platform named without a screen), a
    --screenshot lays the window out on an offscreen screen of `size` at 96 dpi, not on Qt's 800×800 default, so
    the picture shows what fits on that screen. A real display (or a configured one) is left as it is."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if (platform and platform != "offscreen") or (not platform and os.environ.get("DISPLAY")):
        return
    width, height = size
    screen = {"name": "layar", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config = Path(tempfile.gettempdir()) / f"sakip-desktop-layar-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
