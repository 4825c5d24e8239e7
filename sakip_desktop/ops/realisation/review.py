"""Reviewing realisasi: the Sekretaris verifies with a checklist, the Camat approves (locks), either returns
with a reason, and an approved value changes only through a revision with a reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status, evidence_check_problem
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, require, snapshot, utcnow, write
from sakip_desktop.ops.desa.fraction import marks_revision_needed
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.realisation.common import (
    FIELDS,
    LOCKED_MESSAGE,
    RealisationLocked,
    check_amount,
    describe,
    evidence_counts,
    get_indicator,
    get_realisation,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Realisation, RealisationRevision, VerificationCheck

_CHECK_FIELDS = ("realisation_id", "evidence_ok", "plausible", "narrative_ok", "note")
_REVISION_FIELDS = ("realisation_id", "old_value", "new_value", "reason")


class CheckInput(NamedTuple):
    """The Sekretaris's checklist for one realisasi: bukti dukung sesuai, angka wajar, narasi memadai."""

    evidence_ok: bool
    plausible: bool
    narrative_ok: bool
    note: str = ""


def _rows(tx: Tx, realisation_ids: Iterable[int]) -> list[Realisation]:
    ids = list(dict.fromkeys(realisation_ids))
    if not ids:
        raise ValidationError("Pilih sedikitnya satu realisasi.")
    return [get_realisation(tx.session, i) for i in ids]


def _name(tx: Tx, row: Realisation) -> str:
    return describe(get_indicator(tx.session, row.indicator_id), row.year, row.quarter)


def _refuse_wrong_status(tx: Tx, rows: list[Realisation], allowed: set[Status], doing: str) -> None:
    """Refuse the whole batch, naming each realisasi that is not in an allowed status."""
    wrong = [row for row in rows if Status(row.status) not in allowed]
    if not wrong:
        return
    if len(rows) == 1 and Status(wrong[0].status) is Status.APPROVED:
        raise RealisationLocked()
    wanted = " atau ".join(s.label for s in Status if s in allowed) or "(tidak ada)"
    problems = []
    for row in wrong:
        status = Status(row.status)
        if status is Status.APPROVED:
            problems.append(f"{_name(tx, row)}: {LOCKED_MESSAGE}")
        else:
            problems.append(f"{_name(tx, row)} berstatus {status.label}; hanya yang berstatus {wanted} dapat {doing}.")
    raise ValidationError("Tidak ada yang diubah:\n" + "\n".join(f"- {p}" for p in problems))


def _ticked_checklists(
    tx: Tx,
    rows: list[Realisation],
    checks: Mapping[int, CheckInput | tuple[bool, bool, bool, str]],
    evidence_required: bool,
) -> dict[int, CheckInput]:
    """The checklist of each realisasi; refused, naming each, unless every item of every one is ticked. Without a
    bukti dukung file its item cannot be ticked (`domain.realisation.evidence_check_problem`)."""
    problems = []
    parsed: dict[int, CheckInput] = {}
    files = evidence_counts(tx.session, [row.id for row in rows])
    for row in rows:
        raw = checks.get(row.id)
        if raw is None:
            problems.append(f"{_name(tx, row)}: daftar periksa belum diisi.")
            continue
        check = CheckInput(*raw)
        evidence = evidence_check_problem(files.get(row.id, 0), check.evidence_ok, evidence_required)
        if evidence:
            problems.append(f"{_name(tx, row)}: {evidence}.")
        unticked = [
            label
            for label, ok in (
                ("bukti dukung sesuai", check.evidence_ok or not files.get(row.id)),
                ("angka wajar", check.plausible),
                ("narasi memadai", check.narrative_ok),
            )
            if not ok
        ]
        if unticked:
            problems.append(f"{_name(tx, row)}: belum dicentang: {', '.join(unticked)}.")
        parsed[row.id] = check
    if problems:
        raise ValidationError(
            "Realisasi belum dapat diverifikasi; centang semua butir atau kembalikan ke Kasi dengan alasan:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
    return parsed


def verify(
    db: Database,
    actor: Actor,
    realisation_ids: Iterable[int],
    checks: Mapping[int, CheckInput | tuple[bool, bool, bool, str]],
    *,
    clock: Clock = utcnow,
) -> list[int]:
    """Operation 'Verifikasi realisasi' (Sekretaris): stores the checklist of each submitted realisasi and marks
    them verified. Every item of every checklist must be ticked; otherwise nothing is stored (return the
    realisasi to the Kasi with a reason instead). 'Bukti dukung sesuai' is ticked only where a bukti file is there;
    without one a realisasi is verified only while the office does not require bukti (`evidence_required`), its
    check then stored unticked. Returns the ids verified."""
    evidence_required = get_settings(db).evidence_required
    with write(db, actor, Op.REALISATION_VERIFY, clock=clock) as tx:
        rows = _rows(tx, realisation_ids)
        _refuse_wrong_status(tx, rows, {Status.SUBMITTED}, "diverifikasi")
        parsed = _ticked_checklists(tx, rows, checks, evidence_required)
        for row in rows:
            check = parsed[row.id]
            record = tx.session.scalars(
                select(VerificationCheck).where(VerificationCheck.realisation_id == row.id)
            ).first()
            old_check = None if record is None else snapshot(record, _CHECK_FIELDS)
            if record is None:
                record = VerificationCheck(realisation_id=row.id)
                tx.session.add(record)
            record.evidence_ok, record.plausible, record.narrative_ok = check.evidence_ok, True, True
            record.note = (check.note or "").strip()
            record.checked_by = actor.name
            record.checked_at = tx.now
            tx.session.flush()
            tx.audit("verification_check", record.id, old_check, snapshot(record, _CHECK_FIELDS))
            old = snapshot(row, FIELDS)
            row.status = Status.VERIFIED.value
            row.verified_at = tx.now
            row.verified_by = actor.name
            tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
        return [row.id for row in rows]


def return_to_kasi(
    db: Database, actor: Actor, realisation_ids: Iterable[int], reason: str, *, clock: Clock = utcnow
) -> list[int]:
    """Operation 'Kembalikan realisasi ke Kasi' with a reason: by the Sekretaris (submitted or verified) or the
    Camat (verified). The Kasi may then change and submit again. Returns the ids returned."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tulis alasan pengembalian agar Kasi tahu apa yang harus diperbaiki.", field="reason")
    with write(db, actor, Op.REALISATION_RETURN, clock=clock) as tx:
        statuses: set[Status] = set()
        if actor.has(Role.SEKRETARIS) or actor.is_system:
            statuses |= {Status.SUBMITTED, Status.VERIFIED}
        if actor.has(Role.CAMAT) or actor.is_system:
            statuses.add(Status.VERIFIED)
        rows = _rows(tx, realisation_ids)
        _refuse_wrong_status(tx, rows, statuses, "dikembalikan oleh Anda")
        for row in rows:
            old = snapshot(row, FIELDS)
            row.status = Status.RETURNED.value
            row.return_reason = reason
            row.verified_at = None
            row.verified_by = ""
            tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
        return [row.id for row in rows]


def approve(db: Database, actor: Actor, realisation_ids: Iterable[int], *, clock: Clock = utcnow) -> list[int]:
    """Operation 'Setujui realisasi' (Camat): verified realisasi become approved and locked. Returns the ids."""
    with write(db, actor, Op.REALISATION_APPROVE, clock=clock) as tx:
        rows = _rows(tx, realisation_ids)
        _refuse_wrong_status(tx, rows, {Status.VERIFIED}, "disetujui")
        for row in rows:
            old = snapshot(row, FIELDS)
            row.status = Status.APPROVED.value
            row.approved_at = tx.now
            row.approved_by = actor.name
            tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
        return [row.id for row in rows]


def revise(
    db: Database,
    actor: Actor,
    realisation_id: int,
    new_value: Decimal | int,
    reason: str,
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Revisi realisasi terkunci': change an approved value with a reason (Sekretaris, Camat or
    administrator). The old and new value are kept as a revision; the realisasi stays approved. Returns the
    revision id. A realisasi of an indicator over desa whose desa are marked is revised through its marks
    (`ops.desa.revision.revise_desa_marks`), never by a bare number."""
    require(actor, Op.REALISATION_REVISE)  # before the checks of the value: they are no one else's business
    value = check_amount(new_value, "Nilai revisi", "value")
    if value is None:
        raise ValidationError("Isi nilai realisasi yang baru.", field="value")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tulis alasan revisi; alasan tercatat bersama nilai lama dan baru.", field="reason")
    with write(db, actor, Op.REALISATION_REVISE, clock=clock) as tx:
        row = get_realisation(tx.session, realisation_id)
        if Status(row.status) is not Status.APPROVED:
            raise ValidationError(
                f"{_name(tx, row)} belum disetujui; ubah nilainya melalui pengisian biasa, bukan revisi.",
                field="status",
            )
        over_desa = marks_revision_needed(get_indicator(tx.session, row.indicator_id), row)
        if over_desa:  # the number and the per-desa breakdown would disagree
            raise ValidationError(over_desa, field="value")
        if row.value == value:
            raise ValidationError("Nilai baru sama dengan nilai sekarang; tidak ada yang direvisi.", field="value")
        revision = RealisationRevision(
            realisation_id=row.id,
            old_value=row.value,
            new_value=value,
            reason=reason,
            revised_by=actor.name,
            revised_at=tx.now,
        )
        tx.session.add(revision)
        old = snapshot(row, FIELDS)
        row.value = value
        tx.session.flush()
        tx.audit("realisation_revision", revision.id, None, snapshot(revision, _REVISION_FIELDS))
        tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
        return revision.id


__all__ = ["CheckInput", "approve", "return_to_kasi", "revise", "verify"]
