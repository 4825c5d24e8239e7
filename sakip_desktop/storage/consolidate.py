"""Loading kecamatan office files into the kabupaten's PostgreSQL database (issue 17).

Each kecamatan lives in its own PostgreSQL schema (`kec_35_07_19` for kode wilayah 35.07.19), made from the same
models as an office file, every row copied with its id, so audit entries and seals keep pointing at their
records; the sequences are then set past the highest id. The schema `kabupaten` keeps which office each schema
holds (`kabupaten.kecamatan`) and every load (`kabupaten.import_log`). A load makes the office's new schema (fast:
`storage.consolidate_load`), drops the old one, gives the new one its name and writes both tables in one
transaction: PostgreSQL's DDL is transactional, so a failure leaves the schema the kabupaten had before, and
people reading meanwhile see the old data until the commit.

This module moves rows; what may be loaded (checks, identity, newer or older) is decided in
`sakip_desktop.ops.kabupaten`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url

from sakip_desktop.errors import DatabaseError
from sakip_desktop.storage.consolidate_load import load_rows as _load_rows

KABUPATEN_SCHEMA = "kabupaten"
SCHEMA_PREFIX = "kec_"

_meta = MetaData(schema=KABUPATEN_SCHEMA)

# The kecamatan whose data is loaded now: one row per office, by kode wilayah.
KECAMATAN = Table(
    "kecamatan",
    _meta,
    Column("region_code", String(8), primary_key=True),
    Column("office_uuid", String(36), nullable=False),  # "" while only files without an identity came
    Column("schema_name", String(40), nullable=False, unique=True),
    Column("office_name", String(100), nullable=False),
    Column("regency", String(130), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data_date", DateTime, nullable=True),  # the office's local time of its newest change
    Column("schema_version", Integer, nullable=False),
    Column("loaded_at", DateTime, nullable=False),  # UTC
)

# Every load: who, when, which file, its checksum, the data date, and whether it was the first or a replacement.
IMPORT_LOG = Table(
    "import_log",
    _meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region_code", String(8), nullable=False),
    Column("office_uuid", String(36), nullable=False),
    Column("office_name", String(100), nullable=False),
    Column("file_name", String(400), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data_date", DateTime, nullable=True),
    Column("schema_version", Integer, nullable=False),  # the file's, before any upgrade
    Column("action", String(20), nullable=False),  # "dimuat" (first) or "diganti" (replaced a loaded one)
    Column("imported_by", String(100), nullable=False),
    Column("imported_at", DateTime, nullable=False),  # UTC
)


@dataclass(frozen=True)
class LoadedOffice:
    """A kecamatan whose data is in the kabupaten database (a row of `kabupaten.kecamatan`)."""

    region_code: str
    office_uuid: str
    schema_name: str
    office_name: str
    regency: str
    sha256: str
    data_date: dt.datetime | None
    schema_version: int
    loaded_at: dt.datetime


@dataclass(frozen=True)
class LoadRequest:
    """One office file (already checked and, when older, upgraded on a copy) to load, with its log entry."""

    source: Path  # the checked copy at the newest schema
    region_code: str
    office_uuid: str
    office_name: str
    regency: str
    file_name: str  # the file the kabupaten was given
    sha256: str  # of the file the kabupaten was given
    data_date: dt.datetime | None
    schema_version: int  # of the file the kabupaten was given
    imported_by: str
    now: dt.datetime  # UTC


def schema_name(region_code: str) -> str:
    """The PostgreSQL schema of a kecamatan: 'kec_35_07_19' for kode wilayah '35.07.19'."""
    if not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", region_code):
        raise ValueError(f"not a kode wilayah: {region_code!r}")
    return SCHEMA_PREFIX + region_code.replace(".", "_")


def normalized_url(url: str) -> str:
    """The kabupaten's URL as SQLAlchemy takes it: `postgresql://…` goes through psycopg 3 (the driver installed);
    `ValueError` for another kind of database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("the kabupaten database is a PostgreSQL server (postgresql://…)")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def kabupaten_engine(url: str) -> Engine:
    """An engine on the kabupaten's PostgreSQL database."""
    return create_engine(normalized_url(url))


def ensure_kabupaten_tables(engine: Engine) -> None:
    """Make the schema `kabupaten` and its two tables when missing (the first import does it).

    Raises `DatabaseError` in Indonesian when the server cannot be reached or refuses the login."""
    from sqlalchemy.exc import OperationalError

    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {KABUPATEN_SCHEMA}"))
            _meta.create_all(conn)
    except OperationalError as exc:
        raise DatabaseError(
            f"Server PostgreSQL kabupaten ({engine.url.render_as_string(hide_password=True)}) tidak dapat dihubungi "
            f"atau menolak masuk: {str(exc.orig).strip().splitlines()[0] if exc.orig else exc}. Periksa alamat, "
            "nama pengguna dan kata sandinya, dan bahwa servernya menyala."
        ) from exc


def loaded_offices(conn: Connection) -> dict[str, LoadedOffice]:
    """Every kecamatan loaded, by kode wilayah (empty before the first import)."""
    if conn.execute(text(f"SELECT to_regclass('{KABUPATEN_SCHEMA}.kecamatan')")).scalar() is None:
        return {}
    found = conn.execute(select(KECAMATAN).order_by(KECAMATAN.c.region_code)).mappings()
    return {row["region_code"]: LoadedOffice(**row) for row in found}


def load_office(engine: Engine, request: LoadRequest, check: Callable[[Connection], None] | None = None) -> str:
    """Load (or replace) the office's schema from `request.source` in one transaction; return 'dimuat' or
    'diganti'.

    The tables are made and filled under a schema name of this load's own, without holding any lock others wait
    on (several files load at once; people reading meanwhile see the schema loaded before). Then the kecamatan
    table is locked, `check` (which raises to stop) decides again, the old schema is dropped and the new one takes
    its name, and the log is written: two loads of one office decide one after the other, and a failure anywhere
    leaves the kabupaten as it was."""
    from sakip_desktop.storage import migrations

    schema = schema_name(request.region_code)
    building = f"{schema}_{uuid.uuid4().hex[:8]}"
    reading = sqlite3.connect(f"file:{request.source.as_posix()}?mode=ro", uri=True)
    try:
        with engine.begin() as conn:
            # A crash before the commit loses only this import, which is run again from the file: the commit
            # need not wait for the server's disk (the data of earlier imports is flushed as always).
            conn.execute(text("SET LOCAL synchronous_commit = off"))
            conn.execute(text(f'CREATE SCHEMA "{building}"'))
            conn.execute(text(f'SET LOCAL search_path TO "{building}"'))  # until the commit
            _load_rows(reading, conn, migrations.SCHEMA_VERSION)
            conn.execute(text(f"LOCK TABLE {KABUPATEN_SCHEMA}.kecamatan IN EXCLUSIVE MODE"))
            if check is not None:
                check(conn)
            before = loaded_offices(conn).get(request.region_code)
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'ALTER SCHEMA "{building}" RENAME TO "{schema}"'))
            action = "dimuat" if before is None else "diganti"
            _record(conn, request, schema, action)
    finally:
        reading.close()
    return action


def _record(conn: Connection, request: LoadRequest, schema: str, action: str) -> None:
    values: dict[str, Any] = {
        "region_code": request.region_code,
        "office_uuid": request.office_uuid,
        "office_name": request.office_name,
        "sha256": request.sha256,
        "data_date": request.data_date,
        "schema_version": request.schema_version,
    }
    conn.execute(KECAMATAN.delete().where(KECAMATAN.c.region_code == request.region_code))
    conn.execute(insert(KECAMATAN).values(**values, schema_name=schema, regency=request.regency, loaded_at=request.now))
    conn.execute(
        insert(IMPORT_LOG).values(
            **values,
            file_name=request.file_name,
            action=action,
            imported_by=request.imported_by,
            imported_at=request.now,
        )
    )


def import_log(conn: Connection) -> list[dict[str, Any]]:
    """The import log, newest first (empty before the first import)."""
    if not inspect(conn).has_table("import_log", schema=KABUPATEN_SCHEMA):
        return []
    return [dict(r) for r in conn.execute(select(IMPORT_LOG).order_by(IMPORT_LOG.c.id.desc())).mappings()]
