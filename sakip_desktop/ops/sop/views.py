"""What the screens show of SOP runs: inboxes, the step screen, timelines, compliance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.base import Actor, utcnow
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.runs import local_time
from sakip_desktop.sop.calendar import OfficeCalendar
from sakip_desktop.sop.definition import SopDefinition, StepKind, from_json
from sakip_desktop.sop.timer import Elapsed, Pause, elapsed
from sakip_desktop.storage import models as m
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

STATUS_LABELS = {"RUNNING": "Berjalan", "DONE": "Selesai", "CANCELLED": "Dibatalkan"}
OUTCOME_LABELS = {"DONE": "Selesai", "APPROVED": "Disetujui", "RETURNED": "Dikembalikan", "CANCELLED": "Dibatalkan"}


class _Context:
    """Per-query facts: the office's time zone, calendar and parsed definitions (parsed once).

    Plain SQL: the inbox is read at start-up (see `sakip_desktop.storage.sql`)."""

    def __init__(self, session, now_utc: dt.datetime, offset: int) -> None:
        self.session, self.offset = session, offset
        self.now = local_time(now_utc, offset)
        self.calendar = OfficeCalendar(sql.date(day) for (day,) in sql.rows(session, "SELECT day FROM office_day_off"))
        self._definitions: dict[int, SopDefinition] = {}

    def definition(self, version_id: int) -> SopDefinition:
        if version_id not in self._definitions:
            text = sql.scalar(self.session, "SELECT definition FROM sop_version WHERE id = :id", id=version_id)
            self._definitions[version_id] = from_json(text)
        return self._definitions[version_id]

    def local(self, utc: dt.datetime | None) -> dt.datetime | None:
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


def _pauses(session, step_run_ids: list[int], offset: int) -> dict[int, list[Pause]]:
    out: dict[int, list[Pause]] = {i: [] for i in step_run_ids}
    if not step_run_ids:
        return out
    found = sql.rows(
        session,
        """
        SELECT step_run_id, start, "end"
          FROM sop_pause
         WHERE step_run_id IN :ids
         ORDER BY id
        """,
        ids=step_run_ids,
    )
    for step_run_id, start, end in found:
        out[step_run_id].append(
            (local_time(sql.datetime(start), offset), None if end is None else local_time(sql.datetime(end), offset))
        )
    return out


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

    @property
    def overdue(self) -> bool:
        """Over its standard time."""
        return self.elapsed.over


def inbox(db: Database, actor: Actor, *, role: Role | None = None, now: dt.datetime | None = None) -> list[InboxItem]:
    """Steps waiting for the actor's roles (or one `role`); the Camat also sees every overdue step."""
    offset = get_settings(db).utc_offset_hours
    roles = {g.role for g in actor.grants} if role is None else {role}
    with db.plain_reading() as s:
        ctx = _Context(s, now or utcnow(), offset)
        rows = _open_steps(s)
        pauses = _pauses(s, [row.id for row in rows], offset)
        items = []
        for row in rows:
            definition = ctx.definition(row.sop_version_id)
            item_role = Role(row.role)
            started_at = sql.datetime(row.started_at)
            took = ctx.elapsed(started_at, None, row.position, pauses[row.id], definition)
            mine = item_role in roles
            camat_watch = Role.CAMAT in roles and took.over
            if not (mine or camat_watch):
                continue
            step = definition.steps[row.position - 1]
            items.append(
                InboxItem(
                    step_run_id=row.id,
                    run_id=row.run_id,
                    run_title=row.title,
                    sop_name=definition.identity.name,
                    step_number=step.number,
                    activity=step.activity or step.output,
                    role=item_role,
                    started_at=ctx.local(started_at),
                    elapsed=took,
                    paused=any(end is None for _, end in pauses[row.id]),
                    is_decision=step.kind is StepKind.DECISION,
                )
            )
        return items


def _open_steps(session):
    """The open step visits of running runs, oldest first (as the inbox lists them)."""
    return sql.rows(
        session,
        """
        SELECT sr.id, sr.run_id, sr.position, sr.role, sr.started_at, r.title, r.sop_version_id
          FROM sop_step_run sr
          JOIN sop_run r ON r.id = sr.run_id
         WHERE r.status = 'RUNNING' AND sr.finished_at IS NULL
         ORDER BY sr.started_at
        """,
    )


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


def step_detail(db: Database, step_run_id: int, *, now: dt.datetime | None = None) -> StepDetail:
    """The step screen's data."""
    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        step_run = s.get(m.SopStepRun, step_run_id)
        if step_run is None:
            raise NotFound("Langkah tidak ditemukan.")
        run = s.get(m.SopRun, step_run.run_id)
        ctx = _Context(s, now or utcnow(), offset)
        definition = ctx.definition(run.sop_version_id)
        step = definition.steps[step_run.position - 1]
        checks = {c.item: c for c in s.scalars(select(m.SopStepCheck).where(m.SopStepCheck.step_run_id == step_run_id))}
        pauses = _pauses(s, [step_run_id], offset)[step_run_id]
        open_pause = s.scalars(
            select(m.SopPause).where(m.SopPause.step_run_id == step_run_id, m.SopPause.end.is_(None))
        ).first()
        approve_target = return_target = None
        if step.kind is StepKind.DECISION:
            approve_target = definition.next_position(step_run.position, approved=True)
            return_target = definition.next_position(step_run.position, approved=False)
        return StepDetail(
            step_run_id=step_run.id,
            run_id=run.id,
            run_title=run.title,
            run_status=run.status,
            sop_name=definition.identity.name,
            position=step_run.position,
            step_count=len(definition.steps),
            number=step.number,
            activity=step.activity,
            role=Role(step_run.role),
            actor_label=definition.actor(step.actor).label,
            output=step.output,
            note=step.note,
            standard_label=step.standard_time.label() if step.standard_time else "tidak ditetapkan",
            is_decision=step.kind is StepKind.DECISION,
            approve_target=approve_target,
            return_target=return_target,
            checklist=tuple(
                ChecklistItem(
                    i,
                    text,
                    bool(checks[i].checked) if i in checks else False,
                    checks[i].checked_by if i in checks else "",
                    checks[i].link if i in checks else "",
                    checks[i].attachment_name if i in checks else "",
                )
                for i, text in enumerate(step.inputs)
            ),
            started_at=ctx.local(step_run.started_at),
            finished_at=ctx.local(step_run.finished_at),
            elapsed=ctx.elapsed(step_run.started_at, step_run.finished_at, step_run.position, pauses, definition),
            paused_reason=open_pause.reason if open_pause else None,
            visit=step_run.visit,
            notes=step_run.notes,
            outcome=step_run.outcome,
            finished_by=step_run.finished_by,
            reason=step_run.reason,
            action=step.action,
        )


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
        ctx = _Context(s, now or utcnow(), offset)
        definition = ctx.definition(run.sop_version_id)
        version = s.get(m.SopVersion, run.sop_version_id)
        step_runs = s.scalars(
            select(m.SopStepRun).where(m.SopStepRun.run_id == run_id).order_by(m.SopStepRun.started_at, m.SopStepRun.id)
        ).all()
        pauses = _pauses(s, [sr.id for sr in step_runs], offset)
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
        ctx = _Context(s, utcnow(), offset)
        out = []
        for run, _sop_id, name in s.execute(query):
            current, role = "", None
            if run.position is not None:
                definition = ctx.definition(run.sop_version_id)
                step = definition.steps[run.position - 1]
                current, role = f"{step.number}. {step.activity or step.output}", definition.role_of(run.position)
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
