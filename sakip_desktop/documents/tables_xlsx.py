"""Every table of an official document as an .xlsx workbook: one sheet per table, as the PDF prints it.

A sheet carries the table's caption, a line with the office and the period, the same column headers
(frozen, repeated on every printed page) and the same rows. The tables come from the kind's
`tables` function (`catalog.sheet_tables`), which reads the prepared data the PDF is built from; the
cells of numeric columns, printed the Indonesian way ("1.234,56", "87,50%"), are stored here as numbers
with the matching number format, so the cell holds exactly the figure on paper.

Number formats are written in the file's own notation ("#,##0.00": comma for thousands, point for
decimals, as OOXML requires); Excel and LibreOffice show them with the reader's separators, so an
Indonesian computer shows 1.234,56.

An export is a working copy for a spreadsheet, not a paper for signature: it is NOT recorded in the
document register (only `catalog.generate`, the PDF, is).

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.documents.catalog import (
    DocRequest,
    SheetTable,
    prepare,
    require_tables,
    sheet_tables,
)
from sakip_desktop.errors import UserError
from sakip_desktop.exchange.xlsxkit import fit_rows, page_setup
from sakip_desktop.files import write_atomically
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


def workbook_bytes(tables: list[SheetTable]) -> bytes:
    """The .xlsx file of `tables`, one sheet each, in order."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in tables:
        _write_sheet(wb.create_sheet(sheet_name(table.sheet, taken)), table)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_tables(db: Database, request: DocRequest) -> tuple[bytes, list[SheetTable]]:
    """Prepare the document `request` describes and give its tables as .xlsx bytes (not recorded)."""
    require_tables(request.kind)
    prepared = prepare(db, request)
    tables = sheet_tables(prepared)
    return workbook_bytes(tables), tables


def write_tables_xlsx(db: Database, request: DocRequest, path: Path | str) -> list[SheetTable]:
    """Write the document's tables to `path` atomically; the tables written. Not recorded in the register."""
    path = Path(path)
    data, tables = export_tables(db, request)
    try:
        write_atomically(path, data)
    except PermissionError as exc:
        raise UserError(
            f"Berkas {path} tidak dapat ditulis. Tutup berkas itu bila sedang dibuka, lalu coba lagi."
        ) from exc
    return tables


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
        total = i >= totals_from
        for c, value in enumerate(values):
            _put(ws, r, c + 1, value, c in table.numeric, border)
            if total:
                cell = ws.cell(row=r, column=c + 1)
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=TOTAL_FILL)
        if total:
            merged_totals += _merge_label(ws, r, values)
    fit_rows(ws, min_row=HEADER_ROW)
    for r in merged_totals:  # the label runs over the merged width: one line, as in the PDF
        ws.row_dimensions[r].height = None
    page_setup(ws)


def _merge_label(ws: Worksheet, row: int, values: tuple[str | None, ...]) -> list[int]:
    """Merge a Jumlah / rata-rata label over the empty cells after it, as the PDF spans it."""
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
