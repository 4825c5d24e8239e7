"""The Renstra as the Kasubag Perencanaan maintains it: plan, tujuan, sasaran and indicators (IKU).

Named operations for the Kasubag Perencanaan and the administrator; each writes in one transaction and leaves
an audit entry. Targets are in `planning_targets`, read views in `planning_views`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Aggregation, Polarity
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, snapshot, write
from sakip_desktop.ops.realisation.common import check_amount
from sakip_desktop.ops.realisation.qualitative import check_rank
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementTarget,
    Goal,
    Indicator,
    Objective,
    Program,
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
)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
MAX_PLAN_YEARS = 10


@dataclass(frozen=True)
class PlanInput:
    """A Renstra: its name, period and visi/misi (one misi per line)."""

    name: str
    start_year: int
    end_year: int
    vision: str = ""
    mission: str = ""


@dataclass(frozen=True)
class NodeInput:
    """A tujuan or a sasaran: its code (T1, S1) and statement."""

    code: str
    statement: str
    sort_order: int = 0


@dataclass(frozen=True)
class IndicatorInput:
    """An indicator as typed in its form."""

    code: str
    name: str
    unit: str
    polarity: Polarity = Polarity.POSITIVE
    aggregation: Aggregation = Aggregation.CUMULATIVE
    definition: str = ""
    formula: str = ""
    data_source: str = ""
    responsible_unit_id: int | None = None
    is_key: bool = False
    scale_id: int | None = None
    baseline: Decimal | None = None
    sort_order: int = 0


def _get(session: Session, model, record_id: int, what: str):
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"{what} tidak ditemukan (mungkin sudah dihapus).")
    return record


def _count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- Renstra -------------------------------------------------------------------------------------------------


def _clean_plan(data: PlanInput) -> PlanInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("Nama Renstra wajib diisi.", field="name")
    for value, field in ((data.start_year, "start_year"), (data.end_year, "end_year")):
        if not 2000 <= value <= 2100:
            raise ValidationError(f"Tahun {value} tidak masuk akal.", field=field)
    if data.end_year < data.start_year:
        raise ValidationError("Tahun akhir Renstra tidak boleh sebelum tahun awalnya.", field="end_year")
    if data.end_year - data.start_year + 1 > MAX_PLAN_YEARS:
        raise ValidationError(f"Periode Renstra paling lama {MAX_PLAN_YEARS} tahun.", field="end_year")
    mission = "\n".join(line.strip() for line in data.mission.splitlines() if line.strip())
    return PlanInput(name, data.start_year, data.end_year, data.vision.strip(), mission)


def add_plan(db: Database, actor: Actor, data: PlanInput) -> int:
    """Operation 'Tambah Renstra'; returns the new plan's id."""
    with write(db, actor, Op.PLAN_ADD) as tx:
        data = _clean_plan(data)
        plan = StrategicPlan(**{f: getattr(data, f) for f in PLAN_FIELDS})
        tx.session.add(plan)
        tx.session.flush()
        tx.audit("strategic_plan", plan.id, None, snapshot(plan, PLAN_FIELDS))
        return plan.id


def update_plan(db: Database, actor: Actor, plan_id: int, data: PlanInput) -> None:
    """Operation 'Ubah Renstra'; the period may not shrink past a year that has Renstra targets."""
    with write(db, actor, Op.PLAN_UPDATE) as tx:
        s = tx.session
        plan = _get(s, StrategicPlan, plan_id, "Renstra")
        data = _clean_plan(data)
        outside = s.scalars(
            select(RenstraTarget.year)
            .join(Indicator, Indicator.id == RenstraTarget.indicator_id)
            .join(Objective, Objective.id == Indicator.objective_id)
            .join(Goal, Goal.id == Objective.goal_id)
            .where(
                Goal.plan_id == plan_id, (RenstraTarget.year < data.start_year) | (RenstraTarget.year > data.end_year)
            )
        ).all()
        if outside:
            years = ", ".join(str(y) for y in sorted(set(outside)))
            raise ValidationError(
                f"Masih ada target Renstra tahun {years} di luar periode baru; hapus targetnya dulu.", field="end_year"
            )
        old = snapshot(plan, PLAN_FIELDS)
        for f in PLAN_FIELDS:
            setattr(plan, f, getattr(data, f))
        tx.audit("strategic_plan", plan.id, old, snapshot(plan, PLAN_FIELDS))


def delete_plan(db: Database, actor: Actor, plan_id: int) -> None:
    """Operation 'Hapus Renstra': only a plan without tujuan and programs."""
    with write(db, actor, Op.PLAN_DELETE) as tx:
        s = tx.session
        plan = _get(s, StrategicPlan, plan_id, "Renstra")
        used = [
            f"{n} {label}"
            for label, model, where in (("tujuan", Goal, Goal.plan_id), ("program", Program, Program.plan_id))
            if (n := _count(s, model, where == plan_id))
        ]
        if used:
            raise ValidationError(
                f"Renstra '{plan.name}' tidak dapat dihapus karena masih berisi {' dan '.join(used)}."
            )
        tx.audit("strategic_plan", plan.id, snapshot(plan, PLAN_FIELDS), None)
        s.delete(plan)


# --- tujuan and sasaran --------------------------------------------------------------------------------------


def _clean_node(data: NodeInput, what: str) -> NodeInput:
    code = data.code.strip()
    if not _CODE.fullmatch(code):
        raise ValidationError(
            f"Kode {what} wajib diisi: huruf dan angka (boleh titik atau tanda hubung), paling banyak 20.", field="code"
        )
    statement = " ".join(data.statement.split())
    if not statement:
        raise ValidationError(f"Rumusan {what} wajib diisi.", field="statement")
    return NodeInput(code, statement, data.sort_order)


def _plan_of_objective_codes(session: Session, plan_id: int, code: str, exclude: int | None) -> bool:
    return bool(
        session.scalar(
            select(Objective.id)
            .join(Goal, Goal.id == Objective.goal_id)
            .where(Goal.plan_id == plan_id, func.lower(Objective.code) == code.lower(), Objective.id != (exclude or 0))
        )
    )


def add_goal(db: Database, actor: Actor, plan_id: int, data: NodeInput) -> int:
    """Operation 'Tambah tujuan' under a Renstra; returns the new tujuan's id."""
    with write(db, actor, Op.GOAL_ADD) as tx:
        s = tx.session
        _get(s, StrategicPlan, plan_id, "Renstra")
        data = _clean_node(data, "tujuan")
        if _count(s, Goal, Goal.plan_id == plan_id, func.lower(Goal.code) == data.code.lower()):
            raise ValidationError(f"Kode tujuan {data.code} sudah dipakai di Renstra ini.", field="code")
        goal = Goal(plan_id=plan_id, code=data.code, statement=data.statement, sort_order=data.sort_order)
        s.add(goal)
        s.flush()
        tx.audit("goal", goal.id, None, {"plan_id": plan_id, **snapshot(goal, NODE_FIELDS)})
        return goal.id


def update_goal(db: Database, actor: Actor, goal_id: int, data: NodeInput) -> None:
    """Operation 'Ubah tujuan'."""
    with write(db, actor, Op.GOAL_UPDATE) as tx:
        s = tx.session
        goal = _get(s, Goal, goal_id, "Tujuan")
        data = _clean_node(data, "tujuan")
        if _count(
            s, Goal, Goal.plan_id == goal.plan_id, func.lower(Goal.code) == data.code.lower(), Goal.id != goal_id
        ):
            raise ValidationError(f"Kode tujuan {data.code} sudah dipakai di Renstra ini.", field="code")
        old = snapshot(goal, NODE_FIELDS)
        goal.code, goal.statement, goal.sort_order = data.code, data.statement, data.sort_order
        tx.audit("goal", goal.id, old, snapshot(goal, NODE_FIELDS))


def delete_goal(db: Database, actor: Actor, goal_id: int) -> None:
    """Operation 'Hapus tujuan': only a tujuan without sasaran."""
    with write(db, actor, Op.GOAL_DELETE) as tx:
        s = tx.session
        goal = _get(s, Goal, goal_id, "Tujuan")
        if n := _count(s, Objective, Objective.goal_id == goal_id):
            raise ValidationError(
                f"Tujuan {goal.code} tidak dapat dihapus karena masih memiliki {n} sasaran; hapus atau pindahkan dulu."
            )
        tx.audit("goal", goal.id, snapshot(goal, NODE_FIELDS), None)
        s.delete(goal)


def add_objective(db: Database, actor: Actor, goal_id: int, data: NodeInput) -> int:
    """Operation 'Tambah sasaran' under a tujuan; returns the new sasaran's id."""
    with write(db, actor, Op.OBJECTIVE_ADD) as tx:
        s = tx.session
        goal = _get(s, Goal, goal_id, "Tujuan")
        data = _clean_node(data, "sasaran")
        if _plan_of_objective_codes(s, goal.plan_id, data.code, None):
            raise ValidationError(f"Kode sasaran {data.code} sudah dipakai di Renstra ini.", field="code")
        objective = Objective(goal_id=goal_id, code=data.code, statement=data.statement, sort_order=data.sort_order)
        s.add(objective)
        s.flush()
        tx.audit("objective", objective.id, None, {"goal_id": goal_id, **snapshot(objective, NODE_FIELDS)})
        return objective.id


def update_objective(db: Database, actor: Actor, objective_id: int, data: NodeInput) -> None:
    """Operation 'Ubah sasaran'."""
    with write(db, actor, Op.OBJECTIVE_UPDATE) as tx:
        s = tx.session
        objective = _get(s, Objective, objective_id, "Sasaran")
        data = _clean_node(data, "sasaran")
        plan_id = _get(s, Goal, objective.goal_id, "Tujuan").plan_id
        if _plan_of_objective_codes(s, plan_id, data.code, objective_id):
            raise ValidationError(f"Kode sasaran {data.code} sudah dipakai di Renstra ini.", field="code")
        old = snapshot(objective, NODE_FIELDS)
        objective.code, objective.statement, objective.sort_order = data.code, data.statement, data.sort_order
        tx.audit("objective", objective.id, old, snapshot(objective, NODE_FIELDS))


def delete_objective(db: Database, actor: Actor, objective_id: int) -> None:
    """Operation 'Hapus sasaran': only a sasaran without indicators."""
    with write(db, actor, Op.OBJECTIVE_DELETE) as tx:
        s = tx.session
        objective = _get(s, Objective, objective_id, "Sasaran")
        if n := _count(s, Indicator, Indicator.objective_id == objective_id):
            raise ValidationError(
                f"Sasaran {objective.code} tidak dapat dihapus karena masih memiliki {n} indikator kinerja; "
                "hapus atau pindahkan indikatornya dulu."
            )
        tx.audit("objective", objective.id, snapshot(objective, NODE_FIELDS), None)
        s.delete(objective)


# --- indicators ----------------------------------------------------------------------------------------------


def _clean_indicator(s: Session, data: IndicatorInput, indicator_id: int | None) -> IndicatorInput:
    code = data.code.strip().upper()
    if not _CODE.fullmatch(code):
        raise ValidationError(
            "Kode indikator wajib diisi: huruf dan angka (boleh titik atau tanda hubung), paling banyak 20.",
            field="code",
        )
    clash = s.scalar(
        select(Indicator.name).where(func.upper(Indicator.code) == code, Indicator.id != (indicator_id or 0))
    )
    if clash:
        raise ValidationError(f"Kode indikator {code} sudah dipakai oleh '{clash}'.", field="code")
    name = " ".join(data.name.split())
    if not name:
        raise ValidationError("Nama indikator wajib diisi.", field="name")
    unit = data.unit.strip()
    if not unit:
        raise ValidationError("Satuan wajib diisi (mis. %, dokumen, desa, nilai).", field="unit")
    if len(unit) > 40:
        raise ValidationError("Satuan paling panjang 40 karakter.", field="unit")
    polarity, aggregation = Polarity(data.polarity), Aggregation(data.aggregation)
    if data.responsible_unit_id is not None and s.get(Unit, data.responsible_unit_id) is None:
        raise ValidationError("Unit penanggung jawab tidak ditemukan.", field="responsible_unit_id")
    if data.scale_id is not None:
        if s.get(QualitativeScale, data.scale_id) is None:
            raise ValidationError("Skala kualitatif tidak ditemukan.", field="scale_id")
        if polarity is not Polarity.POSITIVE:
            raise ValidationError(
                "Indikator kualitatif berpolaritas positif: tingkat yang lebih tinggi lebih baik.", field="polarity"
            )
        if aggregation is Aggregation.CUMULATIVE:
            raise ValidationError(
                "Tingkat kualitatif tidak dapat dijumlahkan; pilih 'Nilai akhir' untuk indikator kualitatif.",
                field="aggregation",
            )
    baseline = check_amount(data.baseline, "Baseline", "baseline")
    texts = {f: getattr(data, f).strip() for f in ("definition", "formula", "data_source")}
    return IndicatorInput(
        code=code,
        name=name,
        unit=unit,
        polarity=polarity,
        aggregation=aggregation,
        responsible_unit_id=data.responsible_unit_id,
        is_key=bool(data.is_key),
        scale_id=data.scale_id,
        baseline=baseline,
        sort_order=data.sort_order,
        **texts,
    )


def _apply(indicator: Indicator, data: IndicatorInput) -> None:
    for f in INDICATOR_FIELDS[1:]:
        value = getattr(data, f)
        setattr(indicator, f, value.value if isinstance(value, Polarity | Aggregation) else value)


def add_indicator(db: Database, actor: Actor, objective_id: int, data: IndicatorInput) -> int:
    """Operation 'Tambah indikator kinerja' under a sasaran; returns the new indicator's id."""
    with write(db, actor, Op.INDICATOR_ADD) as tx:
        s = tx.session
        _get(s, Objective, objective_id, "Sasaran")
        data = _clean_indicator(s, data, None)
        indicator = Indicator(objective_id=objective_id)
        _apply(indicator, data)
        check_rank(s, indicator, data.baseline, "Baseline", "baseline")
        s.add(indicator)
        s.flush()
        tx.audit("indicator", indicator.id, None, snapshot(indicator, INDICATOR_FIELDS))
        return indicator.id


def update_indicator(
    db: Database, actor: Actor, indicator_id: int, data: IndicatorInput, *, objective_id: int | None = None
) -> None:
    """Operation 'Ubah indikator kinerja' (optionally moving it to another sasaran).

    Its scale may change only while it has no targets or realisasi: stored values would mean something else.
    """
    with write(db, actor, Op.INDICATOR_UPDATE) as tx:
        s = tx.session
        indicator = _get(s, Indicator, indicator_id, "Indikator")
        data = _clean_indicator(s, data, indicator_id)
        if objective_id is not None:
            _get(s, Objective, objective_id, "Sasaran")
        if data.scale_id != indicator.scale_id:
            values = (
                _count(s, RenstraTarget, RenstraTarget.indicator_id == indicator_id)
                + _count(s, YearlyTarget, YearlyTarget.indicator_id == indicator_id)
                + _count(s, Realisation, Realisation.indicator_id == indicator_id)
            )
            if values:
                raise ValidationError(
                    f"Skala indikator {indicator.code} tidak dapat diubah karena sudah ada target atau realisasinya "
                    "(nilai yang tersimpan akan berubah arti).",
                    field="scale_id",
                )
        old = snapshot(indicator, INDICATOR_FIELDS)
        _apply(indicator, data)
        if objective_id is not None:
            indicator.objective_id = objective_id
        check_rank(s, indicator, data.baseline, "Baseline", "baseline")
        tx.audit("indicator", indicator.id, old, snapshot(indicator, INDICATOR_FIELDS))


def delete_indicator(db: Database, actor: Actor, indicator_id: int) -> None:
    """Operation 'Hapus indikator kinerja': refused once it has realisasi or stands in a Perjanjian Kinerja."""
    with write(db, actor, Op.INDICATOR_DELETE) as tx:
        s = tx.session
        indicator = _get(s, Indicator, indicator_id, "Indikator")
        if n := _count(s, Realisation, Realisation.indicator_id == indicator_id):
            raise ValidationError(
                f"Indikator {indicator.code} tidak dapat dihapus karena sudah memiliki {n} data realisasi. "
                "Data kinerja yang sudah dilaporkan harus tetap dapat dibaca."
            )
        if n := _count(s, AgreementTarget, AgreementTarget.indicator_id == indicator_id):
            raise ValidationError(
                f"Indikator {indicator.code} tidak dapat dihapus karena tercantum dalam {n} Perjanjian Kinerja."
            )
        tx.audit("indicator", indicator.id, snapshot(indicator, INDICATOR_FIELDS), None)
        s.delete(indicator)  # its Renstra, yearly and quarterly targets go with it (ON DELETE CASCADE)
