"""The first-run screen's "Buka basis data yang ada…": worded for a new PC, and never using a file unchecked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

import ui.opening as opening
from ui.first_run import FirstRunDialog
from ui.restore_dialog import RestoreDialog


def test_opening_an_existing_database_on_a_new_pc_checks_the_file_first(qtbot, modals, tmp_path):
    # GIVEN a new PC (no database yet) and, on a flash drive, a file that is not a SAKIP database
    target = tmp_path / "pc-baru" / "sakip.db"
    stray = tmp_path / "flashdisk" / "sakip.db"
    stray.parent.mkdir()
    stray.write_bytes(b"Ini catatan rapat, bukan basis data." * 50)
    seen: dict[str, object] = {}

    def choose_existing(dialog):
        assert isinstance(dialog, FirstRunDialog)
        qtbot.mouseClick(dialog.existing_button, Qt.MouseButton.LeftButton)

    def look(dialog):
        assert isinstance(dialog, RestoreDialog)
        seen["title"] = dialog.windowTitle()
        seen["button"] = dialog.restore_button.text()
        seen["accepted"] = dialog.select(stray)
        seen["why"] = dialog.details.text()
        seen["enabled"] = dialog.restore_button.isEnabled()
        dialog.reject()

    modals.answer(choose_existing)
    modals.answer(look)
    modals.answer(lambda dialog: dialog.reject())  # back on the first-run screen: "Keluar"
    # WHEN "Buka basis data yang ada…" is chosen and that file picked
    db = opening.first_run(target)
    # THEN the dialog speaks of opening an existing database, not of restoring this PC's data
    assert seen["title"] == "Buka basis data yang ada" and seen["button"] == "Pakai berkas ini"
    # AND the file was checked and refused with its reason, so it cannot be used
    assert seen["accepted"] is False and seen["enabled"] is False
    assert "bukan basis data" in str(seen["why"])
    # AND nothing was opened or written
    assert db is None and not target.exists()
