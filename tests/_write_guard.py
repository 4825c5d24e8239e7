"""A watch on every statement that changes an office database: outside `ops.base.write()` it is a bypass.

Every SQLite connection the program opens (the engine's, and the bare ones of `plain_reading()`) gets a trace
callback; SQLite calls it for each statement it runs. A statement that inserts, updates or deletes while no
`write()` is open in that thread is recorded with the code that opened its transaction (the caller of
`db.transaction()`; for a bare connection, the code running the statement), unless that code is the storage
layer doing its own job (upgrades, backup, restore), the demo office (rebuilt by another issue; it fills a new file
through the operations and its own transaction) or a test preparing its data.
"""

from __future__ import annotations

import re
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from sakip_desktop.ops.base import open_write
from sakip_desktop.storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
CHANGES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
PROJECT = ("sakip_desktop/", "ui/", "tests/", "benchmarks/")  # not the virtual environment in the checkout
# Plumbing every write passes through: never the origin of a write.
_PLUMBING = (
    "sakip_desktop/storage/database.py",
    "sakip_desktop/storage/sql.py",
    "sakip_desktop/ops/audit/seal.py",  # seals and chains at every commit: it flushes what the caller wrote
    "tests/_write_guard.py",
)
# Code allowed to write outside write(): the storage layer's own work, the demo office, tests' own setup.
_MAY_WRITE = ("sakip_desktop/storage/", "sakip_desktop/demo", "tests/")


def _origin() -> str | None:
    """'path:line' of the innermost project code on the stack that is not plumbing, or None outside the project."""
    for frame in reversed(traceback.extract_stack()):
        try:
            relative = Path(frame.filename).resolve().relative_to(ROOT).as_posix()
        except ValueError:
            continue  # a library (SQLAlchemy, contextlib, pytest)
        if not relative.startswith(PROJECT) or relative.startswith(_PLUMBING):
            continue
        return f"{relative}:{frame.lineno}"
    return None


@dataclass
class WriteGuard:
    """The statements that changed data outside `write()`, as 'origin: SQL'."""

    violations: list[str] = field(default_factory=list)
    writes_seen: int = 0  # changing statements inside write(): proves the watch was on
    openers: dict[int, str | None] = field(default_factory=dict)  # connection → who began its session

    def trace(self, key: int, statement: str) -> None:
        """SQLite hands over each statement it runs on the watched connection `key`."""
        if not CHANGES.match(statement):
            return
        if open_write() is not None:
            self.writes_seen += 1
            return
        origin = self.openers[key] if key in self.openers else _origin()
        if origin is None or origin.startswith(_MAY_WRITE):
            return
        self.violations.append(f"{origin}: {' '.join(statement.split())[:160]}")

    def watch(self, conn: sqlite3.Connection) -> None:
        """Trace every statement of `conn` (SQLite's trace callback: a server connection is not watched)."""
        if not isinstance(conn, sqlite3.Connection):
            return
        key = id(conn)
        conn.set_trace_callback(lambda statement: self.trace(key, statement))

    def transaction_made(self, session: Session, transaction) -> None:
        """Note who opened a session's transaction: the code calling `db.transaction()` (or, for a session that
        begins by itself, the code whose query began it)."""
        if transaction.parent is None:
            session.info["write_guard_opener"] = _origin()

    def session_began(self, session: Session, _transaction, connection) -> None:
        """The connection a session's transaction took: its writes are the opener's."""
        key = id(connection.connection.dbapi_connection)
        self.openers[key] = session.info.get("write_guard_opener", _origin())
        session.info.setdefault("write_guard_keys", set()).add(key)

    def session_ended(self, session: Session, transaction) -> None:
        if transaction.parent is None:
            for key in session.info.pop("write_guard_keys", ()):
                self.openers.pop(key, None)


@contextmanager
def watching(guard: WriteGuard, monkeypatch: pytest.MonkeyPatch) -> Iterator[WriteGuard]:
    """Watch every connection opened meanwhile (engines and plain readings of any `Database`) with `guard`."""

    def on_connect(dbapi_conn, _record) -> None:
        guard.watch(dbapi_conn)

    listeners = [
        (Pool, "connect", on_connect),
        (Session, "after_transaction_create", guard.transaction_made),
        (Session, "after_begin", guard.session_began),
        (Session, "after_transaction_end", guard.session_ended),
    ]
    for target, name, fn in listeners:
        event.listen(target, name, fn)
    plain = Database._connect_plain

    def watched_plain(self: Database) -> sqlite3.Connection:
        conn = plain(self)
        guard.watch(conn)
        return conn

    monkeypatch.setattr(Database, "_connect_plain", watched_plain)
    try:
        yield guard
    finally:
        for target, name, fn in listeners:
            event.remove(target, name, fn)


@pytest.fixture
def write_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[WriteGuard]:
    """Watch every connection opened during the test."""
    with watching(WriteGuard(), monkeypatch) as guard:
        yield guard
