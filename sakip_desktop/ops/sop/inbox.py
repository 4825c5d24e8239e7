"""The SOP steps waiting for a person: his roles, in the unit of the step's lane when it names one.

A first-screen read: everything comes through `ops.home.first_reads` (plain SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import Actor, utcnow
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.returns import ReturnNote, return_note
from sakip_desktop.ops.sop.timing import SopClock, pause_map
from sakip_desktop.sop.definition import Actor as Lane
from sakip_desktop.sop.definition import SopDefinition, StepKind
from sakip_desktop.sop.lanes import UnitFact, accepts, bound
from sakip_desktop.sop.timer import Elapsed, Pause
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class InboxItem:
    """A step waiting for a role."""

    step_run_id: int
    run_id: int
    run_title: str
    sop_name: str
    step_number: str
    activity: str
    role: Role
    started_at: dt.datetime  # local
    elapsed: Elapsed
    paused: bool
    is_decision: bool
    returned: ReturnNote | None = None  # set when a return sent the run back to this step (who, when, why)

    @property
    def overdue(self) -> bool:
        """Over its standard time."""
        return self.elapsed.over


def inbox(db: Database, actor: Actor, *, role: Role | None = None, now: dt.datetime | None = None) -> list[InboxItem]:
    """Steps waiting for the actor's roles (or one `role`), in the unit of the step's lane when it names one; the
    Camat also sees every overdue step. A returned step carries its return (`InboxItem.returned`).

    A first-screen read (`ops.home.first_reads`): the inbox is part of "Menunggu Anda"."""
    offset = get_settings(db).utc_offset_hours
    roles = {g.role for g in actor.grants} if role is None else {role}
    read = first_reads.open_sop_steps(db)
    ctx = SopClock(read.days_off, read.definitions.__getitem__, now or utcnow(), offset)
    pauses = pause_map(read.pauses, [row.id for row in read.steps], offset)
    lanes = _LaneFacts(db, actor, roles)
    returns = _returns_by_run(db, {row.run_id for row in read.steps})
    items = []
    for row in read.steps:
        definition = ctx.definition(row.sop_version_id)
        took = ctx.elapsed(row.started_at, None, row.position, pauses[row.id], definition)
        lane = definition.actor(definition.steps[row.position - 1].actor)
        if (Role(row.role) in roles and lanes.accept(lane)) or (Role.CAMAT in roles and took.over):
            note = return_note(definition, row.position, row.started_at, returns.get(row.run_id, ()), ctx.local)
            items.append(_inbox_item(row, definition, ctx, took, pauses[row.id], note))
    return items


class _LaneFacts:
    """The actor's units, read (in plain SQL, first screen) only when a waiting step's lane names a unit."""

    def __init__(self, db: Database, actor: Actor, roles: set[Role]) -> None:
        self.db, self.actor = db, actor
        self.grants = [(g.role, g.unit_id) for g in actor.grants if g.role in roles]
        self._facts: tuple[dict[int, UnitFact], int | None] | None = None

    def accept(self, lane: Lane) -> bool:
        if not bound(lane) or self.actor.is_system:
            return True
        if self._facts is None:
            units = {r.id: UnitFact(r.id, r.code, r.name, r.kind, r.parent_id) for r in first_reads.units(self.db)}
            found = first_reads.unit_of_person(self.db, self.actor.person_id) if self.actor.person_id else []
            self._facts = units, (found[0][0] if found else None)
        units, person_unit = self._facts
        return accepts(lane, self.grants, person_unit, units)


def _returns_by_run(db: Database, run_ids: set[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    if not run_ids:
        return out
    for row in first_reads.sop_returns(db, run_ids):
        out.setdefault(row.run_id, []).append(row)
    return out


def _inbox_item(
    row: Any, definition: SopDefinition, ctx: SopClock, took: Elapsed, pauses: list[Pause], note: ReturnNote | None
) -> InboxItem:
    step = definition.steps[row.position - 1]
    return InboxItem(
        step_run_id=row.id,
        run_id=row.run_id,
        run_title=row.title,
        sop_name=definition.identity.name,
        step_number=step.number or str(row.position),
        activity=step.activity or step.output,
        role=Role(row.role),
        started_at=ctx.local(row.started_at),
        elapsed=took,
        paused=any(end is None for _, end in pauses),
        is_decision=step.kind is StepKind.DECISION,
        returned=note,
    )
