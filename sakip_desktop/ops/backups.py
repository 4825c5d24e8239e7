"""Backups as the office sees them: making one, remembering when and where, the reminder, the list of backups.

The copying, checking and restoring themselves live in `storage/backup.py` and `storage/restore.py`; this
module adds what the office's own data says about them (the last backup to a flash drive, kept in the
settings so the reminder in "Menunggu Anda" survives a restart) and reads backups for the screens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import SYSTEM, Actor, utcnow, write
from sakip_desktop.ops.home.backup_status import (
    BACKUP_TOOL,
    LAST_EXTERNAL_KEY,
    LAST_TARGET_KEY,
    BackupStatus,
    backup_reminder,
    backup_status,
)
from sakip_desktop.storage import models as m
from sakip_desktop.storage.backup import (
    PARTIAL_SUFFIX,
    BackupResult,
    file_sha256,
    make_backup,
    read_checksum,
)
from sakip_desktop.storage.backup_copy import Progress, connect_readonly
from sakip_desktop.storage.backup_names import parse_backup_name
from sakip_desktop.storage.backup_places import data_backup_folder
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.restore import DAMAGED_MARK, RestoreResult, restore_backup

__all__ = ["BACKUP_TOOL", "BackupStatus", "backup_reminder", "backup_status"]  # re-exported for the screens


def is_external(db_path: Path, folder: Path) -> bool:
    """True for a target outside the program's own backup folder (a flash drive, another disk)."""
    return Path(folder).resolve() != data_backup_folder(db_path)


def remember_backup(
    db: Database, actor: Actor, result: BackupResult, *, external: bool, now: dt.datetime | None = None
) -> None:
    """Operation 'Catat cadangan': the target is offered first next time; an external one resets the reminder."""
    now = now or utcnow()
    values: dict[str, object] = {LAST_TARGET_KEY: str(result.path.parent)}
    if external:
        values[LAST_EXTERNAL_KEY] = {"at": now.isoformat(timespec="seconds"), "path": str(result.path)}
    _store(db, actor, values, {"berkas": str(result.path), "ukuran": result.size})


def _remember_external(db: Database, actor: Actor, backup: Path, taken: dt.datetime) -> None:
    values: dict[str, object] = {
        LAST_TARGET_KEY: str(backup.parent),
        LAST_EXTERNAL_KEY: {"at": taken.isoformat(timespec="seconds"), "path": str(backup)},
    }
    _store(db, actor, values, {"berkas": str(backup), "ukuran": backup.stat().st_size})


def _store(db: Database, actor: Actor, values: dict[str, object], audited: dict[str, object]) -> None:
    with write(db, actor, Op.BACKUP_RECORD) as tx:
        for key, value in values.items():
            row = tx.session.get(m.Setting, key)
            if row is None:
                tx.session.add(m.Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
        tx.audit("backup", None, None, audited)


def backup_now(
    db_path: Path,
    folder: Path,
    *,
    db: Database | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
) -> BackupResult:
    """Write a verified backup of the database into `folder` and, with an `actor`, remember it for the reminder.

    Remembering is a small write of its own after the backup: a read-only or damaged database is still backed
    up, only not remembered.
    """
    result = make_backup(db_path, folder, progress=progress)
    if actor is None:
        return result
    opened = db is None
    try:
        if db is None:
            db = Database.open(db_path)
        remember_backup(db, actor, result, external=is_external(db_path, folder))
    except UserError:
        pass  # the backup itself is written and verified; an older, read-only or damaged file is not noted
    finally:
        if opened and db is not None:
            db.close()
    return result


def record_restore(db: Database, actor: Actor, source: Path, previous: Path | None) -> None:
    """Operation 'Catat pemulihan': the restored database says where it came from and where the old data went."""
    with write(db, actor, Op.RESTORE_RECORD) as tx:
        tx.audit("backup", None, None, {"dipulihkan dari": str(source), "data sebelumnya": str(previous or "")})


def restore_and_open(
    backup: Path,
    db_path: Path,
    *,
    confirm_other_office: bool = False,
    actor: Actor = SYSTEM,
    progress: Progress | None = None,
) -> tuple[RestoreResult, Database]:
    """Restore the backup over the (closed) database, open it (upgrading an older schema after its own backup)
    and note in its audit trail where it came from. The caller closes the returned database."""
    result = restore_backup(backup, db_path, confirm_other_office=confirm_other_office, progress=progress)
    db = Database.open(db_path)
    with contextlib.suppress(UserError):  # restored all the same; a read-only folder cannot take the note
        record_restore(db, actor, Path(backup), result.previous_copy)
        if is_external(db_path, Path(backup).parent):
            # The data now is that backup's, and the backup is on the flash drive: the reminder counts from it.
            taken = dt.datetime.fromtimestamp(Path(backup).stat().st_mtime, dt.UTC).replace(tzinfo=None)
            _remember_external(db, actor, Path(backup), taken)
    return result, db


# --- the list of known backups ------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownBackup:
    """A backup file found in the data folder or the last target."""

    path: Path
    made_at: dt.datetime  # local time (from the name this program gives, else the file's time)
    size: int
    office: str  # the kecamatan's name inside, "" when unreadable
    schema_version: int | None
    checksum: str  # "cocok", "TIDAK COCOK", "tidak ada" or "belum diperiksa"
    automatic: bool  # one of the program's own backups in the data folder


def known_backups(db_path: Path, extra_folders: list[Path] | None = None, *, verify: bool = False) -> list[KnownBackup]:
    """Backups in the program's backup folder and `extra_folders`, newest first.

    With `verify`, each file's SHA-256 is compared with its `.sha256` (reads every file: for the background).
    """
    own = data_backup_folder(db_path)
    folders = [own, *(Path(f) for f in extra_folders or [])]
    seen: set[Path] = set()
    found: list[KnownBackup] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.db")):
            # A damaged database kept aside before a restore is no backup: it could not be restored anyway.
            if path.resolve() in seen or path.name.endswith(PARTIAL_SUFFIX) or DAMAGED_MARK in path.name:
                continue
            seen.add(path.resolve())
            found.append(_describe(path, automatic=folder == own, verify=verify))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def _describe(path: Path, *, automatic: bool, verify: bool) -> KnownBackup:
    stat = path.stat()
    made_at = parse_backup_name(path.name) or dt.datetime.fromtimestamp(stat.st_mtime)
    office, version = "", None
    try:
        conn = connect_readonly(path, immutable=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            row = conn.execute("SELECT name FROM office ORDER BY id LIMIT 1").fetchone()
            office = row[0] if row else ""
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # shown without office; a restore of it would say what is wrong
    expected = read_checksum(path)
    if expected is None:
        checksum = "tidak ada"
    elif not verify:
        checksum = "belum diperiksa"
    else:
        checksum = "cocok" if file_sha256(path) == expected else "TIDAK COCOK"
    return KnownBackup(path, made_at, stat.st_size, office, version, checksum, automatic)
