"""The one place that turns exceptions into dialogs: a refusal of the core shows its message, a bug says so; and
what nothing caught (`ErrorReporter`) goes to a rotating log in the data folder with one dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sakip_desktop import paths
from sakip_desktop.errors import UserError

T = TypeVar("T")
log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Tidak dapat dilanjutkan") -> None:
    """A user error shows its own message; anything else is a bug and says so."""
    if isinstance(exc, UserError):
        # Messages name records, files and people: shown as plain text, never as markup.
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return
    open_log()
    log.error("Kesalahan program", exc_info=exc)
    detail = "".join(traceback.format_exception(exc))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Kesalahan program",
        "Terjadi kesalahan di dalam program. Data yang sudah tersimpan aman; "
        "perubahan terakhir tidak disimpan.\n\nSampaikan rincian di bawah kepada pengelola aplikasi.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(detail)
    box.exec()


def attempt(parent: QWidget | None, action: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `action`; on an error show it and return (False, None)."""
    try:
        return True, action()
    except Exception as exc:
        show_error(parent, exc)
        return False, None


# ---- what nothing caught ---------------------------------------------------------------------------------------

LOG_FILE = "sakip-desktop.log"
LOG_BYTES, LOG_KEEP = 1_000_000, 5  # one log of at most 1 MB, and the five before it
UNEXPECTED_TITLE = "Kesalahan program"
UNEXPECTED_TEXT = (
    "Terjadi kesalahan tak terduga di dalam program. Data yang sudah tersimpan aman; pekerjaan yang sedang "
    "berlangsung mungkin belum tersimpan.\n\nRinciannya dicatat di berkas log:\n{path}\n\nBuka foldernya lewat "
    "menu Bantuan › Buka folder log, lalu kirim berkas itu kepada pengelola aplikasi. Kesalahan yang sama tidak "
    "ditampilkan lagi; setiap kejadiannya tetap dicatat."
)
_reporter: ErrorReporter | None = None  # the one installed, if any


def default_log_dir() -> Path:
    """The log folder in the program's data folder (where the office database lives by default)."""
    return paths.default_db_path().parent / "log"


def log_dir() -> Path:
    """The folder the program writes its log to."""
    return _reporter.log_dir if _reporter is not None else default_log_dir()


def open_log() -> None:
    """Open the log file of the installed reporter now (after start-up), so every later log line lands in it."""
    if _reporter is not None:
        _reporter.open_log()


def open_log_folder(parent: QWidget | None = None) -> None:
    """Bantuan › Buka folder log: the folder in the computer's file manager; where the computer has none that Qt can
    ask, a message gives the folder's path to copy."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Folder log",
            f"Folder log tidak dapat dibuka otomatis di komputer ini. Letaknya:\n\n{folder}\n\n"
            "Buka folder itu dengan pengelola berkas, lalu kirim berkas log di dalamnya kepada pengelola aplikasi.",
            QMessageBox.StandardButton.Close,
            parent,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()


class ErrorReporter(QObject):
    """Catches what nothing else caught, in the GUI thread (`sys.excepthook`, which PySide calls for an error in a
    slot) or in another thread (`threading.excepthook`): the traceback goes to a rotating log, and ONE dialog in
    Indonesian says so. The same error again (same kind, same place) is logged but not shown again, and no dialog
    opens while one is open: a failing timer does not bury the person under windows."""

    _report = Signal(str, str)  # what identifies the error, its traceback: carried to the GUI thread

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = folder
        self.log_path = folder / LOG_FILE
        self.handler: logging.Handler | None = None  # opened at the first line to write (start-up pays nothing)
        self.shown: list[str] = []  # the errors a dialog was shown for
        self._showing = False
        self._previous: tuple[object, object] | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Take over the hooks; the program's other log lines (e.g. `show_error`'s) go to the same file."""
        global _reporter
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.on_error
        threading.excepthook = self.on_thread_error
        _reporter = self

    def uninstall(self) -> None:
        """Give the hooks back and close the log."""
        global _reporter
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None
        if self.handler is not None:
            logging.getLogger().removeHandler(self.handler)
            self.handler.close()
            self.handler = None
        if _reporter is self:
            _reporter = None

    def open_log(self) -> None:
        """From now on the program's log lines (this hook's, `show_error`'s) go to the rotating log file."""
        if self.handler is not None:
            return
        from logging.handlers import RotatingFileHandler  # with socket and pickle: not for start-up

        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.handler = RotatingFileHandler(self.log_path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(self.handler)

    def on_error(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        self._record(kind, error, tb, "")

    def on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self._record(args.exc_type, args.exc_value, args.exc_traceback, f" (utas {name})")

    def _record(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None, where: str) -> None:
        self.open_log()
        log.error("Kesalahan tak terduga%s", where, exc_info=(kind, error, tb))
        frames = traceback.extract_tb(tb)
        place = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        self._report.emit(f"{kind.__module__}.{kind.__qualname__} {place}", "".join(traceback.format_exception(error)))

    def _show(self, key: str, detail: str) -> None:
        if key in self.shown or self._showing:
            return
        self.shown.append(key)
        self._showing = True
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                UNEXPECTED_TITLE,
                UNEXPECTED_TEXT.format(path=self.log_path),
                QMessageBox.StandardButton.Ok,
                QApplication.activeWindow(),
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setDetailedText(detail)
            box.exec()
            box.deleteLater()
        finally:
            self._showing = False
