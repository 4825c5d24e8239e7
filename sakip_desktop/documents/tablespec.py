"""A document table as data, written once and printed three ways: PDF (`pdf_table`), .xlsx (`sheet_table`, written
by `tables_xlsx`) and Word (`docx_kit.add_spec_table`).

A `TableSpec` holds what a reader sees: the caption ("Tabel 3.1.1 …"), the header rows with their merged cells, the
body rows as printed text (`domain.formats`), the column widths in centimetres (one column may be flexible and take
the rest of the page), each column's alignment, which columns hold numbers (stored as numbers in a spreadsheet,
never wrapped in Word), the total rows at the end (Jumlah, Rata-rata), the group rows (a sasaran over its
indicators) and the notes printed under the table. The PDF's `Table` carries its spec (`spec_of`), so the Word file
and the spreadsheet are made from the very tables the PDF prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents.kit.base import para, styles
from sakip_desktop.documents.kit.blocks import HEAD_FILL, TOTAL_FILL, data_table
from sakip_desktop.documents.request import Row, SheetTable

GROUP_FILL = "#f2f2f2"
CM_PER_CHAR = 0.2  # a spreadsheet column width counts characters of '0' at 11 pt, about 2 mm each


@dataclass(frozen=True)
class TableSpec:
    """One table of a document (see the module). Row and column indices are 0-based; `header_merges` are
    (first_row, first_col, last_row, last_col) within the header rows; `group_rows`, `shaded_rows` index `rows`."""

    key: str  # short name: the spreadsheet's sheet ("Tabel 3.1.1")
    caption: str  # "Tabel 3.1.1 Capaian Indikator Kinerja Sasaran S1 Tahun 2025"
    header_rows: tuple[tuple[str, ...], ...]
    rows: tuple[Row, ...]
    widths: tuple[float | None, ...]  # cm; None shares what is left of the page
    align: str  # one of L, C, R per column
    numeric: frozenset[int] = frozenset()
    header_merges: tuple[tuple[int, int, int, int], ...] = ()
    total_rows: int = 0
    group_rows: frozenset[int] = frozenset()  # a heading over the rows below: from column 1 to the end, bold, shaded
    shaded_rows: frozenset[int] = frozenset()  # a light fill only (a program line above its kegiatan)
    notes: tuple[str, ...] = ()
    size: float = 9
    long: bool = False  # may run over pages: its caption starts the table only when 4 cm are left
    subtitle: str = ""  # the office and the period (the spreadsheet's second line)
    caption_shown: bool = True  # False: a heading right above names the table (a lampiran), no caption printed

    @property
    def columns(self) -> int:
        """The number of columns."""
        return len(self.widths)

    def widths_at(self, width: float) -> list[float]:
        """Column widths in points on a text `width` points wide: the flexible columns share the rest."""
        fixed = sum(w for w in self.widths if w is not None) * cm
        flexible = [w for w in self.widths if w is None]
        rest = (width - fixed) / len(flexible) if flexible else 0.0
        return [w * cm if w is not None else max(rest, 1.5 * cm) for w in self.widths]


def caption_style(long: bool = False) -> ParagraphStyle:
    """The caption above a table or a chart: small, bold, centred, kept with what follows (not for a long table)."""
    st = styles(11)
    return ParagraphStyle(
        "caption_long" if long else "caption",
        parent=st.small,
        fontName=fonts.BOLD,
        alignment=TA_CENTER,
        spaceBefore=6,
        spaceAfter=4,
        keepWithNext=0 if long else 1,
    )


def note_style() -> ParagraphStyle:
    """A note under a table."""
    return ParagraphStyle(
        "table_note", parent=styles(11).small, fontSize=8.5, leading=10.5, spaceBefore=2, spaceAfter=4
    )


def _pdf_style(spec: TableSpec, nh: int) -> tuple[list, list[tuple], list[int]]:
    """SPANs, extra style and kept rows of `spec` in reportlab's table coordinates."""
    spans = [((c1, r1), (c2, r2)) for r1, c1, r2, c2 in spec.header_merges]
    extra: list[tuple] = []
    for r in sorted(spec.group_rows):
        spans.append(((1, nh + r), (spec.columns - 1, nh + r)))
        extra += [
            ("BACKGROUND", (0, nh + r), (-1, nh + r), GROUP_FILL),
            ("FONTNAME", (0, nh + r), (-1, nh + r), fonts.BOLD),
        ]
    extra += [("BACKGROUND", (0, nh + r), (-1, nh + r), GROUP_FILL) for r in sorted(spec.shaded_rows)]
    body = len(spec.rows) - spec.total_rows
    if spec.total_rows and body > 0:  # a Jumlah never starts a page alone: the last line above it goes along
        extra.append(("NOSPLIT", (0, nh + body - 1), (-1, nh + len(spec.rows) - 1)))
    return spans, extra, [nh + r for r in sorted(spec.group_rows)]


def _bold(spec: TableSpec, row: Row) -> list[Any]:
    """A group row's cells as bold paragraphs (a table style's font does not reach a paragraph cell)."""
    st = styles(cell_size=spec.size)
    bold = {"L": st.cell_b, "C": st.cell_bc, "R": st.cell_br}
    return [para(v, bold[spec.align[c]]) if v else v for c, v in enumerate(row)]


def pdf_table(spec: TableSpec, width: float) -> list[Flowable]:
    """The caption, the table and its notes as flowables on a text `width` points wide."""
    nh = len(spec.header_rows)
    spans, extra, keep = _pdf_style(spec, nh)
    table = data_table(
        [list(h) for h in spec.header_rows],
        [_bold(spec, row) if r in spec.group_rows else list(row) for r, row in enumerate(spec.rows)],
        spec.widths_at(width),
        align=spec.align,
        size=spec.size,
        total_rows=spec.total_rows,
        spans=spans,
        extra_style=extra,
        keep_with_next=keep,
    )
    table.table_spec = spec
    head: list[Flowable] = [CondPageBreak(4 * cm)] if spec.long else []
    out = [*head]
    if spec.caption_shown:
        caption = para(spec.caption, caption_style(spec.long))
        caption.table_spec_part = True
        out.append(caption)
    out.append(table)
    for note in spec.notes:
        p = para(note, note_style())
        p.table_spec_part = True
        out.append(p)
    return out


def spec_of(flowable: Any) -> TableSpec | None:
    """The spec a PDF table was printed from (None for any other flowable)."""
    return getattr(flowable, "table_spec", None)


def is_spec_part(flowable: Any) -> bool:
    """True for a caption or note paragraph `pdf_table` printed around a table (its spec carries the text)."""
    return bool(getattr(flowable, "table_spec_part", False))


def sheet_table(spec: TableSpec, subtitle: str = "", page_width_cm: float = 16.5) -> SheetTable:
    """The spreadsheet form of `spec`: widths in characters, the flexible columns sharing a page `page_width_cm`
    wide, the notes as rows under the table."""
    fixed = sum(w for w in spec.widths if w is not None)
    flexible = sum(1 for w in spec.widths if w is None)
    rest = max((page_width_cm - fixed) / flexible, 4.0) if flexible else 0.0
    chars = tuple(round((w if w is not None else rest) / CM_PER_CHAR, 1) for w in spec.widths)
    return SheetTable(
        spec.key,
        spec.caption,
        subtitle or spec.subtitle,
        spec.header_rows,
        spec.rows,
        chars,
        numeric=spec.numeric,
        header_merges=spec.header_merges,
        total_rows=spec.total_rows,
        notes=spec.notes,
        group_rows=spec.group_rows,
    )


def collect(story: Sequence[Any]) -> list[TableSpec]:
    """Every table spec in a PDF story, in order (looking inside KeepTogether)."""
    out: list[TableSpec] = []
    for f in story:
        spec = spec_of(f)
        if spec is not None:
            out.append(spec)
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            out += collect(inner)
    return out


# The fills, for writers that name colours without '#'.
HEAD_FILL_HEX = HEAD_FILL.lstrip("#").upper()
TOTAL_FILL_HEX = TOTAL_FILL.lstrip("#").upper()
GROUP_FILL_HEX = GROUP_FILL.lstrip("#").upper()
