"""Read-only overviews of the plan for a year and quarter: indicators and budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.qualitative import label_of
from sakip_desktop.ops.home import first_reads
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

POLARITY_LABELS = {"POSITIVE": "Positif", "NEGATIVE": "Negatif"}
AGGREGATION_LABELS = {"CUMULATIVE": "Kumulatif", "LAST_VALUE": "Nilai akhir", "AVERAGE": "Rata-rata"}
STATUS_LABELS = {
    "DRAFT": "Draf",
    "RETURNED": "Dikembalikan",
    "SUBMITTED": "Diajukan",
    "VERIFIED": "Diverifikasi",
    "APPROVED": "Disetujui",
}


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator with its targets and realisasi for a year and quarter."""

    indicator_id: int
    objective: str
    code: str
    name: str
    unit: str
    polarity: str
    aggregation: str
    is_key: bool
    responsible_unit_id: int | None
    responsible_unit: str
    year_target: Decimal | None
    quarter_target: Decimal | None
    actual: Decimal | None
    status: str
    # A qualitative indicator: its scale's labels by rank (values are ranks); empty for a numeric one.
    levels: dict[int, str] = field(default_factory=dict, compare=False)

    def value_label(self, value: Decimal | None) -> str | None:
        """The level label a target or realisasi stands for on a qualitative indicator; None for a number."""
        return label_of(self.levels, value)


def plan_years(db: Database) -> list[int]:
    """The years covered by the Renstra periods (for the year selector)."""
    return first_reads.plan_years(db)


def indicator_rows(db: Database, year: int, quarter: int, unit_id: int | None = None) -> list[IndicatorRow]:
    """Indicators (all, or one unit's) with the year's and quarter's target and realisasi.

    A first-screen read: a role's indicators are its first screen.
    """
    table = first_reads.indicator_table(db, year, quarter, unit_id)
    out = []
    for ind, code, name, unit, polarity, aggregation, is_key, owner, objective_code, statement in table.indicators:
        target = table.year_targets.get(ind)
        actual = table.actuals.get(ind)
        out.append(
            IndicatorRow(
                indicator_id=ind,
                objective=f"{objective_code} {statement}",
                code=code,
                name=name,
                unit=unit,
                polarity=POLARITY_LABELS.get(polarity, polarity),
                aggregation=AGGREGATION_LABELS.get(aggregation, aggregation),
                is_key=is_key,
                responsible_unit_id=owner,
                responsible_unit=table.units.get(owner, "") if owner else "",
                year_target=target[1] if target else None,
                quarter_target=table.quarter_targets.get(target[0]) if target else None,
                actual=actual[0] if actual else None,
                status=STATUS_LABELS.get(actual[1], actual[1]) if actual else "Belum diisi",
                levels=table.scales[ind][1] if ind in table.scales else {},
            )
        )
    return out


@dataclass(frozen=True)
class BudgetRow:
    """A program, kegiatan or sub kegiatan with its pagu and spending up to a quarter."""

    level: int  # 0 program, 1 kegiatan, 2 sub kegiatan
    code: str
    name: str
    ceiling: int
    spent_to_date: int

    @property
    def absorption(self) -> Decimal | None:
        """Serapan (%) of the pagu so far."""
        if not self.ceiling:
            return None
        return Decimal(self.spent_to_date) * 100 / Decimal(self.ceiling)


def budget_rows(db: Database, year: int, quarter: int) -> list[BudgetRow]:
    """The budget tree for a year, spending summed from TW I up to `quarter`."""
    with db.reading() as s:
        programs = s.scalars(select(m.Program).order_by(m.Program.code)).all()
        activities = s.scalars(select(m.Activity).order_by(m.Activity.code)).all()
        subs = s.scalars(select(m.SubActivity).order_by(m.SubActivity.code)).all()
        budgets = {b.sub_activity_id: b for b in s.scalars(select(m.Budget).where(m.Budget.year == year))}
        spent: dict[int, int] = {}
        for sp in s.scalars(
            select(m.BudgetSpending)
            .join(m.Budget, m.Budget.id == m.BudgetSpending.budget_id)
            .where(m.Budget.year == year, m.BudgetSpending.quarter <= quarter)
        ):
            spent[sp.budget_id] = spent.get(sp.budget_id, 0) + sp.amount
        out: list[BudgetRow] = []
        for program in programs:
            block: list[BudgetRow] = []
            for activity in (a for a in activities if a.program_id == program.id):
                leaves = [
                    BudgetRow(2, sub.code, sub.name, budgets[sub.id].ceiling, spent.get(budgets[sub.id].id, 0))
                    for sub in subs
                    if sub.activity_id == activity.id and sub.id in budgets
                ]
                if leaves:
                    block.append(
                        BudgetRow(
                            1,
                            activity.code,
                            activity.name,
                            sum(r.ceiling for r in leaves),
                            sum(r.spent_to_date for r in leaves),
                        )
                    )
                    block.extend(leaves)
            if block:
                tops = [r for r in block if r.level == 1]
                out.append(
                    BudgetRow(
                        0, program.code, program.name, sum(r.ceiling for r in tops), sum(r.spent_to_date for r in tops)
                    )
                )
                out.extend(block)
        return out


def default_period(db: Database, today: dt.date) -> tuple[int, int]:
    """The year and quarter to open on: the office's reporting quarter when it has a target that
    year, otherwise the earliest quarter still under way (a realisasi not yet approved: one Kasi entering the next
    quarter early moves no one), else the latest quarter that has realisasi (a demo or an older database)."""
    from sakip_desktop.domain.periods import current_reporting_period

    year, quarter = current_reporting_period(today)
    planned, latest = first_reads.period_facts(db, year)
    if planned:
        return year, quarter
    return latest or (year, quarter)
