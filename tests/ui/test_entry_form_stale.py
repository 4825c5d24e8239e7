"""The entry form saves only over what it showed: when someone changed the realisasi after the Kasi opened it, his
"Simpan" is refused with the rule's words (as a Format Isian read before the change is); his typing is kept, the
table shows what is stored now, and "Simpan" again overwrites it knowingly."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from _sop_fixtures import press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries, save_realisation
from ui.context import AppContext
from ui.cycle.entry_page import EntryPage

DAY = dt.date(2026, 1, 8)
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def stored(db, code: str):
    return next(e for e in quarter_entries(db, 2025, 4) if e.code == code)


def click_row(qtbot, view: QTableView, code: str) -> None:
    model = view.model()
    codes = [model.index(row, 0).data() for row in range(model.rowCount())]
    rect = view.visualRect(model.index(codes.index(code), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_over(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_a_form_opened_before_someone_else_saved_is_refused(qtbot, demo_db, modals: Modals):
    # GIVEN the Kasi Pemerintahan has IK04 TW IV open (nothing entered yet) and types 7
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasi_pem", DAY), year=2025, quarter=4, today=lambda: DAY)
    unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    page = EntryPage(ctx, unit)
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitExposed(page)
    click_row(qtbot, page.table, "IK04")
    type_over(qtbot, page.form.value_edit, "7")
    # WHEN the administrator enters IK04 on another computer meanwhile (no signal reaches this window)
    ik04 = stored(demo_db, "IK04").indicator_id
    save_realisation(demo_db, actor_for(demo_db, "staf_renkeu", DAY), ik04, 2025, 4, Decimal(5), **EMPTY)
    # THEN the Kasi's "Simpan" is refused, saying why, and the other value stays
    told: list[str] = []
    modals.answer(lambda box: (told.append(box.text()), press("OK")(box)))
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told))
    assert told[0] == (
        "IK04 TW IV 2025: data ini berubah sejak dibuka di layar; isian terbaru kini tampil di tabel; simpan lagi "
        "untuk menimpanya."
    )
    assert stored(demo_db, "IK04").value == Decimal(5)
    # and his typing is kept while the table shows what is stored now
    assert page.form.dirty and page.form.value_edit.text() == "7"
    assert page.form.entry.value == Decimal(5)  # the page read it again
    # WHEN he presses "Simpan" again THEN he overwrites it knowingly
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert stored(demo_db, "IK04").value == Decimal(7)
    # and saving twice in a row is not taken for someone else's change
    type_over(qtbot, page.form.value_edit, "8")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert stored(demo_db, "IK04").value == Decimal(8)
    assert modals.unexpected == []
