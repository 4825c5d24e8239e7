"""The office database on a server (PostgreSQL): the plain-SQL connection that speaks as sqlite3's does.

An office file is read in plain SQL on sqlite3's own connection (`storage/sql.py`, the audit trail's check,
`storage/audit_chain.py`, `storage/record_seals.py`). On a server the same code is handed a `PlainConnection`:
the calls it makes of sqlite3 (`execute` with `?` parameters, `fetchone`, `fetchall`, `fetchmany`, iteration,
`PRAGMA table_info`) run through SQLAlchemy on the server, and every value comes back as SQLite stores it
(dates and times as the ISO text SQLAlchemy writes into SQLite, flags as 0/1), so what is read, shown and hashed
(the audit chain, the record seals) is the same on both engines. `sql.rows` reads through `named`: SQLAlchemy's
`text()` with expanding parameters for `IN :name` and a typed cast for `:name IS NULL`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, TextClause, bindparam, text
from sqlalchemy.exc import OperationalError

from sakip_desktop.errors import DatabaseError
from sakip_desktop.storage.audit_chain import SQLITE_DATETIME  # how SQLAlchemy keeps a DateTime in SQLite


def stored(value: Any) -> Any:
    """A value read from the server as SQLite would have given it."""
    kind = type(value)
    if kind is dt.datetime:
        return value.strftime(SQLITE_DATETIME)
    if kind is dt.date:
        return value.isoformat()
    if kind is bool:
        return int(value)
    if kind is Decimal:  # an aggregate of integers (SUM): SQLite gives an int, or a float when not whole
        return int(value) if value == value.to_integral_value() else float(value)
    if kind is memoryview:
        return bytes(value)
    return value


def _stored_row(row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(stored(v) for v in row)


# The server type a parameter is cast to where only its NULL-ness is tested (`:unit IS NULL`): PostgreSQL cannot
# tell the type of a bare parameter.
_CASTS: dict[type, str] = {
    bool: "BOOLEAN",
    int: "BIGINT",
    float: "DOUBLE PRECISION",
    Decimal: "NUMERIC",
    dt.datetime: "TIMESTAMP",
    dt.date: "DATE",
}
_NULL_TEST = re.compile(r"(?<![:\w]):(\w+)(\s+IS\s+(?:NOT\s+)?NULL\b)", re.IGNORECASE)
_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?(?=:\w)", re.IGNORECASE)


_NULL_COPY = "_null_tested"  # suffix of the copy of a parameter whose NULL-ness is tested


@lru_cache(maxsize=512)
def _statement(
    sql: str, expanding: frozenset[str], empty: frozenset[str], casts: tuple[tuple[str, str], ...]
) -> tuple[TextClause, frozenset[str]]:
    """The server's statement for `sql`, and the parameters whose NULL test reads a copy of them (`_NULL_COPY`):
    a parameter used twice is one server parameter of one type, so `:unit IS NULL OR x = :unit` would fix its
    type to the cast's; the test reads a copy, and `x = :unit` takes the type of x."""
    for name in empty:  # `x IN (NULL)` matches nothing whatever the type of x (an empty set would need one);
        # `x NOT IN` nothing matches everything: `(x IN (NULL)) IS NOT TRUE` (IN binds tighter than IS)
        sql = re.sub(rf"\bNOT\s+IN\s+:{name}\b", "IN (NULL) IS NOT TRUE", sql, flags=re.IGNORECASE)
        sql = re.sub(rf"(?<![:\w]):{name}\b", "(NULL)", sql)
    cast_of = dict(casts)
    tested = frozenset(name for name, _ in _NULL_TEST.findall(sql))
    sql = _NULL_TEST.sub(lambda m: f"CAST(:{m[1]}{_NULL_COPY} AS {cast_of.get(m[1], 'TEXT')}){m[2]}", sql)
    # SQLite's `a IS :b` / `a IS NOT :b` compare with NULL as a value: PostgreSQL's IS [NOT] DISTINCT FROM.
    sql = _IS_PARAM.sub(lambda m: "IS DISTINCT FROM " if m[1] else "IS NOT DISTINCT FROM ", sql)
    statement = text(sql)
    if expanding:
        statement = statement.bindparams(*(bindparam(name, expanding=True) for name in sorted(expanding)))
    return statement, tested


class PlainCursor:
    """The rows of one statement, read as from sqlite3's cursor."""

    def __init__(self, names: tuple[str, ...], found: list[tuple[Any, ...]]) -> None:
        self.description = tuple((name, None, None, None, None, None, None) for name in names) if names else None
        self._rows = found
        self._at = 0
        self.rowcount = -1

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        found = self._rows[self._at : self._at + size]
        self._at += len(found)
        return found

    def fetchall(self) -> list[tuple[Any, ...]]:
        found = self._rows[self._at :]
        self._at = len(self._rows)
        return found

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while (row := self.fetchone()) is not None:
            yield row

    def close(self) -> None:
        self._rows = []


class PlainConnection:
    """A server connection (inside the transaction of its SQLAlchemy `Connection`) used as sqlite3's is."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def named(self, sql: str, params: Mapping[str, Any]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """`sql.rows` on the server: `:name` parameters, a collection fills `IN :name` (an empty one: nothing)."""
        values: dict[str, Any] = {}
        expanding: set[str] = set()
        empty: set[str] = set()
        for name, value in params.items():
            if isinstance(value, list | tuple | set | frozenset):
                (expanding if value else empty).add(name)
                if value:
                    values[name] = list(value)
            else:
                values[name] = value
        casts = tuple(sorted((n, _CASTS[type(v)]) for n, v in values.items() if type(v) in _CASTS))
        statement, tested = _statement(sql, frozenset(expanding), frozenset(empty), casts)
        values.update({f"{name}{_NULL_COPY}": values.get(name) for name in tested})
        result = self.connection.execute(statement, values)
        if not result.returns_rows:
            return (), []
        return tuple(result.keys()), [_stored_row(row) for row in result]

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = (), /) -> PlainCursor:
        """sqlite3's `execute`: `?` (or `:name`) parameters; `PRAGMA table_info(t)` and `database_list` answered."""
        pragma = re.fullmatch(r"\s*PRAGMA\s+(\w+)\s*(?:\(\s*'?(\w+)'?\s*\))?\s*", sql, re.IGNORECASE)
        if pragma:
            return self._pragma(pragma[1].lower(), pragma[2])
        if isinstance(parameters, Mapping):
            return PlainCursor(*self.named(sql, parameters))
        driver_sql = sql.replace("%", "%%").replace("?", "%s")  # the driver's placeholders are %s
        result = self.connection.exec_driver_sql(driver_sql, tuple(parameters))
        if not result.returns_rows:
            return PlainCursor((), [])
        return PlainCursor(tuple(result.keys()), [_stored_row(row) for row in result])

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction()

    def cursor(self) -> PlainConnection:
        return self

    def close(self) -> None:
        """Nothing: the connection belongs to the reading or transaction that handed it out."""

    def _pragma(self, name: str, table: str | None) -> PlainCursor:
        names = ("cid", "name", "type", "notnull", "dflt_value", "pk")
        if name == "table_info" and table:
            query = """
                SELECT ordinal_position - 1, column_name, data_type, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END,
                       column_default, 0
                  FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = :table ORDER BY ordinal_position
            """
            found = self.connection.execute(text(query), {"table": table}).all()
            return PlainCursor(names, [tuple(row) for row in found])
        if name == "database_list":  # no file: there is no committed copy to open beside this connection
            return PlainCursor(("seq", "name", "file"), [(0, "main", "")])
        raise ValueError(f"PRAGMA {name} has no PostgreSQL counterpart here")


def plain_of(connection: Connection) -> Any:
    """The plain-SQL connection of a SQLAlchemy connection: sqlite3's own on an office file, else a
    `PlainConnection` on it (for code that writes in plain SQL inside a session: `ops/audit/seal.py`)."""
    if connection.dialect.name == "sqlite":
        return connection.connection.dbapi_connection
    return PlainConnection(connection)


@contextmanager
def committed_view(conn: Any) -> Iterator[Any]:
    """A second, read-only plain connection that sees the database as committed before `conn`'s transaction
    (`conn`: what `plain_of` gave); None for a SQLite database in memory, which has no committed copy to open."""
    if isinstance(conn, PlainConnection):
        with conn.connection.engine.connect() as other, other.begin() as transaction:
            try:
                yield PlainConnection(other)
            finally:
                transaction.rollback()
        return
    name = conn.execute("PRAGMA database_list").fetchone()[2]
    if not name:
        yield None
        return
    committed = sqlite3.connect(f"{Path(name).as_uri()}?mode=ro", uri=True)
    try:
        yield committed
    finally:
        committed.close()


def server_failure(exc: BaseException, name: str) -> DatabaseError | None:
    """A server that cannot be reached (down, refusing the login) as the office's error naming the database
    `name`; None for anything else (a bug, not the office's to fix)."""
    if not isinstance(exc, OperationalError):
        return None
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
    return DatabaseError(f"Basis data {name} tidak dapat dihubungi: {reason}")


@contextmanager
def server_reading(engine: Engine, name: str, holder: threading.local) -> Iterator[PlainConnection]:
    """`Database.plain_reading()` on a server: one repeatable-read transaction (one snapshot), rolled back after;
    `holder.conn` is the connection meanwhile (a reading inside it shares it)."""
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin() as transaction:
                holder.conn = plain = PlainConnection(conn)
                try:
                    yield plain
                finally:
                    holder.conn = None
                    transaction.rollback()
    except OperationalError as exc:
        failure = server_failure(exc, name)
        assert failure is not None
        raise failure from exc
