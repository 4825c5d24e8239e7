"""Tindak lanjut: what is to be done, by whom, by when; set in an evaluation meeting, made from an accepted
rekomendasi, or set as the rencana aksi tindak lanjut (RATL) of a rekomendasi of an LHE, by the Sekretaris or the
Tim SAKIP, and carried out (progress, status, bukti) by the person responsible. Read views: `ops.follow_up_views`.
A change of the RATL of an LHE takes the Camat's check of its TL LHE matrix away (`ops.lhe.edit.clear_review`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sakip_desktop.domain import formats
from sakip_desktop.domain.follow_up import DONE, IN_PROGRESS, OPEN, STATUS_LABELS
from sakip_desktop.domain.periods import quarter_end, quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, PermissionDenied, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.lhe.edit import clear_review, lhe_of_recommendation
from sakip_desktop.ops.monitoring.evaluation import get_meeting
from sakip_desktop.ops.monitoring.telaah import ACCEPTED, clean_text
from sakip_desktop.ops.realisation.evidence import check_evidence, store_evidence
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

_FIELDS = (
    "meeting_id",
    "recommendation_id",
    "indicator_id",
    "lhe_recommendation_id",
    "action",
    "responsible_person_id",
    "due_on",
    "status",
    "progress",
    "progress_note",
)


@dataclass(frozen=True)
class FollowUpInput:
    """What the Sekretaris or Tim sets for a tindak lanjut."""

    action: str
    responsible_person_id: int | None
    due_on: dt.date | None
    indicator_id: int | None = None


def _get(tx: Tx, follow_up_id: int) -> m.FollowUp:
    row = tx.session.get(m.FollowUp, follow_up_id)
    if row is None:
        raise NotFound("Tindak lanjut tidak ditemukan (mungkin sudah dihapus).")
    return row


def latest_due(start: dt.date) -> dt.date:
    """The last allowed batas waktu for a tindak lanjut set on `start`: the same day a year later (28 Februari for
    a 29 Februari)."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)


def check_due(due: dt.date, start: dt.date, origin: str) -> None:
    """A batas waktu lies between the day the tindak lanjut was set (`origin`: 'rapat evaluasi' / 'rekomendasi
    diterima') and one year after it; otherwise `ValidationError` naming both dates."""
    if due < start:
        raise ValidationError(
            f"Batas waktu {formats.long_date(due)} sebelum tanggal {origin} ({formats.long_date(start)}); "
            "batas waktu tindak lanjut tidak boleh mendahuluinya.",
            field="due_on",
        )
    if due > latest_due(start):
        raise ValidationError(
            f"Batas waktu {formats.long_date(due)} lebih dari satu tahun setelah {origin} "
            f"({formats.long_date(start)}); paling lambat {formats.long_date(latest_due(start))}.",
            field="due_on",
        )


def _start(tx: Tx, row: m.FollowUp) -> tuple[dt.date, str] | None:
    """Where a batas waktu is counted from: the meeting's date; for a tindak lanjut of a rekomendasi alone, the last
    day of the triwulan the rekomendasi is about; for the RATL of an LHE rekomendasi, the LHE's date."""
    if row.lhe_recommendation_id is not None:
        lhe = lhe_of_recommendation(tx, row.lhe_recommendation_id)
        return lhe.letter_date, "tanggal LHE"
    if row.meeting_id is not None:
        meeting = tx.session.get(m.EvaluationMeeting, row.meeting_id)
        if meeting is not None:
            return meeting.held_on, "rapat evaluasi"
    if row.recommendation_id is not None:
        rec = tx.session.get(m.Recommendation, row.recommendation_id)
        if rec is not None:
            end = quarter_end(rec.year, rec.quarter)
            return end, f"akhir {quarter_label(rec.quarter)} {rec.year} yang direkomendasikan"
    return None


def _apply(tx: Tx, row: m.FollowUp, data: FollowUpInput) -> None:
    action = clean_text(data.action, "Uraian tindak lanjut", "action")
    if data.responsible_person_id is None or tx.session.get(m.Person, data.responsible_person_id) is None:
        raise ValidationError("Pilih penanggung jawab tindak lanjut.", field="responsible_person_id")
    if data.due_on is None:
        raise ValidationError("Isi batas waktu tindak lanjut.", field="due_on")
    if (start := _start(tx, row)) is not None:
        check_due(data.due_on, *start)
    if data.indicator_id is not None and tx.session.get(m.Indicator, data.indicator_id) is None:
        raise ValidationError("Indikator tidak ditemukan.", field="indicator_id")
    row.action = action
    row.responsible_person_id = data.responsible_person_id
    row.due_on = data.due_on
    row.indicator_id = data.indicator_id


def add_follow_up(
    db: Database,
    actor: Actor,
    data: FollowUpInput,
    *,
    meeting_id: int | None = None,
    recommendation_id: int | None = None,
    lhe_recommendation_id: int | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Tambah tindak lanjut' (Sekretaris or Tim SAKIP): of a meeting (draft or final), of an
    accepted rekomendasi (its indicator is taken when none is given), or the RATL of an LHE rekomendasi.
    Returns the id."""
    sources = [x for x in (meeting_id, recommendation_id, lhe_recommendation_id) if x is not None]
    if not sources:
        raise ValidationError("Tindak lanjut harus berasal dari rapat evaluasi, rekomendasi, atau rekomendasi LHE.")
    if lhe_recommendation_id is not None and len(sources) > 1:
        raise ValidationError("RATL rekomendasi LHE tidak sekaligus berasal dari rapat atau rekomendasi lain.")
    with write(db, actor, Op.FOLLOW_UP_ADD, clock=clock) as tx:
        if lhe_recommendation_id is not None:
            clear_review(tx, lhe_of_recommendation(tx, lhe_recommendation_id).id)
        if meeting_id is not None:
            get_meeting(tx, meeting_id)
        if recommendation_id is not None:
            rec = tx.session.get(m.Recommendation, recommendation_id)
            if rec is None:
                raise NotFound("Rekomendasi tidak ditemukan (mungkin sudah dihapus).")
            if rec.status != ACCEPTED:
                raise ValidationError(
                    "Hanya rekomendasi yang sudah diterima Camat yang dapat dijadikan tindak lanjut.", field="status"
                )
            if data.indicator_id is None:
                data = FollowUpInput(data.action, data.responsible_person_id, data.due_on, rec.indicator_id)
        row = m.FollowUp(
            meeting_id=meeting_id,
            recommendation_id=recommendation_id,
            lhe_recommendation_id=lhe_recommendation_id,
            status=OPEN,
            progress=0,
            progress_note="",
            created_by=actor.name,
            created_at=tx.now,
            updated_by="",
        )
        _apply(tx, row, data)
        tx.session.add(row)
        tx.session.flush()
        tx.audit("follow_up", row.id, None, snapshot(row, _FIELDS))
        return row.id


def update_follow_up(
    db: Database, actor: Actor, follow_up_id: int, data: FollowUpInput, *, clock: Clock = utcnow
) -> None:
    """Operation 'Ubah tindak lanjut' (Sekretaris or Tim SAKIP): what, who, by when (until it is done)."""
    with write(db, actor, Op.FOLLOW_UP_UPDATE, clock=clock) as tx:
        row = _get(tx, follow_up_id)
        if row.status == DONE:
            raise ValidationError("Tindak lanjut ini sudah selesai; tidak dapat diubah.", field="status")
        old = snapshot(row, _FIELDS)
        _apply(tx, row, data)
        if row.lhe_recommendation_id is not None and snapshot(row, _FIELDS) != old:
            clear_review(tx, lhe_of_recommendation(tx, row.lhe_recommendation_id).id)
        tx.audit("follow_up", row.id, old, snapshot(row, _FIELDS))


def delete_follow_up(db: Database, actor: Actor, follow_up_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus tindak lanjut' (Sekretaris or Tim SAKIP), only before any progress is reported."""
    with write(db, actor, Op.FOLLOW_UP_DELETE, clock=clock) as tx:
        row = _get(tx, follow_up_id)
        if row.status != OPEN or row.progress:
            raise ValidationError(
                "Tindak lanjut yang sudah dikerjakan tidak dapat dihapus; ubah uraiannya bila perlu.", field="status"
            )
        if row.lhe_recommendation_id is not None:
            clear_review(tx, lhe_of_recommendation(tx, row.lhe_recommendation_id).id)
        tx.audit("follow_up", row.id, snapshot(row, _FIELDS), None)
        tx.session.delete(row)


def _require_responsible(tx: Tx, row: m.FollowUp, what: str) -> None:
    if tx.actor.is_system or tx.actor.person_id == row.responsible_person_id:
        return
    person = tx.session.get(m.Person, row.responsible_person_id)
    who = person.name if person else "penanggung jawabnya"
    raise PermissionDenied(f"Anda tidak berwenang: {what}. Hanya penanggung jawabnya ({who}).")


def report_progress(
    db: Database,
    actor: Actor,
    follow_up_id: int,
    status: str,
    progress: int,
    note: str,
    *,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Laporkan tindak lanjut' (the person responsible): status, progress % and what was done.

    'Selesai' needs progress 100% and a note of what was done; 'Belum dimulai' needs 0%.
    """
    if status not in STATUS_LABELS:
        raise ValidationError("Pilih status tindak lanjut.", field="status")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError("Progres diisi 0 sampai 100 persen.", field="progress")
    note = clean_text(note, "Keterangan progres", "progress_note", required=status == DONE)
    if status == DONE and progress != 100:
        raise ValidationError("Tindak lanjut yang selesai berprogres 100%.", field="progress")
    if status == OPEN and progress != 0:
        raise ValidationError("Tindak lanjut yang belum dimulai berprogres 0%; pilih 'Sedang dikerjakan'.", "status")
    with write(db, actor, Op.FOLLOW_UP_REPORT, clock=clock) as tx:
        row = _get(tx, follow_up_id)
        _require_responsible(tx, row, "melaporkan tindak lanjut ini")
        old = snapshot(row, _FIELDS)
        row.status, row.progress, row.progress_note = status, progress, note
        row.done_at = (row.done_at or tx.now) if status == DONE else None
        row.updated_by, row.updated_at = actor.name, tx.now
        tx.audit("follow_up", row.id, old, snapshot(row, _FIELDS))


def add_follow_up_evidence(
    db: Database, actor: Actor, follow_up_id: int, filename: str, data: bytes, *, clock: Clock = utcnow
) -> int:
    """Operation 'Tambah bukti tindak lanjut' (the person responsible): a file of at most 10 MB with its SHA-256."""
    checked = check_evidence(filename, data)
    with write(db, actor, Op.FOLLOW_UP_EVIDENCE_ADD, clock=clock) as tx:
        row = _get(tx, follow_up_id)
        _require_responsible(tx, row, "menambah bukti tindak lanjut ini")
        return store_evidence(tx, m.FollowUpEvidence, "follow_up_id", row.id, checked, data)


def remove_follow_up_evidence(db: Database, actor: Actor, evidence_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus bukti tindak lanjut' (the person responsible, until the tindak lanjut is done)."""
    with write(db, actor, Op.FOLLOW_UP_EVIDENCE_REMOVE, clock=clock) as tx:
        evidence = tx.session.get(m.FollowUpEvidence, evidence_id)
        if evidence is None:
            raise NotFound("Bukti tindak lanjut tidak ditemukan (mungkin sudah dihapus).")
        row = _get(tx, evidence.follow_up_id)
        _require_responsible(tx, row, "menghapus bukti tindak lanjut ini")
        if row.status == DONE:
            raise ValidationError("Tindak lanjut sudah selesai; buktinya tidak dapat dihapus.", field="status")
        tx.audit("follow_up_evidence", evidence.id, snapshot(evidence, ("follow_up_id", "filename", "size")), None)
        tx.session.delete(evidence)


__all__ = [
    "DONE",
    "IN_PROGRESS",
    "OPEN",
    "STATUS_LABELS",
    "FollowUpInput",
    "add_follow_up",
    "add_follow_up_evidence",
    "delete_follow_up",
    "remove_follow_up_evidence",
    "report_progress",
    "update_follow_up",
]
