"""Sealing and chaining at commit: the last thing every writing transaction of the program does.

Any session that inserted audit entries or touched a sealed record (`storage/record_seals.py`) records, just
before it commits and inside its transaction, the new seals of the records it touched (on its own audit entry
for the record, or on an extra entry naming the record) and chains its entries (`storage/audit_chain.py`). The
listeners sit on SQLAlchemy's `Session` class, so an entry written outside `write()` (a lock-out at login) is
chained too.

A record whose content no longer matched its seal when the transaction began (changed with a database tool, then
changed again through the program) gets a finding entry first ("Temuan: diubah di luar program"), so resealing it
does not hide the earlier change.

The chain is read after the transaction's rows were flushed: SQLite then holds the write lock (a rollback
journal allows one writer), so a second writer, in another thread or process, waits at its own first write and
chains after this one commits. Hence `Database.transaction()` needs no BEGIN IMMEDIATE for the chain: the sqlite3
driver begins the transaction at the first INSERT/UPDATE/DELETE, and nothing here reads the chain before that
(tests/core/test_audit_chain.py runs two threads, and two processes, writing at once).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

if TYPE_CHECKING:
    from sakip_desktop.storage import record_seals

# storage/audit_chain.py and storage/record_seals.py are imported at the first commit, not with ops.base: the
# first screen only reads, and start-up is kept free of what writing needs.

_PENDING = "sakip_audit_pending"
CONTEXT = "sakip_audit_context"
# The operation an extra seal entry is written under when the session has no `write()` context.
FALLBACK_OPERATION = "Segel isi data"


@dataclass(frozen=True)
class AuditContext:
    """Who writes and under which operation: what an extra seal entry is written with (set by `ops.base.Tx`)."""

    account_id: int | None
    actor_name: str
    operation: str
    now: dt.datetime


@dataclass
class _Pending:
    entries: list[Any] = field(default_factory=list)  # the AuditEntry objects this transaction inserted
    touched: set[tuple[str, tuple[tuple[str, Any], ...]]] = field(default_factory=set)


def _values(obj: Any, names: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    state = inspect(obj)
    loaded = state.dict  # only what is loaded: never a query from inside a flush
    identity = state.identity
    values = []
    for name in names:
        value = loaded.get(name)
        if value is None and name == "id" and identity:
            value = identity[0]
        values.append((name, value))
    return tuple(values)


def _after_flush(session: Session, _context: Any) -> None:
    from sakip_desktop.storage import record_seals

    pending = session.info.get(_PENDING)
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(obj, "__tablename__", None)
        is_entry = table == "audit_entry" and obj in session.new
        if not is_entry and table not in record_seals.TOUCH_FIELDS:
            continue
        if pending is None:
            pending = session.info[_PENDING] = _Pending()
        if is_entry:
            pending.entries.append(obj)
        else:
            assert table is not None  # in TOUCH_FIELDS
            pending.touched.add((table, _values(obj, record_seals.TOUCH_FIELDS[table])))


def _before_commit(session: Session) -> None:
    from sakip_desktop.storage import audit_chain, record_seals
    from sakip_desktop.storage.engines import plain_of

    session.flush()  # the commit flushes only after this event: what is still pending must be seen here
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is None:
        return
    conn = plain_of(session.connection())  # SQLite's own connection (on a server: one that reads the same)
    keys: set[record_seals.Key] = set()
    for table, values in pending.touched:
        keys |= record_seals.owners(conn, table, dict(values))
    due = record_seals.seals_due(conn, keys) if keys else []
    if due:
        _record(session, pending, due, _changed_before(conn, [(e, i) for e, i, _ in due]))
        session.flush()
    if pending.entries:
        first = min(e.id for e in pending.entries)
        audit_chain.chain_from(conn, first)
        hashes = dict(
            conn.execute("SELECT id, prev_hash || ' ' || chain_hash FROM audit_entry WHERE id >= ?", (first,))
        )
        for entry in pending.entries:  # the objects outlive the session (expire_on_commit=False)
            prev, _, digest = hashes[entry.id].partition(" ")
            set_committed_value(entry, "prev_hash", prev)
            set_committed_value(entry, "chain_hash", digest)
    session.info.pop(_PENDING, None)


def _changed_before(conn: sqlite3.Connection, keys: list[record_seals.Key]) -> dict[record_seals.Key, int | None]:
    """The records among `keys` whose content, as committed before this transaction, did not match their last seal
    (changed behind the program's back before this write), each with the entry of that seal.

    Read through a second connection, which sees the file as it was before this transaction (this one holds
    SQLite's write lock, which lets others read). Resealing such a record must not hide what was found.
    """
    from sakip_desktop.storage import record_seals
    from sakip_desktop.storage.engines import committed_view

    recorded = record_seals.recorded_seals(conn, keys)  # this transaction has not sealed anything yet
    with committed_view(conn) as other:  # on a server: another connection, which sees only what is committed
        if other is None:  # a database in memory has no committed state to compare with
            return {}
        committed = record_seals.current_seals(other, keys)
    found = {}
    for key in keys:
        entry_id, seal = recorded.get(key, (None, ""))
        if committed.get(key) != (seal or None):
            found[key] = entry_id
    return found


def _record(
    session: Session,
    pending: _Pending,
    due: list[tuple[str, int, str]],
    changed_before: dict[record_seals.Key, int | None],
) -> None:
    from sakip_desktop.storage import audit_chain
    from sakip_desktop.storage import models as m

    own = {(e.entity, e.entity_id): e for e in pending.entries}  # the last entry of a record wins
    context: AuditContext | None = session.info.get(CONTEXT)
    if context is None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        context = AuditContext(None, audit_chain.SYSTEM_NAME, FALLBACK_OPERATION, now)
    for (entity, record_id), entry_id in changed_before.items():
        where = f"segel entri nomor {entry_id}" if entry_id else "segel mana pun"
        finding = {"temuan": f"Isi sebelum '{context.operation}' tidak cocok dengan {where}: diubah di luar program."}
        session.add(
            m.AuditEntry(
                at=context.now,
                account_id=None,
                actor_name=audit_chain.SYSTEM_NAME,
                operation=audit_chain.FINDING_OPERATION,
                entity=entity,
                entity_id=record_id,
                old=None,
                new=json.dumps(finding, ensure_ascii=False),
            )
        )
    for entity, record_id, seal in due:
        entry = own.get((entity, record_id))
        if entry is None:
            entry = m.AuditEntry(
                at=context.now,
                account_id=context.account_id,
                actor_name=context.actor_name,
                operation=context.operation,
                entity=entity,
                entity_id=record_id,
                old=None,
                new=None,
            )
            session.add(entry)
        entry.record_hash = seal


def _forget(session: Session, *_: Any) -> None:
    session.info.pop(_PENDING, None)


_installed = False


def install() -> None:
    """Put the listeners on `Session` (once; `ops.base` does it when imported)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_soft_rollback", _forget)
    _installed = True
