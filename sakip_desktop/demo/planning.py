"""The demo office's plans, entered by its Kasubag Perencanaan (an administrator) through the planning screens'
operations on the day after the set-up: the Renstra (2021-2026 in the 2025 story) with its tujuan, sasaran,
indicators and Renstra targets, the qualitative scale, the targets of the year per quarter, and the programs,
kegiatan and sub kegiatan with their pagu. The spending of each quarter is entered ten days after the quarter ends,
when that is before the demo's anchor (`demo.timeline.Story`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip_desktop.demo.timeline import ADMINISTRATOR, BASE_ANCHOR, PLANNING_DAY, Story, at, person, wib
from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.ops.base import Actor, Clock
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.budget import ACTIVITY, PROGRAM, SUB_ACTIVITY, save_budget, save_node
from sakip_desktop.ops.planning.budget import NodeInput as BudgetNodeInput
from sakip_desktop.ops.planning.renstra import (
    IndicatorInput,
    NodeInput,
    PlanInput,
    add_goal,
    add_indicator,
    add_objective,
    add_plan,
)
from sakip_desktop.ops.planning.targets import set_renstra_targets, set_year_targets
from sakip_desktop.ops.realisation.qualitative import ScaleInput, add_scale
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class _Days:
    """When the plans are entered in one telling of the story, and the story's present."""

    story: Story

    @property
    def planning(self) -> dt.date:
        return self.story.day(PLANNING_DAY)

    @property
    def renstra(self) -> dt.datetime:
        return wib(self.planning, 9)

    @property
    def targets(self) -> dt.datetime:
        return wib(self.planning, 11)

    @property
    def budget(self) -> dt.datetime:
        return wib(self.planning, 14)


def _renstra(db: Database, admin: Actor, data: dict[str, Any], clock: Clock) -> dict[str, int]:
    """The Renstra, its tujuan and sasaran, and the qualitative scales; returns the sasaran ids by code."""
    plan = data["strategic_plan"]
    mission = "\n".join(plan.get("mission", []))
    entry = PlanInput(plan["name"], plan["start_year"], plan["end_year"], plan.get("vision", ""), mission)
    plan_id = add_plan(db, admin, entry, clock=clock)
    goals = {
        g["code"]: add_goal(db, admin, plan_id, NodeInput(g["code"], g["statement"], order), clock=clock)
        for order, g in enumerate(data["goals"])
    }
    objectives = {
        o["code"]: add_objective(db, admin, goals[o["goal"]], NodeInput(o["code"], o["statement"], order), clock=clock)
        for order, o in enumerate(data["objectives"])
    }
    for sc in data.get("qualitative_scales", []):  # ordered scales, levels lowest first
        add_scale(db, admin, ScaleInput(sc["name"], tuple(sc["levels"]), sc.get("description", "")), clock=clock)
    return objectives


def _indicator_input(i: dict[str, Any], order: int, units: dict[str, int]) -> IndicatorInput:
    return IndicatorInput(
        code=i["code"],
        name=i["name"],
        unit=i["unit"],
        polarity=Polarity(i["polarity"]),
        aggregation=Aggregation(i["aggregation"]),
        definition=i.get("definition", ""),
        formula=i.get("formula", ""),
        data_source=i.get("data_source", ""),
        responsible_unit_id=units[i["responsible_unit"]],
        is_key=bool(i.get("is_key")),
        baseline=Decimal(i["baseline"]) if i.get("baseline") else None,
        sort_order=order,
    )


def _indicators(
    db: Database, admin: Actor, data: dict[str, Any], objectives: dict[str, int], days: _Days
) -> dict[str, int]:
    """The indicators with their Renstra targets, then the targets of each year; returns their ids by code."""
    renstra_at, targets_at = days.renstra, days.targets
    units = {u.code: u.id for u in list_units(db, days.planning)}
    indicators: dict[str, int] = {}
    for order, i in enumerate(data["indicators"]):
        entry = _indicator_input(i, order, units)
        indicators[i["code"]] = add_indicator(db, admin, objectives[i["objective"]], entry, clock=at(renstra_at))
        renstra = {int(year): Decimal(value) for year, value in i.get("renstra_targets", {}).items()}
        if renstra:
            set_renstra_targets(db, admin, indicators[i["code"]], renstra, clock=at(renstra_at))
    for t in data["targets"]:
        quarters = [Target(Decimal(value)) for value in t["quarters"]]
        yearly = Target(Decimal(t["target"]))
        set_year_targets(db, admin, indicators[t["indicator"]], t["year"], yearly, quarters, clock=at(targets_at))
    return indicators


def _budget_tree(
    db: Database, admin: Actor, data: dict[str, Any], objectives: dict[str, int], days: _Days
) -> dict[str, int]:
    """Programs, kegiatan and sub kegiatan; returns the sub kegiatan ids by code."""
    units = {u.code: u.id for u in list_units(db, days.planning)}
    clock = at(days.budget)
    programs = {
        p["code"]: save_node(
            db,
            admin,
            PROGRAM,
            BudgetNodeInput(p["code"], p["name"], objectives.get(p.get("objective") or "")),
            clock=clock,
        )
        for p in data["programs"]
    }
    activities = {
        a["code"]: save_node(
            db, admin, ACTIVITY, BudgetNodeInput(a["code"], a["name"]), parent_id=programs[a["program"]], clock=clock
        )
        for a in data["activities"]
    }
    subs: dict[str, int] = {}
    for sa in data["sub_activities"]:
        node = BudgetNodeInput(sa["code"], sa["name"], units[sa["unit"]] if sa.get("unit") else None)
        subs[sa["code"]] = save_node(db, admin, SUB_ACTIVITY, node, parent_id=activities[sa["activity"]], clock=clock)
    return subs


def _budgets(db: Database, data: dict[str, Any], subs: dict[str, int], days: _Days) -> None:
    """Each sub kegiatan's pagu with the plans, then the spending of each quarter ten days after it ends."""
    budgets = [
        (subs[sa["code"]], b["year"], int(b["ceiling"]), ([int(amount) for amount in b.get("spent", [])] + [0] * 4)[:4])
        for sa in data["sub_activities"]
        for b in sa.get("budgets", [])
    ]
    for quarter in range(5):  # 0: the pagu alone
        for sub_id, year, ceiling, spent in budgets:
            if quarter and not spent[quarter - 1]:
                continue
            moment = _after_quarter(year, quarter) if quarter else days.budget
            if not days.story.happened(moment):
                continue
            so_far = [amount if q <= quarter else 0 for q, amount in enumerate(spent, start=1)]
            admin = person(db, ADMINISTRATOR, moment)
            save_budget(
                db, admin, sub_id, year, ceiling, (so_far[0], so_far[1], so_far[2], so_far[3]), clock=at(moment)
            )


def _after_quarter(year: int, quarter: int) -> dt.datetime:
    """10.00 WIB ten days after `quarter` of `year` ends."""
    return wib(dt.date(year + quarter // 4, quarter * 3 % 12 + 1, 10), 10)


def add_plans(db: Database, data: dict[str, Any], story: Story | None = None) -> dict[str, int]:
    """Write the demo's plans (see the module notes); returns the indicator ids by code."""
    days = _Days(story or Story.of(BASE_ANCHOR))
    admin = person(db, ADMINISTRATOR, days.renstra)
    objectives = _renstra(db, admin, data, at(days.renstra))
    indicators = _indicators(db, admin, data, objectives, days)
    _budgets(db, data, _budget_tree(db, admin, data, objectives, days), days)
    return indicators
