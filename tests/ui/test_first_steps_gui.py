"""Langkah awal: the first administrator of a new office sees his checklist, and each step opens its screen."""

from __future__ import annotations

import html
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _new_office import TODAY, new_office
from PySide6.QtCore import Qt

from sakip_desktop.domain.permissions import Op
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


def test_the_backup_step_counts_only_a_copy_on_another_drive_and_both_screens_say_so(qtbot, empty_db, tmp_path):
    # GIVEN a new office's administrator and his checklist
    new_office(empty_db)
    window = _window(qtbot, empty_db, "dyah.ekawati")
    panel = window.first_steps
    assert panel is not None
    # THEN the backup step says that only a copy on another drive counts, not one on this PC
    step = panel.states[StepKey.BACKUP].text()
    assert "drive lain" in step and "komputer ini" in step and "tidak menolong bila komputer rusak" in step
    # WHEN he opens the backup and keeps the folder offered on this PC (no flash drive plugged in)
    qtbot.mouseClick(panel.buttons[StepKey.BACKUP], Qt.MouseButton.LeftButton)
    dialog = window.backup_dialog
    assert dialog is not None and dialog.on_this_pc()
    # THEN the dialog says, before he starts, that such a copy does not protect against a broken PC ...
    assert dialog.same_pc_note.isVisible()
    assert "ikut hilang bila komputer rusak" in dialog.same_pc_note.text()
    assert "tidak dihitung" in dialog.same_pc_note.text()
    # ... and, once written, that the checklist step still waits for a copy on another drive
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None or bool(dialog.error_text), timeout=20000)
    assert "langkah awal 'Cadangan pertama ke flash disk'" in dialog.status.text()
    panel.refresh()
    assert panel.marks[StepKey.BACKUP].text() != "✓"
    # WHEN he backs up to a flash drive THEN the note goes and the step is done
    drive = tmp_path / "flashdisk"
    drive.mkdir()
    dialog.set_folder(drive)
    assert not dialog.same_pc_note.isVisible()
    dialog.result_path = None
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None or bool(dialog.error_text), timeout=20000)
    assert "tidak dihitung" not in dialog.status.text()
    panel.refresh()
    assert panel.marks[StepKey.BACKUP].text() == "✓"
    dialog.close()


def test_the_pk_step_says_who_does_what_and_opens_the_printing_too(qtbot, empty_db):
    # GIVEN a new office's administrator, who holds no role (so no Dokumen tab of his own)
    new_office(empty_db)
    window = _window(qtbot, empty_db, "dyah.ekawati")
    panel = window.first_steps
    assert panel is not None
    # THEN the PK step says where it is printed and who makes it final, not a "cetak" he has no screen for
    step = html.unescape(panel.states[StepKey.AGREEMENT].text())
    assert "Cetak PK di 'Dokumen'" in step and "Camat, Kasubag Perencanaan atau administrator menetapkannya" in step
    # WHEN he presses "Cetak PK…" beside "Buka Perjanjian Kinerja"
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    # THEN Dokumen opens (in a window of its own) with the Perjanjian Kinerja chosen, its print button there
    tools = [w for w in window.findChildren(ToolWindow) if w.isVisible()]
    assert [w.windowTitle() for w in tools] == ["Dokumen"]
    page = tools[0].page
    assert page.kind.currentData() == "pk" and page.print_button.isVisible()
    assert window.ctx.actor.may(Op.DOCUMENT_RECORD)  # printing records the PK: an administrator may
    tools[0].close()
