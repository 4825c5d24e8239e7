"""Logging in: the people who can log in, password checks, lockout, and the resulting actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.roles import ROLE_ORDER, ActingKind, Role
from sakip_desktop.errors import AccountLocked, AuthenticationFailed, NotFound, ValidationError
from sakip_desktop.ops.base import ANY_ACCOUNT, Actor, Clock, RoleGrant, utcnow, write
from sakip_desktop.ops.office import get_settings
from sakip_desktop.security import hash_password, password_problem, verify_password
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Account, ActingAssignment, AuditEntry, Person, RoleAssignment, Unit


@dataclass(frozen=True)
class LoginChoice:
    """A person listed on the login dialog."""

    username: str
    display_name: str
    position: str


def login_choices(db: Database, today: dt.date | None = None) -> list[LoginChoice]:
    """People in service today who have an account, by name."""
    today = today or dt.date.today()
    with db.reading() as s:
        rows = s.execute(
            select(Account.username, Person)
            .join(Person, Person.id == Account.person_id)
            .where(Person.active_from <= today)
            .where((Person.active_to.is_(None)) | (Person.active_to >= today))
            .order_by(Person.name)
        ).all()
        return [
            LoginChoice(username, full_name(p.front_title, p.name, p.back_title), p.position) for username, p in rows
        ]


def _grants(session, person_id: int, today: dt.date) -> tuple[RoleGrant, ...]:
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    grants = [
        RoleGrant(Role(r.role), r.unit_id, units.get(r.unit_id, "") if r.unit_id else "")
        for r in session.scalars(select(RoleAssignment).where(RoleAssignment.person_id == person_id))
    ]
    for a in session.scalars(select(ActingAssignment).where(ActingAssignment.person_id == person_id)):
        if a.start <= today and (a.end is None or today <= a.end):
            grant = RoleGrant(
                Role(a.role), a.unit_id, units.get(a.unit_id, "") if a.unit_id else "", ActingKind(a.kind)
            )
            if all((g.role, g.unit_id) != (grant.role, grant.unit_id) for g in grants):
                grants.append(grant)
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return tuple(sorted(grants, key=lambda g: (order[g.role], g.unit_name)))


def actor_for(db: Database, username: str, today: dt.date | None = None) -> Actor:
    """The actor of an account as of `today` (its roles in person and acting)."""
    today = today or dt.date.today()
    with db.reading() as s:
        row = s.execute(
            select(Account, Person).join(Person, Person.id == Account.person_id).where(Account.username == username)
        ).first()
        if row is None:
            raise NotFound(f"Akun '{username}' tidak ditemukan.")
        account, person = row
        return Actor(
            account_id=account.id,
            person_id=person.id,
            name=full_name(person.front_title, person.name, person.back_title),
            grants=_grants(s, person.id, today),
            is_admin=account.is_admin,
            username=account.username,
        )


def login(db: Database, username: str, password: str, *, clock: Clock = utcnow) -> Actor:
    """Check the password; after too many wrong tries the account is locked for a while.

    Raises `AuthenticationFailed` or `AccountLocked`.
    """
    settings = get_settings(db)
    now = clock()
    failure: Exception | None = None
    with db.transaction() as s:
        account = s.scalars(select(Account).where(Account.username == username.strip().lower())).first()
        if account is None:
            raise AuthenticationFailed("Nama pengguna tidak dikenal.")
        if account.locked_until is not None and account.locked_until > now:
            raise AccountLocked(_locked_message(account.locked_until, now), account.locked_until)
        person = s.get(Person, account.person_id)
        assert person is not None
        today = now.date()
        if person.active_from > today or (person.active_to is not None and person.active_to < today):
            raise AuthenticationFailed(f"{person.name} tidak lagi aktif di kantor ini; akun tidak dapat dipakai.")
        if verify_password(password, account.password_hash):
            account.failed_attempts = 0
            account.locked_until = None
            account.last_login_at = now
        else:
            # The failure is committed with the block, so restarting the program does not reset it.
            account.failed_attempts += 1
            if account.failed_attempts >= settings.lockout_attempts:
                account.locked_until = now + dt.timedelta(minutes=settings.lockout_minutes)
                account.failed_attempts = 0
                s.add(
                    AuditEntry(
                        at=now,
                        account_id=account.id,
                        actor_name=person.name,
                        operation="Akun terkunci",
                        entity="account",
                        entity_id=account.id,
                        old=None,
                        new=None,
                    )
                )
                failure = AccountLocked(
                    f"Kata sandi salah {settings.lockout_attempts} kali. " + _locked_message(account.locked_until, now),
                    account.locked_until,
                )
            else:
                left = settings.lockout_attempts - account.failed_attempts
                failure = AuthenticationFailed(f"Kata sandi salah. Sisa percobaan: {left}.")
    if failure is not None:
        raise failure
    return actor_for(db, account.username, today)


def _locked_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return f"Akun dikunci sementara; coba lagi dalam {minutes} menit."


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """Operation 'Ganti kata sandi' (any logged-in person, for their own account)."""
    if (problem := password_problem(new_password)) is not None:
        raise ValidationError(problem, field="password")
    if actor.account_id is None:
        raise ValidationError("Tidak ada akun yang masuk.")
    with write(db, actor, "Ganti kata sandi", [ANY_ACCOUNT]) as tx:
        account = tx.session.get(Account, actor.account_id)
        if account is None or not verify_password(old_password, account.password_hash):
            raise ValidationError("Kata sandi lama salah.", field="old_password")
        account.password_hash = hash_password(new_password)
        tx.audit("account", account.id, {"password": "(lama)"}, {"password": "(diganti)"})
