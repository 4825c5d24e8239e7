"""The office's units: Pimpinan, Sekretariat, Sub Bagian, Seksi."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import UnitKind
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    ActingAssignment,
    Indicator,
    Person,
    RoleAssignment,
    SubActivity,
    Unit,
)

_FIELDS = ("code", "name", "kind", "parent_id", "sort_order")


@dataclass(frozen=True)
class UnitView:
    """A unit as shown in lists."""

    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    parent_name: str
    sort_order: int
    people_count: int


@dataclass(frozen=True)
class UnitInput:
    """What a person types to add or edit a unit; an empty code is made from the name."""

    name: str
    kind: UnitKind
    parent_id: int | None = None
    code: str = ""
    sort_order: int = 0


def code_from_name(name: str) -> str:
    """'Seksi Pemerintahan' -> 'SEKSI_PEMERINTAHAN'."""
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:40]


def list_units(db: Database, today: dt.date | None = None) -> list[UnitView]:
    """All units in their order, with the number of people in service `today`."""
    today = today or dt.date.today()
    with db.reading() as s:
        units = s.scalars(select(Unit).order_by(Unit.sort_order, Unit.name)).all()
        names = {u.id: u.name for u in units}
        counts = dict(
            s.execute(
                select(Person.unit_id, func.count())
                .where(Person.active_from <= today, (Person.active_to.is_(None)) | (Person.active_to >= today))
                .group_by(Person.unit_id)
            ).all()
        )
        return [
            UnitView(
                id=u.id,
                code=u.code,
                name=u.name,
                kind=UnitKind(u.kind),
                parent_id=u.parent_id,
                parent_name=names.get(u.parent_id, "") if u.parent_id else "",
                sort_order=u.sort_order,
                people_count=counts.get(u.id, 0),
            )
            for u in units
        ]


def _validate(session: Session, data: UnitInput, unit_id: int | None) -> UnitInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("Nama unit wajib diisi.", field="name")
    others = select(Unit).where(Unit.id != (unit_id or 0))
    clash = session.scalars(others.where(func.lower(Unit.name) == name.lower())).first()
    if clash:
        raise ValidationError(f"Unit bernama '{name}' sudah ada.", field="name")
    code = data.code.strip().upper() or code_from_name(name)
    if not re.fullmatch(r"[A-Z0-9_]{2,40}", code):
        raise ValidationError("Kode unit hanya huruf besar, angka dan garis bawah (2-40).", field="code")
    clash = session.scalars(others.where(Unit.code == code)).first()
    if clash:
        raise ValidationError(f"Kode unit {code} sudah dipakai oleh '{clash.name}'.", field="code")
    _check_parent(session, data.parent_id, unit_id)
    return UnitInput(
        name=name, kind=UnitKind(data.kind), parent_id=data.parent_id, code=code, sort_order=data.sort_order
    )


def _check_parent(session: Session, parent_id: int | None, unit_id: int | None) -> None:
    """The parent must exist and must not be the unit itself or one of its own sub-units."""
    seen: set[int] = set()
    current = parent_id
    while current is not None:
        if current == unit_id:
            raise ValidationError("Unit induk tidak boleh unit itu sendiri atau unit bawahannya.", field="parent_id")
        parent = session.get(Unit, current)
        if parent is None:
            raise ValidationError("Unit induk tidak ditemukan.", field="parent_id")
        if current in seen:
            break
        seen.add(current)
        current = parent.parent_id


def add_unit(db: Database, actor: Actor, data: UnitInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah unit' (administrator); returns the new id."""
    with write(db, actor, Op.UNIT_ADD, clock=clock) as tx:
        data = _validate(tx.session, data, None)
        unit = Unit(
            code=data.code, name=data.name, kind=data.kind.value, parent_id=data.parent_id, sort_order=data.sort_order
        )
        tx.session.add(unit)
        tx.session.flush()
        tx.audit("unit", unit.id, None, snapshot(unit, _FIELDS))
        return unit.id


def update_unit(db: Database, actor: Actor, unit_id: int, data: UnitInput) -> None:
    """Operation 'Ubah unit' (administrator)."""
    with write(db, actor, Op.UNIT_UPDATE) as tx:
        unit = tx.session.get(Unit, unit_id)
        if unit is None:
            raise NotFound("Unit tidak ditemukan (mungkin sudah dihapus).")
        data = _validate(tx.session, data, unit_id)
        old = snapshot(unit, _FIELDS)
        unit.code, unit.name, unit.kind = data.code, data.name, data.kind.value
        unit.parent_id, unit.sort_order = data.parent_id, data.sort_order
        tx.audit("unit", unit.id, old, snapshot(unit, _FIELDS))


def delete_unit(db: Database, actor: Actor, unit_id: int) -> None:
    """Operation 'Hapus unit' (administrator): only a unit nothing refers to."""
    with write(db, actor, Op.UNIT_DELETE) as tx:
        unit = tx.session.get(Unit, unit_id)
        if unit is None:
            raise NotFound("Unit tidak ditemukan (mungkin sudah dihapus).")
        users = [
            ("pegawai", select(func.count()).select_from(Person).where(Person.unit_id == unit_id)),
            ("unit bawahan", select(func.count()).select_from(Unit).where(Unit.parent_id == unit_id)),
            ("peran Kasi", select(func.count()).select_from(RoleAssignment).where(RoleAssignment.unit_id == unit_id)),
            (
                "Plt./Plh.",
                select(func.count()).select_from(ActingAssignment).where(ActingAssignment.unit_id == unit_id),
            ),
            ("indikator", select(func.count()).select_from(Indicator).where(Indicator.responsible_unit_id == unit_id)),
            ("sub kegiatan", select(func.count()).select_from(SubActivity).where(SubActivity.unit_id == unit_id)),
        ]
        in_use = [f"{n} {label}" for label, q in users if (n := tx.session.scalar(q))]
        if in_use:
            raise ValidationError(
                f"Unit '{unit.name}' tidak dapat dihapus karena masih dipakai oleh {', '.join(in_use)}."
            )
        tx.audit("unit", unit.id, snapshot(unit, _FIELDS), None)
        tx.session.delete(unit)
