"""Walking a run through its steps with given people: the demo's history and the end-to-end tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.sop.runs import decide_step, finish_step, start_run, tick_item
from sakip_desktop.ops.sop.views import open_step, step_detail
from sakip_desktop.storage.database import Database


class SteppingClock:
    """A clock that moves forward by hand (UTC, naive)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += dt.timedelta(**delta)


def walk_run(
    db: Database,
    sop_id: int,
    people: dict[Role, Actor],
    clock: SteppingClock,
    *,
    title: str,
    year: int,
    quarter: int | None,
    returns: int = 0,
    stop_before: int | None = None,
    step_minutes: Callable[[int], float] = lambda position: 30,
) -> int:
    """Start a run and work it step by step; the first `returns` decisions send the work back.

    Stops when the run ends, or just before doing the `stop_before`-th action (leaving the run under way).
    Returns the run id.
    """
    starter = next(a for a in people.values() if a.may(_start_roles(db, sop_id)))
    run_id = start_run(db, starter, sop_id, title, year, quarter, clock=clock)
    actions = 0
    while True:
        step_run_id = open_step(db, run_id)
        if step_run_id is None or (stop_before is not None and actions >= stop_before):
            return run_id
        step = step_detail(db, step_run_id, now=clock.now)
        actor = people[step.role]
        clock.advance(minutes=step_minutes(step.position))
        for item in step.checklist:
            tick_item(db, actor, step.step_run_id, item.index, True, clock=clock)
        if step.is_decision:
            send_back = returns > 0
            returns -= int(send_back)
            reason = "Data belum lengkap, mohon dilengkapi." if send_back else ""
            decide_step(db, actor, step.step_run_id, not send_back, reason, clock=clock)
        else:
            finish_step(db, actor, step.step_run_id, clock=clock)
        actions += 1


def _start_roles(db: Database, sop_id: int) -> list[str]:
    from sakip_desktop.ops.sop.library import get_definition

    return [r.value for r in get_definition(db, sop_id).start_roles]
