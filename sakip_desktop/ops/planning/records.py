"""The one write road of a Renstra, tujuan, sasaran and indicator, on an open transaction.

The Perencanaan screen's operations (`renstra`) and the planning workbook's import (`importing`) both add and change
these records here, with the rules of `domain.planning` and the checks that need the database: codes unique,
a unit and a scale that exist, ranks of a qualitative indicator. A field is written only when its value changes
(58.20 and 58.2 are the same baseline), so saving a record unchanged leaves no audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.achievement import Aggregation, Polarity
from sakip_desktop.domain.planning import IndicatorInput, NodeInput, PlanInput
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Tx, snapshot
from sakip_desktop.ops.realisation.qualitative import check_rank
from sakip_desktop.storage.models import (
    Goal,
    Indicator,
    Objective,
    QualitativeScale,
    Realisation,
    RenstraTarget,
    StrategicPlan,
    Unit,
    YearlyTarget,
)

PLAN_FIELDS = ("name", "start_year", "end_year", "vision", "mission")
NODE_FIELDS = ("code", "statement", "sort_order")
INDICATOR_FIELDS = (
    "objective_id",
    "code",
    "name",
    "unit",
    "polarity",
    "aggregation",
    "definition",
    "formula",
    "data_source",
    "responsible_unit_id",
    "is_key",
    "scale_id",
    "baseline",
    "sort_order",
    "benchmark",
)

R = TypeVar("R")


def get(session: Session, model: type[R], record_id: int, what: str) -> R:
    """The record, or `NotFound` naming `what`."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"{what} tidak ditemukan (mungkin sudah dihapus).")
    return record


def count(session: Session, model: type[Any], *where: ColumnElement[bool]) -> int:
    """How many records of `model` match."""
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def assign(record: Any, values: Mapping[str, Any]) -> None:
    """Set the fields whose value differs (compared as values: 58.20 and 58.2 are one baseline)."""
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)


def save_record(tx: Tx, entity: str, record: Any, values: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Add `record` (no id yet) or write `values` into it, with its audit entry (none when nothing changed)."""
    fields = tuple(fields)
    if record.id is None:
        assign(record, values)
        tx.session.add(record)
        tx.session.flush()
        tx.audit(entity, record.id, None, snapshot(record, fields))
        return
    old = snapshot(record, fields)
    assign(record, values)
    tx.audit(entity, record.id, old, snapshot(record, fields))


# --- Renstra -------------------------------------------------------------------------------------------------


def put_plan(tx: Tx, plan_id: int | None, data: PlanInput) -> int:
    """Add a Renstra (plan_id None) or change it; the period may not leave out a year that has Renstra targets."""
    s = tx.session
    data = rules.clean_plan(data)
    plan = StrategicPlan() if plan_id is None else get(s, StrategicPlan, plan_id, "Renstra")
    if plan_id is not None:
        _check_targets_within(s, plan_id, data)
    save_record(tx, "strategic_plan", plan, {f: getattr(data, f) for f in PLAN_FIELDS}, PLAN_FIELDS)
    return plan.id


def _check_targets_within(s: Session, plan_id: int, data: PlanInput) -> None:
    outside = s.scalars(
        select(RenstraTarget.year)
        .join(Indicator, Indicator.id == RenstraTarget.indicator_id)
        .join(Objective, Objective.id == Indicator.objective_id)
        .join(Goal, Goal.id == Objective.goal_id)
        .where(Goal.plan_id == plan_id, (RenstraTarget.year < data.start_year) | (RenstraTarget.year > data.end_year))
    ).all()
    if outside:
        years = ", ".join(str(y) for y in sorted(set(outside)))
        raise ValidationError(
            f"Masih ada target Renstra tahun {years} di luar periode baru; hapus targetnya dulu.", field="end_year"
        )


# --- tujuan and sasaran --------------------------------------------------------------------------------------


def put_goal(tx: Tx, plan_id: int, goal_id: int | None, data: NodeInput) -> int:
    """Add a tujuan under a Renstra (goal_id None) or change it; its code unique in the Renstra."""
    s = tx.session
    data = rules.clean_node(data, "tujuan")
    goal = Goal(plan_id=plan_id) if goal_id is None else get(s, Goal, goal_id, "Tujuan")
    if goal_id is None:
        get(s, StrategicPlan, plan_id, "Renstra")
    clash = count(
        s, Goal, Goal.plan_id == goal.plan_id, func.lower(Goal.code) == data.code.lower(), Goal.id != (goal_id or 0)
    )
    if clash:
        raise ValidationError(f"Kode tujuan {data.code} sudah dipakai di Renstra ini.", field="code")
    save_record(tx, "goal", goal, {f: getattr(data, f) for f in NODE_FIELDS}, ("plan_id", *NODE_FIELDS))
    return goal.id


def put_objective(tx: Tx, goal_id: int | None, objective_id: int | None, data: NodeInput) -> int:
    """Add a sasaran under a tujuan (objective_id None) or change it (goal_id None: under the same tujuan);
    its code unique in the Renstra."""
    s = tx.session
    data = rules.clean_node(data, "sasaran")
    objective = Objective() if objective_id is None else get(s, Objective, objective_id, "Sasaran")
    goal = get(s, Goal, goal_id if goal_id is not None else objective.goal_id, "Tujuan")
    clash = s.scalar(
        select(Objective.id)
        .join(Goal, Goal.id == Objective.goal_id)
        .where(
            Goal.plan_id == goal.plan_id,
            func.lower(Objective.code) == data.code.lower(),
            Objective.id != (objective_id or 0),
        )
    )
    if clash:
        raise ValidationError(f"Kode sasaran {data.code} sudah dipakai di Renstra ini.", field="code")
    values = {"goal_id": goal.id, **{f: getattr(data, f) for f in NODE_FIELDS}}
    save_record(tx, "objective", objective, values, values)
    return objective.id


# --- indicators ----------------------------------------------------------------------------------------------


def clean_indicator(s: Session, data: IndicatorInput, indicator_id: int | None) -> IndicatorInput:
    """`domain.planning.clean_indicator` and what needs the database: a code no other indicator has, a unit and
    a scale that exist."""
    data = rules.clean_indicator(data)
    clash = s.scalar(
        select(Indicator.name).where(func.upper(Indicator.code) == data.code, Indicator.id != (indicator_id or 0))
    )
    if clash:
        raise ValidationError(f"Kode indikator {data.code} sudah dipakai oleh '{clash}'.", field="code")
    if data.responsible_unit_id is not None and s.get(Unit, data.responsible_unit_id) is None:
        raise ValidationError("Unit penanggung jawab tidak ditemukan.", field="responsible_unit_id")
    if data.scale_id is not None and s.get(QualitativeScale, data.scale_id) is None:
        raise ValidationError("Skala kualitatif tidak ditemukan.", field="scale_id")
    return data


def _indicator_values(data: IndicatorInput) -> dict[str, Any]:
    values = {f: getattr(data, f) for f in INDICATOR_FIELDS[1:]}
    for f in ("polarity", "aggregation"):
        value = values[f]
        values[f] = value.value if isinstance(value, Polarity | Aggregation) else value
    if values["benchmark"] is None:  # not given (e.g. the planning workbook): the stored benchmark stays
        del values["benchmark"]
    return values


def _check_scale_change(s: Session, indicator: Indicator, scale_id: int | None) -> None:
    """An indicator's scale may change only while it has no targets or realisasi: they would mean something else."""
    if indicator.id is None or scale_id == indicator.scale_id:
        return
    values = (
        count(s, RenstraTarget, RenstraTarget.indicator_id == indicator.id)
        + count(s, YearlyTarget, YearlyTarget.indicator_id == indicator.id)
        + count(s, Realisation, Realisation.indicator_id == indicator.id)
    )
    if values:
        raise ValidationError(
            f"Skala indikator {indicator.code} tidak dapat diubah karena sudah ada target atau realisasinya "
            "(nilai yang tersimpan akan berubah arti).",
            field="scale_id",
        )


def put_indicator(tx: Tx, objective_id: int | None, indicator_id: int | None, data: IndicatorInput) -> int:
    """Add an indicator under a sasaran (indicator_id None) or change it (objective_id None: under the same
    sasaran, else moved there)."""
    s = tx.session
    if indicator_id is None and objective_id is None:
        raise NotFound("Sasaran tidak ditemukan (mungkin sudah dihapus).")
    indicator = Indicator() if indicator_id is None else get(s, Indicator, indicator_id, "Indikator")
    data = clean_indicator(s, data, indicator_id)
    if objective_id is not None:
        get(s, Objective, objective_id, "Sasaran")
    _check_scale_change(s, indicator, data.scale_id)
    # the baseline of a qualitative indicator is a rank of its (new) scale
    check_rank(s, Indicator(code=data.code, scale_id=data.scale_id), data.baseline, "Baseline", "baseline")
    values = _indicator_values(data)
    if objective_id is not None:
        values["objective_id"] = objective_id
    save_record(tx, "indicator", indicator, values, INDICATOR_FIELDS)
    return indicator.id


__all__ = [
    "INDICATOR_FIELDS",
    "NODE_FIELDS",
    "PLAN_FIELDS",
    "assign",
    "clean_indicator",
    "count",
    "get",
    "put_goal",
    "put_indicator",
    "put_objective",
    "put_plan",
    "save_record",
]
