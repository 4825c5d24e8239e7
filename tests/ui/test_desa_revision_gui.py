"""The Camat revises an approved realisasi counted over desa through the real widgets (issue 15 §3 leftover): the
"Revisi nilai…" of IK05 offers its per-desa list instead of a number, and the value follows the revised marks."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from sakip_desktop.ops.desa.fraction import NOT_MET, entry_breakdown, percentage
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import quarter_entries, revisions
from ui.context import AppContext
from ui.cycle.revision_page import DesaRevisionDialog, RevisionPage
from ui.widgets.table import select_where

DAY = dt.date(2025, 10, 15)


def test_the_camat_revises_ik05_by_its_desa_and_the_value_follows(qtbot, demo_db, modals: Modals):
    # GIVEN the Camat's "Revisi realisasi" of TW II 2025, IK05 (14 desa marked, approved) chosen
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=2, today=lambda: DAY)
    page = RevisionPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    assert select_where(page.table, lambda e: e.code == "IK05")
    entry = next(e for e in quarter_entries(demo_db, 2025, 2) if e.code == "IK05")
    found = entry_breakdown(demo_db, entry.indicator_id, 2025, 2)
    assert found is not None and found.desa_met is not None
    row = next(n for n, r in enumerate(found.rows) if r.state == NOT_MET)
    seen: list[str] = []

    def refused(box) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    # WHEN he clicks "Revisi nilai…": the desa list opens (no number to type), without attaching files
    def revise_marks(dialog) -> None:
        assert isinstance(dialog, DesaRevisionDialog)
        assert dialog.table.rowCount() == 14 and dialog.choices[row].isEnabled()
        assert not [b for b in dialog.table.findChildren(QPushButton) if b.isVisibleTo(dialog)]
        # AND marks one more desa as meeting the criterion, first without a reason
        dialog.choices[row].setCurrentIndex(1)
        seen.append(dialog.windowTitle())
        modals.answer(refused)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.reason_edit, "Berita acara Desa menyusul dan sudah diperiksa")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(revise_marks)
    qtbot.mouseClick(page.revise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the empty reason was refused, and the value follows the marks: one more desa of 14
    assert seen[0] == "Revisi per desa IK05" and "Tulis alasan revisi" in seen[1]
    value = percentage(found.desa_met + 1, 14)
    after = entry_breakdown(demo_db, entry.indicator_id, 2025, 2)
    assert after is not None and (after.desa_met, after.desa_counted) == (found.desa_met + 1, 14)
    assert entry.realisation_id is not None
    [revision] = revisions(demo_db, entry.realisation_id)
    assert (revision.old_value, revision.new_value) == (entry.value, value)
    assert revision.reason == "Berita acara Desa menyusul dan sudah diperiksa"
    qtbot.waitUntil(lambda: "IK05 direvisi" in page.message.text())
    assert page.history_model.rowCount() == 1
    assert modals.unexpected == []
