"""How long a step has taken against its standard time, pauses left out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sakip_desktop.sop.calendar import OfficeCalendar
from sakip_desktop.sop.stdtime import StandardTime, TimeUnit

Pause = tuple[dt.datetime, dt.datetime | None]  # local times; end None while still paused


@dataclass(frozen=True)
class Elapsed:
    """Real time of a step: clock minutes, working days, and whether it is over the standard."""

    minutes: float
    working_days: int  # counted only when the standard is in days
    standard: StandardTime | None

    @property
    def over(self) -> bool:
        """True when the step took longer than the upper bound of its standard time."""
        if self.standard is None:
            return False
        if self.standard.is_working_days:
            return self.working_days > self.standard.high
        return self.minutes > self.standard.limit_minutes

    @property
    def in_standard_units(self) -> float:
        """The real time in the standard's unit (minutes, hours or working days)."""
        if self.standard is None or self.standard.unit is TimeUnit.MINUTES:
            return self.minutes
        if self.standard.unit is TimeUnit.HOURS:
            return self.minutes / 60
        return float(self.working_days)

    def label(self) -> str:
        """'25 menit', '1 jam 40 menit', '2 hari kerja'."""
        if self.standard is not None and self.standard.is_working_days:
            return f"{self.working_days} hari kerja"
        return minutes_label(self.minutes)


def minutes_label(minutes: float) -> str:
    """'25 menit', '1 jam 40 menit', '3 hari 2 jam'."""
    total = round(minutes)
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return " ".join(parts[:2])


def clock_minutes(start: dt.datetime, end: dt.datetime, pauses: Sequence[Pause]) -> float:
    """Minutes from start to end, minus the time spent paused."""
    total = (end - start).total_seconds()
    for p_start, p_end in pauses:
        total -= ((p_end or end) - p_start).total_seconds()
    return max(total, 0.0) / 60


def paused_working_days(pauses: Sequence[Pause], end: dt.datetime, calendar: OfficeCalendar) -> int:
    """Working days spent paused."""
    return sum(calendar.working_days_between(s.date(), (e or end).date()) for s, e in pauses)


def elapsed(
    start: dt.datetime,
    end: dt.datetime,
    pauses: Sequence[Pause],
    standard: StandardTime | None,
    calendar: OfficeCalendar,
) -> Elapsed:
    """The real time of a step from `start` to `end` (both local times).

    Working days are counted only for a standard in days (the national calendar is not needed
    otherwise, so screens showing minute-based steps never load it).
    """
    days = 0
    if standard is not None and standard.is_working_days:
        days = calendar.working_days_between(start.date(), end.date()) - paused_working_days(pauses, end, calendar)
    return Elapsed(minutes=clock_minutes(start, end, pauses), working_days=max(days, 0), standard=standard)
