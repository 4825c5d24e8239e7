"""A `TableSpec` as a Word table (see `docx_kit`): the PDF's column widths, fixed layout, the header rows repeated
on every page with their merged cells, rows never cut across pages, numeric columns never wrapped, group rows
(a sasaran over its indicators) merged from the second column and kept with the row below, total rows bold on a
light fill, and the caption above and the notes below in the document's own styles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sakip_desktop.documents.docx_kit import CELL_MARGINS, TWIPS, child, element
from sakip_desktop.documents.tablespec import GROUP_FILL_HEX, HEAD_FILL_HEX, TOTAL_FILL_HEX, TableSpec

_ALIGN = {"L": "left", "C": "center", "R": "right"}


def table_frame(table: Any, widths: Sequence[float], *, grid: bool, align: str = "center") -> None:
    """Fixed layout, `widths` (points) on the grid and every cell, the PDF's cell padding, borders when `grid`."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    if grid:
        table.style = "Table Grid"
    table.alignment = {"left": WD_TABLE_ALIGNMENT.LEFT, "right": WD_TABLE_ALIGNMENT.RIGHT}.get(
        align.lower(), WD_TABLE_ALIGNMENT.CENTER
    )
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = child(tbl_pr, "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout")
    tbl_w.set(_w("w"), str(round(sum(widths) * TWIPS)))
    tbl_w.set(_w("type"), "dxa")
    margins = child(tbl_pr, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    for side, points in CELL_MARGINS.items():
        margins.append(element(f"w:{side}", w=str(round(points * TWIPS if grid else 0)), type="dxa"))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def row_props(row: Any, *, header: bool) -> None:
    """A row never cut across pages; a `header` row repeated at the top of every page."""
    props = row._tr.get_or_add_trPr()  # a choice group: any order
    props.append(element("w:cantSplit", val="true"))  # a row is never cut across pages, as in the PDF
    if header:
        props.append(element("w:tblHeader", val="true"))  # repeated at the top of every page


_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def shade(cell: Any, fill: str) -> None:
    """`cell` on a fill ('E6E6E6')."""
    cell._tc.get_or_add_tcPr().insert_element_before(
        element("w:shd", val="clear", color="auto", fill=fill), *_AFTER_SHD
    )


def _no_wrap(cell: Any) -> None:
    """'1.813.450.000' stays on one line."""
    cell._tc.get_or_add_tcPr().insert_element_before(element("w:noWrap"), *_AFTER_SHD[1:])


def _write(cell: Any, text: str, *, align: str, size: float, bold: bool, keep: bool) -> None:
    from docx.shared import Pt

    p = cell.paragraphs[0]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    fmt.keep_with_next = keep
    p.alignment = {"left": 0, "center": 1, "right": 2}[align]
    lines = text.split("\n")
    for n, line in enumerate(lines):
        run = p.add_run(line)
        run.font.size, run.bold = Pt(size), bold
        if n < len(lines) - 1:
            run.add_break()


def _merges(spec: TableSpec) -> list[tuple[int, int, int, int]]:
    """Every merged range in table rows (header rows first), including the group rows' label cells."""
    nh = len(spec.header_rows)
    out = list(spec.header_merges)
    out += [(nh + r, 1, nh + r, spec.columns - 1) for r in sorted(spec.group_rows) if spec.columns > 2]
    return out


def add_spec_table(container: Any, spec: TableSpec, widths: Sequence[float]) -> Any:
    """`spec` as a table in `container` (the document or a cell), `widths` in points; caption and notes around."""
    doc_like = container
    if spec.caption_shown:
        doc_like.add_paragraph(spec.caption, style="Caption")
    rows = [*spec.header_rows, *spec.rows]
    table = doc_like.add_table(rows=len(rows), cols=spec.columns)
    table_frame(table, widths, grid=True)
    covered: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in _merges(spec):
        table.cell(r1, c1).merge(table.cell(r2, c2))
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    _fill(table, spec, rows, covered)
    for note in spec.notes:
        p = doc_like.add_paragraph(note)
        p.runs[0].font.size = _pt(9)
    return table


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _fill(table: Any, spec: TableSpec, rows: list[tuple[str | None, ...]], covered: set[tuple[int, int]]) -> None:
    nh, n = len(spec.header_rows), len(spec.rows)
    for r, values in enumerate(rows):
        header, body = r < nh, r - nh
        total = not header and body >= n - spec.total_rows
        group = not header and body in spec.group_rows
        # a group row stays with the row below it, and the last line above the totals with them
        keep = group or (spec.total_rows > 0 and body == n - spec.total_rows - 1)
        row_props(table.rows[r], header=header)
        for c, value in enumerate(values):
            if (r, c) in covered:
                continue
            cell = table.cell(r, c)
            align = "center" if header else _ALIGN[spec.align[c]]
            _write(cell, value or "", align=align, size=spec.size, bold=header or total or group, keep=keep)
            fill = HEAD_FILL_HEX if header else TOTAL_FILL_HEX if total else None
            if fill is None and (group or body in spec.shaded_rows):
                fill = GROUP_FILL_HEX
            if fill:
                shade(cell, fill)
            if value and not header and c in spec.numeric:
                _no_wrap(cell)
            cell.vertical_alignment = 1 if header else 0  # centre / top
