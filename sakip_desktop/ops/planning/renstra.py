"""The Renstra as the Kasubag Perencanaan maintains it: plan, tujuan, sasaran and indicators (IKU).

Named operations for the Kasubag Perencanaan and the administrator; each writes in one transaction and leaves
an audit entry. They add and change records through `records` (the road the planning workbook's import takes
too), with the rules of `domain.planning`. Targets are in `targets`, read views in `views`.
"""

from __future__ import annotations

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.planning import MAX_PLAN_YEARS, IndicatorInput, NodeInput, PlanInput
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.ops.planning.records import (
    INDICATOR_FIELDS,
    NODE_FIELDS,
    PLAN_FIELDS,
    count,
    get,
    put_goal,
    put_indicator,
    put_objective,
    put_plan,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementTarget,
    Goal,
    Indicator,
    Objective,
    Program,
    Realisation,
    StrategicPlan,
)

# --- Renstra -------------------------------------------------------------------------------------------------


def add_plan(db: Database, actor: Actor, data: PlanInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah Renstra'; returns the new plan's id."""
    with write(db, actor, Op.PLAN_ADD, clock=clock) as tx:
        return put_plan(tx, None, data)


def update_plan(db: Database, actor: Actor, plan_id: int, data: PlanInput) -> None:
    """Operation 'Ubah Renstra'; the period may not shrink past a year that has Renstra targets."""
    with write(db, actor, Op.PLAN_UPDATE) as tx:
        put_plan(tx, plan_id, data)


def delete_plan(db: Database, actor: Actor, plan_id: int) -> None:
    """Operation 'Hapus Renstra': only a plan without tujuan and programs."""
    with write(db, actor, Op.PLAN_DELETE) as tx:
        s = tx.session
        plan = get(s, StrategicPlan, plan_id, "Renstra")
        used = [
            f"{n} {label}"
            for label, n in (
                ("tujuan", count(s, Goal, Goal.plan_id == plan_id)),
                ("program", count(s, Program, Program.plan_id == plan_id)),
            )
            if n
        ]
        if used:
            raise ValidationError(
                f"Renstra '{plan.name}' tidak dapat dihapus karena masih berisi {' dan '.join(used)}."
            )
        tx.audit("strategic_plan", plan.id, snapshot(plan, PLAN_FIELDS), None)
        s.delete(plan)


# --- tujuan and sasaran --------------------------------------------------------------------------------------


def add_goal(db: Database, actor: Actor, plan_id: int, data: NodeInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah tujuan' under a Renstra; returns the new tujuan's id."""
    with write(db, actor, Op.GOAL_ADD, clock=clock) as tx:
        return put_goal(tx, plan_id, None, data)


def update_goal(db: Database, actor: Actor, goal_id: int, data: NodeInput) -> None:
    """Operation 'Ubah tujuan'."""
    with write(db, actor, Op.GOAL_UPDATE) as tx:
        goal = get(tx.session, Goal, goal_id, "Tujuan")
        put_goal(tx, goal.plan_id, goal_id, data)


def delete_goal(db: Database, actor: Actor, goal_id: int) -> None:
    """Operation 'Hapus tujuan': only a tujuan without sasaran."""
    with write(db, actor, Op.GOAL_DELETE) as tx:
        s = tx.session
        goal = get(s, Goal, goal_id, "Tujuan")
        if n := count(s, Objective, Objective.goal_id == goal_id):
            raise ValidationError(
                f"Tujuan {goal.code} tidak dapat dihapus karena masih memiliki {n} sasaran; hapus atau pindahkan dulu."
            )
        tx.audit("goal", goal.id, snapshot(goal, NODE_FIELDS), None)
        s.delete(goal)


def add_objective(db: Database, actor: Actor, goal_id: int, data: NodeInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah sasaran' under a tujuan; returns the new sasaran's id."""
    with write(db, actor, Op.OBJECTIVE_ADD, clock=clock) as tx:
        return put_objective(tx, goal_id, None, data)


def update_objective(db: Database, actor: Actor, objective_id: int, data: NodeInput) -> None:
    """Operation 'Ubah sasaran'."""
    with write(db, actor, Op.OBJECTIVE_UPDATE) as tx:
        put_objective(tx, None, objective_id, data)


def delete_objective(db: Database, actor: Actor, objective_id: int) -> None:
    """Operation 'Hapus sasaran': only a sasaran without indicators."""
    with write(db, actor, Op.OBJECTIVE_DELETE) as tx:
        s = tx.session
        objective = get(s, Objective, objective_id, "Sasaran")
        if n := count(s, Indicator, Indicator.objective_id == objective_id):
            raise ValidationError(
                f"Sasaran {objective.code} tidak dapat dihapus karena masih memiliki {n} indikator kinerja; "
                "hapus atau pindahkan indikatornya dulu."
            )
        tx.audit("objective", objective.id, snapshot(objective, NODE_FIELDS), None)
        s.delete(objective)


# --- indicators ----------------------------------------------------------------------------------------------


def add_indicator(db: Database, actor: Actor, objective_id: int, data: IndicatorInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah indikator kinerja' under a sasaran; returns the new indicator's id."""
    with write(db, actor, Op.INDICATOR_ADD, clock=clock) as tx:
        return put_indicator(tx, objective_id, None, data)


def update_indicator(
    db: Database, actor: Actor, indicator_id: int, data: IndicatorInput, *, objective_id: int | None = None
) -> None:
    """Operation 'Ubah indikator kinerja' (optionally moving it to another sasaran).

    Its scale may change only while it has no targets or realisasi: stored values would mean something else.
    """
    with write(db, actor, Op.INDICATOR_UPDATE) as tx:
        put_indicator(tx, objective_id, indicator_id, data)


def delete_indicator(db: Database, actor: Actor, indicator_id: int) -> None:
    """Operation 'Hapus indikator kinerja': refused once it has realisasi or stands in a Perjanjian Kinerja."""
    with write(db, actor, Op.INDICATOR_DELETE) as tx:
        s = tx.session
        indicator = get(s, Indicator, indicator_id, "Indikator")
        if n := count(s, Realisation, Realisation.indicator_id == indicator_id):
            raise ValidationError(
                f"Indikator {indicator.code} tidak dapat dihapus karena sudah memiliki {n} data realisasi. "
                "Data kinerja yang sudah dilaporkan harus tetap dapat dibaca."
            )
        if n := count(s, AgreementTarget, AgreementTarget.indicator_id == indicator_id):
            raise ValidationError(
                f"Indikator {indicator.code} tidak dapat dihapus karena tercantum dalam {n} Perjanjian Kinerja."
            )
        tx.audit("indicator", indicator.id, snapshot(indicator, INDICATOR_FIELDS), None)
        s.delete(indicator)  # its Renstra, yearly and quarterly targets go with it (ON DELETE CASCADE)


__all__ = [
    "INDICATOR_FIELDS",
    "MAX_PLAN_YEARS",
    "NODE_FIELDS",
    "PLAN_FIELDS",
    "IndicatorInput",
    "NodeInput",
    "PlanInput",
    "add_goal",
    "add_indicator",
    "add_objective",
    "add_plan",
    "delete_goal",
    "delete_indicator",
    "delete_objective",
    "delete_plan",
    "update_goal",
    "update_indicator",
    "update_objective",
    "update_plan",
]
