"""Running an SOP: start a run, tick the checklist, pause, finish, approve or return, cancel."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import NotFound, PermissionDenied, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, require, utcnow, write
from sakip_desktop.ops.sop.lanes import fits, lane_who, require_start_lane
from sakip_desktop.sop.definition import SopDefinition, StepKind, from_json
from sakip_desktop.sop.flow import entry, following
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _definition(session: Session, run: m.SopRun) -> SopDefinition:
    version = session.get(m.SopVersion, run.sop_version_id)
    assert version is not None
    return from_json(version.definition)


def _open_positions(session: Session, run_id: int) -> list[int]:
    return sorted(
        session.scalars(
            select(m.SopStepRun.position).where(m.SopStepRun.run_id == run_id, m.SopStepRun.finished_at.is_(None))
        )
    )


def _enter(tx: Tx, run: m.SopRun, definition: SopDefinition, position: int) -> m.SopStepRun:
    """Open a visit of the run to step `position`."""
    visits = tx.session.scalar(
        select(func.count())
        .select_from(m.SopStepRun)
        .where(m.SopStepRun.run_id == run.id, m.SopStepRun.position == position)
    )
    step_run = m.SopStepRun(
        run_id=run.id,
        position=position,
        visit=(visits or 0) + 1,
        role=definition.role_of(position).value,
        started_at=tx.now,
    )
    tx.session.add(step_run)
    tx.session.flush()
    run.position = _open_positions(tx.session, run.id)[0]
    return step_run


def start_run(
    db: Database,
    actor: Actor,
    sop_id: int,
    title: str,
    year: int,
    quarter: int | None = None,
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Mulai SOP': a run of the newest version for a period; returns the run id.

    Only a role listed among the SOP's start roles may start it.
    """
    if not title.strip():
        raise ValidationError("Beri judul pelaksanaan, mis. 'Pengukuran Kinerja Triwulan II 2025'.", field="title")
    if quarter is not None and not 1 <= quarter <= 4:
        raise ValidationError("Triwulan harus 1 sampai 4.", field="quarter")
    with db.reading() as s:
        version = s.scalars(
            select(m.SopVersion).where(m.SopVersion.sop_id == sop_id).order_by(m.SopVersion.version.desc()).limit(1)
        ).first()
        sop = s.get(m.Sop, sop_id)
        if version is None or sop is None:
            raise NotFound("SOP tidak ditemukan.")
        definition = from_json(version.definition)
        version_id, active = version.id, sop.active
    if not active:
        raise ValidationError("SOP ini nonaktif dan tidak dapat dimulai.")
    # The SOP (data) names who starts it; that narrows the table's row, never widens it.
    require(actor, Op.SOP_RUN_START, within=[r.value for r in definition.start_roles])
    require_start_lane(db, actor, definition)
    with write(db, actor, Op.SOP_RUN_START, clock=clock) as tx:
        started_role = next((g.role for g in actor.grants if g.role in definition.start_roles), None)
        run = m.SopRun(
            sop_version_id=version_id,
            title=title.strip(),
            year=year,
            quarter=quarter,
            status="RUNNING",
            started_at=tx.now,
            started_by_account_id=actor.account_id,
            started_by=actor.name,
            started_role=(started_role or definition.start_roles[0]).value,
        )
        tx.session.add(run)
        tx.session.flush()
        for position in entry(definition, 1):
            _enter(tx, run, definition, position)
        tx.audit("sop_run", run.id, None, {"title": run.title, "sop": definition.code})
        return run.id


def _open_step(tx: Tx, step_run_id: int) -> tuple[m.SopStepRun, m.SopRun, SopDefinition]:
    step_run = tx.session.get(m.SopStepRun, step_run_id)
    if step_run is None:
        raise NotFound("Langkah tidak ditemukan.")
    run = tx.session.get(m.SopRun, step_run.run_id)
    assert run is not None
    if run.status != "RUNNING" or step_run.finished_at is not None:
        raise ValidationError("Langkah ini sudah selesai; tidak dapat diubah lagi.")
    definition = _definition(tx.session, run)
    lane = definition.actor(definition.steps[step_run.position - 1].actor)
    if not tx.actor.is_system and not (tx.actor.has(Role(step_run.role)) and fits(tx.session, tx.actor, lane)):
        raise PermissionDenied(f"Langkah ini dikerjakan oleh {lane_who(tx.session, lane)}.")
    return step_run, run, definition


def tick_item(
    db: Database,
    actor: Actor,
    step_run_id: int,
    item: int,
    checked: bool,
    *,
    link: str | None = None,
    attachment: tuple[str, bytes] | None = None,
    remove_attachment: bool = False,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Centang kelengkapan': tick or untick item `item` (0-based).

    `link` None keeps the stored reference; `attachment` stores a file, `remove_attachment` drops it.
    Who ticked and when is stamped only when the tick itself changes.
    """
    if attachment is not None and len(attachment[1]) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Berkas {attachment[0]} terlalu besar ({len(attachment[1]) // 1024} KB); batasnya 10.240 KB.",
            field="attachment",
        )
    with write(db, actor, Op.SOP_STEP_TICK, clock=clock) as tx:
        step_run, _run, definition = _open_step(tx, step_run_id)
        inputs = definition.steps[step_run.position - 1].inputs
        if not 0 <= item < len(inputs):
            raise ValidationError("Butir kelengkapan tidak ada pada langkah ini.")
        check = tx.session.scalars(
            select(m.SopStepCheck).where(m.SopStepCheck.step_run_id == step_run_id, m.SopStepCheck.item == item)
        ).first()
        if check is None:
            check = m.SopStepCheck(step_run_id=step_run_id, item=item)
            tx.session.add(check)
        old = {"checked": bool(check.checked), "link": check.link or "", "attachment": check.attachment_name or ""}
        if bool(check.checked) != checked:
            check.checked = checked
            check.checked_at = tx.now if checked else None
            check.checked_by = actor.name if checked else ""
        if link is not None:
            check.link = link.strip()
        if remove_attachment:
            check.attachment_name, check.attachment, check.attachment_sha256 = "", None, ""
        if attachment is not None:
            check.attachment_name, check.attachment = attachment[0], attachment[1]
            check.attachment_sha256 = hashlib.sha256(attachment[1]).hexdigest()
        tx.session.flush()
        tx.audit(
            "sop_step_check",
            check.id,
            old,
            {"checked": checked, "link": check.link, "attachment": check.attachment_name},
        )


def _open_pause(session: Session, step_run_id: int) -> m.SopPause | None:
    return session.scalars(
        select(m.SopPause).where(m.SopPause.step_run_id == step_run_id, m.SopPause.end.is_(None))
    ).first()


def pause_step(db: Database, actor: Actor, step_run_id: int, reason: str, *, clock: Clock = utcnow) -> None:
    """Operation 'Jeda langkah': stop the timer, with a reason."""
    if not reason.strip():
        raise ValidationError("Tulis alasan jeda.", field="reason")
    with write(db, actor, Op.SOP_STEP_PAUSE, clock=clock) as tx:
        step_run, _run, _definition = _open_step(tx, step_run_id)
        if _open_pause(tx.session, step_run_id) is not None:
            raise ValidationError("Langkah ini sudah dijeda.")
        tx.session.add(m.SopPause(step_run_id=step_run_id, start=tx.now, reason=reason.strip()))
        tx.audit("sop_step_run", step_run.id, None, {"jeda": reason.strip()})


def resume_step(db: Database, actor: Actor, step_run_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Lanjutkan langkah': the timer runs again."""
    with write(db, actor, Op.SOP_STEP_RESUME, clock=clock) as tx:
        step_run, _run, _definition = _open_step(tx, step_run_id)
        pause = _open_pause(tx.session, step_run_id)
        if pause is None:
            raise ValidationError("Langkah ini tidak sedang dijeda.")
        pause.end = tx.now
        tx.audit("sop_step_run", step_run.id, {"jeda": pause.reason}, None)


def _close(tx: Tx, step_run: m.SopStepRun, outcome: str, reason: str, notes: str) -> None:
    pause = _open_pause(tx.session, step_run.id)
    if pause is not None:
        pause.end = tx.now
    step_run.finished_at = tx.now
    step_run.finished_by = tx.actor.name
    step_run.finished_by_account_id = tx.actor.account_id
    step_run.outcome = outcome
    step_run.reason = reason
    step_run.notes = notes.strip()


def _advance(tx: Tx, run: m.SopRun, definition: SopDefinition, position: int, approved: bool = True) -> None:
    """After step `position` closed: open what follows it (parallel tracks wait for each other), or end the run."""
    still_open = _open_positions(tx.session, run.id)
    targets = following(definition, position, approved, still_open)
    if targets is None and not still_open:
        run.status = "DONE"
        run.position = None
        run.finished_at = tx.now
        tx.audit("sop_run", run.id, {"status": "RUNNING"}, {"status": "DONE"})
        return
    for target in targets or ():
        _enter(tx, run, definition, target)
    run.position = _open_positions(tx.session, run.id)[0]


def finish_step(db: Database, actor: Actor, step_run_id: int, notes: str = "", *, clock: Clock = utcnow) -> None:
    """Operation 'Selesaikan langkah': every kelengkapan item must be ticked; the run moves on."""
    with write(db, actor, Op.SOP_STEP_FINISH, clock=clock) as tx:
        step_run, run, definition = _open_step(tx, step_run_id)
        step = definition.steps[step_run.position - 1]
        if step.kind is StepKind.DECISION:
            raise ValidationError("Langkah keputusan diselesaikan dengan 'Setujui' atau 'Kembalikan'.")
        _require_checklist(tx, step_run, step.inputs)
        _close(tx, step_run, "DONE", "", notes)
        tx.audit("sop_step_run", step_run.id, None, {"langkah": step.number, "hasil": "selesai"})
        _advance(tx, run, definition, step_run.position)


def _require_checklist(tx: Tx, step_run: m.SopStepRun, inputs: tuple[str, ...]) -> None:
    ticked = set(
        tx.session.scalars(
            select(m.SopStepCheck.item).where(
                m.SopStepCheck.step_run_id == step_run.id, m.SopStepCheck.checked.is_(True)
            )
        )
    )
    missing = [text for i, text in enumerate(inputs) if i not in ticked]
    if missing:
        raise ValidationError("Kelengkapan belum dicentang: " + "; ".join(missing) + ".", field="checklist")


def decide_step(
    db: Database,
    actor: Actor,
    step_run_id: int,
    approve: bool,
    reason: str = "",
    notes: str = "",
    *,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Setujui' / 'Kembalikan' on a decision step. Returning needs a reason."""
    if not approve and not reason.strip():
        raise ValidationError("Tulis alasan pengembalian.", field="reason")
    with write(db, actor, Op.SOP_STEP_APPROVE if approve else Op.SOP_STEP_RETURN, clock=clock) as tx:
        step_run, run, definition = _open_step(tx, step_run_id)
        step = definition.steps[step_run.position - 1]
        if step.kind is not StepKind.DECISION:
            raise ValidationError("Hanya langkah keputusan yang dapat disetujui atau dikembalikan.")
        if approve:
            _require_checklist(tx, step_run, step.inputs)
        _close(tx, step_run, "APPROVED" if approve else "RETURNED", reason.strip(), notes)
        tx.audit(
            "sop_step_run",
            step_run.id,
            None,
            {"langkah": step.number, "hasil": "disetujui" if approve else "dikembalikan", "alasan": reason.strip()},
        )
        _advance(tx, run, definition, step_run.position, approved=approve)


def cancel_run(db: Database, actor: Actor, run_id: int, reason: str, *, clock: Clock = utcnow) -> None:
    """Operation 'Batalkan pelaksanaan SOP': by the role that started it, with a reason."""
    if not reason.strip():
        raise ValidationError("Tulis alasan pembatalan.", field="reason")
    with db.reading() as s:
        run = s.get(m.SopRun, run_id)
        if run is None:
            raise NotFound("Pelaksanaan SOP tidak ditemukan.")
        started_role = run.started_role
    require(actor, Op.SOP_RUN_CANCEL, within=[started_role])
    with write(db, actor, Op.SOP_RUN_CANCEL, clock=clock) as tx:
        run = tx.session.get(m.SopRun, run_id)
        assert run is not None
        if run.status != "RUNNING":
            raise ValidationError("Pelaksanaan ini sudah berakhir.")
        for open_step in tx.session.scalars(
            select(m.SopStepRun).where(m.SopStepRun.run_id == run_id, m.SopStepRun.finished_at.is_(None))
        ).all():
            _close(tx, open_step, "CANCELLED", reason.strip(), "")
        run.status, run.position, run.finished_at, run.cancel_reason = "CANCELLED", None, tx.now, reason.strip()
        tx.audit("sop_run", run.id, {"status": "RUNNING"}, {"status": "CANCELLED", "alasan": reason.strip()})


def local_time(utc: dt.datetime, offset_hours: int) -> dt.datetime:
    """A stored UTC time as the office's local time."""
    return utc + dt.timedelta(hours=offset_hours)
