"""Bukti dukung through the real screens (issue 13 §5): "Bukti dukung wajib" in Pengaturan › Umum, the Kasi told on
his entry screen why a realisasi without bukti cannot go, the Sekretaris unable to tick "Bukti dukung ada" on a
realisasi without a file, and the measurement screen's indicator code. On a copy of the demo office at TW IV 2025.

Set SAKIP_SHOTS to a folder to keep a PNG of the screens."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView, QWidget

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries, save_realisation, submit_quarter
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.cycle.entry_page import EntryPage
from ui.cycle.verify_page import VerifyPage
from ui.measurement_page import MeasurementPage
from ui.settings.general_page import GeneralPage

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported in January; nobody is acting for anyone that week
SHOTS = os.environ.get("SAKIP_SHOTS")
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def context_for(db: Database, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=4, today=lambda: DAY)


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def column(view: QTableView, title: str) -> list[str]:
    model = view.model()
    at = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(title)
    return [model.index(row, at).data() for row in range(model.rowCount())]


def click_row(qtbot, view: QTableView, code: str) -> None:
    rect = view.visualRect(view.model().index(column(view, "Kode").index(code), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def enter_tw4(db: Database) -> int:
    """The Kasi Pemerintahan enters IK04 and IK05 of TW IV (no narrative needed), without bukti; the unit's id."""
    unit = next(u.id for u in list_units(db) if u.code == "SEKSI_PEMERINTAHAN")
    kasi = actor_for(db, "kasi_pem", DAY)
    ids = {e.code: e.indicator_id for e in quarter_entries(db, 2025, 4, unit)}
    save_realisation(db, kasi, ids["IK04"], 2025, 4, Decimal(7), **EMPTY)
    save_realisation(db, kasi, ids["IK05"], 2025, 4, Decimal("92.86"), **EMPTY)
    return unit


def set_required(db: Database, required: bool) -> None:
    admin = actor_for(db, "kasubag_renkeu", DAY)
    update_settings(db, admin, replace(get_settings(db), evidence_required=required))


def test_the_setting_is_in_pengaturan_umum(qtbot, demo_db):
    # GIVEN the administrator's Pengaturan › Umum
    page = show(qtbot, GeneralPage(context_for(demo_db, "kasubag_renkeu")))
    # THEN "Bukti dukung wajib" is ticked (the default)
    assert page.evidence_required.isChecked()
    shot(page, "pengaturan_bukti_wajib")
    # WHEN he unticks it and saves THEN the office no longer requires bukti
    qtbot.mouseClick(page.evidence_required, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert page.save()
    assert not get_settings(demo_db).evidence_required


def test_the_kasi_sees_why_a_realisasi_without_bukti_cannot_go(qtbot, demo_db):
    # GIVEN IK04 and IK05 of TW IV entered without bukti dukung
    unit = enter_tw4(demo_db)
    # WHEN the Kasi opens 'Isi realisasi'
    page = show(qtbot, EntryPage(context_for(demo_db, "kasi_pem"), unit))
    # THEN both drafts say they are not complete, and the tooltip says what is missing
    assert column(page.table, "Status") == ["Draf (belum lengkap)", "Draf (belum lengkap)"]
    model = page.table.model()
    at = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Status")
    tip = model.index(0, at).data(Qt.ItemDataRole.ToolTipRole)
    assert "bukti dukung belum diunggah; unggah sedikitnya satu berkas bukti dukung" in tip
    shot(page, "isi_tanpa_bukti")


def test_the_sekretaris_cannot_tick_bukti_dukung_ada_without_a_file(qtbot, demo_db):
    # GIVEN TW IV submitted without files while bukti was not required
    set_required(demo_db, False)
    unit = enter_tw4(demo_db)
    submit_quarter(demo_db, actor_for(demo_db, "kasi_pem", DAY), unit, 2025, 4)
    page = show(qtbot, VerifyPage(context_for(demo_db, "sekcam")))
    # WHEN she reads IK04
    click_row(qtbot, page.table, "IK04")
    evidence, plausible, narrative = page.boxes
    # THEN "Bukti dukung ada" cannot be ticked and says why; the other two items complete the checklist
    assert evidence.text() == "Bukti dukung ada" and not evidence.isEnabled() and not evidence.isChecked()
    assert "Tidak ada berkas bukti dukung" in evidence.toolTip()
    for box in (plausible, narrative):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert column(page.table, "Daftar periksa")[0] == "✔ lengkap"
    assert page.verify_button.isEnabled()
    shot(page, "verifikasi_tanpa_bukti")
    # WHEN the office requires bukti again THEN the row can only go back to the Kasi
    set_required(demo_db, True)
    page.reload()
    click_row(qtbot, page.table, "IK04")
    assert not evidence.isEnabled() and "kembalikan ke unitnya" in evidence.toolTip()
    assert column(page.table, "Daftar periksa") == ["tanpa bukti: kembalikan", "tanpa bukti: kembalikan"]
    assert not page.verify_button.isEnabled()


def test_the_measurement_screen_names_each_indicator_by_its_code(qtbot, demo_db):
    # GIVEN the Camat's measurement of TW III
    ctx = context_for(demo_db, "camat")
    ctx.quarter = 3
    page = show(qtbot, MeasurementPage(ctx))
    # THEN its first column is the code the kabupaten matches by, on every indicator row
    codes = [c for c in column(page.table, "Kode") if c and c.startswith("IK")]
    assert codes == [e.code for e in quarter_entries(demo_db, 2025, 3)]
