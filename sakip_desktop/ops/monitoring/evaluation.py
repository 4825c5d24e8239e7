"""Evaluasi kinerja: the evaluation meeting of a quarter, semester or year, its participants (daftar hadir) and
what it discussed per indicator. Finalising a meeting freezes all of that; its tindak lanjut
(`ops.follow_ups`) stay open to progress. Read views: `ops.evaluation_views`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.periods import period_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.monitoring.minutes import register_minutes
from sakip_desktop.ops.monitoring.telaah import clean_text
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DRAFT, FINAL = "DRAFT", "FINAL"
PERIOD_KINDS = {"QUARTER": 4, "SEMESTER": 2, "YEAR": 1}  # kind -> how many periods a year has
_MEETING_FIELDS = (
    "year",
    "period_kind",
    "period_no",
    "held_on",
    "time_text",
    "place",
    "basis",
    "summary",
    "chair_person_id",
    "note_taker_person_id",
    "status",
)
_PARTICIPANT_FIELDS = ("meeting_id", "person_id", "name", "title", "present")
_DISCUSSION_FIELDS = ("meeting_id", "indicator_id", "discussion", "problems")


@dataclass(frozen=True)
class MeetingInput:
    """What the Sekretaris or Tim types for a meeting."""

    year: int
    period_kind: str  # QUARTER / SEMESTER / YEAR
    period_no: int
    held_on: dt.date
    time_text: str = ""
    place: str = ""
    basis: str = ""  # dasar
    summary: str = ""  # kesimpulan
    chair_person_id: int | None = None
    note_taker_person_id: int | None = None


def measured_quarter(kind: str, number: int) -> int:
    """The quarter whose capaian (to date) a meeting of this period discusses: TW n, TW 2/4 for a semester, TW IV."""
    return {"QUARTER": number, "SEMESTER": 2 * number}.get(kind, 4)


def check_meeting(data: MeetingInput) -> MeetingInput:
    """The input with its period checked and its texts trimmed (no database needed)."""
    if data.period_kind not in PERIOD_KINDS:
        raise ValidationError("Pilih jenis periode: triwulan, semester atau tahun.", field="period_kind")
    number = 1 if data.period_kind == "YEAR" else data.period_no
    if not 1 <= number <= PERIOD_KINDS[data.period_kind]:
        raise ValidationError(f"Nomor periode {number} tidak ada untuk jenis periode ini.", field="period_no")
    if not 2000 <= data.year <= 2100:
        raise ValidationError(f"Tahun {data.year} tidak wajar.", field="year")
    if data.held_on is None:
        raise ValidationError("Isi tanggal rapat.", field="held_on")
    return MeetingInput(
        year=data.year,
        period_kind=data.period_kind,
        period_no=number,
        held_on=data.held_on,
        time_text=clean_text(data.time_text, "Waktu", "time_text", required=False)[:60],
        place=clean_text(data.place, "Tempat", "place", required=False)[:250],
        basis=clean_text(data.basis, "Dasar", "basis", required=False),
        summary=clean_text(data.summary, "Kesimpulan", "summary", required=False),
        chair_person_id=data.chair_person_id,
        note_taker_person_id=data.note_taker_person_id,
    )


def get_meeting(tx: Tx, meeting_id: int) -> m.EvaluationMeeting:
    """The meeting, or `NotFound`."""
    row = tx.session.get(m.EvaluationMeeting, meeting_id)
    if row is None:
        raise NotFound("Rapat evaluasi tidak ditemukan (mungkin sudah dihapus).")
    return row


def ensure_draft(row: m.EvaluationMeeting) -> None:
    """Refuse a change of a finalised meeting."""
    if row.status == FINAL:
        raise ValidationError(
            "Rapat evaluasi ini sudah final; peserta, pembahasan dan data rapat tidak dapat diubah lagi. "
            "Tindak lanjutnya tetap dapat diperbarui.",
            field="status",
        )


def _person(tx: Tx, person_id: int | None, label: str, field: str) -> m.Person | None:
    if person_id is None:
        return None
    person = tx.session.get(m.Person, person_id)
    if person is None:
        raise ValidationError(f"{label} tidak ditemukan di daftar pegawai.", field=field)
    return person


def _apply(tx: Tx, row: m.EvaluationMeeting, data: MeetingInput) -> None:
    _person(tx, data.chair_person_id, "Pimpinan rapat", "chair_person_id")
    _person(tx, data.note_taker_person_id, "Notulis", "note_taker_person_id")
    for name in _MEETING_FIELDS[:-1]:
        setattr(row, name, getattr(data, name))


def create_meeting(db: Database, actor: Actor, data: MeetingInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Buat rapat evaluasi' (Sekretaris or Tim SAKIP); returns the meeting id (a draft)."""
    data = check_meeting(data)
    with write(db, actor, Op.MEETING_CREATE, clock=clock) as tx:
        row = m.EvaluationMeeting(status=DRAFT, created_by=actor.name, created_at=tx.now)
        _apply(tx, row, data)
        tx.session.add(row)
        tx.session.flush()
        tx.audit("evaluation_meeting", row.id, None, snapshot(row, _MEETING_FIELDS))
        return row.id


def update_meeting(db: Database, actor: Actor, meeting_id: int, data: MeetingInput, *, clock: Clock = utcnow) -> None:
    """Operation 'Ubah rapat evaluasi': date, place, dasar, chair, note-taker, kesimpulan (while a draft)."""
    data = check_meeting(data)
    with write(db, actor, Op.MEETING_UPDATE, clock=clock) as tx:
        row = get_meeting(tx, meeting_id)
        ensure_draft(row)
        old = snapshot(row, _MEETING_FIELDS)
        _apply(tx, row, data)
        tx.audit("evaluation_meeting", row.id, old, snapshot(row, _MEETING_FIELDS))


def delete_meeting(db: Database, actor: Actor, meeting_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus rapat evaluasi' (a draft only; its participants, discussion and tindak lanjut go too)."""
    with write(db, actor, Op.MEETING_DELETE, clock=clock) as tx:
        row = get_meeting(tx, meeting_id)
        ensure_draft(row)
        tx.audit("evaluation_meeting", row.id, snapshot(row, _MEETING_FIELDS), None)
        tx.session.delete(row)


def finalise_meeting(db: Database, actor: Actor, meeting_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Finalkan rapat evaluasi': needs a chair, a note-taker and someone present; then frozen, and its
    berita acara takes the next number of the outgoing register (`ops.monitoring.minutes.register_minutes`)."""
    with write(db, actor, Op.MEETING_FINALISE, clock=clock) as tx:
        row = get_meeting(tx, meeting_id)
        ensure_draft(row)
        problems = []
        if row.chair_person_id is None:
            problems.append("pimpinan rapat belum dipilih")
        if row.note_taker_person_id is None:
            problems.append("notulis belum dipilih")
        present = tx.session.scalar(
            select(func.count())
            .select_from(m.MeetingParticipant)
            .where(m.MeetingParticipant.meeting_id == row.id, m.MeetingParticipant.present.is_(True))
        )
        if not present:
            problems.append("belum ada peserta yang hadir")
        if problems:
            raise ValidationError("Rapat belum dapat difinalkan:\n" + "\n".join(f"- {p}" for p in problems))
        old = snapshot(row, _MEETING_FIELDS)
        row.status = FINAL
        tx.audit("evaluation_meeting", row.id, old, snapshot(row, _MEETING_FIELDS))
        period = period_label(row.period_kind, row.period_no, row.year)
        register_minutes(tx, row.id, row.held_on, f"Berita Acara Evaluasi Kinerja {period}")


# --- peserta ------------------------------------------------------------------------------------------------


def _draft_meeting(tx: Tx, meeting_id: int) -> m.EvaluationMeeting:
    row = get_meeting(tx, meeting_id)
    ensure_draft(row)
    return row


def _next_order(tx: Tx, meeting_id: int) -> int:
    last = tx.session.scalar(
        select(func.max(m.MeetingParticipant.sort_order)).where(m.MeetingParticipant.meeting_id == meeting_id)
    )
    return (last or 0) + 1


def _add_participant(tx: Tx, meeting_id: int, person_id: int | None, name: str, title: str) -> int:
    row = m.MeetingParticipant(
        meeting_id=meeting_id,
        person_id=person_id,
        name=name,
        title=title,
        present=True,
        sort_order=_next_order(tx, meeting_id),
    )
    tx.session.add(row)
    tx.session.flush()
    tx.audit("meeting_participant", row.id, None, snapshot(row, _PARTICIPANT_FIELDS))
    return row.id


def add_participants(
    db: Database, actor: Actor, meeting_id: int, person_ids: Iterable[int], *, clock: Clock = utcnow
) -> list[int]:
    """Operation 'Tambah peserta rapat': people of the office (name and jabatan copied as they are today).

    Someone already on the list is skipped. Returns the new participant ids.
    """
    with write(db, actor, Op.PARTICIPANT_ADD, clock=clock) as tx:
        meeting = _draft_meeting(tx, meeting_id)
        there = set(
            tx.session.scalars(
                select(m.MeetingParticipant.person_id).where(m.MeetingParticipant.meeting_id == meeting.id)
            )
        )
        added = []
        for person_id in dict.fromkeys(person_ids):
            if person_id in there:
                continue
            person = _person(tx, person_id, "Pegawai", "person_id")
            assert person is not None
            name = full_name(person.front_title, person.name, person.back_title)
            added.append(_add_participant(tx, meeting.id, person.id, name, person.position))
        return added


def add_guest(db: Database, actor: Actor, meeting_id: int, name: str, title: str, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah tamu rapat': a participant from outside the office, by name and jabatan/instansi."""
    name = clean_text(name, "Nama peserta", "name")[:250]
    title = clean_text(title, "Jabatan/instansi", "title", required=False)[:250]
    with write(db, actor, Op.PARTICIPANT_ADD, clock=clock) as tx:
        meeting = _draft_meeting(tx, meeting_id)
        return _add_participant(tx, meeting.id, None, name, title)


def _participant(tx: Tx, participant_id: int) -> m.MeetingParticipant:
    row = tx.session.get(m.MeetingParticipant, participant_id)
    if row is None:
        raise NotFound("Peserta rapat tidak ditemukan (mungkin sudah dihapus).")
    _draft_meeting(tx, row.meeting_id)
    return row


def set_attendance(db: Database, actor: Actor, participant_id: int, present: bool, *, clock: Clock = utcnow) -> None:
    """Operation 'Catat kehadiran': whether a participant came (hadir / tidak hadir)."""
    with write(db, actor, Op.ATTENDANCE_SET, clock=clock) as tx:
        row = _participant(tx, participant_id)
        old = snapshot(row, _PARTICIPANT_FIELDS)
        row.present = bool(present)
        tx.audit("meeting_participant", row.id, old, snapshot(row, _PARTICIPANT_FIELDS))


def remove_participant(db: Database, actor: Actor, participant_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus peserta rapat'."""
    with write(db, actor, Op.PARTICIPANT_REMOVE, clock=clock) as tx:
        row = _participant(tx, participant_id)
        tx.audit("meeting_participant", row.id, snapshot(row, _PARTICIPANT_FIELDS), None)
        tx.session.delete(row)


# --- pembahasan ---------------------------------------------------------------------------------------------


def save_discussion(
    db: Database,
    actor: Actor,
    meeting_id: int,
    indicator_id: int,
    discussion: str,
    problems: str,
    *,
    clock: Clock = utcnow,
) -> int | None:
    """Operation 'Simpan pembahasan': what the meeting said of an indicator and the problems found.

    Both empty removes the note (returns None); otherwise returns its id.
    """
    discussion = clean_text(discussion, "Pembahasan", "discussion", required=False)
    problems = clean_text(problems, "Permasalahan", "problems", required=False)
    with write(db, actor, Op.DISCUSSION_SAVE, clock=clock) as tx:
        meeting = _draft_meeting(tx, meeting_id)
        if tx.session.get(m.Indicator, indicator_id) is None:
            raise NotFound("Indikator tidak ditemukan (mungkin sudah dihapus).")
        row = tx.session.scalars(
            select(m.MeetingDiscussion).where(
                m.MeetingDiscussion.meeting_id == meeting.id, m.MeetingDiscussion.indicator_id == indicator_id
            )
        ).first()
        old = None if row is None else snapshot(row, _DISCUSSION_FIELDS)
        if not discussion and not problems:
            if row is not None:
                tx.audit("meeting_discussion", row.id, old, None)
                tx.session.delete(row)
            return None
        if row is None:
            row = m.MeetingDiscussion(meeting_id=meeting.id, indicator_id=indicator_id)
            tx.session.add(row)
        row.discussion, row.problems = discussion, problems
        tx.session.flush()
        tx.audit("meeting_discussion", row.id, old, snapshot(row, _DISCUSSION_FIELDS))
        return row.id


__all__ = [
    "DRAFT",
    "FINAL",
    "MeetingInput",
    "add_guest",
    "add_participants",
    "check_meeting",
    "create_meeting",
    "delete_meeting",
    "finalise_meeting",
    "measured_quarter",
    "period_label",
    "remove_participant",
    "save_discussion",
    "set_attendance",
    "update_meeting",
]
