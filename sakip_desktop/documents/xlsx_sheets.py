"""An .xlsx workbook of document tables (`SheetTable`s): one sheet per table as the PDF prints it, set up to print
on the office's paper. `tables_xlsx` gives a document kind's tables to it; this module knows no document kind (so
any exporter may use it without importing the catalog).

Numbers printed the Indonesian way ("1.234,56", "87,50%") are stored as numbers with the matching number format,
written in the file's own notation ("#,##0.00"); Excel and LibreOffice show them with the reader's separators.
openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import cm

from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.documents.request import SheetTable
from sakip_desktop.documents.tablespec import CM_PER_CHAR
from sakip_desktop.exchange.xlsxkit import fit_rows
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 4  # rows 1-2 title and subtitle, row 3 empty
HEADER_FILL = "D9E1F2"
TOTAL_FILL = "F2F2F2"
_NUMBER = re.compile(r"^([-\u2212])?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%)?$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def number_cell(text: str | None) -> tuple[int | Decimal, str] | None:
    """A number printed the Indonesian way as (value, number format); None when `text` is not one.

    '1.234.500' -> (1234500, '#,##0'); '92,86' -> (Decimal('92.86'), '#,##0.00');
    '87,50%' -> (Decimal('87.50'), '#,##0.00"%"'); '-', 'Baik', '80–90' -> None.
    """
    if text is None:
        return None
    m = _NUMBER.match(text.strip())
    if m is None:
        return None
    sign, whole, decimals, percent = m.groups()
    digits = whole.replace(".", "")
    value: int | Decimal = Decimal(f"{digits}.{decimals}") if decimals else int(digits)
    if sign:
        value = -value
    fmt = "#,##0" + ("." + "0" * len(decimals) if decimals else "")
    return value, fmt + ('"%"' if percent else "")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("-", name).strip("'")[:31] or "Tabel"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


@dataclass(frozen=True)
class SheetPage:
    """The office's paper for printing a sheet: 'A4' or 'F4' and the margins in cm (top, bottom, left, right)."""

    paper: str = "A4"
    margins_cm: tuple[float, float, float, float] = (2.5, 2.5, 3.0, 2.0)

    @classmethod
    def of_office(cls, db: Database, paper: str | None = None) -> SheetPage:
        """The office's paper setting (or `paper`) and margins."""
        s = get_settings(db)
        margins = (s.margin_top_cm, s.margin_bottom_cm, s.margin_left_cm, s.margin_right_cm)
        return cls(paper_size(paper or s.paper_size).name, margins)

    def text_width_cm(self, landscape: bool) -> float:
        """The printable width of a page in cm."""
        size = paper_size(self.paper)
        across = (size.landscape if landscape else size.portrait)[0] / cm
        return across - self.margins_cm[2] - self.margins_cm[3]


DRAFT_WORD = "DRAF"
DRAFT_COLOR = "C00000"


def workbook_bytes(tables: list[SheetTable], page: SheetPage | None = None, *, draft: bool = False) -> bytes:
    """The .xlsx file of `tables`, one sheet each, in order, set up to print on `page` (default A4). A `draft`
    workbook says DRAF at the top of every sheet (its title row, and the printed page's header) and in the file's
    properties, as the PDF carries its DRAF watermark."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.sheet, taken))
        _write_sheet(ws, table)
        _write_notes(ws, table)
        _page_setup(ws, table, page or SheetPage())
        if draft:
            _draft_title_row(ws, len(table.widths))
    set_properties(wb, tables[0].title if tables else "", draft=draft)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def mark_draft_sheet(ws: Worksheet, cell: str, align: str = "right") -> None:
    """Say DRAF on a sheet: 'DRAF' large and red in `cell` of its title row (the title itself unchanged), and
    'DRAF – belum final' in the header of every printed page."""
    from openpyxl.styles import Alignment, Font

    mark = ws[cell]
    mark.value = DRAFT_WORD
    mark.font = Font(bold=True, size=14, color=DRAFT_COLOR)
    mark.alignment = Alignment(horizontal=align, vertical="top")
    for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        header.center.text = f"{DRAFT_WORD} – belum final"
        header.center.color = DRAFT_COLOR
        header.center.size = 14


def _draft_title_row(ws: Worksheet, columns: int) -> None:
    """The title row of a DRAF table: the title over all columns but the last, 'DRAF' in the last."""
    from openpyxl.utils import get_column_letter

    if columns < 2:
        ws["A1"] = f"{DRAFT_WORD} · {ws['A1'].value or ''}"
        mark_draft_sheet(ws, "B1")
        return
    ws.unmerge_cells(f"A1:{get_column_letter(columns)}1")
    if columns > 2:
        ws.merge_cells(f"A1:{get_column_letter(columns - 1)}1")
    mark_draft_sheet(ws, f"{get_column_letter(columns)}1")


def set_properties(wb: Any, title: str, *, draft: bool) -> None:
    """The file's properties (Excel: File › Info; LibreOffice: File › Properties): its title, and for a draft
    'DRAF' in the title, the keywords and the status."""
    props = wb.properties
    props.title = f"{DRAFT_WORD} · {title}" if draft and title else (DRAFT_WORD if draft else title) or None
    props.creator = "SAKIP Desktop"
    if draft:
        props.keywords = DRAFT_WORD
        props.contentStatus = f"{DRAFT_WORD} (belum final)"
        props.subject = f"{DRAFT_WORD}: {title}" if title else DRAFT_WORD


def _write_sheet(ws: Worksheet, table: SheetTable) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    columns = len(table.widths)
    last = get_column_letter(columns)
    line = Side(style="thin", color="808080")
    border = Border(left=line, right=line, top=line, bottom=line)
    ws["A1"] = table.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = table.subtitle
    ws["A2"].font = Font(italic=True)
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 20 if row == 1 else 16
    for c, width in enumerate(table.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for r, header in enumerate(table.header_rows):
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=HEADER_ROW + r, column=c, value=text or None)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for r1, c1, r2, c2 in table.header_merges:
        ws.merge_cells(start_row=HEADER_ROW + r1, start_column=c1 + 1, end_row=HEADER_ROW + r2, end_column=c2 + 1)
    first = HEADER_ROW + len(table.header_rows)
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{HEADER_ROW}:{first - 1}"

    totals_from = len(table.rows) - table.total_rows
    merged_totals = []
    for i, values in enumerate(table.rows):
        r = first + i
        total, group = i >= totals_from, i in table.group_rows
        for c, value in enumerate(values):
            _put(ws, r, c + 1, value, c in table.numeric, border)
            if total or group:
                cell = ws.cell(row=r, column=c + 1)
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=TOTAL_FILL)
        if total or group:  # a group row's label (the sasaran) runs from the second column, as in the PDF
            merged_totals += _merge_label(ws, r, values, 1 if group and len(values) > 2 else None)
    fit_rows(ws, min_row=HEADER_ROW)
    for r in merged_totals:  # the label runs over the merged width: one line, as in the PDF
        ws.row_dimensions[r].height = None


def _write_notes(ws: Worksheet, table: SheetTable) -> None:
    """The table's notes under it, after an empty row, each over the table's width."""
    from openpyxl.styles import Alignment, Font

    row = HEADER_ROW + len(table.header_rows) + len(table.rows) + 1
    width = sum(table.widths)
    for note in table.notes:
        row += 1
        ws.cell(row=row, column=1, value=note).font = Font(italic=True, size=9)
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(table.widths))
        ws.row_dimensions[row].height = 13 * max(1, -(-len(note) // max(int(width * 1.1), 1))) + 2


# Excel's paper codes: 9 = A4 (210 × 297 mm); 14 = Folio (8½ × 13 in, 216 × 330 mm), the sheet F4 is printed on.
PAPER_CODES = {"A4": "9", "F4": "14"}


def _page_setup(ws: Worksheet, table: SheetTable, page: SheetPage) -> None:
    """Print on the office's paper and margins, as wide as the page: portrait when the table, at the width it has
    on screen, fits a portrait page with at most a quarter taken off; landscape otherwise."""
    from openpyxl.worksheet.page import PageMargins

    wide = sum(table.widths) * CM_PER_CHAR > page.text_width_cm(landscape=False) * 1.25
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.page_setup.paperSize = PAPER_CODES[page.paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    top, bottom, left, right = (x / 2.54 for x in page.margins_cm)
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=top / 2, footer=bottom / 2)


def _merge_label(ws: Worksheet, row: int, values: tuple[str | None, ...], start: int | None = None) -> list[int]:
    """Merge a Jumlah / rata-rata label (or the cell `start`) over the empty cells after it, as the PDF spans it."""
    if start is None:
        start = next((c for c, v in enumerate(values) if v), None)
    if start is None:
        return []
    end = start
    while end + 1 < len(values) and values[end + 1] is None:
        end += 1
    if end == start:
        return []
    ws.merge_cells(start_row=row, start_column=start + 1, end_row=row, end_column=end + 1)
    return [row]


def _put(ws: Worksheet, row: int, column: int, text: str | None, numeric: bool, border: Any) -> None:
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=column)
    cell.border = border
    number = number_cell(text) if numeric else None
    if number is not None:
        cell.value, cell.number_format = number
        cell.alignment = Alignment(horizontal="right", vertical="top")
        return
    cell.value = text or None
    if isinstance(text, str) and text.startswith("="):
        cell.data_type = "s"  # a text, not a formula
    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if numeric and text else None)
    if text:
        cell.number_format = "@"
