"""What SQLite's low-level failures mean to the office, in its own words.

SQLite reports a damaged page, a full disk, a read-only file or a failing drive with English messages and
error codes. `explain` turns such an error into the core's typed `UserError`s, so the screens and the
command line tell the person what happened and what to do, and the program can stop writing to a damaged
file. Errors that are not about the file itself (a constraint, a bug in a query) are left as they are.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sakip_desktop.errors import DatabaseDamaged, DatabaseError, DatabaseReadOnly, StorageFailure, StorageFull

# SQLite primary result codes (https://sqlite.org/rescode.html); the extended code's low byte.
SQLITE_BUSY = 5
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)  # the file was renamed or replaced under the connection

RESTORE_HINT = (
    "Program berhenti menyimpan perubahan ke berkas ini agar kerusakan tidak bertambah. "
    "Pulihkan dari cadangan terbaru yang baik (menu Berkas › Pulihkan dari cadangan…)."
)

# SQLite's own words for damage, as the office reads them; anything else is left out of the message.
_DAMAGE_WORDS = {
    "database disk image is malformed": "sebagian isi berkas tidak utuh",
    "file is not a database": "isi berkas bukan basis data lagi",
    "btreeinitpage": "halaman data rusak",
    "page": "halaman data rusak",
    "tree": "susunan data rusak",
    "wrong # of entries in index": "indeks tidak cocok dengan datanya",
    "row": "baris data tidak cocok dengan indeksnya",
}


def damage_words(detail: str) -> str:
    """What SQLite found, in Indonesian (its technical text is kept for the details only)."""
    text = detail.lower()
    for words, meaning in _DAMAGE_WORDS.items():
        if words in text:
            return meaning
    return "isi berkas tidak utuh"


_OS_WORDS = {
    errno.ENOSPC: "disk penuh",
    errno.EIO: "gangguan baca/tulis perangkat",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.ENOENT: "tidak ditemukan",
    errno.EROFS: "perangkat hanya dapat dibaca",
    errno.ENODEV: "perangkat tidak ada",
    errno.ENXIO: "perangkat tidak ada",
    errno.EBUSY: "sedang dipakai",
    errno.ENOTDIR: "bukan folder",
    errno.EISDIR: "itu folder, bukan berkas",
}


def os_error_words(exc: OSError) -> str:
    """An operating-system failure in Indonesian ('disk penuh', 'tidak ada izin', ...)."""
    words = _OS_WORDS.get(exc.errno or 0)
    if words is None and getattr(exc, "winerror", None) in (32, 33):  # Windows: the file is open elsewhere
        words = "sedang dipakai program lain"
    return words or f"kesalahan sistem, kode {exc.errno}"


def damaged_message(path: Path | str, detail: str = "") -> str:
    """The message shown when the database file is found damaged."""
    found = f" ({damage_words(detail)})" if detail else ""
    return f"Basis data {path} rusak{found}. {RESTORE_HINT}"


def read_only_message(path: Path | str) -> str:
    """The message shown when the database cannot be written."""
    return (
        f"Basis data {path} hanya dapat dibaca (berkas atau foldernya tidak dapat ditulisi). "
        "Anda tetap dapat melihat dan mencetak data, tetapi perubahan tidak dapat disimpan. "
        "Minta pengelola komputer memberi izin tulis, atau pindahkan berkas ke folder yang dapat ditulisi."
    )


def full_message(path: Path | str) -> str:
    """The message shown when the disk holding the database is full."""
    return (
        f"Ruang disk untuk basis data {path} penuh. Perubahan terakhir tidak disimpan; data yang sudah "
        "tersimpan tetap utuh. Kosongkan ruang disk (hapus berkas yang tidak perlu), lalu ulangi."
    )


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def explain(exc: BaseException, path: Path | str) -> DatabaseError | None:
    """The office's error for a low-level SQLite failure, or None when `exc` is not about the file.

    Accepts a `sqlite3.Error` or an SQLAlchemy error wrapping one (its `orig`).
    """
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error) or isinstance(orig, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    code = _code(orig)
    text = str(orig).lower()
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return DatabaseDamaged(damaged_message(path, str(orig)))
    if code == SQLITE_FULL or "database or disk is full" in text:
        return StorageFull(full_message(path))
    if getattr(orig, "sqlite_errorcode", None) == SQLITE_READONLY_DBMOVED:
        return DatabaseError(
            f"Berkas basis data {path} sudah diganti (mis. dipulihkan dari cadangan di jendela SAKIP Desktop "
            "yang lain). Perubahan terakhir tidak disimpan. Tutup program ini, lalu buka lagi."
        )
    if code == SQLITE_READONLY or "readonly database" in text:
        return DatabaseReadOnly(read_only_message(path))
    if code == SQLITE_BUSY or "database is locked" in text:
        return DatabaseError(
            f"Basis data {path} sedang dipakai oleh program lain (mis. SAKIP Desktop yang terbuka dua kali, atau "
            "pencadangan yang lama). Perubahan terakhir tidak disimpan; tunggu sebentar lalu ulangi."
        )
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN) or "disk i/o error" in text:
        return StorageFailure(
            f"Gagal membaca atau menulis basis data {path} ({orig}). Perubahan terakhir tidak disimpan. "
            "Periksa bahwa disk atau flash disk tempat berkas itu masih terpasang, lalu ulangi."
        )
    return None
