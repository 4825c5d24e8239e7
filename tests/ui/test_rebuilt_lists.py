"""A list of labels or link buttons rebuilt in place (the Dasbor's desa map after a period change, the Camat's
"Menunggu Anda" links after an action) shows only the new widgets at once: the old ones are not left shown under
the new ones until the event loop deletes them (tester finding F4/F6: two headlines painted over each other).

The checks run right after the rebuild, before any event is processed: `processEvents` (and a nested dialog loop)
does not delete what `deleteLater` was asked to delete."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from sakip_desktop.ops.desa.map_reads import desa_maps
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.dashboard.desa_map import DesaMapView
from ui.main_window import MainWindow
from ui.role_tab import RoleTab
from ui.waiting_work import WaitingWorkPanel

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported on


def _shown_texts(parent: QWidget, kind: type) -> list[str]:
    return [w.text() for w in parent.findChildren(kind) if w.isVisible()]


def test_the_desa_map_shows_only_the_new_quarters_headline(qtbot, demo_db):
    # GIVEN the desa map of TW III 2025 on screen
    view = DesaMapView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_maps(desa_maps(demo_db, 2025, 3))
    qtbot.wait(20)
    old = [w for w in view.findChildren(QLabel) if w.isVisible()]
    assert any("12 dari 14 desa memenuhi kriteria" in w.text() for w in old)
    # WHEN the period changes to TW IV
    view.set_maps(desa_maps(demo_db, 2025, 4))
    QApplication.processEvents()
    # THEN none of TW III's labels is shown any more
    assert [w.text() for w in old if w.isVisible()] == []
    # AND once the new ones are laid out, one headline and one tile per desa are shown
    qtbot.wait(20)
    heads = [t for t in _shown_texts(view, QLabel) if t.startswith("IK05 ")]
    assert len(heads) == 1 and "12 dari 14" not in heads[0], heads
    shown = [w for w in view.findChildren(QLabel) if w.isVisible() and w.styleSheet().startswith("background")]
    assert len(shown) == len(view.tiles["IK05"])


def test_the_camats_waiting_links_are_shown_once_after_a_refresh(qtbot, demo_db):
    # GIVEN the Camat's window with his "Menunggu Anda" links
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=4, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    qtbot.waitExposed(win)
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab)
    panel = tab.findChild(WaitingWorkPanel)
    assert panel is not None and panel.isVisible() and len(panel.buttons) >= 3
    old = list(panel.buttons)
    # WHEN an action refreshes the inbox (twice, as the work_changed signal does)
    ctx.signals.work_changed.emit()
    panel.refresh()
    QApplication.processEvents()
    # THEN none of the old links is shown any more, and each new one is shown once
    assert [b.text() for b in old if b.isVisible()] == []
    qtbot.wait(20)
    shown = _shown_texts(panel, QPushButton)
    assert len(shown) == len(panel.buttons), shown
    assert sorted(shown) == sorted(b.text() for b in panel.buttons)
