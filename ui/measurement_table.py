"""The measurement tables: indicator rows grouped under their sasaran, and the sasaran with their budget.

Capaian cells take their band's colour (text black or white, whichever reads), a capaian that could not be
computed says "tidak dapat dihitung" in italics with the manual value, and headers name the quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Band, Polarity, Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS, STATUS_LABELS
from sakip_desktop.ops.measurement.budget import BudgetLine
from sakip_desktop.ops.measurement.capaian import (
    MeasurementRow,
    ObjectiveRow,
    objective_summary,
    office_summary,
)
from ui.widgets.colours import HEADING_COLOURS
from ui.widgets.forms import DASH
from ui.widgets.table import Column, RecordTableModel, header_width

NOT_COMPUTABLE = "tidak dapat dihitung"
GROUP_COLOUR = HEADING_COLOURS[0]  # the row naming a sasaran
CELL_MARGIN = 14  # room the style takes around a cell's text
Record = MeasurementRow | ObjectiveRow


def num(value: Decimal | None) -> str:
    """A target or realisasi: no decimals when it is whole, otherwise two (`formats.amount`)."""
    return formats.amount(value, DASH)


def target_text(target: Target | None) -> str:
    """'70' or '80–90' for a range (`formats.span`)."""
    if target is None:
        return DASH
    if target.is_range:
        assert target.high is not None
        return formats.span(num(target.low), num(target.high))
    return num(target.low)


def value_text(row: MeasurementRow, value: Decimal | None) -> str:
    """A realisasi: the level's label on a qualitative indicator, else the number."""
    return row.info.value_text(value) or num(value)


def row_target_text(row: MeasurementRow, target: Target | None) -> str:
    """A target: the level's label on a qualitative indicator, else `target_text`."""
    label = row.info.value_text(target.low) if target is not None and not target.is_range else None
    return label or target_text(target)


def capaian_text(row: MeasurementRow, value: Decimal | None, which: str) -> str:
    """A capaian (display cap applied); one that could not be computed says so and shows the manual value."""
    shown = row.scale.shown(value)
    if which in row.manual_in:
        manual = "manual belum diisi" if shown is None else f"manual {formats.number(shown)}"
        return f"{NOT_COMPUTABLE}\n{manual}"
    return DASH if shown is None else formats.number(shown)


def capaian_tip(row: MeasurementRow, value: Decimal | None, which: str) -> str:
    """Why a capaian is what it is: the manual value's reason, or the uncapped value."""
    if which in row.manual_in:
        reason = row.manual_justification or "(belum ada alasan)"
        manual = DASH if row.manual_achievement is None else formats.percent(row.manual_achievement)
        return f"Targetnya 0, capaian tidak dapat dihitung.\nCapaian manual: {manual}\nAlasan: {reason}"
    if value is not None and row.scale.cap is not None and value > row.scale.cap:
        return (
            f"Capaian sebenarnya {formats.percent(value)}; ditampilkan paling tinggi "
            f"{formats.percent(row.scale.cap)} (pengaturan kantor)."
        )
    return ""


def _band_colour(band: Band | None) -> str | None:
    return band.colour if band else None


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background`."""
    colour = QColor(background)
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if luminance > 150 else "#ffffff"


def _m(text, default: str | None = "") -> Any:
    """A column function that applies to indicator rows; sasaran rows show `default`."""
    return lambda r: text(r) if isinstance(r, MeasurementRow) else default


def _group_text(o: ObjectiveRow) -> str:
    value = DASH if o.achievement is None else formats.percent(o.achievement)
    band = f" ({o.band.label})" if o.band else ""
    return f"{o.code}  {o.statement}    ·    capaian sasaran {value}{band}"


def _status(r: MeasurementRow) -> str:
    return "Belum diisi" if r.status is None else STATUS_LABELS.get(r.status, r.status)


def _indicator_text(r: MeasurementRow) -> str:
    # Polarity has no column of its own (the name gets the width): a negative one, the exception, is said here.
    negative = "  · polaritas negatif" if r.info.polarity is Polarity.NEGATIVE else ""
    return r.info.name + ("  (IKU)" if r.info.is_key else "") + negative


# Headers in up to three short lines, so the number columns stay narrow and the indicator's name gets the width
# (issue 13: at 1366 px it had 150-230 px and most names ended in "…"). The widths are the starting ones: once the
# rows are in, `fit_to_words` fits each column to its header and its longest word.
MEASUREMENT_COLUMNS: list[Column[Any]] = [
    Column("Kode", lambda r: r.info.code if isinstance(r, MeasurementRow) else _group_text(r), width=52),
    Column(
        "Indikator kinerja",
        _m(_indicator_text),
        tooltip=_m(
            lambda r: (
                f"{r.info.name}\n{r.objective_label}\nPolaritas {POLARITY_LABELS[r.info.polarity]}, "
                f"{AGGREGATION_LABELS[r.info.aggregation].lower()}"
            )
        ),
    ),
    Column("Satuan", _m(lambda r: r.info.unit), width=60),
    Column("Target\ntahun", _m(lambda r: row_target_text(r, r.year_target)), align_right=True),
    Column("Target\n{tw}", _m(lambda r: row_target_text(r, r.quarter_target)), align_right=True),
    Column("Realisasi\n{tw}", _m(lambda r: value_text(r, r.actual)), align_right=True),
    Column(
        "Capaian\n{tw}\n(%)",
        _m(lambda r: capaian_text(r, r.achievement_quarter, "quarter")),
        tooltip=_m(lambda r: capaian_tip(r, r.achievement_quarter, "quarter")),
        align_right=True,
    ),
    Column("Target\ns.d. {tw}", _m(lambda r: row_target_text(r, r.target_to_date)), align_right=True),
    Column("Realisasi\ns.d. {tw}", _m(lambda r: value_text(r, r.actual_to_date)), align_right=True),
    Column(
        "Capaian\ns.d. {tw}\n(%)",
        _m(lambda r: capaian_text(r, r.achievement_to_date, "to_date")),
        tooltip=_m(lambda r: capaian_tip(r, r.achievement_to_date, "to_date")),
        align_right=True,
        background=_m(lambda r: _band_colour(r.band), None),
    ),
    Column(
        "Kategori",
        _m(lambda r: r.band.label if r.band else (DASH if r.has_data else "Belum ada data")),
        width=84,
        background=_m(lambda r: _band_colour(r.band), None),
    ),
    Column(
        "Capaian\nthd target\ntahun (%)",
        _m(lambda r: capaian_text(r, r.achievement_year, "year")),
        tooltip=_m(lambda r: capaian_tip(r, r.achievement_year, "year")),
        align_right=True,
    ),
    Column(
        "Status\n{tw}",
        _m(_status),
        tooltip=_m(lambda r: "" if r.all_approved else "Ada realisasi s.d. triwulan ini yang belum disetujui Camat."),
        width=80,
    ),
]
INDICATOR_COLUMN = 1
# A column as wide as its longest line up to this many pixels; past it, as its longest word (the rest wraps).
WORD_FIT_CAP = 90


def fit_to_words(view: QTableView, model: RecordTableModel, columns: list[Column[Any]], skip: int) -> None:
    """Fit every column but `skip` (the one that stretches) to its header and its longest unbreakable word, so a
    number is never cut and a short label stays on one line; the rows wrap the rest (`make_table`)."""
    metrics = view.fontMetrics()
    records = [r for r in model.rows() if isinstance(r, MeasurementRow | SummaryLine)]
    for i, column in enumerate(columns):
        if i == skip:
            continue
        lines = [line for r in records for line in column.text(r).split("\n")]
        longest_line = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        longest_word = max((metrics.horizontalAdvance(w) for line in lines for w in line.split()), default=0)
        text = min(longest_line, max(WORD_FIT_CAP, longest_word)) + CELL_MARGIN
        view.setColumnWidth(i, max(header_width(view, column.title), text, 0 if column.width else 40))


class MeasurementModel(RecordTableModel):
    """Indicator rows under a row per sasaran; capaian cells in their band's colour, manual values in italics."""

    def __init__(self, columns, parent=None) -> None:
        super().__init__(columns, parent)
        self.quarter = 1

    def set_period(self, quarter: int) -> None:
        """The quarter the headers name."""
        self.quarter = quarter
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().headerData(section, orientation, role)
        if isinstance(value, str) and orientation == Qt.Orientation.Horizontal:
            return value.replace("{tw}", quarter_label(self.quarter))
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return None
        return value

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        record = self.record(index.row())
        if isinstance(record, ObjectiveRow):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(GROUP_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole:
            background = super().data(index, Qt.ItemDataRole.BackgroundRole)
            return QColor(text_colour_on(background.name())) if isinstance(background, QColor) else None
        if role == Qt.ItemDataRole.FontRole and isinstance(record, MeasurementRow):
            text = super().data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text.startswith(NOT_COMPUTABLE):
                font = QFont()
                font.setItalic(True)
                return font
        return super().data(index, role)


@dataclass(frozen=True)
class SummaryLine:
    """A sasaran (or the office) with its capaian and the budget of its programs."""

    code: str
    name: str
    indicators: int
    achievement: Decimal | None
    achievement_year: Decimal | None
    band: Band | None
    budget: BudgetLine | None
    is_total: bool = False


def _pct(value: Decimal | None) -> str:
    return DASH if value is None else formats.number(value)


def _rp(line: SummaryLine, get) -> str:
    return DASH if line.budget is None else formats.rupiah_figure(get(line.budget))


SUMMARY_COLUMNS: list[Column[SummaryLine]] = [
    Column("Kode", lambda s: s.code, width=52),
    Column("Sasaran", lambda s: s.name),
    Column("Indikator", lambda s: str(s.indicators), align_right=True, width=70),
    Column(
        "Capaian\ns.d. {tw} (%)",
        lambda s: _pct(s.achievement),
        align_right=True,
        width=92,
        background=lambda s: _band_colour(s.band),
    ),
    Column("Kategori", lambda s: s.band.label if s.band else DASH, width=95, background=lambda s: _band_colour(s.band)),
    Column("Capaian thd\ntarget tahun (%)", lambda s: _pct(s.achievement_year), align_right=True, width=100),
    Column("Pagu (Rp)", lambda s: _rp(s, lambda b: b.ceiling), align_right=True, width=125),
    Column(
        "Realisasi anggaran\ns.d. {tw} (Rp)", lambda s: _rp(s, lambda b: b.spent_to_date), align_right=True, width=135
    ),
    Column(
        "Serapan\n(%)", lambda s: _pct(None if s.budget is None else s.budget.absorption), align_right=True, width=85
    ),
    Column(
        "Efisiensi\n(%)",
        lambda s: _pct(None if s.budget is None else s.budget.efficiency),
        tooltip=lambda s: "Capaian kinerja dibandingkan serapan anggaran (capaian ÷ serapan × 100).",
        align_right=True,
        width=85,
    ),
]


class SummaryModel(MeasurementModel):
    """The sasaran table: same headers and colours; the office's line in bold."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        valid = index.isValid() and 0 <= index.row() < self.rowCount()
        if role == Qt.ItemDataRole.FontRole and valid and self.record(index.row()).is_total:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


def summary_lines(
    rows: list[MeasurementRow],
    budget_by_objective: dict[int, BudgetLine],
    total: BudgetLine | None,
    average: str = "objectives",
) -> list[SummaryLine]:
    """The sasaran lines and the office's line (capaian averaged from the uncapped values)."""
    lines = [
        SummaryLine(
            o.code,
            o.statement,
            o.indicators,
            o.achievement,
            o.achievement_year,
            o.band,
            budget_by_objective.get(o.objective_id),
        )
        for o in objective_summary(rows)
    ]
    office = office_summary(rows, average=average)
    over = f"{office.objectives} sasaran" if average == "objectives" else f"{sum(r.has_data for r in rows)} indikator"
    lines.append(
        SummaryLine(
            "",
            f"Kantor (rata-rata {over})",
            len(rows),
            office.achievement,
            office.achievement_year,
            office.band,
            total,
            is_total=True,
        )
    )
    return lines


CAPAIAN_COLUMN = next(i for i, c in enumerate(MEASUREMENT_COLUMNS) if c.title.startswith("Capaian\ns.d."))
