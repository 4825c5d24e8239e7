"""The rows of one office file written into a new kecamatan schema of the kabupaten's PostgreSQL database, fast.

The same tables as `storage.pg_load.create_schema` + `copy_rows` make (the models' own DDL, every row with its id,
the sequences set past the highest id), done for 30 files at a time:

- the models' CREATE TABLE and CREATE INDEX statements are compiled once per process and sent as two scripts
  (no per-table existence queries: the schema was made empty in the same transaction);
- the rows go in by PostgreSQL's COPY, table by table, parents first (each row still checked by its table's keys
  and constraints), read from the file with sqlite3 itself;
- the plain indexes (not the keys or unique constraints, which check the rows as they come) are made after the
  rows: one pass over each table instead of one update per row;
- every sequence is set in one statement (`storage.pg_load.set_sequences`).

A value the server refuses (a text longer than its column: SQLite does not check lengths) raises SQLAlchemy's
`DBAPIError`, as the ORM's insert would; the caller's transaction then rolls back.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import psycopg
from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import DBAPIError

from sakip_desktop.storage.pg_load import SCHEMA_KEY, set_sequences


def _tables() -> list[Table]:
    from sakip_desktop.storage import models

    return list(models.Base.metadata.sorted_tables)


@functools.cache
def schema_ddl() -> tuple[str, str]:
    """(tables, indexes): the models' CREATE TABLE statements, parents first, with their keys, unique and foreign
    key constraints, and their CREATE INDEX statements, each as one script compiled for PostgreSQL. The names are
    unqualified: the statements make the tables in the schema of the connection's search_path."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = postgresql.dialect()
    tables = _tables()
    creates = [str(CreateTable(t).compile(dialect=dialect)).strip() for t in tables]
    indexes = [str(CreateIndex(i).compile(dialect=dialect)).strip() for t in tables for i in t.indexes]
    return ";\n".join(creates) + ";", ";\n".join(indexes) + ";"


def _decimal_text(value: Any) -> Any:
    # As `models.base.DecimalText` writes it (the ORM's copy reads it as a Decimal and writes it back so).
    return value if value is None else format(Decimal(value), "f")


@functools.cache
def _plans() -> list[tuple[Table, str, list[Callable[[Any], Any] | None]]]:
    """Per table: the table, the SELECT reading its rows from the file (by key), and a converter per column."""
    from sakip_desktop.storage.models.base import DecimalText

    plans = []
    for table in _tables():
        names = ", ".join(f'"{c.name}"' for c in table.columns)
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        where = f" WHERE key != '{SCHEMA_KEY}'" if table.name == "meta" else ""
        query = f'SELECT {names} FROM "{table.name}"{where} ORDER BY {order}'
        converters: list[Callable[[Any], Any] | None] = [
            _decimal_text if isinstance(c.type, DecimalText) else None for c in table.columns
        ]
        plans.append((table, query, converters))
    return plans


def _converted(rows: Iterator[tuple[Any, ...]], converters: list[Callable[[Any], Any] | None]) -> Iterator[Any]:
    if not any(converters):
        yield from rows
        return
    for row in rows:
        yield tuple(v if f is None else f(v) for f, v in zip(converters, row, strict=True))


def _copy(source: sqlite3.Connection, target: Connection) -> dict[str, int]:
    """Every row of every model table of `source` COPYed into the target's tables; the rows copied per table."""
    present = {name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    cursor = target.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    copied: dict[str, int] = {}
    try:
        for table, query, converters in _plans():
            if table.name not in present:
                continue
            found = source.execute(query)
            first = found.fetchone()
            if first is None:
                continue
            columns = ", ".join(f'"{c.name}"' for c in table.columns)
            statement = f'COPY "{table.name}" ({columns}) FROM STDIN'
            count = 0
            with cursor.copy(statement) as copy:
                for row in _converted(_chain(first, found), converters):
                    copy.write_row(row)
                    count += 1
            copied[table.name] = count
    except psycopg.Error as exc:  # the server's refusal, as SQLAlchemy reports it for its own statements
        raise DBAPIError.instance("COPY", None, exc, psycopg.Error) from exc
    finally:
        cursor.close()
    return copied


def _chain(first: tuple[Any, ...], rest: sqlite3.Cursor) -> Iterator[tuple[Any, ...]]:
    yield first
    yield from rest


def load_rows(source: sqlite3.Connection, target: Connection, version: int) -> dict[str, int]:
    """The models' tables made in the (empty) schema of `target`'s search_path, `version` recorded as its schema
    version in `meta`, every row of `source` copied with its id, the indexes made, the sequences set (one
    statement, `pg_load.set_sequences`). Returns the rows copied per table."""
    tables, indexes = schema_ddl()
    target.exec_driver_sql(tables)
    target.execute(
        text("INSERT INTO meta (key, value) VALUES (:key, :value)"), {"key": SCHEMA_KEY, "value": str(version)}
    )
    copied = _copy(source, target)
    target.exec_driver_sql(indexes)
    set_sequences(target)
    return copied
