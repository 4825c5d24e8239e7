"""Copying a snapshot of the office database to a backup target and checking the copy.

The bytes go file to file (os.sendfile on Linux, else through Python in chunks, SQLite's lock bytes written as
zeros); the copy is then hashed, flushed to the device and read back (integrity, schema version, the row count of
every table equal to the source) at the same time, on two threads beside the reading. `storage.backup` holds the
read lock around the copy and names the verified file.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from sakip_desktop.errors import DatabaseDamaged, StorageFailure, UserError
from sakip_desktop.storage.failures import damage_words, damaged_message
from sakip_desktop.storage.sqlitefile import APPLICATION_ID, quick_check

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


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows of every table of the database (SQLite's own tables left out)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def connect_readonly(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection; `immutable` for a file nobody writes (a backup), so no lock or journal is made."""
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)


def check_copy(copy: Path, size: int, user_version: int, rows: dict[str, int], source: Path) -> str:
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


def copy_snapshot(source: Path, partial: Path, size: int, progress: Progress | None) -> None:
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
