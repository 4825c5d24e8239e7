"""Charts for printed documents, drawn with reportlab's own graphics (vector, embedded fonts, no extra packages).

- `achievement_bars`: capaian per sasaran (or indicator) as horizontal bars in their band colour with a
  dashed 100% line;
- `trend_lines`: capaian over quarters or years, one line per series;
- `absorption_bars`: pagu against realisasi anggaran per program, with the serapan printed.

Each returns a `Drawing` (a flowable) of the given width; values are `Decimal` or None (not drawn).
Labels use Indonesian number formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
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


def achievement_bars(
    items: Sequence[tuple[str, Decimal | None, str]], width: float, *, title: str = "", label_chars: int = 38
) -> Drawing:
    """Horizontal bars: one per (label, capaian %, band colour '#rrggbb'), a dashed line at 100%."""
    fonts.register_fonts()
    n = max(1, len(items))
    bar_h = 16
    top = 18 if title else 6
    height = n * bar_h * 1.5 + 30 + top
    d = _drawing(width, height)
    label_w = min(width * 0.42, 6.2 * label_chars)
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
    chart.categoryAxis.categoryNames = [_short(label, label_chars) for label, _, _ in reversed(items)] or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
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
    d.add(String(x100 + 2, chart.y + chart.height - 8, "100%", fontName=fonts.REGULAR, fontSize=6.5,
                 fillColor=colors.HexColor("#c62828")))  # fmt: skip
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
