"""Opening an office database: version checks, upgrades, the engine and transactions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from sakip_desktop.errors import DatabaseTooNew
from sakip_desktop.storage import migrations
from sakip_desktop.storage.sqlitefile import read_header


def _pragmas(durable: bool):
    def on_connect(dbapi_conn, _record) -> None:
        # Rollback journal (not WAL) and full sync: when the program is idle the .db file alone is
        # the whole database, so a copy made with the file manager is complete.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = DELETE")
        cur.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")
        cur.execute("PRAGMA busy_timeout = 5000")
        cur.close()

    return on_connect


class Database:
    """An opened office database file. Create it with `Database.open`."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

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
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _pragmas(durable))
        return cls(path, engine)

    def close(self) -> None:
        """Release the file (all pooled connections), making sure it is on disk."""
        self.engine.dispose()
        with open(self.path, "rb+") as fh:
            os.fsync(fh.fileno())

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
