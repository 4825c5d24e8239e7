"""Backups of the office database: a verified copy on a flash drive or in the data folder.

A backup is a consistent snapshot even while people work: the file is copied while a read transaction
holds SQLite's shared lock (with a rollback journal no write can reach the file meanwhile, and copying a
file is as fast as the disk). The copy goes to a temporary name on the target, is flushed to the device,
verified (integrity check, schema version, the row count of every table equal to the source), and only
then renamed to `sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`, with a `.sha256` beside it. A drive pulled out or a
full disk at any moment leaves no file that looks complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sakip_desktop.domain import formats
from sakip_desktop.errors import DatabaseDamaged, StorageFailure, StorageFull, UserError
from sakip_desktop.storage.backup_names import backup_name, office_now, utc_offset_of
from sakip_desktop.storage.failures import damage_words, damaged_message, os_error_words
from sakip_desktop.storage.sqlitefile import APPLICATION_ID, quick_check, read_header

BACKUP_FOLDER_NAME = "cadangan"
PARTIAL_SUFFIX = ".sebagian"  # a copy under way; never taken for a backup
CHUNK = 1 << 20
# SQLite never stores data in the page holding these bytes (its lock bytes, at 1 GiB); Windows refuses to
# read them while another connection holds a lock, so they are written as zeros instead of read.
LOCK_BYTES = (0x40000000, 0x40000000 + 512)

# os.sendfile copies file to file on Linux; elsewhere the copy goes through Python in chunks.
_KERNEL_COPY = sys.platform.startswith("linux") and hasattr(os, "sendfile")
CANCELLED = "Pencadangan dibatalkan; tidak ada berkas cadangan yang ditinggalkan."

# progress(bytes_done, bytes_total) -> False to cancel
Progress = Callable[[int, int], bool | None]


class BackupCancelled(UserError):
    """The person stopped the backup; nothing was left on the target."""


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


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows of every table of the database (SQLite's own tables left out)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def office_identity(conn: sqlite3.Connection) -> tuple[str, str]:
    """(kode wilayah, UUID) of the office in an office file; empty texts where the file is older than schema 16."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(office)")}
    if not {"region_code", "uuid"} <= columns:
        return "", ""
    row = conn.execute("SELECT region_code, uuid FROM office ORDER BY id LIMIT 1").fetchone()
    return (row[0] or "", row[1] or "") if row else ("", "")


def connect_readonly(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection; `immutable` for a file nobody writes (a backup), so no lock or journal is made."""
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)


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
        office = conn.execute("SELECT name FROM office ORDER BY id LIMIT 1").fetchone() if "office" in rows else None
        identity = office_identity(conn) if "office" in rows else ("", "")
        taken_at = now or office_now(utc_offset_of(conn))  # the office's clock, as every time the program shows
        snapshot_clock = time.time()
        size = source.stat().st_size
        _check_space(folder, size)
        final = _free_name(folder, name or backup_name(office[0] if office else "", taken_at))
        partial = final.with_name(final.name + PARTIAL_SUFFIX)
        _copy(source, partial, size, progress)
        conn.execute("ROLLBACK")  # the snapshot is on the target: people may write again while it is checked
        digest = _check_copy(partial, size, header.user_version, rows, source)
        _write_checksum(final, digest, folder)
        try:
            os.replace(partial, final)
        except OSError:
            _remove_quietly(checksum_path(final))
            raise
        partial = None
        fsync_folder(folder)
        # The file's time is the snapshot's: "changed since the newest backup?" compares with it.
        os.utime(final, (snapshot_clock, snapshot_clock))
        return BackupResult(
            path=final,
            sha256=digest,
            size=size,
            rows=rows,
            taken_at=taken_at,
            region_code=identity[0],
            office_uuid=identity[1],
        )
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    except sqlite3.DatabaseError as exc:  # the source itself: a damaged page met while counting its rows
        raise DatabaseDamaged(damaged_message(source, str(exc))) from exc
    finally:
        conn.close()
        if partial is not None:
            _remove_quietly(partial)


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


def _check_copy(copy: Path, size: int, user_version: int, rows: dict[str, int], source: Path) -> str:
    """Hash the copy, flush it to the device and check it, all at once (two on the CPU, one on the disk);
    the copy's SHA-256."""
    stop = threading.Event()
    hashing = _Beside("sakip-sha256", functools.partial(_sha256_of, copy, size, stop))
    flushing = _Beside("sakip-fsync", functools.partial(_fsync, copy))
    hashing.start()
    flushing.start()
    try:
        _verify(copy, user_version, rows)
    except BaseException as exc:
        stop.set()
        hashing.join()
        flushing.join()
        if isinstance(exc, StorageFailure):
            _blame_the_source(source)  # a copy of a damaged file fails too: say which is damaged
        raise
    digest = str(hashing.result())
    flushing.result()
    return digest


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


def _chunks(src: BinaryIO, size: int, stop: threading.Event | None = None) -> Iterator[bytes]:
    """The file's bytes in chunks, with SQLite's lock bytes as zeros (they are never data)."""
    done = 0
    while done < size:
        if stop is not None and stop.is_set():
            return
        length = min(CHUNK, size - done)
        if done < LOCK_BYTES[1] and done + length > LOCK_BYTES[0]:
            length = LOCK_BYTES[0] - done if done < LOCK_BYTES[0] else LOCK_BYTES[1] - done
            chunk = src.read(length) if done < LOCK_BYTES[0] else bytes(length)
            src.seek(done + length)
        else:
            chunk = src.read(length)
        if len(chunk) != length:
            raise StorageFailure("Berkas basis data berubah ukuran saat dicadangkan. Ulangi pencadangan.")
        yield chunk
        done += length


class _Beside(threading.Thread):
    """One piece of the checking (hashing, flushing) run in a thread beside the others: hashlib, fsync and
    SQLite release the GIL, so on two cores they overlap. `result()` gives its value or raises its error."""

    def __init__(self, name: str, work: Callable[[], object]) -> None:
        super().__init__(name=name, daemon=True)
        self.work = work
        self.value: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = self.work()
        except BaseException as exc:
            self.error = exc

    def result(self) -> object:
        self.join()
        if self.error is not None:
            raise self.error
        return self.value


def _sha256_of(path: Path, size: int, stop: threading.Event) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as src:
        for chunk in _chunks(src, size, stop):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _copy(source: Path, partial: Path, size: int, progress: Progress | None) -> None:
    """Copy the snapshot to `partial`. Hashing and flushing are left to the caller."""
    with open(source, "rb") as src, open(partial, "wb") as dst:
        if not (_KERNEL_COPY and size <= LOCK_BYTES[0] and _kernel_copy(src, dst, size, progress)):
            dst.seek(0)
            dst.truncate()
            done = 0
            for chunk in _chunks(src, size):
                dst.write(chunk)
                done += len(chunk)
                _report(progress, done, size)
        dst.flush()


def _kernel_copy(src: BinaryIO, dst: BinaryIO, size: int, progress: Progress | None) -> bool:
    """Copy with os.sendfile (no bytes through Python); False when the file system does not support it."""
    done = 0
    while done < size:
        try:
            sent = os.sendfile(dst.fileno(), src.fileno(), done, min(8 * CHUNK, size - done))
        except OSError as exc:
            if done == 0 and exc.errno in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                return False
            raise
        if sent == 0:
            raise StorageFailure("Berkas basis data berubah ukuran saat dicadangkan. Ulangi pencadangan.")
        # Start writing this part to the device now, while the rest is copied: the flush at the end then has
        # little left to wait for (on Linux this call starts the write-back of the dirty pages).
        os.posix_fadvise(dst.fileno(), done, sent, os.POSIX_FADV_DONTNEED)
        done += sent
        _report(progress, done, size)
    return True


def _report(progress: Progress | None, done: int, size: int) -> None:
    if progress is not None and progress(done, size) is False:
        raise BackupCancelled(CANCELLED)


def _verify(partial: Path, version: int, rows: dict[str, int]) -> None:
    try:
        conn = connect_readonly(partial, immutable=True)
        try:
            integrity = [r for (r,) in conn.execute("PRAGMA integrity_check(5)")]
            copy_version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            copy_rows = table_rows(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageFailure(
            f"Salinan di {partial.parent} tidak dapat dibaca kembali ({damage_words(str(exc))}); "
            "cadangan tidak disimpan."
        ) from exc
    if integrity != ["ok"]:
        raise StorageFailure(
            f"Salinan di {partial.parent} gagal diperiksa ({damage_words(integrity[0])}); cadangan tidak disimpan. "
            "Bila berulang, periksa basis data dengan 'Periksa basis data'."
        )
    if copy_version != version or app_id != APPLICATION_ID or copy_rows != rows:
        raise StorageFailure(f"Salinan di {partial.parent} tidak sama dengan basis data; cadangan tidak disimpan.")


def _blame_the_source(source: Path) -> None:
    """Raise `DatabaseDamaged` when the database itself is damaged (then its copy was never the problem)."""
    problems = quick_check(source)
    if problems:
        raise DatabaseDamaged(
            damaged_message(source, problems[0])
            + " Cadangan dari berkas yang rusak tidak berguna; flash disk atau folder tujuan tidak bermasalah."
        )


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
