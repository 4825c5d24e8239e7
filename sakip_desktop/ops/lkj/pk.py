"""The LKj's Bab II (ringkasan Perjanjian Kinerja) and Bab III.B (realisasi anggaran per program/kegiatan/sub kegiatan).

Bab II summarises the office's PK of the year (unit NULL): the latest FINAL version, or the latest
draft when none is final yet. An office that keeps no PK in the program still gets a Bab II from the
yearly targets and the pagu per program, and `source` says which was used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import absorption
from sakip_desktop.ops.measurement.budget import BudgetLine
from sakip_desktop.ops.measurement.capaian import MeasurementRow
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Activity,
    AgreementBudget,
    AgreementTarget,
    Budget,
    BudgetSpending,
    Indicator,
    Objective,
    PerformanceAgreement,
    Program,
    SubActivity,
)


@dataclass(frozen=True)
class PkTargetRow:
    """A line of the PK's first table: sasaran, indicator, satuan, target."""

    objective_code: str
    objective_statement: str
    indicator_code: str
    indicator_name: str
    unit: str
    target_low: Decimal
    target_high: Decimal | None


@dataclass(frozen=True)
class PkBudgetRow:
    """A line of the PK's second table: program (or kegiatan) and its anggaran."""

    code: str
    name: str
    amount: int


@dataclass(frozen=True)
class PkSummary:
    """Bab II: the PK of the year as it was agreed (or the plan's targets when there is no PK)."""

    source: str  # a sentence naming where the figures come from
    kind: str  # MURNI / PERUBAHAN / "" (no PK)
    version: int
    document_number: str
    first_party: str  # "Nama, Jabatan"
    second_party: str
    targets: tuple[PkTargetRow, ...]
    budgets: tuple[PkBudgetRow, ...]

    @property
    def total(self) -> int:
        """The sum of the anggaran lines."""
        return sum(b.amount for b in self.budgets)


@dataclass(frozen=True)
class BudgetTreeLine:
    """A program (level 0), kegiatan (1) or sub kegiatan (2) with pagu and realisasi for the year."""

    level: int
    code: str
    name: str
    ceiling: int
    spent: int

    @property
    def absorption(self) -> Decimal | None:
        """Serapan (%)."""
        return absorption(self.spent, self.ceiling)


def _agreement(session: Session, year: int) -> PerformanceAgreement | None:
    """The office's PK of `year`: the newest final version, else the newest draft, else None."""
    candidates = session.scalars(
        select(PerformanceAgreement)
        .where(PerformanceAgreement.year == year, PerformanceAgreement.unit_id.is_(None))
        .order_by(PerformanceAgreement.version)
    ).all()
    final = [a for a in candidates if a.status == "FINAL"]
    drafts = [a for a in candidates if a.status == "DRAFT"]
    chosen = final or drafts
    return chosen[-1] if chosen else None


def pk_summary(db: Database, year: int, rows: Sequence[MeasurementRow]) -> PkSummary:
    """Bab II of `year`; `rows` (the year's measurement) give the indicators' sasaran and targets."""
    with db.reading() as s:
        pk = _agreement(s, year)
        if pk is not None:
            return _agreed(s, year, pk)
        ceilings = s.execute(
            select(Program.code, Program.name, Budget.ceiling)
            .join(Activity, Activity.program_id == Program.id)
            .join(SubActivity, SubActivity.activity_id == Activity.id)
            .join(Budget, Budget.sub_activity_id == SubActivity.id)
            .where(Budget.year == year)
            .order_by(Program.code)
        ).all()
    per_program: dict[tuple[str, str], int] = defaultdict(int)
    for code, name, ceiling in ceilings:
        per_program[(code, name)] += ceiling
    return PkSummary(
        source=f"target kinerja tahun {year} dan pagu anggaran dalam program (dokumen PK belum dicatat dalam program)",
        kind="",
        version=0,
        document_number="",
        first_party="",
        second_party="",
        targets=_planned_targets(rows),
        budgets=tuple(PkBudgetRow(c, n, a) for (c, n), a in per_program.items()),
    )


def _agreed(s: Session, year: int, pk: PerformanceAgreement) -> PkSummary:
    """Bab II from the PK `pk` as it was agreed."""
    targets = s.execute(
        select(AgreementTarget.indicator_id, AgreementTarget.value, AgreementTarget.value_high)
        .where(AgreementTarget.agreement_id == pk.id)
        .order_by(AgreementTarget.sort_order, AgreementTarget.id)
    ).all()
    budgets = s.execute(
        select(AgreementBudget.code, AgreementBudget.name, AgreementBudget.amount)
        .where(AgreementBudget.agreement_id == pk.id)
        .order_by(AgreementBudget.sort_order, AgreementBudget.id)
    ).all()
    known = {
        i: (oc, os, ic, n, u)
        for i, oc, os, ic, n, u in s.execute(
            select(Indicator.id, Objective.code, Objective.statement, Indicator.code, Indicator.name, Indicator.unit)
            .join(Objective, Objective.id == Indicator.objective_id)
            .where(Indicator.id.in_([t[0] for t in targets]))
        )
    }
    status = "final" if pk.status == "FINAL" else "draf (belum final)"
    kind = "Perubahan" if pk.kind == "PERUBAHAN" else "Murni"
    return PkSummary(
        source=f"Perjanjian Kinerja {kind} Tahun {year} versi {pk.version} ({status})",
        kind=pk.kind,
        version=pk.version,
        document_number=pk.document_number,
        first_party=", ".join(x for x in (pk.first_party_name, pk.first_party_title) if x),
        second_party=", ".join(x for x in (pk.second_party_name, pk.second_party_title) if x),
        targets=tuple(PkTargetRow(*known[i], low, high) for i, low, high in targets if i in known),
        budgets=tuple(PkBudgetRow(c or "", n, a) for c, n, a in budgets),
    )


def _planned_targets(rows: Sequence[MeasurementRow]) -> tuple[PkTargetRow, ...]:
    """The year's targets of the plan, in the measurement's order (when there is no PK)."""
    return tuple(
        PkTargetRow(
            r.info.objective_code,
            r.info.objective_statement,
            r.info.code,
            r.info.name,
            r.info.unit,
            r.year_target.low,
            r.year_target.high,
        )
        for r in rows
        if r.year_target is not None
    )


def budget_tree(db: Database, year: int) -> tuple[BudgetTreeLine, ...]:
    """Program, kegiatan and sub kegiatan of `year` in code order, with pagu and realisasi TW I-IV."""
    with db.reading() as s:
        rows = s.execute(
            select(
                Program.code,
                Program.name,
                Activity.code,
                Activity.name,
                SubActivity.code,
                SubActivity.name,
                Budget.id,
                Budget.ceiling,
            )
            .join(Activity, Activity.program_id == Program.id)
            .join(SubActivity, SubActivity.activity_id == Activity.id)
            .join(Budget, Budget.sub_activity_id == SubActivity.id)
            .where(Budget.year == year)
            .order_by(Program.code, Activity.code, SubActivity.code)
        ).all()
        spent: dict[int, int] = defaultdict(int)
        for budget_id, amount in s.execute(
            select(BudgetSpending.budget_id, BudgetSpending.amount)
            .join(Budget, Budget.id == BudgetSpending.budget_id)
            .where(Budget.year == year)
        ):
            spent[budget_id] += amount
    totals: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    names: dict[tuple[int, str], str] = {}
    order: list[tuple[int, str]] = []
    for pc, pn, ac, an, sc, sn, bid, ceiling in rows:
        for key, name in (((0, pc), pn), ((1, ac), an), ((2, sc), sn)):
            if key not in names:
                names[key] = name
                order.append(key)
            totals[key][0] += ceiling
            totals[key][1] += spent[bid]
    return tuple(BudgetTreeLine(level, code, names[(level, code)], *totals[(level, code)]) for level, code in order)


def program_activities(session: Session) -> dict[str, list[tuple[str, set[str]]]]:
    """Per program code: its kegiatan in code order, each as (name, the codes of its sub kegiatan)."""
    subs: dict[int, set[str]] = defaultdict(set)
    for activity_id, sub_code in session.execute(select(SubActivity.activity_id, SubActivity.code)):
        subs[activity_id].add(sub_code)
    out: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for code, activity_id, name in session.execute(
        select(Program.code, Activity.id, Activity.name)
        .join(Activity, Activity.program_id == Program.id)
        .order_by(Activity.code)
    ):
        out[code].append((name, subs[activity_id]))
    return out


def part_activities(activities: dict[str, list[tuple[str, set[str]]]], part: BudgetLine) -> tuple[str, ...]:
    """The names of the kegiatan of a program's part (`BudgetMeasurement.parts`): those with a sub kegiatan in it,
    all of them for a whole program."""
    of_program = activities.get(part.code, ())
    if not part.sub_codes:
        return tuple(name for name, _subs in of_program)
    return tuple(name for name, subs in of_program if subs & set(part.sub_codes))
