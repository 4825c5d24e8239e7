"""Formulir E.81 as an .xlsx laid out like the kabupaten's template: one sheet "Formulir E.81", the title, the three
header rows merged as in the PDF, the body with numbers as numbers (K as the figure, Rp in whole rupiah, column 14 as
a percentage), the footer rows merged across, the notes and both signature blocks, set to print landscape on the
office's paper (A4 or F4) one page wide, the header rows repeated.

`e81_tables` gives the same table as plain data for the generic exports (`documents.tables_xlsx`); `e81_workbook`
writes the form itself (`tables_xlsx.export_tables` prepares and saves it, as the kind's `KindSpec.workbook`). An
export is a working copy: it is not recorded in the document register. openpyxl is imported inside the functions
(not at start-up).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sakip_desktop.documents.e81 import (
    COLUMN_NOTE,
    COLUMNS,
    FIRST_PAIR,
    K_COLUMNS,
    RP_COLUMNS,
    E81Doc,
    body_cells,
    footer_rows,
    header_merges,
    header_rows,
    period_title,
    whole_rupiah,
)
from sakip_desktop.documents.request import Prepared, SheetTable
from sakip_desktop.documents.xlsx_sheets import mark_draft_sheet, set_properties
from sakip_desktop.exchange.xlsxkit import fit_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET = "Formulir E.81"
HEADER_ROW = 6  # rows 1-4: form name, title lines, source; row 5 empty
WIDTHS = (4, 22, 30, 28) + (9, 15) * 10 + (18, 16)
PAPER_CODES = {"A4": "9", "F4": "14"}  # Excel: 9 A4, 14 Folio (216 × 330 mm, what F4 prints on)
HEAD_FILL, TOTAL_FILL, PROGRAM_FILL = "D9E1F2", "F2F2F2", "F2F2F2"


def e81_tables(prepared: Prepared) -> list[SheetTable]:
    """The form's table as plain data (whole rupiah), for the generic .xlsx writer."""
    doc: E81Doc = prepared.data
    rows = [tuple(body_cells(line, whole_rupiah)) for line in doc.lines]
    rows += [tuple(r) for r in footer_rows(doc)]
    subtitle = f"{doc.office_title} {doc.regency_title} · {period_title(doc.year, doc.quarter).capitalize()}"
    return [
        SheetTable(
            SHEET,
            "Evaluasi terhadap Hasil Renja Perangkat Daerah",
            subtitle,
            header_rows(doc.year, doc.quarter),
            tuple(rows),
            tuple(float(w) for w in WIDTHS),
            numeric=frozenset({*K_COLUMNS, *RP_COLUMNS}),
            header_merges=header_merges(),
            total_rows=6,
            notes=(COLUMN_NOTE,),
        )
    ]


def e81_workbook(prepared: Prepared, paper: str, margins_cm: tuple[float, float, float, float]) -> bytes:
    """The form as an .xlsx (see the module); `margins_cm` (top, bottom, left, right)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    doc: E81Doc = prepared.data
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _title(ws, doc)
    last = _table(ws, doc)
    _signatures(ws, doc, last + 3)
    ws.print_area = f"A1:{get_column_letter(COLUMNS)}{last + 12}"
    _page(ws, paper, margins_cm)
    if doc.draft:  # at the top (the form's first row, beside "Formulir E.81") and on every printed page
        mark_draft_sheet(ws, "A1", align="left")
    set_properties(wb, f"Formulir E.81 {period_title(doc.year, doc.quarter).capitalize()}", draft=doc.draft)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _title(ws: Worksheet, doc: E81Doc) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    last = get_column_letter(COLUMNS)
    ws.cell(row=1, column=COLUMNS, value="Formulir E.81").alignment = Alignment(horizontal="right")
    lines = (
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        f"{doc.office_title.upper()} {doc.regency_title.upper()} — {period_title(doc.year, doc.quarter)}",
        f"Indikator dan target kinerja menurut {doc.plan}. Rp dalam rupiah.",
    )
    for n, text in enumerate(lines, start=2):
        cell = ws.cell(row=n, column=1, value=text)
        cell.font = Font(bold=n < 4, size=12 if n == 2 else 10, italic=n == 4)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A{n}:{last}{n}")
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width


def _border() -> Any:
    from openpyxl.styles import Border, Side

    line = Side(style="thin", color="808080")
    return Border(left=line, right=line, top=line, bottom=line)


def _header(ws: Worksheet, doc: E81Doc) -> int:
    from openpyxl.styles import Alignment, Font, PatternFill

    heads = header_rows(doc.year, doc.quarter)
    for r, row in enumerate(heads):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(row=HEADER_ROW + r, column=c, value=text or None)
            cell.font, cell.border = Font(bold=True, size=9), _border()
            cell.fill = PatternFill("solid", fgColor=HEAD_FILL)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for r1, c1, r2, c2 in header_merges():
        ws.merge_cells(start_row=HEADER_ROW + r1, start_column=c1 + 1, end_row=HEADER_ROW + r2, end_column=c2 + 1)
    ws.row_dimensions[HEADER_ROW].height = 92
    first = HEADER_ROW + len(heads)
    ws.freeze_panes = f"E{first}"
    ws.print_title_rows = f"{HEADER_ROW}:{first - 1}"
    return first


_FIGURE = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def figure(text: Any) -> Decimal | None:
    """A figure as the form prints it ('1.234,56', '24', '87,50') as a number; None for a label, a range or '-'."""
    if not isinstance(text, str) or not _FIGURE.fullmatch(text):
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


def _put(ws: Worksheet, row: int, column: int, value: Any, numeric: bool) -> Any:
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=column)
    cell.border = _border()
    if isinstance(value, int):
        cell.value, cell.number_format = value, "#,##0"
    elif numeric and (number := figure(value)) is not None:
        cell.value, cell.number_format = number, "#,##0.00" if "," in value else "#,##0"
    else:
        cell.value = value or None
        if isinstance(value, str):
            cell.number_format = "@"
            if value.startswith("="):
                cell.data_type = "s"  # a text someone typed, never a formula
    horizontal = "right" if numeric and cell.data_type == "n" else ("center" if numeric else None)
    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=horizontal)
    return cell


def _table(ws: Worksheet, doc: E81Doc) -> int:
    """Headers, body and footer; the last row written."""
    from openpyxl.styles import Alignment, Font, PatternFill

    row = body = _header(ws, doc)
    numeric = {*K_COLUMNS, *RP_COLUMNS}
    for line in doc.lines:
        cells = body_cells(line, lambda v: v)  # Rp stays an int: a number in the cell
        for c, value in enumerate(cells):
            cell = _put(ws, row, c + 1, value, c in numeric)
            if line.level == "program":
                cell.fill = PatternFill("solid", fgColor=PROGRAM_FILL)
        row += 1
    fit_rows(ws, min_row=body)  # LibreOffice opens a row without a height at one line
    for n, cells in enumerate(footer_rows(doc)):
        for c, value in enumerate(cells):
            cell = _put(ws, row, c + 1, value, c in numeric and n < 2)
            cell.fill, cell.font = PatternFill("solid", fgColor=TOTAL_FILL), Font(bold=c < FIRST_PAIR or n < 2)
        if n < 2:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=K_COLUMNS[-1])
            ws.merge_cells(start_row=row, start_column=COLUMNS - 1, end_row=row, end_column=COLUMNS)
        else:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=FIRST_PAIR)
            ws.merge_cells(start_row=row, start_column=FIRST_PAIR + 1, end_row=row, end_column=COLUMNS)
            text = cells[FIRST_PAIR] or ""
            ws.row_dimensions[row].height = 13 * max(1, text.count("\n") + 1 + len(text) // 230)
        row += 1
    note = ws.cell(row=row + 1, column=1, value="Catatan: " + COLUMN_NOTE)
    note.font = Font(italic=True, size=9)
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=COLUMNS)
    if doc.draft:
        draft = ws.cell(row=row + 2, column=1, value="DRAF, belum final: " + "; ".join(doc.missing))
        draft.font = Font(bold=True, color="C00000", size=9)
        draft.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=COLUMNS)
        ws.row_dimensions[row + 2].height = 12 * (1 + len(draft.value) // 250)
    return row + 2


def _signatures(ws: Worksheet, doc: E81Doc, top: int) -> None:
    """'Disusun' (Camat) under columns B-D, 'Dievaluasi' (Bappeda) under the last pairs."""
    from openpyxl.styles import Alignment, Font

    from sakip_desktop.domain.formats import long_date

    camat = doc.compiler
    evaluator = doc.evaluator
    left = [
        long_date(doc.sign_date) if doc.sign_date else "",
        "Disusun",
        f"{camat.jabatan},",
        "",
        "",
        "",
        camat.name,
        camat.rank,
        f"NIP. {camat.nip}" if camat.nip else "",
    ]
    right = [
        f"..........., .................... {doc.year}",
        "Dievaluasi",
        f"{evaluator.jabatan}," if evaluator else "BAPPEDA,",
        "",
        "",
        "",
        evaluator.name if evaluator else "(..............................................)",
        evaluator.rank if evaluator else "",
        f"NIP. {evaluator.nip}" if evaluator and evaluator.nip else "",
    ]
    for block, (first, last) in ((left, (2, 4)), (right, (RP_COLUMNS[-4] + 1, RP_COLUMNS[-1] + 1))):
        for n, text in enumerate(block):
            r = top + n
            cell = ws.cell(row=r, column=first, value=text or None)
            cell.alignment = Alignment(horizontal="center")
            cell.font = Font(bold=n == 6, underline="single" if n == 6 else None)
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)


def _page(ws: Worksheet, paper: str, margins_cm: tuple[float, float, float, float]) -> None:
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_CODES.get(paper, "9")
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    top, bottom, left, right = (x / 2.54 for x in margins_cm)
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=top / 2, footer=bottom / 2)
