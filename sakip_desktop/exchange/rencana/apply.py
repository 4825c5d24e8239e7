"""Operation 'Impor rencana': write a checked planning workbook (`rencana_check.RencanaPreview`) in one
transaction with its audit trail: records are matched by code and updated, new codes are added, nothing
the file does not list is removed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from sakip_desktop.domain import bounds
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.rencana.check import RencanaPreview
from sakip_desktop.exchange.rencana.data import current_plan_id
from sakip_desktop.ops.base import Actor, Tx, snapshot, write
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
    RenstraTarget,
    StrategicPlan,
    SubActivity,
    Unit,
    YearlyTarget,
)

_INDICATOR_FIELDS = (
    "objective_id",
    "name",
    "unit",
    "polarity",
    "aggregation",
    "definition",
    "formula",
    "data_source",
    "responsible_unit_id",
    "is_key",
    "baseline",
    "sort_order",
)


@dataclass(frozen=True)
class RencanaResult:
    """How many records the import added and changed."""

    added: int
    changed: int


class _Writer:
    """Upserts that audit what they add and change."""

    def __init__(self, tx: Tx) -> None:
        self.tx, self.s = tx, tx.session
        self.added = self.changed = 0
        self._pending: list[tuple[str, Any, dict[str, Any]]] = []

    def upsert(self, entity: str, record: Any, model: type, values: dict[str, Any], leaf: bool = False) -> Any:
        """Update `record` with `values`, or (record None) add a new `model`; audit either.

        A `leaf` record (nothing refers to it) gets its id, and its audit entry, at `finish()`: one flush
        for all of them instead of one each.
        """
        if record is None:
            record = model(**values)
            self.s.add(record)
            self.added += 1
            if leaf:
                self._pending.append((entity, record, values))
                return record
            self.s.flush()
            self.tx.audit(entity, record.id, None, snapshot(record, values))
            return record
        # Compared as values, not as text: 58.20 and 58.2 are the same baseline.
        changed = [name for name, value in values.items() if getattr(record, name) != value]
        if changed:
            old = snapshot(record, changed)
            for name in changed:
                setattr(record, name, values[name])
            self.tx.audit(entity, record.id, old, snapshot(record, changed))
            self.changed += 1
        return record

    def finish(self) -> None:
        """Audit the new leaf records."""
        self.s.flush()
        for entity, record, values in self._pending:
            self.tx.audit(entity, record.id, None, snapshot(record, values))


def apply_rencana(db: Database, actor: Actor, preview: RencanaPreview) -> RencanaResult:
    """Operation 'Impor rencana': write every row of the preview, all or nothing; returns the counts."""
    data = preview.data
    assert data.plan is not None
    _check_values(data)
    with write(db, actor, Op.RENCANA_IMPORT) as tx:
        w = _Writer(tx)
        s = tx.session
        plan_id = current_plan_id(s, data.plan)
        p = data.plan
        plan = w.upsert(
            "strategic_plan",
            s.get(StrategicPlan, plan_id) if plan_id else None,
            StrategicPlan,
            {
                "name": p.name,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "vision": p.vision,
                "mission": p.mission,
            },
        )
        goals = {g.code: g for g in s.scalars(select(Goal).where(Goal.plan_id == plan.id))}
        for order, g in enumerate(data.goals):
            values = {"plan_id": plan.id, "code": g.code, "statement": g.statement, "sort_order": order}
            goals[g.code] = w.upsert("goal", goals.get(g.code), Goal, values)
        goal_ids = [g.id for g in goals.values()]
        objectives = {o.code: o for o in s.scalars(select(Objective).where(Objective.goal_id.in_(goal_ids)))}
        for order, o in enumerate(data.objectives):
            values = {"goal_id": goals[o.goal_code].id, "code": o.code, "statement": o.statement, "sort_order": order}
            objectives[o.code] = w.upsert("objective", objectives.get(o.code), Objective, values)
        units = {u.name: u.id for u in s.scalars(select(Unit))}
        indicators = {i.code: i for i in s.scalars(select(Indicator))}
        base_order = max((i.sort_order for i in indicators.values()), default=0) + 1
        for order, i in enumerate(data.indicators):
            record = indicators.get(i.code)
            values = {
                "code": i.code,
                "objective_id": objectives[i.objective_code].id,
                "name": i.name,
                "unit": i.unit,
                "polarity": i.polarity,
                "aggregation": i.aggregation,
                "definition": i.definition,
                "formula": i.formula,
                "data_source": i.data_source,
                "responsible_unit_id": units.get(i.responsible_unit) if i.responsible_unit else None,
                "is_key": i.is_key,
                "baseline": i.baseline,
                "sort_order": record.sort_order if record else base_order + order,
            }
            indicators[i.code] = w.upsert("indicator", record, Indicator, values)
        _targets(w, data, indicators)
        _budget(w, data, plan.id, objectives, units)
        w.finish()
    return RencanaResult(w.added, w.changed)


def _check_values(data) -> None:
    """Every number within its bound (`domain.bounds`), as the screens' operations check them: the reader
    checked them already, so this only stops a preview put together some other way."""
    for i in data.indicators:
        bounds.check(i.baseline, bounds.INDICATOR_VALUE, f"Baseline {i.code}", "baseline")
    for t in data.targets:
        label = f"Target {t.indicator_code} tahun {t.year}"
        ends = [t.renstra] + [v for target in (t.yearly, *t.quarters) if target for v in (target.low, target.high)]
        for value in ends:
            bounds.check(value, bounds.INDICATOR_VALUE, label, "target")
    for x in data.sub_activities:
        for year, ceiling in x.ceilings:
            bounds.check_rupiah(ceiling, f"Pagu {x.code} tahun {year}", "ceiling")
    for row in data.spending:
        for amount in row.amounts:
            bounds.check_rupiah(amount, f"Realisasi anggaran {row.sub_activity_code} tahun {row.year}", "spent")


def _targets(w: _Writer, data, indicators: dict[str, Indicator]) -> None:
    s = w.s
    ids = [indicators[t.indicator_code].id for t in data.targets]
    renstra = {
        (t.indicator_id, t.year): t for t in s.scalars(select(RenstraTarget).where(RenstraTarget.indicator_id.in_(ids)))
    }
    yearly = {
        (t.indicator_id, t.year): t for t in s.scalars(select(YearlyTarget).where(YearlyTarget.indicator_id.in_(ids)))
    }
    quarterly = {
        (q.yearly_target_id, q.quarter): q
        for q in s.scalars(
            select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id.in_([y.id for y in yearly.values()]))
        )
    }
    # Checked again here, inside the transaction: a quarter the Camat approved after the file was read keeps its
    # target too (the preview's check saw the database as it was then).
    approved = {
        tuple(row)
        for row in s.execute(
            select(Realisation.indicator_id, Realisation.year, Realisation.quarter).where(
                Realisation.status == Status.APPROVED.value, Realisation.indicator_id.in_(ids)
            )
        )
    }
    for t in data.targets:
        key = (indicators[t.indicator_code].id, t.year)
        if t.renstra is not None:
            values = {"indicator_id": key[0], "year": t.year, "value": t.renstra}
            w.upsert("renstra_target", renstra.get(key), RenstraTarget, values, leaf=True)
        if t.yearly is None:
            continue
        values = {"indicator_id": key[0], "year": t.year, "value": t.yearly.low, "value_high": t.yearly.high}
        y = w.upsert("yearly_target", yearly.get(key), YearlyTarget, values)
        for quarter, q in enumerate(t.quarters, start=1):
            if q is not None:
                stored = quarterly.get((y.id, quarter))
                same = stored is not None and (stored.value, stored.value_high) == (q.low, q.high)
                if (*key, quarter) in approved and not same:
                    raise ValidationError(
                        f"Target {quarter_label(quarter)} {t.indicator_code} tahun {t.year} tidak dapat diubah: "
                        f"realisasi {quarter_label(quarter)} sudah disetujui Camat dan terkunci. Berkas tidak diimpor.",
                        field="target",
                    )
                values = {"yearly_target_id": y.id, "quarter": quarter, "value": q.low, "value_high": q.high}
                w.upsert("quarterly_target", quarterly.get((y.id, quarter)), QuarterlyTarget, values, leaf=True)


def _budget(w: _Writer, data, plan_id: int, objectives: dict[str, Objective], units: dict[str, int]) -> None:
    s = w.s
    programs = {p.code: p for p in s.scalars(select(Program))}
    for p in data.programs:
        values = {
            "plan_id": plan_id,
            "code": p.code,
            "name": p.name,
            "objective_id": objectives[p.objective_code].id if p.objective_code else None,
        }
        programs[p.code] = w.upsert("program", programs.get(p.code), Program, values)
    activities = {a.code: a for a in s.scalars(select(Activity))}
    for a in data.activities:
        values = {"program_id": programs[a.program_code].id, "code": a.code, "name": a.name}
        activities[a.code] = w.upsert("activity", activities.get(a.code), Activity, values)
    subs = {x.code: x for x in s.scalars(select(SubActivity))}
    budgets = {(b.sub_activity_id, b.year): b for b in s.scalars(select(Budget))}
    for x in data.sub_activities:
        values = {
            "activity_id": activities[x.activity_code].id,
            "code": x.code,
            "name": x.name,
            "unit_id": units.get(x.unit) if x.unit else None,
        }
        sub = subs[x.code] = w.upsert("sub_activity", subs.get(x.code), SubActivity, values)
        for year, ceiling in x.ceilings:
            values = {"sub_activity_id": sub.id, "year": year, "ceiling": ceiling}
            budgets[(sub.id, year)] = w.upsert("budget", budgets.get((sub.id, year)), Budget, values)
    spent = {(b.budget_id, b.quarter): b for b in s.scalars(select(BudgetSpending))}
    for row in data.spending:
        budget = budgets[(subs[row.sub_activity_code].id, row.year)]
        for quarter, amount in enumerate(row.amounts, start=1):
            if amount is not None:
                values = {"budget_id": budget.id, "quarter": quarter, "amount": amount}
                w.upsert("budget_spending", spent.get((budget.id, quarter)), BudgetSpending, values, leaf=True)


__all__ = ["RencanaResult", "apply_rencana"]
