"""A server database's tables, and rows loaded into it with their ids kept.

`create_schema` makes every table of the models on the server (a file is made by the migrations instead) and
records the schema version in `meta`. `copy_rows` copies every row of one database into another through the
models' column types, ids kept, so references (the audit trail's among them) stay valid; `set_sequences` then
moves each table's id sequence past the highest id, so the next row a program adds does not collide. Use it
after any load with explicit ids (the kabupaten's consolidation, the demo written onto a server).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, func, insert, inspect, select, text

# The `meta` key holding a server database's schema version (a file keeps it in SQLite's user_version).
SCHEMA_KEY = "schema_version"
BATCH = 2000  # rows inserted per statement batch


def _tables() -> list[Table]:
    from sakip_desktop.storage import models

    return list(models.Base.metadata.sorted_tables)


def schema_version(conn: Connection) -> int | None:
    """The schema version of the server database (in `conn`'s schema); None when it has no `meta` table or key."""
    if not inspect(conn).has_table("meta"):
        return None
    found = conn.execute(text("SELECT value FROM meta WHERE key = :key"), {"key": SCHEMA_KEY}).scalar()
    return int(found) if found is not None else None


def create_schema(conn: Connection, version: int) -> None:
    """Every table of the models in `conn`'s schema, and `version` recorded as its schema version."""
    from sakip_desktop.storage import models

    models.Base.metadata.create_all(conn)
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES (:key, :value)"),
        {"key": SCHEMA_KEY, "value": str(version)},
    )


def copy_rows(source: Connection, target: Connection, *, skip: Iterable[str] = ()) -> dict[str, int]:
    """Copy every row of every model table from `source` into the (empty) tables of `target`, ids kept, parents
    before children; then set the target's sequences. The tables of `skip` are left out; `meta` is copied but
    for the target's own schema version. Returns the rows copied per table.
    """
    skipped = set(skip)
    copied: dict[str, int] = {}
    present = set(inspect(source).get_table_names())
    for table in _tables():
        if table.name in skipped or table.name not in present:
            continue
        query = select(table).order_by(*table.primary_key.columns)
        if table.name == "meta":
            query = query.where(table.c.key != SCHEMA_KEY)
        result = source.execute(query)
        count = 0
        while batch := result.fetchmany(BATCH):
            target.execute(insert(table), [row._asdict() for row in batch])
            count += len(batch)
        copied[table.name] = count
    if target.dialect.name == "postgresql":
        set_sequences(target)
    return copied


def set_sequences(conn: Connection, tables: Iterable[Table] | None = None) -> None:
    """Move the id sequence of every table (in `conn`'s schema) past its highest id: needed after rows were
    written with explicit ids, else the next insert collides. On PostgreSQL only; SQLite needs nothing.
    One statement for all the tables (a kabupaten loads 30 offices)."""
    if conn.dialect.name != "postgresql":
        return
    settings = []
    for table in tables if tables is not None else _tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].autoincrement is False:
            continue
        sequence = func.pg_get_serial_sequence(table.name, keys[0].name)
        highest = select(func.coalesce(func.max(keys[0]), 0)).scalar_subquery()
        # setval(seq, n, false): the next value is n itself; a table without a sequence gives NULL, left alone.
        settings.append(func.setval(sequence, highest + 1, False))
    if settings:
        conn.execute(select(*settings))
