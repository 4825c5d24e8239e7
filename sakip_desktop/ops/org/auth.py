"""Logging in: the people who can log in, password checks, lockout, and the resulting actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import ROLE_ORDER, ActingKind, Role
from sakip_desktop.errors import AccountLocked, AuthenticationFailed, NotFound, ValidationError
from sakip_desktop.ops.base import SYSTEM, Actor, Clock, RoleGrant, require, utcnow, write
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.security import hash_password, password_problem, verify_password
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class LoginChoice:
    """A person listed on the login dialog."""

    username: str
    display_name: str
    position: str


def login_choices(db: Database, today: dt.date | None = None) -> list[LoginChoice]:
    """People in service today who have an account, by name."""
    rows = first_reads.login_list(db, today or dt.date.today())
    return [
        LoginChoice(username, full_name(front, name, back), position) for username, front, name, back, position in rows
    ]


def _grants(roles: list[tuple[str, int | None, str, str | None]]) -> tuple[RoleGrant, ...]:
    """The roles held in person, then those acting (unless held in person too), in role order."""
    grants: list[RoleGrant] = []
    for role, unit_id, unit_name, kind in sorted(roles, key=lambda r: r[3] is not None):
        grant = RoleGrant(Role(role), unit_id, unit_name, ActingKind(kind) if kind else None)
        if kind is None or all((g.role, g.unit_id) != (grant.role, grant.unit_id) for g in grants):
            grants.append(grant)
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return tuple(sorted(grants, key=lambda g: (order[g.role], g.unit_name)))


def actor_for(db: Database, username: str, today: dt.date | None = None) -> Actor:
    """The actor of an account as of `today` (its roles in person and acting); a first-screen read."""
    found = first_reads.account(db, username, today or dt.date.today())
    if found is None:
        raise NotFound(f"Akun '{username}' tidak ditemukan.")
    account_id, account_name, is_admin, person_id, front, name, back = found.account
    return Actor(
        account_id=account_id,
        person_id=person_id,
        name=full_name(front, name, back),
        grants=_grants(found.roles),
        is_admin=is_admin,
        username=account_name,
    )


@contextmanager
def _login_session(db: Database, now: dt.datetime) -> Iterator[Session]:
    """Where a login reads and records: the program's own write 'Masuk' (so the permission table and the watch on
    writes see it too), or only a reading on a read-only file."""
    if db.read_only:
        with db.reading() as s:
            yield s
    else:
        with write(db, SYSTEM, Op.LOGIN, clock=lambda: now) as tx:
            yield tx.session


def login(db: Database, username: str, password: str, *, clock: Clock = utcnow) -> Actor:
    """Check the password; after too many wrong tries the account is locked for a while.

    Raises `AuthenticationFailed` or `AccountLocked`.
    """
    settings = get_settings(db)
    now = clock()
    failure: Exception | None = None
    # A read-only file still lets people in to read and print: nothing of the login is recorded then.
    with _login_session(db, now) as s:
        account = s.scalars(select(m.Account).where(m.Account.username == username.strip().lower())).first()
        if account is None:
            raise AuthenticationFailed("Nama pengguna tidak dikenal.")
        if account.locked_until is not None and account.locked_until > now:
            raise AccountLocked(_locked_message(account.locked_until, now), account.locked_until)
        person = s.get(m.Person, account.person_id)
        assert person is not None
        found_username = account.username  # read now: a read-only login rolls its session back
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
                    m.AuditEntry(
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
    return actor_for(db, found_username, today)


def password_change_required(db: Database, username: str) -> bool:
    """True when the account's password was set by someone else and must be replaced before any work.

    Outside the demo only: the demo office's passwords are printed on its login screen on purpose.
    Plain SQL: asked right after login, before the first window.
    """
    found = first_reads.must_change_password(db, username.strip().lower())
    if found is None:
        raise NotFound(f"Akun '{username}' tidak ditemukan.")
    must_change, is_demo = found
    return must_change and not is_demo


def _locked_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return f"Akun dikunci sementara; coba lagi dalam {minutes} menit."


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """Operation 'Ganti kata sandi' (any logged-in person, for their own account).

    The new password must differ from the old one; afterwards nothing asks for a change any more.
    """
    require(actor, Op.PASSWORD_CHANGE_OWN)  # first: whether a password would do is no visitor's business
    if (problem := password_problem(new_password)) is not None:
        raise ValidationError(problem, field="password")
    if new_password == old_password:
        raise ValidationError("Kata sandi baru harus berbeda dari kata sandi lama.", field="password")
    if actor.account_id is None:
        raise ValidationError("Tidak ada akun yang masuk.")
    with write(db, actor, Op.PASSWORD_CHANGE_OWN) as tx:
        account = tx.session.get(m.Account, actor.account_id)
        if account is None or not verify_password(old_password, account.password_hash):
            raise ValidationError("Kata sandi lama salah.", field="old_password")
        account.password_hash = hash_password(new_password)
        account.must_change_password = False
        tx.audit("account", account.id, {"password": "(lama)"}, {"password": "(diganti)"})
