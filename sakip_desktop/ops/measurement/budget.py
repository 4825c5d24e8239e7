"""The budget beside the measurement: pagu, realisasi anggaran, serapan and efisiensi per program and sasaran.

Efisiensi compares a sasaran's capaian kinerja to date with the serapan of the programs that serve it
(`Program.objective_id`), using `achievement.efficiency`. Kept apart from `measurement` to keep each small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.achievement import absorption, efficiency
from sakip_desktop.ops.measurement.capaian import (
    MeasurementRow,
    check_quarter,
    measure,
    objective_summary,
    office_summary,
)
from sakip_desktop.storage import sql
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


def _line(code, name, objective_id, objective_code, ceiling, spent, capaian) -> BudgetLine:
    serapan = absorption(spent, ceiling)
    return BudgetLine(
        code, name, objective_id, objective_code, ceiling, spent, serapan, capaian, efficiency(capaian, serapan)
    )


def _budget(db: Database, year: int, quarter: int) -> tuple[Sequence, Sequence, Sequence]:
    """The year's pagu by program, its spending up to TW `quarter`, and every program with its sasaran.

    Plain SQL: the dasbor shows the budget at start-up.
    """
    with db.plain_reading() as s:
        ceilings = sql.rows(
            s,
            """
            SELECT p.id, b.id, b.ceiling
              FROM program p
              JOIN activity a ON a.program_id = p.id
              JOIN sub_activity sa ON sa.activity_id = a.id
              JOIN budget b ON b.sub_activity_id = sa.id
             WHERE b.year = :year
            """,
            year=year,
        )
        spending = sql.rows(
            s,
            """
            SELECT sp.budget_id, sp.amount
              FROM budget_spending sp
              JOIN budget b ON b.id = sp.budget_id
             WHERE b.year = :year AND sp.quarter <= :quarter
            """,
            year=year,
            quarter=quarter,
        )
        programs = sql.rows(
            s,
            """
            SELECT p.id, p.code, p.name, p.objective_id, o.code, o.statement
              FROM program p
              LEFT OUTER JOIN objective o ON o.id = p.objective_id
             ORDER BY p.code
            """,
        )
    return ceilings, spending, programs


def budget_measurement(
    db: Database, year: int, quarter: int, rows: Sequence[MeasurementRow] | None = None
) -> BudgetMeasurement:
    """Pagu, realisasi anggaran s.d. TW `quarter`, serapan and efisiensi per program and per sasaran.

    `rows` (from `measure` for the same period) saves measuring again.
    """
    check_quarter(quarter)
    if rows is None:
        rows = measure(db, year, quarter)
    objectives = {o.objective_id: o for o in objective_summary(rows)}
    office = office_summary(rows)
    ceilings, spending, programs = _budget(db, year, quarter)
    spent_by_budget: dict[int, int] = defaultdict(int)
    for budget_id, amount in spending:
        spent_by_budget[budget_id] += amount
    ceiling_of: dict[int, int] = defaultdict(int)
    spent_of: dict[int, int] = defaultdict(int)
    for program_id, budget_id, ceiling in ceilings:
        ceiling_of[program_id] += ceiling
        spent_of[program_id] += spent_by_budget[budget_id]
    program_lines: list[BudgetLine] = []
    served_objectives: dict[int, tuple[str, str]] = {}  # id -> (code, statement)
    for pid, code, name, objective_id, objective_code, statement in programs:
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
        objective_lines.append(
            _line(
                objective_code,
                statement,
                objective_id,
                objective_code,
                sum(p.ceiling for p in served),
                sum(p.spent_to_date for p in served),
                summary.achievement if summary else None,
            )
        )
    total = _line(
        "",
        "Jumlah",
        None,
        "",
        sum(p.ceiling for p in program_lines),
        sum(p.spent_to_date for p in program_lines),
        office.achievement,
    )
    return BudgetMeasurement(year, quarter, tuple(program_lines), tuple(objective_lines), total)
