"""Read views of the stored plan in the planning workbook's shape (`rows`), so a file and the database compare row
by row: `load_rencana`, and what a workbook's cross-checks need to know about the database (approved quarters,
qualitative indicators and their scales)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.realisation import Status
from sakip_desktop.ops.planning.rows import (
    ActivityRow,
    Amounts,
    GoalRow,
    IndicatorRow,
    ObjectiveRow,
    PlanRow,
    ProgramRow,
    Quarters,
    RencanaData,
    SpendingRow,
    SubActivityRow,
    TargetRow,
)
from sakip_desktop.ops.realisation.qualitative import IndicatorScale, indicator_scales
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
    Realisation,
    RenstraTarget,
    StrategicPlan,
    SubActivity,
    Unit,
    YearlyTarget,
)


def current_plan_id(session: Session, plan: PlanRow | None = None) -> int | None:
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
        units = {u.id: u.name for u in s.scalars(select(Unit))}
        objective_codes = {o.id: o.code for o in s.scalars(select(Objective))}
        goals, objectives = _goals(s, plan_id)
        indicators = _indicators(s, units, objective_codes)
        programs, activities, subs, spending = _budget(s, units, objective_codes)
        return RencanaData(
            plan=PlanRow(stored.name, stored.start_year, stored.end_year, stored.vision, stored.mission)
            if stored
            else None,
            goals=goals,
            objectives=objectives,
            indicators=indicators,
            targets=_targets(s, {i.id: i.code for i in s.scalars(select(Indicator).order_by(*_INDICATOR_ORDER))}),
            programs=programs,
            activities=activities,
            sub_activities=subs,
            spending=spending,
        )


_INDICATOR_ORDER = (Indicator.sort_order, Indicator.id)


def _goals(s: Session, plan_id: int | None) -> tuple[tuple[GoalRow, ...], tuple[ObjectiveRow, ...]]:
    goals = list(s.scalars(select(Goal).where(Goal.plan_id == plan_id).order_by(Goal.sort_order, Goal.id)))
    goal_codes = {g.id: g.code for g in goals}
    objectives = s.scalars(
        select(Objective).where(Objective.goal_id.in_(goal_codes)).order_by(Objective.sort_order, Objective.id)
    )
    return (
        tuple(GoalRow(g.code, g.statement) for g in goals),
        tuple(ObjectiveRow(o.code, o.statement, goal_codes[o.goal_id]) for o in objectives),
    )


def _indicators(s: Session, units: Mapping[int, str], objective_codes: Mapping[int, str]) -> tuple[IndicatorRow, ...]:
    return tuple(
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
        for i in s.scalars(select(Indicator).order_by(*_INDICATOR_ORDER))
    )


def _quarters(values: list[Target | None]) -> Quarters:
    return values[0], values[1], values[2], values[3]


def _targets(s: Session, indicator_codes: dict[int, str]) -> tuple[TargetRow, ...]:
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
                None if y is None else Target(y.value, y.value_high),
                _quarters(quarters.get(y.id, [None] * 4) if y else [None] * 4),
            )
        )
    return tuple(rows)


_BudgetRows = tuple[
    tuple[ProgramRow, ...], tuple[ActivityRow, ...], tuple[SubActivityRow, ...], tuple[SpendingRow, ...]
]


def _budget(s: Session, units: Mapping[int, str], objective_codes: Mapping[int, str]) -> _BudgetRows:
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
    return (
        tuple(
            ProgramRow(p.code, p.name, objective_codes.get(p.objective_id, "") if p.objective_id else "")
            for p in programs
        ),
        tuple(ActivityRow(a.code, a.name, program_codes[a.program_id]) for a in activities),
        tuple(
            SubActivityRow(
                x.code,
                x.name,
                activity_codes[x.activity_id],
                units.get(x.unit_id, "") if x.unit_id else "",
                tuple(ceilings.get(x.id, ())),
            )
            for x in subs
        ),
        tuple(SpendingRow(code, year, _amounts(a)) for (code, year), a in sorted(spent.items())),
    )


def _amounts(values: list[int | None]) -> Amounts:
    return values[0], values[1], values[2], values[3]


def approved_quarters(db: Database) -> set[tuple[str, int, int]]:
    """(indicator code, year, quarter) of every realisasi the Camat approved: their targets are locked."""
    with db.reading() as session:
        return {
            (code, year, quarter)
            for code, year, quarter in session.execute(
                select(Indicator.code, Realisation.year, Realisation.quarter)
                .join(Realisation, Realisation.indicator_id == Indicator.id)
                .where(Realisation.status == Status.APPROVED.value)
            )
        }


def scales_by_code(db: Database) -> dict[str, IndicatorScale]:
    """The scale of every qualitative indicator, by the indicator's code."""
    with db.reading() as session:
        scales = indicator_scales(session)
        codes = {row.id: row.code for row in session.execute(select(Indicator.id, Indicator.code))}
    return {codes[ind]: scale for ind, scale in scales.items()}


__all__ = ["approved_quarters", "current_plan_id", "load_rencana", "scales_by_code"]
