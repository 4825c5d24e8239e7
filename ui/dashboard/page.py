"""'Dasbor': what the Camat looks at first. Capaian of the office and of each sasaran in its band colour,
the trend over quarters and years, serapan anggaran, and what is late (SOP steps, tindak lanjut)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Band
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.home.dashboard import Dashboard, dashboard
from sakip_desktop.ops.measurement.budget import BudgetLine
from ui.context import AppContext
from ui.dashboard.charts import BarChart, Datum, HBarChart, LineChart, pct
from ui.dashboard.desa_map import DesaMapView
from ui.dashboard.tables import (
    FOLLOW_UP_COLUMNS,
    INDICATOR_COLUMNS,
    LIGHT_COLUMNS,
    PACK_COLUMNS,
    STEP_COLUMNS,
    LightDelegate,
    table,
)
from ui.plain_text import esc, plain_label
from ui.widgets.pages import ShownPage
from ui.widgets.table import RECORD_ROLE, RecordTableModel

STYLE = """
#dasbor { background: #f3f5f8; }
QFrame#card { background: white; border: 1px solid #dde3ea; border-radius: 8px; }
QLabel#cardTitle { font-weight: bold; color: #263238; }
QLabel#tileCaption { color: #607d8b; }
QLabel#tileNote { color: #78909c; }
QLabel#muted { color: #607d8b; }
"""
LATE = "#c62828"
GOOD = "#2e7d32"
SERAPAN = "#1e88e5"
SERAPAN_TOTAL = "#0d47a1"


def _office_note(data: Dashboard) -> str:
    """Under the office's capaian: its band and what the mean is over; missing data is said, never graded."""
    office = data.office
    if office.band is None:
        return "Belum ada data" if data.no_data else "Belum terukur"
    over = f"{office.objectives} sasaran" if data.average == "objectives" else "indikator"
    text = f"{office.band.label} · rata-rata {over}"
    if data.no_data:
        text += f" · {data.no_data} indikator belum ada data (tidak dihitung)"
    return text


def _colour(band: Band | None) -> str:
    return band.colour if band else "#90a4ae"


class Card(QFrame):
    """A white panel with a bold title over its content."""

    def __init__(self, title: str, content: QWidget | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.addWidget(self.title)
        if content is not None:
            self.body.addWidget(content, 1)


class Tile(Card):
    """A headline figure: caption, the value in large type, a line of explanation."""

    def __init__(self, caption: str, parent=None) -> None:
        super().__init__(caption, parent=parent)
        self.title.setObjectName("tileCaption")
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.note = plain_label()  # may name a band (typed in Pengaturan)
        self.note.setObjectName("tileNote")
        self.note.setWordWrap(True)
        self.body.addWidget(self.value)
        self.body.addWidget(self.note)
        self.body.addStretch(1)

    def show_figure(self, value: str, colour: str, note: str) -> None:
        """Set the figure, its colour and the note."""
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {colour};")
        self.note.setText(note)


class ListCard(Card):
    """A table, or a sentence when it has no rows."""

    def __init__(self, title: str, model: RecordTableModel, columns, stretch: int, empty: str, parent=None) -> None:
        super().__init__(title, parent=parent)
        self.model = model
        self.view = table(model, columns, stretch)
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {GOOD}; padding: 6px 0;")
        self.body.addWidget(self.empty)
        self.body.addWidget(self.view)

    def set_rows(self, rows) -> None:
        """Show the rows (or the empty sentence)."""
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)


class DashboardPage(ShownPage):
    """The dasbor for ctx.year and ctx.quarter; redraws when the period, the work or the bands change."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Dashboard | None = None
        self._build_heading()
        tiles = self._build_tiles()
        grid = self._build_charts()
        self._build_lists()
        self._assemble(tiles, grid)
        ctx.signals.period_changed.connect(lambda *_: self.refresh())
        ctx.signals.work_changed.connect(self.refresh)
        ctx.signals.master_data_changed.connect(lambda what: self.refresh() if what in ("bands", "settings") else None)

    def _build_heading(self) -> None:
        """The large title, the subtitle and the band legend."""
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)

    def _build_tiles(self) -> QHBoxLayout:
        """The four headline figures in a row."""
        self.office_tile = Tile("Capaian kinerja kantor")
        self.budget_tile = Tile("Serapan anggaran")
        self.steps_tile = Tile("Langkah SOP terlambat")
        self.follow_tile = Tile("Tindak lanjut terlambat")
        tiles = QHBoxLayout()
        for tile in (self.office_tile, self.budget_tile, self.steps_tile, self.follow_tile):
            tiles.addWidget(tile, 1)
        return tiles

    def _build_charts(self) -> QGridLayout:
        """The four charts, two by two."""
        self.objective_chart = BarChart()
        self.budget_chart = HBarChart()
        self.quarter_chart = LineChart()
        self.year_chart = LineChart()
        self.objective_card = Card("Capaian per sasaran", self.objective_chart)
        self.budget_card = Card("Serapan anggaran per program", self.budget_chart)
        self.quarter_card = Card("Tren capaian per triwulan", self.quarter_chart)
        self.year_card = Card("Tren capaian per tahun", self.year_chart)
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.objective_card, 0, 0)
        grid.addWidget(self.budget_card, 0, 1)
        grid.addWidget(self.quarter_card, 1, 0)
        grid.addWidget(self.year_card, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _build_lists(self) -> None:
        """The indicator table with its band lights, the late SOP steps and the late tindak lanjut."""
        self.indicators = ListCard(
            "Capaian indikator",
            RecordTableModel(INDICATOR_COLUMNS, self),
            INDICATOR_COLUMNS,
            1,
            "Belum ada indikator bertarget tahun ini.",
        )
        self.indicators.empty.setStyleSheet("color: #607d8b; padding: 6px 0;")
        self._lights = [LightDelegate(band_of, self) for band_of in LIGHT_COLUMNS.values()]
        for column, delegate in zip(LIGHT_COLUMNS, self._lights, strict=True):
            self.indicators.view.setItemDelegateForColumn(column, delegate)
        self.steps = ListCard(
            "Langkah SOP yang melebihi waktu standar",
            RecordTableModel(STEP_COLUMNS, self),
            STEP_COLUMNS,
            0,
            "Tidak ada langkah SOP yang melebihi waktu standar.",
        )
        self.steps.view.setToolTip("Klik dua kali (atau Enter) untuk membuka langkah.")
        self.steps.view.activated.connect(self._open_step)
        self.follow_ups = ListCard(
            "Tindak lanjut yang melewati batas waktu",
            RecordTableModel(FOLLOW_UP_COLUMNS, self),
            FOLLOW_UP_COLUMNS,
            0,
            "Tidak ada tindak lanjut yang melewati batas waktu.",
        )
        self.desa_map = DesaMapView()  # indicators over desa (issue 15 §3); hidden while there are none
        self.desa_card = Card("Peta desa", self.desa_map)
        self.late_documents = ListCard(
            "Dokumen paket Kabupaten yang melewati batas waktu",
            RecordTableModel(PACK_COLUMNS, self),
            PACK_COLUMNS,
            0,
            "Tidak ada dokumen paket Kabupaten yang terlambat.",
        )
        self.late_documents.view.setToolTip("Klik dua kali (atau Enter) untuk membukanya di Paket Kabupaten.")
        self.late_documents.view.activated.connect(self._open_document)

    def _assemble(self, tiles: QHBoxLayout, grid: QGridLayout) -> None:
        """Everything in one column on the styled "dasbor" body, in a scroll area that fits the page's width."""
        body = QWidget()
        body.setObjectName("dasbor")
        body.setStyleSheet(STYLE)
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 14, 16, 16)
        column.setSpacing(12)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addLayout(tiles)
        column.addWidget(self.legend)
        column.addLayout(grid)
        column.addWidget(self.indicators)
        column.addWidget(self.desa_card)
        column.addWidget(self.steps)
        column.addWidget(self.follow_ups)
        column.addWidget(self.late_documents)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page fits its width
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def reload(self) -> None:
        """Read the dasbor for the period being worked on."""
        ctx = self.ctx
        self.show_data(dashboard(ctx.db, ctx.year, ctx.quarter, ctx.today()))

    def show_data(self, data: Dashboard) -> None:
        """Draw a dasbor already read."""
        self.data = data
        tw = quarter_label(data.quarter)
        self.title.setText(f"Dasbor kinerja {tw} tahun {data.year}")
        self.subtitle.setText(self._subtitle(data, tw))
        self._tiles(data, tw)
        self.legend.setText(_legend(data.scale.bands))
        self.objective_card.title.setText(f"Capaian per sasaran s.d. {tw} {data.year}")
        self.objective_chart.set_data(
            [
                Datum(
                    o.code,
                    None if o.shown is None else float(o.shown),
                    _colour(o.band),
                    f"{o.code} {o.statement}\nCapaian {pct(o.achievement)}"
                    + (f" ({o.band.label})" if o.band else "")
                    + f"\n{o.measured} dari {o.indicators} indikator terukur",
                )
                for o in data.objectives
            ]
        )
        self.budget_card.title.setText(f"Serapan anggaran per program s.d. {tw} {data.year}")
        lines = [*data.budget.programs, data.budget.total] if data.budget.programs else []
        self.budget_chart.set_data([_budget_datum(line) for line in lines])
        self.quarter_card.title.setText(f"Tren capaian kantor per triwulan {data.year}")
        self.quarter_chart.set_data(
            [
                Datum(
                    p.label,
                    None if p.achievement is None else float(p.achievement),
                    _colour(p.band),
                    f"Capaian kantor s.d. {p.label} {p.year}: {pct(p.achievement)}",
                )
                for p in data.quarter_trend
            ]
        )
        self.year_chart.set_data(
            [
                Datum(
                    p.label,
                    None if p.achievement is None else float(p.achievement),
                    _colour(p.band),
                    f"Capaian kantor {p.year} (s.d. {quarter_label(p.quarter)}): {pct(p.achievement)}",
                )
                for p in data.year_trend
            ]
        )
        self.indicators.title.setText(f"Capaian indikator {tw} {data.year}")
        self.indicators.set_rows(list(data.indicators))
        self.steps.set_rows(list(data.overdue_steps))
        self.follow_ups.set_rows(list(data.overdue_follow_ups))
        self.late_documents.set_rows(list(data.late_documents))
        self.desa_card.title.setText(f"Peta desa {tw} {data.year}")
        self.desa_map.set_maps(data.desa_maps)
        self.desa_card.setVisible(bool(data.desa_maps))

    def _subtitle(self, data: Dashboard, tw: str) -> str:
        if not data.has_measurement:
            return f"Belum ada target kinerja tahun {data.year}: belum ada yang dapat diukur."
        text = f"{len(data.indicators)} indikator dari {len(data.objectives)} sasaran, diukur s.d. {tw}."
        if data.no_data:
            text += f" {data.no_data} indikator belum ada data {tw}: tidak dihitung dalam rata-rata."
        if data.pending:
            text += f" Realisasi {data.pending} indikator belum seluruhnya disetujui; angkanya dapat berubah."
        else:
            text += " Seluruh realisasi sudah disetujui."
        return text

    def _tiles(self, data: Dashboard, tw: str) -> None:
        office = data.office
        self.office_tile.show_figure(
            pct(office.achievement),
            _colour(office.band),
            _office_note(data),
        )
        total = data.budget.total
        self.budget_tile.show_figure(
            pct(total.absorption),
            SERAPAN,
            f"{formats.rupiah(total.spent_to_date, sen=False)} dari pagu {formats.rupiah(total.ceiling, sen=False)}",
        )
        steps, follow = len(data.overdue_steps), len(data.overdue_follow_ups)
        self.steps_tile.show_figure(
            str(steps), LATE if steps else GOOD, "melebihi waktu standar" if steps else "semua tepat waktu"
        )
        self.follow_tile.show_figure(
            str(follow), LATE if follow else GOOD, "melewati batas waktu" if follow else "semua sesuai jadwal"
        )

    def _open_step(self, index: QModelIndex) -> None:
        item = index.data(RECORD_ROLE)
        if item is not None:
            self.open_step(item.step_run_id)

    def _open_document(self, index: QModelIndex) -> None:  # the pack on the document's period, its row chosen
        from ui.pack.page import open_pack_item

        if (document := index.data(RECORD_ROLE)) is not None:
            open_pack_item(self, document.code, document.year, document.quarter)

    def open_step(self, step_run_id: int) -> None:
        """Open the step screen as the inbox does; afterwards every screen redraws."""
        from ui.sop.step_dialog import StepDialog

        StepDialog(self.ctx, step_run_id, self).exec()
        self.ctx.signals.work_changed.emit()


def _budget_datum(line: BudgetLine) -> Datum:
    name = line.name.title() if line.name.isupper() else line.name  # programs are often written in capitals
    spent = f"{formats.rupiah(line.spent_to_date, sen=False)} dari pagu {formats.rupiah(line.ceiling, sen=False)}"
    return Datum(
        f"{name}\n{spent}",
        None if line.absorption is None else float(line.absorption),
        SERAPAN_TOTAL if line.code == "" else SERAPAN,
        f"{line.code} {line.name}".strip() + f"\nPagu {formats.rupiah(line.ceiling, sen=False)}, realisasi "
        f"{formats.rupiah(line.spent_to_date, sen=False)}\nSerapan {pct(line.absorption)}",
    )


def _legend(bands: tuple[Band, ...]) -> str:
    ordered = sorted(bands, key=lambda b: b.minimum, reverse=True)
    parts = []
    for i, band in enumerate(ordered):
        if not band.minimum.is_finite():
            span = f"&lt; {_plain(ordered[i - 1].minimum)}%" if i else ""
        else:
            span = f"≥ {_plain(band.minimum)}%"
        parts.append(
            f"<span style='color:{esc(band.colour)}; font-size:14pt;'>■</span>&nbsp;{esc(band.label)} "
            f"<span style='color:#78909c;'>{span}</span>"
        )
    return "<span style='color:#607d8b;'>Kategori capaian:</span>&nbsp;&nbsp;" + "&nbsp;&nbsp;&nbsp;".join(parts)


def _plain(value) -> str:
    return formats.amount(value)
