"""Opening an office database: version checks, upgrades, the engine and transactions."""

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

from sakip_desktop.errors import DatabaseTooNew
from sakip_desktop.storage import migrations
from sakip_desktop.storage.sqlitefile import read_header


def _set_pragmas(dbapi_conn: sqlite3.Connection, durable: bool) -> None:
    # Rollback journal (not WAL) and full sync: when the program is idle the .db file alone is
    # the whole database, so a copy made with the file manager is complete.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 5000")  # first: the journal_mode below waits for another writer too
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = DELETE")
    cur.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")
    cur.close()


class Database:
    """An opened office database file. Create it with `Database.open`.

    Two ways in: the SQLAlchemy `engine` (sessions for the mapped classes, every write), made on first use,
    and `plain_reading()`, a bare sqlite3 connection for reads in plain SQL (`storage/sql.py`). The first
    screen reads through the second only, so start-up needs neither the engine's SQLite dialect nor the
    mapped classes.
    """

    def __init__(self, path: Path, *, durable: bool = True) -> None:
        self.path = path
        self._durable = durable
        self._plain = threading.local()  # the connection a thread is reading through, while it reads
        self._main_plain: sqlite3.Connection | None = None  # kept between reads: the GUI thread reads often
        self._plain_lock = threading.Lock()

    @cached_property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made on first use)."""
        from sqlalchemy import create_engine, event

        engine = create_engine(f"sqlite:///{self.path}")
        event.listen(engine, "connect", lambda conn, _record: _set_pragmas(conn, self._durable))
        return engine

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
        the filling fails (the demo); `close()` then syncs it.
        """
        path = Path(path).resolve()
        header = read_header(path)
        if header.user_version > migrations.SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"Basis data {path} dibuat oleh SAKIP Desktop versi yang lebih baru "
                f"(skema {header.user_version}, program ini mengenal sampai {migrations.SCHEMA_VERSION}). "
                "Berkas tidak diubah. Perbarui program ini untuk membukanya."
            )
        if header.is_empty and not create:
            from sakip_desktop.errors import DatabaseError

            raise DatabaseError(f"Berkas {path} tidak ada atau masih kosong.")
        path.parent.mkdir(parents=True, exist_ok=True)
        if header.user_version < migrations.SCHEMA_VERSION:
            migrations.upgrade(path, on_backup=on_backup)
        return cls(path, durable=durable)

    def close(self) -> None:
        """Release the file (all pooled connections), making sure it is on disk."""
        if "engine" in self.__dict__:
            self.engine.dispose()
        with self._plain_lock:
            if self._main_plain is not None:
                self._main_plain.close()  # the next plain_reading() opens another
                self._main_plain = None
        with open(self.path, "rb+") as fh:
            os.fsync(fh.fileno())

    def _connect_plain(self) -> sqlite3.Connection:
        # Transactions are begun explicitly (plain_reading); close() may come from another thread.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        _set_pragmas(conn, self._durable)
        return conn

    @contextmanager
    def plain_reading(self) -> Iterator[sqlite3.Connection]:
        """A sqlite3 connection for reads in plain SQL, inside one read transaction (one snapshot of the file).

        The main (GUI) thread keeps its connection open between reads; another thread (a background job)
        gets one for the reading and closes it after. A reading inside another of the same thread shares it.
        """
        outer = getattr(self._plain, "conn", None)
        if outer is not None:
            yield outer
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
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            self._plain.conn = None
            conn.execute("ROLLBACK")
            if not main:
                conn.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing it does is committed."""
        with Session(self.engine) as session:
            yield session
            session.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session
