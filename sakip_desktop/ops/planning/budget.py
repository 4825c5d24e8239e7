"""Programs, kegiatan and sub kegiatan of the office, the pagu of a year and realisasi anggaran per quarter.

The tree view (`budget_tree`) gives every level its pagu, spending per TW and serapan; the operations add,
change and remove the levels and store a sub kegiatan's pagu and spending (never above the pagu).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from sakip_desktop.domain import bounds, formats
from sakip_desktop.domain.achievement import absorption
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.exchange.rencana.data import current_plan_id
from sakip_desktop.ops.base import Actor, snapshot, write
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
QUARTER_NAMES = ("TW I", "TW II", "TW III", "TW IV")
_MODELS = (Program, Activity, SubActivity)
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
                    units.get(x.unit_id, ""),
                    b.ceiling if b else None,
                    tuple(spent.get(b.id, [0] * 4)) if b else (0, 0, 0, 0),
                )  # type: ignore[arg-type]
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
                    PROGRAM, p.id, None, p.code, p.name, p.objective_id, objectives.get(p.objective_id, ""), all_subs
                )
            )
            for a, nodes in children:
                out.append(_sum_node(ACTIVITY, a.id, p.id, a.code, a.name, None, "", nodes))
                out.extend(nodes)
        return out


def _sum_node(level, node_id, parent_id, code, name, link_id, link_name, subs: list[BudgetNode]) -> BudgetNode:
    ceilings = [n.ceiling for n in subs if n.ceiling is not None]
    spent = tuple(sum(n.spent[q] for n in subs) for q in range(4))
    return BudgetNode(
        level, node_id, parent_id, code, name, link_id, link_name, sum(ceilings) if ceilings else None, spent
    )  # type: ignore[arg-type]


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
    code, name = " ".join(data.code.split()), " ".join(data.name.split())
    what = LEVEL_LABELS[level].lower()
    if not code:
        raise ValidationError(f"Kode {what} wajib diisi.", field="code")
    if len(code) > 40:
        raise ValidationError(f"Kode {what} paling banyak 40 karakter.", field="code")
    if not name:
        raise ValidationError(f"Nama {what} wajib diisi.", field="name")
    return NodeInput(code, name, data.link_id)


def _check_code(s, level: int, code: str, node_id: int | None) -> None:
    model = _MODELS[level]
    other = s.scalar(select(model).where(model.code == code))
    if other is not None and other.id != node_id:
        raise ValidationError(f"Kode {code} sudah dipakai {LEVEL_LABELS[level].lower()} '{other.name}'.", field="code")


def save_node(
    db: Database, actor: Actor, level: int, data: NodeInput, node_id: int | None = None, parent_id: int | None = None
) -> int:
    """Operation 'Simpan program/kegiatan/sub kegiatan': add one (node_id None, under `parent_id`) or change it."""
    data = _clean(data, level)
    with write(db, actor, _SAVE_OPS[level]) as tx:
        s = tx.session
        _check_code(s, level, data.code, node_id)
        values: dict = {"code": data.code, "name": data.name}
        if level == PROGRAM:
            if data.link_id is not None and s.get(Objective, data.link_id) is None:
                raise NotFound("Sasaran yang dipilih tidak ada lagi.")
            values["objective_id"] = data.link_id
        if level == SUB_ACTIVITY:
            if data.link_id is not None and s.get(Unit, data.link_id) is None:
                raise NotFound("Unit yang dipilih tidak ada lagi.")
            values["unit_id"] = data.link_id
        model = _MODELS[level]
        if node_id is None:
            if level == PROGRAM:
                plan_id = current_plan_id(s)
                if plan_id is None:
                    raise ValidationError(
                        "Kantor ini belum punya Renstra; isi Renstra dulu (impor buku kerja rencana)."
                    )
                values["plan_id"] = plan_id
            else:
                parent_model = _MODELS[level - 1]
                if parent_id is None or s.get(parent_model, parent_id) is None:
                    raise NotFound(f"{LEVEL_LABELS[level - 1]} induknya tidak ada lagi.")
                values["program_id" if level == ACTIVITY else "activity_id"] = parent_id
            record = model(**values)
            s.add(record)
            s.flush()
            tx.audit(model.__tablename__, record.id, None, snapshot(record, values))
            return record.id
        record = s.get(model, node_id)
        if record is None:
            raise NotFound(f"{LEVEL_LABELS[level]} ini sudah dihapus orang lain.")
        old = snapshot(record, values)
        for name, value in values.items():
            setattr(record, name, value)
        tx.audit(model.__tablename__, record.id, old, snapshot(record, values))
        return record.id


def delete_node(db: Database, actor: Actor, level: int, node_id: int) -> None:
    """Operation 'Hapus program/kegiatan/sub kegiatan': only one without children or recorded spending."""
    with write(db, actor, _DELETE_OPS[level]) as tx:
        s = tx.session
        model = _MODELS[level]
        record = s.get(model, node_id)
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
    db: Database, actor: Actor, sub_activity_id: int, year: int, ceiling: int, spent: tuple[int, int, int, int]
) -> None:
    """Operation 'Simpan anggaran sub kegiatan': the pagu of `year` and realisasi TW I–IV (not above the pagu)."""
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak masuk akal.", field="year")
    if len(spent) != 4:
        raise ValidationError("Realisasi anggaran diisi untuk TW I–IV.", field="spent")
    ceiling = bounds.check_rupiah(ceiling, "Pagu", "ceiling") or 0
    spent = tuple(  # type: ignore[assignment]
        bounds.check_rupiah(amount, f"Realisasi anggaran {QUARTER_NAMES[n]}", "spent") or 0
        for n, amount in enumerate(spent)
    )
    total = sum(spent)
    if total > ceiling:
        raise ValidationError(
            f"Realisasi anggaran TW I–IV {formats.rupiah(total, sen=False)} melebihi pagu "
            f"{formats.rupiah(ceiling, sen=False)}; periksa angkanya atau naikkan pagunya.",
            field="spent",
        )
    with write(db, actor, Op.BUDGET_SAVE) as tx:
        s = tx.session
        sub = s.get(SubActivity, sub_activity_id)
        if sub is None:
            raise NotFound("Sub kegiatan ini sudah dihapus.")
        budget = s.scalar(select(Budget).where(Budget.sub_activity_id == sub.id, Budget.year == year))
        if budget is None:
            budget = Budget(sub_activity_id=sub.id, year=year, ceiling=ceiling)
            s.add(budget)
            s.flush()
            tx.audit("budget", budget.id, None, {"sub_activity": sub.code, "year": year, "ceiling": ceiling})
        elif budget.ceiling != ceiling:
            tx.audit("budget", budget.id, {"ceiling": budget.ceiling}, {"ceiling": ceiling})
            budget.ceiling = ceiling
        rows = {r.quarter: r for r in s.scalars(select(BudgetSpending).where(BudgetSpending.budget_id == budget.id))}
        for quarter, amount in enumerate(spent, start=1):
            row = rows.get(quarter)
            if row is None and amount:
                row = BudgetSpending(budget_id=budget.id, quarter=quarter, amount=amount)
                s.add(row)
                s.flush()
                tx.audit("budget_spending", row.id, None, {"quarter": quarter, "amount": amount})
            elif row is not None and row.amount != amount:
                tx.audit("budget_spending", row.id, {"amount": row.amount}, {"amount": amount})
                row.amount = amount


__all__ = [
    "ACTIVITY",
    "LEVEL_LABELS",
    "PROGRAM",
    "SUB_ACTIVITY",
    "BudgetNode",
    "Choice",
    "NodeInput",
    "budget_tree",
    "delete_node",
    "objective_choices",
    "save_budget",
    "save_node",
]
