"""How the program names its backups: `sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`, and reading a time back from a name.

The time in the name is the office's local time (WIB, WITA or WIT as set in Profil kantor), the clock every time
the program shows is on: the kabupaten's import report ("data sampai … pukul 19.31 WIB") then names the same
minute as the file, whatever zone the computer's own clock is set to."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

NAME_PATTERN = re.compile(r"^sakip-(?P<slug>[a-z0-9-]*?)-(?P<stamp>\d{8}-\d{4})(?:-(?P<n>\d+))?\.db$")


def slug(name: str) -> str:
    """The office name as it goes into a file name: lower case, letters and digits joined by '-'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:40].strip("-") or "kantor"


DEFAULT_UTC_OFFSET = 7  # WIB, unless the office set another zone
ZONE_WORDS = {7: "WIB", 8: "WITA", 9: "WIT"}


def zone_word(utc_offset_hours: int | None) -> str:
    """The word of the office's time zone written after a time ('pukul 19.31 WIB'): WIB, WITA or WIT, 'UTC+n'
    for an offset outside Indonesia's three."""
    hours = DEFAULT_UTC_OFFSET if utc_offset_hours is None else utc_offset_hours
    return ZONE_WORDS.get(hours, f"UTC{hours:+d}")


def office_now(utc_offset_hours: int | None, utc_now: dt.datetime | None = None) -> dt.datetime:
    """The office's local time now (naive), from its UTC offset in hours."""
    now = utc_now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    hours = DEFAULT_UTC_OFFSET if utc_offset_hours is None else utc_offset_hours
    return now + dt.timedelta(hours=hours)


def utc_offset_of(conn: sqlite3.Connection) -> int | None:
    """The office's UTC offset as set in the file being backed up (None: not set, or an older file)."""
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = 'utc_offset_hours'").fetchone()
        return int(row[0]) if row else None
    except (sqlite3.DatabaseError, TypeError, ValueError):
        return None


def backup_name(office_name: str, when: dt.datetime) -> str:
    """`sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`."""
    return f"sakip-{slug(office_name)}-{when:%Y%m%d-%H%M}.db"


def parse_backup_name(name: str) -> dt.datetime | None:
    """The time in a backup's file name, or None for a file not named as this program names backups."""
    found = NAME_PATTERN.match(name)
    if not found:
        return None
    try:
        return dt.datetime.strptime(found["stamp"], "%Y%m%d-%H%M")
    except ValueError:
        return None
