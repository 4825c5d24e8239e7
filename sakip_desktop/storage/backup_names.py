"""How the program names its backups: `sakip-<kecamatan>-<YYYYMMDD-HHMM>.db`, and reading a time back from a name."""

from __future__ import annotations

import datetime as dt
import re

NAME_PATTERN = re.compile(r"^sakip-(?P<slug>[a-z0-9-]*?)-(?P<stamp>\d{8}-\d{4})(?:-(?P<n>\d+))?\.db$")


def slug(name: str) -> str:
    """The office name as it goes into a file name: lower case, letters and digits joined by '-'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:40].strip("-") or "kantor"


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
