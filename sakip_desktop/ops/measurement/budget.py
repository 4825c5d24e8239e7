"""The budget beside the measurement: pagu, realisasi anggaran, serapan and efisiensi per program and sasaran.

Each sub kegiatan's pagu serves the sasaran of the unit PK that lists it (`budget_links`): a program shared by several
sasaran is split into parts by its sub kegiatan (`BudgetMeasurement.parts`), and a sasaran's line sums its parts.

Efisiensi compares the same period on both sides (`achievement.efficiency`): the capaian kinerja s.d. TW n (against
the target s.d. TW n) with the serapan against the budget plan s.d. TW n; for a final year the capaian for the year
with the serapan of the whole pagu. The program holds no anggaran kas per quarter, so the plan s.d. TW n is n/4 of
the pagu (`efficiency_note` prints this under every efisiensi table). No capaian or no serapan: no efisiensi.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import absorption, efficiency
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.home.first_reads import BudgetRead
from sakip_desktop.ops.measurement.budget_links import Served, read_links, served_by
from sakip_desktop.ops.measurement.capaian import (
    MeasurementRow,
    check_quarter,
    measure,
    objective_summary,
    office_summary,
)
from sakip_desktop.ops.measurement.summary import OBJECTIVES
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class BudgetLine:
    """A program (or a program's part serving one sasaran), a sasaran (its parts together) or the office."""

    code: str
    name: str
    objective_id: int | None
    objective_code: str  # 'S2, S3, S4' for a whole program serving several
    ceiling: int
    spent_to_date: int
    absorption: Decimal | None  # serapan thd pagu (%)
    achievement: Decimal | None  # capaian of the sasaran (the office's for the total), same period as the serapan
    efficiency: Decimal | None  # capaian against the serapan thd rencana (same period)
    planned: int = 0  # rencana anggaran s.d. TW n (the pagu for a final year)
    absorption_plan: Decimal | None = None  # serapan thd rencana s.d. TW n (%)
    sub_codes: tuple[str, ...] = ()  # a program's part: the sub kegiatan counted (empty: all of them)


@dataclass(frozen=True)
class BudgetMeasurement:
    """The budget side of a quarter's (or a final year's) measurement."""

    year: int
    quarter: int
    programs: tuple[BudgetLine, ...]  # whole programs
    objectives: tuple[BudgetLine, ...]
    total: BudgetLine
    parts: tuple[BudgetLine, ...] = ()  # per program and sasaran (a shared program split by its sub kegiatan)
    final: bool = False
    shared: bool = False  # a sub kegiatan counted for several sasaran (`budget_links.SHARED_NOTE`)


def efficiency_note(quarter: int, final: bool) -> str:
    """The formula printed under an efisiensi table."""
    missing = "Tanpa capaian atau tanpa serapan, efisiensi tidak dihitung (-)."
    if final:
        return "Efisiensi = capaian kinerja tahun ÷ serapan anggaran tahun (realisasi ÷ pagu) × 100%. " + missing
    at = quarter_label(quarter)
    return (
        f"Efisiensi = capaian kinerja s.d. {at} (thd target s.d. {at}) ÷ serapan anggaran thd rencana s.d. {at} "
        f"× 100%. Rencana s.d. {at} = {quarter}/4 pagu (pagu dibagi rata per triwulan, karena anggaran kas per "
        f"triwulan tidak dicatat dalam program). " + missing
    )


def _line(
    code: str,
    name: str,
    served: Served | None,
    money: tuple[int, int, int],
    capaian: Decimal | None,
    objective_code: str | None = None,
    sub_codes: tuple[str, ...] = (),
) -> BudgetLine:
    ceiling, spent, planned = money
    serapan, against_plan = absorption(spent, ceiling), absorption(spent, planned)
    return BudgetLine(
        code,
        name,
        served.objective_id if served else None,
        objective_code if objective_code is not None else (served.code if served else ""),
        ceiling,
        spent,
        serapan,
        capaian,
        efficiency(capaian, against_plan),
        planned,
        against_plan,
        sub_codes,
    )


def _read_in(session: Session, year: int, quarter: int) -> BudgetRead:
    """The year's pagu by program, its spending up to TW `quarter`, every program with its sasaran, and the sub
    kegiatan with their PK links (ORM; `first_reads.budget` reads the same rows in plain SQL)."""
    p, a, sa, b, sp, o = m.Program, m.Activity, m.SubActivity, m.Budget, m.BudgetSpending, m.Objective
    ceilings = (
        select(p.id, b.id, b.ceiling)
        .join(a, a.program_id == p.id)
        .join(sa, sa.activity_id == a.id)
        .join(b, b.sub_activity_id == sa.id)
        .where(b.year == year)
    )
    spending = (
        select(sp.budget_id, sp.amount).join(b, b.id == sp.budget_id).where(b.year == year, sp.quarter <= quarter)
    )
    programs = (
        select(p.id, p.code, p.name, p.objective_id, o.code, o.statement)
        .outerjoin(o, o.id == p.objective_id)
        .order_by(p.code)
    )
    subs, links = read_links(session, year)
    return BudgetRead(
        list(session.execute(ceilings)), list(session.execute(spending)), list(session.execute(programs)), subs, links
    )


def budget_measurement(
    db: Database,
    year: int,
    quarter: int,
    rows: Sequence[MeasurementRow] | None = None,
    *,
    final: bool = False,
    average: str = OBJECTIVES,
) -> BudgetMeasurement:
    """Pagu, realisasi anggaran s.d. TW `quarter`, serapan and efisiensi per program, part and sasaran.

    `rows` (from `measure` for the same period) saves measuring again; `final`: a final year (TW IV, the capaian for
    the year against the whole pagu); `average`: the office's rule for its rata-rata (`summary.AVERAGES`).
    """
    check_quarter(quarter)
    if rows is None:
        rows = measure(db, year, quarter)
    with db.reading() as s:
        return budget_measurement_in(s, year, quarter, rows, final=final, average=average)


def budget_measurement_in(
    session: Session,
    year: int,
    quarter: int,
    rows: Sequence[MeasurementRow],
    *,
    final: bool = False,
    average: str = OBJECTIVES,
) -> BudgetMeasurement:
    """`budget_measurement` in an open session (for a view that reads everything in one, as the LKj)."""
    check_quarter(quarter)
    return _measured(year, quarter, rows, _read_in(session, year, quarter), final, average)


def first_screen_budget(db: Database, year: int, quarter: int, rows: Sequence[MeasurementRow]) -> BudgetMeasurement:
    """`budget_measurement` as the Camat's dasbor reads it at start-up (`first_reads`, plain SQL)."""
    check_quarter(quarter)
    return _measured(year, quarter, rows, first_reads.budget(db, year, quarter), False, OBJECTIVES)


@dataclass
class _Sum:
    ceiling: int = 0
    spent: int = 0
    subs: list[str] = field(default_factory=list)

    def add(self, ceiling: int, spent: int, sub: str) -> None:
        self.ceiling, self.spent = self.ceiling + ceiling, self.spent + spent
        if sub:
            self.subs.append(sub)

    def money(self, quarter: int) -> tuple[int, int, int]:
        """Pagu, realisasi and the plan s.d. TW `quarter` (n/4 of the pagu, rounded half up)."""
        return self.ceiling, self.spent, (self.ceiling * quarter * 2 + 4) // 8


@dataclass
class _Split:
    """The year's budgets summed per program, per (program, sasaran) part and per sasaran."""

    programs: dict[int, _Sum] = field(default_factory=lambda: defaultdict(_Sum))
    served: dict[int, set[int | None]] = field(default_factory=lambda: defaultdict(set))
    parts: dict[tuple[int, int | None], _Sum] = field(default_factory=lambda: defaultdict(_Sum))
    objectives: dict[int, _Sum] = field(default_factory=lambda: defaultdict(_Sum))
    names: dict[int, Served] = field(default_factory=dict)
    total: _Sum = field(default_factory=_Sum)
    shared: bool = False


def _split(read: BudgetRead, own: Mapping[int, Served | None]) -> _Split:
    spent_by_budget: dict[int, int] = defaultdict(int)
    for budget_id, amount in read.spending:
        spent_by_budget[budget_id] += amount
    sub_of = {budget_id: code for budget_id, code in read.subs}
    program_of = {budget_id: program_id for program_id, budget_id, _ceiling in read.ceilings}
    served, shared = served_by(read.links, {b: own.get(p) for b, p in program_of.items()})
    out = _Split(shared=shared)
    for program_id, budget_id, ceiling in read.ceilings:
        spent, sub = spent_by_budget[budget_id], sub_of.get(budget_id, "")
        out.programs[program_id].add(ceiling, spent, sub)
        out.total.add(ceiling, spent, sub)
        for s in served[budget_id] or (None,):
            out.served[program_id].add(s.objective_id if s else None)
            out.parts[(program_id, s.objective_id if s else None)].add(ceiling, spent, sub)
            if s is not None:
                out.names[s.objective_id] = s
                out.objectives[s.objective_id].add(ceiling, spent, sub)
    return out


def _measured(
    year: int, quarter: int, rows: Sequence[MeasurementRow], read: BudgetRead, final: bool, average: str
) -> BudgetMeasurement:
    summaries = {o.objective_id: o for o in objective_summary(rows)}
    capaian = {k: o.achievement_year if final else o.achievement for k, o in summaries.items()}
    own = {pid: Served(oid, oc, st) if oid is not None else None for pid, _c, _n, oid, oc, st in read.programs}
    split = _split(read, own)
    programs, parts = [], []
    for pid, code, name, *_objective in read.programs:
        if pid not in split.programs:
            continue  # no pagu this year
        keys = sorted(split.served[pid], key=lambda k: split.names[k].code if k is not None else "~")
        single = split.names.get(keys[0]) if len(keys) == 1 and keys[0] is not None else None
        codes = ", ".join(split.names[k].code for k in keys if k is not None)
        money = split.programs[pid].money(quarter)
        programs.append(_line(code, name, single, money, capaian.get(single.objective_id) if single else None,
                              objective_code=codes))  # fmt: skip
        for k in keys:
            part = split.parts[(pid, k)]
            s = split.names.get(k) if k is not None else None
            subs = tuple(part.subs) if len(keys) > 1 else ()
            parts.append(_line(code, name, s, part.money(quarter), capaian.get(k) if k else None, sub_codes=subs))
    objectives = [
        _line(s.code, s.statement, s, split.objectives[k].money(quarter), capaian.get(k))
        for k, s in sorted(split.names.items(), key=lambda kv: (kv[1].code, kv[0]))
    ]
    office = office_summary(rows, average=average)
    total = _line(
        "", "Jumlah", None, split.total.money(quarter), office.achievement_year if final else office.achievement
    )
    return BudgetMeasurement(
        year, quarter, tuple(programs), tuple(objectives), total, tuple(parts), final, split.shared
    )
