"""What the screens show of SOP runs: inboxes, the step screen, timelines, compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.base import Actor, utcnow
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.inbox import InboxItem as InboxItem
from sakip_desktop.ops.sop.inbox import inbox as inbox
from sakip_desktop.ops.sop.lanes import fits, lane_who, unit_facts
from sakip_desktop.ops.sop.returns import ReturnNote, return_note
from sakip_desktop.ops.sop.timing import clock_in, read_pauses
from sakip_desktop.sop.definition import StepKind
from sakip_desktop.sop.flow import following, next_number, waits_for_tracks
from sakip_desktop.sop.lanes import unit_text
from sakip_desktop.sop.timer import Elapsed
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

STATUS_LABELS = {"RUNNING": "Berjalan", "DONE": "Selesai", "CANCELLED": "Dibatalkan"}
OUTCOME_LABELS = {"DONE": "Selesai", "APPROVED": "Disetujui", "RETURNED": "Dikembalikan", "CANCELLED": "Dibatalkan"}


@dataclass(frozen=True)
class ChecklistItem:
    """One kelengkapan item of a step visit."""

    index: int
    text: str
    checked: bool
    checked_by: str
    link: str
    attachment_name: str


@dataclass(frozen=True)
class StepDetail:
    """Everything the step screen shows."""

    step_run_id: int
    run_id: int
    run_title: str
    run_status: str
    sop_name: str
    position: int
    step_count: int
    number: str
    activity: str
    role: Role
    actor_label: str
    output: str
    note: str
    standard_label: str
    is_decision: bool
    approve_target: int | None
    return_target: int | None
    checklist: tuple[ChecklistItem, ...]
    started_at: dt.datetime
    finished_at: dt.datetime | None
    elapsed: Elapsed
    paused_reason: str | None
    visit: int
    notes: str
    outcome: str  # '' while open; DONE / APPROVED / RETURNED / CANCELLED
    finished_by: str
    reason: str
    action: str = ""  # the program screen for this step's work (sop.definition.ACTIONS); "" for none
    approve_number: str | None = None  # the SOP's own number of the step after approval (None: the SOP ends)
    return_number: str | None = None  # … and after a return
    joins_tracks: bool = False  # the last step of a parallel track: what follows waits for the other tracks
    track: str = ""
    lane_who: str = ""  # who works in it: 'Kasi Seksi Ekonomi dan Pembangunan (lajur Kasi Ekbang)'
    lane_unit: str = ""  # the unit of its lane: 'Seksi Ekonomi dan Pembangunan', 'pada Seksi mana pun', ''
    yours: bool = False  # the person asking may work on it (its role, in its lane's unit)
    returned: ReturnNote | None = None  # the return that sent the run back to this step

    @property
    def position_text(self) -> str:
        """'langkah ke-6 dari 7': the position only; the step's number is the one written in the SOP."""
        return f"langkah ke-{self.position} dari {self.step_count}"

    @property
    def can_finish(self) -> bool:
        """All checklist items ticked."""
        return all(c.checked for c in self.checklist)


def open_step(db: Database, run_id: int) -> int | None:
    """The step visit a run is waiting on, or None when it has ended."""
    with db.reading() as s:
        return s.scalars(
            select(m.SopStepRun.id).where(m.SopStepRun.run_id == run_id, m.SopStepRun.finished_at.is_(None))
        ).first()


def _checklist(inputs: Sequence[str], checks: dict[int, m.SopStepCheck]) -> tuple[ChecklistItem, ...]:
    """The step's kelengkapan items, each as ticked (or not) in this visit."""
    out = []
    for i, text in enumerate(inputs):
        check = checks.get(i)
        if check is None:
            out.append(ChecklistItem(i, text, False, "", "", ""))
        else:
            out.append(ChecklistItem(i, text, bool(check.checked), check.checked_by, check.link, check.attachment_name))
    return tuple(out)


def step_detail(
    db: Database, step_run_id: int, *, now: dt.datetime | None = None, actor: Actor | None = None
) -> StepDetail:
    """The step screen's data; `yours` says whether `actor` may work on it (his role, in the lane's unit)."""
    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        step_run = s.get(m.SopStepRun, step_run_id)
        if step_run is None:
            raise NotFound("Langkah tidak ditemukan.")
        run = s.get(m.SopRun, step_run.run_id)
        assert run is not None  # a step visit belongs to a run (foreign key)
        ctx = clock_in(s, now or utcnow(), offset)
        definition = ctx.definition(run.sop_version_id)
        position = step_run.position
        step = definition.steps[position - 1]
        lane = definition.actor(step.actor)
        checks = {c.item: c for c in s.scalars(select(m.SopStepCheck).where(m.SopStepCheck.step_run_id == step_run_id))}
        pauses = read_pauses(s, [step_run_id], offset)[step_run_id]
        open_pause, returns = _pause_and_returns(s, step_run_id, run.id)
        decision = step.kind is StepKind.DECISION
        return StepDetail(
            step_run_id=step_run.id,
            run_id=run.id,
            run_title=run.title,
            run_status=run.status,
            sop_name=definition.identity.name,
            position=position,
            step_count=len(definition.steps),
            number=step.number or str(position),
            activity=step.activity,
            role=Role(step_run.role),
            actor_label=lane.label,
            output=step.output,
            note=step.note,
            standard_label=step.standard_time.label() if step.standard_time else "tidak ditetapkan",
            is_decision=decision,
            approve_target=_first(following(definition, position, True)) if decision else None,
            return_target=_first(following(definition, position, False)) if decision else None,
            checklist=_checklist(step.inputs, checks),
            started_at=ctx.local(step_run.started_at),
            finished_at=ctx.local(step_run.finished_at),
            elapsed=ctx.elapsed(step_run.started_at, step_run.finished_at, position, pauses, definition),
            paused_reason=open_pause.reason if open_pause else None,
            visit=step_run.visit,
            notes=step_run.notes,
            outcome=step_run.outcome,
            finished_by=step_run.finished_by,
            reason=step_run.reason,
            action=step.action,
            approve_number=next_number(definition, position, True),
            return_number=next_number(definition, position, False) if decision else None,
            joins_tracks=waits_for_tracks(definition, position),
            track=step.track,
            lane_who=lane_who(s, lane),
            lane_unit=unit_text(lane, unit_facts(s).values()),
            yours=actor is not None and actor.has(lane.role) and fits(s, actor, lane),
            returned=return_note(definition, position, step_run.started_at, returns, ctx.local),
        )


def _pause_and_returns(s: Session, step_run_id: int, run_id: int) -> tuple[m.SopPause | None, list[m.SopStepRun]]:
    """The visit's open pause, and the run's returned decision visits (to find the return that opened it)."""
    open_pause = s.scalars(
        select(m.SopPause).where(m.SopPause.step_run_id == step_run_id, m.SopPause.end.is_(None))
    ).first()
    returned = select(m.SopStepRun).where(m.SopStepRun.run_id == run_id, m.SopStepRun.outcome == "RETURNED")
    return open_pause, list(s.scalars(returned))


def _first(targets: tuple[int, ...] | None) -> int | None:
    return targets[0] if targets else None


def attachment(db: Database, step_run_id: int, item: int) -> tuple[str, bytes] | None:
    """The file attached to a checklist item."""
    with db.reading() as s:
        check = s.scalars(
            select(m.SopStepCheck).where(m.SopStepCheck.step_run_id == step_run_id, m.SopStepCheck.item == item)
        ).first()
        if check is None or check.attachment is None:
            return None
        return check.attachment_name, check.attachment


@dataclass(frozen=True)
class TimelineEntry:
    """One visit of a run to a step."""

    step_run_id: int
    position: int
    number: str
    activity: str
    role: Role
    visit: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    finished_by: str
    outcome: str
    reason: str
    notes: str
    elapsed: Elapsed
    standard_label: str


@dataclass(frozen=True)
class RunView:
    """A run with its steps in the order they happened."""

    id: int
    title: str
    sop_id: int
    sop_name: str
    version: int
    year: int
    quarter: int | None
    status: str
    started_at: dt.datetime
    started_by: str
    started_role: Role
    finished_at: dt.datetime | None
    cancel_reason: str
    entries: tuple[TimelineEntry, ...]

    @property
    def status_label(self) -> str:
        """Berjalan / Selesai / Dibatalkan."""
        return STATUS_LABELS[self.status]

    @property
    def returns(self) -> int:
        """How many times work was sent back."""
        return sum(1 for e in self.entries if e.outcome == "RETURNED")


def run_timeline(db: Database, run_id: int, *, now: dt.datetime | None = None) -> RunView:
    """A run's timeline."""
    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        run = s.get(m.SopRun, run_id)
        if run is None:
            raise NotFound("Pelaksanaan SOP tidak ditemukan.")
        ctx = clock_in(s, now or utcnow(), offset)
        definition = ctx.definition(run.sop_version_id)
        version = s.get(m.SopVersion, run.sop_version_id)
        assert version is not None  # a run keeps its version (foreign key)
        step_runs = s.scalars(
            select(m.SopStepRun).where(m.SopStepRun.run_id == run_id).order_by(m.SopStepRun.started_at, m.SopStepRun.id)
        ).all()
        pauses = read_pauses(s, [sr.id for sr in step_runs], offset)
        entries = []
        for sr in step_runs:
            step = definition.steps[sr.position - 1]
            entries.append(
                TimelineEntry(
                    step_run_id=sr.id,
                    position=sr.position,
                    number=step.number,
                    activity=step.activity or step.output,
                    role=Role(sr.role),
                    visit=sr.visit,
                    started_at=ctx.local(sr.started_at),
                    finished_at=ctx.local(sr.finished_at),
                    finished_by=sr.finished_by,
                    outcome=sr.outcome,
                    reason=sr.reason,
                    notes=sr.notes,
                    elapsed=ctx.elapsed(sr.started_at, sr.finished_at, sr.position, pauses[sr.id], definition),
                    standard_label=step.standard_time.label() if step.standard_time else "—",
                )
            )
        return RunView(
            id=run.id,
            title=run.title,
            sop_id=version.sop_id,
            sop_name=definition.identity.name,
            version=version.version,
            year=run.year,
            quarter=run.quarter,
            status=run.status,
            started_at=ctx.local(run.started_at),
            started_by=run.started_by,
            started_role=Role(run.started_role),
            finished_at=ctx.local(run.finished_at),
            cancel_reason=run.cancel_reason,
            entries=tuple(entries),
        )


@dataclass(frozen=True)
class RunSummary:
    """A run as listed."""

    id: int
    title: str
    sop_name: str
    status: str
    current_step: str
    current_role: Role | None
    started_at: dt.datetime
    started_by: str
    finished_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        """Berjalan / Selesai / Dibatalkan."""
        return STATUS_LABELS[self.status]


def list_runs(db: Database, *, sop_id: int | None = None, status: str | None = None) -> list[RunSummary]:
    """Runs, newest first."""
    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        query = (
            select(m.SopRun, m.SopVersion.sop_id, m.Sop.name)
            .join(m.SopVersion, m.SopVersion.id == m.SopRun.sop_version_id)
            .join(m.Sop, m.Sop.id == m.SopVersion.sop_id)
            .order_by(m.SopRun.started_at.desc(), m.SopRun.id.desc())
        )
        if sop_id is not None:
            query = query.where(m.SopVersion.sop_id == sop_id)
        if status is not None:
            query = query.where(m.SopRun.status == status)
        ctx = clock_in(s, utcnow(), offset)
        waiting: dict[int, list[int]] = {}
        for run_id, position in s.execute(
            select(m.SopStepRun.run_id, m.SopStepRun.position)
            .where(m.SopStepRun.finished_at.is_(None))
            .order_by(m.SopStepRun.position)
        ):
            waiting.setdefault(run_id, []).append(position)
        out = []
        for run, _sop_id, name in s.execute(query):
            current, role = "", None
            if run.status == "RUNNING" and waiting.get(run.id):
                definition = ctx.definition(run.sop_version_id)
                steps = [(p, definition.steps[p - 1]) for p in waiting[run.id]]
                current = "; ".join(f"{step.number or p}. {step.activity or step.output}" for p, step in steps)
                role = definition.role_of(steps[0][0])
            out.append(
                RunSummary(
                    run.id,
                    run.title,
                    name,
                    run.status,
                    current,
                    role,
                    ctx.local(run.started_at),
                    run.started_by,
                    ctx.local(run.finished_at),
                )
            )
        return out
