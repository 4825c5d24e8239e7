"""Stepwise schema upgrades of the office database.

Schema version N is reached by running the numbered files `000N_*.sql` in order (then the step's Python
part, if `PYTHON_AFTER_SQL` names one); the version is kept in SQLite's `user_version` header. Released files
are never edited. Before any step runs, the file is copied with SQLite's backup API next to the database, so a
failed upgrade loses nothing: each step runs in one transaction and a failing step leaves the file at the
version before it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.errors import DatabaseError

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """One upgrade: from `version - 1` to `version`."""

    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


# The Python part of a step, run after its SQL in the same transaction, for what SQL alone cannot do
# ("module:function", imported only when the step runs).
PYTHON_AFTER_SQL: dict[int, str] = {
    7: "sakip_desktop.storage.audit_chain:seal_existing",  # chain the audit trail, seal approved/signed records
    10: "sakip_desktop.storage.migrations.sop_0010:apply",  # adopted SOPs become the office's own (lanes, tracks)
    16: "sakip_desktop.storage.migrations.identity_0016:apply",  # office identity: a UUID for an older file
}


def _python_part(version: int) -> Callable[[sqlite3.Connection], None] | None:
    target = PYTHON_AFTER_SQL.get(version)
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _sql_step(path: Path) -> Step:
    version = int(path.name.split("_", 1)[0])

    def apply(conn: sqlite3.Connection) -> None:
        for statement in split_sql(path.read_text(encoding="utf-8")):
            conn.execute(statement)
        if (python_part := _python_part(version)) is not None:
            python_part(conn)

    return Step(version=version, name=path.stem, apply=apply)


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (executescript would commit on its own)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement at the end of a migration file")
    return statements


def builtin_steps() -> list[Step]:
    """The upgrade steps shipped with this program, in order."""
    files = sorted(p for p in HERE.glob("*.sql") if re.match(r"\d{4}_", p.name))
    steps = [_sql_step(p) for p in files]
    for expected, step in enumerate(steps, start=1):
        if step.version != expected:
            raise RuntimeError(f"migration numbering gap at {step.name}")
    return steps


STEPS: list[Step] = builtin_steps()
SCHEMA_VERSION: int = STEPS[-1].version


def backup_path_for(db_path: Path, from_version: int, now: dt.datetime) -> Path:
    """Where the pre-upgrade copy of `db_path` goes."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return db_path.parent / "cadangan" / f"{db_path.stem}-sebelum-upgrade-v{from_version}-{stamp}{db_path.suffix}"


def upgrade(
    db_path: Path,
    *,
    steps: Sequence[Step] | None = None,
    now: dt.datetime | None = None,
    on_backup: Callable[[Path], None] | None = None,
) -> int:
    """Bring the file to the newest version; return the version it had before.

    A file already at the newest version is not touched. A non-empty file is backed up first.
    """
    from sakip_desktop.storage.sqlitefile import APPLICATION_ID, backup_file, read_header

    steps = list(STEPS if steps is None else steps)
    target = steps[-1].version if steps else 0
    header = read_header(db_path)
    if header.user_version >= target:
        return header.user_version
    if header.user_version > 0:
        copy = backup_path_for(db_path, header.user_version, now or dt.datetime.now())
        backup_file(db_path, copy)
        if on_backup:
            on_backup(copy)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds in later steps need this
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        for step in steps:
            if step.version <= header.user_version:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                step.apply(conn)
                problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseError(
                        f"Peningkatan basis data ke versi {step.version} gagal: "
                        f"{len(problems)} rujukan data tidak cocok."
                    )
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {step.version}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.close()
    return header.user_version
