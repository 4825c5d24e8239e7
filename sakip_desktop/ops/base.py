"""The acting user, permission checks and the audited transaction every write goes through."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import ANY_ACCOUNT, Op, allowed_label, permission
from sakip_desktop.domain.roles import ADMIN, ActingKind, Role
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.ops.audit import seal as audit_seal
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

audit_seal.install()  # every commit chains its audit entries and seals what it touched


def utcnow() -> dt.datetime:
    """Now in UTC, naive (how timestamps are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Tests and benchmarks replace this to move time; operations read the clock only through it.
Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class RoleGrant:
    """A role held by the actor; `unit_id` for a Kasi's seksi; `acting` for Plt./Plh."""

    role: Role
    unit_id: int | None = None
    unit_name: str = ""
    acting: ActingKind | None = None


@dataclass(frozen=True)
class Actor:
    """Who is performing operations: a logged-in account, or the program itself (`SYSTEM`)."""

    account_id: int | None
    person_id: int | None
    name: str
    grants: tuple[RoleGrant, ...] = ()
    is_admin: bool = False
    is_system: bool = False
    username: str = ""

    def has(self, role: Role) -> bool:
        """True when the actor holds `role` (in person or acting)."""
        return any(g.role is role for g in self.grants)

    def may(self, what: Op | Iterable[str]) -> bool:
        """True when the permission table lets the actor start operation `what`; or, given a set of role values
        (e.g. an SOP's start roles, which are data), when any of the actor's roles (or the admin flag) is in it."""
        allowed = permission(what).allowed if isinstance(what, str) else set(what)
        if self.is_system:
            return True
        if ANY_ACCOUNT in allowed and self.account_id is not None:
            return True
        if self.is_admin and ADMIN in allowed:
            return True
        return any(g.role.value in allowed for g in self.grants)


SYSTEM = Actor(account_id=None, person_id=None, name="Sistem SAKIP Desktop", is_system=True)


def require(actor: Actor, op: Op, *, within: Iterable[str] | None = None) -> None:
    """Raise `PermissionDenied` unless the permission table lets the actor start `op`.

    `within` narrows the table for one record, never widens it: the roles an SOP names as its starters, the role
    that started a run. The refusal names the operation and who may do it.
    """
    row = permission(op)
    for allowed in (row.allowed, None if within is None else row.allowed & set(within)):
        if allowed is not None and not actor.may(allowed):
            raise PermissionDenied(f"Anda tidak berwenang: {row.label}. Hanya untuk {allowed_label(allowed)}.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes):
        return f"<{len(value)} bita>"
    return value


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a record as JSON-safe values (for the audit trail)."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


@dataclass
class Tx:
    """An open write: the session plus the audit trail of the operation."""

    session: Session
    actor: Actor
    operation: str
    now: dt.datetime
    entries: list[m.AuditEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        # What an extra seal entry is written with when the operation touches a sealed record it does not audit
        # itself; the seals and the hash chain are written at commit (ops/audit_seal.py).
        self.session.info[audit_seal.CONTEXT] = audit_seal.AuditContext(
            self.actor.account_id, self.actor.name, self.operation, self.now
        )

    def audit(
        self,
        entity: str,
        entity_id: int | None,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
    ) -> None:
        """Append one audit entry; only the fields that changed are kept for an edit. At commit the entry is chained
        and, for a sealed record, carries its content seal (ops/audit_seal.py)."""
        if old is not None and new is not None:
            changed = [k for k in new if old.get(k) != new.get(k)]
            if not changed:
                return
            old = {k: old.get(k) for k in changed}
            new = {k: new[k] for k in changed}
        entry = m.AuditEntry(
            at=self.now,
            account_id=self.actor.account_id,
            actor_name=self.actor.name,
            operation=self.operation,
            entity=entity,
            entity_id=entity_id,
            old=None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
            new=None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True),
        )
        self.session.add(entry)
        self.entries.append(entry)


# The operation whose transaction is open in this thread (None outside `write()`); tests watch it to prove that
# nothing writes around `write()`.
_open_write: ContextVar[Op | None] = ContextVar("open_write", default=None)


def open_write() -> Op | None:
    """The operation whose `write()` transaction is open in this thread and context, or None."""
    return _open_write.get()


@contextmanager
def write(db: Database, actor: Actor, op: Op, *, clock: Clock = utcnow) -> Iterator[Tx]:
    """Check the permission table for `op`, open one transaction, yield a `Tx` (audited under the operation's
    label); commit at the end or roll back."""
    require(actor, op)
    token = _open_write.set(op)
    try:
        with db.transaction() as session:
            yield Tx(session=session, actor=actor, operation=permission(op).label, now=clock())
    finally:
        _open_write.reset(token)
