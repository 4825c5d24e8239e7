"""Which office database the program opens at start: the first-run choices (the demo, a new office, an
existing backup), the demo itself, one program per database, and a file found damaged before anyone logged in.

Writing a new office or the demo is not start-up: the caller has turned the garbage collector back on
(`ui.startup.end_startup`) before calling `first_run` or writing the demo.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from sakip_desktop import paths
from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.database import Database
from ui.startup import end_startup


def first_run(db_path: Path) -> Database | None:
    """No office yet: open the demo, or create a new office with the wizard."""
    from ui.errors import show_error
    from ui.first_run import FirstRunDialog, NewOfficeWizard

    dialog = FirstRunDialog(db_path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if dialog.choice == "demo":
        demo_path = paths.demo_db_path() if db_path == paths.default_db_path() else db_path
        return open_demo(demo_path, fresh=False)
    if dialog.choice == "kabupaten":  # the kabupaten's data on its server (issue 17): its own window, then the end
        from ui.kabupaten.window import open_kabupaten_from_first_run

        open_kabupaten_from_first_run()
        return None
    if dialog.choice == "restore":
        from ui.safety import carry_out_restore

        chosen = choose_existing(db_path)
        if chosen is None:
            return first_run(db_path)  # back to the three choices
        outcome = carry_out_restore(None, db_path, chosen[0], chosen[1], None)
        return first_run(db_path) if outcome is None else outcome[0]
    wizard = NewOfficeWizard(dt.date.today())
    if wizard.exec() != QDialog.DialogCode.Accepted or wizard.result_office is None:
        return None
    from sakip_desktop.ops.org.setup import create_office

    db = Database.open(db_path, create=True)
    try:
        create_office(db, wizard.result_office)
    except Exception as exc:
        db.close()
        db_path.unlink(missing_ok=True)
        show_error(None, exc)
        return None
    return db


def choose_existing(db_path: Path) -> tuple[Path, bool] | None:
    """'Buka basis data yang ada…' on a PC with no office yet: a backup or a database file, on this PC or a flash drive
    (offered first), checked by the restore's checks before anything is used; (file, confirmed for another office)."""
    from ui.restore_dialog import RestoreDialog, restore_sources

    dialog = RestoreDialog(db_path, restore_sources(None))
    dialog.setWindowTitle("Buka basis data yang ada")
    dialog.restore_button.setText("Pakai berkas ini")
    dialog.restore_button.setDefault(True)  # Enter uses the checked file, not "Pilih berkas lain…"
    dialog.restore_button.setToolTip("Salin berkas yang sudah diperiksa ini menjadi data kantor di komputer ini")
    try:
        if dialog.exec() and dialog.chosen is not None:
            return dialog.chosen, dialog.confirm_other_office
        return None
    finally:
        dialog.deleteLater()


def instance_lock(db_path: Path):
    """A lock beside the database while this program has it open; (lock, taken by another running program).

    A lock left by a program that died is taken over (QLockFile checks its process). Where no lock can be made
    (a read-only folder, a folder not made yet) the program goes on without one.
    """
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(db_path) + ".kunci")
    if lock.tryLock(0):
        return lock, False
    return None, lock.error() == QLockFile.LockError.LockFailedError


def recover_before_login(db: Database, message: str) -> tuple[Database, str] | None:
    """The file is damaged before anyone could log in: offer the restore; the restored file, or None to quit."""
    from ui.restore_dialog import restore_sources
    from ui.safety import ask_after_damage, carry_out_restore, choose_backup

    db.close()
    if not ask_after_damage(None, message, can_go_on=False):
        return None
    chosen = choose_backup(None, db.path, restore_sources(db))
    if chosen is None:
        return None
    return carry_out_restore(None, db.path, chosen[0], chosen[1], None)


def open_demo(path: Path, *, fresh: bool) -> Database:
    """The demo office: written anew when `fresh` or missing, else the existing demo file."""
    from sakip_desktop.demo.office import create_demo
    from sakip_desktop.storage.sqlitefile import read_header

    if fresh:
        path.unlink(missing_ok=True)
    if read_header(path).is_empty:
        path.unlink(missing_ok=True)
        from ui.background import run_busy

        # Writing the demo (people, plan, SOP history, PKs) takes a few seconds: off the GUI thread, with a box.
        return run_busy(None, "Menyiapkan kantor contoh…", lambda: create_demo(path))
    return Database.open(path)


def open_database(db_path: Path, fresh_demo: bool, headless: bool = False) -> Database | int:
    """The office's database: the demo written fresh, a new office set up, or the file opened; else the exit
    status (0: the person left the first run, 1: the file cannot be opened). `headless` (--screenshot): nobody is
    there to answer a dialog, so a refusal is written to stderr instead and the program ends."""
    try:
        from sakip_desktop.storage.sqlitefile import read_header

        if fresh_demo:
            end_startup()  # writing the demo is not start-up: collect its garbage as usual
            return open_demo(db_path, fresh=True)
        if read_header(db_path).is_empty:
            if headless:
                print(
                    f"{db_path}: belum ada data kantor; --screenshot memerlukan basis data yang berisi.",
                    file=sys.stderr,
                )
                return 1
            end_startup()  # writing a new office is not start-up: collect its garbage as usual
            opened = first_run(db_path)
            return 0 if opened is None else opened
        return Database.open(db_path, on_backup=lambda p: print(f"Cadangan sebelum peningkatan: {p}"))
    except UserError as exc:
        if headless:
            print(exc.message, file=sys.stderr)
            return 1
        from ui.plain_text import plain_box

        plain_box(
            QMessageBox(
                QMessageBox.Icon.Critical, "Basis data tidak dapat dibuka", exc.message, QMessageBox.StandardButton.Ok
            )
        ).exec()
        return 1


def screenshot_actor(db: Database, is_demo: bool, username: str) -> Actor | None:
    """Who the screenshot logs in as, without the login dialog (so without the first login's password change);
    only in the demo office, whose passwords are no secret. None (and said why) otherwise."""
    if not is_demo:
        print("--screenshot memerlukan kantor contoh (--demo) untuk masuk otomatis.", file=sys.stderr)
        return None
    from sakip_desktop.ops.org.auth import actor_for

    try:
        return actor_for(db, username)
    except UserError as exc:
        print(f"--user {username}: {exc.message}", file=sys.stderr)
        return None
