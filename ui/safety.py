"""The program's own care for the data: the health check after start, the automatic backups, what to say
when the file is damaged, and carrying out a restore (close the file, swap it, open it again).

The controller (`ui/app.py`) owns the database and calls these; none of them runs on the GUI thread for long.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.backup_places import automatic_backup
from sakip_desktop.storage.database import Database
from ui.background import BackgroundJob, run_busy
from ui.plain_text import plain_box

if TYPE_CHECKING:  # imported when the check runs
    from sakip_desktop.ops.audit.check import AuditCheck

log = logging.getLogger(__name__)


class HealthWatch(QObject):
    """Runs the quick check of the file (and then the daily backup) in the background after start.

    `damaged(message)` is emitted on the GUI thread when the check finds damage; `checked()` when it ends.
    """

    damaged = Signal(str)
    trail_broken = Signal(str)  # the audit trail was changed behind the program's back: its first problem
    checked = Signal()

    def __init__(self, db: Database, keep_backups: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.keep_backups = keep_backups
        self.job: BackgroundJob | None = None
        self.daily_backup: Path | None = None
        self.backup_error = ""
        self.trail: AuditCheck | None = None  # the audit trail's check, once read

    def start(self) -> None:
        """Run the check now, in the background."""
        if self.job is not None and self.job.running:
            return
        self.job = BackgroundJob(lambda _progress: self._work())
        self.job.succeeded.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.job.start()

    def _work(self) -> tuple[str, ...]:
        from sakip_desktop.ops.audit.check import check_audit_trail

        problems = self.db.check_health()
        if problems:
            return problems
        self.trail = check_audit_trail(self.db)
        if not self.db.read_only:
            try:
                result = automatic_backup(self.db.path, reason="harian", keep=self.keep_backups)
                self.daily_backup = result.path if result else None
            except UserError as exc:
                self.backup_error = exc.message
        return problems

    def _on_done(self, problems: tuple[str, ...]) -> None:
        if problems and self.db.damage:
            self.damaged.emit(self.db.damage)
        elif self.trail is not None and not self.trail.ok:
            self.trail_broken.emit(self.trail.status)
        if self.backup_error:
            log.warning("Cadangan harian gagal: %s", self.backup_error)
        self.checked.emit()

    def _on_failed(self, exc: BaseException) -> None:
        log.error("Pemeriksaan basis data gagal", exc_info=exc)
        self.checked.emit()


def ask_after_damage(parent: QWidget | None, message: str, *, can_go_on: bool = True) -> bool:
    """Tell the person the database is damaged; True when they choose to restore from a backup.

    `can_go_on` False: the damage stopped the program before anyone could log in, so the other choice is to close.
    """
    after = "Data yang rusak disimpan dulu sebelum diganti, sehingga dapat diperiksa kemudian."
    if not can_go_on:
        after += (
            "\n\nTanpa pemulihan, program tidak dapat dibuka: data yang diperlukan untuk masuk ikut rusak. "
            "Bila tidak ada cadangan, hubungi pengelola aplikasi dan jangan menghapus berkas ini."
        )
    box = plain_box(
        QMessageBox(
            QMessageBox.Icon.Critical,
            "Basis data rusak",
            f"{message}\n\n{after}",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
    )
    restore = box.addButton("Pulihkan dari cadangan…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Lanjutkan tanpa menyimpan" if can_go_on else "Tutup program", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def choose_backup(parent: QWidget | None, db_path: Path, extra: list[Path]) -> tuple[Path, bool] | None:
    """The restore dialog on its own (from the damage notice or the first-run screen); (file, confirmed)."""
    from ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(db_path, extra, parent)
    if dialog.exec() and dialog.chosen is not None:
        return dialog.chosen, dialog.confirm_other_office
    return None


def carry_out_restore(
    parent: QWidget | None, db_path: Path, backup: Path, confirm_other_office: bool, restorer: Actor | None
) -> tuple[Database, str] | None:
    """Swap the (closed) database for the backup and open it; (database, notice for the login) or None on refusal.

    The audit trail of the restored database notes who restored it; the person's account belongs to the old
    file, so the note carries the name only.
    """
    from sakip_desktop.ops.backups import restore_and_open
    from sakip_desktop.ops.base import SYSTEM
    from ui.errors import show_error

    actor = SYSTEM
    if restorer is not None:
        # Done by the program at the person's request (already allowed: an administrator, or a damaged file);
        # the person's account belongs to the old file, so the restored file's trail carries the name only.
        actor = Actor(account_id=None, person_id=None, name=restorer.name, is_system=True)
    try:
        result, db = run_busy(
            parent,
            "Memulihkan basis data dari cadangan…",
            lambda: restore_and_open(backup, db_path, confirm_other_office=confirm_other_office, actor=actor),
        )
    except Exception as exc:
        show_error(parent, exc, "Tidak dapat dipulihkan")
        return None
    notice = f"Data dipulihkan dari {backup.name} ({result.preview.office_title})."
    if result.previous_copy is not None:
        notice += f" Data sebelumnya disimpan di {result.previous_copy}."
    return db, notice + " Silakan masuk lagi."


def backup_on_exit(db: Database, keep: int) -> None:
    """The automatic backup on closing, when the database changed since the newest one; a failure is told."""
    if db.read_only or db.damage:
        return
    try:
        run_busy(
            None,
            "Mencadangkan basis data sebelum keluar…",
            lambda: automatic_backup(db.path, reason="keluar", keep=keep, now=dt.datetime.now()),
        )
    except UserError as exc:
        plain_box(
            QMessageBox(QMessageBox.Icon.Warning, "Cadangan otomatis gagal", exc.message, QMessageBox.StandardButton.Ok)
        ).exec()
