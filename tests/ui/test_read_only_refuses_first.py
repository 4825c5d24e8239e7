"""On a database that takes no changes (a read-only office file; a kecamatan opened from the kabupaten's data) a
step that asks first ("Setujui 2 realisasi…?") says at once that nothing can be changed, instead of asking and
refusing after the answer, and "Menunggu Anda" offers no backup (tester finding F9)."""
# The fixture is imported from its module, so a test argument "redefines" it.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.cycle.approve_page import ApprovalQueue
from ui.main_window import MainWindow
from ui.waiting_work import WaitingWorkPanel

DAY = dt.date(2025, 10, 20)


def test_a_read_only_file_refuses_before_asking_and_offers_no_backup(qtbot, demo_db, tmp_path, modals: Modals):
    # GIVEN the demo office's file opened read-only, the Camat's window on TW III 2025 (2 realisasi verified)
    copy = tmp_path / "hanya-baca.db"
    demo_db.close()
    shutil.copy(demo_db.path, copy)
    db = Database(copy, read_only=True)
    ctx = AppContext(db=db, actor=actor_for(db, "camat", DAY), year=2025, quarter=3, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    qtbot.waitExposed(win)
    # THEN "Menunggu Anda" has no "Cadangkan sekarang" (a read-only file takes no backup record)
    panel = win.findChild(WaitingWorkPanel)
    assert panel is not None
    assert not [b.text() for b in panel.buttons if "Cadang" in b.text() or "cadang" in b.text()]
    # WHEN he presses "Setujui semua…" in the approval queue
    queue = ApprovalQueue(ctx, win)
    queue.reload()
    assert queue.queue and queue.approve_all_button.isEnabled()
    seen: list[str] = []

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    modals.answer(read)
    qtbot.mouseClick(queue.approve_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the one box says the data cannot be changed; no question was asked
    assert len(seen) == 1 and "Setujui" not in seen[0] and "hanya" in seen[0].lower(), seen
    db.close()
