"""Plain-SQL reads, for what the login dialog and the first window show (`sakip_desktop.ops.home.first_reads`).

The first screen after start (a role's "Menunggu Anda", its indicators, the Camat's dasbor, the status bar)
reads through these helpers instead of the mapped classes, on `Database.plain_reading()`'s connection, so that
start-up pays neither for declaring the classes (see `sakip_desktop.storage.models`) nor for SQLAlchemy's engine.
Only `ops/home/first_reads.py` uses them; every other read goes through the ORM.
The SQL names the tables and columns of the migrations (`storage/migrations/*.sql`), which are the schema.

One code path, two engines: on an office file the connection is sqlite3's own (the fast path); on a server
(PostgreSQL) it is a `storage.engines.PlainConnection`, and the same SQL runs through SQLAlchemy's `text()`
with expanding parameters for `IN :name` and typed `:name IS NULL` checks. Values come back as SQLite stores
them on both (dates and times as ISO text, flags as 0/1) unless `rows` is given `types`; the converters below
turn them into what the mapped classes would give: `Decimal` for the exact numbers kept as text, `date` and
`datetime` for the ISO texts, `bool` for 0/1.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sakip_desktop.storage.plain import Plain as Plain  # what `rows` reads through

# How a column's stored value becomes what the mapped class would give (see `rows`).
Converter = Callable[[Any], Any]


def _expand(sql: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """`IN :name` with a list, tuple or set becomes `IN (:name_0, :name_1, …)`; an empty one matches nothing."""
    for name, value in list(params.items()):
        if isinstance(value, Collection) and not isinstance(value, str | bytes):
            items = list(value)
            del params[name]
            params.update({f"{name}_{i}": item for i, item in enumerate(items)})
            listed = ", ".join(f":{name}_{i}" for i in range(len(items))) or "SELECT NULL WHERE 0"
            sql = re.sub(rf":{name}\b", f"({listed})", sql)
    return sql, params


_RECORD_TYPES: dict[tuple[str, ...], type[tuple[Any, ...]]] = {}


def _record_type(names: tuple[str, ...]) -> type[tuple[Any, ...]]:
    """A tuple type whose items can also be read by column name (`row.started_at`), one per column list."""
    found = _RECORD_TYPES.get(names)
    if found is None:
        fields: dict[str, Any] = {"__slots__": ()}
        for i, name in enumerate(names):
            if name.isidentifier() and name not in fields and not hasattr(tuple, name):
                fields[name] = property(itemgetter(i))
        found = _RECORD_TYPES[names] = type("Record", (tuple,), fields)
    return found


def _fetch(conn: Plain, sql: str, params: dict[str, Any]) -> tuple[tuple[str, ...], list[Any]]:
    if isinstance(conn, sqlite3.Connection):  # an office file: sqlite3 itself, nothing in between
        sql, params = _expand(sql, params)
        cursor = conn.cursor()
        try:
            cursor.execute(sql, params)
            return tuple(column[0] for column in cursor.description), cursor.fetchall()
        finally:
            cursor.close()
    from sakip_desktop.storage.engines import PlainConnection

    assert isinstance(conn, PlainConnection), type(conn)
    return conn.named(sql, params)


def rows(conn: Plain, sql: str, *, types: Mapping[str, Converter] | None = None, **params: Any) -> list[Any]:
    """The rows of `sql` with its `:name` parameters; a list, tuple or set parameter fills an `IN :name`.

    Each row is a tuple whose items are also attributes named as the columns (the first of equal names).
    `types` converts the columns it names (every column of that name), e.g. `{"due_on": date}`.
    """
    names, found = _fetch(conn, sql, params)
    record = _record_type(names)
    if types:
        plan = [types.get(name) for name in names]
        return [record(v if f is None else f(v) for f, v in zip(plan, row, strict=True)) for row in found]
    return [record(row) for row in found]


def scalar(conn: Plain, sql: str, **params: Any) -> Any:
    """The first column of the first row of `sql`, or None when there is no row."""
    found = rows(conn, sql, **params)
    return found[0][0] if found else None


def decimal(value: str | int | float | None) -> Decimal | None:
    """An exact number stored as text (`DecimalText`)."""
    return None if value is None else Decimal(str(value))


def date(value: str | None) -> dt.date | None:
    """A date stored as 'YYYY-MM-DD'."""
    return None if value is None else dt.date.fromisoformat(value)


def datetime(value: str | None) -> dt.datetime | None:
    """A time stored as 'YYYY-MM-DD HH:MM:SS[.ffffff]' (naive, as the mapped classes store it)."""
    return None if value is None else dt.datetime.fromisoformat(value)


def boolean(value: int | None) -> bool:
    """A flag stored as 0/1."""
    return bool(value)
