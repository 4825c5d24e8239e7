"""Long work (building a document, writing the demo office) off the GUI thread, so the window keeps painting.

`run_busy` is the one way the screens run such work: the caller reads as if the call were synchronous (it
returns the result or raises the error of the work), while a worker thread does the work and the GUI thread
keeps its event loop turning. Work that ends quickly shows only the wait cursor; after `BUSY_AFTER_SECONDS`
an application-modal "Mohon tunggu" box appears, so nothing else can be clicked meanwhile (no re-entry into
the screen that started the work). The work must not touch widgets: it gets plain values and the database.
"""

from __future__ import annotations

import threading
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
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


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
