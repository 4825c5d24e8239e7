"""Targets of an indicator: the Renstra target per year, the yearly (PK) target and TW I–IV (rencana aksi).

Quarterly targets that do not add up to the yearly target are saved anyway (the Kasubag may be half-way
through), and the problems are returned so the screen warns; the PK checks refuse them later. A quarter whose
realisasi the Camat has approved keeps its target: its capaian is locked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, utcnow, write
from sakip_desktop.ops.realisation.common import check_period
from sakip_desktop.ops.realisation.qualitative import check_rank
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Goal,
    Indicator,
    Objective,
    QuarterlyTarget,
    Realisation,
    RenstraTarget,
    StrategicPlan,
    YearlyTarget,
)


def _indicator(session: Session, indicator_id: int) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound("Indikator tidak ditemukan (mungkin sudah dihapus).")
    return indicator


def plan_of(session: Session, indicator: Indicator) -> StrategicPlan:
    """The Renstra an indicator belongs to."""
    return session.scalars(
        select(StrategicPlan)
        .join(Goal, Goal.plan_id == StrategicPlan.id)
        .join(Objective, Objective.goal_id == Goal.id)
        .where(Objective.id == indicator.objective_id)
    ).one()


def _value(session: Session, indicator: Indicator, value: Decimal | None, label: str, field: str) -> Decimal | None:
    amount = rules.indicator_value(value, label, field)
    check_rank(session, indicator, amount, label, field)
    return amount


def _target(session: Session, indicator: Indicator, target: Target | None, label: str, field: str) -> Target | None:
    """A target checked: non-negative numbers (ranks for a qualitative indicator), a range low below high."""
    if target is None:
        return None
    target = rules.target_range(target, label, field, qualitative=indicator.scale_id is not None)
    check_rank(session, indicator, target.low, label, field)
    return target


def _text(target: Target | None) -> str | None:
    if target is None:
        return None
    low = format(target.low, "f")
    return low if target.high is None else f"{low}–{format(target.high, 'f')}"


def _same(a: Target | None, b: Target | None) -> bool:
    """The same target, compared as values (60 and 60.0 are one target)."""
    return (a is None and b is None) or (a is not None and b is not None and (a.low, a.high) == (b.low, b.high))


# --- Renstra targets -----------------------------------------------------------------------------------------


def put_renstra_targets(tx: Tx, indicator_id: int, values: Mapping[int, Decimal | None]) -> None:
    """The Renstra target of each year given (None removes it), within the plan's period; one audit entry per
    target that changes."""
    s = tx.session
    indicator = _indicator(s, indicator_id)
    plan = plan_of(s, indicator)
    existing = {t.year: t for t in s.scalars(select(RenstraTarget).where(RenstraTarget.indicator_id == indicator_id))}
    added: list[RenstraTarget] = []
    for year, given in sorted(values.items()):
        field = f"renstra_{year}"
        rules.year_in_plan(year, plan.start_year, plan.end_year, field)
        value = _value(s, indicator, given, f"Target Renstra {year}", field)
        row = existing.get(year)
        if row is None:
            if value is not None:
                added.append(RenstraTarget(indicator_id=indicator_id, year=year, value=value))
            continue
        if value == row.value:
            continue
        new = None if value is None else {"year": year, "value": format(value, "f")}
        tx.audit("renstra_target", row.id, {"year": year, "value": format(row.value, "f")}, new)
        if value is None:
            s.delete(row)
        else:
            row.value = value
    if added:
        s.add_all(added)
        s.flush()
        for row in added:
            tx.audit("renstra_target", row.id, None, {"year": row.year, "value": format(row.value, "f")})


def set_renstra_targets(
    db: Database,
    actor: Actor,
    indicator_id: int,
    values: Mapping[int, Decimal | None],
    *,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Simpan target Renstra': the target of each year given (None removes it), within the plan's period."""
    with write(db, actor, Op.RENSTRA_TARGETS_SAVE, clock=clock) as tx:
        put_renstra_targets(tx, indicator_id, values)


# --- yearly and quarterly targets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearTargets:
    """The yearly target of an indicator in one year and TW I..IV (None: not set); `yearly` None: none."""

    indicator_id: int
    year: int
    yearly: Target | None
    quarterly: Sequence[Target | None]


@dataclass
class _Checked:
    indicator: Indicator
    year: int
    yearly: Target | None
    quarters: list[Target | None]
    row: YearlyTarget | None = None


def _checked(s: Session, item: YearTargets) -> _Checked:
    """The targets by the rules: numbers within bounds, ranges low below high, ranks of a qualitative scale."""
    check_period(item.year, 1)
    quarters = list(item.quarterly) + [None] * (4 - len(item.quarterly))
    if len(quarters) != 4:
        raise ValidationError("Target triwulan hanya untuk TW I sampai TW IV.", field="quarterly")
    indicator = _indicator(s, item.indicator_id)
    yearly = _target(s, indicator, item.yearly, f"Target tahun {item.year}", "yearly")
    quarters = [_target(s, indicator, t, f"Target {quarter_label(n)}", f"q{n}") for n, t in enumerate(quarters, 1)]
    return _Checked(indicator, item.year, yearly, quarters)


def _stored(
    s: Session, indicator_ids: set[int]
) -> tuple[dict[tuple[int, int], YearlyTarget], dict[int, dict[int, QuarterlyTarget]], set[tuple[int, int, int]]]:
    """The stored yearly targets by (indicator, year), their quarters, and the approved (indicator, year, TW)."""
    rows = {
        (r.indicator_id, r.year): r
        for r in s.scalars(select(YearlyTarget).where(YearlyTarget.indicator_id.in_(indicator_ids)))
    }
    quarters: dict[int, dict[int, QuarterlyTarget]] = {}
    ids = [r.id for r in rows.values()]
    for q in s.scalars(select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id.in_(ids))):
        quarters.setdefault(q.yearly_target_id, {})[q.quarter] = q
    approved = {
        (i, y, q)
        for i, y, q in s.execute(
            select(Realisation.indicator_id, Realisation.year, Realisation.quarter).where(
                Realisation.indicator_id.in_(indicator_ids), Realisation.status == Status.APPROVED.value
            )
        )
    }
    return rows, quarters, approved


def _check_locked(item: _Checked, stored: Mapping[int, QuarterlyTarget], approved: set[tuple[int, int, int]]) -> None:
    """A quarter whose realisasi the Camat approved keeps its target: its capaian is locked."""
    for n in range(1, 5):
        if (item.indicator.id, item.year, n) not in approved:
            continue
        before = stored.get(n)
        if not _same(None if before is None else Target(before.value, before.value_high), item.quarters[n - 1]):
            raise ValidationError(
                f"Target {quarter_label(n)} {item.indicator.code} tahun {item.year} tidak dapat diubah: realisasi "
                f"{quarter_label(n)} sudah disetujui Camat dan terkunci.",
                field=f"q{n}",
            )


def _remove_year(tx: Tx, indicator: Indicator, year: int, row: YearlyTarget | None) -> None:
    """Remove the year's targets (its quarters go with it), refused once realisasi exist."""
    s = tx.session
    if row is None:
        return
    if s.scalar(select(Realisation.id).where(Realisation.indicator_id == indicator.id, Realisation.year == year)):
        raise ValidationError(
            f"Target tahun {year} {indicator.code} tidak dapat dihapus karena sudah ada realisasinya.", field="yearly"
        )
    tx.audit("yearly_target", row.id, {"year": year, "value": _text(Target(row.value, row.value_high))}, None)
    s.delete(row)


def _put_years(tx: Tx, items: list[_Checked]) -> None:
    """Each item's yearly target written into `item.row` (new rows get their ids in one flush)."""
    added: list[_Checked] = []
    for item in items:
        assert item.yearly is not None
        row = item.row
        if row is not None and _same(Target(row.value, row.value_high), item.yearly):
            continue
        new = {"year": item.year, "value": _text(item.yearly)}
        if row is None:
            item.row = YearlyTarget(
                indicator_id=item.indicator.id, year=item.year, value=item.yearly.low, value_high=item.yearly.high
            )
            tx.session.add(item.row)
            added.append(item)
            continue
        tx.audit("yearly_target", row.id, {"year": item.year, "value": _text(Target(row.value, row.value_high))}, new)
        row.value, row.value_high = item.yearly.low, item.yearly.high
    if added:
        tx.session.flush()
        for item in added:
            assert item.row is not None and item.yearly is not None
            tx.audit("yearly_target", item.row.id, None, {"year": item.year, "value": _text(item.yearly)})


def _put_quarters(tx: Tx, items: list[_Checked], stored: Mapping[int, Mapping[int, QuarterlyTarget]]) -> None:
    """Each item's TW I..IV written (new ones get their ids in one flush)."""
    s = tx.session
    added: list[tuple[QuarterlyTarget, dict[str, Any]]] = []
    for item in items:
        assert item.row is not None
        quarters = stored.get(item.row.id, {})
        for n, target in enumerate(item.quarters, start=1):
            current = quarters.get(n)
            before = None if current is None else Target(current.value, current.value_high)
            if _same(before, target):
                continue
            new = None if target is None else {"quarter": n, "value": _text(target)}
            if current is None:
                assert target is not None and new is not None
                current = QuarterlyTarget(
                    yearly_target_id=item.row.id, quarter=n, value=target.low, value_high=target.high
                )
                s.add(current)
                added.append((current, new))
                continue
            assert before is not None
            tx.audit("quarterly_target", current.id, {"quarter": n, "value": _text(before)}, new)
            if target is None:
                s.delete(current)
            else:
                current.value, current.value_high = target.low, target.high
    if added:
        s.flush()
        for current, new in added:
            tx.audit("quarterly_target", current.id, None, new)


def put_many_year_targets(tx: Tx, items: Sequence[YearTargets]) -> list[list[str]]:
    """The yearly and TW targets of each item (one indicator and year each); an item's `yearly` None removes
    that year's targets. Returns, per item, what does not agree between the quarters and the year (saved either
    way). The stored targets are read once for all items."""
    s = tx.session
    checked = [_checked(s, item) for item in items]
    rows, stored, approved = _stored(s, {c.indicator.id for c in checked})
    for item in checked:
        item.row = rows.get((item.indicator.id, item.year))
        _check_locked(item, stored.get(item.row.id, {}) if item.row else {}, approved)
    for item in checked:
        if item.yearly is None:
            _remove_year(tx, item.indicator, item.year, item.row)
    kept = [item for item in checked if item.yearly is not None]
    _put_years(tx, kept)
    _put_quarters(tx, kept, stored)
    return [
        quarterly_target_problems(item.yearly, item.quarters, Aggregation(item.indicator.aggregation))
        if item.yearly is not None
        else []
        for item in checked
    ]


def put_year_targets(
    tx: Tx, indicator_id: int, year: int, yearly: Target | None, quarterly: Sequence[Target | None]
) -> list[str]:
    """The yearly target of `year` and TW I..IV (`quarterly`, None: not set); `yearly` None removes the year's
    targets. Returns what does not agree between the quarters and the year (saved either way)."""
    return put_many_year_targets(tx, [YearTargets(indicator_id, year, yearly, quarterly)])[0]


def set_year_targets(
    db: Database,
    actor: Actor,
    indicator_id: int,
    year: int,
    yearly: Target | None,
    quarterly: Sequence[Target | None],
    *,
    clock: Clock = utcnow,
) -> list[str]:
    """Operation 'Simpan target tahunan dan triwulan' of one indicator and year.

    `quarterly` is TW I..IV (None: not set). `yearly` None removes the year's targets (refused once realisasi
    exist). Returns what does not agree between the quarters and the year (`quarterly_target_problems`),
    empty when consistent; the targets are saved either way.
    """
    check_period(year, 1)
    with write(db, actor, Op.YEAR_TARGETS_SAVE, clock=clock) as tx:
        return put_year_targets(tx, indicator_id, year, yearly, quarterly)


__all__ = [
    "YearTargets",
    "plan_of",
    "put_many_year_targets",
    "put_renstra_targets",
    "put_year_targets",
    "set_renstra_targets",
    "set_year_targets",
]
