"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts): vertical bars with a 100% line,
a line over periods, and horizontal bars. Values are percentages; labels are in the Indonesian format."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from sakip_desktop.domain import formats

AXIS = QColor("#9aa5b1")
GRID = QColor("#e4e8ec")
TEXT = QColor("#37474f")
MUTED = QColor("#78909c")
TARGET = QColor("#c62828")
NEUTRAL = "#1e88e5"


@dataclass(frozen=True)
class Datum:
    """One bar or point: a short label, a percentage (None: no value), its colour and a tooltip."""

    label: str
    value: float | None
    colour: str = NEUTRAL
    tooltip: str = ""


def pct(value: Decimal | float | None, decimals: int = 2) -> str:
    """'99,61%' or a dash."""
    return "—" if value is None else formats.percent(value, decimals)


def _step(top: float) -> int:
    return 20 if top <= 140 else 40


def _ceiling(values: list[float], floor: float = 110.0) -> float:
    """The top of the value axis, a gridline: at least `floor`, with room above the highest value."""
    highest = max([floor, *values]) * 1.08
    step = _step(highest)
    return math.ceil(highest / step) * step


class _Chart(QWidget):
    """Common parts: data, an empty-state text, hover tooltips from hit rectangles."""

    empty_text = "Belum ada data."

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: list[Datum] = []
        self._hits: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        self.small = small

    def set_data(self, data: list[Datum]) -> None:
        """Replace what is drawn."""
        self.data = list(data)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 230)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            pos = event.position() if hasattr(event, "position") else event.pos()
            tip = next((text for rect, text in self._hits if rect.contains(QPointF(pos)) and text), "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        if not any(d.value is not None for d in self.data):
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        self.draw(painter, QRectF(self.rect()))

    def draw(self, painter: QPainter, area: QRectF) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # --- shared axis drawing for the vertical charts ---------------------------------------------------------

    def _plot_area(self, area: QRectF) -> QRectF:
        fm = QFontMetrics(self.small)
        left = fm.horizontalAdvance("100%") + 12
        return area.adjusted(left, fm.height() + 10, -10, -(fm.height() + 12))

    def _y(self, plot: QRectF, top: float, value: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, value) / top

    def _axis(self, painter: QPainter, plot: QRectF, top: float) -> None:
        painter.setFont(self.small)
        fm = QFontMetrics(self.small)
        step = _step(top)
        for tick in range(0, int(top) + 1, step):
            y = self._y(plot, top, tick)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            text = f"{tick}%"
            painter.drawText(QPointF(plot.left() - fm.horizontalAdvance(text) - 6, y + fm.ascent() / 2 - 1), text)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _target_line(self, painter: QPainter, plot: QRectF, top: float) -> None:
        y = self._y(plot, top, 100)
        pen = QPen(TARGET, 1.4, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        # Its key sits in the top margin, right-aligned, where no bar value can cover it.
        painter.setFont(self.small)
        text = "Target 100%"
        fm = QFontMetrics(self.small)
        baseline = plot.top() - fm.height() - 2 + fm.ascent()
        text_x = plot.right() - fm.horizontalAdvance(text)
        key_y = baseline - fm.ascent() / 2 + 1
        painter.drawLine(QPointF(text_x - 22, key_y), QPointF(text_x - 4, key_y))
        painter.drawText(QPointF(text_x, baseline), text)


class BarChart(_Chart):
    """Vertical bars, each in its band colour, with the value above it and a dashed line at 100%."""

    empty_text = "Belum ada capaian untuk triwulan ini."

    def draw(self, painter: QPainter, area: QRectF) -> None:
        values = [d.value for d in self.data if d.value is not None]
        top = _ceiling(values)
        plot = self._plot_area(area)
        self._axis(painter, plot, top)
        fm = QFontMetrics(self.small)
        slot = plot.width() / max(1, len(self.data))
        width = min(64.0, slot * 0.62)
        for i, datum in enumerate(self.data):
            centre = plot.left() + slot * (i + 0.5)
            painter.setPen(TEXT)
            painter.setFont(self.small)
            label = fm.elidedText(datum.label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(
                QRectF(centre - slot / 2, plot.bottom() + 4, slot, fm.height() + 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
            if datum.value is None:
                continue
            y = self._y(plot, top, datum.value)
            bar = QRectF(centre - width / 2, y, width, plot.bottom() - y)
            path = QPainterPath()
            path.addRoundedRect(bar.adjusted(0, 0, 0, 3), 3, 3)  # rounded top; the bottom hides under the axis
            painter.save()
            painter.setClipRect(QRectF(plot.left(), plot.top() - 40, plot.width(), plot.height() + 40))
            painter.fillPath(path, QColor(datum.colour))
            painter.restore()
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(centre - slot / 2, y - fm.height() - 3, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                pct(datum.value),
            )
            self._hits.append((QRectF(centre - slot / 2, plot.top(), slot, plot.height()), datum.tooltip))
        self._target_line(painter, plot, top)


class LineChart(_Chart):
    """Points over periods joined by a line; each point in its band colour, its value beside it."""

    empty_text = "Belum ada realisasi untuk digambarkan."

    def draw(self, painter: QPainter, area: QRectF) -> None:
        values = [d.value for d in self.data if d.value is not None]
        top = _ceiling(values)
        plot = self._plot_area(area)
        self._axis(painter, plot, top)
        self._target_line(painter, plot, top)
        fm = QFontMetrics(self.small)
        slot = plot.width() / max(1, len(self.data))
        points: list[tuple[QPointF, Datum]] = []
        for i, datum in enumerate(self.data):
            x = plot.left() + slot * (i + 0.5)
            painter.setPen(TEXT)
            painter.setFont(self.small)
            painter.drawText(
                QRectF(x - slot / 2, plot.bottom() + 4, slot, fm.height() + 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                datum.label,
            )
            if datum.value is not None:
                points.append((QPointF(x, self._y(plot, top, datum.value)), datum))
        if len(points) > 1:
            line = QPainterPath(points[0][0])
            for point, _ in points[1:]:
                line.lineTo(point)
            painter.setPen(QPen(QColor("#546e7a"), 2.2))
            painter.drawPath(line)
        for point, datum in points:
            painter.setPen(QPen(QColor("white"), 2))
            painter.setBrush(QColor(datum.colour))
            painter.drawEllipse(point, 6, 6)
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(point.x() - slot / 2, point.y() - fm.height() - 10, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                pct(datum.value),
            )
            self._hits.append((QRectF(point.x() - slot / 2, plot.top(), slot, plot.height()), datum.tooltip))


class HBarChart(_Chart):
    """Horizontal bars on a 0–100% track: the label and value above each bar, a detail line below it."""

    empty_text = "Belum ada pagu anggaran tahun ini."
    full_row, compact_row = 58, 38
    compact_from = 7  # bars; from this many on the detail line is left to the tooltip

    @property
    def row_height(self) -> int:
        """Height of one bar with its texts."""
        return self.compact_row if len(self.data) >= self.compact_from else self.full_row

    def set_data(self, data: list[Datum]) -> None:
        """Replace the bars; the chart grows with their number."""
        super().set_data(data)
        self.setMinimumHeight(max(120, len(data) * self.row_height + 8))

    def draw(self, painter: QPainter, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        small = QFontMetrics(self.small)
        top = max([100.0, *(d.value or 0 for d in self.data)])
        value_width = fm.horizontalAdvance("100,00%") + 8
        y = area.top() + 4
        for datum in self.data:
            label, _, detail = datum.label.partition("\n")
            bold = QFont(self.font())
            bold.setBold(datum is self.data[-1] and label == "Jumlah")
            painter.setFont(bold)
            painter.setPen(TEXT)
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(area.width() - value_width - 8))
            painter.drawText(QRectF(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, text)
            painter.drawText(
                QRectF(area.right() - value_width, y, value_width, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                pct(datum.value),
            )
            track = QRectF(area.left(), y + fm.height() + 4, area.width(), 12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(GRID)
            painter.drawRoundedRect(track, 6, 6)
            if datum.value is not None and datum.value > 0:
                filled = QRectF(track.left(), track.top(), track.width() * min(datum.value, top) / top, track.height())
                painter.setBrush(QColor(datum.colour))
                painter.drawRoundedRect(filled, 6, 6)
            if detail and self.row_height == self.full_row:
                painter.setFont(self.small)
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(area.left(), track.bottom() + 3, area.width(), small.height()),
                    Qt.AlignmentFlag.AlignLeft,
                    detail,
                )
            self._hits.append((QRectF(area.left(), y, area.width(), self.row_height), datum.tooltip))
            y += self.row_height
