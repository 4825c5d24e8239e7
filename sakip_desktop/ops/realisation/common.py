"""What the realisasi operations share: who may enter a unit's data, locks, targets and capaian lookups."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain import bounds
from sakip_desktop.domain.achievement import Polarity, Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.realisation import (
    LOCKED_MESSAGE,
    RealisationInput,
    Status,
    previous_quarter,
    quarter_achievement,
    status_problem,
)
from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.errors import NotFound, PermissionDenied, ValidationError
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.models import (
    Goal,
    Indicator,
    Objective,
    Person,
    QuarterlyTarget,
    Realisation,
    RealisationEvidence,
    Unit,
    YearlyTarget,
)

# Roles that may possibly enter realisasi; `may_enter` then checks the unit.
KASUBAG_ROLES = (Role.KASUBAG_PERENCANAAN, Role.KASUBAG_UMUM)  # a Kasubag enters his own sub bagian's realisasi

# Audit snapshot of a realisasi.
FIELDS = (
    "indicator_id",
    "year",
    "quarter",
    "value",
    "status",
    "supporting_factors",
    "inhibiting_factors",
    "follow_up",
    "manual_achievement",
    "manual_justification",
    "return_reason",
)


class EntryRefused(ValidationError):
    """A rule of `sakip_desktop.domain.realisation` refused an entry: `words` are the rule's own, the message
    names the realisasi in front of them (a Format Isian puts its sheet, row and column there instead)."""

    def __init__(self, where: str, words: str, field: str) -> None:
        super().__init__(f"{where}: {words}" if where else words, field=field)
        self.words = words


class RealisationLocked(EntryRefused):
    """A write to an approved (locked) realisasi that is not a revision."""

    def __init__(self) -> None:
        super().__init__("", LOCKED_MESSAGE, field="value")


def check_period(year: int, quarter: int) -> None:
    """Refuse a year or quarter that cannot be meant."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(f"Triwulan {quarter} tidak ada; pilih 1 sampai 4.", field="quarter")
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak masuk akal.", field="year")


def check_amount(value: Decimal | int | None, label: str, field: str) -> Decimal | None:
    """A realisasi, target or baseline within `bounds.INDICATOR_VALUE` (None stays None); `label` names it in
    the message."""
    return bounds.check(value, bounds.INDICATOR_VALUE, label, field)


def person_unit_id(session: Session, actor: Actor) -> int | None:
    """The unit the actor's person belongs to."""
    if actor.person_id is None:
        return None
    person = session.get(Person, actor.person_id)
    return person.unit_id if person else None


def may_enter(session: Session, actor: Actor, unit: Unit | None) -> bool:
    """True when the actor may enter realisasi for indicators of `unit`.

    The Kasi of the seksi, the Kasubag of a sub bagian (their own), the staff of the unit, or an administrator.
    """
    if actor.is_system or actor.is_admin:
        return True
    if unit is None:
        return False
    if any(g.role is Role.KASI and g.unit_id == unit.id for g in actor.grants):
        return True
    own = person_unit_id(session, actor)
    if own != unit.id:
        return False
    if unit.kind == UnitKind.SUBBAGIAN.value and any(g.role in KASUBAG_ROLES for g in actor.grants):
        return True
    return actor.has(Role.STAF)


def require_entry(session: Session, actor: Actor, unit: Unit | None, what: str) -> None:
    """Raise `PermissionDenied` unless the actor may enter realisasi of `unit`."""
    if not may_enter(session, actor, unit):
        name = unit.name if unit else "(indikator tanpa unit penanggung jawab)"
        raise PermissionDenied(
            f"Anda tidak berwenang: {what} untuk {name}. Hanya Kasi/Kasubag unit itu, staf unit itu, "
            "atau Administrator."
        )


def require_entry_all(session: Session, actor: Actor, indicator_ids: Collection[int]) -> dict[int, Indicator]:
    """Raise `PermissionDenied`, naming every unit at once, unless the actor may enter realisasi of all the
    indicators (the Format Isian import checks a whole file this way, once). Returns the indicators found, by id:
    held by the caller, they stay in the session, so later checks find them without a query (and a flush)."""
    indicators = {i.id: i for i in session.scalars(select(Indicator).where(Indicator.id.in_(list(indicator_ids))))}
    units = {u.id: u for u in session.scalars(select(Unit))}
    allowed: dict[int | None, bool] = {}
    refused: dict[str, None] = {}
    for indicator_id in indicator_ids:
        indicator = indicators.get(indicator_id)
        unit = units.get(indicator.responsible_unit_id) if indicator and indicator.responsible_unit_id else None
        key = unit.id if unit else None
        if key not in allowed:
            allowed[key] = may_enter(session, actor, unit)
        if not allowed[key]:
            refused[unit.name if unit else indicator.code if indicator else f"indikator #{indicator_id}"] = None
    if refused:
        raise PermissionDenied(
            f"Anda tidak berwenang mengisi realisasi untuk: {', '.join(refused)}. Berkas tidak diimpor."
        )
    return indicators


def ensure_editable(row: Realisation, name: str) -> None:
    """Refuse a change by the Kasi to a realisasi that has left the draft (`name`: 'IK04 TW III 2025')."""
    problem = status_problem(Status(row.status))
    if problem == LOCKED_MESSAGE:
        raise RealisationLocked()
    if problem:
        raise EntryRefused(name, problem, field="status")


def stored_input(row: Realisation | None) -> RealisationInput | None:
    """What is stored for a realisasi, in the shape an entry is made in (None when nothing is stored)."""
    if row is None:
        return None
    return RealisationInput(
        row.value,
        row.supporting_factors,
        row.inhibiting_factors,
        row.follow_up,
        row.manual_achievement,
        row.manual_justification,
    )


def period_realisations(
    session: Session, indicator_ids: Iterable[int], year: int, quarter: int
) -> dict[int, Realisation]:
    """The realisasi of the indicators for a quarter, by indicator id."""
    return {
        r.indicator_id: r
        for r in session.scalars(
            select(Realisation).where(
                Realisation.year == year,
                Realisation.quarter == quarter,
                Realisation.indicator_id.in_(list(indicator_ids)),
            )
        )
    }


def evidence_counts(session: Session, realisation_ids: Collection[int]) -> dict[int, int]:
    """How many bukti dukung files each realisasi has (those without any are left out)."""
    query = (
        select(RealisationEvidence.realisation_id, func.count())
        .where(RealisationEvidence.realisation_id.in_(list(realisation_ids)))
        .group_by(RealisationEvidence.realisation_id)
    )
    return {rid: n for rid, n in session.execute(query)}


def get_indicator(session: Session, indicator_id: int) -> Indicator:
    """The indicator, or `NotFound`."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound("Indikator tidak ditemukan (mungkin sudah dihapus).")
    return indicator


def get_realisation(session: Session, realisation_id: int) -> Realisation:
    """The realisasi, or `NotFound`."""
    row = session.get(Realisation, realisation_id)
    if row is None:
        raise NotFound("Realisasi tidak ditemukan (mungkin sudah dihapus).")
    return row


def find_realisation(session: Session, indicator_id: int, year: int, quarter: int) -> Realisation | None:
    """The realisasi of an indicator for a quarter, if there is one."""
    return session.scalars(
        select(Realisation).where(
            Realisation.indicator_id == indicator_id, Realisation.year == year, Realisation.quarter == quarter
        )
    ).first()


def _target(low: Decimal, high: Decimal | None) -> Target:
    return Target(low, high)


def yearly_targets(session: Session, indicator_ids: Iterable[int], year: int) -> dict[int, Target]:
    """The PK target of each indicator for the year."""
    ids = list(indicator_ids)
    rows = session.execute(
        select(YearlyTarget.indicator_id, YearlyTarget.value, YearlyTarget.value_high).where(
            YearlyTarget.year == year, YearlyTarget.indicator_id.in_(ids)
        )
    )
    return {ind: _target(low, high) for ind, low, high in rows}


def quarter_targets(session: Session, indicator_ids: Iterable[int], year: int, quarter: int) -> dict[int, Target]:
    """The rencana aksi target of each indicator for the quarter."""
    ids = list(indicator_ids)
    rows = session.execute(
        select(YearlyTarget.indicator_id, QuarterlyTarget.value, QuarterlyTarget.value_high)
        .join(QuarterlyTarget, QuarterlyTarget.yearly_target_id == YearlyTarget.id)
        .where(YearlyTarget.year == year, QuarterlyTarget.quarter == quarter, YearlyTarget.indicator_id.in_(ids))
    )
    return {ind: _target(low, high) for ind, low, high in rows}


def previous_achievements(
    session: Session, indicators: Iterable[Indicator], year: int, quarter: int
) -> dict[int, Decimal]:
    """Capaian of the quarter before (TW IV of last year before TW I), for indicators that have one."""
    by_id = {i.id: i for i in indicators}
    py, pq = previous_quarter(year, quarter)
    targets = quarter_targets(session, by_id, py, pq)
    out = {}
    for row in period_realisations(session, by_id, py, pq).values():
        polarity = Polarity(by_id[row.indicator_id].polarity)
        value = quarter_achievement(row.value, targets.get(row.indicator_id), polarity, row.manual_achievement)
        if value is not None:
            out[row.indicator_id] = value
    return out


def planned_indicators(session: Session, year: int, unit_id: int | None = None) -> list[Indicator]:
    """Indicators with a PK target for the year (all, or one unit's), in plan order."""
    query = (
        select(Indicator)
        .join(Objective, Objective.id == Indicator.objective_id)
        .join(Goal, Goal.id == Objective.goal_id)
        .join(YearlyTarget, (YearlyTarget.indicator_id == Indicator.id) & (YearlyTarget.year == year))
        .order_by(Goal.sort_order, Objective.sort_order, Indicator.sort_order, Indicator.code)
    )
    if unit_id is not None:
        query = query.where(Indicator.responsible_unit_id == unit_id)
    return list(session.scalars(query))


def describe(indicator: Indicator, year: int, quarter: int) -> str:
    """'IK04 TW III 2025' for messages naming a realisasi."""
    return f"{indicator.code} {quarter_label(quarter)} {year}"


__all__ = [
    "FIELDS",
    "LOCKED_MESSAGE",
    "EntryRefused",
    "RealisationLocked",
    "check_amount",
    "check_period",
    "describe",
    "ensure_editable",
    "evidence_counts",
    "find_realisation",
    "get_indicator",
    "get_realisation",
    "may_enter",
    "period_realisations",
    "planned_indicators",
    "previous_achievements",
    "quarter_targets",
    "require_entry",
    "require_entry_all",
    "stored_input",
    "yearly_targets",
]
