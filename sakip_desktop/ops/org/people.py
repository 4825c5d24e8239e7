"""People of the office: identity, NIP, pangkat, jabatan, service period, roles and login."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.nip import validate_nip
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.ranks import rank_label, validate_grade
from sakip_desktop.domain.roles import Employment, Role, UnitKind
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.org.role_changes import access_of, note_access_changes, refuse_self_grant
from sakip_desktop.security import hash_password, password_problem
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

_FIELDS = (
    "front_title",
    "name",
    "back_title",
    "employment",
    "nip",
    "grade",
    "position",
    "unit_id",
    "active_from",
    "active_to",
)
# Roles one person at a time may hold (a Kasi: one per seksi).
SINGLE_HOLDER_ROLES = (Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN, Role.KASUBAG_UMUM, Role.KASI)


@dataclass(frozen=True)
class RoleRef:
    """A role held, with the unit for a Kasi."""

    role: Role
    unit_id: int | None = None


@dataclass(frozen=True)
class PersonView:
    """A person as shown in lists and forms."""

    id: int
    front_title: str
    name: str
    back_title: str
    employment: Employment
    nip: str
    grade: str
    position: str
    unit_id: int | None
    unit_name: str
    active_from: dt.date
    active_to: dt.date | None
    roles: tuple[RoleRef, ...]
    username: str
    is_admin: bool

    @property
    def full_name(self) -> str:
        """Name with gelar."""
        return full_name(self.front_title, self.name, self.back_title)

    @property
    def rank(self) -> str:
        """'Pembina Tk. I (IV/b)' or ''."""
        return rank_label(self.grade)

    @property
    def has_account(self) -> bool:
        """True when the person can log in."""
        return bool(self.username)

    def active_on(self, day: dt.date) -> bool:
        """True when the person is in service on `day`."""
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)


@dataclass(frozen=True)
class PersonInput:
    """What an administrator types to add or edit a person.

    `password` None keeps the current one; for a new person it means no login yet.
    """

    name: str
    employment: Employment
    active_from: dt.date
    front_title: str = ""
    back_title: str = ""
    nip: str = ""
    grade: str = ""
    position: str = ""
    unit_id: int | None = None
    active_to: dt.date | None = None
    roles: tuple[RoleRef, ...] = ()
    username: str = ""
    is_admin: bool = False
    password: str | None = None


def _view(p: m.Person, unit_names: dict[int, str]) -> PersonView:
    return PersonView(
        id=p.id,
        front_title=p.front_title,
        name=p.name,
        back_title=p.back_title,
        employment=Employment(p.employment),
        nip=p.nip,
        grade=p.grade,
        position=p.position,
        unit_id=p.unit_id,
        unit_name=unit_names.get(p.unit_id, "") if p.unit_id else "",
        active_from=p.active_from,
        active_to=p.active_to,
        roles=tuple(RoleRef(Role(r.role), r.unit_id) for r in p.roles),
        username=p.account.username if p.account else "",
        is_admin=bool(p.account and p.account.is_admin),
    )


def _unit_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(m.Unit.id, m.Unit.name)).all())


def list_people(db: Database, today: dt.date | None = None) -> list[PersonView]:
    """Everyone, those in service `today` first, by name."""
    today = today or dt.date.today()
    with db.reading() as s:
        people = s.scalars(
            select(m.Person)
            .options(selectinload(m.Person.roles), selectinload(m.Person.account))
            .order_by(m.Person.name)
        ).all()
        names = _unit_names(s)
        views = [_view(p, names) for p in people]
    return sorted(views, key=lambda v: (not v.active_on(today), v.name.lower()))


def get_person(db: Database, person_id: int) -> PersonView:
    """One person."""
    with db.reading() as s:
        person = s.get(m.Person, person_id)
        if person is None:
            raise NotFound("Pegawai tidak ditemukan.")
        return _view(person, _unit_names(s))


def suggest_username(name: str) -> str:
    """'Budi Santoso' -> 'budi.santoso'."""
    return ".".join(re.findall(r"[a-z0-9]+", name.lower()))[:50]


def check_person_fields(data: PersonInput) -> PersonInput:
    """The checks that need no database: names, NIP structure, golongan, dates, login fields."""
    name = data.name.strip()
    if not name:
        raise ValidationError("Nama pegawai wajib diisi.", field="name")
    employment = Employment(data.employment)
    nip = validate_nip(data.nip, employment)
    grade = validate_grade(data.grade)
    if employment is Employment.PNS and not grade:
        raise ValidationError("Pangkat/golongan wajib diisi untuk PNS.", field="grade")
    if employment is not Employment.PNS and grade:
        raise ValidationError(
            f"Pangkat/golongan PNS tidak berlaku untuk pegawai {employment.label}; kosongkan.", field="grade"
        )
    if data.active_to is not None and data.active_to < data.active_from:
        raise ValidationError("Tanggal 'aktif sampai' tidak boleh sebelum 'aktif sejak'.", field="active_to")
    username = data.username.strip().lower()
    if data.password is not None or username:
        if not username:
            raise ValidationError("Nama pengguna wajib diisi untuk akun masuk.", field="username")
        if not re.fullmatch(r"[a-z0-9._-]{3,50}", username):
            raise ValidationError(
                "Nama pengguna 3-50 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.",
                field="username",
            )
    if data.password is not None and (problem := password_problem(data.password)):
        raise ValidationError(problem, field="password")
    return replace(
        data,
        name=name,
        employment=employment,
        front_title=data.front_title.strip(),
        back_title=data.back_title.strip(),
        nip=nip,
        grade=grade,
        position=data.position.strip(),
        username=username,
    )


def validate_person(session: Session, data: PersonInput, person_id: int | None) -> PersonInput:
    """All checks of a person's data, including uniqueness and role holders in the database."""
    data = check_person_fields(data)
    if data.nip:
        clash = session.scalars(
            select(m.Person).where(m.Person.nip == data.nip, m.Person.id != (person_id or 0))
        ).first()
        if clash:
            raise ValidationError(f"NIP {data.nip} sudah dipakai oleh {clash.name}.", field="nip")
    if data.unit_id is not None and session.get(m.Unit, data.unit_id) is None:
        raise ValidationError("Unit kerja tidak ditemukan.", field="unit_id")
    if data.username:
        taken = session.scalars(
            select(m.Account).where(m.Account.username == data.username, m.Account.person_id != (person_id or 0))
        ).first()
        if taken:
            raise ValidationError(f"Nama pengguna '{data.username}' sudah dipakai.", field="username")
    return replace(data, roles=_validate_roles(session, data, person_id))


def _overlaps(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return a_from <= (b_to or dt.date.max) and b_from <= (a_to or dt.date.max)


def _validate_roles(session: Session, data: PersonInput, person_id: int | None) -> tuple[RoleRef, ...]:
    out: list[RoleRef] = []
    for ref in data.roles:
        role = Role(ref.role)
        unit_id = ref.unit_id if role.per_unit else None
        if role.per_unit:
            unit = session.get(m.Unit, unit_id) if unit_id else None
            if unit is None or unit.kind != UnitKind.SEKSI.value:
                raise ValidationError("Peran Kasi harus disertai seksi yang dipimpin.", field="roles")
        ref = RoleRef(role, unit_id)
        if ref not in out:
            out.append(ref)
    for ref in out:
        if ref.role not in SINGLE_HOLDER_ROLES:
            continue
        others = session.execute(
            select(m.Person, m.RoleAssignment)
            .join(m.RoleAssignment, m.RoleAssignment.person_id == m.Person.id)
            .where(
                m.RoleAssignment.role == ref.role.value,
                m.RoleAssignment.unit_id.is_(ref.unit_id)
                if ref.unit_id is None
                else m.RoleAssignment.unit_id == ref.unit_id,
                m.Person.id != (person_id or 0),
            )
        ).all()
        for other, _ in others:
            if _overlaps(data.active_from, data.active_to, other.active_from, other.active_to):
                since = long_date(other.active_from)
                raise ValidationError(
                    f"Peran {ref.role.label} sudah dipegang {other.name} (aktif sejak {since}) pada periode "
                    "yang bertumpang tindih. Isi dulu 'aktif sampai' pejabat lama.",
                    field="roles",
                )
    return tuple(out)


def _last_admin_guard(session: Session, person_id: int, data: PersonInput) -> None:
    keeps_admin = data.is_admin and data.active_to is None and bool(data.username)
    if keeps_admin:
        return
    others = session.scalar(
        select(func.count())
        .select_from(m.Account)
        .join(m.Person, m.Person.id == m.Account.person_id)
        .where(m.Account.is_admin.is_(True), m.Account.person_id != person_id, m.Person.active_to.is_(None))
    )
    account = session.scalars(select(m.Account).where(m.Account.person_id == person_id)).first()
    if account is not None and account.is_admin and not others:
        raise ValidationError(
            "Ini administrator aktif terakhir. Jadikan pegawai lain administrator lebih dulu.", field="is_admin"
        )


def apply_person(tx: Tx, person: m.Person, data: PersonInput) -> None:
    """Write checked input onto `person` (new or existing), note role and login changes for the Camat, audit.

    Nobody gives himself a role or the administrator flag: another administrator must. A password set here
    for someone else (a new account, a reset) must be replaced by its owner at his next login.
    """
    refuse_self_grant(tx.actor, person, data.roles, data.is_admin)
    old = _full_snapshot(person)
    before = access_of(person)
    person.front_title, person.name, person.back_title = data.front_title, data.name, data.back_title
    person.employment, person.nip, person.grade = data.employment.value, data.nip, data.grade
    person.position, person.unit_id = data.position, data.unit_id
    person.active_from, person.active_to = data.active_from, data.active_to
    wanted = {(r.role.value, r.unit_id) for r in data.roles}
    for assignment in list(person.roles):
        if (assignment.role, assignment.unit_id) not in wanted:
            person.roles.remove(assignment)
    have = {(a.role, a.unit_id) for a in person.roles}
    for role, unit_id in sorted(wanted - have, key=str):
        person.roles.append(m.RoleAssignment(role=role, unit_id=unit_id))
    # The wizard's first administrator (the program acting) chose his own password; so does anyone editing himself.
    set_for_someone_else = not tx.actor.is_system and tx.actor.person_id != person.id
    if data.username:
        if person.account is None:
            if data.password is None:
                raise ValidationError("Isi kata sandi awal untuk akun baru.", field="password")
            person.account = m.Account(username=data.username, password_hash="")  # hashed once, just below
        person.account.username = data.username
        person.account.is_admin = data.is_admin
        if data.password is not None:
            person.account.password_hash = hash_password(data.password)
            person.account.failed_attempts = 0
            person.account.locked_until = None
            person.account.must_change_password = set_for_someone_else
    elif person.account is not None:
        person.account = None
    tx.session.flush()
    new = _full_snapshot(person)
    assert new is not None  # flushed: the person has an id
    if data.password is not None and old is not None:
        new["password"] = "(diganti)"
    tx.audit("person", person.id, old, new)
    note_access_changes(tx, person, before, access_of(person), password_set=data.password is not None)


def _full_snapshot(person: m.Person) -> dict[str, Any] | None:
    if person.id is None:
        return None
    snap = snapshot(person, _FIELDS)
    snap["roles"] = sorted(f"{r.role}:{r.unit_id or ''}" for r in person.roles)
    snap["username"] = person.account.username if person.account else ""
    snap["is_admin"] = bool(person.account and person.account.is_admin)
    return snap


def add_person(db: Database, actor: Actor, data: PersonInput, *, clock: Clock = utcnow) -> PersonView:
    """Operation 'Tambah pegawai' (administrator)."""
    with write(db, actor, Op.PERSON_ADD, clock=clock) as tx:
        data = validate_person(tx.session, data, None)
        person = m.Person(name=data.name, active_from=data.active_from)
        tx.session.add(person)
        apply_person(tx, person, data)
        return _view(person, _unit_names(tx.session))


def update_person(
    db: Database, actor: Actor, person_id: int, data: PersonInput, *, clock: Clock = utcnow
) -> PersonView:
    """Operation 'Ubah data pegawai' (administrator; no new role or flag for himself)."""
    with write(db, actor, Op.PERSON_UPDATE, clock=clock) as tx:
        person = tx.session.get(m.Person, person_id)
        if person is None:
            raise NotFound("Pegawai tidak ditemukan.")
        # Before the data's own checks: the answer is no either way.
        refuse_self_grant(actor, person, data.roles, data.is_admin)
        data = validate_person(tx.session, data, person_id)
        _last_admin_guard(tx.session, person_id, data)
        apply_person(tx, person, data)
        return _view(person, _unit_names(tx.session))
