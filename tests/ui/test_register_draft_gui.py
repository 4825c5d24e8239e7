"""The Dokumen tool's register shows whether each printing was a DRAF or final (schema 17)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from sakip_desktop.documents.catalog import DocRequest, generate
from sakip_desktop.ops.org.auth import actor_for
from ui.context import AppContext
from ui.documents.registers import RegistersPanel

DAY = dt.date(2025, 10, 15)


def test_the_register_shows_draf_or_final_for_each_printing(demo_db, qtbot):
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    pk = generate(demo_db, kasubag, DocRequest("pk", year=2025, day=DAY))
    lkj = generate(demo_db, kasubag, DocRequest("lkj", year=2025, day=DAY))
    panel = RegistersPanel(AppContext(db=demo_db, actor=kasubag, year=2025, quarter=3, today=lambda: DAY))
    qtbot.addWidget(panel)
    panel.refresh()
    model = panel.document_model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = heads.index("Cetakan")
    shown = {}
    for row in range(model.rowCount()):
        title = model.index(row, heads.index("Dokumen")).data()
        version = model.index(row, heads.index("Versi")).data()
        shown[(title, version)] = (
            model.index(row, column).data(),
            model.index(row, column).data(Qt.ItemDataRole.ToolTipRole),
        )
    pk_shown = shown[(pk.record.title, str(pk.record.version))]
    lkj_shown = shown[(lkj.record.title, str(lkj.record.version))]
    assert pk_shown[0] == "Final" and "tanpa tanda DRAF" in pk_shown[1]
    assert lkj_shown[0] == "DRAF" and "belum final" in lkj_shown[1]
