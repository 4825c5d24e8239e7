"""The office's plan as plain rows, the shape shared by the planning workbook (`rencana_xlsx`), its reader
(`rencana_xlsx_read`) and the import (`ops.rencana_import`): Renstra, tujuan, sasaran, indicators, targets,
programs, kegiatan, sub kegiatan with pagu per year, and realisasi anggaran per quarter.

Rows name each other by code (an indicator's sasaran, a kegiatan's program), and units by name, as a
person writes them in Excel; `load_rencana` reads the current plan of a database in the same shape, so a
file and the database compare row by row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.achievement import Target
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Activity,
    Budget,
    BudgetSpending,
    Goal,
    Indicator,
    Objective,
    Program,
    QuarterlyTarget,
    RenstraTarget,
    StrategicPlan,
    SubActivity,
    Unit,
    YearlyTarget,
)

Quarters = tuple[Target | None, Target | None, Target | None, Target | None]
Amounts = tuple[int | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class PlanRow:
    """The Renstra: its name, years, visi and misi (one misi per line)."""

    name: str
    start_year: int
    end_year: int
    vision: str = ""
    mission: str = ""

    @property
    def years(self) -> range:
        """The years the Renstra covers."""
        return range(self.start_year, self.end_year + 1)


@dataclass(frozen=True)
class GoalRow:
    """A tujuan."""

    code: str
    statement: str


@dataclass(frozen=True)
class ObjectiveRow:
    """A sasaran under a tujuan."""

    code: str
    statement: str
    goal_code: str


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator; `responsible_unit` is the unit's name ('' for none)."""

    code: str
    name: str
    unit: str  # satuan
    polarity: str  # POSITIVE / NEGATIVE
    aggregation: str  # CUMULATIVE / LAST_VALUE / AVERAGE
    definition: str
    formula: str
    data_source: str
    responsible_unit: str
    is_key: bool
    baseline: Decimal | None
    objective_code: str


@dataclass(frozen=True)
class TargetRow:
    """The targets of an indicator in one year; None means 'not given' (left as it is on import)."""

    indicator_code: str
    year: int
    renstra: Decimal | None
    yearly: Target | None
    quarters: Quarters


@dataclass(frozen=True)
class ProgramRow:
    """A program, serving a sasaran ('' for none)."""

    code: str
    name: str
    objective_code: str


@dataclass(frozen=True)
class ActivityRow:
    """A kegiatan of a program."""

    code: str
    name: str
    program_code: str


@dataclass(frozen=True)
class SubActivityRow:
    """A sub kegiatan of a kegiatan, its unit's name ('' for none) and pagu per year (integer Rupiah)."""

    code: str
    name: str
    activity_code: str
    unit: str
    ceilings: tuple[tuple[int, int], ...]  # (year, pagu), only the years given


@dataclass(frozen=True)
class SpendingRow:
    """Realisasi anggaran of a sub kegiatan in one year, TW I..IV; None means 'not given'."""

    sub_activity_code: str
    year: int
    amounts: Amounts


@dataclass(frozen=True)
class RencanaData:
    """A whole plan: what a workbook holds and what `load_rencana` reads."""

    plan: PlanRow | None
    goals: tuple[GoalRow, ...] = ()
    objectives: tuple[ObjectiveRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    targets: tuple[TargetRow, ...] = ()
    programs: tuple[ProgramRow, ...] = ()
    activities: tuple[ActivityRow, ...] = ()
    sub_activities: tuple[SubActivityRow, ...] = ()
    spending: tuple[SpendingRow, ...] = ()


def _target(value: Decimal | None, high: Decimal | None) -> Target | None:
    return None if value is None else Target(value, high)


def current_plan_id(session, plan: PlanRow | None = None) -> int | None:
    """The Renstra with the years of `plan`, or (plan None) the latest one; None when there is none."""
    query = select(StrategicPlan.id)
    if plan is not None:
        query = query.where(StrategicPlan.start_year == plan.start_year, StrategicPlan.end_year == plan.end_year)
    return session.scalar(query.order_by(StrategicPlan.start_year.desc(), StrategicPlan.id.desc()).limit(1))


def load_rencana(db: Database, plan: PlanRow | None = None) -> RencanaData:
    """The plan stored in `db` (the Renstra with `plan`'s years, else the latest) as rows.

    Indicators, targets and the budget tree are global by code; all of them are read.
    """
    with db.reading() as s:
        plan_id = current_plan_id(s, plan)
        stored = s.get(StrategicPlan, plan_id) if plan_id else None
        plan_row = (
            PlanRow(stored.name, stored.start_year, stored.end_year, stored.vision, stored.mission) if stored else None
        )
        units = {u.id: u.name for u in s.scalars(select(Unit))}
        goals = list(s.scalars(select(Goal).where(Goal.plan_id == plan_id).order_by(Goal.sort_order, Goal.id)))
        goal_codes = {g.id: g.code for g in goals}
        objectives = list(
            s.scalars(
                select(Objective).where(Objective.goal_id.in_(goal_codes)).order_by(Objective.sort_order, Objective.id)
            )
        )
        objective_codes = {o.id: o.code for o in s.scalars(select(Objective))}
        indicators = list(s.scalars(select(Indicator).order_by(Indicator.sort_order, Indicator.id)))
        indicator_codes = {i.id: i.code for i in indicators}
        targets = _targets(s, indicator_codes)
        programs = list(s.scalars(select(Program).order_by(Program.code)))
        program_codes = {p.id: p.code for p in programs}
        activities = list(s.scalars(select(Activity).order_by(Activity.code)))
        activity_codes = {a.id: a.code for a in activities}
        subs = list(s.scalars(select(SubActivity).order_by(SubActivity.code)))
        sub_codes = {x.id: x.code for x in subs}
        ceilings: dict[int, list[tuple[int, int]]] = {}
        budget_of: dict[int, tuple[str, int]] = {}
        for b in s.scalars(select(Budget).order_by(Budget.year)):
            ceilings.setdefault(b.sub_activity_id, []).append((b.year, b.ceiling))
            budget_of[b.id] = (sub_codes[b.sub_activity_id], b.year)
        spent: dict[tuple[str, int], list[int | None]] = {}
        for row in s.scalars(select(BudgetSpending)):
            spent.setdefault(budget_of[row.budget_id], [None] * 4)[row.quarter - 1] = row.amount
        return RencanaData(
            plan=plan_row,
            goals=tuple(GoalRow(g.code, g.statement) for g in goals),
            objectives=tuple(ObjectiveRow(o.code, o.statement, goal_codes[o.goal_id]) for o in objectives),
            indicators=tuple(
                IndicatorRow(
                    i.code,
                    i.name,
                    i.unit,
                    i.polarity,
                    i.aggregation,
                    i.definition,
                    i.formula,
                    i.data_source,
                    units.get(i.responsible_unit_id, "") if i.responsible_unit_id else "",
                    bool(i.is_key),
                    i.baseline,
                    objective_codes.get(i.objective_id, ""),
                )
                for i in indicators
            ),
            targets=targets,
            programs=tuple(
                ProgramRow(p.code, p.name, objective_codes.get(p.objective_id, "") if p.objective_id else "")
                for p in programs
            ),
            activities=tuple(ActivityRow(a.code, a.name, program_codes[a.program_id]) for a in activities),
            sub_activities=tuple(
                SubActivityRow(
                    x.code,
                    x.name,
                    activity_codes[x.activity_id],
                    units.get(x.unit_id, "") if x.unit_id else "",
                    tuple(ceilings.get(x.id, ())),
                )
                for x in subs
            ),
            spending=tuple(SpendingRow(code, year, tuple(a)) for (code, year), a in sorted(spent.items())),  # type: ignore[arg-type]
        )


def _targets(s, indicator_codes: dict[int, str]) -> tuple[TargetRow, ...]:
    renstra = {(t.indicator_id, t.year): t.value for t in s.scalars(select(RenstraTarget))}
    yearly = {(t.indicator_id, t.year): t for t in s.scalars(select(YearlyTarget))}
    quarters: dict[int, list[Target | None]] = {}
    for q in s.scalars(select(QuarterlyTarget)):
        quarters.setdefault(q.yearly_target_id, [None] * 4)[q.quarter - 1] = Target(q.value, q.value_high)
    order = {i: n for n, i in enumerate(indicator_codes)}
    rows = []
    for key in sorted(set(renstra) | set(yearly), key=lambda k: (order.get(k[0], 0), k[1])):
        y = yearly.get(key)
        rows.append(
            TargetRow(
                indicator_codes[key[0]],
                key[1],
                renstra.get(key),
                _target(y.value, y.value_high) if y else None,
                tuple(quarters.get(y.id, [None] * 4)) if y else (None, None, None, None),  # type: ignore[arg-type]
            )
        )
    return tuple(rows)


__all__ = [
    "ActivityRow",
    "GoalRow",
    "IndicatorRow",
    "ObjectiveRow",
    "PlanRow",
    "ProgramRow",
    "RencanaData",
    "SpendingRow",
    "SubActivityRow",
    "TargetRow",
    "current_plan_id",
    "load_rencana",
]
