"""Start-up imports only what the first window needs, the Qt-free core before PySide6, and declares no mapped class."""

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
import contextlib, io
from ui.app import main
with contextlib.redirect_stdout(io.StringIO()) as said:  # SAKIP_STARTUP_PROBE: "SAKIP_READY time rss declared"
    status = main()
ready = said.getvalue()
names = list(sys.modules)
print(status)
print(ready.split()[3])
print(" ".join(m for m in ("reportlab", "openpyxl", "alembic", "pypdf") if m in sys.modules) or "-")
print(names.index("sqlalchemy.orm") < names.index("PySide6.QtCore"))
print(gc.isenabled())
"""


def run_probe(script: str, demo_template: Path, tmp_path: Path, *args: str, **env: str) -> list[str]:
    """Run `script` in a fresh process on a copy of the demo office (its path is argv[1]); its output lines."""
    db = tmp_path / "kantor.db"
    backup_file(demo_template, db)
    out = subprocess.run(
        [sys.executable, "-c", script, str(db), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env),
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()


def test_the_first_window_loads_no_heavy_module_and_the_core_before_qt(demo_template: Path, tmp_path: Path):
    # GIVEN a copy of the demo office
    shot = tmp_path / "utama.png"
    # WHEN the program starts on it and paints the Camat's main window
    said = run_probe(PROBE, demo_template, tmp_path, str(shot), SAKIP_STARTUP_PROBE="1")
    status, declared, heavy, core_first, gc_on = said[:5]
    # THEN it got there
    assert status == "0" and shot.stat().st_size > 10_000
    # AND the mapped classes were not declared for it: the first screen reads with plain SQL
    assert declared == "0"
    # AND reportlab, openpyxl, alembic were not imported: they load when a PDF or workbook is made
    assert heavy == "-"
    # AND SQLAlchemy was imported before PySide6, whose import hook reads the source of later modules
    assert core_first == "True"
    # AND the garbage collector, off during start-up, is back on
    assert gc_on == "True"


def test_input_restarts_the_idle_countdown_once_the_window_is_up(qtbot, demo_db):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from sakip_desktop.ops.org.auth import actor_for
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


# Every demo person's first screen, and the login before it, in a process of their own (nothing declared yet).
ROLES_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from sakip_desktop.demo.office import demo_accounts
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.storage import models
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.login import LoginDialog
from ui.main_window import MainWindow
app = QApplication([])
db = Database.open(sys.argv[1])
profile = get_profile(db)
login = LoginDialog(db, profile, demo_accounts=demo_accounts())
login.show()
app.processEvents()
print("login", login.isVisible(), models.is_loaded())
login.close()
for account in demo_accounts():
    window = MainWindow(AppContext(db, actor_for(db, account.username), 2025, 3), profile)
    window.show()
    app.processEvents()
    window.grab()
    tab = window.tabs.currentWidget()
    shown = tab.indicator_model.rowCount() if hasattr(tab, "indicator_model") else -1
    print(account.username, shown, models.is_loaded())
    window.close()
"""


def test_no_first_screen_of_any_demo_person_declares_the_mapped_classes(demo_template: Path, tmp_path: Path):
    # GIVEN a copy of the demo office, opened in a fresh process
    # WHEN the login dialog is shown and then each demo person's main window, painted on their first tab
    lines = [line.split() for line in run_probe(ROLES_PROBE, demo_template, tmp_path)]
    # THEN the login showed, and neither it nor any first screen needed the mapped classes (plain SQL reads)
    assert lines[0] == ["login", "True", "False"]
    assert len(lines) > 10
    for username, shown, declared in lines[1:]:
        assert declared == "False", f"the first screen of {username} declared the mapped classes"
        # AND each role tab listed its indicators (the reads returned data, not nothing)
        assert shown == "-1" or int(shown) > 0, username


WARM_UP_PROBE = """
import sys, time
from PySide6.QtWidgets import QApplication
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage import models
from sakip_desktop.storage.database import Database
from ui.app import Controller
app = QApplication([])
db = Database.open(sys.argv[1])
controller = Controller(app, db)
controller.open_window(actor_for(db, "camat"))
print(models.is_loaded(), "engine" in db.__dict__)
deadline = time.monotonic() + 5
while not ("engine" in db.__dict__ and models.is_loaded()) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(models.is_loaded(), "engine" in db.__dict__)
controller.close()
"""


def test_the_mapped_classes_and_the_engine_are_ready_soon_after_the_window_is_up(demo_template: Path, tmp_path: Path):
    # GIVEN a copy of the demo office, opened in a fresh process
    # WHEN the Camat's window opens and the program then idles
    opened, later = run_probe(WARM_UP_PROBE, demo_template, tmp_path)
    # THEN the window needed neither; they were made moments later, before any tool is opened
    assert opened == "False False"
    assert later == "True True"
