"""Fixtures for the Pengaturan master-data tests: an administrator on the demo office, and a modal driver."""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from ui.context import AppContext

ADMIN_USERNAME = "kasubag_renkeu"  # Andi Prasetyo, an administrator in resources/demo/kecamatan_contoh.toml
TODAY = dt.date(2025, 8, 13)  # inside the demo's Plh. Camat (11-15 Agustus 2025), after Heru Cahyono left


@pytest.fixture
def ctx(demo_db: Database) -> AppContext:
    """The administrator logged in on `TODAY`, on a private copy of the demo office (tests/conftest.py)."""
    return AppContext(
        db=demo_db, actor=actor_for(demo_db, ADMIN_USERNAME, TODAY), year=2025, quarter=3, today=lambda: TODAY
    )


class Modals:
    """Answers modal windows (dialogs, message boxes) as they open, the way a person at the keyboard would.

    A window opened with `exec()` blocks the test; this polls for it and hands it to the next handler.
    A modal window nobody expected is closed and recorded, so a test cannot hang on it.
    """

    def __init__(self) -> None:
        self._handlers: deque[Callable[[QWidget], None]] = deque()
        self._seen: list[QWidget] = []
        self.unexpected: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def answer(self, handler: Callable[[QWidget], None]) -> None:
        """Let `handler` deal with the next modal window that opens."""
        self._handlers.append(handler)

    @property
    def pending(self) -> int:
        """Handlers still waiting for their window."""
        return len(self._handlers)

    def _tick(self) -> None:
        window = QApplication.activeModalWidget()
        if window is None or not window.isVisible() or any(window is w for w in self._seen):
            return
        self._seen.append(window)
        if self._handlers:
            handler = self._handlers.popleft()
            # Run outside this timer's slot: a handler may open a further modal window.
            QTimer.singleShot(0, lambda: self._run(handler, window))
        else:
            text = window.text() if isinstance(window, QMessageBox) else window.windowTitle()
            self.unexpected.append(text)
            QTimer.singleShot(0, window.close)

    @staticmethod
    def _run(handler: Callable[[QWidget], None], window: QWidget) -> None:
        # A failing handler closes its window, so the test fails with the handler's error instead of
        # waiting for ever on a window nobody answers.
        try:
            handler(window)
        except BaseException:
            if window.isVisible():
                window.close()
            raise

    def stop(self) -> None:
        self._timer.stop()


def _event_loops_run() -> bool:
    """False when Qt is in the middle of quitting: then every exec() returns at once and no modal shows."""
    ran: list[bool] = []
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: (ran.append(True), loop.quit()))
    loop.exec()
    return bool(ran)


@pytest.fixture
def modals(qtbot) -> Iterator[Modals]:
    if not _event_loops_run():
        pytest.fail(
            "Qt is quitting: an earlier test let QApplication quit (e.g. ui.app.main() closing its last "
            "window after app.exec() returned), so dialogs would return at once without being shown."
        )
    driver = Modals()
    yield driver
    driver.stop()
    assert not driver.unexpected, f"unexpected windows: {driver.unexpected}"
    assert not driver.pending, f"{driver.pending} expected window(s) never opened"


def click_box_button(box: QMessageBox, text: str) -> None:
    """Press the message-box button labelled `text` (mnemonic ampersands ignored)."""
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


def read_and_close(messages: list[str]) -> Callable[[QWidget], None]:
    """A handler that records a message box's text and closes it with its only/first button."""

    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.buttons()[0].click()

    return handle


def table_texts(view, column: int) -> list[str]:
    """The shown texts of one column, in view order."""
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_row_where(page, column: int, text: str) -> None:
    """Select the row whose cell in `column` shows `text`."""
    texts = table_texts(page.table, column)
    assert text in texts, f"{text!r} not in {texts}"
    page.table.selectRow(texts.index(text))
