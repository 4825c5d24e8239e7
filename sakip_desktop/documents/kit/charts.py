"""Charts for printed documents, drawn with reportlab's own graphics (vector, embedded fonts, no extra packages).

- `achievement_bars`: capaian per sasaran (or indicator) as horizontal bars in their band colour with a
  dashed 100% line;
- `trend_lines`: capaian over quarters or years, one line per series;
- `absorption_bars`: pagu against realisasi anggaran per program, with the serapan printed;
- `small_multiples`: one small column chart per indicator (capaian per year or per quarter), its name in full above
  it and each column's value printed, so every label stays readable on paper.

Each returns a `Drawing` (a flowable) of the given width; values are `Decimal` or None (not drawn).
Labels use Indonesian number formats. The Word document pictures them through `kit.raster`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.domain.formats import number, percent

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a50021", "#7f7f7f")
_GREY = colors.HexColor("#9e9e9e")


def _f(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _axis(peak: float) -> tuple[int, int]:
    """End and step of a capaian axis reaching past `peak` (and 100): steps of 20 as a rule, wider ones
    (50, 100, 200, 500, …) when a capaian lies far above, so that an axis never has more than 16 ticks:
    reportlab draws every tick, and a capaian of 10^30 % with steps of 20 would never finish."""
    peak = max(peak, 100.0)
    step = 20
    while peak / step > 15:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2  # 20 → 50 → 100 → 200 → 500 → …
    return (int(peak // step) + 1) * step, step


def _tick(value: float) -> str:
    return number(Decimal(int(value)), 0)


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = fonts.REGULAR  # otherwise the renderer names Helvetica, which the PDF does not embed
    return d


def _fit(text: str, room: float, size: float) -> str:
    """`text` shortened with '…' to fit `room` points at `size` in the regular face."""
    while len(text) > 1 and stringWidth(text, fonts.REGULAR, size) > room:
        text = text[:-2].rstrip() + "…"
    return text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bar_names(labels: Sequence[str], room: float, label_chars: int, wrap: bool) -> tuple[list[str], float]:
    """The category names of `achievement_bars` (cut to `label_chars`, or wrapped to `room` points) and the height of a
    bar's slot that holds them."""
    if not wrap:
        return [_short(label, label_chars) for label in labels], 24.0
    lines = [simpleSplit(label, fonts.REGULAR, 7.5, room) or [""] for label in labels]
    return ["\n".join(x) for x in lines], max([24.0, *[len(x) * 8.6 + 6 for x in lines]])


def achievement_bars(
    items: Sequence[tuple[str, Decimal | None, str]],
    width: float,
    *,
    title: str = "",
    label_chars: int = 38,
    wrap: bool = False,
) -> Drawing:
    """Horizontal bars: one per (label, capaian %, band colour '#rrggbb'), a dashed line at 100%. A label longer than
    `label_chars` is cut with '…', or with `wrap` set over as many lines as it needs (the bars make room)."""
    fonts.register_fonts()
    n = max(1, len(items))
    bar_h = 16
    top = 18 if title else 12  # room for the "100%" above the bars
    label_w = min(width * 0.42, 6.2 * label_chars)
    names, slot = _bar_names([label for label, _, _ in reversed(items)], label_w - 8, label_chars, wrap)
    height = n * slot + 30 + top
    d = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 22
    chart.width, chart.height = width - label_w - 46, height - 22 - top
    values = [_f(v) for _, v, _ in items] or [0.0]
    chart.data = [list(reversed(values))]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _axis(max(values))
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7
    # ticks are plain numbers with the unit once at the axis end: a printed percentage always has two decimals
    chart.valueAxis.labelTextFormat = _tick
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.leading = 8.6
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barWidth = bar_h
    chart.bars.strokeColor = None
    for i, (_, value, colour) in enumerate(reversed(items)):
        chart.bars[(0, i)].fillColor = colors.HexColor(colour) if value is not None else _GREY
    chart.barLabelFormat = lambda v: percent(Decimal(str(v)))
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    d.add(String(chart.x + chart.width + 10, chart.y - 10, "(%)", fontName=fonts.REGULAR, fontSize=7))
    x100 = chart.x + chart.width * 100 / chart.valueAxis.valueMax
    line = Line(x100, chart.y - 2, x100, chart.y + chart.height + 2, strokeColor=colors.HexColor("#c62828"))
    line.strokeDashArray = [3, 2]
    line.strokeWidth = 0.8
    d.add(line)
    d.add(String(x100, chart.y + chart.height + 4, "100%", fontName=fonts.REGULAR, fontSize=6.5,
                 fillColor=colors.HexColor("#c62828"), textAnchor="middle"))  # fmt: skip
    if title:
        d.add(String(width / 2, height - 11, title, fontName=fonts.BOLD, fontSize=9, textAnchor="middle"))
    return d


def trend_lines(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    width: float,
    *,
    height: float = 170,
    title: str = "",
) -> Drawing:
    """Lines of capaian (%) over `categories` (e.g. TW I-IV or years), one per (name, values) series."""
    fonts.register_fonts()
    d = _drawing(width, height)
    rows = max(1, (len(series) + 1) // 2)
    legend_h = 11 * rows + 6
    top = 16 if title else 4
    chart = HorizontalLineChart()
    chart.x, chart.y = 36, 18 + legend_h
    chart.width, chart.height = width - 50, height - chart.y - top - 6
    # reportlab draws a gap for None
    chart.data = [[float(v) if v is not None else None for v in values] for _, values in series] or [[0]]
    peaks = [float(v) for _, values in series for v in values if v is not None]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _axis(max(peaks, default=0.0))
    chart.valueAxis.labelTextFormat = _tick  # unit once above the axis, as in capaian_bars
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.joinedLines = 1
    for i, (_name, values) in enumerate(series):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        # a series without any value draws nothing (reportlab refuses an empty line); its legend entry stays
        chart.lines[i].strokeColor = colour if any(v is not None for v in values) else None
        chart.lines[i].strokeWidth = 1.4
        chart.lines[i].symbol = None
    d.add(chart)
    d.add(String(chart.x - 4, chart.y + chart.height + 4, "(%)", fontName=fonts.REGULAR, fontSize=7, textAnchor="end"))
    y100 = chart.y + chart.height * 100 / chart.valueAxis.valueMax
    ref = Line(chart.x, y100, chart.x + chart.width, y100, strokeColor=colors.HexColor("#c62828"), strokeWidth=0.6)
    ref.strokeDashArray = [3, 2]
    d.add(ref)
    if series:
        legend = Legend()
        legend.x, legend.y = chart.x, legend_h
        legend.fontName, legend.fontSize = fonts.REGULAR, 7
        legend.columnMaximum = rows
        legend.deltay = 11
        legend.alignment = "right"
        room = width / 2 - 40  # two columns of legend entries
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[i % len(PALETTE)]), _fit(name, room, 7)) for i, (name, _) in enumerate(series)
        ]
        legend.dx, legend.dy, legend.deltax = 8, 6, width / 2 - 20
        d.add(legend)
    if title:
        d.add(String(width / 2, height - 11, title, fontName=fonts.BOLD, fontSize=9, textAnchor="middle"))
    return d


def absorption_bars(
    items: Sequence[tuple[str, int, int]], width: float, *, height: float = 180, title: str = ""
) -> Drawing:
    """Pagu and realisasi (integer Rupiah) per (label, pagu, realisasi) as paired columns, in millions."""
    fonts.register_fonts()
    d = _drawing(width, height)
    top = 16 if title else 4
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 44
    chart.width, chart.height = width - 60, height - chart.y - top - 8
    chart.data = [[c / 1e6 for _, c, _ in items] or [0], [s / 1e6 for _, _, s in items] or [0]]
    chart.bars[0].fillColor = colors.HexColor("#9dc3e6")
    chart.bars[1].fillColor = colors.HexColor("#1f4e79")
    chart.bars.strokeColor = None
    chart.groupSpacing = 10
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: number(Decimal(str(v)), 0)
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [_short(label, 18) for label, _, _ in items] or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.barLabelFormat = lambda v: ""
    d.add(chart)
    step = chart.width / max(1, len(items))
    for i, (_, ceiling, spent) in enumerate(items):
        share = percent(Decimal(spent) / Decimal(ceiling) * 100) if ceiling else "-"
        d.add(String(chart.x + step * (i + 0.5), chart.y - 22, f"serapan {share}", fontName=fonts.BOLD,
                     fontSize=7, textAnchor="middle"))  # fmt: skip
    d.add(String(4, chart.y + chart.height + 4, "(juta Rp)", fontName=fonts.REGULAR, fontSize=7))
    legend = Legend()
    legend.x, legend.y = chart.x, 10
    legend.fontName, legend.fontSize = fonts.REGULAR, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.colorNamePairs = [(colors.HexColor("#9dc3e6"), "Pagu"), (colors.HexColor("#1f4e79"), "Realisasi")]
    d.add(legend)
    if title:
        d.add(String(width / 2, height - 11, title, fontName=fonts.BOLD, fontSize=9, textAnchor="middle"))
    return d


_PANEL_GAP = 14.0  # points between two panels of `small_multiples`
_PLOT_H = 92.0  # the plot area of a panel
_TITLE_SIZE = 7.5
_RED = colors.HexColor("#c62828")


def _panel_title(title: str, room: float) -> list[str]:
    """The title over lines of at most `room` points; a word longer than a line is broken inside the word."""
    lines: list[str] = []
    for line in simpleSplit(title, fonts.BOLD, _TITLE_SIZE, room) or [""]:
        while stringWidth(line, fonts.BOLD, _TITLE_SIZE) > room and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], fonts.BOLD, _TITLE_SIZE) > room:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _panel(
    title_lines: Sequence[str],
    categories: Sequence[str],
    values: Sequence[tuple[Decimal | None, str]],
    width: float,
    height: float,
) -> Group:
    """One panel of `small_multiples` at the origin: the title lines, then columns of capaian with their values."""
    g = Group()
    top = height
    for n, line in enumerate(title_lines):
        g.add(String(0, top - 8 - n * (_TITLE_SIZE + 1.5), line, fontName=fonts.BOLD, fontSize=_TITLE_SIZE))
    left, bottom = 26.0, 14.0
    plot_w, plot_h = width - left - 2, _PLOT_H
    peak = max((float(v) for v, _ in values if v is not None), default=0.0)
    end, step = _axis(peak)
    for tick in range(0, end + 1, step):
        y = bottom + plot_h * tick / end
        g.add(Line(left, y, left + plot_w, y, strokeColor=colors.HexColor("#e0e0e0"), strokeWidth=0.4))
        g.add(String(left - 3, y - 2.3, _tick(tick), fontName=fonts.REGULAR, fontSize=6.5, textAnchor="end"))
    g.add(String(2, bottom + plot_h + 9, "(%)", fontName=fonts.REGULAR, fontSize=6.5))
    slot = plot_w / max(1, len(categories))
    bar = min(slot * 0.55, 34)
    for n, (category, (value, colour)) in enumerate(zip(categories, values, strict=True)):
        x = left + slot * (n + 0.5)
        g.add(String(x, bottom - 9, category, fontName=fonts.REGULAR, fontSize=6.8, textAnchor="middle"))
        h = plot_h * min(_f(value), end) / end
        if value is not None:
            g.add(Rect(x - bar / 2, bottom, bar, h, fillColor=colors.HexColor(colour), strokeColor=None))
        label = percent(value) if value is not None else "–"
        g.add(String(x, bottom + h + 2.5, label, fontName=fonts.REGULAR, fontSize=6.5, textAnchor="middle"))
    y100 = bottom + plot_h * 100 / end
    ref = Line(left, y100, left + plot_w, y100, strokeColor=_RED, strokeWidth=0.6)
    ref.strokeDashArray = [3, 2]
    g.add(ref)
    g.add(Line(left, bottom, left + plot_w, bottom, strokeColor=colors.black, strokeWidth=0.6))
    return g


def small_multiples(
    panels: Sequence[tuple[str, Sequence[tuple[Decimal | None, str]]]],
    categories: Sequence[str],
    width: float,
    *,
    columns: int = 2,
) -> list[Drawing]:
    """One small column chart per (title, [(capaian %, colour '#rrggbb'), …]) over the same `categories` (years or
    quarters), `columns` side by side, one `Drawing` per row of panels (so a long figure breaks between rows, never
    inside a chart). A title is wrapped, never cut; a missing value draws no column and prints "–"; a dashed line
    marks 100%."""
    fonts.register_fonts()
    columns = max(1, min(columns, len(panels) or 1))
    panel_w = (width - _PANEL_GAP * (columns - 1)) / columns
    titles = [_panel_title(title, panel_w - 4) for title, _ in panels]
    out = []
    for first in range(0, len(panels), columns):
        row = titles[first : first + columns]
        tallest = max(len(t) for t in row)
        d = _drawing(width, tallest * (_TITLE_SIZE + 1.5) + 8 + _PLOT_H + 30)
        for c, lines in enumerate(row):
            lines = lines + [""] * (tallest - len(lines))
            panel = _panel(lines, categories, panels[first + c][1], panel_w, d.height)
            panel.translate(c * (panel_w + _PANEL_GAP), 0)
            d.add(panel)
        out.append(d)
    return out
