"""Which office database the program opens at start: the first-run choices (the demo, a new office, an
existing backup), the demo itself, one program per database, and a file found damaged before anyone logged in.

Writing a new office or the demo is not start-up: the caller has turned the garbage collector back on
(`ui.app.end_startup`) before calling `first_run` or writing the demo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QDialog

from sakip_desktop import paths
from sakip_desktop.storage.database import Database


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
