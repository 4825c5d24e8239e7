"""Who may work in an SOP lane: the lane's role and, when it names one, the lane's unit.

A lane (`definition.Actor`) bound to a unit accepts only a holder of its role whose unit is that unit or lies
under it: a Kasi's unit is the seksi of his role (also as Plt./Plh.), anyone else's is the unit he works in.
A lane bound to a kind of unit ("Staf Pada Seksi") accepts a holder in any unit of that kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.sop.definition import Actor, SopDefinition


@dataclass(frozen=True)
class UnitFact:
    """A unit of the office as the lanes need it."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


Units = Mapping[int, UnitFact]


def chain(units: Units, unit_id: int | None) -> list[UnitFact]:
    """The unit and the units above it, nearest first."""
    out: list[UnitFact] = []
    while unit_id is not None and unit_id in units and all(u.id != unit_id for u in out):
        out.append(units[unit_id])
        unit_id = units[unit_id].parent_id
    return out


def bound(lane: Actor) -> bool:
    """True when the lane names a unit or a kind of unit."""
    return bool(lane.unit or lane.unit_kind)


def within(lane: Actor, unit_id: int | None, units: Units) -> bool:
    """True when a holder of the lane's role in unit `unit_id` may work in `lane`."""
    # A unit whose code the office has since changed or removed does not lock the lane: its kind still counts.
    if lane.unit and any(u.code == lane.unit for u in units.values()):
        return any(u.code == lane.unit for u in chain(units, unit_id))
    if lane.unit_kind:
        return any(u.kind == lane.unit_kind for u in chain(units, unit_id))
    return True


def accepts(lane: Actor, grants: Iterable[tuple[Role, int | None]], person_unit: int | None, units: Units) -> bool:
    """True when someone with these (role, unit of the role) grants, working in `person_unit`, may work in `lane`."""
    return any(
        role is lane.role and within(lane, unit if unit is not None else person_unit, units) for role, unit in grants
    )


def may_start(
    definition: SopDefinition, grants: Iterable[tuple[Role, int | None]], person_unit: int | None, units: Units
) -> bool:
    """A start role counts only where it fits: a role whose lanes are all bound to units starts the SOP only for
    a holder one of those lanes accepts (the Kasi Kesos does not start the Kasi Ekbang's SOP)."""
    held = list(grants)
    for role in definition.start_roles:
        lanes = [a for a in definition.actors if a.role is role]
        mine = [(r, u) for r, u in held if r is role]
        if not mine:
            continue
        if not lanes or not all(bound(a) for a in lanes):
            return True
        if any(accepts(lane, mine, person_unit, units) for lane in lanes):
            return True
    return False


def unit_text(lane: Actor, units: Iterable[UnitFact]) -> str:
    """The lane's unit in words: 'Seksi Ekonomi dan Pembangunan', 'pada Seksi mana pun', 'pada Sekretariat', or ''
    when the lane is not bound to a unit."""
    if lane.unit:
        return next((u.name for u in units if u.code == lane.unit), lane.unit)
    if lane.unit_kind:
        kind = UnitKind(lane.unit_kind)
        one = kind in (UnitKind.PIMPINAN, UnitKind.SEKRETARIAT)  # an office has one of these
        return f"pada {kind.label}" if one else f"pada {kind.label} mana pun"
    return ""


def lane_who(lane: Actor, units: Iterable[UnitFact]) -> str:
    """Who works in the lane: 'Kasubag Perencanaan (lajur Sub. Evapor)', 'Kasi Seksi Ekonomi dan Pembangunan
    (lajur Kasi Ekbang)', 'Staf pada Seksi mana pun (lajur Staf Pada Seksi)'."""
    who = " ".join(x for x in (lane.role.label, unit_text(lane, units)) if x)
    return who if lane.label.strip().lower() == lane.role.label.lower() else f"{who} (lajur {lane.label})"


def resolved(lane: Actor, units: Iterable[UnitFact]) -> Actor:
    """The lane with its unit found in this office by the template's hint (unchanged when none fits, or when the
    lane already names a unit): the one unit, of the lane's kind, whose name holds every word of the hint (or of
    one of its alternatives, written 'a b | c'; 'ekonomi' also finds 'Perekonomian')."""
    if lane.unit or not lane.unit_hint:
        return lane
    kinds = [u for u in units if not lane.unit_kind or u.kind == lane.unit_kind]
    for alternative in lane.unit_hint.lower().split("|"):  # "ekonomi pembangunan | ekbang"
        words = alternative.split()
        fits = [u for u in kinds if words and all(w in u.name.lower() for w in words)]
        if len(fits) == 1:
            return replace(lane, unit=fits[0].code)
    return lane


def resolve_lanes(definition: SopDefinition, units: Iterable[UnitFact]) -> SopDefinition:
    """Every lane of `definition` resolved to this office's units (see `resolved`)."""
    known = list(units)
    return replace(definition, actors=tuple(resolved(a, known) for a in definition.actors))


__all__ = [
    "UnitFact",
    "accepts",
    "bound",
    "chain",
    "lane_who",
    "may_start",
    "resolve_lanes",
    "resolved",
    "unit_text",
    "within",
]
