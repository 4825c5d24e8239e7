"""The checks before a Perjanjian Kinerja is made final (issue #4), in Indonesian."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.ops.agreements.common import (
    REASONS,
    Kind,
    Status,
    get_agreement_row,
    plan_for_year,
    plan_objectives,
    scope_indicators,
    scope_name,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementTarget,
    Indicator,
    PerformanceAgreement,
    QuarterlyTarget,
    YearlyTarget,
)


def _target(low: Decimal, high: Decimal | None) -> Target:
    return Target(low, high)


def _indicator_problems(session: Session, year: int, indicators: list[Indicator]) -> list[str]:
    """Every indicator has a yearly target, and its quarterly targets agree with it."""
    ids = [i.id for i in indicators]
    yearly = {
        y.indicator_id: y
        for y in session.scalars(
            select(YearlyTarget).where(YearlyTarget.year == year, YearlyTarget.indicator_id.in_(ids))
        )
    }
    quarters: dict[int, dict[int, Target]] = {}
    for q in session.scalars(
        select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id.in_([y.id for y in yearly.values()]))
    ):
        quarters.setdefault(q.yearly_target_id, {})[q.quarter] = _target(q.value, q.value_high)
    problems = []
    for ind in indicators:
        y = yearly.get(ind.id)
        if y is None:
            problems.append(f"{ind.code} {ind.name}: belum ada target tahun {year}.")
            continue
        given = quarters.get(y.id, {})
        found = quarterly_target_problems(
            _target(y.value, y.value_high), [given.get(n) for n in (1, 2, 3, 4)], Aggregation(ind.aggregation)
        )
        problems += [f"{ind.code}: {p} (rencana aksi triwulan)." for p in found]
    return problems


def _plan_problems(session: Session, year: int) -> list[str]:
    """Every indicator of the Renstra has a responsible unit; every sasaran has at least one indicator."""
    plan = plan_for_year(session, year)
    problems = []
    counted = dict(session.execute(select(Indicator.objective_id, func.count()).group_by(Indicator.objective_id)).all())
    for objective in plan_objectives(session, plan.id):
        if not counted.get(objective.id):
            problems.append(f'Sasaran {objective.code} "{objective.statement}" belum punya indikator kinerja.')
    for ind in scope_indicators(session, year, None):
        if ind.responsible_unit_id is None:
            problems.append(f"{ind.code} {ind.name}: belum ada unit penanggung jawab.")
    return problems


def _stale_problems(session: Session, row: PerformanceAgreement, indicators: list[Indicator]) -> list[str]:
    """A draft whose targets no longer match the current yearly targets."""
    stored = {
        t.indicator_id: t
        for t in session.scalars(select(AgreementTarget).where(AgreementTarget.agreement_id == row.id))
    }
    yearly = {
        y.indicator_id: y
        for y in session.scalars(
            select(YearlyTarget).where(
                YearlyTarget.year == row.year, YearlyTarget.indicator_id.in_([i.id for i in indicators])
            )
        )
    }
    differ = []
    for ind in indicators:
        y, t = yearly.get(ind.id), stored.get(ind.id)
        if y is None:
            if t is not None:
                differ.append(ind.code)  # the yearly target was removed after the draft took it
            continue
        if t is None or t.value != y.value or t.value_high != y.value_high:
            differ.append(ind.code)
    in_scope = {i.id for i in indicators}
    differ += [session.get_one(Indicator, iid).code for iid in stored if iid not in in_scope]
    if not differ:
        return []
    return [
        f'Target di draf berbeda dengan data perencanaan saat ini ({", ".join(differ)}); pilih "Perbarui dari data".'
    ]


def problems_of(session: Session, row: PerformanceAgreement) -> list[str]:
    """`agreement_problems` inside an open session."""
    indicators = scope_indicators(session, row.year, row.unit_id)
    problems: list[str] = []
    if not indicators:
        problems.append(f"Belum ada indikator kinerja untuk {scope_name(session, row.unit_id)} tahun {row.year}.")
    if row.unit_id is None:
        problems += _plan_problems(session, row.year)
    problems += _indicator_problems(session, row.year, indicators)
    if row.status == Status.DRAFT.value:
        problems += _stale_problems(session, row, indicators)
    for which, label in (("first", "pertama"), ("second", "kedua")):
        if not getattr(row, f"{which}_party_name").strip():
            problems.append(f"Nama pihak {label} belum diisi.")
        if not getattr(row, f"{which}_party_title").strip():
            problems.append(f"Jabatan pihak {label} belum diisi.")
    if not row.place.strip():
        problems.append("Tempat penandatanganan belum diisi.")
    if row.signed_on is None:
        problems.append("Tanggal penandatanganan belum diisi.")
    elif abs(row.signed_on.year - row.year) > 1:
        problems.append(f"Tanggal penandatanganan {row.signed_on:%d-%m-%Y} jauh dari tahun PK {row.year}.")
    if not row.statement_text.strip():
        problems.append("Teks pernyataan belum diisi.")
    if row.kind == Kind.PERUBAHAN.value:
        if row.reason_code not in REASONS:
            problems.append("Dasar perubahan PK belum dipilih.")
        if not row.reason.strip():
            problems.append("Alasan perubahan PK belum diisi.")
        if not row.document_number.strip():
            problems.append("Nomor dokumen PK Perubahan belum diisi.")
    return problems


def agreement_problems(db: Database, agreement_id: int) -> list[str]:
    """What stops a PK from being made final, in Indonesian; empty when it may be finalised.

    Checks (issue #4): every indicator carried has a yearly target and quarterly targets that agree with it by
    the indicator's aggregation; for the office's PK every indicator of the Renstra has a responsible unit and
    every sasaran has an indicator; a draft's targets are still the current ones; parties, place, date and
    statement are filled in; a PK Perubahan has its ground, reason and number.
    """
    with db.reading() as s:
        return problems_of(s, get_agreement_row(s, agreement_id))
