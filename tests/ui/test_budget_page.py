"""'Anggaran dan impor rencana' of the Kasubag Perencanaan: export the plan through the file dialog, edit it in
"Excel", import it after the preview,
and keep spending within the pagu in the budget tree. SAKIP_SHOTS names a folder for PNGs of the screens."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl
from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from _sop_fixtures import choose_file, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableView, QWidget

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning.budget import budget_tree
from ui.budget.dialogs import BudgetDialog
from ui.budget.page import BudgetPlanPage
from ui.budget.rencana import RencanaPreviewDialog
from ui.context import AppContext
from ui.role_tab import RoleTab
from ui.widgets.dialogs import TextDialog

DAY = dt.date(2025, 8, 13)
SHOTS = os.environ.get("SAKIP_SHOTS")


def kasubag(db) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, "kasubag_renkeu", DAY), year=2025, quarter=3, today=lambda: DAY)


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(qtbot, page: BudgetPlanPage, code: str) -> None:
    codes = texts(page.view, 0)
    rect = page.view.visualRect(page.model.index(codes.index(code), 1))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_kasubag_tab_has_the_editable_budget_tool_instead_of_the_read_only_one(qtbot, demo_db):
    # GIVEN the Kasubag Perencanaan's tab
    ctx = kasubag(demo_db)
    grant = next(g for g in ctx.actor.grants if g.role is Role.KASUBAG_PERENCANAAN)
    tab = show(qtbot, RoleTab(ctx, grant))
    titles = [tab.tools.tabText(i) for i in range(tab.tools.count())]
    # THEN it offers 'Anggaran dan impor rencana' and no read-only 'Anggaran'
    assert "Anggaran dan impor rencana" in titles and "Anggaran" not in titles
    # AND the page is built when opened
    page = tab.cycle_pages["Anggaran dan impor rencana"]
    tab.tools.setCurrentWidget(page)
    assert isinstance(page.content, BudgetPlanPage)


def test_export_edit_and_import_the_plan_through_the_gui(qtbot, demo_db, modals: Modals, tmp_path):
    # GIVEN the budget page of the Kasubag Perencanaan
    ctx = kasubag(demo_db)
    page = show(qtbot, BudgetPlanPage(ctx))
    assert "7.01.01" in texts(page.view, 0) and page.total.text().startswith("Jumlah 2025: pagu Rp")
    shot(page, "budget_page")
    path = tmp_path / "rencana.xlsx"

    # WHEN he exports the current plan, choosing the file in the save dialog
    modals.answer(choose_file(path))
    modals.answer(press("Tutup"))
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: modals.pending == 0)
    assert path.is_file()

    # AND raises a pagu and adds a program in "Excel"
    wb = openpyxl.load_workbook(path)
    ws = wb["Sub Kegiatan"]
    pagu_2025 = next(c.column for c in ws[1] if c.value == "Pagu 2025")
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "7.01.01.2.01.0001")
    ws.cell(row=row, column=pagu_2025, value=25_000_000)
    wb["Program"].append(("7.01.09", "PROGRAM BARU DARI EXCEL", "S2"))
    # ... and a new indicator with its targets of 2025 (one row of 'Target': a yearly, four TW and a Renstra target)
    wb["Indikator"].append(
        ("IK99", "Jumlah inovasi pelayanan", "inovasi", "Positif", "Kumulatif", "", "", "", "", "Tidak", None, "S3")
    )
    wb["Target"].append(("IK99", 2025, 4, 4, None, 1, 1, 1, 1))
    wb.save(path)

    # AND imports it: the file dialog, the preview, "Terapkan", the summary
    seen: dict[str, object] = {}

    def check_preview(dialog: QWidget) -> None:
        assert isinstance(dialog, RencanaPreviewDialog)
        rows = {s.sheet: s for s in dialog.preview.sheets}
        seen["program"] = rows["Program"].added
        seen["subs"] = rows["Sub Kegiatan"].changed
        seen["table"] = texts(dialog.table, 0)
        seen["intro"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        shot(dialog, "rencana_preview")
        click(qtbot, dialog.apply_button)

    def read_summary(box: QWidget) -> None:
        seen["summary"] = box.text()
        press("OK")(box)

    modals.answer(choose_file(path))
    modals.answer(check_preview)
    modals.answer(read_summary)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the preview and the summary count alike: rows of the workbook (issue 13: "menambah 10" then "19 baru")
    assert "menambah 3 baris dan mengubah 1 baris" in seen["intro"]
    assert seen["summary"] == "Disimpan: menambah 3 baris dan mengubah 1 baris."
    # THEN the preview listed the change per sheet, and the tree shows the stored result
    assert seen["program"] == ("7.01.09",) and seen["subs"] == ("7.01.01.2.01.0001",)
    assert seen["table"][0] == "Renstra" and "Realisasi Anggaran" in seen["table"]
    assert "7.01.09" in texts(page.view, 0)
    assert next(n for n in budget_tree(demo_db, 2025) if n.code == "7.01.01.2.01.0001").ceiling == 25_000_000


def test_a_bad_workbook_lists_its_errors_and_changes_nothing(qtbot, demo_db, modals: Modals, tmp_path):
    # GIVEN an export whose indicator sheet has an unknown polarity
    ctx = kasubag(demo_db)
    page = show(qtbot, BudgetPlanPage(ctx))
    path = tmp_path / "rencana.xlsx"
    from sakip_desktop.exchange.rencana.write import export_rencana

    export_rencana(demo_db, path)
    wb = openpyxl.load_workbook(path)
    wb["Indikator"]["D7"] = "naik"
    wb.save(path)
    listed: list[str] = []

    def read_errors(dialog: QWidget) -> None:
        assert isinstance(dialog, TextDialog)
        listed.append(dialog.findChild(QPlainTextEdit).toPlainText())
        press("Tutup")(dialog)

    # WHEN he imports it
    modals.answer(choose_file(path))
    modals.answer(read_errors)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN every error is listed with its place, and no preview opened
    assert "lembar 'Indikator', baris 7, kolom 'Polaritas': 'naik' tidak dikenal; isi Positif atau Negatif" in listed[0]


def test_spending_above_the_pagu_is_refused_in_the_dialog(qtbot, demo_db, modals: Modals):
    # GIVEN a sub kegiatan selected in the tree
    ctx = kasubag(demo_db)
    page = show(qtbot, BudgetPlanPage(ctx))
    select(qtbot, page, "7.01.01.2.01.0001")
    assert page.budget_button.isEnabled() and not page.add_program_button.isHidden()
    outcome: dict[str, str] = {}

    def enter(dialog: QWidget) -> None:
        assert isinstance(dialog, BudgetDialog)
        assert dialog.ceiling.text() == "18.500.000"
        tw4 = dialog.spent[3]
        tw4.setFocus()
        qtbot.keyClicks(tw4, "6.000.000")
        click(qtbot, dialog.save_button)
        outcome["refused"] = dialog.problem_text()
        shot(dialog, "budget_dialog_refused")
        # WHEN he lowers TW IV to fit THEN it is stored
        tw4.clear()
        qtbot.keyClicks(tw4, "5.300.000")
        click(qtbot, dialog.save_button)
        outcome["closed"] = str(not dialog.isVisible())
        if dialog.isVisible():
            dialog.reject()  # fail below rather than wait for ever

    # WHEN he types TW IV spending that passes the pagu
    modals.answer(enter)
    click(qtbot, page.budget_button)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the dialog said so, in Rupiah, and the accepted amount shows with serapan 100 %
    assert outcome["refused"].startswith("Realisasi anggaran TW I–IV Rp19.200.000 melebihi pagu Rp18.500.000")
    row = texts(page.view, 0).index("7.01.01.2.01.0001")
    assert outcome["closed"] == "True"
    assert page.model.index(row, 7).data() == "Rp5.300.000" and page.model.index(row, 9).data() == "100,00%"
    # AND the selection stayed on the row
    assert page.selected().code == "7.01.01.2.01.0001"
