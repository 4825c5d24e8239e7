"""The acting user, permission checks and the audited transaction every write goes through."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sakip_desktop.domain.roles import ADMIN, ActingKind, Role
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


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

    def may(self, allowed: Iterable[str]) -> bool:
        """True when any of the actor's roles (or the admin flag) is in `allowed`."""
        allowed = set(allowed)
        if self.is_system:
            return True
        if ANY_ACCOUNT in allowed and self.account_id is not None:
            return True
        if self.is_admin and ADMIN in allowed:
            return True
        return any(g.role.value in allowed for g in self.grants)


# In an operation's allowed list: anyone logged in (e.g. changing one's own password).
ANY_ACCOUNT = "ANY_ACCOUNT"

SYSTEM = Actor(account_id=None, person_id=None, name="Sistem SAKIP Desktop", is_system=True)

_ALLOWED_LABELS = {ADMIN: "Administrator", ANY_ACCOUNT: "pengguna yang masuk", **{r.value: r.label for r in Role}}


def require(actor: Actor, allowed: Iterable[str], what: str) -> None:
    """Raise `PermissionDenied` unless the actor may do `what`."""
    allowed = tuple(allowed)
    if not actor.may(allowed):
        who = ", ".join(_ALLOWED_LABELS.get(a, a) for a in allowed)
        raise PermissionDenied(f"Anda tidak berwenang: {what}. Hanya untuk {who}.")


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

    def audit(
        self,
        entity: str,
        entity_id: int | None,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
    ) -> None:
        """Append one audit entry; only the fields that changed are kept for an edit."""
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


@contextmanager
def write(
    db: Database,
    actor: Actor,
    operation: str,
    allowed: Iterable[str],
    *,
    clock: Clock = utcnow,
) -> Iterator[Tx]:
    """Check permission, open one transaction, yield a `Tx`; commit at the end or roll back."""
    require(actor, allowed, operation)
    with db.transaction() as session:
        yield Tx(session=session, actor=actor, operation=operation, now=clock())
