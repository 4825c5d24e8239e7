"""Everything the annual Laporan Kinerja (LKj) shows for a year, read from the core (regulations.md §1.3, §1.5).

Read-only. The numbers come from `measurement` (capaian per indicator and sasaran, this year and the
years before), `measurement_budget` (pagu, realisasi anggaran, efisiensi per sasaran), the Renstra
targets (the end-of-plan target for analysis 3), the office PK of the year (Bab II) and the narratives
the Kasi entered with each realisasi (faktor pendukung/penghambat/upaya, analysis 5).

The year is measured at TW IV: "realisasi s.d. TW IV" against the yearly target. Where TW IV (or any
quarter) is still empty the figures are those entered so far and `missing_quarters` says so, so the
draft can warn before the Camat signs.

A benchmark ("standar nasional", analysis 4) has no place in the schema: the office writes it as the
narrative of that analysis (section `bab3.s<id>.a4`), whose draft lists the realisasi to compare.
The PK tables and the budget tree live in `lkj_pk`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.achievement import Polarity, Target, achievement, mean
from sakip_desktop.domain.formats import number
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.lkj.pk import BudgetTreeLine, PkSummary, budget_tree, pk_summary
from sakip_desktop.ops.measurement.bands import Scale
from sakip_desktop.ops.measurement.budget import BudgetLine, BudgetMeasurement, budget_measurement
from sakip_desktop.ops.measurement.capaian import MeasurementRow, measure_all
from sakip_desktop.ops.org.office import OfficeProfile, get_profile
from sakip_desktop.ops.org.units import UnitView, list_units
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Activity,
    Goal,
    Indicator,
    Objective,
    Program,
    QualitativeLevel,
    Realisation,
    RenstraTarget,
    StrategicPlan,
)

HISTORY_YEARS = 4  # years before the report year shown in analysis 2 (with the Renstra baseline before them)


def plain(value: Decimal | None) -> str:
    """A realisasi or target in its satuan, as the pengukuran form prints it (`measure_text.amount_text`):
    whole numbers without decimals ('12'), others with two ('66,85', '2,50'); '-' for none."""
    if value is None:
        return "-"
    return number(value, 0 if value == value.to_integral_value() else 2)


@dataclass(frozen=True)
class YearPoint:
    """An indicator (or sasaran) in one year: realisasi and capaian against that year's target."""

    year: int
    actual: Decimal | None
    achievement: Decimal | None


@dataclass(frozen=True)
class Cause:
    """What a Kasi wrote with one quarter's realisasi."""

    quarter: int
    supporting: str
    inhibiting: str
    follow_up: str


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of a sasaran in the report year, with everything the seven analyses need."""

    indicator_id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    is_key: bool
    target: Target | None
    actual: Decimal | None  # realisasi s.d. TW IV
    achievement: Decimal | None  # against the yearly target
    band_label: str
    band_colour: str
    quarter_achievements: tuple[Decimal | None, ...]  # capaian s.d. TW I..IV against the target to date
    quarter_actuals: tuple[Decimal | None, ...]  # realisasi of TW I..IV
    history: tuple[YearPoint, ...]  # earlier years, oldest first
    baseline: Decimal | None  # the Renstra's tahun dasar value
    renstra_final_year: int | None
    renstra_final_target: Decimal | None
    renstra_achievement: Decimal | None  # realisasi this year against the end-of-plan target
    causes: tuple[Cause, ...]
    missing_quarters: tuple[int, ...]  # quarters without a realisasi value
    unapproved_quarters: tuple[int, ...]  # quarters entered but not yet approved by the Camat
    labels: dict[int, str]  # rank -> label for a qualitative indicator ({} otherwise)

    def show(self, value: Decimal | None) -> str:
        """A value of this indicator as printed: a qualitative rank as its label, a number the Indonesian way."""
        if value is not None and self.labels and value == value.to_integral_value():
            return self.labels.get(int(value), plain(value))
        return plain(value)

    @property
    def target_text(self) -> str:
        """'70' or '40 - 45' for a range."""
        if self.target is None:
            return "-"
        if self.target.is_range:
            return f"{self.show(self.target.low)} - {self.show(self.target.high)}"
        return self.show(self.target.low)


@dataclass(frozen=True)
class SasaranResult:
    """A sasaran strategis in the report year."""

    objective_id: int
    code: str
    statement: str
    goal_statement: str
    indicators: tuple[IndicatorResult, ...]
    achievement: Decimal | None  # mean capaian of its indicators against their yearly targets
    band_label: str
    band_colour: str
    history: tuple[YearPoint, ...]  # mean capaian of earlier years (actual is None)
    budget: BudgetLine | None  # the programs serving it together, with efisiensi
    programs: tuple[BudgetLine, ...]
    activities: dict[str, tuple[str, ...]]  # program code -> names of its kegiatan

    @property
    def label(self) -> str:
        """'S1 Meningkatnya …'."""
        return f"{self.code} {self.statement}"


@dataclass(frozen=True)
class PlanInfo:
    """The Renstra the year belongs to."""

    name: str
    start_year: int
    end_year: int
    vision: str
    missions: tuple[str, ...]
    goals: tuple[tuple[str, str], ...]  # (code, statement)


@dataclass(frozen=True)
class LkjData:
    """The whole LKj of a year, ready to be drafted, printed or exported."""

    year: int
    office: OfficeProfile
    plan: PlanInfo | None
    scale: Scale
    sasaran: tuple[SasaranResult, ...]
    achievement: Decimal | None  # the office: mean over its sasaran
    band_label: str
    history_years: tuple[int, ...]
    budget: BudgetMeasurement
    budget_lines: tuple[BudgetTreeLine, ...]  # program / kegiatan / sub kegiatan for Bab III.B
    pk: PkSummary
    units: tuple[UnitView, ...]

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        """Every indicator, sasaran by sasaran."""
        return tuple(i for s in self.sasaran for i in s.indicators)

    @property
    def incomplete(self) -> tuple[IndicatorResult, ...]:
        """Indicators with an empty or unapproved quarter: the figures may still change."""
        return tuple(i for i in self.indicators if i.missing_quarters or i.unapproved_quarters)


def check_year(year: int) -> None:
    """Refuse a year no office reports on."""
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak wajar (2000 sampai 2100).", field="year")


def _plan(session, year: int) -> StrategicPlan | None:
    plans = session.scalars(select(StrategicPlan).order_by(StrategicPlan.start_year)).all()
    covering = [p for p in plans if p.start_year <= year <= p.end_year]
    return (covering or plans or [None])[-1]


def _causes(session, year: int) -> dict[int, list[Cause]]:
    out: dict[int, list[Cause]] = defaultdict(list)
    rows = session.execute(
        select(
            Realisation.indicator_id,
            Realisation.quarter,
            Realisation.supporting_factors,
            Realisation.inhibiting_factors,
            Realisation.follow_up,
        )
        .where(Realisation.year == year)
        .order_by(Realisation.indicator_id, Realisation.quarter)
    )
    for ind, quarter, sup, inh, fol in rows:
        if (sup or "").strip() or (inh or "").strip() or (fol or "").strip():
            out[ind].append(Cause(quarter, (sup or "").strip(), (inh or "").strip(), (fol or "").strip()))
    return out


def _renstra(session, end_year: int | None) -> tuple[dict[int, tuple[int, Decimal]], dict[int, Decimal | None]]:
    """Per indicator: (year, value) of its last Renstra target up to the plan's end; and its baseline."""
    finals: dict[int, tuple[int, Decimal]] = {}
    for ind, year, value in session.execute(
        select(RenstraTarget.indicator_id, RenstraTarget.year, RenstraTarget.value).order_by(RenstraTarget.year)
    ):
        if end_year is None or year <= end_year:
            finals[ind] = (year, value)
    baselines = dict(session.execute(select(Indicator.id, Indicator.baseline)).all())
    return finals, baselines


def _labels(session) -> dict[int, dict[int, str]]:
    levels: dict[int, dict[int, str]] = defaultdict(dict)
    for scale_id, rank, label in session.execute(
        select(QualitativeLevel.scale_id, QualitativeLevel.rank, QualitativeLevel.label)
    ):
        levels[scale_id][rank] = label
    by_indicator = session.execute(select(Indicator.id, Indicator.scale_id).where(Indicator.scale_id.is_not(None)))
    return {ind: dict(levels.get(scale_id, {})) for ind, scale_id in by_indicator}


def _indicator(
    row: MeasurementRow,
    per_year: dict[int, dict[int, MeasurementRow]],
    quarters: list[MeasurementRow | None],
    extra: dict,
) -> IndicatorResult:
    info = row.info
    band = row.scale.band(row.achievement_year)
    final = extra["finals"].get(info.indicator_id)
    renstra = None
    if final is not None and row.actual_to_date is not None:
        renstra = achievement(row.actual_to_date, Target(final[1]), info.polarity)
    history = tuple(
        YearPoint(y, r.actual_to_date, r.achievement_year)
        for y, rows in sorted(per_year.items())
        if (r := rows.get(info.indicator_id)) is not None
    )
    statuses = row.statuses
    return IndicatorResult(
        indicator_id=info.indicator_id,
        code=info.code,
        name=info.name,
        unit=info.unit,
        polarity=info.polarity,
        is_key=info.is_key,
        target=row.year_target,
        actual=row.actual_to_date,
        achievement=row.achievement_year,
        band_label=band.label if band else "",
        band_colour=band.colour if band else "#9e9e9e",
        # a quarter without a realisasi has no capaian yet (not the last value held against its target)
        quarter_achievements=tuple(q.achievement_to_date if q and q.status else None for q in quarters),
        quarter_actuals=tuple(q.actual if q else None for q in quarters),
        history=history,
        baseline=extra["baselines"].get(info.indicator_id),
        renstra_final_year=final[0] if final else None,
        renstra_final_target=final[1] if final else None,
        renstra_achievement=renstra,
        causes=tuple(extra["causes"].get(info.indicator_id, ())),
        missing_quarters=tuple(q for q, s in enumerate(statuses, start=1) if s is None),
        unapproved_quarters=tuple(q for q, s in enumerate(statuses, start=1) if s not in (None, "APPROVED")),
        labels=extra["labels"].get(info.indicator_id, {}),
    )


def lkj_data(db: Database, year: int, *, today: dt.date | None = None) -> LkjData:
    """Gather the LKj of `year`: capaian per sasaran with the data of the seven analyses, budget, PK, structure."""
    check_year(year)
    with db.reading() as s:
        plan = _plan(s, year)
        finals, baselines = _renstra(s, plan.end_year if plan else None)
        extra = {"finals": finals, "baselines": baselines, "causes": _causes(s, year), "labels": _labels(s)}
        goals = s.execute(
            select(Goal.code, Goal.statement, Objective.id).join(Objective, Objective.goal_id == Goal.id)
        ).all()
        activities: dict[str, list[str]] = defaultdict(list)
        for code, name in s.execute(
            select(Program.code, Activity.name)
            .join(Activity, Activity.program_id == Program.id)
            .order_by(Activity.code)
        ):
            activities[code].append(name)
        plan_info = None
        if plan is not None:
            plan_goals = s.execute(
                select(Goal.code, Goal.statement).where(Goal.plan_id == plan.id).order_by(Goal.sort_order, Goal.code)
            ).all()
            plan_info = PlanInfo(
                plan.name,
                plan.start_year,
                plan.end_year,
                plan.vision,
                tuple(m.strip() for m in plan.mission.splitlines() if m.strip()),
                tuple((c, t) for c, t in plan_goals),
            )
    office = get_profile(db)
    first = max(year - HISTORY_YEARS, plan_info.start_year if plan_info else year - HISTORY_YEARS)
    measured = measure_all(db, range(first, year + 1))
    rows = measured[(year, 4)]
    if not rows:
        raise NotFound(f"Belum ada indikator dengan target tahun {year}; LKj tahun {year} belum dapat disusun.")
    scale = rows[0].scale
    per_year = {y: {r.info.indicator_id: r for r in measured[(y, 4)]} for y in range(first, year) if measured[(y, 4)]}
    by_quarter = [{r.info.indicator_id: r for r in measured[(year, q)]} for q in (1, 2, 3, 4)]
    budget = budget_measurement(db, year, 4, rows)
    goal_of = {oid: statement for _, statement, oid in goals}
    grouped: dict[int, list[IndicatorResult]] = {}
    for row in rows:
        quarters = [by_quarter[q].get(row.info.indicator_id) for q in range(4)]
        grouped.setdefault(row.info.objective_id, []).append(_indicator(row, per_year, quarters, extra))
    sasaran = []
    for objective_id, members in grouped.items():
        value = mean([m.achievement for m in members])
        band = scale.band(value)
        history = []
        for y, year_rows in sorted(per_year.items()):
            ids = {m.indicator_id for m in members}
            past = mean([r.achievement_year for i, r in year_rows.items() if i in ids])
            if past is not None:
                history.append(YearPoint(y, None, past))
        first_row = next(r for r in rows if r.info.objective_id == objective_id)
        programs = tuple(p for p in budget.programs if p.objective_id == objective_id)
        sasaran.append(
            SasaranResult(
                objective_id=objective_id,
                code=first_row.info.objective_code,
                statement=first_row.info.objective_statement,
                goal_statement=goal_of.get(objective_id, ""),
                indicators=tuple(members),
                achievement=value,
                band_label=band.label if band else "",
                band_colour=band.colour if band else "#9e9e9e",
                history=tuple(history),
                budget=next((b for b in budget.objectives if b.objective_id == objective_id), None),
                programs=programs,
                activities={p.code: tuple(activities.get(p.code, ())) for p in programs},
            )
        )
    office_value = mean([s.achievement for s in sasaran])
    office_band = scale.band(office_value)
    return LkjData(
        year=year,
        office=office,
        plan=plan_info,
        scale=scale,
        sasaran=tuple(sasaran),
        achievement=office_value,
        band_label=office_band.label if office_band else "",
        history_years=tuple(sorted(per_year)),
        budget=budget,
        budget_lines=budget_tree(db, year),
        pk=pk_summary(db, year, rows),
        units=tuple(list_units(db, today or dt.date(year, 12, 31))),
    )
