"""Pengukuran kinerja: capaian per indicator, per sasaran and for the office, and the budget beside it.

Read-only. Loaded with a handful of queries (ORM; the Camat's dasbor in plain SQL by `ops.home.first_reads`: the
same rows), computed in Python (`Decimal`, unrounded; shown rounded half up to 2 decimals). Formulas:
`domain.achievement` (regulations.md §3). Realisasi count whatever their status; the status is exposed so a screen
can say what is not approved yet. What a year document may print (final or s.d. TW n): `ops.measurement.year`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import (
    Aggregation,
    Polarity,
    Target,
    achievement,
    aggregate,
)
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.home.first_reads import MeasurementRead
from sakip_desktop.ops.measurement.bands import SETTING_KEY, Scale, scale_from, scale_setting
from sakip_desktop.ops.measurement.rows import APPROVED as APPROVED
from sakip_desktop.ops.measurement.rows import Actual as Actual
from sakip_desktop.ops.measurement.rows import IndicatorInfo as IndicatorInfo
from sakip_desktop.ops.measurement.rows import MeasurementRow as MeasurementRow
from sakip_desktop.ops.measurement.summary import ObjectiveRow as ObjectiveRow
from sakip_desktop.ops.measurement.summary import OfficeSummary as OfficeSummary
from sakip_desktop.ops.measurement.summary import objective_summary as objective_summary
from sakip_desktop.ops.measurement.summary import office_summary as office_summary
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

QUARTERS = (1, 2, 3, 4)


# --- the computation -----------------------------------------------------------------------------------------


def _aggregate_targets(targets: Sequence[Target | None], kind: Aggregation) -> Target | None:
    """Quarterly targets to date: ranges aggregate their bounds separately (a plain target bounds itself)."""
    low = aggregate([t.low if t else None for t in targets], kind)
    if low is None:
        return None
    if not any(t is not None and t.high is not None for t in targets):
        return Target(low)
    high = aggregate([(t.low if t.high is None else t.high) if t else None for t in targets], kind)
    return Target(low, high)


def _capaian(
    actual: Decimal | None, target: Target | None, polarity: Polarity, manual: Decimal | None
) -> tuple[Decimal | None, bool]:
    """The capaian and whether it could not be computed (then the manual value stands in)."""
    if actual is None or target is None:
        return None, False
    value = achievement(actual, target, polarity)
    if value is None:
        return manual, True
    return value, False


def measure_indicator(
    info: IndicatorInfo,
    year: int,
    quarter: int,
    year_target: Target | None,
    quarter_targets: Sequence[Target | None],
    actuals: Sequence[Actual | None],
    scale: Scale = Scale(),  # noqa: B008 (frozen, shared)
) -> MeasurementRow:
    """Measure one indicator at TW `quarter`; `quarter_targets` and `actuals` are TW I..IV (missing: None)."""
    n = quarter
    kind, polarity = info.aggregation, info.polarity
    targets = list(quarter_targets[:n])
    reals = list(actuals[:n])
    values = [a.value if a else None for a in reals]
    current = reals[n - 1] if len(reals) >= n else None
    manual = current.manual_achievement if current else None
    quarter_target = targets[n - 1] if len(targets) >= n else None
    target_to_date = _aggregate_targets(targets, kind)
    actual = current.value if current else None
    actual_to_date = aggregate(values, kind)
    by_quarter, q_manual = _capaian(actual, quarter_target, polarity, manual)
    to_date, d_manual = _capaian(actual_to_date, target_to_date, polarity, manual)
    for_year, y_manual = _capaian(actual_to_date, year_target, polarity, manual)
    manual_in = tuple(
        name for name, flagged in (("quarter", q_manual), ("to_date", d_manual), ("year", y_manual)) if flagged
    )
    return MeasurementRow(
        info=info,
        year=year,
        quarter=n,
        year_target=year_target,
        quarter_target=quarter_target,
        target_to_date=target_to_date,
        actual=actual,
        actual_to_date=actual_to_date,
        achievement_quarter=by_quarter,
        achievement_to_date=to_date,
        achievement_year=for_year,
        band=scale.band(to_date),
        status=current.status if current else None,
        statuses=tuple(a.status if a else None for a in reals),
        not_computable=d_manual,
        manual_in=manual_in,
        manual_achievement=manual,
        manual_justification=current.manual_justification if current else "",
        scale=scale,
    )


# --- loading -------------------------------------------------------------------------------------------------


@dataclass
class _Loaded:
    indicators: list[IndicatorInfo]
    year_targets: dict[tuple[int, int], Target]  # (indicator, year)
    quarter_targets: dict[tuple[int, int], list[Target | None]]  # (indicator, year) -> TW I..IV
    actuals: dict[tuple[int, int], list[Actual | None]]  # (indicator, year) -> TW I..IV
    scale: Scale


def _read_in(session: Session, years: Sequence[int], unit_id: int | None) -> MeasurementRead:
    """What measurement reads, through the ORM: the same rows as the first screen's read (`first_reads`)."""
    i, o, g, y, q, r = m.Indicator, m.Objective, m.Goal, m.YearlyTarget, m.QuarterlyTarget, m.Realisation
    indicators = (
        select(i.id, i.code, i.name, i.unit, i.polarity, i.aggregation, i.is_key, i.responsible_unit_id, i.scale_id)
        .add_columns(o.id, o.code, o.statement)
        .join(o, o.id == i.objective_id)
        .join(g, g.id == o.goal_id)
        .order_by(g.sort_order, g.id, o.sort_order, o.code, o.id, i.sort_order, i.code)  # o.id: ties kept together
    )
    if unit_id is not None:
        indicators = indicators.where(i.responsible_unit_id == unit_id)
    level = m.QualitativeLevel
    return MeasurementRead(
        list(session.execute(indicators)),
        list(session.execute(select(level.scale_id, level.rank, level.label))),
        list(session.execute(select(y.id, y.indicator_id, y.year, y.value, y.value_high).where(y.year.in_(years)))),
        list(
            session.execute(
                select(q.yearly_target_id, q.quarter, q.value, q.value_high)
                .join(y, y.id == q.yearly_target_id)
                .where(y.year.in_(years))
            )
        ),
        list(
            session.execute(
                select(r.indicator_id, r.year, r.quarter, r.value, r.status, r.manual_achievement)
                .add_columns(r.manual_justification)
                .where(r.year.in_(years))
            )
        ),
        scale_setting(session),
    )


def _assemble(read: MeasurementRead) -> _Loaded:
    """Indicators (in plan order, with their scale's labels when qualitative), targets and realisasi by
    (indicator, year), from the rows of either read."""
    levels: dict[int, dict[int, str]] = defaultdict(dict)
    for scale_id, rank, label in read.levels:
        levels[scale_id][rank] = label
    indicators = []
    for ind, code, name, unit, polarity, aggregation, is_key, owner, scale_id, *objective in read.indicators:
        objective_id, objective_code, statement = objective
        kinds = Polarity(polarity), Aggregation(aggregation)
        scale = levels.get(scale_id, {}) if scale_id else {}
        indicators.append(
            IndicatorInfo(ind, code, name, unit, *kinds, is_key, owner, objective_id, objective_code, statement, scale)
        )
    yearly_ids: dict[int, tuple[int, int]] = {}
    year_targets: dict[tuple[int, int], Target] = {}
    for tid, ind, year, low, high in read.year_targets:
        yearly_ids[tid] = (ind, year)
        year_targets[(ind, year)] = Target(low, high)
    quarter_targets: dict[tuple[int, int], list[Target | None]] = defaultdict(lambda: [None] * 4)
    for tid, quarter, low, high in read.quarter_targets:
        if 1 <= quarter <= 4:
            quarter_targets[yearly_ids[tid]][quarter - 1] = Target(low, high)
    actuals: dict[tuple[int, int], list[Actual | None]] = defaultdict(lambda: [None] * 4)
    for ind, year, quarter, value, status, manual, why in read.actuals:
        if 1 <= quarter <= 4:
            actuals[(ind, year)][quarter - 1] = Actual(value, status, manual, why or "")
    return _Loaded(indicators, year_targets, dict(quarter_targets), dict(actuals), scale_from(read.scale))


def check_quarter(quarter: int) -> None:
    """Refuse a quarter outside 1-4."""
    if quarter not in QUARTERS:
        raise ValidationError(f"Triwulan harus 1 sampai 4 (yang diminta: {quarter}).", field="quarter")


def _rows(data: _Loaded, year: int, quarter: int) -> list[MeasurementRow]:
    empty: list[Any] = [None] * 4
    return [
        measure_indicator(
            info,
            year,
            quarter,
            data.year_targets[(info.indicator_id, year)],
            data.quarter_targets.get((info.indicator_id, year), empty),
            data.actuals.get((info.indicator_id, year), empty),
            data.scale,
        )
        for info in data.indicators
        if (info.indicator_id, year) in data.year_targets  # measured only in years it has a PK target
    ]


def measured_rows(read: MeasurementRead, year: int, quarter: int) -> list[MeasurementRow]:
    """The indicators of a measurement read already made (e.g. over another schema: the kabupaten's comparison)
    measured at TW `quarter` of `year`, by the same rules as `measure`."""
    check_quarter(quarter)
    return _rows(_assemble(read), year, quarter)


def measure(db: Database, year: int, quarter: int, *, unit_id: int | None = None) -> list[MeasurementRow]:
    """The indicators (all, or one unit's) that have a target in `year`, measured at TW `quarter`."""
    check_quarter(quarter)
    with db.reading() as s:
        data = _assemble(_read_in(s, [year], unit_id))
    return _rows(data, year, quarter)


def measure_all(
    db: Database, years: Iterable[int], *, unit_id: int | None = None
) -> dict[tuple[int, int], list[MeasurementRow]]:
    """Every quarter of every year given, measured from one load: {(year, quarter): rows}."""
    with db.reading() as s:
        return measure_all_in(s, years, unit_id=unit_id)


def measure_all_in(
    session: Session, years: Iterable[int], *, unit_id: int | None = None
) -> dict[tuple[int, int], list[MeasurementRow]]:
    """`measure_all` in an open session (for a view that reads everything in one, as the LKj)."""
    years = sorted(set(years))
    data = _assemble(_read_in(session, years, unit_id))
    return {(year, quarter): _rows(data, year, quarter) for year in years for quarter in QUARTERS}


def measure_periods(
    db: Database, periods: Iterable[tuple[int, int]], *, unit_id: int | None = None
) -> dict[tuple[int, int], list[MeasurementRow]]:
    """Only the (year, quarter) periods given, measured from one load (the dasbor needs a few of many years).

    A first-screen read (`first_reads`): the Camat's dasbor is his first screen.
    """
    periods = sorted(set(periods))
    for _year, quarter in periods:
        check_quarter(quarter)
    years = sorted({year for year, _quarter in periods})
    data = _assemble(first_reads.measurement(db, years, unit_id, SETTING_KEY))
    return {(year, quarter): _rows(data, year, quarter) for year, quarter in periods}
