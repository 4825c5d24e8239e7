"""Arrows of the SOP flowchart: which symbol joins which, and along what path.

Rules (regulations.md §7, five symbols only):
- a step flows into the next one: straight down in the same column, otherwise out of the side
  facing the next column, across, and down into the next symbol's top;
- a decision's "Ya" is its forward arrow, "Tidak" its return branch; a branch that does not go to
  the next step runs along a lane at the edge of the target's column and enters the target's side;
- where the flow crosses a page, an off-page connector (pentagon) with a letter ends the first page
  and the same connector, in the same column, starts the next; a branch to a step on another page
  gets a pair of lettered pentagons;
- when no lane is free on the page, a pair of small lettered circles stands in (the on-page
  connector some pemda SOPs use).
Every side of a symbol carries at most one arrow, so lines never run on top of each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from sakip_desktop.documents.sop_sheet.layout import (
    CONNECTOR_H,
    CONNECTOR_W,
    STRIP_H,
    Arrow,
    FlowLayout,
    Shape,
)
from sakip_desktop.sop.definition import SopDefinition, StepKind

LANE_OFFSET = 4.0  # the least room between a lane and its column's border
LABEL_WIDTH = 16.0  # "Tidak" in 6,5 pt italic
LABEL_BELOW = 7.0  # baseline of a label set under its line (cap height of 6,5 pt plus a gap)
ARROW_MIN = 5.0  # shortest final segment that still shows its arrowhead
TURN_INSET = 5.0  # a decision's forward arrow turns this far above its row's bottom line
# Where a pentagon's square part is centred, as a share of its height from the top.
PENTAGON_BODY = 0.31


def _letters() -> Iterator[str]:
    n = 0
    while True:
        n, k = n + 1, n
        label = ""
        while True:
            label = chr(ord("A") + k % 26) + label
            k = k // 26 - 1
            if k < 0:
                break
        yield label


def pentagon(cx: float, side_y: float, label: str) -> Shape:
    """An off-page connector whose square part is centred on `side_y`."""
    return Shape("offpage", cx, side_y - PENTAGON_BODY * CONNECTOR_H + CONNECTOR_H / 2, CONNECTOR_W, CONNECTOR_H, label)


def pentagon_side_y(shape: Shape) -> float:
    return shape.top + PENTAGON_BODY * shape.h


class _Router:
    def __init__(self, definition: SopDefinition, layout: FlowLayout) -> None:
        self.d = definition
        self.l = layout
        self.cols = layout.columns
        self.keys = [a.key for a in definition.actors]
        self.exits: dict[int, set[str]] = {p: set() for p in layout.symbols}
        self.entries: dict[int, set[str]] = {p: set() for p in layout.symbols}
        self.lanes: dict[int, list[tuple[float, float, float, int, str]]] = {}  # x, y0, y1, target, side
        self.letters = _letters()

    # --- helpers -------------------------------------------------------------------------------
    def column(self, position: int) -> int:
        return self.keys.index(self.d.steps[position - 1].actor)

    def sym(self, position: int) -> tuple[int, Shape]:
        return self.l.symbols[position]

    def add(self, page: int, arrow: Arrow) -> None:
        self.l.pages[page].arrows.append(arrow)

    def shape(self, page: int, shape: Shape) -> None:
        self.l.pages[page].shapes.append(shape)

    def busy(self, position: int) -> set[str]:
        return self.exits[position] | self.entries[position]

    @staticmethod
    def side_point(shape: Shape, side: str) -> tuple[float, float]:
        y = pentagon_side_y(shape) if shape.kind == "offpage" else shape.cy
        return (shape.left if side == "left" else shape.right, y)

    def label_at(self, position: int, side: str, toward: float | None = None) -> tuple[float, float, str]:
        """Where Ya/Tidak goes for a branch leaving `position` by its bottom corner: below the diamond beside
        the line, on the side away from where the line turns (`toward`). Side exits: `side_label`."""
        assert side == "bottom", side
        _, s = self.sym(position)
        if toward is not None and toward > s.cx:
            return (s.cx - 3.0, s.bottom + 7.5, "right")
        return (s.cx + 3.0, s.bottom + 7.5, "left")

    def side_label(
        self, position: int, side: str, end: float, below: bool, turns: bool = True
    ) -> tuple[float, float, str]:
        """Where Ya/Tidak goes for a branch leaving `position` by `side` along a line to x = `end`: on that line,
        on its side away from where the line turns (`below` when it turns up), in the longest stretch of the line
        that crosses no column border when the label fits there. Otherwise, when the line `turns` at `end` (a
        lane), beside the lane just past the turn, away from the symbol; else just past the symbol's corner."""
        _, s = self.sym(position)
        x, y = self.side_point(s, side)
        baseline = y + LABEL_BELOW if below else y - 2.0
        low, high = sorted((x, end))
        cuts = [b for b in (self.cols.left(i) for i in range(len(self.cols.widths) + 1)) if low < b < high]
        stops = [low, *cuts, high]
        a, b = max(pairwise(stops), key=lambda pair: pair[1] - pair[0])
        if b - a >= LABEL_WIDTH + 4.0:
            return (b - 2.0, baseline, "right") if side == "left" else (a + 2.0, baseline, "left")
        if turns:
            beside = y - 3.0 if below else y + LABEL_BELOW + 1.0  # along the lane's run, on this side of the row
            return (end + 2.0, beside, "left") if end > x else (end - 2.0, beside, "right")
        return (x + 2.0, baseline, "left") if side == "right" else (x - 2.0, baseline, "right")

    def label(self, position: int, forward: bool) -> str:
        if self.d.steps[position - 1].kind is not StepKind.DECISION:
            return ""
        return "Ya" if forward else "Tidak"

    # --- the flow ------------------------------------------------------------------------------
    def run(self) -> None:
        for page in self.l.pages:
            page.shapes.extend(row.symbol for row in page.rows if row.symbol is not None)
        for page_index, term in self.l.terminators:
            self.shape(page_index, term)
        count = len(self.d.steps)
        first_page, first = self.sym(1)
        start = next(t for _, t in self.l.terminators if t.text == "Mulai")
        self.add(first_page, Arrow([(start.cx, start.bottom), (first.cx, first.top)]))
        last_page, last = self.sym(count)
        end = next(t for _, t in self.l.terminators if t.text == "Selesai")
        label = self.label(count, True)
        self.add(last_page, Arrow([(last.cx, last.bottom), (end.cx, end.top)], label, self.label_at(count, "bottom")))
        self.exits[count].add("bottom")

        branches: list[tuple[int, int, bool]] = []
        for position, step in enumerate(self.d.steps, start=1):
            if step.kind is StepKind.DECISION:
                target = step.on_approve or (position + 1 if position < count else None)
                if target == position + 1:
                    self.next_step(position)
                elif target is not None:
                    branches.append((position, target, True))
                if step.on_return is not None:
                    branches.append((position, step.on_return, False))
            elif position < count:
                self.next_step(position)
        for source, target, forward in branches:
            self.branch(source, target, forward)

    def next_step(self, position: int) -> None:
        page_a, a = self.sym(position)
        page_b, b = self.sym(position + 1)
        label = self.label(position, True)
        if page_a == page_b:
            if abs(a.cx - b.cx) < 0.5:
                self.exits[position].add("bottom")
                self.add(page_a, Arrow([(a.cx, a.bottom), (b.cx, b.top)], label, self.label_at(position, "bottom")))
            elif a.kind == "diamond":
                # A decision leaves by its bottom corner and turns low in its row: both sides stay
                # free for the "Tidak" branch and for branches coming back to it.
                self.exits[position].add("bottom")
                turn = self.l.rows[position].bottom - TURN_INSET
                points = [(a.cx, a.bottom), (a.cx, turn), (b.cx, turn), (b.cx, b.top)]
                self.add(page_a, Arrow(points, label, self.label_at(position, "bottom", b.cx)))
            else:
                side = "right" if b.cx > a.cx else "left"
                self.exits[position].add(side)
                x, y = self.side_point(a, side)
                self.add(page_a, Arrow([(x, y), (b.cx, y), (b.cx, b.top)]))
            return
        # Across a page break: a lettered pentagon at the foot of this page and the head of the next.
        letter = next(self.letters)
        strip = self.l.pages[page_a].bottom_strip
        assert strip is not None
        out = Shape("offpage", a.cx, strip + STRIP_H / 2, CONNECTOR_W, CONNECTOR_H, letter)
        self.shape(page_a, out)
        self.exits[position].add("bottom")
        self.add(page_a, Arrow([(a.cx, a.bottom), (a.cx, out.top)], label, self.label_at(position, "bottom")))
        head = self.l.pages[page_b].top_strip
        assert head is not None
        inn = Shape("offpage", a.cx, head + STRIP_H / 2, CONNECTOR_W, CONNECTOR_H, letter)
        self.shape(page_b, inn)
        if abs(inn.cx - b.cx) < 0.5:
            self.add(page_b, Arrow([(inn.cx, inn.bottom), (b.cx, b.top)]))
        else:
            x, y = self.side_point(inn, "right" if b.cx > inn.cx else "left")
            self.add(page_b, Arrow([(x, y), (b.cx, y), (b.cx, b.top)]))

    def branch(self, source: int, target: int, forward: bool) -> None:
        page_s, _ = self.sym(source)
        page_t, _ = self.sym(target)
        label = self.label(source, forward)
        if page_s == page_t and self.lane(source, target, label):
            return
        self.connector_pair(source, target, label, "offpage" if page_s != page_t else "onpage")

    def lane(self, source: int, target: int, label: str) -> bool:
        """Route along the edge of the target's column; False when no free lane fits.

        A second branch into the same side of the same step joins the first one's lane (arrows
        merging into one line), rather than running beside it.
        """
        page, s = self.sym(source)
        _, t = self.sym(target)
        k = self.column(target)
        left_edge, right_edge = self.cols.actor_left(k), self.cols.actor_left(k) + self.cols.actor_width(k)
        lanes = self.lanes.setdefault(page, [])
        options = []
        for side in ("left", "right"):
            joins = [lane for lane in lanes if lane[3:] == (target, side)]
            if side in self.exits[target] or (side in self.entries[target] and not joins):
                continue
            entry = t.left if side == "left" else t.right
            x = joins[0][0] if joins else self.lane_x(left_edge if side == "left" else right_edge, entry)
            if abs(entry - x) < ARROW_MIN:
                continue
            exit_side = "left" if x < s.left else "right" if x > s.right else None
            if exit_side is None or exit_side in self.busy(source):
                continue
            y0, y1 = sorted((s.cy, t.cy))
            if any(
                abs(x - lx) < 1 and y0 <= b and a <= y1 and tuple(rest) != (target, side) for lx, a, b, *rest in lanes
            ):
                continue
            ex, _ = self.side_point(s, exit_side)
            options.append((abs(ex - x), side, exit_side, x, entry))
        if not options:
            return False
        _, side, exit_side, x, entry = min(options)
        self.exits[source].add(exit_side)
        self.entries[target].add(side)
        low, high = sorted((s.cy, t.cy))
        lanes.append((x, low, high, target, side))
        ex, ey = self.side_point(s, exit_side)
        points = [(ex, ey), (x, ey), (x, t.cy), (entry, t.cy)]
        self.add(page, Arrow(points, label, self.side_label(source, exit_side, x, t.cy < ey) if label else None))
        return True

    @staticmethod
    def lane_x(edge: float, entry: float) -> float:
        """A lane halfway between the column border and the target's side (clear of both), yet leaving the last
        segment long enough for its arrowhead."""
        gap = abs(entry - edge)
        offset = max(LANE_OFFSET, min(gap / 2, gap - ARROW_MIN))
        return edge + offset if entry > edge else edge - offset

    def free_side(self, position: int, outgoing: bool) -> str:
        """A side for a connector: free if possible, preferring one with a pelaksana column beyond it;
        an arrow coming in may share a side with another incoming arrow, never with an outgoing one."""
        k = self.column(position)
        order = ["left", "right"] if k > 0 else ["right", "left"]
        for side in order:
            if side not in self.busy(position):
                return side
        if not outgoing:
            for side in order:
                if side not in self.exits[position]:
                    return side
        return order[0]

    def connector_pair(self, source: int, target: int, label: str, kind: str) -> None:
        letter = next(self.letters)
        for position, outgoing in ((source, True), (target, False)):
            page, sym = self.sym(position)
            side = self.free_side(position, outgoing)
            (self.exits if outgoing else self.entries)[position].add(side)
            k = self.column(position)
            neighbour = k - 1 if side == "left" else k + 1
            sx, sy = self.side_point(sym, side)
            if 0 <= neighbour < self.cols.actors:
                cx = self.cols.actor_center(neighbour)
            else:  # no pelaksana column on that side: sit just outside the symbol
                cx = sx + (-1 if side == "left" else 1) * (CONNECTOR_W / 2 + 6)
            if kind == "offpage":
                conn = pentagon(cx, sy, letter)
            else:
                conn = Shape("onpage", cx, sy, CONNECTOR_W - 2, CONNECTOR_W - 2, letter)
            self.shape(page, conn)
            near = conn.right if side == "left" else conn.left
            if outgoing:
                at = self.side_label(position, side, near, below=False, turns=False) if label else None
                self.add(page, Arrow([(sx, sy), (near, sy)], label, at))
            else:
                self.add(page, Arrow([(near, sy), (sx, sy)]))


def route(definition: SopDefinition, layout: FlowLayout) -> FlowLayout:
    """Add the symbols, terminators, connectors and arrows to every page of `layout`."""
    _Router(definition, layout).run()
    return layout
