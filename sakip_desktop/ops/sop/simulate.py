"""Walking a run through its steps with given people: the demo's history and the end-to-end tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.sop.lanes import fits, may_start_sop
from sakip_desktop.ops.sop.runs import decide_step, finish_step, start_run, tick_item
from sakip_desktop.ops.sop.views import open_step, step_detail
from sakip_desktop.sop.definition import from_json
from sakip_desktop.storage import models as m
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
    starter = next(a for a in people.values() if may_start_sop(db, a, sop_id))
    run_id = start_run(db, starter, sop_id, title, year, quarter, clock=clock)
    actions = 0
    while True:
        step_run_id = open_step(db, run_id)
        if step_run_id is None or (stop_before is not None and actions >= stop_before):
            return run_id
        step = step_detail(db, step_run_id, now=clock.now)
        candidates = _candidates(db, people, step.step_run_id, clock.now)
        if not candidates:
            raise ValueError(f"nobody may work step {step.number} of run {run_id}")
        actor = candidates[0]
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


def _candidates(db: Database, people: dict[Role, Actor], step_run_id: int, now: dt.datetime) -> list[Actor]:
    """Who works the step: the person given for its role when the step's lane accepts him, else the holders of
    the role in the lane's unit (a lane may name a unit: "Kasi Ekbang")."""
    from sakip_desktop.ops.org.auth import actor_for

    with db.reading() as s:
        step_run = s.get(m.SopStepRun, step_run_id)
        assert step_run is not None
        run = s.get(m.SopRun, step_run.run_id)
        version = s.get(m.SopVersion, run.sop_version_id) if run else None
        assert version is not None
        definition = from_json(version.definition)
        lane = definition.actor(definition.steps[step_run.position - 1].actor)
        given = people.get(lane.role)
        if given is not None and fits(s, given, lane):
            return [given]
        holders = s.scalars(
            select(m.Account.username)
            .join(m.RoleAssignment, m.RoleAssignment.person_id == m.Account.person_id)
            .where(m.RoleAssignment.role == lane.role.value)
            .order_by(m.Account.username)
        ).all()
    found = [actor_for(db, username, now.date()) for username in holders]
    with db.reading() as s:
        fitting = [a for a in found if fits(s, a, lane)]
    if fitting or given is None:
        return fitting  # nobody: the step cannot be worked (`walk_run` then fails naming no one)
    return [given]  # the operation refuses him, saying whose step it is
