"""When things happen in the demo office, and who does them: fixed clocks keep the demo the same every time.

The demo's stories are told in office hours (WIB); the database keeps UTC, seven hours earlier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sakip_desktop.ops.base import Actor, Clock
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database

WIB = dt.timedelta(hours=7)
# The office starts working with SAKIP Desktop: the new-office wizard, its units and people.
SETUP_DAY = dt.date(2025, 1, 6)
# The Kasubag Perencanaan enters the Renstra, the targets of 2025 and the budget.
PLANNING_DAY = dt.date(2025, 1, 7)
# Usernames (keys of resources/demo/kecamatan_contoh.toml) of the people the stories name.
CAMAT, SEKRETARIS, ADMINISTRATOR = "camat", "sekcam", "kasubag_renkeu"


def wib(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """`hour`:`minute` WIB on `day`, as stored (UTC, naive)."""
    return dt.datetime.combine(day, dt.time(hour, minute)) - WIB


def at(moment: dt.datetime) -> Clock:
    """A clock standing still at `moment` (UTC, naive)."""
    return lambda: moment


def date_of(value: Any) -> dt.date | None:
    """A date of the demo data file (a TOML date, an ISO text, or '' for none)."""
    if value in ("", None):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def moment_of(value: Any) -> dt.datetime:
    """A date and time of the demo data file (a TOML date-time or an ISO text), as stored."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def working_days_after(moment: dt.datetime, days: int) -> dt.datetime:
    """`days` working days (Monday to Friday) after `moment`, at the same time."""
    while days:
        moment += dt.timedelta(days=1)
        days -= moment.weekday() < 5
    return moment


def person(db: Database, username: str, moment: dt.datetime) -> Actor:
    """The demo person `username` acting at `moment`, with the roles he holds that day (in WIB)."""
    return actor_for(db, username, (moment + WIB).date())


def holder(data: dict[str, Any], roles: tuple[str, ...], unit: str | None, day: dt.date) -> str:
    """The username of the demo person holding one of `roles` (in the unit coded `unit`, when given) on `day`."""
    for p in data["people"]:
        if not set(roles) & set(p["roles"]) or (unit is not None and p["unit"] != unit):
            continue
        start, end = date_of(p["active_from"]), date_of(p.get("active_to"))
        if start is not None and start <= day and (end is None or day <= end):
            return str(p["key"])
    raise LookupError(f"Tidak ada pegawai contoh dengan peran {', '.join(roles)} pada {day}.")
