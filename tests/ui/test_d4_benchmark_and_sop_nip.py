"""Issue #12 §4 and a leftover, through the real windows: the indicator form takes the benchmark ("standar nasional")
the LKj compares the indicator with, and the SOP page prints the sheet with the office's NIP grouping."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from test_planning_page import open_planning

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.planning.views import planning_tree
from sakip_desktop.ops.sop.library import list_sops
from ui.context import AppContext
from ui.planning.dialogs import IndicatorDialog
from ui.sop.exchange import print_sheet

DAY = dt.date(2025, 9, 1)
SPM = "SPM pelayanan administrasi terpadu kecamatan: 100%"


def _ik06(db):
    return next(
        i for p in planning_tree(db) for g in p.goals for o in g.objectives for i in o.indicators if i.code == "IK06"
    )


def test_the_indicator_form_saves_and_shows_the_benchmark(qtbot, demo_db, modals) -> None:
    # GIVEN the Perencanaan page with IK06 selected
    _window, page = open_planning(qtbot, demo_db)
    assert page.select("indicator", _ik06(demo_db).id)

    # WHEN "Ubah" is opened, the benchmark typed and saved
    def fill(dialog):
        assert isinstance(dialog, IndicatorDialog)
        assert dialog.benchmark_edit.text() == ""
        dialog.resize(900, 700)
        if os.environ.get("D4_SHOTS"):
            dialog.grab().save(str(Path(os.environ["D4_SHOTS"]) / "indicator_dialog.png"))
        qtbot.keyClicks(dialog.benchmark_edit, SPM)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)

    # THEN it is stored, and the form shows it when opened again
    assert _ik06(demo_db).benchmark == SPM
    seen: list[str] = []

    def look(dialog):
        seen.append(dialog.benchmark_edit.text())
        dialog.reject()

    modals.answer(look)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen == [SPM]


def test_the_sop_page_prints_the_nip_as_the_office_groups_it(qtbot, demo_db, tmp_path) -> None:
    # GIVEN an office whose NIP is printed in groups 8-6-4
    update_settings(
        demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), replace(get_settings(demo_db), nip_grouping="8-6-4")
    )
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3, today=lambda: DAY
    )
    sop = next(s for s in list_sops(demo_db) if s.code == "CONTOH-PENGUKURAN-KINERJA-TRIWULAN")
    parent = QWidget()
    qtbot.addWidget(parent)
    # WHEN its sheet is printed from the SOP page
    out = tmp_path / "sop.pdf"
    assert print_sheet(parent, ctx, sop, out)
    # THEN "Disahkan oleh" groups the Camat's NIP 8-6-4, not the default 8-6-1-3
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "NIP. 19800614 200212 1003" in text and "200212 1 003" not in text
