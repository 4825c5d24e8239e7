"""Timing SOP step visits as the office counts time: its time zone, its days off, the standard times of the
definitions, the pauses. Shared by the inbox (a first-screen read) and the step screen, timelines and run lists
(read through the ORM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.ops.sop.runs import local_time
from sakip_desktop.sop.calendar import OfficeCalendar
from sakip_desktop.sop.definition import SopDefinition, from_json
from sakip_desktop.sop.timer import Elapsed, Pause, elapsed
from sakip_desktop.storage import models as m


class SopClock:
    """Per-query facts: the office's time zone, calendar and parsed definitions (parsed once)."""

    def __init__(
        self, days_off: Iterable[dt.date], definitions: Callable[[int], str], now_utc: dt.datetime, offset: int
    ) -> None:
        self.offset = offset
        self.now = local_time(now_utc, offset)
        self.calendar = OfficeCalendar(days_off)
        self._text = definitions
        self._definitions: dict[int, SopDefinition] = {}

    def definition(self, version_id: int) -> SopDefinition:
        if version_id not in self._definitions:
            self._definitions[version_id] = from_json(self._text(version_id))
        return self._definitions[version_id]

    @overload
    def local(self, utc: dt.datetime) -> dt.datetime: ...
    @overload
    def local(self, utc: dt.datetime | None) -> dt.datetime | None: ...
    def local(self, utc: dt.datetime | None) -> dt.datetime | None:
        """A UTC time in office time."""
        return None if utc is None else local_time(utc, self.offset)

    def elapsed(
        self,
        started_at: dt.datetime,
        finished_at: dt.datetime | None,
        position: int,
        pauses: list[Pause],
        definition: SopDefinition,
    ) -> Elapsed:
        """The time a step visit took (UTC `started_at`/`finished_at`; still open: up to now)."""
        start = self.local(started_at)
        end = self.local(finished_at) or self.now
        standard = definition.steps[position - 1].standard_time
        return elapsed(start, end, pauses, standard, self.calendar)


def clock_in(session: Session, now_utc: dt.datetime, offset: int) -> SopClock:
    """The clock, its facts read through an open session (the step screen, timelines, run lists, compliance)."""
    days_off = session.scalars(select(m.OfficeDayOff.day)).all()

    def text(version_id: int) -> str:
        return session.scalars(select(m.SopVersion.definition).where(m.SopVersion.id == version_id)).one()

    return SopClock(days_off, text, now_utc, offset)


def pause_map(
    found: Iterable[tuple[int, dt.datetime, dt.datetime | None]], step_run_ids: list[int], offset: int
) -> dict[int, list[Pause]]:
    """The pauses (step run, UTC start, UTC end) of each step run, in office time."""
    out: dict[int, list[Pause]] = {i: [] for i in step_run_ids}
    for step_run_id, start, end in found:
        out[step_run_id].append((local_time(start, offset), None if end is None else local_time(end, offset)))
    return out


def read_pauses(session: Session, step_run_ids: list[int], offset: int) -> dict[int, list[Pause]]:
    p = m.SopPause
    query = select(p.step_run_id, p.start, p.end).where(p.step_run_id.in_(step_run_ids)).order_by(p.id)
    found = list(session.execute(query)) if step_run_ids else []
    return pause_map(found, step_run_ids, offset)
