"""Start-up imports only what the first window needs, and the Qt-free core before PySide6."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sakip_desktop.storage.sqlitefile import backup_file

# Read once the Camat's main window of the demo office has been painted (--screenshot quits then).
PROBE = """
import gc, sys
sys.argv = ["ui", "--db", sys.argv[1], "--screenshot", sys.argv[2]]
from ui.app import main
status = main()
names = list(sys.modules)
print(status)
print(" ".join(m for m in ("reportlab", "openpyxl", "alembic", "pypdf") if m in sys.modules) or "-")
print(names.index("sqlalchemy.orm") < names.index("PySide6.QtCore"))
print(gc.isenabled())
"""


def test_the_first_window_loads_no_heavy_module_and_the_core_before_qt(demo_template: Path, tmp_path: Path):
    # GIVEN a copy of the demo office
    db = tmp_path / "kantor.db"
    backup_file(demo_template, db)
    shot = tmp_path / "utama.png"
    # WHEN the program starts on it and paints the Camat's main window
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), str(shot)], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    status, heavy, core_first, gc_on = out.stdout.split("\n")[:4]
    # THEN it got there
    assert status == "0" and shot.stat().st_size > 10_000
    # AND reportlab, openpyxl, alembic were not imported: they load when a PDF or workbook is made
    assert heavy == "-"
    # AND SQLAlchemy was imported before PySide6, whose import hook reads the source of later modules
    assert core_first == "True"
    # AND the garbage collector, off during start-up, is back on
    assert gc_on == "True"


def test_input_restarts_the_idle_countdown_once_the_window_is_up(qtbot, demo_db):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from sakip_desktop.ops.auth import actor_for
    from ui import app as app_module

    # GIVEN the Camat's window, just opened, with a 6-second idle lock
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.open_window(actor_for(demo_db, "camat"))
    window = controller.window
    qtbot.addWidget(window)
    controller.idle.set_minutes(0.1)
    countdown = controller.idle._timer  # the watcher's timer: how long until the lock (a coarse timer: +-5%)
    qtbot.wait(1500)  # start-up ends on the first turn of the event loop; input is watched from then on
    before = countdown.remainingTime()
    assert 0 < before < 6000 - 700
    # WHEN a key is pressed in the window
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    # THEN the countdown starts again from the full idle time
    assert countdown.remainingTime() > before + 700
    controller.close()
