"""Read-only overviews of the plan for a year and quarter: indicators and budget."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.qualitative import label_of
from sakip_desktop.ops.qualitative import indicator_scales
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Activity,
    Budget,
    BudgetSpending,
    Goal,
    Indicator,
    Objective,
    Program,
    QuarterlyTarget,
    Realisation,
    StrategicPlan,
    SubActivity,
    Unit,
    YearlyTarget,
)

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
    with db.reading() as s:
        years: set[int] = set()
        for start, end in s.execute(select(StrategicPlan.start_year, StrategicPlan.end_year)):
            years.update(range(start, end + 1))
        years.update(s.scalars(select(YearlyTarget.year).distinct()))
        return sorted(years)


def indicator_rows(db: Database, year: int, quarter: int, unit_id: int | None = None) -> list[IndicatorRow]:
    """Indicators (all, or one unit's) with the year's and quarter's target and realisasi."""
    with db.reading() as s:
        query = (
            select(Indicator, Objective)
            .join(Objective, Objective.id == Indicator.objective_id)
            .join(Goal, Goal.id == Objective.goal_id)
            .order_by(Goal.sort_order, Objective.sort_order, Indicator.sort_order, Indicator.code)
        )
        if unit_id is not None:
            query = query.where(Indicator.responsible_unit_id == unit_id)
        rows = s.execute(query).all()
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        yearly = {t.indicator_id: t for t in s.scalars(select(YearlyTarget).where(YearlyTarget.year == year))}
        quarterly = {
            q.yearly_target_id: q.value
            for q in s.scalars(select(QuarterlyTarget).where(QuarterlyTarget.quarter == quarter))
        }
        actuals = {
            r.indicator_id: r
            for r in s.scalars(select(Realisation).where(Realisation.year == year, Realisation.quarter == quarter))
        }
        scales = indicator_scales(s)
        out = []
        for ind, obj in rows:
            target = yearly.get(ind.id)
            actual = actuals.get(ind.id)
            out.append(
                IndicatorRow(
                    indicator_id=ind.id,
                    objective=f"{obj.code} {obj.statement}",
                    code=ind.code,
                    name=ind.name,
                    unit=ind.unit,
                    polarity=POLARITY_LABELS.get(ind.polarity, ind.polarity),
                    aggregation=AGGREGATION_LABELS.get(ind.aggregation, ind.aggregation),
                    is_key=ind.is_key,
                    responsible_unit_id=ind.responsible_unit_id,
                    responsible_unit=units.get(ind.responsible_unit_id, "") if ind.responsible_unit_id else "",
                    year_target=target.value if target else None,
                    quarter_target=quarterly.get(target.id) if target else None,
                    actual=actual.value if actual else None,
                    status=STATUS_LABELS.get(actual.status, actual.status) if actual else "Belum diisi",
                    levels=scales[ind.id].levels if ind.id in scales else {},
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
        programs = s.scalars(select(Program).order_by(Program.code)).all()
        activities = s.scalars(select(Activity).order_by(Activity.code)).all()
        subs = s.scalars(select(SubActivity).order_by(SubActivity.code)).all()
        budgets = {b.sub_activity_id: b for b in s.scalars(select(Budget).where(Budget.year == year))}
        spent: dict[int, int] = {}
        for sp in s.scalars(
            select(BudgetSpending)
            .join(Budget, Budget.id == BudgetSpending.budget_id)
            .where(Budget.year == year, BudgetSpending.quarter <= quarter)
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


def default_period(db: Database, today) -> tuple[int, int]:
    """The year and quarter to open on: the office's reporting quarter when it has a target that
    year, otherwise the latest quarter that has realisasi (a demo or an older database)."""
    from sakip_desktop.domain.periods import current_reporting_period

    year, quarter = current_reporting_period(today)
    with db.reading() as s:
        if s.scalars(select(YearlyTarget.id).where(YearlyTarget.year == year)).first() is not None:
            return year, quarter
        latest = s.execute(
            select(Realisation.year, Realisation.quarter)
            .order_by(Realisation.year.desc(), Realisation.quarter.desc())
            .limit(1)
        ).first()
    return (latest[0], latest[1]) if latest else (year, quarter)
