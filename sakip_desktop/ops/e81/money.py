"""The Rp side of Formulir E.81: pagu and spending per sub kegiatan over the Renstra's years, summed to kegiatan and
program under the sasaran they serve (`ops.e81.figures` gives the columns' rules). Read-only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.ops.e81.figures import PlanYears, rp_capaian
from sakip_desktop.ops.measurement.budget_links import Served, read_links, served_by
from sakip_desktop.storage.models import Activity, Budget, BudgetSpending, Objective, Program, SubActivity, Unit

LEVELS = ("program", "kegiatan", "sub kegiatan")


@dataclass
class Money:
    """The Rp figures of a line, columns 5–13 in whole rupiah (14 is computed)."""

    plan_total: int = 0  # 5
    before: int = 0  # 6
    ceiling: int = 0  # 7
    quarters: list[int | None] = field(default_factory=lambda: [None] * 4)  # 8–11
    to_date: int = 0  # 12

    @property
    def renstra_to_date(self) -> int:
        """Column 13: 6 + 12."""
        return self.before + self.to_date

    @property
    def renstra_capaian(self) -> Decimal | None:
        """Column 14: 13 ÷ 5 × 100."""
        return rp_capaian(self.renstra_to_date, self.plan_total)

    @property
    def renja_capaian(self) -> Decimal | None:
        """12 against 7 (the serapan of this year's pagu), for the rata-rata row."""
        return rp_capaian(self.to_date, self.ceiling)

    def add(self, other: Money) -> None:
        """Sum `other` into this line."""
        self.plan_total += other.plan_total
        self.before += other.before
        self.ceiling += other.ceiling
        self.to_date += other.to_date
        self.quarters = [
            None if a is None and b is None else (a or 0) + (b or 0)
            for a, b in zip(self.quarters, other.quarters, strict=True)
        ]


@dataclass(frozen=True)
class BudgetItem:
    """A program, kegiatan or sub kegiatan line under one sasaran (None: serving no sasaran)."""

    level: str  # one of LEVELS
    code: str
    name: str
    objective_id: int | None
    money: Money
    unit: str  # the sub kegiatan's unit; for a program or kegiatan the units of its sub kegiatan


@dataclass(frozen=True)
class _Sub:
    budget_id: int
    sub_id: int
    code: str
    name: str
    unit: str
    activity: tuple[str, str]
    program: tuple[int, str, str, int | None]  # id, code, name, own objective


def _subs(session: Session, year: int) -> list[_Sub]:
    p, a, sa, b = Program, Activity, SubActivity, Budget
    rows = session.execute(
        select(b.id, sa.id, sa.code, sa.name, Unit.name, a.code, a.name, p.id, p.code, p.name, p.objective_id)
        .join(sa, sa.id == b.sub_activity_id)
        .join(a, a.id == sa.activity_id)
        .join(p, p.id == a.program_id)
        .outerjoin(Unit, Unit.id == sa.unit_id)
        .where(b.year == year)
        .order_by(p.code, a.code, sa.code)
    )
    return [_Sub(r[0], r[1], r[2], r[3], r[4] or "", (r[5], r[6]), (r[7], r[8], r[9], r[10])) for r in rows]


def _money(session: Session, year: int, quarter: int, plan: PlanYears) -> dict[int, Money]:
    """Per sub kegiatan id: its Money at TW `quarter` of `year`."""
    out: dict[int, Money] = defaultdict(Money)
    budgets = select(Budget.id, Budget.sub_activity_id, Budget.year, Budget.ceiling).where(
        Budget.year >= plan.start_year, Budget.year <= plan.end_year
    )
    year_of: dict[int, tuple[int, int]] = {}
    for bid, sub, y, ceiling in session.execute(budgets):
        year_of[bid] = (sub, y)
        out[sub].plan_total += ceiling
        if y == year:
            out[sub].ceiling += ceiling
    spending = select(BudgetSpending.budget_id, BudgetSpending.quarter, BudgetSpending.amount).where(
        BudgetSpending.budget_id.in_(list(year_of))
    )
    for bid, q, amount in session.execute(spending):
        sub, y = year_of[bid]
        m = out[sub]
        if y < year:
            m.before += amount
        elif y == year and 1 <= q <= quarter:
            m.quarters[q - 1] = (m.quarters[q - 1] or 0) + amount
            m.to_date += amount
    return out


def _objectives(session: Session) -> dict[int, Served]:
    rows = session.execute(select(Objective.id, Objective.code, Objective.statement))
    return {oid: Served(oid, code, statement) for oid, code, statement in rows}


def budget_items_in(session: Session, year: int, quarter: int, plan: PlanYears) -> list[BudgetItem]:
    """The program, kegiatan and sub kegiatan lines of `year` (those with a pagu that year), each under every
    sasaran it serves (shared sub kegiatan count in each, as the FPK), ordered by sasaran code then budget code."""
    subs = _subs(session, year)
    money = _money(session, year, quarter, plan)
    objectives = _objectives(session)
    _codes, links = read_links(session, year)
    own = {s.budget_id: objectives.get(s.program[3]) if s.program[3] else None for s in subs}
    served, _shared = served_by(links, own)
    lines: dict[tuple[int | None, str, str], tuple[str, str, Money, set[str]]] = {}
    for s in subs:
        m = money.get(s.sub_id, Money())
        for target in served.get(s.budget_id) or (None,):
            oid = target.objective_id if target else None
            keys = (
                (oid, s.program[1], "program", s.program[2]),
                (oid, s.activity[0], "kegiatan", s.activity[1]),
                (oid, s.code, "sub kegiatan", s.name),
            )
            for key_oid, code, level, name in keys:
                entry = lines.setdefault((key_oid, code, level), (level, name, Money(), set()))
                entry[2].add(m)
                if s.unit:
                    entry[3].add(s.unit)
    order = {oid: o.code for oid, o in objectives.items()}
    items = [
        BudgetItem(level, code, name, oid, m, ", ".join(sorted(units)))
        for (oid, code, _lvl), (level, name, m, units) in lines.items()
    ]
    items.sort(key=lambda i: (order.get(i.objective_id, "~") if i.objective_id else "~", i.objective_id or 0, i.code))
    return items


def office_money(items: list[BudgetItem]) -> Money:
    """The office's whole budget (each sub kegiatan once, though a shared one prints under several sasaran)."""
    total = Money()
    seen: set[str] = set()
    for i in items:
        if i.level == "sub kegiatan" and i.code not in seen:
            seen.add(i.code)
            total.add(i.money)
    return total
