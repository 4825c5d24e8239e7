"""What nothing caught: one Indonesian dialog, the traceback in a rotating log, Bantuan › Buka folder log."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import read_and_close
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.errors import LOG_FILE, ErrorReporter
from ui.main_window import MainWindow

DEMO_DAY = dt.date(2025, 8, 13)
# pytest-qt turns errors in slots into test failures with a hook of its own: here the program's hook is tested.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def window(qtbot, demo_db) -> MainWindow:
    """The Camat's main window of the demo office, as the program shows it."""
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "camat", DEMO_DAY), year=2025, quarter=3, today=lambda: DEMO_DAY
    )
    shown = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[ErrorReporter]:
    """The program's error reporter, installed as at start-up, writing to a log folder of this test."""
    installed = ErrorReporter(tmp_path / "log")
    installed.install()
    yield installed
    installed.uninstall()


def _broken_action(window: MainWindow) -> QAction:
    """A menu action of the window whose slot has a bug."""

    def count_the_targets() -> None:
        raise ZeroDivisionError("pembagian dengan nol di hitungan uji")

    action = QAction("Hitung", window)
    action.triggered.connect(count_the_targets)
    window.menuBar().addAction(action)
    return action


def test_an_error_in_a_slot_shows_one_dialog_and_every_occurrence_is_logged(qtbot, modals, window, reporter):
    # GIVEN the main window and a menu action whose slot fails
    action = _broken_action(window)
    said: list[str] = []
    modals.answer(read_and_close(said))
    # WHEN the person chooses it twice
    action.trigger()
    action.trigger()
    qtbot.waitUntil(lambda: not modals.pending)
    QApplication.processEvents()  # whatever the second failure queued has run now
    # THEN one dialog said, in Indonesian, that the program failed and where the details are
    assert len(said) == 1  # a second dialog would be "unexpected" for `modals`
    assert said[0].startswith("Terjadi kesalahan tak terduga di dalam program. Data yang sudah tersimpan aman;")
    assert str(reporter.log_path) in said[0]
    assert "Bantuan › Buka folder log" in said[0]
    # AND the log in the folder holds both tracebacks, with the failing function and the error
    log = (reporter.log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert log.count("ERROR ui.errors: Kesalahan tak terduga") == 2
    assert log.count("Traceback (most recent call last)") == 2
    assert "in count_the_targets" in log
    assert "ZeroDivisionError: pembagian dengan nol di hitungan uji" in log


def test_an_error_in_another_thread_is_shown_by_the_window_and_logged(qtbot, modals, window, reporter):
    # GIVEN the main window
    said: list[str] = []
    modals.answer(read_and_close(said))

    def read_the_file() -> None:
        raise OSError("berkas uji tidak terbaca")

    # WHEN work in a background thread fails
    worker = threading.Thread(target=read_the_file, name="pembaca-uji")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: not modals.pending)
    # THEN the window shows the one dialog, and the log names the thread and the error
    assert len(said) == 1 and said[0].startswith("Terjadi kesalahan tak terduga")
    log = (reporter.log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert "Kesalahan tak terduga (utas pembaca-uji)" in log
    assert "OSError: berkas uji tidak terbaca" in log


class _FileManager(QObject):
    """Stands in for the computer's file manager: Qt hands it the file: URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_bantuan_buka_folder_log_opens_the_log_folder(window, reporter):
    # GIVEN the main window, and the computer's handler of file: URLs
    manager = _FileManager()
    QDesktopServices.setUrlHandler("file", manager, "open")
    try:
        # WHEN Bantuan › Buka folder log is chosen
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Ban&tuan")
        action = next(a for a in help_menu.actions() if a.text() == "Buka folder &log")
        action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    # THEN the folder of the log is opened
    assert [Path(url.toLocalFile()) for url in manager.opened] == [reporter.log_dir]
    assert reporter.log_dir.is_dir()


# Qt warns that the handler has no such method: that is how this computer "cannot open" the folder.
@pytest.mark.qt_log_ignore("QMetaObject::invokeMethod: No such method")
def test_where_the_folder_cannot_be_opened_the_program_gives_its_path(qtbot, modals, window, reporter):
    # GIVEN a computer on which nothing opens file: URLs (a handler without the method Qt calls)
    nobody = QObject()
    QDesktopServices.setUrlHandler("file", nobody, "no_such_method")
    said: list[str] = []
    modals.answer(read_and_close(said))
    try:
        # WHEN Bantuan › Buka folder log is chosen
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Ban&tuan")
        next(a for a in help_menu.actions() if a.text() == "Buka folder &log").trigger()
        qtbot.waitUntil(lambda: not modals.pending)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    # THEN a message says so and gives the folder's path, instead of nothing happening
    assert len(said) == 1
    assert said[0].startswith("Folder log tidak dapat dibuka otomatis di komputer ini.")
    assert str(reporter.log_dir) in said[0]
