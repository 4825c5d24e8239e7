"""A qualitative indicator through the real realisasi screens: the entry table, the verification queue and its
detail, the approval queue and the role tab's indicator list name the level ('B', 'BB'), not its rank.

Set SAKIP_SHOTS to a folder to keep a PNG of the screens."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _qualitative_data import CODE, RANK, add_qualitative_indicator
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import (
    add_evidence,
    quarter_entries,
    save_realisation,
    submit_quarter,
    verify,
)
from sakip_desktop.ops.realisation.review import CheckInput, approve
from ui.context import AppContext
from ui.cycle.approve_page import ApprovePage
from ui.cycle.entry_page import EntryPage
from ui.cycle.revision_page import RevisionDialog
from ui.cycle.verify_page import VerifyPage

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported in January
SHOTS = os.environ.get("SAKIP_SHOTS")
NARRATIVE = {
    "supporting": "Dokumen perencanaan lengkap",
    "inhibiting": "Evaluasi internal belum rutin",
    "follow_up": "Rapat evaluasi bulanan",
}


def context_for(db, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=4, today=lambda: DAY)


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def cell(view: QTableView, code: str, title: str) -> str:
    model = view.model()
    columns = {model.headerData(c, Qt.Orientation.Horizontal): c for c in range(model.columnCount())}
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert code in rows, f"{code} not in {rows}"
    return model.index(rows.index(code), columns[title]).data()


def click_row(qtbot, view: QTableView, code: str) -> None:
    model = view.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    rect = view.visualRect(model.index(rows.index(code), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_entry_page_chooses_and_shows_the_level(qtbot, demo_db):
    # GIVEN IK60 (Predikat SAKIP, TW IV target BB) for the Seksi Pemerintahan
    add_qualitative_indicator(demo_db)
    unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    page = show(qtbot, EntryPage(context_for(demo_db, "kasi_pem"), unit))
    # THEN the table names the target's level
    assert cell(page.table, CODE, "Target TW") == "BB"
    assert cell(page.table, "IK04", "Target TW") == "6"  # a numeric indicator keeps its number
    # WHEN the Kasi chooses B from the levels, writes the narrative and saves
    click_row(qtbot, page.table, CODE)
    combo = page.form.level_combo
    assert combo.isVisible() and not page.form.value_edit.isVisible()
    combo.setCurrentIndex(combo.findText("B"))
    for name, text in NARRATIVE.items():
        getattr(page.form, f"{name}_edit").setPlainText(text)
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    # THEN the rank of B is stored and the table shows B, with capaian 4/5 × 100
    stored = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == CODE)
    assert stored.value == Decimal(RANK["B"])
    assert cell(page.table, CODE, "Realisasi") == "B"
    assert cell(page.table, CODE, "Capaian") == "80,00%"
    shot(page, "qualitative_entry")


def submit_with_bukti(db, kasi, unit: int, indicators: list[int], values: list) -> None:
    """The Kasi enters the values with their narrative and a bukti dukung each (required: issue 13 §5), then submits."""
    for indicator, value in zip(indicators, values, strict=True):
        rid = save_realisation(db, kasi, indicator, 2025, 4, Decimal(value), **NARRATIVE)
        add_evidence(db, kasi, rid, "bukti.pdf", b"%PDF-1.4 bukti")
    submit_quarter(db, kasi, unit, 2025, 4)


def test_verify_and_approve_pages_show_the_level(qtbot, demo_db):
    # GIVEN IK60 submitted with realisasi B together with the unit's other indicators
    new = add_qualitative_indicator(demo_db)
    unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ids = {e.code: e.indicator_id for e in quarter_entries(demo_db, 2025, 4, unit)}
    submit_with_bukti(demo_db, kasi, unit, [ids["IK04"], ids["IK05"], new], [7, 100, RANK["B"]])
    # WHEN the Sekretaris opens her verification queue and reads IK60
    page = show(qtbot, VerifyPage(context_for(demo_db, "sekcam")))
    assert cell(page.table, CODE, "Target TW") == "BB"
    assert cell(page.table, CODE, "Realisasi") == "B"
    click_row(qtbot, page.table, CODE)
    # THEN the detail names the levels too
    detail = page.detail.text.toPlainText()
    assert "Target TW IV: BB  ·  Realisasi: B  ·  Capaian: 80,00%" in detail.replace("\xa0", " ")
    shot(page, "qualitative_verify")
    # WHEN it is verified THEN the Camat's approval queue shows the levels
    entry = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == CODE)
    rid = entry.realisation_id
    verify(demo_db, actor_for(demo_db, "sekcam", DAY), [rid], {rid: CheckInput(True, True, True, "")})
    approve_page = show(qtbot, ApprovePage(context_for(demo_db, "camat")))
    assert cell(approve_page.queue.table, CODE, "Target TW") == "BB"
    assert cell(approve_page.queue.table, CODE, "Realisasi") == "B"


def test_an_approved_level_is_revised_by_choosing_a_level(qtbot, demo_db):
    # GIVEN IK60 approved at B
    new = add_qualitative_indicator(demo_db)
    unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ids = {e.code: e.indicator_id for e in quarter_entries(demo_db, 2025, 4, unit)}
    submit_with_bukti(demo_db, kasi, unit, [ids["IK04"], ids["IK05"], new], [7, 100, RANK["B"]])
    rids = [e.realisation_id for e in quarter_entries(demo_db, 2025, 4, unit)]
    verify(demo_db, actor_for(demo_db, "sekcam", DAY), rids, {r: CheckInput(True, True, True, "") for r in rids})
    approve(demo_db, actor_for(demo_db, "camat", DAY), rids)
    entry = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == CODE)
    # WHEN the Camat opens "Revisi nilai…" for it
    dialog = RevisionDialog(context_for(demo_db, "camat"), entry)
    show(qtbot, dialog)
    # THEN the current value is the level and the new one is chosen from the levels, not typed
    assert any(label.text() == "B" for label in dialog.findChildren(QLabel))
    assert dialog.level_combo.isVisible() and not dialog.value_edit.isVisible()
    shot(dialog, "qualitative_revision")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findText("BB"))
    dialog.reason_edit.setPlainText("Hasil evaluasi Inspektorat: predikat BB")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the rank of BB is stored
    assert next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == CODE).value == Decimal(RANK["BB"])
