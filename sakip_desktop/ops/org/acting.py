"""Plt./Plh. assignments: a person acting in another's role for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import ActingKind, Role, UnitKind
from sakip_desktop.errors import NotFound, PermissionDenied, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.org.role_changes import acting_text, record_change
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import ActingAssignment, Person, Unit

_FIELDS = ("person_id", "kind", "role", "unit_id", "position", "start", "end", "decree")


@dataclass(frozen=True)
class ActingView:
    """An acting assignment as listed."""

    id: int
    person_id: int
    person_name: str
    kind: ActingKind
    role: Role
    unit_id: int | None
    unit_name: str
    position: str
    start: dt.date
    end: dt.date | None
    decree: str

    def active_on(self, day: dt.date) -> bool:
        """True when the assignment is in force on `day`."""
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def title(self) -> str:
        """'Plh. Camat Contoh' as printed before a signature."""
        return f"{self.kind.prefix} {self.position or self.role.label}"


@dataclass(frozen=True)
class ActingInput:
    """What an administrator types for an acting assignment (`person_id` None: nobody chosen yet)."""

    person_id: int | None
    kind: ActingKind
    role: Role
    start: dt.date
    end: dt.date | None = None
    unit_id: int | None = None
    position: str = ""
    decree: str = ""


def list_acting(db: Database) -> list[ActingView]:
    """All acting assignments, newest first."""
    with db.reading() as s:
        rows = s.execute(
            select(ActingAssignment, Person)
            .join(Person, Person.id == ActingAssignment.person_id)
            .order_by(ActingAssignment.start.desc())
        ).all()
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        return [
            ActingView(
                id=a.id,
                person_id=p.id,
                person_name=full_name(p.front_title, p.name, p.back_title),
                kind=ActingKind(a.kind),
                role=Role(a.role),
                unit_id=a.unit_id,
                unit_name=units.get(a.unit_id, "") if a.unit_id else "",
                position=a.position,
                start=a.start,
                end=a.end,
                decree=a.decree,
            )
            for a, p in rows
        ]


def _validate(session: Session, data: ActingInput, actor: Actor) -> ActingInput:
    if data.person_id is None or session.get(Person, data.person_id) is None:
        raise ValidationError("Pilih pegawai yang menjadi pelaksana.", field="person_id")
    if not actor.is_system and data.person_id == actor.person_id:
        raise PermissionDenied(
            "Anda tidak dapat menunjuk diri sendiri sebagai Plt./Plh. Minta administrator lain untuk melakukannya."
        )
    role = Role(data.role)
    unit_id = data.unit_id if role.per_unit else None
    if role.per_unit:
        unit = session.get(Unit, unit_id) if unit_id else None
        if unit is None or unit.kind != UnitKind.SEKSI.value:
            raise ValidationError("Plt./Plh. Kasi harus menyebut seksinya.", field="unit_id")
    if data.end is not None and data.end < data.start:
        raise ValidationError("Tanggal selesai tidak boleh sebelum tanggal mulai.", field="end")
    if ActingKind(data.kind) is ActingKind.PLH and data.end is None:
        raise ValidationError("Plh. (Pelaksana Harian) harus punya tanggal selesai.", field="end")
    if not data.decree.strip():
        raise ValidationError(
            "Nomor SK / surat perintah Plt./Plh. wajib diisi, mis. 800/214/35.99.01/2025.", field="decree"
        )
    return ActingInput(
        person_id=data.person_id,
        kind=ActingKind(data.kind),
        role=role,
        start=data.start,
        end=data.end,
        unit_id=unit_id,
        position=data.position.strip(),
        decree=data.decree.strip(),
    )


def _apply(a: ActingAssignment, data: ActingInput) -> None:
    assert data.person_id is not None  # checked by _validate
    a.person_id = data.person_id
    a.kind = data.kind.value
    a.role = data.role.value
    a.unit_id = data.unit_id
    a.position = data.position
    a.start = data.start
    a.end = data.end
    a.decree = data.decree


def _described(tx: Tx, a: ActingAssignment) -> tuple[str, str]:
    """The acting person's name and the assignment in words, for the Camat's list of role changes."""
    person = tx.session.get(Person, a.person_id)
    unit = tx.session.get(Unit, a.unit_id) if a.unit_id else None
    name = full_name(person.front_title, person.name, person.back_title) if person else "?"
    text = acting_text(
        ActingKind(a.kind), Role(a.role), unit.name if unit else "", a.position, a.start, a.end, a.decree
    )
    return name, text


def add_acting(db: Database, actor: Actor, data: ActingInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah Plt./Plh.' (administrator; never for himself). The decree number is required."""
    with write(db, actor, Op.ACTING_ADD, clock=clock) as tx:
        data = _validate(tx.session, data, actor)
        a = ActingAssignment()
        _apply(a, data)
        tx.session.add(a)
        tx.session.flush()
        tx.audit("acting_assignment", a.id, None, snapshot(a, _FIELDS))
        name, text = _described(tx, a)
        record_change(tx, a.person_id, name, f"{name} ditunjuk sebagai {text}.")
        return a.id


def update_acting(db: Database, actor: Actor, acting_id: int, data: ActingInput) -> None:
    """Operation 'Ubah Plt./Plh.' (administrator; never to make himself the acting person)."""
    with write(db, actor, Op.ACTING_UPDATE) as tx:
        a = tx.session.get(ActingAssignment, acting_id)
        if a is None:
            raise NotFound("Penugasan Plt./Plh. tidak ditemukan.")
        data = _validate(tx.session, data, actor)
        old = snapshot(a, _FIELDS)
        old_name, old_text = _described(tx, a)
        _apply(a, data)
        tx.session.flush()
        new = snapshot(a, _FIELDS)
        tx.audit("acting_assignment", a.id, old, new)
        if new != old:
            name, text = _described(tx, a)
            record_change(
                tx, a.person_id, name, f"Penugasan {old_name} sebagai {old_text} diubah: {name} sebagai {text}."
            )


def delete_acting(db: Database, actor: Actor, acting_id: int) -> None:
    """Operation 'Hapus Plt./Plh.' (administrator)."""
    with write(db, actor, Op.ACTING_DELETE) as tx:
        a = tx.session.get(ActingAssignment, acting_id)
        if a is None:
            raise NotFound("Penugasan Plt./Plh. tidak ditemukan.")
        tx.audit("acting_assignment", a.id, snapshot(a, _FIELDS), None)
        name, text = _described(tx, a)
        record_change(tx, a.person_id, name, f"Penugasan {name} sebagai {text} dihapus.")
        tx.session.delete(a)
