"""Who works in an SOP's lanes in this office: the lane's role, in the lane's unit when it names one (the rules are
`sop.lanes`; this reads the office's units and the person's own unit)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.ops.base import Actor
from sakip_desktop.sop import lanes
from sakip_desktop.sop.definition import Actor as Lane
from sakip_desktop.sop.definition import SopDefinition, from_json
from sakip_desktop.sop.lanes import UnitFact, accepts, bound, may_start
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


def unit_facts(session: Session) -> dict[int, UnitFact]:
    """The office's units as the lanes need them."""
    return {u.id: UnitFact(u.id, u.code, u.name, u.kind, u.parent_id) for u in session.scalars(select(m.Unit))}


def _person_unit(session: Session, actor: Actor) -> int | None:
    person = session.get(m.Person, actor.person_id) if actor.person_id is not None else None
    return person.unit_id if person is not None else None


def _grants(actor: Actor) -> list[tuple[Role, int | None]]:
    return [(g.role, g.unit_id) for g in actor.grants]


def fits(session: Session, actor: Actor, lane: Lane) -> bool:
    """True when `actor` may work in `lane`: he holds its role (in person or as Plt./Plh.), in its unit if any."""
    if actor.is_system:
        return True
    if not bound(lane):
        return actor.has(lane.role)
    return accepts(lane, _grants(actor), _person_unit(session, actor), unit_facts(session))


def lane_who(session: Session, lane: Lane) -> str:
    """'Kasi Seksi Ekonomi dan Pembangunan (lajur Kasi Ekbang)': who works in the lane, in words."""
    return lanes.lane_who(lane, unit_facts(session).values())


def may_start_sop(db: Database, actor: Actor, sop_id: int) -> bool:
    """True when `actor` may start the SOP: one of its start roles, in the unit of that role's lanes if they name
    one (the screen offers 'Mulai pelaksanaan' only then)."""
    with db.reading() as s:
        version = s.scalars(
            select(m.SopVersion).where(m.SopVersion.sop_id == sop_id).order_by(m.SopVersion.version.desc()).limit(1)
        ).first()
        if version is None:
            return False
        definition = from_json(version.definition)
        if not actor.may([r.value for r in definition.start_roles]):
            return False
        return actor.is_system or may_start(definition, _grants(actor), _person_unit(s, actor), unit_facts(s))


def unbound_lanes(db: Database, sop_id: int) -> list[str]:
    """The lanes a template meant for one unit that this office's units did not match when it was adopted:
    "'Kasi Ekbang' (SOP Pengumpulan data …) belum terikat ke unit"."""
    with db.reading() as s:
        version = s.scalars(
            select(m.SopVersion).where(m.SopVersion.sop_id == sop_id).order_by(m.SopVersion.version.desc()).limit(1)
        ).first()
        if version is None:
            return []
        definition = from_json(version.definition)
    return [
        f"'{lane.label}' ({definition.identity.name}) belum terikat ke unit"
        for lane in definition.actors
        if lane.unit_hint and not lane.unit
    ]


def require_start_lane(db: Database, actor: Actor, definition: SopDefinition) -> None:
    """A start role whose lanes belong to one unit starts the SOP only for the holder in that unit."""
    if actor.is_system:
        return
    with db.reading() as s:
        if may_start(definition, _grants(actor), _person_unit(s, actor), unit_facts(s)):
            return
        held = [a for a in definition.actors if a.role in definition.start_roles and actor.has(a.role)]
        who = " atau ".join(lane_who(s, lane) for lane in held)
        role = held[0].role.label if held else "peran Anda"
    raise PermissionDenied(f"Anda tidak berwenang memulai SOP ini sebagai {role}: di SOP ini hanya {who}.")
