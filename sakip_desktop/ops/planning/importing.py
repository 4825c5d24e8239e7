"""Operation 'Impor rencana': write a whole plan (`rows.RencanaData`, e.g. a checked planning workbook) in one
transaction, through the same roads the Perencanaan and Anggaran screens take (`records`, `targets`, `budget`).

Records are matched by code and changed, new codes are added, nothing the rows do not list is removed. A code is
matched as the screens compare it: tujuan and sasaran regardless of case, an indicator in capitals. A record the
rows leave unchanged is not written and leaves no audit entry; the counts come from the audit entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.achievement import Aggregation, Polarity
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.planning import IndicatorInput, NodeInput
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Tx, write
from sakip_desktop.ops.planning import budget
from sakip_desktop.ops.planning.funds import BudgetInput, put_budgets
from sakip_desktop.ops.planning.records import put_goal, put_indicator, put_objective, put_plan
from sakip_desktop.ops.planning.rows import RencanaData
from sakip_desktop.ops.planning.stored import current_plan_id
from sakip_desktop.ops.planning.targets import YearTargets, put_many_year_targets, put_renstra_targets
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Activity, Goal, Indicator, Objective, Program, SubActivity, Unit


@dataclass(frozen=True)
class RencanaResult:
    """How many records the import added and changed."""

    added: int
    changed: int


@contextmanager
def _refusing_the_file() -> Iterator[None]:
    """A rule broken while writing (the database changed since the file was checked) refuses the whole file."""
    try:
        yield
    except ValidationError as exc:
        raise ValidationError(f"{exc.message} Berkas tidak diimpor.", field=exc.field) from exc


def import_rencana(db: Database, actor: Actor, data: RencanaData) -> RencanaResult:
    """Operation 'Impor rencana': write every row of `data`, all or nothing; returns the counts."""
    if data.plan is None:
        raise ValidationError("Berkas tidak berisi Renstra; tidak ada yang diimpor.")
    _check_values(data)
    with write(db, actor, Op.RENCANA_IMPORT) as tx, _refusing_the_file():
        plan_id = _plan(tx, data)
        objectives = _goals_and_objectives(tx, data, plan_id)
        indicators = _indicators(tx, data, objectives)
        _targets(tx, data, indicators)
        _budget(tx, data, plan_id, objectives)
        added = sum(1 for e in tx.entries if e.old is None and e.new is not None)
        changed = sum(1 for e in tx.entries if e.old is not None and e.new is not None)
    return RencanaResult(added, changed)


def _check_values(data: RencanaData) -> None:
    """Every number within its bound, named by its indicator or sub kegiatan and year: the workbook's reader
    checked them already, so this only stops rows put together some other way."""
    for i in data.indicators:
        rules.indicator_value(i.baseline, f"Baseline {i.code}", "baseline")
    for t in data.targets:
        label = f"Target {t.indicator_code} tahun {t.year}"
        ends = [t.renstra] + [v for target in (t.yearly, *t.quarters) if target for v in (target.low, target.high)]
        for value in ends:
            rules.indicator_value(value, label, "target")
    for x in data.sub_activities:
        for year, ceiling in x.ceilings:
            rules.rupiah(ceiling, f"Pagu {x.code} tahun {year}", "ceiling")
    for row in data.spending:
        for amount in row.amounts:
            rules.rupiah(amount, f"Realisasi anggaran {row.sub_activity_code} tahun {row.year}", "spent")


def _plan(tx: Tx, data: RencanaData) -> int:
    p = data.plan
    assert p is not None
    return put_plan(tx, current_plan_id(tx.session, p), p)


def _goals_and_objectives(tx: Tx, data: RencanaData, plan_id: int) -> dict[str, int]:
    """Tujuan and sasaran of the Renstra, in the rows' order; the sasaran ids by (lower-case) code."""
    s = tx.session
    goals = {code.lower(): id_ for id_, code in s.execute(select(Goal.id, Goal.code).where(Goal.plan_id == plan_id))}
    for order, g in enumerate(data.goals):
        goals[g.code.lower()] = put_goal(tx, plan_id, goals.get(g.code.lower()), NodeInput(g.code, g.statement, order))
    objectives = {
        code.lower(): id_
        for id_, code in s.execute(
            select(Objective.id, Objective.code).join(Goal, Goal.id == Objective.goal_id).where(Goal.plan_id == plan_id)
        )
    }
    for order, o in enumerate(data.objectives):
        key = o.code.lower()
        objectives[key] = put_objective(
            tx, goals[o.goal_code.lower()], objectives.get(key), NodeInput(o.code, o.statement, order)
        )
    return objectives


def _indicators(tx: Tx, data: RencanaData, objectives: dict[str, int]) -> dict[str, int]:
    """The indicators of the rows; a new one after the others, a stored one keeps its place and its scale. The
    indicator ids by code."""
    s = tx.session
    stored = {i.code.upper(): i for i in s.scalars(select(Indicator))}
    units = {name: id_ for id_, name in s.execute(select(Unit.id, Unit.name))}
    next_order = max((i.sort_order for i in stored.values()), default=0) + 1
    ids = {code: i.id for code, i in stored.items()}
    for order, i in enumerate(data.indicators):
        record = stored.get(i.code.upper())
        data_in = IndicatorInput(
            code=i.code,
            name=i.name,
            unit=i.unit,
            polarity=Polarity(i.polarity),
            aggregation=Aggregation(i.aggregation),
            definition=i.definition,
            formula=i.formula,
            data_source=i.data_source,
            responsible_unit_id=units.get(i.responsible_unit) if i.responsible_unit else None,
            is_key=i.is_key,
            scale_id=record.scale_id if record else None,
            baseline=i.baseline,
            sort_order=record.sort_order if record else next_order + order,
        )
        objective_id = objectives[i.objective_code.lower()]
        ids[i.code.upper()] = put_indicator(tx, objective_id, record.id if record else None, data_in)
    return ids


def _targets(tx: Tx, data: RencanaData, indicators: dict[str, int]) -> None:
    """Renstra, yearly and TW targets; what a row leaves empty is what is stored (the rows come merged)."""
    held = tx.session.scalars(select(Indicator)).all()  # kept in the session while their targets are written
    renstra: dict[int, dict[int, Decimal | None]] = {}
    for t in data.targets:
        if t.renstra is not None:
            renstra.setdefault(indicators[t.indicator_code.upper()], {})[t.year] = t.renstra
    for indicator_id, values in renstra.items():
        put_renstra_targets(tx, indicator_id, values)
    years = [
        YearTargets(indicators[t.indicator_code.upper()], t.year, t.yearly, t.quarters)
        for t in data.targets
        if t.yearly is not None
    ]
    put_many_year_targets(tx, years)
    del held


def _budget(tx: Tx, data: RencanaData, plan_id: int, objectives: dict[str, int]) -> None:
    """Programs (in this Renstra), kegiatan, sub kegiatan with their pagu and realisasi anggaran."""
    s = tx.session
    units = {name: id_ for id_, name in s.execute(select(Unit.id, Unit.name))}
    ids = [
        {code: id_ for id_, code in s.execute(select(model.id, model.code))}
        for model in (Program, Activity, SubActivity)
    ]
    for p in data.programs:
        link = objectives[p.objective_code.lower()] if p.objective_code else None
        ids[0][p.code] = budget.put_node(
            tx, budget.PROGRAM, budget.NodeInput(p.code, p.name, link), ids[0].get(p.code), plan_id=plan_id
        )
    for a in data.activities:
        node = budget.NodeInput(a.code, a.name)
        ids[1][a.code] = budget.put_node(tx, budget.ACTIVITY, node, ids[1].get(a.code), ids[0][a.program_code])
    for x in data.sub_activities:
        node = budget.NodeInput(x.code, x.name, units.get(x.unit) if x.unit else None)
        ids[2][x.code] = budget.put_node(tx, budget.SUB_ACTIVITY, node, ids[2].get(x.code), ids[1][x.activity_code])
    spending = {(row.sub_activity_code, row.year): row.amounts for row in data.spending}
    items = [
        BudgetInput(ids[2][x.code], year, ceiling, spending.pop((x.code, year), (None, None, None, None)))
        for x in data.sub_activities
        for year, ceiling in x.ceilings
    ]
    # spending under a pagu stored before
    items += [BudgetInput(ids[2][code], year, None, amounts) for (code, year), amounts in spending.items()]
    put_budgets(tx, items)


__all__ = ["RencanaResult", "import_rencana"]
