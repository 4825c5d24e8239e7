"""Program start: arguments, the database, first run, login, and the session loop."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

# The Qt-free core goes first, before PySide6: once PySide6 is loaded, its import hook reads the source
# of every module named in an import statement run after it (looking for "PySide6"); for SQLAlchemy's
# ~250 modules and Babel that was ~80 ms of start-up (measured with benchmarks/startup.py). So are the
# modules the first screen reads through (their own imports then run before the hook is there).
from sakip_desktop import paths
from sakip_desktop.domain import formats  # noqa: F401  (Babel, needed by every role tab)
from sakip_desktop.errors import UserError
from sakip_desktop.ops import auth, dashboard, follow_up_views, office, overview, sop_views, waiting_work  # noqa: F401
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage import models
from sakip_desktop.storage.database import Database

# isort: split
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ui.context import AppContext
from ui.idle import IdleWatcher

DEMO_SCREENSHOT_USER = "camat"
# How long after the login dialog or the main window is up the mapped classes are declared (see warm_up).
WARM_UP_DELAY_MS = 250


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line arguments of the GUI."""
    parser = argparse.ArgumentParser(prog="sakip-desktop", description="SAKIP Desktop")
    parser.add_argument("--db", type=Path, help="berkas basis data kantor (bawaan: folder data pengguna)")
    parser.add_argument("--demo", action="store_true", help="buka kantor contoh dalam basis data contoh yang baru")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png", help="simpan gambar jendela utama lalu keluar")
    return parser.parse_args(argv)


class Controller:
    """Owns the opened database and runs login → main window → switch user / lock → login."""

    def __init__(self, app: QApplication, db: Database, *, screenshot: Path | None = None) -> None:
        from sakip_desktop.ops.office import get_profile, get_settings

        self.app, self.db, self.screenshot = app, db, screenshot
        self.profile = get_profile(db)
        self.window = None
        self.ctx: AppContext | None = None
        self.idle = IdleWatcher(get_settings(db).idle_lock_minutes)
        self.idle.idle.connect(self.lock)
        self._watching_input = False
        self._warm_up_scheduled = False

    def demo_accounts(self):
        """The demo passwords, only for the demo office."""
        if not self.profile.is_demo:
            return None
        from sakip_desktop.demo import demo_accounts

        return demo_accounts()

    def ask_login(self, notice: str = "", preselect: str = "") -> Actor | None:
        """Show the login dialog; None when the person chose to quit."""
        from ui.login import LoginDialog

        self.idle.stop()
        self._schedule_warm_up()  # while the person types the password
        dialog = LoginDialog(
            self.db, self.profile, demo_accounts=self.demo_accounts(), notice=notice, preselect=preselect
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def start(self, actor: Actor | None) -> bool:
        """Log in (unless `actor` is given) and show the main window; False when the person quit."""
        actor = actor or self.ask_login()
        if actor is None:
            return False
        self.open_window(actor)
        return True

    def open_window(self, actor: Actor) -> None:
        """Build the main window for `actor`."""
        from sakip_desktop.ops.overview import default_period
        from ui.main_window import MainWindow

        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        year, quarter = default_period(self.db, dt.date.today())
        if self.ctx is not None and self.ctx.actor.account_id == actor.account_id:
            year, quarter = self.ctx.year, self.ctx.quarter
        self.ctx = AppContext(db=self.db, actor=actor, year=year, quarter=quarter)
        self.ctx.signals.master_data_changed.connect(self._on_master_data_changed)
        self.window = MainWindow(self.ctx, self.profile)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.show()
        self.idle.restart()
        QTimer.singleShot(0, self._window_up)  # queued before any other zero-timer: runs before the first grab

    def _window_up(self) -> None:
        """The main window is up: start-up is over, and from now on input restarts the idle countdown."""
        end_startup()
        self._schedule_warm_up()
        if not self._watching_input:
            # An application-wide event filter in Python sees every event of every Qt object. Installed
            # while the window was being built it cost ~60 ms of start-up (Qt types wrapped for Python, each
            # event passed through Python); the countdown only runs from here on, so this is when it is needed.
            self.app.installEventFilter(self.idle)
            self._watching_input = True

    def _schedule_warm_up(self) -> None:
        if not self._warm_up_scheduled:
            self._warm_up_scheduled = True
            QTimer.singleShot(WARM_UP_DELAY_MS, lambda: warm_up(self.db))

    def switch_user(self) -> None:
        """'Ganti pengguna': back to the login without closing the program."""
        assert self.window is not None
        self.window.hide()
        actor = self.ask_login()
        if actor is None:
            self.window.close()
            return
        self.open_window(actor)

    def lock(self) -> None:
        """Idle lock: hide the window; the same person returns to it, someone else gets a new one."""
        if self.window is None or not self.window.isVisible() or self.ctx is None:
            return
        self.window.hide()
        current = self.ctx.actor
        actor = self.ask_login(
            "Layar dikunci karena tidak ada kegiatan. Masuk lagi untuk melanjutkan.", current.username
        )
        if actor is None:
            self.window.close()
            return
        if actor.account_id == current.account_id:
            self.window.show()
            self.idle.restart()
        else:
            self.open_window(actor)

    def _on_master_data_changed(self, what: str) -> None:
        from sakip_desktop.ops.office import get_profile, get_settings

        if what == "settings":
            self.idle.set_minutes(get_settings(self.db).idle_lock_minutes)
        if what == "office":
            self.profile = get_profile(self.db)

    def close(self) -> None:
        """Stop watching input and close the window (end of the program)."""
        self.idle.stop()
        self.app.removeEventFilter(self.idle)
        if self.window is not None:
            self.window.close()

    def take_screenshot(self) -> None:
        """Render the main window to the PNG and quit."""
        assert self.screenshot is not None and self.window is not None
        picture = self.window.grab()
        if os.environ.get("SAKIP_STARTUP_PROBE"):
            # For benchmarks/startup.py: the window is painted (as the floor's grab() there); writing
            # the PNG file is the screenshot's own cost, not the start-up's.
            declared = int(models.is_loaded())  # whether the first screen needed the mapped classes
            print(f"SAKIP_READY {time.time():.6f} {_resident_kb()} {declared}", flush=True)
        picture.save(str(self.screenshot))
        self.app.quit()


def _resident_kb() -> int:
    """Resident memory of this process in KB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _resolve_db(args: argparse.Namespace) -> tuple[Path, bool]:
    """Which file to open, and whether the demo should be written fresh into it."""
    if args.demo:
        return (args.db or paths.demo_db_path()), True
    return (args.db or paths.default_db_path()), False


def first_run(db_path: Path) -> Database | None:
    """No office yet: open the demo, or create a new office with the wizard."""
    from ui.errors import show_error
    from ui.first_run import FirstRunDialog, NewOfficeWizard

    end_startup()  # writing a new office is not start-up: collect its garbage as usual
    dialog = FirstRunDialog(db_path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.choice == "demo":
        demo_path = paths.demo_db_path() if db_path == paths.default_db_path() else db_path
        return open_demo(demo_path, fresh=False)
    wizard = NewOfficeWizard(dt.date.today())
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.result_office is None:
        return None
    from sakip_desktop.ops.setup import create_office

    db = Database.open(db_path, create=True)
    try:
        create_office(db, wizard.result_office)
    except Exception as exc:
        db.close()
        db_path.unlink(missing_ok=True)
        show_error(None, exc)
        return None
    return db


def open_demo(path: Path, *, fresh: bool) -> Database:
    """The demo office: written anew when `fresh` or missing, else the existing demo file."""
    from sakip_desktop.demo import create_demo
    from sakip_desktop.storage.sqlitefile import read_header

    if fresh:
        path.unlink(missing_ok=True)
    if read_header(path).is_empty:
        path.unlink(missing_ok=True)
        end_startup()  # writing the demo is not start-up: collect its garbage as usual
        from ui.background import run_busy

        # Writing the demo (people, plan, SOP history, PKs) takes a few seconds: off the GUI thread, with a box.
        return run_busy(None, "Menyiapkan kantor contoh…", lambda: create_demo(path))
    return Database.open(path)


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


def end_startup() -> None:
    """Start-up is over: freeze what it built and turn the cyclic garbage collector back on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    """Start the GUI; returns the exit status."""
    # Start-up builds objects that live as long as the program (modules, Qt wrappers, the first screen's
    # data); the cyclic collector would scan them again and again and find nothing. It is off until the
    # first window is shown (`ui/__main__.py` turns it off before the imports), then they are frozen out
    # of its way.
    gc.disable()
    try:
        return _main(argv)
    finally:
        end_startup()


def _main(argv: list[str] | None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QLocale.setDefault(QLocale("id_ID"))  # by name: cheaper than building the enum classes
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_NAME)
    icon = paths.resources_dir() / "icons" / "sakip.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))

    db_path, fresh_demo = _resolve_db(args)
    try:
        from sakip_desktop.storage.sqlitefile import read_header

        if fresh_demo:
            db = open_demo(db_path, fresh=True)
        elif read_header(db_path).is_empty:
            opened = first_run(db_path)
            if opened is None:
                return 0
            db = opened
        else:
            db = Database.open(db_path, on_backup=lambda p: print(f"Cadangan sebelum peningkatan: {p}"))
    except UserError as exc:
        QMessageBox.critical(None, "Basis data tidak dapat dibuka", exc.message)
        return 1

    controller = Controller(app, db, screenshot=args.screenshot)
    actor = None
    if args.screenshot and controller.profile.is_demo:
        from sakip_desktop.ops.auth import actor_for

        actor = actor_for(db, DEMO_SCREENSHOT_USER)
    if args.screenshot and actor is None:
        print("--screenshot memerlukan kantor contoh (--demo) untuk masuk otomatis.", file=sys.stderr)
        return 2
    if not controller.start(actor):
        return 0
    if args.screenshot:
        QTimer.singleShot(0, controller.take_screenshot)
    status = app.exec()
    controller.close()
    db.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
