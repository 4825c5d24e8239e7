"""Cadangkan: a verified copy of the office database on a flash drive, while the program stays usable."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.ops.backups import backup_now, backup_status, is_external
from sakip_desktop.storage.backup_copy import BackupCancelled
from sakip_desktop.storage.backup_places import data_backup_folder, removable_drives
from ui.background import BackgroundJob
from ui.context import AppContext
from ui.plain_text import plain_label

SAME_PC_NOTE = (
    "Folder ini ada di komputer ini: salinannya ikut hilang bila komputer rusak, dan tidak dihitung sebagai "
    "cadangan ke flash disk. Pilih flash disk atau drive lain."
)
SAME_PC_DONE = (
    "Salinan ini ada di komputer yang sama, jadi tidak dihitung: langkah awal 'Cadangan pertama ke flash disk' "
    "dan pengingat cadangan menunggu salinan di flash disk atau drive lain."
)


def seconds_left(done: int, total: int, started: float) -> float | None:
    """Time left at the rate so far, once there is a rate to speak of."""
    elapsed = time.monotonic() - started
    if done <= 0 or elapsed < 0.2:
        return None
    return max(0.0, (total - done) * elapsed / done)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} detik"
    return f"{round(seconds / 60)} menit"


def backup_targets(ctx: AppContext) -> list[tuple[str, Path]]:
    """The folders offered, flash drives first, then the last one used, then this PC's own backup folder."""
    targets: list[tuple[str, Path]] = [(f"Flash disk: {drive}", drive) for drive in removable_drives()]
    last = backup_status(ctx.db).last_target
    if last and Path(last).is_dir() and all(Path(last) != path for _, path in targets):
        targets.append((f"Terakhir dipakai: {last}", Path(last)))
    own = data_backup_folder(ctx.db_path)
    if all(own != path for _, path in targets):
        targets.append((f"Folder cadangan di komputer ini: {own}", own))
    return targets


class BackupDialog(QDialog):
    """Choose where, then copy in the background with progress and time left. Not modal: work goes on."""

    finished_backup = Signal(object)  # the BackupResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: BackgroundJob | None = None
        self.result_path: Path | None = None
        self.error_text = ""
        self._started = 0.0
        self.setWindowTitle("Cadangkan basis data")
        intro = QLabel(
            "Salinan seluruh data kantor disimpan ke folder yang Anda pilih, lalu diperiksa. Program tetap dapat "
            "dipakai selama pencadangan berjalan.<br><b>Simpan cadangan di drive lain</b> (flash disk atau hard disk "
            "eksternal) dan simpan drive itu terpisah dari komputer ini. Salinan di folder cadangan komputer ini "
            "tidak menolong bila komputer rusak, hilang atau terkena virus; karena itu hanya cadangan di drive lain "
            "yang menyelesaikan langkah awal 'Cadangan pertama ke flash disk' dan pengingat cadangan."
        )
        intro.setWordWrap(True)
        # Said again under the choice while it is this PC's own folder.
        self.same_pc_note = QLabel(SAME_PC_NOTE)
        self.same_pc_note.setWordWrap(True)
        self.same_pc_note.setStyleSheet("color:#8a4b00;")
        row = self._target_row(ctx)
        self._make_progress()
        buttons = self._button_row()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Simpan ke:"))
        layout.addLayout(row)
        layout.addWidget(self.same_pc_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._show_same_pc_note()
        self.resize(620, 340)

    def _target_row(self, ctx: AppContext) -> QHBoxLayout:
        """The choice of target (the drive used last time when it is plugged in) and "Pilih folder lain…"."""
        self.target = QComboBox()
        for label, path in backup_targets(ctx):
            self.target.addItem(label, str(path))
        last = backup_status(ctx.db).last_target
        if last and self.target.findData(last) >= 0:  # the drive used last time, when it is plugged in
            self.target.setCurrentIndex(self.target.findData(last))
        self.target.setMinimumContentsLength(40)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        choose = QPushButton("Pilih folder lain…")
        choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(choose)
        self.target.currentIndexChanged.connect(lambda _i: self._show_same_pc_note())
        return row

    def _make_progress(self) -> None:
        """The progress bar and the status text under it (four lines, selectable)."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = plain_label("")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(4 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _button_row(self) -> QHBoxLayout:
        """Cadangkan, Batalkan (while it runs) and Tutup, at the right."""
        self.start_button = QPushButton("Cadangkan")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Batalkan")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Tutup")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        return buttons

    def on_this_pc(self) -> bool:
        """Whether the chosen folder is this PC's own backup folder (a copy there is not counted)."""
        return not is_external(self.ctx.db_path, self.folder())

    def _show_same_pc_note(self) -> None:
        self.same_pc_note.setVisible(bool(self.target.currentData()) and self.on_this_pc())

    def folder(self) -> Path:
        """The folder chosen."""
        return Path(self.target.currentData())

    def choose_folder(self) -> None:
        """Another folder, through the system's folder dialog."""
        from ui.widgets.files import choose_folder

        folder = choose_folder(self, "Pilih folder cadangan", Path(self.target.currentData() or Path.home()))
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path) -> None:
        """Make `folder` the chosen target (also for tests)."""
        index = self.target.findData(str(folder))
        if index < 0:
            self.target.addItem(f"Dipilih: {folder}", str(folder))
            index = self.target.count() - 1
        self.target.setCurrentIndex(index)

    def start(self) -> None:
        """Begin the backup in the background."""
        if self.job is not None and self.job.running:
            return
        folder, db, actor = self.folder(), self.ctx.db, self.ctx.actor
        if self.on_this_pc():  # the program's own folder: made on the first daily backup, or here if before it
            folder.mkdir(parents=True, exist_ok=True)
        self.result_path, self.error_text = None, ""
        self.job = BackgroundJob(lambda progress: backup_now(db.path, folder, db=db, actor=actor, progress=progress))
        self.job.progressed.connect(self._on_progress)
        self.job.succeeded.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self._started = time.monotonic()
        self.start_button.setEnabled(False)
        self.target.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setStyleSheet("")
        self.status.setText(f"Menyalin ke {folder} …")
        self.job.start()

    def cancel(self) -> None:
        """Stop the running backup; nothing is left on the target."""
        if self.job is not None:
            self.job.cancel()

    def running(self) -> bool:
        """True while a backup is being written."""
        return self.job is not None and self.job.running

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(1000 * done / total) if total else 0)
        left = seconds_left(done, total, self._started)
        tail = f" · sisa sekitar {_duration(left)}" if left is not None and done < total else ""
        if done >= total:
            tail = " · memeriksa salinan…"
        self.status.setText(f"{formats.megabytes(done)} dari {formats.megabytes(total)}{tail}")

    def _finish(self) -> None:
        self.start_button.setEnabled(True)
        self.target.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_done(self, result) -> None:
        self._finish()
        self.result_path = result.path
        self.progress.setValue(1000)
        self.status.setStyleSheet("color:#1b5e20;")
        text = (
            f"✔ Cadangan tersimpan dan sudah diperiksa utuh ({formats.megabytes(result.size)}):\n{result.path}\n"
            "Checksum-nya disimpan di sebelahnya (.sha256)."
        )
        if not is_external(self.ctx.db_path, result.path.parent):
            self.status.setStyleSheet("color:#8a4b00;")
            text += "\n" + SAME_PC_DONE
        self.status.setText(text)
        self.ctx.signals.work_changed.emit()  # the reminder in "Menunggu Anda" goes away
        self.finished_backup.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        self.progress.setValue(0)
        if isinstance(exc, BackupCancelled):
            self.status.setStyleSheet("")
            self.status.setText("Pencadangan dibatalkan; tidak ada berkas yang ditinggalkan.")
            return
        from sakip_desktop.errors import UserError

        if not isinstance(exc, UserError):
            from ui.errors import show_error

            show_error(self, exc)
            return
        self.error_text = exc.message
        self.status.setStyleSheet("color:#b00020;")
        self.status.setText(exc.message)

    def closeEvent(self, event) -> None:
        if self.running():
            self.status.setText("Pencadangan masih berjalan. Tunggu sampai selesai, atau tekan Batalkan.")
            event.ignore()
            return
        super().closeEvent(event)
