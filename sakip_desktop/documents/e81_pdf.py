"""Formulir E.81 as a landscape PDF on the office's paper (A4 or F4): the title, the 26-column table with its three
header rows and six footer rows, the notes and the two signatures, "Disusun" (the Camat) and "Dievaluasi" (the
Bappeda official). Rp prints in thousands so the K/Rp pairs fit; a DRAF form carries the watermark and says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, LongTable, PageBreak, Spacer, Table, TableStyle

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents import kit
from sakip_desktop.documents.e81 import (
    COLUMN_NOTE,
    COLUMNS,
    FIRST_PAIR,
    K_COLUMNS,
    KIND,
    NOTE_COLUMN,
    RP_COLUMNS,
    UNIT_COLUMN,
    E81Doc,
    body_cells,
    e81_data,
    footer_rows,
    header_merges,
    header_rows,
    period_title,
    thousands,
)
from sakip_desktop.documents.kit.blocks import GRID_COLOR, HEAD_FILL, TOTAL_FILL
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX
from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.documents.tablespec import GROUP_FILL
from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.e81.figures import latest_quarter
from sakip_desktop.ops.org.signers import Signer
from sakip_desktop.storage.database import Database

SIZE = 5.2  # points: 26 columns on a landscape page
K_WIDTH, RP_WIDTH = 0.7 * cm, 0.93 * cm
FIXED = {0: 0.5 * cm, UNIT_COLUMN: 1.5 * cm, NOTE_COLUMN: 1.2 * cm}
FLEX = {1: 0.3, 2: 0.37, 3: 0.33}  # shares of what is left: sasaran, program/kegiatan, indikator
BLANK_NAME = "(.................................................)"


def column_widths(width: float) -> list[float]:
    """The 26 column widths on a text `width` points wide."""
    fixed = sum(FIXED.values()) + K_WIDTH * len(K_COLUMNS) + RP_WIDTH * len(RP_COLUMNS)
    rest = max(width - fixed, 4 * cm)
    out = []
    for c in range(COLUMNS):
        if c in FIXED:
            out.append(FIXED[c])
        elif c in FLEX:
            out.append(rest * FLEX[c])
        else:
            out.append(K_WIDTH if c in K_COLUMNS else RP_WIDTH)
    return out


def _narrative(footer: list[list[Any]], st: kit.Styles) -> list[list[Any]]:
    """The four narrative rows, one table row per line of their text (a row never splits across pages; a long
    faktor list would not fit one page): the label on the first, the text under it."""
    out: list[list[Any]] = []
    for row in footer:
        for n, line in enumerate((row[FIRST_PAIR] or "").split("\n") or [""]):
            cells: list[Any] = [row[0] if n == 0 else ""] + [None] * (COLUMNS - 1)
            cells[FIRST_PAIR] = kit.para(line, st.cell)
            out.append(cells)
    return out


def _style(nh: int, kinds: list[str]) -> list[tuple]:
    """The style of a table of `nh` header rows over rows of `kinds` ('line', 'program', 'mean', 'narrative')."""
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("LEADING", (0, 0), (-1, -1), SIZE * 1.2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, nh - 1), fonts.BOLD),
        ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, nh - 1), HEAD_FILL),
        ("ALIGN", (FIRST_PAIR, nh), (RP_COLUMNS[-1], -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("SPAN", (c1, r1), (c2, r2)) for r1, c1, r2, c2 in header_merges()]
    for i, kind in enumerate(kinds):
        r = nh + i
        if kind == "program":
            style.append(("BACKGROUND", (0, r), (-1, r), GROUP_FILL))
        elif kind == "mean":  # rata-rata and predikat: label up to column 14, the last two joined
            style += [
                ("BACKGROUND", (0, r), (-1, r), TOTAL_FILL),
                ("FONTNAME", (0, r), (-1, r), fonts.BOLD),
                ("SPAN", (0, r), (K_COLUMNS[-1] - 1, r)),
                ("SPAN", (UNIT_COLUMN, r), (NOTE_COLUMN, r)),
            ]
        elif kind == "narrative":  # label over columns 1-4, the text over the rest
            style += [
                ("BACKGROUND", (0, r), (-1, r), TOTAL_FILL),
                ("SPAN", (0, r), (FIRST_PAIR - 1, r)),
                ("SPAN", (FIRST_PAIR, r), (COLUMNS - 1, r)),
            ]
    return style


PADDING = 3.0  # points: the cell's left and right padding together (`_style`)


def wrap_text(text: str, width: float, font: str = fonts.REGULAR, size: float = SIZE) -> str:
    """`text` broken into lines that fit `width` points, between words (a word longer than the line is cut), as
    one string: a table draws it line by line without laying out a paragraph, which is what makes a form of
    thousands of cells print in time; it looks as the paragraph did (same font, size and leading)."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = max(1, next((n for n in range(len(line), 0, -1) if stringWidth(line[:n], font, size) <= width), 1))
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _head_cells(heads: tuple[tuple[str, ...], ...], widths: list[float]) -> list[list[Any]]:
    """The header titles wrapped to their (merged) cells between words only ("outcome" never as "outcom e"; every
    word fits its column at this size), bold and centred by the table's style; drawn as text on every page."""
    span = {(r1, c1): c2 for r1, c1, _r2, c2 in header_merges()}
    out = []
    for r, row in enumerate(heads):
        cells: list[Any] = []
        for c, text in enumerate(row):
            room = sum(widths[c : span.get((r, c), c) + 1]) - PADDING
            cells.append("\n".join(simpleSplit(text, fonts.BOLD, SIZE, room)) if text else "")
        out.append(cells)
    return out


def _cells(rows: list[list[Any]], st: kit.Styles, footer_from: int, widths: list[float]) -> list[list[Any]]:
    """Body text cells as text wrapped to their column (`wrap_text`); the footer's labels and narrative (spanning
    several columns) as paragraphs; numbers stay plain strings (drawn as they are, never wrapped)."""
    plain = {0, *K_COLUMNS, *RP_COLUMNS}
    out = []
    for r, row in enumerate(rows):
        footer = r >= footer_from
        cells: list[Any] = []
        for c, value in enumerate(row):
            if value is None:
                cells.append("")
            elif isinstance(value, str) and c not in plain:
                cells.append(kit.para(value, st.cell_b) if footer else wrap_text(value, widths[c] - PADDING))
            else:
                cells.append(value)
        out.append(cells)
    return out


@dataclass
class TableRows:
    """The form's table as rows of cells, with the kind of each body row."""

    head: list[list[Any]]
    rows: list[list[Any]]
    kinds: list[str]
    widths: list[float]

    heights: list[float] | None = None  # every row's height once measured (`page_tables`)

    def table(self, start: int, stop: int) -> Table:
        """A table of the header and rows `start` to `stop` (a page's worth, or all)."""
        nh = len(self.head)
        known = self.heights[:nh] + self.heights[nh + start : nh + stop] if self.heights else None
        t = LongTable(self.head + self.rows[start:stop], colWidths=self.widths, rowHeights=known, repeatRows=nh,
                      splitInRow=0, hAlign="CENTER")  # fmt: skip
        t.setStyle(TableStyle(_style(len(self.head), self.kinds[start:stop])))
        return t


def table_rows(doc: E81Doc, width: float) -> TableRows:
    """Headers, body lines (program lines shaded) and footer rows (rata-rata, predikat, the narrative lines)."""
    heads = header_rows(doc.year, doc.quarter, rp_head="Rp (ribu)")
    st = kit.styles(cell_size=SIZE)
    rows: list[list[Any]] = [body_cells(line, thousands) for line in doc.lines]
    all_footer = footer_rows(doc)
    narrative = _narrative(all_footer[2:], st)
    rows += [*all_footer[:2], *narrative]
    kinds = ["program" if line.level == "program" else "line" for line in doc.lines]
    kinds += ["mean", "mean"] + ["narrative"] * len(narrative)
    widths = column_widths(width)
    head = _head_cells(heads, widths)
    return TableRows(head, _cells(rows, st, len(doc.lines), widths), kinds, widths)


def _units(kinds: list[str]) -> list[tuple[int, int]]:
    """Rows that go onto a page together: one each, but the last body line with the rata-rata and predikat."""
    mean_at = kinds.index("mean")
    units = [(i, i + 1) for i in range(max(mean_at - 1, 0))]
    units.append((max(mean_at - 1, 0), mean_at + 2))
    return units + [(i, i + 1) for i in range(mean_at + 2, len(kinds))]


def page_tables(rows: TableRows, width: float, first_room: float, room: float, tail: float = 0) -> list[Table]:
    """The table cut into one table a page (each with the header), from the row heights measured once: a long
    table split page by page by the layout engine costs time that grows with the square of its rows. The last row
    goes with what follows the table (`tail` points: the notes and the signatures), so nobody signs a bare page."""
    whole = rows.table(0, len(rows.rows))
    whole.wrap(width, 10**7)
    heights = list(whole._rowHeights)
    rows.heights = heights
    nh = len(rows.head)
    head_h, body = sum(heights[:nh]), heights[nh:]
    tables, start, used, limit = [], 0, head_h, first_room
    units = _units(rows.kinds)
    for a, b in units:
        h = sum(body[a:b]) + (tail if b == units[-1][1] else 0)
        if used + h > limit and a > start:
            tables.append(rows.table(start, a))
            start, used, limit = a, head_h, room
        used += h
    tables.append(rows.table(start, len(body)))
    return tables


def _signature(setup: kit.DocSetup, signer: Signer | None, label: str, place_date: str, width: float) -> Any:
    blank = Signer(position="BAPPEDA", name=BLANK_NAME)
    return kit.signature_block(
        setup, signer or blank, place_date=place_date, width=width, label=label, align="CENTER", size=9
    )


def signatures(setup: kit.DocSetup, doc: E81Doc, width: float) -> Table:
    """'Disusun' (the Camat, with place and date) on the left, 'Dievaluasi' (Bappeda) on the right."""
    half = min(9 * cm, width / 2)
    place = kit.place_date(setup, doc.sign_date) if doc.sign_date else ""
    evaluated = f"......................., ................................ {doc.year}"
    left = _signature(setup, doc.compiler, "Disusun", place, half)
    right = _signature(setup, doc.evaluator, "Dievaluasi", evaluated, half)
    row = Table([[left, "", right]], colWidths=[half, width - 2 * half, half])
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ]
        )
    )
    return row


def build_e81(setup: kit.DocSetup, doc: E81Doc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the form as a landscape PDF; return the page count."""
    st = kit.styles(10)
    width = kit.frame_width(setup, "landscape")
    form = ParagraphStyle("form", parent=st.small, alignment=TA_RIGHT)
    story: list = [kit.para("Formulir E.81", form)]
    story += kit.title_block(
        [
            "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
            f"{doc.office_title.upper()} {doc.regency_title.upper()}",
            period_title(doc.year, doc.quarter),
        ],
        st,
        space_after=4,
    )
    story.append(kit.para(f"Indikator dan target kinerja menurut {doc.plan}. Rp dalam ribuan rupiah.", st.small))
    frame_h = setup.margins.frame(paper_size(setup.paper).landscape)[3]
    above = sum(f.wrap(width, frame_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    notes = [kit.para("Catatan: " + COLUMN_NOTE, st.small)]
    if doc.draft:
        footer_note = f"{DRAFT_PREFIX}{footer_note}"
        shown = "; ".join(doc.missing[:4]) + (f"; dan {len(doc.missing) - 4} hal lain" if len(doc.missing) > 4 else "")
        notes.append(kit.para(f"DRAF, belum final: {shown}.", st.small))
    parts = [Spacer(1, 4), *notes, signatures(setup, doc, width)]
    tail = sum(f.wrap(width, frame_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in parts) + 6
    closing = KeepTogether(parts)
    tables = page_tables(table_rows(doc, width), width, frame_h - above - 6, frame_h - 6, tail)
    for n, table in enumerate(tables):
        story += [table] if n == 0 else [PageBreak(), table]
    story.append(closing)
    return kit.build_pdf(
        setup,
        story,
        out,
        title=f"Formulir E.81 {period_title(doc.year, doc.quarter).capitalize()}",
        orientation="landscape",
        kop="none",
        footer_note=footer_note,
    )


def prepare_e81(db: Database, request: DocRequest) -> Prepared:
    """Formulir E.81 of `request.year`, TW `request.quarter`; without a quarter, the year's last quarter that holds a
    realisasi (the title names it)."""
    year, quarter = request.year, request.quarter
    if year is None:
        raise ValidationError("Sebutkan tahun Formulir E.81.", field="year")
    if quarter is None:
        quarter = latest_quarter(db, year)
        if quarter is None:
            raise ValidationError(f"Formulir E.81 dibuat per triwulan; tahun {year} belum berisi realisasi.", "quarter")
    if quarter not in (1, 2, 3, 4):
        raise ValidationError("Triwulan Formulir E.81 harus 1 sampai 4.", field="quarter")
    doc = e81_data(db, year, quarter, request.day or dt.date.today())
    return Prepared(
        kind=KIND,
        title=f"Formulir E.81 {year} TW {ROMAN[quarter - 1]}",
        subject_key=f"{year}-TW{quarter}",
        year=year,
        quarter=quarter,
        data=doc,
        build=build_e81,
        digest_of=dataclasses.replace(doc, sign_date=None),
    )
