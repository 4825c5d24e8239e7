"""Who signs a document: the Camat (or the Plt./Plh. Camat) on a date, or any person by id.

A `Signer` is plain text, ready to print in a signature block (regulations.md §6.6): the jabatan,
the acting prefix, the name with gelar, the pangkat (golongan) and the raw NIP. Kepala daerah and
PPPK signers simply leave `rank` (and for the Bupati `nip`) empty; the kit then omits the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.ranks import rank_label
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import NotFound, UserError
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import ActingAssignment, Office, Person, RoleAssignment


@dataclass(frozen=True)
class Signer:
    """One signature: `position` in capitals without the prefix ("CAMAT CONTOH"), `prefix` "Plt."/"Plh."/""."""

    position: str
    name: str
    rank: str = ""
    nip: str = ""
    prefix: str = ""

    @property
    def jabatan(self) -> str:
        """'Plt. CAMAT CONTOH' (no trailing comma)."""
        return f"{self.prefix} {self.position}".strip()


def _person_signer(p: Person, position: str, prefix: str = "") -> Signer:
    return Signer(
        position=position,
        name=full_name(p.front_title, p.name, p.back_title),
        rank=rank_label(p.grade),
        nip=p.nip,
        prefix=prefix,
    )


def _active(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    return start <= day and (end is None or day <= end)


def office_signer(db: Database, day: dt.date) -> Signer:
    """The Camat who signs for the office on `day`: an active Plt./Plh. Camat takes precedence.

    Raises `UserError` when nobody holds the Camat role on that day.
    """
    with db.reading() as s:
        office = s.scalars(select(Office)).first()
        if office is None:
            raise NotFound("Data kantor belum dibuat.")
        position = f"CAMAT {office.name.upper()}"
        acting = s.scalars(select(ActingAssignment).where(ActingAssignment.role == Role.CAMAT.value)).all()
        for a in sorted(acting, key=lambda a: a.start, reverse=True):
            if _active(a.start, a.end, day):
                person = s.get(Person, a.person_id)
                if person is not None:
                    return _person_signer(person, position, ActingKind(a.kind).prefix)
        holders = s.scalars(
            select(Person)
            .join(RoleAssignment, RoleAssignment.person_id == Person.id)
            .where(RoleAssignment.role == Role.CAMAT.value)
            .order_by(Person.active_from.desc())
        ).all()
        for person in holders:
            if _active(person.active_from, person.active_to, day):
                return _person_signer(person, position)
    raise UserError(f"Tidak ada Camat (atau Plt./Plh. Camat) yang menjabat pada {day:%d-%m-%Y}; lengkapi data pegawai.")


def person_signer(db: Database, person_id: int, position: str | None = None) -> Signer:
    """Person `person_id` as a signer; `position` defaults to the person's jabatan, in capitals."""
    with db.reading() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound("Pegawai penanda tangan tidak ditemukan.")
        return _person_signer(person, (position or person.position or "").upper())


def role_signer(db: Database, role: Role, day: dt.date, unit_id: int | None = None) -> Signer | None:
    """The person holding `role` (for `unit_id` when given) on `day`, or None; an active Plt./Plh. first."""
    if role is Role.CAMAT:
        return office_signer(db, day)
    with db.reading() as s:
        q = select(ActingAssignment).where(ActingAssignment.role == role.value)
        if unit_id is not None:
            q = q.where(ActingAssignment.unit_id == unit_id)
        for a in s.scalars(q.order_by(ActingAssignment.start.desc())):
            person = s.get(Person, a.person_id)
            if person is not None and _active(a.start, a.end, day):
                position = (a.position or person.position or role.label).upper()
                return _person_signer(person, position, ActingKind(a.kind).prefix)
        q2 = (
            select(Person)
            .join(RoleAssignment, RoleAssignment.person_id == Person.id)
            .where(RoleAssignment.role == role.value)
        )
        if unit_id is not None:
            q2 = q2.where(RoleAssignment.unit_id == unit_id)
        for person in s.scalars(q2.order_by(Person.active_from.desc())):
            if _active(person.active_from, person.active_to, day):
                return _person_signer(person, (person.position or role.label).upper())
    return None
