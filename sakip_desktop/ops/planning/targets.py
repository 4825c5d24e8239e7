"""Targets of an indicator: the Renstra target per year, the yearly (PK) target and TW I–IV (rencana aksi).

Quarterly targets that do not add up to the yearly target are saved anyway (the Kasubag may be half-way
through), and the problems are returned so the screen warns; the PK checks refuse them later. A quarter whose
realisasi the Camat has approved keeps its target: its capaian is locked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, write
from sakip_desktop.ops.realisation.common import check_amount, check_period
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
    amount = check_amount(value, label, field)
    check_rank(session, indicator, amount, label, field)
    return amount


def _target(session: Session, indicator: Indicator, target: Target | None, label: str, field: str) -> Target | None:
    """A target checked: non-negative numbers (ranks for a qualitative indicator), a range low below high."""
    if target is None:
        return None
    low = _value(session, indicator, target.low, label, field)
    assert low is not None
    high = _value(session, indicator, target.high, f"{label} (batas atas)", field)
    if high is not None and high == low:
        high = None
    if high is not None and high < low:
        raise ValidationError(f"{label}: batas atas {high} lebih kecil dari batas bawah {low}.", field=field)
    if high is not None and indicator.scale_id is not None:
        raise ValidationError(f"{label}: target indikator kualitatif satu tingkat, bukan rentang.", field=field)
    return Target(low, high)


def set_renstra_targets(db: Database, actor: Actor, indicator_id: int, values: Mapping[int, Decimal | None]) -> None:
    """Operation 'Simpan target Renstra': the target of each year given (None removes it), within the plan's period."""
    with write(db, actor, Op.RENSTRA_TARGETS_SAVE) as tx:
        s = tx.session
        indicator = _indicator(s, indicator_id)
        plan = plan_of(s, indicator)
        existing = {
            t.year: t for t in s.scalars(select(RenstraTarget).where(RenstraTarget.indicator_id == indicator_id))
        }
        for year, value in sorted(values.items()):
            if not plan.start_year <= year <= plan.end_year:
                raise ValidationError(
                    f"Tahun {year} di luar periode Renstra {plan.start_year}–{plan.end_year}.", field=f"renstra_{year}"
                )
            value = _value(s, indicator, value, f"Target Renstra {year}", f"renstra_{year}")
            row = existing.get(year)
            old = None if row is None else {"year": year, "value": format(row.value, "f")}
            new = None if value is None else {"year": year, "value": format(value, "f")}
            if value is None and row is not None:
                s.delete(row)
            elif value is not None and row is None:
                row = RenstraTarget(indicator_id=indicator_id, year=year, value=value)
                s.add(row)
                s.flush()
            elif value is not None and row is not None:
                row.value = value
            if row is not None:
                tx.audit("renstra_target", row.id, old, new)


def _approved_quarters(session: Session, indicator_id: int, year: int) -> set[int]:
    return set(
        session.scalars(
            select(Realisation.quarter).where(
                Realisation.indicator_id == indicator_id,
                Realisation.year == year,
                Realisation.status == Status.APPROVED.value,
            )
        )
    )


def _text(target: Target | None) -> str | None:
    if target is None:
        return None
    low = format(target.low, "f")
    return low if target.high is None else f"{low}–{format(target.high, 'f')}"


def set_year_targets(
    db: Database,
    actor: Actor,
    indicator_id: int,
    year: int,
    yearly: Target | None,
    quarterly: Sequence[Target | None],
) -> list[str]:
    """Operation 'Simpan target tahunan dan triwulan' of one indicator and year.

    `quarterly` is TW I..IV (None: not set). `yearly` None removes the year's targets (refused once realisasi
    exist). Returns what does not agree between the quarters and the year (`quarterly_target_problems`),
    empty when consistent; the targets are saved either way.
    """
    check_period(year, 1)
    quarters = list(quarterly) + [None] * (4 - len(quarterly))
    if len(quarters) != 4:
        raise ValidationError("Target triwulan hanya untuk TW I sampai TW IV.", field="quarterly")
    with write(db, actor, Op.YEAR_TARGETS_SAVE) as tx:
        s = tx.session
        indicator = _indicator(s, indicator_id)
        yearly = _target(s, indicator, yearly, f"Target tahun {year}", "yearly")
        quarters = [_target(s, indicator, t, f"Target {quarter_label(n)}", f"q{n}") for n, t in enumerate(quarters, 1)]
        row = s.scalars(
            select(YearlyTarget).where(YearlyTarget.indicator_id == indicator_id, YearlyTarget.year == year)
        ).first()
        stored = {}
        if row is not None:
            stored = {
                q.quarter: q
                for q in s.scalars(select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id == row.id))
            }
        locked = _approved_quarters(s, indicator_id, year)
        for n in sorted(locked):
            before = stored.get(n)
            old = None if before is None else Target(before.value, before.value_high)
            if _text(old) != _text(quarters[n - 1]):
                raise ValidationError(
                    f"Target {quarter_label(n)} {indicator.code} tidak dapat diubah: realisasi {quarter_label(n)} "
                    "sudah disetujui Camat dan terkunci.",
                    field=f"q{n}",
                )
        if yearly is None:
            if row is not None:
                if s.scalar(
                    select(Realisation.id).where(Realisation.indicator_id == indicator_id, Realisation.year == year)
                ):
                    raise ValidationError(
                        f"Target tahun {year} {indicator.code} tidak dapat dihapus karena sudah ada realisasinya.",
                        field="yearly",
                    )
                tx.audit(
                    "yearly_target", row.id, {"year": year, "value": _text(Target(row.value, row.value_high))}, None
                )
                s.delete(row)  # its quarters go with it
            return []
        old = None if row is None else {"year": year, "value": _text(Target(row.value, row.value_high))}
        if row is None:
            row = YearlyTarget(indicator_id=indicator_id, year=year, value=yearly.low, value_high=yearly.high)
            s.add(row)
            s.flush()
        else:
            row.value, row.value_high = yearly.low, yearly.high
        tx.audit("yearly_target", row.id, old, {"year": year, "value": _text(yearly)})
        for n, target in enumerate(quarters, start=1):
            current = stored.get(n)
            before = (
                None if current is None else {"quarter": n, "value": _text(Target(current.value, current.value_high))}
            )
            after = None if target is None else {"quarter": n, "value": _text(target)}
            if target is None and current is not None:
                s.delete(current)
            elif target is not None and current is None:
                current = QuarterlyTarget(yearly_target_id=row.id, quarter=n, value=target.low, value_high=target.high)
                s.add(current)
                s.flush()
            elif target is not None and current is not None:
                current.value, current.value_high = target.low, target.high
            if current is not None:
                tx.audit("quarterly_target", current.id, before, after)
        return quarterly_target_problems(yearly, quarters, Aggregation(indicator.aggregation))
