"""The .xlsx exports print on the office's paper (issue #12 §5): A4 or F4, its margins, each sheet portrait or
landscape by the width of its table; the LKj's sheets carry the notes the PDF prints under a table."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from openpyxl import load_workbook

from sakip_desktop.documents.request import DocRequest
from sakip_desktop.documents.tables_xlsx import export_tables
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.storage.database import Database

DAY = dt.date(2026, 2, 20)


def _book(db: Database, request: DocRequest):
    data, _tables = export_tables(db, request)
    return load_workbook(io.BytesIO(data))


def test_xlsx_follows_the_office_paper_and_margins(demo_db: Database) -> None:
    # GIVEN an office that prints on F4 with a 3,5 cm left margin
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    update_settings(demo_db, admin, replace(get_settings(demo_db), paper_size="F4", margin_left_cm=3.5))
    # WHEN the LKj's tables are exported
    wb = _book(demo_db, DocRequest(kind="lkj", year=2025, day=DAY))
    # THEN every sheet prints on Folio (Excel's code 14, the 8½ × 13 in sheet F4 is) with the office's margins
    assert {ws.page_setup.paperSize for ws in wb.worksheets} == {14}
    assert {round(ws.page_margins.left * 2.54, 2) for ws in wb.worksheets} == {3.5}
    # AND a narrow table prints portrait, the wide Formulir Pengukuran Kinerja landscape, both as wide as the page
    assert wb["Tabel 1"].page_setup.orientation == "portrait"
    assert wb["Lampiran 2"].page_setup.orientation == "landscape"
    assert all(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1 for ws in wb.worksheets)
    # AND the same export asked for A4 prints on A4 (code 9)
    a4 = _book(demo_db, DocRequest(kind="lkj", year=2025, day=DAY, paper="A4"))
    assert {ws.page_setup.paperSize for ws in a4.worksheets} == {9}


def test_xlsx_sheet_carries_the_notes_under_its_table(demo_db: Database) -> None:
    # GIVEN the LKj, whose PK table prints its source and whose efisiensi tables their formula under them
    wb = _book(demo_db, DocRequest(kind="lkj", year=2025, day=DAY))
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    # THEN the notes are in the sheets too
    assert any(t.startswith("Sumber: Perjanjian Kinerja") for t in texts)
    assert any("Efisiensi" in t and "serapan" in t.lower() and t.endswith(".") for t in texts)
    # AND the FPK's sasaran rows head their indicators as on paper: the statement bold over the row from column B
    fpk = wb["Lampiran 2"]
    assert "B5:L5" in {str(r) for r in fpk.merged_cells.ranges} and fpk["B5"].font.b
