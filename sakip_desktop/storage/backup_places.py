"""Where backups go: the program's own folder beside the database, the flash drives plugged in, and the daily
and on-closing backups kept there (with their pruning).

The copy itself is made by `storage/backup.py`; this module decides when and where, and what to keep.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from sakip_desktop.storage.backup import BACKUP_FOLDER_NAME, BackupResult, checksum_path, make_backup
from sakip_desktop.storage.backup_names import NAME_PATTERN, parse_backup_name


def data_backup_folder(db_path: Path) -> Path:
    """The program's own backup folder, beside the database (also where pre-upgrade copies go)."""
    return Path(db_path).resolve().parent / BACKUP_FOLDER_NAME


def removable_drives() -> list[Path]:
    """Mounted removable drives (flash disks), for offering as backup targets first.

    Windows: drive letters of removable type. Linux: mounts under /media and /run/media. macOS: /Volumes.
    """
    if sys.platform == "win32":
        return _windows_removable()
    found: list[Path] = []
    roots = [Path("/media"), Path("/run/media")] if sys.platform != "darwin" else [Path("/Volumes")]
    for root in roots:
        found.extend(_mounts_below(root, depth=2))
    return sorted(set(found))


def _mounts_below(root: Path, depth: int) -> list[Path]:
    if depth == 0 or not root.is_dir():
        return []
    out: list[Path] = []
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return []
    for child in children:
        if os.path.ismount(child):
            out.append(child)
        else:
            out.extend(_mounts_below(child, depth - 1))
    return out


def _windows_removable() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes
    import string

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    drives = []
    for i, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << i):
            root = f"{letter}:\\"
            if kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) == 2:  # DRIVE_REMOVABLE
                drives.append(Path(root))
    return drives


# --- the program's own automatic backups ------------------------------------------------------------


def automatic_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The backups in `folder` named as this program names them, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("sakip-*.db"):
        when = parse_backup_name(path.name)
        if when is not None:
            match = NAME_PATTERN.match(path.name)
            sequence = int(match["n"]) if match and match["n"] else 1  # a second one in the same minute is "-2"
            found.append((when, sequence, path))
    return [(when, path) for when, _, path in sorted(found)]


def needs_automatic_backup(db_path: Path, *, reason: str, now: dt.datetime) -> bool:
    """Whether an automatic backup is due: the daily one ('harian') when none was made today; the one on
    closing ('keluar') when the database changed since the newest backup."""
    existing = automatic_backups(data_backup_folder(db_path))
    if not existing:
        return True
    newest_time, newest = existing[-1]
    if reason == "harian":
        return newest_time.date() != now.date()
    try:
        return Path(db_path).stat().st_mtime > newest.stat().st_mtime
    except OSError:
        return True


def prune_automatic(folder: Path, *, keep: int, now: dt.datetime) -> list[Path]:
    """Delete old automatic backups: keep the newest `keep`, and the first of each month for a year.

    Returns the files deleted. Other files in the folder (pre-upgrade and pre-restore copies) are not touched.
    """
    backups = automatic_backups(folder)
    kept = {path for _, path in backups[-keep:]} if keep > 0 else set()
    first_of_month: dict[tuple[int, int], Path] = {}
    for when, path in backups:
        if (now - when).days <= 366:
            first_of_month.setdefault((when.year, when.month), path)
    kept |= set(first_of_month.values())
    removed = []
    for _, path in backups:
        if path not in kept:
            for victim in (path, checksum_path(path)):
                try:
                    victim.unlink(missing_ok=True)
                except OSError:
                    continue
            removed.append(path)
    return removed


def automatic_backup(db_path: Path, *, reason: str, keep: int, now: dt.datetime | None = None) -> BackupResult | None:
    """The daily backup or the one on closing into the data folder's `cadangan/`, then the old ones pruned.

    None when none was due.
    """
    now = now or dt.datetime.now()
    if not needs_automatic_backup(db_path, reason=reason, now=now):
        return None
    folder = data_backup_folder(db_path)
    result = make_backup(db_path, folder, now=now, create=True)
    prune_automatic(folder, keep=keep, now=now)
    return result
