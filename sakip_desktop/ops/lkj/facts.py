"""What the LKj reads beside measurement (`ops.lkj.data`): the Renstra the year belongs to (vision, missions,
goals, each indicator's last target and baseline), the narratives the Kasi entered with each realisasi
(analysis 5), the goal of each sasaran and the kegiatan of each program."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.ops.lkj.pk import program_activities
from sakip_desktop.storage.models import Goal, Indicator, Objective, Realisation, RenstraTarget, StrategicPlan


@dataclass(frozen=True)
class Cause:
    """What a Kasi wrote with one quarter's realisasi."""

    quarter: int
    supporting: str
    inhibiting: str
    follow_up: str


@dataclass(frozen=True)
class PlanInfo:
    """The Renstra the year belongs to."""

    name: str
    start_year: int
    end_year: int
    vision: str
    missions: tuple[str, ...]
    goals: tuple[tuple[str, str], ...]  # (code, statement)


def _plan(session: Session, year: int) -> StrategicPlan | None:
    plans = session.scalars(select(StrategicPlan).order_by(StrategicPlan.start_year)).all()
    chosen = [p for p in plans if p.start_year <= year <= p.end_year] or list(plans)
    return chosen[-1] if chosen else None


def _causes(session: Session, year: int) -> dict[int, list[Cause]]:
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


def _renstra(
    session: Session, end_year: int | None
) -> tuple[dict[int, tuple[int, Decimal]], dict[int, Decimal | None]]:
    """Per indicator: (year, value) of its last Renstra target up to the plan's end; and its baseline."""
    finals: dict[int, tuple[int, Decimal]] = {}
    for ind, year, value in session.execute(
        select(RenstraTarget.indicator_id, RenstraTarget.year, RenstraTarget.value).order_by(RenstraTarget.year)
    ):
        if end_year is None or year <= end_year:
            finals[ind] = (year, value)
    baselines = {i: value for i, value in session.execute(select(Indicator.id, Indicator.baseline))}
    return finals, baselines


@dataclass(frozen=True)
class Facts:
    """What the LKj reads beside measurement: the Renstra, the Kasi's narratives, goals and kegiatan."""

    plan: PlanInfo | None
    finals: dict[int, tuple[int, Decimal]]  # indicator -> (year, value) of its last Renstra target
    baselines: dict[int, Decimal | None]
    causes: dict[int, list[Cause]]
    goal_of: dict[int, str]  # objective id -> its goal's statement
    activities: dict[str, list[tuple[str, set[str]]]]  # program code -> its kegiatan (name, sub kegiatan codes)


def _plan_info(session: Session, plan: StrategicPlan | None) -> PlanInfo | None:
    if plan is None:
        return None
    plan_goals = session.execute(
        select(Goal.code, Goal.statement).where(Goal.plan_id == plan.id).order_by(Goal.sort_order, Goal.code)
    ).all()
    missions = tuple(m.strip() for m in plan.mission.splitlines() if m.strip())
    goals = tuple((c, t) for c, t in plan_goals)
    return PlanInfo(plan.name, plan.start_year, plan.end_year, plan.vision, missions, goals)


def read_facts(session: Session, year: int) -> Facts:
    """The facts of `year`, read in the LKj's one session."""
    plan = _plan(session, year)
    finals, baselines = _renstra(session, plan.end_year if plan else None)
    goals = session.execute(select(Goal.statement, Objective.id).join(Objective, Objective.goal_id == Goal.id))
    activities = program_activities(session)
    goal_of = {oid: statement for statement, oid in goals}
    return Facts(_plan_info(session, plan), finals, baselines, _causes(session, year), goal_of, activities)
