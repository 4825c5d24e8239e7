"""Painting one page's piece of the SOP flowchart table (a reportlab Flowable).

The geometry comes from `sop_flow_layout` and `sop_flow_routes`; this module only turns it into
lines, text and symbols. y in the layout runs down from the top; the canvas runs up.
"""

from __future__ import annotations

import math

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.sop_sheet.layout import PAD, Arrow, FlowLayout, Page, Shape

GRID = 0.6
SYMBOL_LINE = 0.8
ARROW_LINE = 0.7
HEAD_LEN, HEAD_HALF = 4.5, 2.2
LABEL_SIZE = 6.5  # Ya / Tidak
HEADER_FILL = 0.88  # light grey: prints clearly on an office laser printer


class FlowchartPage(Flowable):
    """The heading rows plus the rows, symbols and arrows that fall on one sheet."""

    def __init__(self, layout: FlowLayout, index: int) -> None:
        super().__init__()
        self.layout = layout
        self.page: Page = layout.pages[index]
        self.width = layout.columns.total
        self.height = self.page.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        c.saveState()
        self._grid(c)
        self._header_text(c)
        for row in self.page.rows:
            for col, para in row.cells:
                para.drawOn(c, self.layout.columns.left(col) + PAD, self._y(row.top + PAD) - para.height)
        c.setLineWidth(ARROW_LINE)
        for arrow in self.page.arrows:
            self._arrow(c, arrow)
        c.setLineWidth(SYMBOL_LINE)
        for shape in self.page.shapes:
            self._shape(c, shape)
        c.restoreState()

    # --- table ---------------------------------------------------------------------------------
    def _y(self, y: float) -> float:
        return self.height - y

    def _grid(self, c: Canvas) -> None:
        cols, header = self.layout.columns, self.layout.header
        total, n, m = cols.total, cols.actors, cols.mutu_index
        c.setFillGray(HEADER_FILL)
        c.rect(0, self._y(header.height), total, header.height, stroke=0, fill=1)
        c.setFillGray(0)
        c.setLineWidth(GRID)
        c.rect(0, 0, total, self.height)
        spanned = {cols.actor_index(k) for k in range(1, n)} | {m + 1, m + 2}
        for index in range(1, len(cols.widths)):
            x = cols.left(index)
            top = header.row1 if index in spanned else 0.0
            c.line(x, self._y(top), x, 0)
        groups = [(cols.actor_left(0), cols.left(m)), (cols.left(m), cols.left(m + 3))]
        for x0, x1 in groups:
            c.line(x0, self._y(header.row1), x1, self._y(header.row1))
        edges = [header.height] + [row.bottom for row in self.page.rows]
        if self.page.top_strip is not None:
            edges.append(self.page.rows[0].top)
        for y in edges:
            c.line(0, self._y(y), total, self._y(y))

    def _lines(
        self, c: Canvas, lines: tuple[str, ...], x0: float, x1: float, y0: float, y1: float, size: float
    ) -> None:
        """Centre `lines` in the box x0..x1, y0..y1 (layout coordinates)."""
        leading = size * 1.18
        block = leading * (len(lines) - 1) + size * 0.72  # cap height of the last line
        baseline = (y0 + y1) / 2 - block / 2 + size * 0.72
        c.setFont(fonts.BOLD, size)
        for line in lines:
            c.drawCentredString((x0 + x1) / 2, self._y(baseline), line)
            baseline += leading

    def _header_text(self, c: Canvas) -> None:
        cols, h = self.layout.columns, self.layout.header
        m, n = cols.mutu_index, cols.actors
        no, activity, note = h.side_lines
        self._lines(c, no, 0, cols.left(1), 0, h.height, h.size)
        self._lines(c, activity, cols.left(1), cols.left(2), 0, h.height, h.size)
        self._lines(c, note, cols.left(m + 3), cols.total, 0, h.height, h.size)
        self._lines(c, ("Pelaksana",), cols.actor_left(0), cols.left(m), 0, h.row1, h.size)
        self._lines(c, ("Mutu Baku",), cols.left(m), cols.left(m + 3), 0, h.row1, h.size)
        for k in range(n):
            x0 = cols.actor_left(k)
            self._lines(c, h.actor_lines[k], x0, x0 + cols.actor_width(k), h.row1, h.height, h.actor_size)
        for i, lines in enumerate(h.mutu_lines):
            self._lines(c, lines, cols.left(m + i), cols.left(m + i + 1), h.row1, h.height, h.size)

    # --- flowchart -----------------------------------------------------------------------------
    def _arrow(self, c: Canvas, arrow: Arrow) -> None:
        pts = [(x, self._y(y)) for x, y in arrow.points]
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        base = (x1 - ux * HEAD_LEN, y1 - uy * HEAD_LEN)
        path = c.beginPath()
        path.moveTo(*pts[0])
        for p in [*pts[1:-1], base]:
            path.lineTo(*p)
        c.drawPath(path, stroke=1, fill=0)
        head = c.beginPath()
        head.moveTo(x1, y1)
        head.lineTo(base[0] - uy * HEAD_HALF, base[1] + ux * HEAD_HALF)
        head.lineTo(base[0] + uy * HEAD_HALF, base[1] - ux * HEAD_HALF)
        head.close()
        c.drawPath(head, stroke=0, fill=1)
        if arrow.label and arrow.label_at:
            x, y, align = arrow.label_at
            c.setFont(fonts.ITALIC, LABEL_SIZE)
            draw = c.drawRightString if align == "right" else c.drawString
            draw(x, self._y(y), arrow.label)

    def _shape(self, c: Canvas, s: Shape) -> None:
        c.setFillGray(1)
        top, bottom = self._y(s.top), self._y(s.bottom)
        if s.kind == "box":
            c.rect(s.left, bottom, s.w, s.h, stroke=1, fill=1)
        elif s.kind == "diamond":
            self._polygon(c, [(s.cx, top), (s.right, self._y(s.cy)), (s.cx, bottom), (s.left, self._y(s.cy))])
        elif s.kind == "capsule":
            c.roundRect(s.left, bottom, s.w, s.h, s.h / 2, stroke=1, fill=1)
            self._centred(c, s.text, s.cx, self._y(s.cy), fonts.REGULAR, 7)
        elif s.kind == "offpage":
            body = top - s.h * 0.62
            self._polygon(c, [(s.left, top), (s.right, top), (s.right, body), (s.cx, bottom), (s.left, body)])
            self._centred(c, s.text, s.cx, top - s.h * 0.31, fonts.BOLD, 8)
        elif s.kind == "onpage":
            c.circle(s.cx, self._y(s.cy), s.w / 2, stroke=1, fill=1)
            self._centred(c, s.text, s.cx, self._y(s.cy), fonts.BOLD, 7.5)
        c.setFillGray(0)

    @staticmethod
    def _polygon(c: Canvas, points: list[tuple[float, float]]) -> None:
        path = c.beginPath()
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        path.close()
        c.drawPath(path, stroke=1, fill=1)

    @staticmethod
    def _centred(c: Canvas, text: str, x: float, middle: float, font: str, size: float) -> None:
        c.setFillGray(0)
        c.setFont(font, size)
        c.drawCentredString(x, middle - size * 0.35, text)
