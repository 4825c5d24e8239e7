""" "Menunggu Anda" lists the realisasi, rekomendasi and PKs waiting for the role, and opens the tool that handles
them: the Camat's approvals in TW III, a Kasi's indicators to fill in TW IV.

Set SAKIP_SHOTS to a folder to keep a PNG of each window."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sakip_desktop.domain.realisation import Status
from sakip_desktop.ops.backups import backup_now
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.realisation.entry import approve, quarter_entries
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.role_tab import RoleTab

DAY = dt.date(2025, 10, 20)  # nobody is acting for anyone that day
SHOTS = os.environ.get("SAKIP_SHOTS")


def window(qtbot, db, username: str, quarter: int) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=quarter, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    qtbot.waitExposed(win)
    return win


def role_tab(win: MainWindow, title: str) -> RoleTab:
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.tabs.setCurrentIndex(titles.index(title))
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab)
    return tab


def texts(tab: RoleTab) -> list[str]:
    return [b.text() for b in tab.waiting.buttons if b.isVisible()]


def shot(win: MainWindow, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        win.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_camat_sees_the_verified_realisasi_and_opens_the_approval(qtbot, demo_db, tmp_path):
    # GIVEN the Camat working on TW III, with verified realisasi (and a flash-drive backup made today)
    (tmp_path / "flashdisk").mkdir()
    backup_now(demo_db.path, tmp_path / "flashdisk", db=demo_db, actor=actor_for(demo_db, "camat", DAY))
    verified = [e.realisation_id for e in quarter_entries(demo_db, 2025, 3) if e.status is Status.VERIFIED]
    win = window(qtbot, demo_db, "camat", 3)
    tab = role_tab(win, "Camat")
    # THEN "Menunggu Anda" lists them, and the empty text is not shown beside them
    assert texts(tab) == [f"▸ {len(verified)} realisasi TW III 2025 menunggu persetujuan Anda  → Persetujuan realisasi"]
    assert not tab.inbox.isVisible() or tab.inbox.items()
    shot(win, "camat_menunggu")
    # WHEN he clicks it THEN the approval tool is shown
    qtbot.mouseClick(tab.waiting.buttons[0], Qt.MouseButton.LeftButton)
    assert tab.tools.tabText(tab.tools.currentIndex()) == "Persetujuan realisasi"
    qtbot.waitUntil(lambda: tab.cycle_pages["Persetujuan realisasi"].content is not None)
    shot(win, "camat_persetujuan")
    # WHEN they are approved THEN the item goes and "nothing waits" is said again
    approve(demo_db, win.ctx.actor, verified)
    win.ctx.signals.work_changed.emit()
    assert texts(tab) == [] and not tab.waiting.isVisible()
    assert tab.inbox.isVisible()


def test_the_kasi_sees_his_indicators_to_fill_in_tw_iv(qtbot, demo_db):
    # GIVEN the Kasi Pemerintahan working on TW III, all sent
    win = window(qtbot, demo_db, "kasi_pem", 3)
    tab = role_tab(win, "Kasi Pemerintahan")
    assert texts(tab) == []
    # WHEN he chooses the empty TW IV in the status bar
    win.quarter_combo.setCurrentIndex(3)
    assert win.ctx.quarter == 4
    # THEN his seksi's indicators wait to be filled, and the button opens 'Isi realisasi'
    pem = len(quarter_entries(demo_db, 2025, 4, tab.grant.unit_id))
    assert texts(tab) == [f"▸ {pem} indikator TW IV 2025 belum diisi realisasinya  → Isi realisasi"]
    shot(win, "kasi_menunggu")
    tab.waiting.buttons[0].setFocus()
    qtbot.keyClick(tab.waiting.buttons[0], Qt.Key.Key_Space)
    assert tab.tools.tabText(tab.tools.currentIndex()) == "Isi realisasi"
