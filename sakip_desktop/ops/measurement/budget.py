"""The budget beside the measurement: pagu, realisasi anggaran, serapan and efisiensi per program and sasaran.

Efisiensi compares a sasaran's capaian kinerja to date with the serapan of the programs that serve it
(`Program.objective_id`), using `achievement.efficiency`. Kept apart from `measurement` to keep each small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import absorption, efficiency
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.home.first_reads import BudgetRead
from sakip_desktop.ops.measurement.capaian import (
    MeasurementRow,
    check_quarter,
    measure,
    objective_summary,
    office_summary,
)
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class BudgetLine:
    """A program, a sasaran (its programs together) or the office: pagu, spending and efficiency."""

    code: str
    name: str
    objective_id: int | None
    objective_code: str
    ceiling: int
    spent_to_date: int
    absorption: Decimal | None  # serapan (%)
    achievement: Decimal | None  # capaian to date of the sasaran (the office's for the total)
    efficiency: Decimal | None  # capaian against serapan


@dataclass(frozen=True)
class BudgetMeasurement:
    """The budget side of a quarter's measurement."""

    year: int
    quarter: int
    programs: tuple[BudgetLine, ...]
    objectives: tuple[BudgetLine, ...]
    total: BudgetLine


def _line(
    code: str,
    name: str,
    objective_id: int | None,
    objective_code: str,
    ceiling: int,
    spent: int,
    capaian: Decimal | None,
) -> BudgetLine:
    serapan = absorption(spent, ceiling)
    return BudgetLine(
        code, name, objective_id, objective_code, ceiling, spent, serapan, capaian, efficiency(capaian, serapan)
    )


def _read_in(session: Session, year: int, quarter: int) -> BudgetRead:
    """The year's pagu by program, its spending up to TW `quarter`, and every program with its sasaran (ORM)."""
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
    return BudgetRead(list(session.execute(ceilings)), list(session.execute(spending)), list(session.execute(programs)))


def budget_measurement(
    db: Database, year: int, quarter: int, rows: Sequence[MeasurementRow] | None = None
) -> BudgetMeasurement:
    """Pagu, realisasi anggaran s.d. TW `quarter`, serapan and efisiensi per program and per sasaran.

    `rows` (from `measure` for the same period) saves measuring again.
    """
    check_quarter(quarter)
    if rows is None:
        rows = measure(db, year, quarter)
    with db.reading() as s:
        return budget_measurement_in(s, year, quarter, rows)


def budget_measurement_in(
    session: Session, year: int, quarter: int, rows: Sequence[MeasurementRow]
) -> BudgetMeasurement:
    """`budget_measurement` in an open session (for a view that reads everything in one, as the LKj)."""
    check_quarter(quarter)
    return _measured(year, quarter, rows, _read_in(session, year, quarter))


def first_screen_budget(db: Database, year: int, quarter: int, rows: Sequence[MeasurementRow]) -> BudgetMeasurement:
    """`budget_measurement` as the Camat's dasbor reads it at start-up (`first_reads`, plain SQL)."""
    check_quarter(quarter)
    return _measured(year, quarter, rows, first_reads.budget(db, year, quarter))


def _program_totals(read: BudgetRead) -> tuple[dict[int, int], dict[int, int]]:
    """Per program: the year's pagu and what was spent of it so far."""
    spent_by_budget: dict[int, int] = defaultdict(int)
    for budget_id, amount in read.spending:
        spent_by_budget[budget_id] += amount
    ceiling_of: dict[int, int] = defaultdict(int)
    spent_of: dict[int, int] = defaultdict(int)
    for program_id, budget_id, ceiling in read.ceilings:
        ceiling_of[program_id] += ceiling
        spent_of[program_id] += spent_by_budget[budget_id]
    return ceiling_of, spent_of


def _measured(year: int, quarter: int, rows: Sequence[MeasurementRow], read: BudgetRead) -> BudgetMeasurement:
    objectives = {o.objective_id: o for o in objective_summary(rows)}
    ceiling_of, spent_of = _program_totals(read)
    program_lines: list[BudgetLine] = []
    served_objectives: dict[int, tuple[str, str]] = {}  # id -> (code, statement)
    for pid, code, name, objective_id, objective_code, statement in read.programs:
        if pid not in ceiling_of:
            continue  # no pagu this year
        summary = objectives.get(objective_id) if objective_id else None
        capaian = summary.achievement if summary else None
        program_lines.append(
            _line(code, name, objective_id, objective_code or "", ceiling_of[pid], spent_of[pid], capaian)
        )
        if objective_id is not None:
            served_objectives[objective_id] = (objective_code, statement)
    objective_lines = []
    for objective_id, (objective_code, statement) in sorted(served_objectives.items(), key=lambda kv: kv[1][0]):
        served = [p for p in program_lines if p.objective_id == objective_id]
        summary = objectives.get(objective_id)
        ceiling, spent = sum(p.ceiling for p in served), sum(p.spent_to_date for p in served)
        capaian = summary.achievement if summary else None
        objective_lines.append(_line(objective_code, statement, objective_id, objective_code, ceiling, spent, capaian))
    ceiling, spent = sum(p.ceiling for p in program_lines), sum(p.spent_to_date for p in program_lines)
    total = _line("", "Jumlah", None, "", ceiling, spent, office_summary(rows).achievement)
    return BudgetMeasurement(year, quarter, tuple(program_lines), tuple(objective_lines), total)
