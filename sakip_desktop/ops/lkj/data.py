"""Everything the annual Laporan Kinerja (LKj) shows for a year, read from the core (regulations.md §1.3, §1.5).

Read-only. The numbers come from `measurement` (capaian per indicator and sasaran, this year and the years before),
`measurement.budget` (pagu, realisasi, efisiensi per sasaran over the period measured; programs linked to sasaran
through the units' PK lines, a shared program split by its sub kegiatan), the Renstra targets (analysis 3), the
office PK of the year (Bab II) and the narratives the Kasi entered with each realisasi (analysis 5).

The year is measured by the one rule of `measurement.year`, as the FPK "Tahun" (`LkjData.measure`): final (TW IV
against the yearly target) only when every TW IV is in and every realisasi approved, else s.d. TW n against the
target s.d. TW n, rows without data left out of the means, and a DRAF; the budget and the PK summary follow it.
The PK tables and the budget tree live in `lkj.pk`, the Renstra, the narratives and the kegiatan in `lkj.facts`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.achievement import Polarity, Target, achievement
from sakip_desktop.domain.formats import amount, span
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.lkj.facts import Cause, Facts, PlanInfo, read_facts
from sakip_desktop.ops.lkj.pk import (
    BudgetTreeLine,
    PkSummary,
    budget_tree,
    part_activities,
    pk_summary,
)
from sakip_desktop.ops.measurement.bands import Scale
from sakip_desktop.ops.measurement.budget import BudgetLine, BudgetMeasurement, budget_measurement_in
from sakip_desktop.ops.measurement.capaian import MeasurementRow, measure_all_in, objective_summary
from sakip_desktop.ops.measurement.year import RowState, YearMeasurement, average_in, year_from
from sakip_desktop.ops.org.office import OfficeProfile, profile_in
from sakip_desktop.ops.org.units import UnitView, list_units
from sakip_desktop.storage.database import Database

HISTORY_YEARS = 4  # years before the report year shown in analysis 2 (with the Renstra baseline before them)


@dataclass(frozen=True)
class YearPoint:
    """An indicator (or sasaran) in one year: realisasi and capaian against that year's target."""

    year: int
    actual: Decimal | None
    achievement: Decimal | None


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of a sasaran in the report year, with everything the seven analyses need."""

    indicator_id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    is_key: bool
    target: Target | None  # the yearly target when the year is final, else the target s.d. TW n
    actual: Decimal | None  # realisasi s.d. TW IV (s.d. TW n while the year is not final)
    achievement: Decimal | None  # as `measurement.year` prints it; None: belum ada data
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
            return self.labels.get(int(value), amount(value))
        return amount(value)

    @property
    def target_text(self) -> str:
        """'70' or '40–45' for a range (as the FPK prints it, `formats.span`)."""
        if self.target is None:
            return "-"
        if self.target.is_range:
            return span(self.show(self.target.low), self.show(self.target.high))
        return self.show(self.target.low)


@dataclass(frozen=True)
class SasaranResult:
    """A sasaran strategis in the report year."""

    objective_id: int
    code: str
    statement: str
    goal_statement: str
    indicators: tuple[IndicatorResult, ...]
    achievement: Decimal | None  # mean capaian of its indicators with data (as `measurement.year` measures them)
    band_label: str
    band_colour: str
    history: tuple[YearPoint, ...]  # mean capaian of earlier years (actual is None)
    budget: BudgetLine | None  # the programs serving it together, with efisiensi
    programs: tuple[BudgetLine, ...]  # the parts of programs serving it (`BudgetMeasurement.parts`)
    activities: dict[str, tuple[str, ...]]  # program code -> names of its kegiatan in the part

    @property
    def label(self) -> str:
        """'S1 Meningkatnya …'."""
        return f"{self.code} {self.statement}"


@dataclass(frozen=True)
class LkjData:
    """The whole LKj of a year, ready to be drafted, printed or exported."""

    year: int
    office: OfficeProfile
    plan: PlanInfo | None
    scale: Scale
    sasaran: tuple[SasaranResult, ...]
    achievement: Decimal | None  # the office's rata-rata (its setting), = `measure.achievement`
    band_label: str
    history_years: tuple[int, ...]
    budget: BudgetMeasurement
    budget_lines: tuple[BudgetTreeLine, ...]  # program / kegiatan / sub kegiatan for Bab III.B
    pk: PkSummary
    units: tuple[UnitView, ...]
    measure: YearMeasurement  # the year rule: final or DRAF, s.d. TW n, rows without data

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


def _indicator(
    row: MeasurementRow,
    state: RowState,
    year_final: bool,
    per_year: dict[int, dict[int, MeasurementRow]],
    quarters: list[MeasurementRow | None],
    facts: Facts,
) -> IndicatorResult:
    info = row.info
    band, measured = state.band, state.row
    final = facts.finals.get(info.indicator_id)
    renstra = None
    if final is not None and measured.actual_to_date is not None:
        renstra = achievement(measured.actual_to_date, Target(final[1]), info.polarity)
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
        target=measured.year_target if year_final else measured.target_to_date,
        actual=measured.actual_to_date,
        achievement=state.achievement,
        band_label=band.label if band else "",
        band_colour=band.colour if band else "#9e9e9e",
        # a quarter without a realisasi has no capaian yet (not the last value held against its target)
        quarter_achievements=tuple(q.achievement_to_date if q and q.status else None for q in quarters),
        quarter_actuals=tuple(q.actual if q else None for q in quarters),
        history=history,
        baseline=facts.baselines.get(info.indicator_id),
        renstra_final_year=final[0] if final else None,
        renstra_final_target=final[1] if final else None,
        renstra_achievement=renstra,
        causes=tuple(facts.causes.get(info.indicator_id, ())),
        missing_quarters=tuple(q for q, s in enumerate(statuses, start=1) if s is None),
        unapproved_quarters=tuple(q for q, s in enumerate(statuses, start=1) if s not in (None, "APPROVED")),
        labels=dict(info.levels),
    )


def _sasaran_history(
    measured: dict[tuple[int, int], list[MeasurementRow]], years: list[int], rows: list[MeasurementRow]
) -> dict[int, list[YearPoint]]:
    """Per sasaran: the mean capaian (measurement's `objective_summary`) of earlier years, over the indicators
    it has this year."""
    this_year = {r.info.indicator_id for r in rows}
    out: dict[int, list[YearPoint]] = defaultdict(list)
    for y in years:
        earlier = [r for r in measured[(y, 4)] if r.info.indicator_id in this_year]
        for o in objective_summary(earlier):
            if o.achievement_year is not None:
                out[o.objective_id].append(YearPoint(y, None, o.achievement_year))
    return out


def _sasaran(
    measured: dict[tuple[int, int], list[MeasurementRow]],
    measure: YearMeasurement,
    per_year: dict[int, dict[int, MeasurementRow]],
    budget: BudgetMeasurement,
    facts: Facts,
) -> tuple[SasaranResult, ...]:
    """Each sasaran of the year with its indicators, their mean (as `measurement.year` measures the year: the rows
    with data, s.d. TW n while it is not final) and its programs."""
    year = measure.year
    rows = measured[(year, 4)]
    by_quarter = [{r.info.indicator_id: r for r in measured[(year, q)]} for q in (1, 2, 3, 4)]
    states = {s.row.info.indicator_id: s for s in measure.rows}
    grouped: dict[int, list[IndicatorResult]] = {}
    for row in rows:
        quarters = [by_quarter[q].get(row.info.indicator_id) for q in range(4)]
        state = states[row.info.indicator_id]
        grouped.setdefault(row.info.objective_id, []).append(
            _indicator(row, state, measure.final, per_year, quarters, facts)
        )
    history = _sasaran_history(measured, sorted(per_year), rows)
    out = []
    for summary in objective_summary([s.row for s in measure.rows]):
        value = summary.achievement_year if measure.final else summary.achievement
        band = measure.scale.band(value)
        programs = tuple(p for p in budget.parts if p.objective_id == summary.objective_id)
        out.append(
            SasaranResult(
                objective_id=summary.objective_id,
                code=summary.code,
                statement=summary.statement,
                goal_statement=facts.goal_of.get(summary.objective_id, ""),
                indicators=tuple(grouped[summary.objective_id]),
                achievement=value,
                band_label=band.label if band else "",
                band_colour=band.colour if band else "#9e9e9e",
                history=tuple(history.get(summary.objective_id, ())),
                budget=next((b for b in budget.objectives if b.objective_id == summary.objective_id), None),
                programs=programs,
                activities={p.code: part_activities(facts.activities, p) for p in programs},
            )
        )
    return tuple(out)


def lkj_data(db: Database, year: int, *, today: dt.date | None = None) -> LkjData:
    """Gather the LKj of `year`: capaian per sasaran with the data of the seven analyses, budget, PK, structure.

    One read: everything comes from one session, and the means of the sasaran and the office are measurement's.
    """
    check_year(year)
    with db.reading() as s:
        facts = read_facts(s, year)
        office = profile_in(s)
        first = max(year - HISTORY_YEARS, facts.plan.start_year if facts.plan else year - HISTORY_YEARS)
        measured = measure_all_in(s, range(first, year + 1))
        rows = measured[(year, 4)]
        if not rows:
            raise NotFound(f"Belum ada indikator dengan target tahun {year}; LKj tahun {year} belum dapat disusun.")
        measure = year_from(measured, year, average_in(s))
        # The year rule of `measurement.year`: s.d. TW n (the rows it measures) until final, then the year.
        counted = [state.row for state in measure.rows]
        budget = budget_measurement_in(
            s, year, measure.measured_to, counted, final=measure.final, average=measure.average
        )
        # Their readings share this one's session (`Database.reading`): the same snapshot.
        pk, budget_lines = pk_summary(db, year, counted), budget_tree(db, year)
        units = tuple(list_units(db, today or dt.date(year, 12, 31)))
    per_year = {y: {r.info.indicator_id: r for r in measured[(y, 4)]} for y in range(first, year) if measured[(y, 4)]}
    return LkjData(
        year=year,
        office=office,
        plan=facts.plan,
        scale=rows[0].scale,
        sasaran=_sasaran(measured, measure, per_year, budget, facts),
        achievement=measure.achievement,
        band_label=measure.band.label if measure.band else "",
        history_years=tuple(sorted(per_year)),
        budget=budget,
        budget_lines=budget_lines,
        pk=pk,
        units=units,
        measure=measure,
    )
