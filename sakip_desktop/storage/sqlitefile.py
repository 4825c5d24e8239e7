"""The SQLite file itself: identifying it, checking it, copying it safely."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.errors import DatabaseError
from sakip_desktop.storage.failures import damage_words

# 'SAKP' in the header's application_id marks a file as an office database of this program.
APPLICATION_ID = 0x53414B50


@dataclass(frozen=True)
class Header:
    """What the file header says: empty file, which program, which schema version."""

    exists: bool
    application_id: int
    user_version: int

    @property
    def is_empty(self) -> bool:
        """A new or zero-length file, not yet a database of any program."""
        return not self.exists or (self.application_id == 0 and self.user_version == 0)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def journal_path(path: Path) -> Path:
    """The rollback journal SQLite keeps beside the file while a write is under way."""
    return path.with_name(path.name + "-journal")


def is_writable(path: Path) -> bool:
    """True when the file and its folder can be written (SQLite creates the journal in the folder)."""
    folder = path.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def recover_interrupted_write(path: Path) -> bool:
    """Roll back a write that a crash or a power cut interrupted; True when one was rolled back.

    Such a write leaves a "hot" journal beside the file. A read-only connection cannot roll it back (it
    refuses the file), so the first connection is a read-write one: SQLite rolls the journal back on its
    first read. A journal that belongs to a write still under way in another process is left alone.
    """
    journal = journal_path(path)
    if not path.exists() or not journal.exists() or journal.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # reads page 1: SQLite rolls a hot journal back
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_writable(path):
            raise DatabaseError(
                f"Berkas {path} memiliki penulisan yang terputus (mis. karena listrik padam) yang harus "
                "dibatalkan lebih dulu, tetapi berkas atau foldernya hanya dapat dibaca. Beri izin tulis pada "
                "folder itu, lalu buka lagi."
            ) from exc
        raise DatabaseError(
            f"Berkas {path} bukan basis data SAKIP Desktop atau rusak ({damage_words(str(exc))})."
        ) from exc
    return not journal.exists() or journal.stat().st_size == 0


def read_header(path: Path) -> Header:
    """Read the header; raise `DatabaseError` for a non-SQLite file.

    Nothing is changed, except that a write interrupted by a crash is rolled back first
    (`recover_interrupted_write`), as SQLite itself would on the next write.
    """
    if not path.exists() or path.stat().st_size == 0:
        return Header(exists=path.exists(), application_id=0, user_version=0)
    recover_interrupted_write(path)
    try:
        conn = _connect_readonly(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id == 0 and version == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise DatabaseError(
                        f"Berkas {path} adalah basis data SQLite, tetapi bukan basis data SAKIP Desktop."
                    )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"Berkas {path} bukan basis data SAKIP Desktop atau rusak ({damage_words(str(exc))})."
        ) from exc
    if app_id not in (0, APPLICATION_ID):
        raise DatabaseError(f"Berkas {path} bukan basis data SAKIP Desktop.")
    return Header(exists=True, application_id=app_id, user_version=version)


def backup_file(source: Path, destination: Path) -> None:
    """Copy a database with SQLite's online backup API (consistent even while in use).

    The copy is written to a temporary name and renamed, so a half-written copy never looks whole.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".tmp")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of `check_file`."""

    schema_version: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check_file(path: Path, expected_version: int) -> CheckResult:
    """Integrity and foreign-key check plus the schema version, read-only."""
    if not path.exists():
        raise DatabaseError(f"Berkas {path} tidak ditemukan.")
    problems: list[str] = []
    notes: list[str] = []
    if recover_interrupted_write(path):
        notes.append(
            "Ada penulisan yang terputus (program tertutup paksa atau listrik padam); penulisan itu dibatalkan "
            "dan data kembali ke keadaan terakhir yang tersimpan utuh."
        )
    header = read_header(path)
    if header.is_empty:
        problems.append("Berkas kosong: belum berisi data kantor.")
        return CheckResult(0, tuple(problems), tuple(notes))
    if header.user_version > expected_version:
        problems.append(
            f"Versi skema {header.user_version} lebih baru daripada yang dikenal program ini ({expected_version})."
        )
    elif header.user_version < expected_version:
        notes.append(
            f"Versi skema {header.user_version} lebih lama; akan ditingkatkan ke {expected_version} saat dibuka."
        )
    conn = _connect_readonly(path)
    try:
        for (row,) in conn.execute("PRAGMA integrity_check"):
            if row != "ok":
                problems.append(f"Pemeriksaan integritas: {damage_words(row)} (rincian teknis: {row})")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"Rujukan rusak: tabel {table} baris {rowid} merujuk {parent} yang tidak ada.")
    except sqlite3.DatabaseError as exc:
        problems.append(f"Berkas rusak: {damage_words(str(exc))}.")
    finally:
        conn.close()
    return CheckResult(header.user_version, tuple(problems), tuple(notes))


def quick_check(path: Path) -> tuple[str, ...]:
    """SQLite's quick check of every page, read-only; the problems found (empty when the file is sound).

    Faster than the full integrity check (no index-to-table cross-check), so the program runs it in the
    background after every open.
    """
    try:
        conn = _connect_readonly(path)
        try:
            rows = [row for (row,) in conn.execute("PRAGMA quick_check(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return (str(exc),)
    return tuple(r for r in rows if r != "ok")
