"""Pengukuran: the capaian of every indicator for the period being worked on, grouped by sasaran,
the sasaran with their budget beside them, and the export for the kabupaten's online systems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.measurement.budget import budget_measurement
from sakip_desktop.ops.measurement.capaian import (
    MeasurementRow,
    ObjectiveRow,
    measure,
    objective_summary,
    office_summary,
)
from sakip_desktop.ops.measurement.summary import average_note
from sakip_desktop.ops.measurement.year import rated
from sakip_desktop.ops.org.office import get_settings
from ui.context import AppContext
from ui.errors import attempt
from ui.measurement_table import (
    DASH,
    INDICATOR_COLUMN,
    MEASUREMENT_COLUMNS,
    SUMMARY_COLUMNS,
    MeasurementModel,
    Record,
    SummaryModel,
    fit_to_words,
    summary_lines,
)
from ui.plain_text import esc, plain_label
from ui.widgets.fit import FitsItsRoom
from ui.widgets.pages import ShownPage
from ui.widgets.table import Column, RecordTableModel, make_table

XLSX_FILTER = "Buku kerja Excel (*.xlsx)"


def _view(model: RecordTableModel, columns: list[Column], stretch: int) -> QTableView:
    # No sorting: the order (sasaran, then its indicators) carries meaning; rows are coloured by their band.
    view = make_table(model, columns, stretch, sortable=False, striped=False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
    return view


class MeasurementPage(ShownPage, FitsItsRoom):
    """'Pengukuran kinerja' for ctx.year and ctx.quarter; redraws when the period or the bands change."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = plain_label()  # names the file written
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Ekspor .xlsx…")
        menu = QMenu(self.export_button)
        self.export_quarter_action = menu.addAction("Triwulan ini", lambda: self.export_xlsx())
        self.export_year_action = menu.addAction("Seluruh tahun", lambda: self.export_xlsx(whole_year=True))
        self.export_button.setMenu(menu)
        self.model = MeasurementModel(MEASUREMENT_COLUMNS, self)
        self.table = _view(self.model, MEASUREMENT_COLUMNS, INDICATOR_COLUMN)
        self.summary_model = SummaryModel(SUMMARY_COLUMNS, self)
        self.summary_table = _view(self.summary_model, SUMMARY_COLUMNS, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        # The indicators over the sasaran, with a handle between: on the office laptop a reader drags the
        # sasaran table smaller to read more indicators (it starts as tall as its rows, never taller).
        lower = QWidget()
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(QLabel("<b>Capaian per sasaran dan anggaran</b>"))
        below.addWidget(self.summary_table)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        self.split.addWidget(lower)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setChildrenCollapsible(False)
        self._split_shared = False  # the first showing gives the indicators most of the height
        layout.addWidget(self.split, 1)
        layout.addWidget(self.status)
        self.rows: list[MeasurementRow] = []
        self.average = "objectives"  # the office's rule for the rata-rata (setting achievement_average)
        ctx.signals.period_changed.connect(lambda *_: self.refresh())
        ctx.signals.work_changed.connect(self.refresh)  # a realisasi entered, revised or approved elsewhere
        ctx.signals.master_data_changed.connect(self._on_master_data_changed)

    def _on_master_data_changed(self, what: str) -> None:
        if what in ("bands", "settings", "planning"):
            self.refresh()

    def reload(self) -> None:
        """Measure the period being worked on."""
        ctx = self.ctx
        tw = quarter_label(ctx.quarter)
        self.rows = rated(measure(ctx.db, ctx.year, ctx.quarter))  # no realisasi in TW n: "belum ada data"
        budget = budget_measurement(ctx.db, ctx.year, ctx.quarter, self.rows)
        objectives = objective_summary(self.rows)
        records: list[Record] = []
        for objective in objectives:
            records.append(objective)
            records.extend(r for r in self.rows if r.info.objective_id == objective.objective_id)
        for model in (self.model, self.summary_model):
            model.set_period(ctx.quarter)
        self.model.set_rows(records)
        fit_to_words(self.table, self.model, MEASUREMENT_COLUMNS, INDICATOR_COLUMN)
        self.table.clearSpans()
        for i, record in enumerate(records):
            if isinstance(record, ObjectiveRow):
                self.table.setSpan(i, 0, 1, self.model.columnCount())
        by_objective = {line.objective_id: line for line in budget.objectives if line.objective_id is not None}
        self.average = get_settings(ctx.db).achievement_average
        self.summary_model.set_rows(summary_lines(self.rows, by_objective, budget.total, self.average))
        self._fit_summary()
        if not self._split_shared:
            self._split_shared = True
            QTimer.singleShot(0, self, self._share_split)  # not after the page is gone
        self.title.setText(f"<h3>Pengukuran kinerja {tw} tahun {ctx.year}</h3>")
        self.summary.setText(self._summary_text(tw))
        self.export_button.setEnabled(bool(self.rows))

    def _fit_summary(self) -> None:
        # The sasaran are few: their table is as tall as its rows, the indicators get the rest.
        view = self.summary_table
        rows = sum(view.rowHeight(i) for i in range(self.summary_model.rowCount()))
        view.setMaximumHeight(view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth() + 2)

    def _share_split(self) -> None:
        # At least three fifths of the height for the indicators; the sasaran table (few rows) the rest, or less.
        total = sum(self.split.sizes())
        self.split.setSizes([total - total * 2 // 5, total * 2 // 5])

    def _summary_text(self, tw: str) -> str:
        if not self.rows:
            return f"Belum ada target kinerja tahun {self.ctx.year}: tidak ada yang dapat diukur."
        office = office_summary(self.rows, average=self.average)
        value = DASH if office.achievement is None else formats.percent(office.achievement)
        band = f" ({esc(office.band.label)})" if office.band else ""  # a band's name is typed in Pengaturan
        over = f"{office.objectives} sasaran" if self.average == "objectives" else "indikator"
        text = f"Capaian kinerja kantor s.d. {tw}: <b>{value}{band}</b>, rata-rata {over}."
        pending = sum(not r.all_approved for r in self.rows)
        if pending:
            text += f" Realisasi {pending} indikator belum seluruhnya disetujui Camat; angkanya dapat berubah."
        manual = sum(r.not_computable for r in self.rows)
        if manual:
            text += f" {manual} indikator bertarget 0: capaiannya diisi manual."
        missing = sum(not r.has_data for r in self.rows)
        if missing:
            text += f" {missing} indikator belum ada data {tw}: tidak dihitung dalam rata-rata."
        return f"{text}<br><small>{esc(average_note(self.average))}</small>"

    def export_xlsx(self, path: Path | None = None, *, whole_year: bool = False) -> Path | None:
        """'Ekspor .xlsx…': the table for the kabupaten's online systems, for this quarter or the whole year."""
        from ui.widgets.files import ask_save_path

        ctx = self.ctx
        quarter = None if whole_year else ctx.quarter
        name = f"Pengukuran Kinerja {ctx.year}" + ("" if whole_year else f" {quarter_label(ctx.quarter)}") + ".xlsx"
        path = path or ask_save_path(self, "Ekspor pengukuran kinerja", name, XLSX_FILTER)
        if path is None:
            return None

        def export() -> int:
            from sakip_desktop.exchange.measurement import export_measurement

            return export_measurement(ctx.db, ctx.year, quarter, path)

        ok, count = attempt(self, export)
        if not ok:
            return None
        self.status.setText(f"Tabel pengukuran ({count} indikator) disimpan di {path}.")
        return path
