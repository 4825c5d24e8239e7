"""When the office last backed up to a flash drive, and the reminder in "Menunggu Anda" (first-screen reads).

Kept apart from `ops/backups.py` so the first screen reads it without loading the copying and restoring code.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sakip_desktop.ops.home import first_reads
from sakip_desktop.storage.database import Database

LAST_EXTERNAL_KEY = "backup_last_external"  # {"at": UTC ISO time, "path": the file written}
LAST_TARGET_KEY = "backup_last_target"  # the folder last chosen, offered first next time
# "Menunggu Anda" names this as the tool of the reminder: the panel opens the backup dialog for it.
BACKUP_TOOL = "Cadangkan sekarang"


@dataclass(frozen=True)
class BackupStatus:
    """When the office last backed up to a flash drive (or another place outside this PC's data folder)."""

    last_external_at: dt.datetime | None  # UTC
    last_external_path: str
    last_target: str
    reminder_days: int

    def days_since(self, now: dt.datetime) -> int | None:
        """Whole days since the last external backup (`now` in UTC), None when there was none."""
        if self.last_external_at is None:
            return None
        return max(0, (now - self.last_external_at).days)

    def overdue(self, now: dt.datetime) -> bool:
        """True when no external backup was made within the reminder period."""
        days = self.days_since(now)
        return days is None or days > self.reminder_days


def backup_status(db: Database) -> BackupStatus:
    """What the settings remember of backups (a first-screen read: the reminder in "Menunggu Anda")."""
    from sakip_desktop.ops.org.office import get_settings

    stored = first_reads.settings(db, [LAST_EXTERNAL_KEY, LAST_TARGET_KEY])
    last = json.loads(stored[LAST_EXTERNAL_KEY]) if LAST_EXTERNAL_KEY in stored else {}
    at = dt.datetime.fromisoformat(last["at"]) if last.get("at") else None
    target = json.loads(stored[LAST_TARGET_KEY]) if LAST_TARGET_KEY in stored else ""
    return BackupStatus(at, last.get("path", ""), target, get_settings(db).backup_reminder_days)


def backup_reminder(db: Database, now: dt.datetime | None = None) -> tuple[str, int] | None:
    """The reminder text for "Menunggu Anda" and the days it counts, or None when a backup is recent enough."""
    status = backup_status(db)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if not status.overdue(now):
        return None
    days = status.days_since(now)
    if days is None:
        return "Belum pernah ada cadangan ke flash disk: cadangkan basis data sekarang", 1
    return f"Cadangan terakhir ke flash disk {days} hari yang lalu: cadangkan sekarang", days
