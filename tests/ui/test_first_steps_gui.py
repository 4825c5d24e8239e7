"""Langkah awal: the first administrator of a new office sees his checklist, and each step opens its screen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _new_office import TODAY, new_office
from PySide6.QtCore import Qt

from sakip_desktop.domain.roles import UnitKind
from sakip_desktop.ops.home.first_steps import StepKey
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.units import UnitInput, add_unit
from ui.context import AppContext
from ui.first_steps import FirstStepsPanel, ToolWindow
from ui.main_window import MainWindow

SHOTS = Path(os.environ.get("SAKIP_SHOTS", "/tmp/sakip-shots"))


def _window(qtbot, db, username: str) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, TODAY), year=2026, quarter=1, today=lambda: TODAY)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    return window


def _titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_the_first_administrator_sees_langkah_awal_not_a_note_addressed_to_himself(qtbot, empty_db):
    # GIVEN an office just made by the wizard, its administrator logged in (he holds no role yet)
    new_office(empty_db)
    window = _window(qtbot, empty_db, "dyah.ekawati")
    # THEN his first tab is the checklist, not "Tanpa peran: Minta administrator menambahkan peran Anda"
    assert _titles(window)[0] == "Langkah awal" and "Tanpa peran" not in _titles(window)
    panel = window.tabs.currentWidget()
    assert isinstance(panel, FirstStepsPanel) and panel.remaining() == 6
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "langkah_awal_kantor_baru.png"))
    units_text = panel.states[StepKey.UNITS].text()
    assert "belum ada seksi" in units_text and panel.buttons[StepKey.UNITS].isDefault()
    # WHEN he presses "Buka Unit kerja"
    qtbot.mouseClick(panel.buttons[StepKey.UNITS], Qt.MouseButton.LeftButton)
    # THEN Pengaturan opens on Unit kerja
    settings = window.settings_tab
    assert window.tabs.currentWidget() is settings and settings.currentWidget() is settings.units_page
    # AND once a seksi is added (the page announces it), the checklist counts that step done
    add_unit(empty_db, window.ctx.actor, UnitInput(name="Seksi Pemerintahan", kind=UnitKind.SEKSI))
    window.ctx.signals.master_data_changed.emit("units")
    window.show_first_steps()
    assert window.tabs.currentWidget() is panel and panel.remaining() == 5
    assert panel.marks[StepKey.UNITS].text() == "✓" and panel.buttons[StepKey.PEOPLE].isDefault()


def test_a_step_whose_tool_is_not_in_his_tabs_opens_in_a_window_and_the_backup_step_opens_the_backup(qtbot, empty_db):
    new_office(empty_db)
    window = _window(qtbot, empty_db, "dyah.ekawati")
    panel = window.first_steps
    assert panel is not None
    # WHEN the plan step is opened by an administrator holding no planning role
    qtbot.mouseClick(panel.buttons[StepKey.PLAN], Qt.MouseButton.LeftButton)
    tools = [w for w in window.findChildren(ToolWindow) if w.isVisible()]
    # THEN the planning workbook's page opens in a window that fits the screen
    assert [w.windowTitle() for w in tools] == ["Anggaran dan impor rencana"]
    assert tools[0].page.import_button.isVisible()
    assert tools[0].width() <= 1366 and tools[0].height() <= 728
    tools[0].close()
    # AND the backup step opens "Cadangkan"
    qtbot.mouseClick(panel.buttons[StepKey.BACKUP], Qt.MouseButton.LeftButton)
    assert window.backup_dialog is not None and window.backup_dialog.isVisible()
    window.backup_dialog.close()
    # AND the SOP step opens the SOP tab
    qtbot.mouseClick(panel.buttons[StepKey.SOPS], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.sop_tab
