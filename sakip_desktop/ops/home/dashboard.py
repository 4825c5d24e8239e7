"""The Camat's dasbor: capaian per sasaran and indicator with their band colours, the trend over quarters and
years, serapan anggaran, and what is late (SOP steps over their standard time, tindak lanjut past due, documents
of the submission pack to the kabupaten past their deadline: `ops.home.pack_reads`).

Read-only, and built from the existing read views: the figures are `ops.measurement` (one load for every year
shown), the budget `ops.measurement.budget`, the SOP steps `ops.sop.views.inbox` as the Camat sees it, the tindak
lanjut `ops.monitoring.follow_up_views.overdue_follow_ups`. The dasbor is the Camat's first screen: each of those
is read through `ops.home.first_reads` (plain SQL). Nothing here computes a capaian of its own; it picks and labels.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.achievement import Band
from sakip_desktop.domain.formats import amount, number, span
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.desa.map_reads import DesaMap, desa_maps
from sakip_desktop.ops.home import first_reads, pack_reads
from sakip_desktop.ops.measurement.bands import Scale, get_scale
from sakip_desktop.ops.measurement.budget import BudgetMeasurement, first_screen_budget
from sakip_desktop.ops.measurement.capaian import (
    QUARTERS,
    MeasurementRow,
    OfficeSummary,
    check_quarter,
    measure_periods,
    objective_summary,
    office_summary,
)
from sakip_desktop.ops.measurement.summary import OBJECTIVES
from sakip_desktop.ops.measurement.year import rated
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, overdue_follow_ups
from sakip_desktop.ops.pack.due import LateDocument
from sakip_desktop.ops.sop.views import InboxItem, inbox
from sakip_desktop.storage.database import Database

AVERAGE_KEY = "achievement_average"  # ops.org.office.OfficeSettings.achievement_average


@dataclass(frozen=True)
class ObjectiveBar:
    """A sasaran's capaian to date (the mean of its indicators) and the band it falls in."""

    objective_id: int
    code: str
    statement: str
    indicators: int
    measured: int
    achievement: Decimal | None  # uncapped, as ops.measurement computes it
    shown: Decimal | None  # with the office's display cap
    band: Band | None


@dataclass(frozen=True)
class IndicatorLight:
    """An indicator's capaian in TW n and to date, each with its band (the traffic light)."""

    indicator_id: int
    code: str
    name: str
    unit: str
    is_key: bool
    objective_code: str
    quarter_target: str  # as the target is written ("80", "80–90", "WTP"), "" when none
    actual: Decimal | None
    actual_text: str  # as the realisasi is written ("75,10", "WTP"), "" when none
    achievement_quarter: Decimal | None
    band_quarter: Band | None
    achievement_to_date: Decimal | None
    band_to_date: Band | None
    status: str | None  # of the TW n realisasi; None when not entered
    not_computable: bool


@dataclass(frozen=True)
class TrendPoint:
    """The office's capaian at one point of the trend (a quarter of this year, or a year)."""

    label: str  # 'TW II' or '2024'
    year: int
    quarter: int  # the quarter the value is measured to
    achievement: Decimal | None
    band: Band | None


@dataclass(frozen=True)
class Dashboard:
    """Everything the dasbor shows for TW `quarter` of `year`."""

    year: int
    quarter: int
    scale: Scale
    office: OfficeSummary
    objectives: tuple[ObjectiveBar, ...]
    indicators: tuple[IndicatorLight, ...]
    quarter_trend: tuple[TrendPoint, ...]  # TW I..n of `year` that have realisasi
    year_trend: tuple[TrendPoint, ...]  # every year up to `year` that has realisasi
    budget: BudgetMeasurement
    overdue_steps: tuple[InboxItem, ...]
    overdue_follow_ups: tuple[FollowUpView, ...]
    pending: int  # indicators whose realisasi so far are not all approved
    no_data: int = 0  # indicators without realisasi in TW n: no capaian, left out of the means ("belum ada data")
    average: str = OBJECTIVES  # how the office's rata-rata is taken (setting achievement_average)
    late_documents: tuple[LateDocument, ...] = ()  # the submission pack to the kabupaten (issue 15 §2)
    desa_maps: tuple[DesaMap, ...] = ()  # each indicator over desa: which desa met it in TW n (issue 15 §3)

    @property
    def has_measurement(self) -> bool:
        """False when the year has no targets: nothing to measure."""
        return bool(self.indicators)


def _value_text(row: MeasurementRow, value: Decimal | None, share_of_desa: bool = False) -> str:
    """A value as written: the level label of a qualitative indicator ('WTP'), else the number ('85,71'; a share
    of desa always with two decimals, '80,00')."""
    if value is None:
        return ""
    if share_of_desa:
        return number(value)
    label = row.info.value_text(value)
    if label is not None:
        return label
    return amount(value)


def _target_text(row: MeasurementRow) -> str:
    target = row.quarter_target
    if target is None:
        return ""
    high = _value_text(row, target.high) if target.is_range and target.high is not None else None
    return span(_value_text(row, target.low), high)


def _has_data(rows: list[MeasurementRow]) -> bool:
    # A quarter with no realisasi still "measures" (a last value carries over), but it is not a point of a trend.
    return any(r.actual is not None for r in rows)


def _trends(
    measured: dict[tuple[int, int], list[MeasurementRow]], last: dict[int, int], year: int, quarter: int, average: str
) -> tuple[tuple[TrendPoint, ...], tuple[TrendPoint, ...]]:
    def point(label: str, y: int, q: int) -> TrendPoint:
        office = office_summary(rated(measured[(y, q)]), average=average)
        return TrendPoint(label, y, q, office.achievement, office.band)

    # This year as far as the quarter being looked at; another year to its last quarter with realisasi.
    this_year = [q for q in QUARTERS if q <= quarter and _has_data(measured[(year, q)])]
    quarters = tuple(point(quarter_label(q), year, q) for q in this_year)
    by_year = []
    for y in sorted(set(last) | {year}):
        upto = this_year if y == year else [last[y]]
        if upto and _has_data(measured[(y, upto[-1])]):
            by_year.append(point(str(y), y, upto[-1]))
    return quarters, tuple(by_year)


def _lights(rows: list[MeasurementRow], over_desa: set[int]) -> tuple[IndicatorLight, ...]:
    """The indicators' lights; the realisasi of an indicator over desa (a share of desa) with two decimals, as
    printed ("80,00")."""
    return tuple(
        IndicatorLight(
            indicator_id=r.info.indicator_id,
            code=r.info.code,
            name=r.info.name,
            unit=r.info.unit,
            is_key=r.info.is_key,
            objective_code=r.info.objective_code,
            quarter_target=_target_text(r),
            actual=r.actual,
            actual_text=_value_text(r, r.actual, r.info.indicator_id in over_desa),
            achievement_quarter=r.achievement_quarter,
            band_quarter=r.scale.band(r.achievement_quarter),
            achievement_to_date=r.achievement_to_date,
            band_to_date=r.band,
            status=r.status,
            not_computable=r.not_computable,
        )
        for r in rows
    )


def dashboard(db: Database, year: int, quarter: int, today: dt.date, *, now: dt.datetime | None = None) -> Dashboard:
    """The Camat's dasbor for TW `quarter` of `year`.

    Tindak lanjut are overdue after their due date as of `today`; SOP steps when over their standard time
    at `now` (UTC, default: the clock).
    """
    check_quarter(quarter)
    last = first_reads.last_realised_quarters(db, year)  # where each year's trend point is measured
    # One load for every year shown, but only the quarters the dasbor shows are measured.
    periods = [(year, q) for q in QUARTERS] + [(y, q) for y, q in last.items() if y != year]
    measured = measure_periods(db, periods)
    rows = rated(measured[(year, quarter)])  # an indicator without data in TW n is not measured as 0
    scale = rows[0].scale if rows else get_scale(db)
    summaries = objective_summary(rows)
    objectives = tuple(
        ObjectiveBar(
            o.objective_id,
            o.code,
            o.statement,
            o.indicators,
            o.measured,
            o.achievement,
            scale.shown(o.achievement),
            o.band,
        )
        for o in summaries
    )
    stored = first_reads.settings(db, [AVERAGE_KEY]).get(AVERAGE_KEY)
    average = json.loads(stored) if stored else OBJECTIVES
    quarter_trend, year_trend = _trends(measured, last, year, quarter, average)
    steps = inbox(db, SYSTEM, role=Role.CAMAT, now=now)  # the Camat's view: every overdue step is in it
    maps = desa_maps(db, year, quarter)
    return Dashboard(
        year=year,
        quarter=quarter,
        scale=scale,
        office=office_summary(rows, scale, average=average),
        objectives=objectives,
        indicators=_lights(rows, {mp.indicator_id for mp in maps}),
        quarter_trend=quarter_trend,
        year_trend=year_trend,
        budget=first_screen_budget(db, year, quarter, rows),
        overdue_steps=tuple(i for i in steps if i.overdue),
        overdue_follow_ups=tuple(overdue_follow_ups(db, today)),
        pending=sum(not r.all_approved for r in rows),
        no_data=sum(not r.has_data for r in rows),
        average=average,
        late_documents=tuple(pack_reads.late_documents(db, today)),
        desa_maps=maps,
    )
