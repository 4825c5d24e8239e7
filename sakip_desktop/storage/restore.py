"""Restoring the office database from a backup: checked first, the current data kept, swapped atomically.

A file is refused, and the current database left byte-identical, when it is not SQLite, is empty or cut
short, fails the integrity check, belongs to another program, was written by a newer schema, or does not
match the `.sha256` written beside it. A backup of another office is shown with that office's name and
needs an explicit confirmation. Before the swap the current database is itself backed up; the new file is
written beside it, flushed and renamed over it, so an interruption at any moment leaves either the old or
the new database, whole. An older schema is upgraded when the program next opens the file, after its own
backup, as for any older file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.errors import DatabaseError, UserError
from sakip_desktop.storage import migrations
from sakip_desktop.storage.backup import (
    PARTIAL_SUFFIX,
    copy_raw,
    file_sha256,
    fsync_folder,
    make_backup,
    office_identity,
    read_checksum,
    storage_error,
)
from sakip_desktop.storage.backup_copy import Progress, connect_readonly
from sakip_desktop.storage.backup_names import slug
from sakip_desktop.storage.backup_places import data_backup_folder
from sakip_desktop.storage.failures import damage_words, os_error_words
from sakip_desktop.storage.sqlitefile import APPLICATION_ID, journal_path

SQLITE_MAGIC = b"SQLite format 3\x00"
DAMAGED_MARK = "-rusak-sebelum-pulih-"  # in the name of a damaged database kept aside before a restore


class RestoreRefused(UserError):
    """The file cannot be restored; the message says why. The current database was not touched."""

    def __init__(self, message: str, why: str = "") -> None:
        super().__init__(message)
        self.why = why or message  # the reason alone, for another use of the same checks (the kabupaten import)


class ConfirmationNeeded(UserError):
    """The backup belongs to another office: restoring it needs the person's explicit confirmation."""


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, shown before anything is replaced."""

    path: Path
    office_name: str
    regency_name: str
    schema_version: int
    newest_change: dt.datetime | None  # the office's local time of the newest entry of its audit trail
    indicators: int
    realisations: int
    sop_runs: int
    documents: int
    sha256: str
    checksum: str  # "cocok" (matches its .sha256) or "tidak ada" (no .sha256 beside it)
    other_office: bool  # another office than the current database's
    needs_upgrade: bool
    region_code: str = ""  # the office's identity (schema 16): kode wilayah, "" when not entered or older
    office_uuid: str = ""  # its random UUID, "" in a file older than schema 16
    utc_offset_hours: int = 7  # the office's time zone (7 WIB, 8 WITA, 9 WIT), the clock of `newest_change`

    @property
    def office_title(self) -> str:
        """'Kecamatan X, Kabupaten Y' as far as the backup tells."""
        text = f"Kecamatan {self.office_name}" if self.office_name else "(tanpa nama kantor)"
        return f"{text}, {self.regency_name}" if self.regency_name else text


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: what came in, and where the data it replaced was kept."""

    preview: BackupPreview
    previous_copy: Path | None


def _refuse(path: Path, why: str) -> RestoreRefused:
    return RestoreRefused(f"Berkas {path} tidak dapat dipulihkan: {why} Basis data yang sekarang tidak diubah.", why)


def _shape(path: Path) -> None:
    """Refuse what is not a whole SQLite file, from its header alone."""
    if not path.is_file():
        raise _refuse(path, "berkas tidak ditemukan.")
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "berkas kosong.")
    with open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise _refuse(path, "berkas ini bukan basis data (bukan berkas SQLite).")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    (counter,), (pages,), (valid_for,) = (struct.unpack(">I", head[a : a + 4]) for a in (24, 28, 92))
    if page_size < 512 or size % page_size:
        raise _refuse(path, "berkas terpotong atau rusak (ukurannya tidak utuh).")
    if counter == valid_for and pages and pages * page_size > size:
        raise _refuse(path, "berkas terpotong: isinya tidak lengkap (mis. salinan yang terputus).")


def inspect_backup(backup: Path, current: Path | None = None, progress: Progress | None = None) -> BackupPreview:
    """Check a backup and describe it; raise `RestoreRefused` saying why it cannot be restored."""
    backup = Path(backup)
    _shape(backup)
    expected = read_checksum(backup)
    digest = _checked_digest(backup, expected, progress)
    try:
        conn = connect_readonly(backup, immutable=True)
        try:
            version = _checked_version(conn, backup)
            office = conn.execute("SELECT name, regency_kind, regency_name FROM office ORDER BY id LIMIT 1").fetchone()
            counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("indicator", "realisation", "sop_run", "document_record")
                if _has_table(conn, t)
            }
            newest = None
            if _has_table(conn, "audit_entry"):
                newest = conn.execute("SELECT max(at) FROM audit_entry").fetchone()[0]
            offset = conn.execute("SELECT value FROM setting WHERE key = 'utc_offset_hours'").fetchone()
            identity = office_identity(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(backup, f"berkas rusak ({damage_words(str(exc))}).") from exc
    if office is None:
        raise _refuse(backup, "berkas tidak berisi data kantor.")
    name, regency_kind, regency_name = office
    return BackupPreview(
        path=backup,
        office_name=name,
        regency_name=f"{regency_kind} {regency_name}".strip(),
        schema_version=version,
        newest_change=dt.datetime.fromisoformat(newest) + dt.timedelta(hours=_hours(offset)) if newest else None,
        indicators=counts.get("indicator", 0),
        realisations=counts.get("realisation", 0),
        sop_runs=counts.get("sop_run", 0),
        documents=counts.get("document_record", 0),
        sha256=digest,
        checksum="cocok" if expected else "tidak ada",
        other_office=_other_office(current, name, regency_name),
        needs_upgrade=version < migrations.SCHEMA_VERSION,
        region_code=identity[0],
        office_uuid=identity[1],
        utc_offset_hours=_hours(offset),
    )


def _checked_digest(backup: Path, expected: str | None, progress: Progress | None) -> str:
    """The backup's SHA-256, refused when it differs from the checksum written beside it."""
    try:
        digest = file_sha256(backup, progress)
    except OSError as exc:
        raise _refuse(backup, f"berkas tidak dapat dibaca ({os_error_words(exc)}).") from exc
    if expected is not None and digest != expected:
        raise _refuse(
            backup,
            "isinya tidak cocok dengan checksum (.sha256) yang ditulis saat pencadangan; berkas berubah atau rusak "
            "setelah dicadangkan. Pakai cadangan lain.",
        )
    return digest


def _checked_version(conn: sqlite3.Connection, backup: Path) -> int:
    """The backup's schema version, refused for another program's file, a newer schema or a damaged file."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise _refuse(backup, "berkas ini basis data program lain, bukan SAKIP Desktop.")
    if version > migrations.SCHEMA_VERSION:
        raise _refuse(
            backup,
            f"berkas dibuat oleh SAKIP Desktop yang lebih baru (skema {version}; program ini mengenal sampai "
            f"{migrations.SCHEMA_VERSION}). Perbarui program lebih dulu.",
        )
    try:
        problems = [r for (r,) in conn.execute("PRAGMA integrity_check(5)") if r != "ok"]
    except sqlite3.DatabaseError as exc:  # a page so damaged that the check itself stops on it
        problems = [str(exc)]
    if problems:
        raise _refuse(backup, f"pemeriksaan integritas gagal ({damage_words(problems[0])}).")
    return version


def _hours(row: tuple | None) -> int:
    try:
        return int(row[0]) if row else 7  # WIB unless the office set another zone
    except (TypeError, ValueError):
        return 7


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def current_office(path: Path | None) -> tuple[str, str] | None:
    """(kecamatan, kabupaten) of a database file, or None when it has none or cannot be read."""
    if path is None or not Path(path).is_file() or Path(path).stat().st_size == 0:
        return None
    try:
        conn = connect_readonly(Path(path))
        try:
            row = conn.execute("SELECT name, regency_name FROM office ORDER BY id LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return (row[0], row[1]) if row else None


def _other_office(current: Path | None, name: str, regency: str) -> bool:
    mine = current_office(current)
    if mine is None:
        return False
    return (slug(mine[0]), slug(mine[1])) != (slug(name), slug(regency))


def restore_backup(
    backup: Path,
    db_path: Path,
    *,
    confirm_other_office: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the database at `db_path` with the backup, keeping a copy of what it replaces.

    The program must have closed the database first. Raises `RestoreRefused` (nothing changed) or
    `ConfirmationNeeded` for another office's backup without `confirm_other_office`.
    """
    backup, db_path = Path(backup).resolve(), Path(db_path).resolve()
    if backup == db_path:
        raise _refuse(backup, "itu berkas basis data yang sedang dipakai sendiri.")
    preview = inspect_backup(backup, db_path, progress)
    if preview.other_office and not confirm_other_office:
        mine = current_office(db_path)
        raise ConfirmationNeeded(
            f"Cadangan ini milik {preview.office_title}, bukan kantor yang sekarang "
            f"(Kecamatan {mine[0] if mine else '?'}). Pulihkan hanya bila Anda yakin; konfirmasikan lebih dulu."
        )
    now = now or dt.datetime.now()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = db_path.with_name(db_path.name + ".pulih" + PARTIAL_SUFFIX)
    try:
        _stage(backup, staging, preview.sha256)
        previous = _keep_current(db_path, now)
        journal = journal_path(db_path)
        if journal.exists():
            # A journal left beside the old file would be rolled into the new one: it goes with the old file.
            if previous is not None:
                copy_raw(journal, previous.with_name(previous.name + "-journal"))
            journal.unlink()
        os.replace(staging, db_path)
        fsync_folder(db_path.parent)
    except PermissionError as exc:
        raise RestoreRefused(
            f"Basis data {db_path} sedang dipakai atau tidak dapat ditulisi ({os_error_words(exc)}). Tutup program "
            "SAKIP Desktop lain yang membukanya, lalu ulangi. Basis data yang sekarang tidak diubah."
        ) from exc
    except OSError as exc:
        raise storage_error(exc, db_path.parent) from exc
    finally:
        staging.unlink(missing_ok=True)
    return RestoreResult(preview=preview, previous_copy=previous)


def _stage(backup: Path, staging: Path, sha256: str) -> None:
    """The backup copied beside the database, flushed, and proved equal to what was checked."""
    with open(backup, "rb") as src, open(staging, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    if file_sha256(staging) != sha256:
        raise RestoreRefused(
            f"Salinan cadangan {backup} berubah saat disalin (media bermasalah?). "
            "Basis data yang sekarang tidak diubah."
        )


def _keep_current(db_path: Path, now: dt.datetime) -> Path | None:
    """Back up the database about to be replaced; a damaged one is kept as it is."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = data_backup_folder(db_path)
    mine = current_office(db_path)
    name = f"sakip-{slug(mine[0]) if mine else 'kantor'}-sebelum-pulih-{now:%Y%m%d-%H%M%S}.db"
    try:
        return make_backup(db_path, folder, name=name, now=now, create=True).path
    except DatabaseError:
        damaged = folder / name.replace("-sebelum-pulih-", DAMAGED_MARK)
        copy_raw(db_path, damaged)
        return damaged
