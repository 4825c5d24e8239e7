"""The filled LKE as an .xlsx in the template's layout: the 'Kriteria' columns of the template workbook
(Kode | Uraian | Bobot | Jenis jawaban | Bukti dukung yang diminta) followed by the office's Jawaban, Nilai, Skor,
Keterangan and Bukti terlampir. Values are numbers; the scores are formulas (a criterion's weight share of its
value, a sub-component the sum of its criteria, a component the sum of its sub-components, the total the sum of the
components) that give the program's own figures, which are also stored as the cells' last values in the PDF.

`lke_tables` gives the same rows as plain data for the generic exports; `lke_workbook` writes the form itself (the
kind's `KindSpec.workbook`). openpyxl is imported inside the functions.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from sakip_desktop.documents.lke import LkeDoc, LkeRow, score_text
from sakip_desktop.documents.request import Prepared, SheetTable
from sakip_desktop.domain import formats

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET = "LKE"
HEADER = (
    "Kode",
    "Uraian",
    "Bobot",
    "Jenis jawaban",
    "Bukti dukung yang diminta",
    "Jawaban",
    "Nilai",
    "Skor",
    "Keterangan",
    "Bukti terlampir",
)
WIDTHS = (8, 60, 8, 10, 36, 9, 8, 10, 60, 36)
HEADER_ROW = 5
TOTAL_LABEL, PREDIKAT_LABEL = "Nilai akhir", "Predikat"


def _cells(row: LkeRow) -> tuple[str | None, ...]:
    weight = formats.number(row.weight, 2) if row.weight is not None else None
    value = formats.number(row.value, 0) if row.value is not None else None
    return (
        row.code,
        row.text,
        weight,
        row.kind or None,
        row.evidence_asked or None,
        row.answer or None,
        value,
        score_text(row.points),
        row.note or None,
        row.evidence or None,
    )


def lke_tables(prepared: Prepared) -> list[SheetTable]:
    """The filled LKE as one sheet of plain data."""
    doc: LkeDoc = prepared.data
    rows = (
        *(_cells(r) for r in doc.rows),
        ("", TOTAL_LABEL, "100,00", None, None, None, None, score_text(doc.total), None, None),
        ("", PREDIKAT_LABEL, None, None, None, doc.predikat, None, None, doc.predikat_label, None),
    )
    return [
        SheetTable(
            SHEET,
            f"Lembar Kerja Evaluasi AKIP Tahun {doc.year}",
            f"{doc.office_title}; {doc.template}",
            (HEADER,),
            rows,
            tuple(float(w) for w in WIDTHS),
            numeric=frozenset({2, 6, 7}),
            total_rows=2,
            group_rows=frozenset(i for i, r in enumerate(doc.rows) if r.level < 2),
        )
    ]


def _number(value: Any) -> Any:
    return int(value) if value == int(value) else float(value)


def _body(ws: Worksheet, doc: LkeDoc) -> int:
    """The rows with their formulas; the row number of the total."""
    from openpyxl.styles import Font, PatternFill

    from sakip_desktop.exchange.xlsxkit import put

    r = HEADER_ROW + 1
    sub_row, comp_rows = 0, []
    sub_rows_of: dict[int, list[int]] = {}
    for row in doc.rows:
        cells: list[Any] = [
            row.code,
            row.text,
            _number(row.weight) if row.weight is not None else None,
            row.kind,
            row.evidence_asked,
            row.answer,
            _number(row.value) if row.value is not None else None,
            None,
            row.note,
            row.evidence,
        ]
        if row.level == 0:
            comp_rows.append(r)
            sub_rows_of[r] = []
        elif row.level == 1:
            sub_row = r
            sub_rows_of[comp_rows[-1]].append(r)
            cells[7] = f"=SUM(H{r + 1}:H{r + row.count})"
        else:
            cells[7] = f'=IF(G{r}="",0,$C${sub_row}*G{r}/{sub_count(doc, row)}/100)'
        for c, value in enumerate(cells, start=1):
            put(ws, r, c, value, text=isinstance(value, str) and not value.startswith("="))
            if isinstance(value, str) and value.startswith("="):
                ws.cell(row=r, column=c).data_type = "f"
            if row.level < 2:
                ws.cell(row=r, column=c).font = Font(bold=True)
                ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor="F2F2F2")
        r += 1
    for comp in comp_rows:
        ws.cell(row=comp, column=8).value = "=" + "+".join(f"H{s}" for s in sub_rows_of[comp])
    total = r
    put(ws, total, 2, TOTAL_LABEL, text=True)
    put(ws, total, 3, 100, text=False)
    put(ws, total, 8, "=" + "+".join(f"H{c}" for c in comp_rows), text=False)
    ws.cell(row=total, column=8).data_type = "f"
    put(ws, total + 1, 2, PREDIKAT_LABEL, text=True)
    put(ws, total + 1, 6, doc.predikat, text=True)
    put(ws, total + 1, 9, f"{doc.predikat_label} (nilai {score_text(doc.total)})", text=True)
    for row_number in (total, total + 1):
        for c in range(1, len(HEADER) + 1):
            ws.cell(row=row_number, column=c).font = Font(bold=True)
    for row_number in range(HEADER_ROW + 1, total + 2):
        ws.cell(row=row_number, column=8).number_format = "0.00"
    return total


def sub_count(doc: LkeDoc, row: LkeRow) -> int:
    """The number of criteria of the sub-component a criterion belongs to."""
    parent = row.code.rsplit(".", 1)[0]
    return next(r.count for r in doc.rows if r.level == 1 and r.code == parent)


def lke_workbook(prepared: Prepared, paper: str, margins_cm: tuple[float, float, float, float]) -> bytes:
    """The filled LKE as an .xlsx (see the module); `margins_cm` (top, bottom, left, right)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from sakip_desktop.documents.e81_xlsx import PAPER_CODES
    from sakip_desktop.documents.xlsx_sheets import mark_draft_sheet, set_properties
    from sakip_desktop.exchange.xlsxkit import fit_rows, put

    doc: LkeDoc = prepared.data
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    titles = (f"LEMBAR KERJA EVALUASI AKIP {doc.office_title.upper()} TAHUN {doc.year}", doc.template, doc.basis)
    for n, text in enumerate(titles, start=1):
        ws.cell(row=n, column=1, value=text).font = Font(bold=n == 1, size=12 if n == 1 else 10)
    for c, (title, width) in enumerate(zip(HEADER, WIDTHS, strict=True), start=1):
        put(ws, HEADER_ROW, c, title)
        ws.cell(row=HEADER_ROW, column=c).font = Font(bold=True)
        ws.cell(row=HEADER_ROW, column=c).fill = PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    total = _body(ws, doc)
    fit_rows(ws, HEADER_ROW)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(len(HEADER))}{total + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_CODES.get(paper, "9")
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    top, bottom, left, right = (x / 2.54 for x in margins_cm)
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.left, ws.page_margins.right = top, bottom, left, right
    if doc.draft:
        mark_draft_sheet(ws, f"{get_column_letter(len(HEADER))}1")  # the title in A1 stays
    set_properties(wb, f"LKE Tahun {doc.year}", draft=doc.draft)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
