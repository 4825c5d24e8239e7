"""Program start: arguments, the database, first run, login, and the session loop."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

# Start-up (import order, the garbage collector, the warm-up) is told and done in ui/startup.py; it imports the
# Qt-free core, so it goes first, before PySide6.
from ui.arguments import parse_args, resolve_db
from ui.startup import (
    SCREENSHOT_SIZE,
    WARM_UP_DELAY_MS,
    begin_startup,
    declared,
    end_startup,
    resident_kb,
    screenshot_screen,
    warm_up,
)

# isort: split
from sakip_desktop import paths
from sakip_desktop.errors import DatabaseDamaged
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.database import Database

# isort: split
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ui.context import AppContext
from ui.idle import IdleWatcher

if TYPE_CHECKING:  # imported when needed, after the login
    from ui.main_window import MainWindow
    from ui.safety import HealthWatch

DEMO_SCREENSHOT_USER = "camat"
# How long after the window is up the file's health check (and the daily backup) starts, in the background.
HEALTH_CHECK_DELAY_MS = 1500


class Controller:
    """Owns the opened database and runs login → main window → switch user / lock → login."""

    def __init__(
        self,
        app: QApplication,
        db: Database,
        *,
        screenshot: Path | None = None,
        care: bool = False,
        user: str = "",
        size: tuple[int, int] = SCREENSHOT_SIZE,
    ) -> None:
        from sakip_desktop.ops.org.office import get_profile, get_settings

        self.app, self.db, self.screenshot = app, db, screenshot
        self.size = size  # --size: the screen a screenshot's window is laid out on
        self.user = user  # the name selected at the first login (--user)
        self.restore_file: Path | None = None  # --restore: offered once the first window is up
        # The program's own care for the file: the health check and daily backup after start, the backup on
        # closing. The program turns it on; tests of other things leave it off, so no background work races them.
        self.care = care
        if care:
            # Emitted before the event loop ends, so the backup's wait box (and a failure's message) can show.
            app.lastWindowClosed.connect(self.back_up_on_exit)
        self.profile = get_profile(db)
        self.window: MainWindow | None = None
        self.ctx: AppContext | None = None
        self.idle = IdleWatcher(get_settings(db).idle_lock_minutes)
        self.idle.idle.connect(self.lock)
        self._watching_input = False
        self._warm_up_scheduled = False
        self.health: HealthWatch | None = None  # the background check of the opened file (ui/safety.py), once per file

    def demo_accounts(self):
        """The demo passwords, only for the demo office."""
        if not self.profile.is_demo:
            return None
        from sakip_desktop.demo.office import demo_accounts

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

    def start(self, actor: Actor | None, notice: str = "") -> bool:
        """Log in (unless `actor` is given) and show the main window; False when the person quit."""
        actor = actor or self.ask_login(notice, self.user)
        if actor is None:
            return False
        self.open_window(actor)
        return True

    def open_window(self, actor: Actor) -> None:
        """Build the main window for `actor`."""
        from sakip_desktop.ops.home.overview import default_period
        from ui.main_window import MainWindow

        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        year, quarter = default_period(self.db, dt.date.today())
        if self.ctx is not None and self.ctx.actor.account_id == actor.account_id:
            year, quarter = self.ctx.year, self.ctx.quarter
        self.ctx = AppContext(db=self.db, actor=actor, year=year, quarter=quarter)
        self.ctx.signals.master_data_changed.connect(self._on_master_data_changed)
        self.ctx.signals.restore_requested.connect(self.restore)
        self.window = MainWindow(self.ctx, self.profile)
        self.window.switch_user_requested.connect(self.switch_user)
        if self.screenshot is not None:  # the picture: the window filling a screen of --size, as maximised there
            self.window.setGeometry(0, 0, *self.size)
            self.window.show()
        else:
            self.window.show_fitting()  # maximised on the office laptop, where the default size does not fit
        self.idle.restart()
        QTimer.singleShot(0, self._window_up)  # queued before any other zero-timer: runs before the first grab
        if self.restore_file is not None:
            backup, self.restore_file = self.restore_file, None
            window = self.window
            QTimer.singleShot(0, lambda: window.open_restore_with(backup))

    def _window_up(self) -> None:
        """The main window is up: start-up is over, and from now on input restarts the idle countdown."""
        end_startup()
        self._schedule_warm_up()
        if self.care and self.health is None:
            QTimer.singleShot(HEALTH_CHECK_DELAY_MS, self._watch_health)
        if not self._watching_input:
            # An application-wide event filter in Python sees every event of every Qt object. Installed
            # while the window was being built it cost ~60 ms of start-up (Qt types wrapped for Python, each
            # event passed through Python); the countdown only runs from here on, so this is when it is needed.
            self.app.installEventFilter(self.idle)
            self._watching_input = True

    def _schedule_warm_up(self) -> None:
        if not self._warm_up_scheduled:
            self._warm_up_scheduled = True
            QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up)

    def _warm_up(self) -> None:
        """After start-up: the mapped classes and the engine, and the log file (ui/startup.py, ui/errors.py)."""
        from ui.errors import open_log

        warm_up(self.db)
        open_log()

    def _watch_health(self) -> None:
        """Check the file in the background once after it was opened; damage is told and leads to a restore.

        Made here, started a little later (`HEALTH_CHECK_DELAY_MS`); ui/safety.py is imported then too, so
        start-up pays for none of it.
        """
        from sakip_desktop.ops.org.office import get_settings

        if self.health is not None or not self.care:
            return
        from ui.safety import HealthWatch

        self.health = HealthWatch(self.db, get_settings(self.db).backup_keep_daily, self.app)
        self.health.damaged.connect(self.on_damage)
        self.health.trail_broken.connect(self.on_trail_broken)
        self.health.start()

    def on_trail_broken(self, status: str) -> None:
        """The audit trail was changed behind the program's back: a banner for everyone, the details in Pengaturan."""
        if self.window is not None:
            self.window.show_trail_problem(status)

    def on_damage(self, message: str) -> None:
        """The file is damaged: say so, mark the window, and offer the restore."""
        from ui.restore_dialog import restore_sources
        from ui.safety import ask_after_damage, choose_backup

        if self.window is not None:
            self.window.show_health()
        if not ask_after_damage(self.window, message):
            return
        chosen = choose_backup(self.window, self.db.path, restore_sources(self.db))
        if chosen is not None:
            self.restore(*chosen, by_admin_only=False)

    def restore(self, backup, confirm_other_office: bool, *, by_admin_only: bool = True) -> bool:
        """Swap the database for a backup and start over at the login; False when it was refused.

        From the menu only an administrator may; after damage is found, whoever is there (the data is unusable).
        """
        from sakip_desktop.ops.org.office import get_profile, get_settings
        from ui.safety import carry_out_restore

        restorer = self.ctx.actor if self.ctx is not None else None
        if by_admin_only and not self.db.damage and (restorer is None or not restorer.is_admin):
            return False
        if self.window is not None:
            self.window.hide()
        self.db.close()
        outcome = carry_out_restore(self.window, self.db.path, Path(backup), confirm_other_office, restorer)
        if outcome is None:  # refused: the file is as it was, and the person goes on where they were
            if self.window is not None:
                self.window.show()
            return False
        self.db, notice = outcome
        # The old window stays hidden (closing the last window would end the program) until open_window
        # replaces it; it shows the old file, so it must not come back.
        self.profile = get_profile(self.db)
        self.idle.set_minutes(get_settings(self.db).idle_lock_minutes)
        self.health = None
        self.ctx = None
        actor = self.ask_login(notice)
        if actor is None:
            if self.window is not None:
                self.window.close()
            return True
        self.open_window(actor)
        return True

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
        from sakip_desktop.ops.org.office import get_profile, get_settings

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

    def back_up_on_exit(self) -> None:
        """The automatic backup on closing (when the data changed since the newest one)."""
        from sakip_desktop.ops.org.office import get_settings
        from ui.safety import backup_on_exit

        if self.care:
            backup_on_exit(self.db, get_settings(self.db).backup_keep_daily)

    def take_screenshot(self) -> None:
        """Render the main window to the PNG and quit."""
        assert self.screenshot is not None and self.window is not None
        picture = self.window.grab()
        if os.environ.get("SAKIP_STARTUP_PROBE"):
            # For benchmarks/startup.py: the window is painted (as the floor's grab() there); writing
            # the PNG file is the screenshot's own cost, not the start-up's.
            # Whether the first screen needed the mapped classes.
            print(f"SAKIP_READY {time.time():.6f} {resident_kb()} {int(declared())}", flush=True)
        picture.save(str(self.screenshot))
        self.app.quit()


def main(argv: list[str] | None = None) -> int:
    """Start the GUI; returns the exit status."""
    begin_startup()  # the collector is off until the first window is shown (ui/startup.py)
    try:
        return _main(argv)
    finally:
        end_startup()


def _main(argv: list[str] | None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = _make_app(args)
    if args.url:  # the kabupaten's data, read-only (issue 17)
        from ui.kabupaten.window import run_kabupaten

        return run_kabupaten(app, args.url, screenshot=args.screenshot)
    from ui.opening import instance_lock, open_database

    db_path, fresh_demo = resolve_db(args)
    lock = None
    if args.screenshot is None:
        lock, taken = instance_lock(db_path)
        if taken:
            QMessageBox.information(
                None,
                "SAKIP Desktop sudah terbuka",
                "SAKIP Desktop sudah terbuka dengan data kantor ini (lihat jendelanya di taskbar). Pakai jendela "
                "itu: dua jendela pada data yang sama membingungkan, dan pemulihan di satu jendela mengganti "
                "berkas di bawah jendela yang lain.",
            )
            return 0
    db = open_database(db_path, fresh_demo, headless=args.screenshot is not None)
    if isinstance(db, int):
        return db
    controller = _start_session(app, db, args)
    if isinstance(controller, int):
        return controller
    if args.screenshot:
        QTimer.singleShot(0, controller.take_screenshot)
    status = app.exec()
    controller.close()
    controller.db.close()  # after a restore, the controller holds another file than `db`
    if lock is not None:
        lock.unlock()  # held until here: another program may open the file only once this one is done with it
    return status


def _make_app(args: argparse.Namespace) -> QApplication:
    """The application: Indonesian, named, with its icon, and the error reporter for what nothing caught."""
    if args.screenshot:
        screenshot_screen(args.size)  # without a display: an offscreen screen of --size
    QLocale.setDefault(QLocale("id_ID"))  # by name: cheaper than building the enum classes
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))  # ours is always a QApplication
    app.setApplicationName(paths.APP_NAME)
    from ui.errors import ErrorReporter, default_log_dir

    ErrorReporter(default_log_dir(), app).install()  # one dialog, the traceback in the log of the data folder
    from ui.qt_words import QtWords

    app.installTranslator(QtWords(app))  # Qt's own dialogs and buttons in Indonesian
    app.setOrganizationName(paths.APP_NAME)
    icon = paths.resources_dir() / "icons" / "sakip.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _start_session(app: QApplication, db: Database, args: argparse.Namespace) -> Controller | int:
    """Log in and show the main window (recovering first when the file turns out damaged); else the exit status."""
    from ui.opening import recover_before_login, screenshot_actor

    notice = ""
    while True:
        controller: Controller | None = None
        try:
            controller = Controller(
                app, db, screenshot=args.screenshot, care=args.screenshot is None, user=args.user or "", size=args.size
            )
            controller.restore_file = args.restore
            actor = None
            if args.screenshot:
                actor = screenshot_actor(controller.db, controller.profile.is_demo, args.user or DEMO_SCREENSHOT_USER)
                if actor is None:
                    return 2
            return controller if controller.start(actor, notice) else 0
        except DatabaseDamaged as exc:  # met while logging in or building the first window
            if controller is not None:
                controller.close()  # a window half filled from the damaged file must not stay open
            recovered = recover_before_login(db, exc.message)
            if recovered is None:
                return 1
            db, notice = recovered
