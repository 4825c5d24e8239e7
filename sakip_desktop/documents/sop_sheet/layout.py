"""Geometry of the SOP flowchart table: columns, rows, pages, and where each symbol sits.

Lengths are points. x runs from the table's left edge; y runs DOWN from the top of one page's
piece of the table (the drawing pass flips it). Nothing here paints: `sop_flow_draw` draws what this
computes, and `sop_flow_routes` adds the arrows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.kit.textfit import fit_labels
from sakip_desktop.errors import UserError
from sakip_desktop.sop.definition import SopDefinition, StepKind

BODY_SIZE = 9.0
BODY_LEADING = 10.6
PAD = 3.0  # cell padding
SYM_PAD = 11.0  # room between a symbol group and its row's edges (arrows and Ya/Tidak need it)
GAP = 10.0  # arrow between a terminator and the first/last box
BOX_H = 18.0
DIAMOND_H = 24.0
CAPSULE_H = 14.0
CONNECTOR_W = 18.0
CONNECTOR_H = 20.0
STRIP_H = CONNECTOR_H + 12.0  # the row that holds an off-page connector at a page break
ACTOR_MIN, ACTOR_MAX = 40.0, 76.0
TEXT_PREFERRED = 340.0  # Kegiatan + Kelengkapan + Output when the paper allows


@dataclass(frozen=True)
class Columns:
    """Column widths, in order: No, Kegiatan, one per pelaksana, Kelengkapan, Waktu, Output, Keterangan."""

    widths: tuple[float, ...]
    actors: int

    @property
    def total(self) -> float:
        return sum(self.widths)

    def left(self, index: int) -> float:
        return sum(self.widths[:index])

    def actor_index(self, k: int) -> int:
        return 2 + k

    def actor_left(self, k: int) -> float:
        return self.left(2 + k)

    def actor_width(self, k: int) -> float:
        return self.widths[2 + k]

    def actor_center(self, k: int) -> float:
        return self.actor_left(k) + self.actor_width(k) / 2

    @property
    def mutu_index(self) -> int:
        return 2 + self.actors


@dataclass
class Shape:
    """A flowchart symbol: box, diamond, capsule (terminator), offpage (pentagon) or onpage (circle)."""

    kind: str
    cx: float
    cy: float
    w: float
    h: float
    text: str = ""

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2


@dataclass
class Arrow:
    """A polyline with an arrowhead at its last point; `label` ("Ya"/"Tidak") printed at `label_at`."""

    points: list[tuple[float, float]]
    label: str = ""
    label_at: tuple[float, float, str] | None = None  # x, baseline y, "left" | "right"


@dataclass
class Row:
    """One step's row on a page."""

    position: int  # 1-based position of the step in the SOP
    top: float
    height: float
    cells: list[tuple[int, Paragraph]]  # (column index, paragraph)
    symbol: Shape | None = None

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass
class Page:
    """The piece of the flowchart table on one sheet."""

    rows: list[Row]
    top_strip: float | None = None  # y of a connector strip above the first row
    bottom_strip: float | None = None  # y of a connector strip below the last row
    height: float = 0.0
    shapes: list[Shape] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)


@dataclass(frozen=True)
class Header:
    """The two heading rows: heights and, per column, the heading's lines and type size."""

    row1: float
    row2: float
    size: float
    actor_size: float
    actor_lines: tuple[tuple[str, ...], ...]
    mutu_lines: tuple[tuple[str, ...], ...]  # Kelengkapan, Waktu, Output
    side_lines: tuple[tuple[str, ...], ...]  # No, Kegiatan, Keterangan (spanning both rows)

    @property
    def height(self) -> float:
        return self.row1 + self.row2


@dataclass
class FlowLayout:
    columns: Columns
    header: Header
    pages: list[Page]
    symbols: dict[int, tuple[int, Shape]]  # position -> (page index, symbol)
    terminators: list[tuple[int, Shape]]
    rows: dict[int, Row] = field(default_factory=dict)  # position -> its row


def _style(name: str, align: int = TA_LEFT) -> ParagraphStyle:
    # Built when a sheet is laid out, not at import: the office's typeface may change between sheets.
    return ParagraphStyle(name, fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=align)


def column_widths(definition: SopDefinition, width: float) -> Columns:
    """Share `width` between the columns: the text columns first (they decide how tall the rows
    get), the pelaksana columns what is left, between ACTOR_MIN (a symbol and a hyphenated heading
    fit) and ACTOR_MAX. Raises `UserError` when the text columns cannot get their minimum."""
    n = len(definition.actors)
    time_w = max((stringWidth(s.time, fonts.REGULAR, BODY_SIZE) for s in definition.steps), default=0) + 2 * PAD
    time_w = min(max(time_w, 42.0), 56.0)
    note_min = stringWidth("Keterangan", fonts.BOLD, BODY_SIZE) + 2 * PAD + 2
    no_w = max(24.0, max(stringWidth(s.number, fonts.REGULAR, BODY_SIZE) for s in definition.steps) + 2 * PAD)
    fixed = no_w + time_w + note_min
    text_min = 130.0 + 2 * 66.0  # Kegiatan, Kelengkapan, Output at their narrowest
    actor_w = min(ACTOR_MAX, max(ACTOR_MIN, (width - fixed - TEXT_PREFERRED) / n))
    rest = width - fixed - n * actor_w  # Kegiatan, Kelengkapan, Output and any Keterangan beyond its minimum
    if rest < text_min * 0.8:
        raise UserError(
            f"Terlalu banyak pelaksana ({n}) untuk lebar kertas ini; pakai kertas F4 atau gabungkan kolom pelaksana."
        )
    activity, inputs, output, note = _balance(definition, rest, note_min)
    return Columns((no_w, activity, *([actor_w] * n), inputs, time_w, output, note), n)


def _balance(definition: SopDefinition, rest: float, note_min: float) -> tuple[float, float, float, float]:
    """Split `rest` (plus `note_min` for Keterangan) so the rows come out shortest.

    A row is as tall as its longest cell, so widths that even out the line counts save paper.
    Keterangan only grows when some step has a note.
    """

    def lines(text: str, width: float) -> int:
        return len(simpleSplit(" ".join(text.split()), fonts.REGULAR, BODY_SIZE, width - 2 * PAD)) or 1

    steps = [(s.activity, ", ".join(s.inputs), s.output, s.note) for s in definition.steps]
    # A column narrower than its longest word would cut that word mid-way ("Laporan-lapora|n");
    # very long words (web addresses) are let go, they must be cut somewhere.
    longest = [
        min(max((stringWidth(w, fonts.REGULAR, BODY_SIZE) for t in texts for w in t.split()), default=0), 110) + 2 * PAD
        for texts in zip(*steps, strict=True)
    ]
    extras = (0.0, 20.0, 40.0, 60.0) if any(s.note.strip() for s in definition.steps) else (0.0,)
    best: tuple[int, float, float, tuple[float, float, float, float]] | None = None
    for extra in extras:
        room, note = rest - extra, note_min + extra
        for a in (0.36, 0.40, 0.44, 0.48, 0.52, 0.56):
            for b in (0.4, 0.5, 0.6):
                activity = room * a
                inputs = (room - activity) * b
                output = room - activity - inputs
                if min(activity, inputs, output) < 60:
                    continue
                cut = sum(w < need for w, need in zip((activity, inputs, output, note), longest, strict=True))
                total = sum(
                    max(max(lines(w, activity), lines(x, inputs), lines(y, output), lines(z, note)) * BODY_LEADING, 40)
                    for w, x, y, z in steps
                )
                score = (cut, total, abs(a - 0.46) + abs(b - 0.5) + extra / 100)
                if best is None or score < best[:3]:
                    best = (*score, (activity, inputs, output, note))
    if best is None:
        return rest * 0.46, rest * 0.27, rest * 0.27, note_min
    return best[3]


def build_header(definition: SopDefinition, cols: Columns) -> Header:
    """Heading rows; pelaksana headings share one size, hyphenated between syllables when needed."""
    inner = [cols.actor_width(k) - 2 * PAD for k in range(cols.actors)]
    actor_size, actor_lines = fit_labels([a.label for a in definition.actors], fonts.BOLD, inner)
    m = cols.mutu_index
    # The other headings share one size too (9 pt unless a narrow column needs less).
    texts = ["No.", "Keterangan", "Kelengkapan", "Waktu", "Output"]
    widths = [cols.widths[0], cols.widths[-1], *cols.widths[m : m + 3]]
    size, (no, note, *mutu) = fit_labels(texts, fonts.BOLD, [w - 2 * PAD for w in widths])
    side = [no, ["Kegiatan"], note]
    row1 = size * 1.25 + 2 * PAD
    lines2 = max(len(x) for x in [*actor_lines, *mutu])
    row2 = max(lines2 * actor_size * 1.18, size * 1.25) + 2 * PAD + 2
    side_need = max(len(x) for x in side) * size * 1.2 + 2 * PAD
    row2 = max(row2, side_need - row1)
    return Header(
        row1, row2, size, actor_size, tuple(map(tuple, actor_lines)), tuple(map(tuple, mutu)), tuple(map(tuple, side))
    )


def _cells(definition: SopDefinition, cols: Columns, position: int) -> list[tuple[int, Paragraph]]:
    step = definition.steps[position - 1]
    m = cols.mutu_index
    body, centre = _style("sop-body"), _style("sop-body-center", TA_CENTER)
    texts = [
        (0, step.number, centre),
        (1, step.activity, body),
        (m, ", ".join(step.inputs) or "-", body),
        (m + 1, step.time.strip() or "-", centre),
        (m + 2, step.output or "-", body),
        (m + 3, step.note, body),
    ]
    cells = []
    for col, text, style in texts:
        para = Paragraph(escape(" ".join(text.split())), style)
        para.wrap(cols.widths[col] - 2 * PAD, 10_000)
        cells.append((col, para))
    return cells


def _symbol_size(kind: StepKind, col_w: float) -> tuple[float, float]:
    if kind is StepKind.DECISION:
        return min(col_w - 20, 46.0), DIAMOND_H
    return min(col_w - 20, 52.0), BOX_H


def _capsule_w(col_w: float) -> float:
    return min(col_w - 10, 46.0)


def _group_height(definition: SopDefinition, position: int) -> float:
    step = definition.steps[position - 1]
    height = DIAMOND_H if step.kind is StepKind.DECISION else BOX_H
    if position == 1:
        height += CAPSULE_H + GAP
    if position == len(definition.steps):
        height += CAPSULE_H + GAP
    return height


def layout_flow(definition: SopDefinition, width: float, page_height: float) -> FlowLayout:
    """Columns, heading, and the rows cut into pages of at most `page_height` points (rows never split).

    Raises `UserError` when one step alone is taller than a page.
    """
    fonts.register_fonts()
    cols = column_widths(definition, width)
    header = build_header(definition, cols)
    count = len(definition.steps)
    rows: list[tuple[int, float, list[tuple[int, Paragraph]]]] = []
    for position in range(1, count + 1):
        cells = _cells(definition, cols, position)
        text_h = max(p.height for _, p in cells) + 2 * PAD
        rows.append((position, max(text_h, _group_height(definition, position) + 2 * SYM_PAD), cells))

    pages: list[Page] = []
    current: list[Row] = []
    y = header.height
    limit = page_height
    for index, (position, height, cells) in enumerate(rows):
        more_after = index < count - 1
        need = height + (STRIP_H if more_after else 0.0)
        if current and y + need > limit:
            pages.append(_close(current, y, continues=True, header=header))
            current, y, limit = [], header.height + STRIP_H, page_height
        if y + need > limit:
            raise UserError(
                f"Langkah nomor {definition.steps[position - 1].number} terlalu panjang untuk satu halaman; "
                "ringkas uraiannya atau pakai kertas yang lebih besar."
            )
        current.append(Row(position, y, height, cells))
        y += height
    pages.append(_close(current, y, continues=False, header=header))
    for index, page in enumerate(pages):
        if index > 0:
            page.top_strip = header.height

    symbols: dict[int, tuple[int, Shape]] = {}
    placed: dict[int, Row] = {}
    terminators: list[tuple[int, Shape]] = []
    for page_index, page in enumerate(pages):
        for row in page.rows:
            step = definition.steps[row.position - 1]
            k = [a.key for a in definition.actors].index(step.actor)
            col_w, cx = cols.actor_width(k), cols.actor_center(k)
            w, h = _symbol_size(step.kind, col_w)
            group = _group_height(definition, row.position)
            top = row.top + (row.height - group) / 2
            if row.position == 1:
                start = Shape("capsule", cx, top + CAPSULE_H / 2, _capsule_w(col_w), CAPSULE_H, "Mulai")
                terminators.append((page_index, start))
                top += CAPSULE_H + GAP
            kind = "diamond" if step.kind is StepKind.DECISION else "box"
            row.symbol = Shape(kind, cx, top + h / 2, w, h)
            symbols[row.position] = (page_index, row.symbol)
            placed[row.position] = row
            if row.position == count:
                end = Shape("capsule", cx, top + h + GAP + CAPSULE_H / 2, _capsule_w(col_w), CAPSULE_H, "Selesai")
                terminators.append((page_index, end))
    return FlowLayout(cols, header, pages, symbols, terminators, placed)


def _close(rows: list[Row], y: float, *, continues: bool, header: Header) -> Page:
    page = Page(rows=rows)
    if continues:
        page.bottom_strip = y
        y += STRIP_H
    page.height = y
    return page
