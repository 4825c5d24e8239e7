"""Read views of the Renstra for the Perencanaan screen: the tree, an indicator, and its targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.realisation.qualitative import LevelView, scale_levels
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Goal,
    Indicator,
    Objective,
    QualitativeScale,
    QuarterlyTarget,
    Realisation,
    RenstraTarget,
    StrategicPlan,
    Unit,
    YearlyTarget,
)


@dataclass(frozen=True)
class IndicatorView:
    """An indicator with everything its form shows."""

    id: int
    objective_id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    aggregation: Aggregation
    definition: str
    formula: str
    data_source: str
    responsible_unit_id: int | None
    responsible_unit: str
    is_key: bool
    scale_id: int | None
    scale_name: str
    baseline: Decimal | None
    sort_order: int
    realisations: int  # how many realisasi it has (then it cannot be removed)
    benchmark: str = ""  # standar nasional / pembanding the LKj compares it with ('' for none)


@dataclass(frozen=True)
class ObjectiveNode:
    """A sasaran and its indicators."""

    id: int
    goal_id: int
    code: str
    statement: str
    sort_order: int
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class GoalNode:
    """A tujuan and its sasaran."""

    id: int
    plan_id: int
    code: str
    statement: str
    sort_order: int
    objectives: tuple[ObjectiveNode, ...]


@dataclass(frozen=True)
class PlanNode:
    """A Renstra and its tujuan."""

    id: int
    name: str
    start_year: int
    end_year: int
    vision: str
    mission: str
    goals: tuple[GoalNode, ...]

    @property
    def years(self) -> range:
        """The years of the plan's period."""
        return range(self.start_year, self.end_year + 1)


@dataclass(frozen=True)
class IndicatorTargets:
    """An indicator's targets: Renstra per plan year, and the yearly and TW I–IV targets of `year`."""

    indicator_id: int
    code: str
    name: str
    unit: str
    aggregation: Aggregation
    plan_years: tuple[int, ...]
    renstra: dict[int, Decimal]
    year: int
    yearly: Target | None
    quarterly: tuple[Target | None, ...]  # TW I..IV
    problems: tuple[str, ...]  # quarters against the year (empty when consistent or no yearly target)
    locked_quarters: tuple[int, ...]  # quarters whose realisasi is approved: their target stays
    levels: tuple[LevelView, ...]  # the scale's levels for a qualitative indicator, else empty


def planning_tree(db: Database) -> list[PlanNode]:
    """Every Renstra (newest first) with its tujuan, sasaran and indicators in their order."""
    with db.reading() as s:
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        scales = dict(s.execute(select(QualitativeScale.id, QualitativeScale.name)).all())
        counts = dict(
            s.execute(select(Realisation.indicator_id, func.count()).group_by(Realisation.indicator_id)).all()
        )
        by_objective: dict[int, list[IndicatorView]] = {}
        for i in s.scalars(select(Indicator).order_by(Indicator.sort_order, Indicator.code)):
            by_objective.setdefault(i.objective_id, []).append(
                IndicatorView(
                    id=i.id,
                    objective_id=i.objective_id,
                    code=i.code,
                    name=i.name,
                    unit=i.unit,
                    polarity=Polarity(i.polarity),
                    aggregation=Aggregation(i.aggregation),
                    definition=i.definition,
                    formula=i.formula,
                    data_source=i.data_source,
                    responsible_unit_id=i.responsible_unit_id,
                    responsible_unit=units.get(i.responsible_unit_id, "") if i.responsible_unit_id else "",
                    is_key=i.is_key,
                    scale_id=i.scale_id,
                    scale_name=scales.get(i.scale_id, "") if i.scale_id else "",
                    baseline=i.baseline,
                    sort_order=i.sort_order,
                    realisations=counts.get(i.id, 0),
                    benchmark=i.benchmark,
                )
            )
        by_goal: dict[int, list[ObjectiveNode]] = {}
        for o in s.scalars(select(Objective).order_by(Objective.sort_order, Objective.code)):
            by_goal.setdefault(o.goal_id, []).append(
                ObjectiveNode(o.id, o.goal_id, o.code, o.statement, o.sort_order, tuple(by_objective.get(o.id, ())))
            )
        by_plan: dict[int, list[GoalNode]] = {}
        for g in s.scalars(select(Goal).order_by(Goal.sort_order, Goal.code)):
            by_plan.setdefault(g.plan_id, []).append(
                GoalNode(g.id, g.plan_id, g.code, g.statement, g.sort_order, tuple(by_goal.get(g.id, ())))
            )
        return [
            PlanNode(p.id, p.name, p.start_year, p.end_year, p.vision, p.mission, tuple(by_plan.get(p.id, ())))
            for p in s.scalars(select(StrategicPlan).order_by(StrategicPlan.start_year.desc(), StrategicPlan.id))
        ]


def indicator_targets(db: Database, indicator_id: int, year: int) -> IndicatorTargets:
    """The targets of one indicator for the screen, with the consistency problems of `year`'s quarters."""
    with db.reading() as s:
        indicator = s.get(Indicator, indicator_id)
        if indicator is None:
            raise NotFound("Indikator tidak ditemukan (mungkin sudah dihapus).")
        plan = s.scalars(
            select(StrategicPlan)
            .join(Goal, Goal.plan_id == StrategicPlan.id)
            .join(Objective, Objective.goal_id == Goal.id)
            .where(Objective.id == indicator.objective_id)
        ).one()
        renstra = dict(
            s.execute(
                select(RenstraTarget.year, RenstraTarget.value).where(RenstraTarget.indicator_id == indicator_id)
            ).all()
        )
        row = s.scalars(
            select(YearlyTarget).where(YearlyTarget.indicator_id == indicator_id, YearlyTarget.year == year)
        ).first()
        yearly = None if row is None else Target(row.value, row.value_high)
        quarters: list[Target | None] = [None] * 4
        if row is not None:
            for q in s.scalars(select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id == row.id)):
                if 1 <= q.quarter <= 4:
                    quarters[q.quarter - 1] = Target(q.value, q.value_high)
        locked = s.scalars(
            select(Realisation.quarter).where(
                Realisation.indicator_id == indicator_id,
                Realisation.year == year,
                Realisation.status == Status.APPROVED.value,
            )
        ).all()
        aggregation = Aggregation(indicator.aggregation)
        problems = quarterly_target_problems(yearly, quarters, aggregation) if yearly is not None else []
        return IndicatorTargets(
            indicator_id=indicator.id,
            code=indicator.code,
            name=indicator.name,
            unit=indicator.unit,
            aggregation=aggregation,
            plan_years=tuple(range(plan.start_year, plan.end_year + 1)),
            renstra=renstra,
            year=year,
            yearly=yearly,
            quarterly=tuple(quarters),
            problems=tuple(problems),
            locked_quarters=tuple(sorted(locked)),
            levels=scale_levels(s, indicator.scale_id) if indicator.scale_id else (),
        )
