"""Backups of the office database: a verified copy on a flash drive or in the data folder.

A backup is a consistent snapshot even while people work: the file is copied while a read transaction
holds SQLite's shared lock (with a rollback journal no write can reach the file meanwhile, and copying a
file is as fast as the disk). The copy goes to a temporary name on the target, is flushed to the device,
verified (integrity check, schema version, the row count of every table equal to the source), and only
then renamed to `sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`, with a `.sha256` beside it. A drive pulled out or a
full disk at any moment leaves no file that looks complete. The copying and checking themselves are in
`storage.backup_copy`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.domain import formats
from sakip_desktop.errors import DatabaseDamaged, StorageFailure, StorageFull, UserError
from sakip_desktop.storage.backup_copy import (
    CHUNK,
    BackupCancelled,
    Progress,
    check_copy,
    connect_readonly,
    copy_snapshot,
    table_rows,
)
from sakip_desktop.storage.backup_names import backup_name, office_now, utc_offset_of
from sakip_desktop.storage.failures import damaged_message, os_error_words
from sakip_desktop.storage.sqlitefile import read_header

BACKUP_FOLDER_NAME = "cadangan"
PARTIAL_SUFFIX = ".sebagian"  # a copy under way; never taken for a backup


@dataclass(frozen=True)
class BackupResult:
    """A backup written and verified."""

    path: Path
    sha256: str
    size: int
    rows: dict[str, int]  # rows per table, equal in the source snapshot and the copy
    taken_at: dt.datetime  # the office's local time of the snapshot (WIB/WITA/WIT, as its file name)
    region_code: str = ""  # the office's identity (kode wilayah, UUID) as the file carries it; see office_identity
    office_uuid: str = ""


def checksum_path(backup: Path) -> Path:
    """The `.sha256` file beside a backup."""
    return backup.with_name(backup.name + ".sha256")


def file_sha256(path: Path, progress: Progress | None = None) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None and progress(done, total) is False:
                raise BackupCancelled("Pemeriksaan dibatalkan.")
    return digest.hexdigest()


def read_checksum(backup: Path) -> str | None:
    """The SHA-256 written beside a backup, or None when there is no readable `.sha256` file."""
    try:
        text = checksum_path(backup).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    value = text.split()[0].lower() if text else ""
    return value if re.fullmatch(r"[0-9a-f]{64}", value) else None


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no folder handle to flush)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_error(exc: OSError, folder: Path) -> UserError:
    """The office's message for a failed write to a backup target."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull(
            f"Ruang di {folder} habis. Cadangan tidak lengkap dan tidak disimpan; kosongkan ruang lalu ulangi."
        )
    if isinstance(exc, PermissionError):
        return StorageFailure(f"Folder {folder} tidak dapat ditulisi (tidak ada izin). Pilih folder lain.")
    return StorageFailure(
        f"Penulisan ke {folder} gagal ({os_error_words(exc)}). Cadangan tidak lengkap dan tidak disimpan. "
        "Pastikan flash disk masih terpasang, lalu ulangi."
    )


def office_identity(conn: sqlite3.Connection) -> tuple[str, str]:
    """(kode wilayah, UUID) of the office in an office file; empty texts where the file is older than schema 16."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(office)")}
    if not {"region_code", "uuid"} <= columns:
        return "", ""
    row = conn.execute("SELECT region_code, uuid FROM office ORDER BY id LIMIT 1").fetchone()
    return (row[0] or "", row[1] or "") if row else ("", "")


def make_backup(
    source: Path,
    folder: Path,
    *,
    name: str | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    create: bool = False,
) -> BackupResult:
    """Write a verified backup of the database `source` into `folder`; return what was written.

    `folder` must exist unless `create` (the program's own backup folder is made when first needed).

    `name` overrides the file name (default `sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`, with `-2`, `-3`… when
    that name is taken). Raises `StorageFull`/`StorageFailure` for the target, `DatabaseError` for a source
    that is not a sound office database, `BackupCancelled` when `progress` returned False; nothing is left on
    the target then.
    """
    source = Path(source).resolve()
    header = read_header(source)  # a SAKIP file; an interrupted write rolled back
    if header.is_empty:
        raise UserError(f"Berkas {source} kosong: tidak ada yang dicadangkan.")
    folder = _target_folder(Path(folder), create)
    conn = connect_readonly(source)
    partial: Path | None = None
    try:
        conn.execute("BEGIN")
        rows = table_rows(conn)  # from here to the ROLLBACK, no write can reach the file
        office, identity = _office_of(conn, rows)
        taken_at = now or office_now(utc_offset_of(conn))  # the office's clock, as every time the program shows
        snapshot_clock = time.time()
        size = source.stat().st_size
        _check_space(folder, size)
        final = _free_name(folder, name or backup_name(office, taken_at))
        partial = final.with_name(final.name + PARTIAL_SUFFIX)
        copy_snapshot(source, partial, size, progress)
        conn.execute("ROLLBACK")  # the snapshot is on the target: people may write again while it is checked
        digest = check_copy(partial, size, header.user_version, rows, source)
        _publish(partial, final, digest, snapshot_clock)
        partial = None
        return BackupResult(path=final, sha256=digest, size=size, rows=rows, taken_at=taken_at,
                            region_code=identity[0], office_uuid=identity[1])  # fmt: skip
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    except sqlite3.DatabaseError as exc:  # the source itself: a damaged page met while counting its rows
        raise DatabaseDamaged(damaged_message(source, str(exc))) from exc
    finally:
        conn.close()
        if partial is not None:
            _remove_quietly(partial)


def _office_of(conn: sqlite3.Connection, rows: dict[str, int]) -> tuple[str, tuple[str, str]]:
    """The office's name (for the file name) and identity in the snapshot; empty in a file without an office."""
    if "office" not in rows:
        return "", ("", "")
    office = conn.execute("SELECT name FROM office ORDER BY id LIMIT 1").fetchone()
    return (office[0] if office else ""), office_identity(conn)


def _publish(partial: Path, final: Path, digest: str, snapshot_clock: float) -> None:
    """The checked copy under its final name, its `.sha256` written first, the rename made durable."""
    _write_checksum(final, digest, final.parent)
    try:
        os.replace(partial, final)
    except OSError:
        _remove_quietly(checksum_path(final))
        raise
    fsync_folder(final.parent)
    # The file's time is the snapshot's: "changed since the newest backup?" compares with it.
    os.utime(final, (snapshot_clock, snapshot_clock))


def _target_folder(folder: Path, create: bool) -> Path:
    """`folder`, made when `create` (the program's own backup folder); a missing target is refused otherwise."""
    if not create and not folder.is_dir():
        # A flash drive not plugged in (or a typing slip) must not become a folder on this PC's own disk.
        raise StorageFailure(
            f"Folder tujuan {folder} tidak ada. Pastikan flash disk sudah terpasang, atau pilih folder lain."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    return folder


def _check_space(folder: Path, size: int) -> None:
    free = shutil.disk_usage(folder).free
    needed = size + (64 << 10)  # the copy, its checksum file and room for the folder entries
    if free < needed:
        raise StorageFull(
            f"Ruang kosong di {folder} tidak cukup: perlu {formats.megabytes(needed)}, "
            f"tersedia {formats.megabytes(free)}. Kosongkan ruang atau pilih tempat lain."
        )


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    n = 2
    while candidate.exists() or checksum_path(candidate).exists():
        candidate = folder / name.replace(".db", f"-{n}.db")
        n += 1
    return candidate


def _write_checksum(final: Path, digest: str, folder: Path) -> None:
    target = checksum_path(final)
    temp = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        with open(temp, "w", encoding="ascii", newline="\n") as fh:
            fh.write(f"{digest}  {final.name}\n")  # the format of sha256sum, so it can be checked by hand
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        _remove_quietly(temp)
        raise


def _remove_quietly(path: Path) -> None:
    # When the drive is gone, the name ending in PARTIAL_SUFFIX already says the copy is not a backup.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def copy_raw(source: Path, destination: Path) -> None:
    """A plain byte copy, flushed: for keeping a damaged database (which no verified backup can take)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temp = destination.with_name(destination.name + PARTIAL_SUFFIX)
    with open(source, "rb") as src, open(temp, "wb") as dst:
        shutil.copyfileobj(src, dst, CHUNK)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(temp, destination)
    fsync_folder(destination.parent)
