"""Opening an office database: version checks, upgrades, the engine and transactions.

An office keeps its data in one SQLite file. The same models, operations and reads also run on a PostgreSQL
server (`Database.open_url`, e.g. the kabupaten's consolidation): there the plain-SQL reads go through
`storage.engines.PlainConnection`, and the file's own concerns (its header, pragmas, health check, fsync) fall away.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sakip_desktop.errors import DatabaseDamaged, DatabaseError, DatabaseReadOnly, DatabaseTooNew
from sakip_desktop.storage import migrations
from sakip_desktop.storage.failures import damaged_message, explain, read_only_message
from sakip_desktop.storage.plain import Plain
from sakip_desktop.storage.sqlitefile import is_writable, quick_check, read_header


def _set_pragmas(dbapi_conn: sqlite3.Connection, durable: bool, read_only: bool = False) -> None:
    # Rollback journal (not WAL) and full sync: when the program is idle the .db file alone is
    # the whole database, so a copy made with the file manager is complete.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 5000")  # first: the journal_mode below waits for another writer too
    cur.execute("PRAGMA foreign_keys = ON")
    if not read_only:  # a read-only file keeps the mode it was written with (DELETE: this program's)
        cur.execute("PRAGMA journal_mode = DELETE")
    cur.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")
    cur.close()


class NoDatabaseFile(DatabaseError, AttributeError):
    """`Database.path` of a server database, which has no file (an AttributeError too: `getattr(db, "path",
    None)` is None there)."""


# The server lock every write transaction takes first (PostgreSQL advisory lock key; any constant of our own).
WRITER_LOCK = 0x5A4B4950


class Database:
    """An opened office database: a file (`Database.open`) or a server database (`Database.open_url`).

    Two ways in: the SQLAlchemy `engine` (sessions for the mapped classes, every write), made on first use,
    and `plain_reading()`, a bare sqlite3 connection for reads in plain SQL (`storage/sql.py`). The first
    screen reads through the second only, so start-up needs neither the engine's SQLite dialect nor the
    mapped classes. On a server both go through SQLAlchemy (`url` is set, `path` is refused).
    """

    def __init__(
        self,
        path: Path | None,
        *,
        durable: bool = True,
        read_only: bool = False,
        url: str | None = None,
        schema: str | None = None,
    ) -> None:
        self._path = path
        self.url = url  # a server database's SQLAlchemy URL; None for a file
        self.schema = schema  # the server schema read and written (its search_path); None: the default
        self._durable = durable
        # Set when the file or its folder cannot be written: reads and printing work, writes are refused.
        self.read_only = read_only
        self.read_only_reason: str | None = None  # a server database's: why it takes no writes (`open_url`)
        # Set (to the message shown) once damage is found: from then on nothing is written to the file.
        self.damage: str | None = None
        self._plain = threading.local()  # the connection a thread is reading through, while it reads
        self._main_plain: sqlite3.Connection | None = None  # kept between reads: the GUI thread reads often
        self._plain_lock = threading.Lock()
        self._reads = threading.local()  # the session a thread is reading through, while it reads

    @property
    def path(self) -> Path:
        """The database file (refused for a server database, which has none)."""
        if self._path is None:
            raise NoDatabaseFile(
                "Basis data di server tidak berupa berkas: salinan dan pemulihan berkas tidak berlaku."
            )
        return self._path

    @property
    def is_file(self) -> bool:
        """True for an office file (SQLite), False for a server database."""
        return self.url is None

    @property
    def dialect(self) -> str:
        """'sqlite' or the server's SQLAlchemy dialect name ('postgresql')."""
        return "sqlite" if self.url is None else self.engine.dialect.name

    @cached_property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made on first use)."""
        from sqlalchemy import create_engine, event

        if self.url is not None:
            settings = [f"-csearch_path={self.schema}"] if self.schema else []
            if self.read_only:  # the server refuses writes too, whatever the program asks
                settings.append("-cdefault_transaction_read_only=on")
            options = {"options": " ".join(settings)} if settings else {}
            return create_engine(self.url, connect_args=options, pool_pre_ping=True)
        url = f"sqlite:///file:{self.path.as_posix()}?mode=ro&uri=true" if self.read_only else f"sqlite:///{self.path}"
        engine = create_engine(url)
        event.listen(engine, "connect", lambda conn, _record: _set_pragmas(conn, self._durable, self.read_only))
        return engine

    @cached_property
    def _read_engine(self) -> Engine:
        """What `reading()` sessions run on: on a server, one snapshot per reading (as a file's read transaction)."""
        if self.url is None:
            return self.engine
        return self.engine.execution_options(isolation_level="REPEATABLE READ")

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = False,
        on_backup: Callable[[Path], None] | None = None,
        durable: bool = True,
    ) -> Database:
        """Open (and if needed upgrade) the database at `path`.

        A file written by a newer program raises `DatabaseTooNew` and is left untouched. With
        `create`, a missing or empty file becomes a new database at the newest schema. `durable=False`
        skips the sync after each commit: only for filling a brand-new file that is thrown away if
        the filling fails (the demo); `close()` then syncs it. A write that a crash interrupted is rolled
        back first. A file that cannot be written opens read-only (`read_only`); it cannot be upgraded.
        A SQLAlchemy URL (postgresql+psycopg://…) instead of a path opens a server database (`open_url`).
        """
        if isinstance(path, str) and "://" in path:
            return cls.open_url(path, create=create)
        path = Path(path).resolve()
        header = read_header(path)  # rolls back an interrupted write
        if header.user_version > migrations.SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"Basis data {path} dibuat oleh SAKIP Desktop versi yang lebih baru "
                f"(skema {header.user_version}, program ini mengenal sampai {migrations.SCHEMA_VERSION}). "
                "Berkas tidak diubah. Perbarui program ini untuk membukanya."
            )
        if header.is_empty and not create:
            raise DatabaseError(f"Berkas {path} tidak ada atau masih kosong.")
        path.parent.mkdir(parents=True, exist_ok=True)
        read_only = not header.is_empty and not is_writable(path)
        if header.user_version < migrations.SCHEMA_VERSION:
            if read_only:
                raise DatabaseReadOnly(
                    f"Basis data {path} dibuat oleh versi program yang lebih lama dan harus ditingkatkan, tetapi "
                    "berkas atau foldernya hanya dapat dibaca. Beri izin tulis, lalu buka lagi."
                )
            migrations.upgrade(path, on_backup=on_backup)
        return cls(path, durable=durable, read_only=read_only)

    @classmethod
    def open_url(
        cls,
        url: str,
        *,
        create: bool = False,
        schema: str | None = None,
        read_only: str | None = None,
    ) -> Database:
        """Open the office database on a server (a SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db), in
        `schema` when given. With `create`, an empty one gets every table of the models at the newest schema.
        `read_only`: the reason writes are refused (shown as it is); the server then refuses them too.

        A database written by a newer program raises `DatabaseTooNew`; one without the tables, `DatabaseError`.
        """
        from sakip_desktop.storage.pg_load import create_schema, schema_version

        db = cls(None, url=url, schema=schema, read_only=read_only is not None)
        db.read_only_reason = read_only
        try:
            with db.engine.begin() as conn:
                version = schema_version(conn)
                if version is None and create:
                    create_schema(conn, migrations.SCHEMA_VERSION)
                    version = migrations.SCHEMA_VERSION
        except BaseException as exc:
            db.close()
            failure = db._server_failed(exc)
            if failure is None:
                raise
            raise failure from exc
        if version is None or version > migrations.SCHEMA_VERSION:
            db.close()
            if version is None:
                raise DatabaseError(f"Basis data {db.display_name} belum berisi data SAKIP Desktop.")
            raise DatabaseTooNew(
                f"Basis data {db.display_name} dibuat oleh SAKIP Desktop versi yang lebih baru (skema {version}, "
                f"program ini mengenal sampai {migrations.SCHEMA_VERSION}). Perbarui program ini untuk membukanya."
            )
        return db

    @property
    def display_name(self) -> str:
        """The file's path, or the server database's URL without its password (and its schema)."""
        if self.url is None:
            return str(self._path)
        from sqlalchemy.engine import make_url

        shown = make_url(self.url).render_as_string(hide_password=True)
        return f"{shown} (skema {self.schema})" if self.schema else shown

    def close(self) -> None:
        """Release the file (all pooled connections), making sure it is on disk."""
        if "engine" in self.__dict__:
            self.engine.dispose()
        if self.url is not None:
            return
        with self._plain_lock:
            if self._main_plain is not None:
                self._main_plain.close()  # the next plain_reading() opens another
                self._main_plain = None
        if not self.read_only:
            with open(self.path, "rb+") as fh:
                os.fsync(fh.fileno())

    def _connect_plain(self) -> sqlite3.Connection:
        # Transactions are begun explicitly (plain_reading); close() may come from another thread.
        if self.read_only:
            target, uri = f"{self.path.as_uri()}?mode=ro", True
        else:
            target, uri = str(self.path), False
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, uri=uri)
        try:
            _set_pragmas(conn, self._durable, self.read_only)
        except sqlite3.Error as exc:  # a damaged schema page is met here first, at start-up
            conn.close()
            failure = self._failed(exc)
            if failure is None:
                raise
            raise failure from exc
        return conn

    # --- the file's health ---------------------------------------------------------------------

    def check_health(self) -> tuple[str, ...]:
        """SQLite's quick check of the whole file; on damage the database stops taking writes.

        Takes a second or two on a large file: the program runs it in the background after opening. A server
        checks its own storage: nothing to do for a server database.
        """
        if self.url is not None:
            return ()
        problems = quick_check(self.path)
        if problems:
            self.damage = damaged_message(self.path, problems[0])
        return problems

    def _failed(self, exc: BaseException) -> DatabaseError | None:
        """The office's error for a failure of the file itself, remembering damage and a read-only file."""
        if self.url is not None:
            return self._server_failed(exc)
        failure = explain(exc, self.path)
        if isinstance(failure, DatabaseDamaged):
            self.damage = failure.message
        elif isinstance(failure, DatabaseReadOnly):
            self.read_only = True
        return failure

    def _server_failed(self, exc: BaseException) -> DatabaseError | None:
        from sakip_desktop.storage.engines import server_failure

        return server_failure(exc, self.display_name)

    def _refuse_writes(self) -> None:
        if self.damage:
            raise DatabaseDamaged(self.damage)
        if self.read_only:
            if self.url is not None:
                raise DatabaseReadOnly(self.read_only_reason or f"Basis data {self.display_name} hanya untuk dibaca.")
            raise DatabaseReadOnly(read_only_message(self.path))

    @contextmanager
    def plain_reading(self) -> Iterator[Plain]:
        """A sqlite3 connection for reads in plain SQL, inside one read transaction (one snapshot of the file):
        for the first screen's reads (`ops/home/first_reads.py`) and the audit trail's check. On a server, an
        `engines.PlainConnection` inside one repeatable-read transaction (one snapshot too).

        The main (GUI) thread keeps its connection open between reads; another thread (a background job)
        gets one for the reading and closes it after. A reading inside another of the same thread shares it.
        """
        outer = getattr(self._plain, "conn", None)
        if outer is not None:
            yield outer
            return
        if self.url is not None:
            from sakip_desktop.storage.engines import server_reading

            with server_reading(self.engine, self.display_name, self._plain) as plain:
                yield plain
            return
        main = threading.current_thread() is threading.main_thread()
        if main:
            with self._plain_lock:
                if self._main_plain is None:
                    self._main_plain = self._connect_plain()
                conn = self._main_plain
        else:
            conn = self._connect_plain()
        self._plain.conn = conn
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                self._plain.conn = None
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if not main:
                    conn.close()
        except sqlite3.Error as exc:
            failure = self._failed(exc)
            if failure is None:
                raise
            raise failure from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed.

        A reading inside another of the same thread shares its session, so a view gathered from several read
        views (the LKj) reads one snapshot of the file, in one read transaction.
        """
        outer = getattr(self._reads, "session", None)
        if outer is not None:
            yield outer
            return
        from sqlalchemy.exc import DBAPIError

        try:
            with Session(self._read_engine) as session:
                self._reads.session = session
                try:
                    yield session
                finally:
                    self._reads.session = None
                session.rollback()
        except (DBAPIError, sqlite3.Error) as exc:  # sqlite3's own: from the pragmas run as a connection opens
            failure = self._failed(exc)
            if failure is None:
                raise
            raise failure from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error.

        Refused on a damaged or read-only file; a full disk, a damaged page or a failing drive met while
        writing comes out as the office's `DatabaseError` (nothing of the transaction is kept).
        """
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        self._refuse_writes()
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                if self.url is not None:  # one writer at a time, as on a file: the audit chain is written in order
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
                yield session
        except (DBAPIError, sqlite3.Error) as exc:  # sqlite3's own: from the pragmas run as a connection opens
            failure = self._failed(exc)
            if failure is None:
                raise
            raise failure from exc
