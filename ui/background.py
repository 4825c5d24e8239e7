"""Long work (building a document, writing the demo office) off the GUI thread, so the window keeps painting.

`run_busy` is the one way the screens run such work: the caller reads as if the call were synchronous (it
returns the result or raises the error of the work), while a worker thread does the work and the GUI thread
keeps its event loop turning. Work that ends quickly shows only the wait cursor; after `BUSY_AFTER_SECONDS`
an application-modal "Mohon tunggu" box appears, so nothing else can be clicked meanwhile (no re-entry into
the screen that started the work). The work must not touch widgets: it gets plain values and the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")

BUSY_AFTER_SECONDS = 0.4


class _Notifier(QObject):
    done = Signal()


def run_busy(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """Run `work()` in a worker thread; return its result or raise its exception, keeping the GUI painting."""
    outcome: dict[str, object] = {}
    finished = threading.Event()
    notifier = _Notifier()

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome["error"] = exc
        finally:
            finished.set()
            notifier.done.emit()

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        worker = threading.Thread(target=target, name="sakip-kerja", daemon=True)
        worker.start()
        if not finished.wait(BUSY_AFTER_SECONDS):
            _wait_with_dialog(parent, text, notifier, finished)
        worker.join()
    finally:
        QGuiApplication.restoreOverrideCursor()
    notifier.deleteLater()  # deleted here, on the GUI thread
    # Taken out of `outcome` before it is raised: the error's traceback holds the worker's frame, which holds
    # `outcome`; left there, that cycle (and the Qt objects its frames reach) would wait for the garbage
    # collector, which may run in another worker thread, and Qt objects must not be deleted from there (a
    # restore after a refused file crashed the program that way).
    error = outcome.pop("error", None)
    if error is not None:
        try:
            raise error  # type: ignore[misc]
        finally:
            del error
    return outcome.pop("value")  # type: ignore[return-value]


def _wait_with_dialog(parent: QWidget | None, text: str, notifier: _Notifier, finished: threading.Event) -> None:
    loop = QEventLoop()
    # Emitted from the worker: queued into this (the GUI) thread, where it ends the loop.
    notifier.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle("Mohon tunggu")
    dialog.setCancelButton(None)  # the work cannot be stopped halfway; it writes all or nothing
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    if not finished.is_set():  # the work may have ended while the box was being built
        loop.exec()
    dialog.close()
    dialog.deleteLater()


class BackgroundJob(QObject):
    """Work that runs while the person goes on working (a backup, the health check after start).

    `work(progress)` runs in a worker thread; `progress(done, total)` may be called from it and returns False
    once `cancel()` was asked. The signals arrive on the GUI thread: `progressed(done, total)` (at most every
    0.1 s), then `succeeded(result)` or `failed(exception)`. Keep a reference to the job until it ends.
    """

    progressed = Signal(object, object)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Callable[[int, int], bool]], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.running = False

    def start(self) -> None:
        """Begin the work in a worker thread."""
        self.running = True
        threading.Thread(target=self._run, name="sakip-latar", daemon=True).start()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self._last_report >= 0.1 or done >= total:
            self._last_report = now
            self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # handed to the GUI thread; the traceback is not needed there
            self.running = False
            self.failed.emit(exc.with_traceback(None))
            return
        self.running = False
        self.succeeded.emit(result)
