"""Basis data: where the file is, its check, backing it up and restoring it, and the backups the program knows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.backups import KnownBackup, backup_status, known_backups
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.sqlitefile import check_file
from ui.background import BackgroundJob, run_busy
from ui.context import AppContext
from ui.plain_text import plain_label
from ui.restore_dialog import BACKUP_COLUMNS, restore_sources
from ui.widgets.table import RecordTableModel, make_table

if TYPE_CHECKING:
    from ui.backup_dialog import BackupDialog


class DatabasePage(QWidget):
    """Shows the database file, checks it, and backs it up or restores it."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.backup_dialog: BackupDialog | None = None
        self._verify_job: BackgroundJob | None = None
        self.path = plain_label(str(ctx.db_path))
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setWordWrap(True)
        self.file_size = QLabel()  # not `size`: that is QWidget.size()
        self.version = QLabel()
        self.last_backup = plain_label()
        self.result = plain_label()
        self.result.setWordWrap(True)
        open_folder = QPushButton("Buka folder")
        open_folder.clicked.connect(self.open_folder)
        check = QPushButton("Periksa basis data")
        check.clicked.connect(self.check)
        self.backup_button = QPushButton("Cadangkan…")
        self.backup_button.clicked.connect(self.open_backup)
        self.restore_button = QPushButton("Pulihkan dari cadangan…")
        self.restore_button.clicked.connect(self.open_restore)
        self.verify_button = QPushButton("Periksa checksum cadangan")
        self.verify_button.setToolTip("Baca ulang setiap berkas cadangan dan bandingkan dengan berkas .sha256-nya")
        self.verify_button.clicked.connect(self.verify_backups)
        form = QFormLayout()
        form.addRow("Berkas:", self.path)
        form.addRow("Ukuran:", self.file_size)
        form.addRow("Versi skema:", self.version)
        form.addRow("Cadangan ke flash disk terakhir:", self.last_backup)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, check, open_folder):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.model: RecordTableModel[KnownBackup] = RecordTableModel(BACKUP_COLUMNS, self)
        self.table = make_table(self.model, BACKUP_COLUMNS, stretch=5)
        list_row = QHBoxLayout()
        list_row.addWidget(QLabel("<b>Cadangan yang dikenal</b> (folder cadangan komputer ini dan tujuan terakhir)"))
        list_row.addStretch(1)
        list_row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "<h3>Basis data</h3>Semua data kantor tersimpan dalam satu berkas ini. Program mencadangkannya "
                "sendiri sekali sehari dan saat ditutup; cadangkan juga ke flash disk secara berkala."
            )
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addLayout(list_row)
        layout.addWidget(self.table, 1)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The checksums are read in the background each time the page is shown (a few seconds for many backups).
        if self._verify_job is None or not self._verify_job.running:
            self.verify_backups()

    def _folders(self) -> list[Path]:
        return restore_sources(self.ctx.db)

    def refresh(self, *, verify: bool = False) -> None:
        """File size, schema version, the last flash-drive backup and the list of backups."""
        size_kb = self.ctx.db_path.stat().st_size / 1024
        self.file_size.setText(f"{formats.number(size_kb, 0)} KB")
        self.version.setText(f"{SCHEMA_VERSION}")
        status = backup_status(self.ctx.db)
        if status.last_external_at is None:
            self.last_backup.setText("belum pernah")
        else:
            local = status.last_external_at + _offset(self.ctx)
            self.last_backup.setText(f"{formats.long_date(local.date())} {local:%H.%M} — {status.last_external_path}")
        self.model.set_rows(known_backups(self.ctx.db_path, self._folders(), verify=verify))
        self.restore_button.setEnabled(self.ctx.actor.is_admin or bool(self.ctx.db.damage))

    def verify_backups(self) -> None:
        """Compare every backup with its checksum, in the background."""
        folders, db_path = self._folders(), self.ctx.db_path
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText("Memeriksa checksum cadangan…")
        self._verify_job = BackgroundJob(lambda _progress: known_backups(db_path, folders, verify=True))
        self._verify_job.succeeded.connect(self._on_verified)
        self._verify_job.failed.connect(self._on_verify_failed)
        self._verify_job.start()

    def _on_verified(self, rows: list[KnownBackup]) -> None:
        self.verify_button.setEnabled(True)
        self.model.set_rows(rows)
        bad = [b for b in rows if b.checksum == "TIDAK COCOK"]
        if bad:
            self.result.setStyleSheet("color:#b00020;")
            self.result.setText(
                f"{len(bad)} cadangan tidak cocok dengan checksum-nya (berubah atau rusak setelah dicadangkan); "
                "jangan dipakai untuk memulihkan."
            )
        else:
            self.result.setStyleSheet("color:#1b5e20;")
            self.result.setText(f"✔ {len(rows)} cadangan diperiksa; yang memiliki checksum semuanya cocok.")

    def _on_verify_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        self.verify_button.setEnabled(True)
        self.result.setText("")
        show_error(self, exc)

    def open_backup(self) -> None:
        """The backup dialog (not modal: the program stays usable)."""
        from ui.backup_dialog import BackupDialog

        if self.backup_dialog is not None and self.backup_dialog.isVisible():
            self.backup_dialog.raise_()
            return
        self.backup_dialog = BackupDialog(self.ctx, self)
        self.backup_dialog.finished_backup.connect(lambda _result: self.refresh())
        self.backup_dialog.show()

    def open_restore(self) -> None:
        """Choose and confirm a backup; the program then restores it and asks everyone to log in again."""
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.ctx.db_path, self._folders(), self)
        if dialog.exec() and dialog.chosen is not None:
            self.ctx.signals.restore_requested.emit(dialog.chosen, dialog.confirm_other_office)

    def folder_url(self) -> QUrl:
        """The folder holding the database, as a URL for the file manager."""
        return QUrl.fromLocalFile(str(self.ctx.db_path.parent))

    def open_folder(self) -> None:
        """Open the folder in the system's file manager."""
        QDesktopServices.openUrl(self.folder_url())

    def check(self) -> bool:
        """Run the integrity check (in the background: a large file takes a few seconds) and show the result."""
        result = run_busy(self, "Memeriksa basis data…", lambda: check_file(self.ctx.db_path, SCHEMA_VERSION))
        if result.ok:
            self.result.setText("✔ Basis data baik: pemeriksaan integritas dan rujukan data tidak menemukan masalah.")
            self.result.setStyleSheet("color:#1b5e20;")
        else:
            self.result.setText("Masalah ditemukan:\n" + "\n".join(result.problems))
            self.result.setStyleSheet("color:#b00020;")
        self.refresh()
        return result.ok


def _offset(ctx: AppContext):
    import datetime as dt

    from sakip_desktop.ops.org.office import get_settings

    return dt.timedelta(hours=get_settings(ctx.db).utc_offset_hours)
