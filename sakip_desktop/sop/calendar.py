"""The office calendar: weekends, national holidays, the government's cuti bersama, and days off the office adds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=32)
def _national(year: int) -> dict[dt.date, str]:
    """National holidays and the government's cuti bersama for ASN, with Indonesian names."""
    import holidays  # imported when first needed: start-up does not pay for it

    return dict(holidays.country_holidays("ID", years=year, language="id", categories=("public", "government")))


class OfficeCalendar:
    """Which days are working days for the office."""

    def __init__(self, extra_days_off: Iterable[dt.date] = ()) -> None:
        self.extra_days_off = frozenset(extra_days_off)

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, not a national holiday, not a cuti bersama of the office."""
        return day.weekday() < 5 and day not in _national(day.year) and day not in self.extra_days_off

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when the same day or earlier).

        A step started on Friday and looked at on Monday has taken one working day.
        """
        if end <= start:
            return 0
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def holiday_name(self, day: dt.date) -> str:
        """The name of a national holiday or cuti bersama, or ''."""
        return _national(day.year).get(day, "")
