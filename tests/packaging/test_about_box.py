"""The About box says the name and version the package metadata gives (the same the installer and the frozen
program are stamped with)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

import sakip_desktop
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.paths import app_metadata
from ui.context import AppContext
from ui.main_window import MainWindow

DAY = dt.date(2025, 9, 1)


def test_the_about_box_shows_the_metadata_name_and_version(demo_db, qtbot):
    # GIVEN the Camat's main window
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=3, today=lambda: DAY)
    window = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(window)
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        box.accept()

    # WHEN Bantuan › Tentang SAKIP Desktop is chosen
    QTimer.singleShot(0, read_and_close)
    next(action for action in window.findChildren(QAction) if action.text() == "&Tentang SAKIP Desktop").trigger()
    # THEN it names the program and the version of the package metadata, which is sakip_desktop.__version__
    about = app_metadata()
    assert seen["title"] == f"Tentang {about.name}"
    assert f"<b>{about.name} {about.version}</b>" in seen["text"] and about.version == sakip_desktop.__version__
    assert str(demo_db.path) in seen["text"]
