"""When things happen in the demo office, and who does them.

The demo data file tells the office's story in the calendar of 2025 (`BASE_YEAR`). A demo is built for an anchor
day (the day it is made, by default): the story moves, in whole weeks (so every weekday stays a weekday), into the
year the office reports on that day, `domain.periods.current_reporting_period` (the last quarter that has ended; in
January-March the previous year, whose TW IV is then reported, as the program itself opens). Quarters before the
reported one are approved; the reported one is under review as the data file tells it (its TW III statuses), its
realisasi entered one to three weeks after the quarter ended (so in the first days after, still to be entered);
nothing that would happen after the anchor is written. The same anchor gives the same demo every time;
`BASE_ANCHOR` gives the data file's story unchanged (what the tests pin).

The demo's stories are told in office hours (WIB); the database keeps UTC, seven hours earlier.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import dataclass
from typing import Any

from sakip_desktop.domain.periods import current_reporting_period
from sakip_desktop.ops.base import Actor, Clock, utcnow
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database

WIB = dt.timedelta(hours=7)
# The year the demo data file and the stories below are written for, and the quarter they report on.
BASE_YEAR, BASE_QUARTER = 2025, 3
# The office starts working with SAKIP Desktop: the new-office wizard, its units and people (in 2025).
SETUP_DAY = dt.date(2025, 1, 6)
# The Kasubag Perencanaan enters the Renstra, the targets of the year and the budget (in 2025).
PLANNING_DAY = dt.date(2025, 1, 7)
# An anchor that gives the demo exactly as the data file tells it: TW I-II 2025 approved, TW III under review.
BASE_ANCHOR = dt.date(2025, 10, 15)
# Where a demo made without an anchor takes it from (YYYY-MM-DD), before today: reproducible demos for tests.
ANCHOR_VARIABLE = "SAKIP_DEMO_DATE"
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


def _weeks_from(start: dt.date, end: dt.date) -> dt.timedelta:
    """The whole weeks from `start` to at least `end` (0 to 6 days later): a weekday stays that weekday."""
    return dt.timedelta(weeks=math.ceil((end - start).days / 7))


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of `quarter` of `year`."""
    return dt.date(year + quarter // 4, quarter * 3 % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Story:
    """The demo's story told for one anchor: the year and quarter reported on, and how far the data file's 2025
    calendar moves to reach them."""

    present: dt.datetime  # the moment the demo is made (UTC): nothing later is written
    year: int
    quarter: int
    shift: dt.timedelta  # whole weeks: a date of the data file's 2025 plus this is its date in `year`

    @classmethod
    def at(cls, present: dt.datetime) -> Story:
        """The story of a demo made at `present` (UTC)."""
        year, quarter = current_reporting_period((present + WIB).date())
        return cls(present, year, quarter, _weeks_from(dt.date(BASE_YEAR, 1, 1), dt.date(year, 1, 1)))

    @classmethod
    def of(cls, anchor: dt.date | dt.datetime | None = None) -> Story:
        """The story of a demo made on `anchor`: a day (its 10.00 WIB), a moment (UTC), or None: the day in
        $SAKIP_DEMO_DATE if set, otherwise now."""
        if anchor is None and os.environ.get(ANCHOR_VARIABLE):
            anchor = dt.date.fromisoformat(os.environ[ANCHOR_VARIABLE])
        if anchor is None:
            return cls.at(utcnow())
        if isinstance(anchor, dt.datetime):
            return cls.at(anchor)
        return cls.at(wib(anchor, 10))

    @property
    def today(self) -> dt.date:
        """The anchor day (WIB)."""
        return (self.present + WIB).date()

    @property
    def years(self) -> int:
        """How many years the story moves."""
        return self.year - BASE_YEAR

    def day(self, base: dt.date) -> dt.date:
        """The day of the data file's 2025 calendar `base`, in this story."""
        return base + self.shift

    def moment(self, base: dt.datetime) -> dt.datetime:
        return base + self.shift

    def happened(self, moment: dt.datetime) -> bool:
        """Whether `moment` (UTC) is not after the demo's present."""
        return moment <= self.present

    def text(self, base: str) -> str:
        """A text of the 2025 story with its years moved ('.../2025' -> '.../2026')."""
        if not self.years:
            return base
        return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + self.years), base)

    def quarter_shift(self, quarter: int, base_quarter: int) -> dt.timedelta:
        """Whole weeks from the end of `base_quarter` 2025 to the end of `quarter` of this story's year: a story
        told of one quarter, told of another."""
        return _weeks_from(quarter_end(BASE_YEAR, base_quarter), quarter_end(self.year, quarter))
