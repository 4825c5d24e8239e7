"""Indicators over desa through the real widgets (issue 15 §3): the Kasi Pemerintahan marks IK05's desa for TW IV
2025 in the entry screen (4 of 9 desa = 44,44), the Camat's Dasbor shows the desa map in colours, and the
administrator keeps the desa list in Pengaturan › Desa/kelurahan."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import (  # noqa: F401  (fixtures)
    Modals,
    click_box_button,
    ctx,
    modals,
    select_row_where,
    table_texts,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from sakip_desktop.ops.desa.master import list_desa, set_desa_active
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.cycle.desa_dialog import DesaDialog
from ui.cycle.entry_page import EntryPage
from ui.dashboard.desa_map import COLOURS
from ui.dashboard.page import DashboardPage
from ui.settings.desa_page import DesaDialog as DesaMasterDialog
from ui.settings.desa_page import DesaPage

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported in January


def _context(db: Database, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=4, today=lambda: DAY)


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _click_row(qtbot, view: QTableView, code: str) -> None:
    rect = view.visualRect(view.model().index(_texts(view, 0).index(code), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_kasi_marks_desa_and_the_camat_sees_the_desa_map(qtbot, demo_db, modals: Modals):
    # GIVEN 9 active desa (five deactivated) and the Kasi Pemerintahan on TW IV 2025
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    for d in list_desa(demo_db)[9:]:
        set_desa_active(demo_db, admin, d.id, False)
    unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    page = _show(qtbot, EntryPage(_context(demo_db, "kasi_pem"), unit))
    page.refresh()
    # WHEN he chooses IK05
    _click_row(qtbot, page.table, "IK05")
    control = page.form.desa
    assert control.isVisible() and control.fraction.text() == "belum ada desa yang diisi"

    # AND marks 4 desa as meeting the criterion and 5 as not, with a note on one
    def mark(dialog) -> None:
        assert isinstance(dialog, DesaDialog)
        assert dialog.table.rowCount() == 9
        for n, combo in enumerate(dialog.choices):
            combo.setCurrentIndex(1 if n < 4 else 2)
        qtbot.keyClicks(dialog.notes[4], "Buku administrasi pembangunan belum mutakhir")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(mark)
    qtbot.mouseClick(control.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)

    # THEN the realisasi is 4 of 9 desa, printed 44,44, kept as the fraction
    qtbot.waitUntil(lambda: control.fraction.text() == "4 dari 9 desa memenuhi kriteria (44,44%)")
    row = _texts(page.table, 0).index("IK05")
    assert _texts(page.table, 4)[row] == "44,44"
    assert page.form.value_edit.isReadOnly()  # the marks give the value now
    assert page.form.capaian_label.text() == "47,86%"
    entry = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == "IK05")
    assert entry.value == Decimal("44.44")

    # WHEN the Camat opens the Dasbor of TW IV
    dashboard = _show(qtbot, DashboardPage(_context(demo_db, "camat")))
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.data is not None)
    # THEN the desa map lists every desa in its colour
    assert dashboard.desa_card.isVisible()
    tiles = dashboard.desa_map.tiles["IK05"]
    assert [t.text() for t in tiles] == [d.name for d in list_desa(demo_db)[:9]]
    assert [t.state for t in tiles] == ["met"] * 4 + ["not_met"] * 5
    assert COLOURS["met"][0] in tiles[0].styleSheet() and COLOURS["not_met"][0] in tiles[4].styleSheet()
    assert "Buku administrasi pembangunan belum mutakhir" in tiles[4].toolTip()
    heads = [w.text() for w in dashboard.desa_map.findChildren(QLabel)]
    assert any("4 dari 9 desa memenuhi kriteria (44,44%)" in text for text in heads)


def test_the_administrator_adds_and_deactivates_a_desa(qtbot, ctx, modals: Modals):
    # GIVEN Pengaturan › Desa/kelurahan with the demo's 14 desa
    page = _show(qtbot, DesaPage(ctx))
    assert len(table_texts(page.table, 1)) == 14

    # WHEN the administrator adds Desa Sumberrejo
    def fill(dialog) -> None:
        assert isinstance(dialog, DesaMasterDialog)
        qtbot.keyClicks(dialog.name_edit, "Sumberrejo")
        qtbot.keyClicks(dialog.code_edit, "35.07.19.2014")
        qtbot.keyClicks(dialog.head_edit, "Suyanto")
        dialog.accept()

    modals.answer(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sumberrejo" in table_texts(page.table, 1))
    # AND deactivates it
    select_row_where(page, 1, "Sumberrejo")
    assert page.active_button.text() == "Nonaktifkan"
    modals.answer(lambda box: click_box_button(box, "Nonaktifkan"))
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    # THEN it stays in the list as inactive, and is left out of the desa entered from now on
    row = table_texts(page.table, 1).index("Sumberrejo")
    qtbot.waitUntil(lambda: table_texts(page.table, 4)[row] == "Tidak aktif")
    assert "Sumberrejo" not in [d.name for d in list_desa(ctx.db, include_inactive=False)]


def test_an_indicator_is_defined_over_desa_in_its_form(qtbot, ctx, modals: Modals):
    from sqlalchemy import select

    from sakip_desktop.ops.org.units import list_units as units_of
    from sakip_desktop.ops.planning.views import planning_tree
    from sakip_desktop.storage import models as m
    from ui.planning.dialogs import IndicatorDialog

    s2 = next(o.id for p in planning_tree(ctx.db) for g in p.goals for o in g.objectives if o.code == "S2")
    dialog = _show(qtbot, IndicatorDialog(ctx, None, s2, units_of(ctx.db), []))
    qtbot.keyClicks(dialog.code_edit, "IK13")
    qtbot.keyClicks(dialog.name_edit, "Persentase desa yang menetapkan APBDes tepat waktu")
    # WHEN "Dihitung atas desa" is ticked without a criterion THEN it is refused, nothing written
    dialog.desa_check.setChecked(True)
    assert dialog.unit_edit.text() == "%" and dialog.criterion_edit.isEnabled()
    dialog.accept()
    assert "Kriteria desa wajib" in dialog.problem.text()
    # WHEN the criterion is typed THEN the indicator is stored as one over desa
    qtbot.keyClicks(dialog.criterion_edit, "APBDes ditetapkan paling lambat 31 Desember")
    dialog.accept()
    with ctx.db.reading() as s:
        row = s.scalar(select(m.Indicator).where(m.Indicator.code == "IK13"))
        assert row is not None and row.over_desa
        assert row.desa_criterion == "APBDes ditetapkan paling lambat 31 Desember"
