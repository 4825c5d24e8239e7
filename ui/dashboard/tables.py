"""The dasbor's tables: indicators with traffic-light cells, overdue SOP steps, overdue tindak lanjut, late documents
of the submission pack."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Band
from sakip_desktop.ops.home.dashboard import IndicatorLight
from sakip_desktop.ops.home.overview import STATUS_LABELS
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView
from sakip_desktop.ops.pack.due import STATUS_LABELS as PACK_STATUS
from sakip_desktop.ops.pack.due import LateDocument
from sakip_desktop.ops.sop.views import InboxItem
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.forms import DASH
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table


def tint(band: Band | None, strength: float = 0.28) -> str | None:
    """The band colour mixed with white: a cell background dark text stays readable on."""
    if band is None:
        return None
    colour = QColor(band.colour)
    mix = [round(255 - (255 - c) * strength) for c in (colour.red(), colour.green(), colour.blue())]
    return QColor(*mix).name()


# An indicator without realisasi in the quarter: not measured, not a bad capaian (ops.measurement.year.NO_DATA).
NO_DATA_TEXT = "Belum ada data"


def _pct(value: Decimal | None) -> str:
    return formats.percent(value, missing=DASH)


def _capaian(value: Decimal | None, band: Band | None, manual: bool = False) -> str:
    if value is None:
        return DASH
    return _pct(value) + (" *" if manual else "")


INDICATOR_COLUMNS = [
    Column[IndicatorLight]("Kode", lambda r: r.code, width=60),
    Column[IndicatorLight](
        "Indikator kinerja", lambda r: r.name + ("  (IKU)" if r.is_key else ""), tooltip=lambda r: r.name
    ),
    Column[IndicatorLight]("Sasaran", lambda r: r.objective_code, width=64),
    Column[IndicatorLight]("Target TW", lambda r: r.quarter_target or DASH, align_right=True, width=84),
    Column[IndicatorLight]("Realisasi TW", lambda r: r.actual_text or DASH, align_right=True, width=96),
    Column[IndicatorLight](
        "Capaian TW",
        lambda r: _capaian(r.achievement_quarter, r.band_quarter),
        align_right=True,
        width=104,
        background=lambda r: tint(r.band_quarter),
    ),
    Column[IndicatorLight](
        "Capaian s.d. TW",
        lambda r: _capaian(r.achievement_to_date, r.band_to_date, r.not_computable),
        align_right=True,
        width=118,
        background=lambda r: tint(r.band_to_date),
        tooltip=lambda r: "Target 0: capaian diisi manual." if r.not_computable else "",
    ),
    Column[IndicatorLight](
        "Kategori",
        lambda r: r.band_to_date.label if r.band_to_date else (NO_DATA_TEXT if r.actual is None else DASH),
        width=110,
        background=lambda r: tint(r.band_to_date),
    ),
    Column[IndicatorLight](
        "Status", lambda r: "Belum diisi" if r.status is None else STATUS_LABELS.get(r.status, r.status), width=100
    ),
]


class LightDelegate(QStyledItemDelegate):
    """A traffic light: a dot in the band colour before the cell's text, on the band's tint."""

    def __init__(self, band_of: Callable[[IndicatorLight], Band | None], parent=None) -> None:
        super().__init__(parent)
        self.band_of = band_of

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        band = self.band_of(index.data(RECORD_ROLE))
        if band is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.fillRect(option.rect, QColor(tint(band)))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(band.colour))
        centre = option.rect.center()
        painter.drawEllipse(QPointF(option.rect.left() + 11, centre.y() + 0.5), 5.5, 5.5)
        painter.restore()
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(20, 0, 0, 0)
        super().paint(painter, shifted, index)


# Columns of INDICATOR_COLUMNS drawn as traffic lights, with the band each shows.
LIGHT_COLUMNS: dict[int, Callable[[IndicatorLight], Band | None]] = {
    5: lambda r: r.band_quarter,
    6: lambda r: r.band_to_date,
    7: lambda r: r.band_to_date,
}


def _late(item: InboxItem) -> str | None:
    return LATE_COLOUR


STEP_COLUMNS = [
    Column[InboxItem]("Langkah", lambda i: f"{i.step_number}. {i.activity}", background=_late),
    Column[InboxItem](
        "Pelaksanaan SOP", lambda i: i.run_title, tooltip=lambda i: i.sop_name, width=300, background=_late
    ),
    Column[InboxItem]("Giliran", lambda i: i.role.label, width=150, background=_late),
    Column[InboxItem](
        "Mulai",
        lambda i: f"{formats.long_date(i.started_at.date())} {i.started_at:%H.%M}",
        sort_key=lambda i: i.started_at,
        width=170,
        background=_late,
    ),
    Column[InboxItem]("Berjalan", lambda i: i.elapsed.label(), width=110, background=_late),
    Column[InboxItem](
        "Standar", lambda i: i.elapsed.standard.label() if i.elapsed.standard else DASH, width=100, background=_late
    ),
]
FOLLOW_UP_COLUMNS = [
    Column[FollowUpView]("Tindak lanjut", lambda f: f.action, tooltip=lambda f: f.meeting_title),
    Column[FollowUpView]("Penanggung jawab", lambda f: f.responsible, tooltip=lambda f: f.responsible_title, width=200),
    Column[FollowUpView]("Batas waktu", lambda f: formats.long_date(f.due_on), sort_key=lambda f: f.due_on, width=140),
    Column[FollowUpView](
        "Terlambat",
        lambda f: f"{f.days_overdue} hari",
        sort_key=lambda f: f.days_overdue,
        align_right=True,
        width=90,
        background=lambda f: LATE_COLOUR,
    ),
    Column[FollowUpView](
        "Progres",
        lambda f: f"{formats.number(f.progress, 0)}% · {f.status_label}",
        width=190,
    ),
    Column[FollowUpView]("Asal", lambda f: f.meeting_title, width=280),
]

# The submission pack's documents past their deadline (issue 15 §2).
PACK_COLUMNS = [
    Column[LateDocument]("Dokumen", lambda d: d.title),
    Column[LateDocument]("Jenis dokumen ESR", lambda d: d.esr_type, width=390),
    Column[LateDocument]("Periode", lambda d: d.period, width=100),
    Column[LateDocument](
        "Batas waktu", lambda d: formats.long_date(d.deadline), width=160, background=lambda d: LATE_COLOUR
    ),
    Column[LateDocument]("Status", lambda d: PACK_STATUS.get(d.status, d.status), width=110),
]


def table(model: RecordTableModel, columns: list[Column], stretch: int) -> QTableView:
    """A read-only table as tall as its rows (the page scrolls, not the table)."""
    view = make_table(model, columns, stretch, sortable=False, striped=False, wrap=False, row_height=28)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the stretched column gives way
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
    model.modelReset.connect(lambda: fit_height(view))
    return view


def fit_height(view: QTableView) -> None:
    """Make a table exactly as tall as its header and rows."""
    rows = view.model().rowCount() * view.verticalHeader().defaultSectionSize()
    header = view.horizontalHeader().sizeHint().height()
    view.setFixedHeight(header + rows + 2 * view.frameWidth())
