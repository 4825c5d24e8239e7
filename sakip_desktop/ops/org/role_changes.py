"""Changes of who may do what (roles, the administrator flag, Plt./Plh., logins and reset passwords), for the Camat.

An administrator can give anyone a role, make him Plt. Camat or reset his password and log in as him. So that
this cannot happen quietly, every such change is written as a sentence ("Peran Camat diberikan kepada Budi
Santoso") by the operation that makes it, beside its audit entries, and waits in the Camat's "Menunggu Anda"
until a Camat acknowledges it. A change about the Camat himself (a Plt. Camat's own appointment) waits for
another Camat. Their count is a first-screen read (`ops.home.first_reads`, for "Menunggu Anda").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.ops.base import Actor, Clock, Tx, utcnow, write
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


class RoleRefLike(Protocol):
    """A role as asked for (`ops.people.RoleRef`): the role, and the unit of a Kasi."""

    @property
    def role(self) -> Role: ...

    @property
    def unit_id(self) -> int | None: ...


@dataclass(frozen=True)
class RoleChangeView:
    """One change waiting to be acknowledged: when, by whom, about whom, and what."""

    id: int
    at: dt.datetime
    by_name: str
    person_name: str
    description: str


def role_text(role: Role, unit_name: str = "") -> str:
    """'Camat', or 'Kasi (Seksi Pemerintahan)' for a role held for one unit."""
    return f"{role.label} ({unit_name})" if role.per_unit and unit_name else role.label


def acting_text(
    kind: ActingKind, role: Role, unit_name: str, position: str, start: dt.date, end: dt.date | None, decree: str
) -> str:
    """'Plh. Camat Contoh (peran Camat), 11 Agustus 2025 s.d. 15 Agustus 2025, SK 800/214/2025'."""
    title = f"{kind.prefix} {position or role_text(role, unit_name)}"
    if position and position != role_text(role, unit_name):
        title += f" (peran {role_text(role, unit_name)})"
    period = f"{long_date(start)} s.d. {long_date(end)}" if end else f"sejak {long_date(start)}, tanpa batas waktu"
    return f"{title}, {period}, SK {decree or '(tanpa nomor)'}"


# Who "knew" of a change made while the office was being set up (kept in the list, never announced).
SETUP_ACKNOWLEDGED_BY = "(penyiapan kantor, sebelum Camat pertama kali masuk)"


def record_change(tx: Tx, person_id: int | None, person_name: str, description: str) -> None:
    """Note one change made by the operation of `tx`, for the Camat.

    Nothing is noted for the program itself: the first administrator of a new office is made by the
    new-office wizard, before there is a Camat to tell. The setting up that follows (every person, role and
    account of the office, issue 13) is noted as already known: until a Camat has first logged in, announcing
    it would only list the setup itself to him.
    """
    if tx.actor.is_system:
        return
    if description.endswith(".."):  # a sentence ending in a name with its degree ("…, M.M.") takes one full stop
        description = description[:-1]
    setup = _setting_up(tx.session)
    tx.session.add(
        m.RoleChange(
            at=tx.now,
            by_account_id=tx.actor.account_id,
            by_name=tx.actor.name,
            person_id=person_id,
            person_name=person_name,
            description=description,
            acknowledged_at=tx.now if setup else None,
            acknowledged_by=SETUP_ACKNOWLEDGED_BY if setup else "",
        )
    )


def _setting_up(s: Session) -> bool:
    """True while the office is being set up: no Camat, Plt. or Plh. Camat has ever logged in (the demo office,
    whose people never log in through the login screen to be built, is past its setup)."""
    if s.scalar(select(m.Office.is_demo).order_by(m.Office.id).limit(1)):
        return False
    logged_in = m.Account.last_login_at.is_not(None)
    own = (
        select(m.Account.id)
        .join(m.RoleAssignment, m.RoleAssignment.person_id == m.Account.person_id)
        .where(m.RoleAssignment.role == Role.CAMAT.value, logged_in)
    )
    acting = (
        select(m.Account.id)
        .join(m.ActingAssignment, m.ActingAssignment.person_id == m.Account.person_id)
        .where(m.ActingAssignment.role == Role.CAMAT.value, logged_in)
    )
    return not (s.scalar(select(exists(own))) or s.scalar(select(exists(acting))))


def pending_role_changes(db: Database, viewer_person_id: int | None) -> list[RoleChangeView]:
    """The changes not yet acknowledged that the Camat `viewer_person_id` may acknowledge, oldest first."""
    change = m.RoleChange
    query = select(change.id, change.at, change.by_name, change.person_name, change.description).where(
        change.acknowledged_at.is_(None),
        change.person_id.is_(None) | change.person_id.is_distinct_from(viewer_person_id),
    )
    with db.reading() as s:
        found = s.execute(query.order_by(change.id)).all()
    return [
        RoleChangeView(id=i, at=at, by_name=by, person_name=person, description=text)
        for i, at, by, person, text in found
    ]


def acknowledge_role_changes(db: Database, actor: Actor, up_to_id: int, *, clock: Clock = utcnow) -> int:
    """Operation 'Tandai perubahan peran diketahui' (Camat): the changes he was shown, up to `up_to_id`.

    A change about the actor himself stays for another Camat. Returns how many were acknowledged.
    """
    with write(db, actor, Op.ROLE_CHANGE_ACKNOWLEDGE, clock=clock) as tx:
        query = select(m.RoleChange).where(m.RoleChange.acknowledged_at.is_(None), m.RoleChange.id <= up_to_id)
        if actor.person_id is not None:
            query = query.where(m.RoleChange.person_id.is_(None) | (m.RoleChange.person_id != actor.person_id))
        changes = list(tx.session.scalars(query))
        for change in changes:
            change.acknowledged_at = tx.now
            change.acknowledged_by = actor.name
        if changes:
            tx.audit(
                "role_change",
                changes[-1].id,
                None,
                {"diketahui": len(changes), "perubahan": [c.description for c in changes]},
            )
        return len(changes)


@dataclass(frozen=True)
class Access:
    """What a person may do: roles as (role, unit id), the administrator flag, and whether he can log in."""

    roles: frozenset[tuple[str, int | None]]
    is_admin: bool
    has_account: bool


def access_of(person: m.Person) -> Access:
    """What `person` may do now (nothing for a person being added)."""
    if person.id is None:
        return Access(frozenset(), False, False)
    return Access(
        frozenset((r.role, r.unit_id) for r in person.roles),
        bool(person.account and person.account.is_admin),
        person.account is not None,
    )


def refuse_self_grant(actor: Actor, person: m.Person, roles: Iterable[RoleRefLike], is_admin: bool) -> None:
    """Raise `PermissionDenied` when `actor` would give himself a role or the administrator flag he lacks.

    Dropping one's own roles is allowed; gaining one takes another administrator.
    """
    if actor.is_system or actor.person_id is None or actor.person_id != person.id:
        return
    held = access_of(person)
    asked = {(Role(ref.role), ref.unit_id if Role(ref.role).per_unit else None) for ref in roles}
    gained = sorted(role.label for role, unit_id in asked if (role.value, unit_id) not in held.roles)
    if gained or (is_admin and not held.is_admin):
        what = ", ".join(gained) or "administrator"
        raise PermissionDenied(
            f"Anda tidak dapat memberi diri sendiri peran atau hak baru ({what}). "
            "Minta administrator lain untuk melakukannya."
        )


def note_access_changes(tx: Tx, person: m.Person, before: Access, after: Access, *, password_set: bool) -> None:
    """Record for the Camat what changed in what `person` may do, and a password set for him by someone else."""
    name = full_name(person.front_title, person.name, person.back_title)
    units = dict(tx.session.execute(select(m.Unit.id, m.Unit.name)).all())

    def text(role_unit: tuple[str, int | None]) -> str:
        role, unit_id = role_unit
        return role_text(Role(role), units.get(unit_id, "") if unit_id else "")

    for role_unit in sorted(after.roles - before.roles, key=str):
        record_change(tx, person.id, name, f"Peran {text(role_unit)} diberikan kepada {name}.")
    for role_unit in sorted(before.roles - after.roles, key=str):
        record_change(tx, person.id, name, f"Peran {text(role_unit)} dicabut dari {name}.")
    if after.is_admin != before.is_admin:
        verb = "diberikan kepada" if after.is_admin else "dicabut dari"
        record_change(tx, person.id, name, f"Hak administrator {verb} {name}.")
    if after.has_account and not before.has_account:
        username = person.account.username if person.account else ""
        record_change(tx, person.id, name, f"Akun masuk '{username}' dibuat untuk {name} dengan kata sandi awal.")
    elif before.has_account and not after.has_account:
        record_change(tx, person.id, name, f"Akun masuk {name} dihapus.")
    elif password_set and tx.actor.person_id != person.id:
        record_change(tx, person.id, name, f"Kata sandi {name} diatur ulang oleh administrator.")
