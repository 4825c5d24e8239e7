"""An LKE template as an .xlsx workbook a kabupaten can edit and give its offices.

Sheets: 'Templat' (code, name, legal basis, how the predikat bounds read), 'Kriteria' (one row per component
'1', sub-component '1.a' and criterion '1.a.1': Kode | Uraian | Bobot | Jenis jawaban | Bukti dukung yang
diminta; weights on the component and sub-component rows, the kind of answer AA-E or Y/T on the criterion rows),
'Skala' (the answers and their values), 'Predikat' (the bands) and the hidden 'Format' sheet with the format
version. openpyxl is imported inside the functions.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.exchange.xlsxkit import LABEL_FORMAT, LABEL_PROGRAM, LABEL_VERSION, put, save_workbook
from sakip_desktop.ops.lke.template import FORMAT_NAME, FORMAT_VERSION, KIND_LABELS, Template

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_TEMPLATE, SHEET_CRITERIA, SHEET_SCALE, SHEET_BANDS, SHEET_FORMAT = (
    "Templat",
    "Kriteria",
    "Skala",
    "Predikat",
    "Format",
)
LABEL_CODE, LABEL_NAME, LABEL_BASIS, LABEL_BOUND = "Kode templat", "Nama templat", "Dasar", "Batas bawah predikat"
BOUND_EXCLUSIVE, BOUND_INCLUSIVE = "lebih dari", "sama dengan atau lebih"
CRITERIA_COLUMNS = ("Kode", "Uraian", "Bobot", "Jenis jawaban", "Bukti dukung yang diminta")
CRITERIA_WIDTHS = (9, 70, 9, 14, 50)
SCALE_COLUMNS = ("Jenis jawaban", "Jawaban", "Nilai", "Keterangan")
BAND_COLUMNS = ("Predikat", "Nilai lebih dari", "Sebutan", "Interpretasi")
HEAD_FILL, PART_FILL = "D9E1F2", "F2F2F2"


def number_value(value: Decimal) -> int | float:
    """A weight or value as the number Excel stores (7.5, 30)."""
    return int(value) if value == value.to_integral_value() else float(value)


def header(ws: Worksheet, columns: tuple[str, ...], widths: tuple[float, ...]) -> None:
    """The bold, filled header row and the column widths."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for i, (title, width) in enumerate(zip(columns, widths, strict=True), start=1):
        put(ws, 1, i, title)
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.cell(row=1, column=i).fill = PatternFill("solid", fgColor=HEAD_FILL)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def criteria_rows(t: Template) -> list[tuple[int, tuple[Any, ...]]]:
    """(level 0/1/2, cells) of the 'Kriteria' sheet: component, its sub-components, their criteria."""
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for comp in t.components:
        rows.append((0, (comp.code, comp.name, number_value(comp.weight), "", "")))
        for sub in comp.subcomponents:
            rows.append((1, (sub.code, sub.name, number_value(sub.weight), "", "")))
            rows += [(2, (c.code, c.text, None, KIND_LABELS[c.kind], c.evidence)) for c in sub.criteria]
    return rows


def write_criteria(ws: Worksheet, t: Template, extra: tuple[str, ...] = (), widths: tuple[float, ...] = ()) -> None:
    """The 'Kriteria' sheet (with `extra` columns headed after the template's own)."""
    from openpyxl.styles import Font, PatternFill

    header(ws, CRITERIA_COLUMNS + extra, CRITERIA_WIDTHS + widths)
    for r, (level, cells) in enumerate(criteria_rows(t), start=2):
        for c, value in enumerate(cells, start=1):
            put(ws, r, c, value, text=not isinstance(value, int | float))
            if level < 2:
                ws.cell(row=r, column=c).font = Font(bold=True)
                ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor=PART_FILL)


def write_template(path: Path, t: Template) -> None:
    """Write `t` to `path` as an .xlsx (atomically)."""
    from openpyxl import Workbook

    from sakip_desktop.exchange.xlsxkit import fit_rows

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TEMPLATE
    bound = BOUND_EXCLUSIVE if t.lower_exclusive else BOUND_INCLUSIVE
    for r, (label, value) in enumerate(
        ((LABEL_CODE, t.code), (LABEL_NAME, t.name), (LABEL_BASIS, t.basis), (LABEL_BOUND, bound)), start=1
    ):
        put(ws, r, 1, label)
        put(ws, r, 2, value)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 24, 90
    write_criteria(wb.create_sheet(SHEET_CRITERIA), t)
    scale = wb.create_sheet(SHEET_SCALE)
    header(scale, SCALE_COLUMNS, (14, 10, 8, 50))
    for r, a in enumerate(t.scale, start=2):
        scale_cells: tuple[Any, ...] = (KIND_LABELS[a.kind], a.code, number_value(a.value), a.label)
        for c, value in enumerate(scale_cells, start=1):
            put(scale, r, c, value, text=c != 3)
    bands = wb.create_sheet(SHEET_BANDS)
    header(bands, BAND_COLUMNS, (10, 16, 22, 80))
    for r, b in enumerate(t.bands, start=2):
        band_cells: tuple[Any, ...] = (b.code, number_value(b.minimum), b.label, b.interpretation)
        for c, value in enumerate(band_cells, start=1):
            put(bands, r, c, value, text=c != 2)
    for sheet in (ws, wb[SHEET_CRITERIA], scale, bands):
        fit_rows(sheet)
    fmt = wb.create_sheet(SHEET_FORMAT)
    for row in (
        (LABEL_FORMAT, FORMAT_NAME),
        (LABEL_VERSION, FORMAT_VERSION),
        (LABEL_PROGRAM, sakip_desktop.__version__),
    ):
        fmt.append(row)
    fmt.sheet_state = "hidden"
    save_workbook(wb, Path(path))
