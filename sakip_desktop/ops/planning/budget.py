"""Programs, kegiatan and sub kegiatan of the office, the pagu of a year and realisasi anggaran per quarter.

The tree view (`budget_tree`) gives every level its pagu, spending per TW and serapan; the operations add,
change and remove the levels (`put_node`, the road the planning workbook's import takes too) and store a sub
kegiatan's pagu and spending (`funds.put_budgets`, never above the pagu).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain import formats
from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.achievement import absorption
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.planning.funds import BudgetInput, checked_amounts, put_budget, put_budgets
from sakip_desktop.ops.planning.records import assign
from sakip_desktop.ops.planning.stored import current_plan_id
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Activity,
    Budget,
    BudgetSpending,
    Goal,
    Objective,
    Program,
    SubActivity,
    Unit,
)

PROGRAM, ACTIVITY, SUB_ACTIVITY = 0, 1, 2
LEVEL_LABELS = ("Program", "Kegiatan", "Sub kegiatan")
_MODELS: tuple[type[Program] | type[Activity] | type[SubActivity], ...] = (Program, Activity, SubActivity)
_SAVE_OPS = (Op.PROGRAM_SAVE, Op.ACTIVITY_SAVE, Op.SUB_ACTIVITY_SAVE)
_DELETE_OPS = (Op.PROGRAM_DELETE, Op.ACTIVITY_DELETE, Op.SUB_ACTIVITY_DELETE)


@dataclass(frozen=True)
class BudgetNode:
    """A program, kegiatan or sub kegiatan with its pagu and spending in one year (sums for the upper levels)."""

    level: int  # PROGRAM, ACTIVITY, SUB_ACTIVITY
    id: int
    parent_id: int | None
    code: str
    name: str
    link_id: int | None  # the sasaran of a program, the unit of a sub kegiatan
    link_name: str
    ceiling: int | None  # None: no pagu this year
    spent: tuple[int, int, int, int]  # TW I..IV

    @property
    def spent_total(self) -> int:
        """Realisasi anggaran TW I–IV."""
        return sum(self.spent)

    @property
    def absorption(self) -> Decimal | None:
        """Serapan (%) of the pagu; None without a pagu."""
        return absorption(self.spent_total, self.ceiling) if self.ceiling else None


@dataclass(frozen=True)
class Choice:
    """A sasaran or unit to choose from."""

    id: int
    label: str


@dataclass(frozen=True)
class NodeInput:
    """What a person enters for a program / kegiatan / sub kegiatan."""

    code: str
    name: str
    link_id: int | None = None  # sasaran (program) or unit (sub kegiatan)


def budget_tree(db: Database, year: int) -> list[BudgetNode]:
    """Every program, its kegiatan and their sub kegiatan in tree order, with pagu and spending of `year`."""
    with db.reading() as s:
        objectives = {o.id: f"{o.code} {o.statement}" for o in s.scalars(select(Objective))}
        units = {u.id: u.name for u in s.scalars(select(Unit))}
        budgets = {b.sub_activity_id: b for b in s.scalars(select(Budget).where(Budget.year == year))}
        spent: dict[int, list[int]] = {}
        for row in s.scalars(
            select(BudgetSpending).join(Budget, Budget.id == BudgetSpending.budget_id).where(Budget.year == year)
        ):
            spent.setdefault(row.budget_id, [0, 0, 0, 0])[row.quarter - 1] = row.amount
        subs: dict[int, list[BudgetNode]] = {}
        for x in s.scalars(select(SubActivity).order_by(SubActivity.code)):
            b = budgets.get(x.id)
            subs.setdefault(x.activity_id, []).append(
                BudgetNode(
                    SUB_ACTIVITY,
                    x.id,
                    x.activity_id,
                    x.code,
                    x.name,
                    x.unit_id,
                    units.get(x.unit_id, "") if x.unit_id is not None else "",
                    b.ceiling if b else None,
                    _four(spent.get(b.id, [0] * 4)) if b else (0, 0, 0, 0),
                )
            )
        activities: dict[int, list[tuple[Activity, list[BudgetNode]]]] = {}
        for a in s.scalars(select(Activity).order_by(Activity.code)):
            activities.setdefault(a.program_id, []).append((a, subs.get(a.id, [])))
        out: list[BudgetNode] = []
        for p in s.scalars(select(Program).order_by(Program.code)):
            children = activities.get(p.id, [])
            all_subs = [n for _a, ns in children for n in ns]
            out.append(
                _sum_node(
                    (PROGRAM, p.id, None, p.code, p.name),
                    p.objective_id,
                    objectives.get(p.objective_id, "") if p.objective_id is not None else "",
                    all_subs,
                )
            )
            for a, nodes in children:
                out.append(_sum_node((ACTIVITY, a.id, p.id, a.code, a.name), None, "", nodes))
                out.extend(nodes)
        return out


def _four(values: list[int]) -> tuple[int, int, int, int]:
    return values[0], values[1], values[2], values[3]


def _sum_node(
    node: tuple[int, int, int | None, str, str], link_id: int | None, link_name: str, subs: list[BudgetNode]
) -> BudgetNode:
    """A program or kegiatan (level, id, parent id, code, name) with the sums of its sub kegiatan."""
    ceilings = [n.ceiling for n in subs if n.ceiling is not None]
    spent = _four([sum(n.spent[q] for n in subs) for q in range(4)])
    return BudgetNode(*node, link_id, link_name, sum(ceilings) if ceilings else None, spent)


def objective_choices(db: Database) -> list[Choice]:
    """The sasaran of the current Renstra."""
    with db.reading() as s:
        plan_id = current_plan_id(s)
        rows = s.scalars(
            select(Objective)
            .join(Goal, Goal.id == Objective.goal_id)
            .where(Goal.plan_id == plan_id)
            .order_by(Goal.sort_order, Objective.sort_order)
        )
        return [Choice(o.id, f"{o.code} — {o.statement}") for o in rows]


def _clean(data: NodeInput, level: int) -> NodeInput:
    what = LEVEL_LABELS[level].lower()
    return NodeInput(rules.budget_code(data.code, what), rules.budget_name(data.name, what), data.link_id)


def _check_code(s: Session, level: int, code: str, node_id: int | None) -> None:
    model = _MODELS[level]
    other = s.execute(select(model.id, model.name).where(model.code == code)).first()
    if other is not None and other[0] != node_id:
        raise ValidationError(f"Kode {code} sudah dipakai {LEVEL_LABELS[level].lower()} '{other[1]}'.", field="code")


def _node(s: Session, level: int, node_id: int) -> Program | Activity | SubActivity | None:
    if level == PROGRAM:
        return s.get(Program, node_id)
    if level == ACTIVITY:
        return s.get(Activity, node_id)
    return s.get(SubActivity, node_id)


def _link(s: Session, level: int, link_id: int | None) -> dict[str, int | None]:
    """The sasaran of a program, the unit of a sub kegiatan (each must still exist); a kegiatan has none."""
    if level == PROGRAM:
        if link_id is not None and s.get(Objective, link_id) is None:
            raise NotFound("Sasaran yang dipilih tidak ada lagi.")
        return {"objective_id": link_id}
    if level == SUB_ACTIVITY:
        if link_id is not None and s.get(Unit, link_id) is None:
            raise NotFound("Unit yang dipilih tidak ada lagi.")
        return {"unit_id": link_id}
    return {}


def _parent(s: Session, level: int, parent_id: int | None, plan_id: int | None) -> dict[str, int]:
    """Where a new node goes: a program in the Renstra `plan_id` (None: the current one), a kegiatan under its
    program, a sub kegiatan under its kegiatan."""
    if level == PROGRAM:
        plan_id = plan_id if plan_id is not None else current_plan_id(s)
        if plan_id is None:
            raise ValidationError("Kantor ini belum punya Renstra; isi Renstra dulu (impor buku kerja rencana).")
        return {"plan_id": plan_id}
    if parent_id is None or s.get(_MODELS[level - 1], parent_id) is None:
        raise NotFound(f"{LEVEL_LABELS[level - 1]} induknya tidak ada lagi.")
    return {"program_id" if level == ACTIVITY else "activity_id": parent_id}


def put_node(
    tx: Tx,
    level: int,
    data: NodeInput,
    node_id: int | None = None,
    parent_id: int | None = None,
    plan_id: int | None = None,
) -> int:
    """Add a program, kegiatan or sub kegiatan (node_id None, under `parent_id`; a program in the Renstra
    `plan_id`, else the current one) or change it (given `parent_id` or `plan_id`: moved there)."""
    s = tx.session
    data = _clean(data, level)
    _check_code(s, level, data.code, node_id)
    values: dict[str, Any] = {"code": data.code, "name": data.name, **_link(s, level, data.link_id)}
    model = _MODELS[level]
    if node_id is None:
        values |= _parent(s, level, parent_id, plan_id)
        record = model(**values)
        s.add(record)
        s.flush()
        tx.audit(model.__tablename__, record.id, None, snapshot(record, values))
        return record.id
    stored = _node(s, level, node_id)
    if stored is None:
        raise NotFound(f"{LEVEL_LABELS[level]} ini sudah dihapus orang lain.")
    if parent_id is not None or (level == PROGRAM and plan_id is not None):
        values |= _parent(s, level, parent_id, plan_id)
    old = snapshot(stored, values)
    assign(stored, values)
    tx.audit(model.__tablename__, stored.id, old, snapshot(stored, values))
    return stored.id


def save_node(
    db: Database,
    actor: Actor,
    level: int,
    data: NodeInput,
    node_id: int | None = None,
    parent_id: int | None = None,
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Simpan program/kegiatan/sub kegiatan': add one (node_id None, under `parent_id`) or change it."""
    data = _clean(data, level)
    with write(db, actor, _SAVE_OPS[level], clock=clock) as tx:
        return put_node(tx, level, data, node_id, parent_id if node_id is None else None)


def delete_node(db: Database, actor: Actor, level: int, node_id: int) -> None:
    """Operation 'Hapus program/kegiatan/sub kegiatan': only one without children or recorded spending."""
    with write(db, actor, _DELETE_OPS[level]) as tx:
        s = tx.session
        model = _MODELS[level]
        record = _node(s, level, node_id)
        if record is None:
            raise NotFound(f"{LEVEL_LABELS[level]} ini sudah dihapus.")
        if level == PROGRAM and s.scalar(select(func.count()).where(Activity.program_id == node_id)):
            raise ValidationError(f"Program {record.code} masih punya kegiatan; hapus kegiatannya dulu.")
        if level == ACTIVITY and s.scalar(select(func.count()).where(SubActivity.activity_id == node_id)):
            raise ValidationError(f"Kegiatan {record.code} masih punya sub kegiatan; hapus sub kegiatannya dulu.")
        if level == SUB_ACTIVITY:
            spent = s.scalar(
                select(func.coalesce(func.sum(BudgetSpending.amount), 0))
                .join(Budget, Budget.id == BudgetSpending.budget_id)
                .where(Budget.sub_activity_id == node_id)
            )
            if spent:
                raise ValidationError(
                    f"Sub kegiatan {record.code} sudah punya realisasi anggaran "
                    f"{formats.rupiah(spent, sen=False)}; tidak dapat dihapus."
                )
        tx.audit(model.__tablename__, record.id, snapshot(record, ("code", "name")), None)
        s.delete(record)


def save_budget(
    db: Database,
    actor: Actor,
    sub_activity_id: int,
    year: int,
    ceiling: int,
    spent: tuple[int, int, int, int],
    *,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Simpan anggaran sub kegiatan': the pagu of `year` and realisasi TW I–IV (not above the pagu)."""
    checked, amounts = checked_amounts(year, ceiling, spent)
    rules.spending_within_ceiling(checked or 0, [a or 0 for a in amounts])
    with write(db, actor, Op.BUDGET_SAVE, clock=clock) as tx:
        put_budget(tx, sub_activity_id, year, checked, amounts)


__all__ = [
    "ACTIVITY",
    "LEVEL_LABELS",
    "PROGRAM",
    "SUB_ACTIVITY",
    "BudgetInput",
    "BudgetNode",
    "Choice",
    "NodeInput",
    "budget_tree",
    "delete_node",
    "objective_choices",
    "put_budget",
    "put_budgets",
    "put_node",
    "save_budget",
    "save_node",
]
