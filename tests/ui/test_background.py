"""Long work runs off the GUI thread: the window keeps handling its events, the result or error comes back."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from sakip_desktop.errors import UserError
from ui.background import BUSY_AFTER_SECONDS, run_busy


def test_the_gui_keeps_turning_while_long_work_runs_and_a_wait_box_shows(qtbot):
    # GIVEN a window and a GUI timer that ticks every 50 ms
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    seen_box: list[bool] = []
    threads: list[str] = []

    def work() -> int:
        threads.append(threading.current_thread().name)
        time.sleep(BUSY_AFTER_SECONDS + 0.6)
        seen_box.append(any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
        return 42

    # WHEN work longer than the threshold runs
    result = run_busy(window, "Menyusun dokumen…", work)
    timer.stop()
    # THEN its result comes back, it ran in a worker thread, the wait box was up, and the GUI timer kept ticking
    assert result == 42
    assert threads == ["sakip-kerja"]
    assert seen_box == [True]
    assert len(ticks) >= 5
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_an_error_of_the_work_is_raised_in_the_caller(qtbot):
    def work():
        raise UserError("Data tidak lengkap.")

    with pytest.raises(UserError, match=r"Data tidak lengkap\."):
        run_busy(None, "Menyusun…", work)


def test_quick_work_shows_no_box(qtbot):
    shown: list[bool] = []

    def work():
        shown.append(any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
        return "ok"

    assert run_busy(None, "Menyusun…", work) == "ok"
    assert shown == [False]
