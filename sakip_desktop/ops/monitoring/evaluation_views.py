"""Read views of evaluation meetings: the list, one meeting with its participants, its discussion beside the
capaian of the period (from `ops.measurement`) and its tindak lanjut. `meeting_detail` is what a Berita Acara
needs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.periods import period_label
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.measurement.capaian import MeasurementRow, measure
from sakip_desktop.ops.monitoring.evaluation import FINAL, measured_quarter
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, meeting_follow_ups, meeting_title
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    EvaluationMeeting,
    FollowUp,
    Indicator,
    MeetingDiscussion,
    MeetingParticipant,
    Person,
)


@dataclass(frozen=True)
class MeetingView:
    """A meeting's own data."""

    id: int
    year: int
    period_kind: str  # QUARTER / SEMESTER / YEAR
    period_no: int
    title: str  # 'Rapat Evaluasi Kinerja Triwulan II 2025'
    period: str  # 'Triwulan II 2025'
    measured_quarter: int  # the quarter whose capaian (to date) it discusses
    held_on: dt.date
    time_text: str
    place: str
    basis: str  # dasar
    summary: str  # kesimpulan
    chair_person_id: int | None
    chair: str  # name with gelar, '' when not chosen
    chair_title: str  # jabatan
    chair_nip: str
    note_taker_person_id: int | None
    note_taker: str
    note_taker_title: str
    note_taker_nip: str
    status: str  # DRAFT / FINAL
    participants: int
    present: int
    follow_ups: int

    @property
    def is_final(self) -> bool:
        """True once finalised (participants and discussion frozen)."""
        return self.status == FINAL

    @property
    def status_label(self) -> str:
        """'Draf' or 'Final'."""
        return "Final" if self.is_final else "Draf"


@dataclass(frozen=True)
class ParticipantView:
    """A participant: a person of the office (with NIP) or a guest."""

    id: int
    person_id: int | None
    name: str
    title: str  # jabatan or instansi
    nip: str  # '' for a guest
    present: bool

    @property
    def is_guest(self) -> bool:
        """True for someone from outside the office."""
        return self.person_id is None


@dataclass(frozen=True)
class DiscussionRow:
    """An indicator of the period with its capaian and what the meeting said of it."""

    indicator_id: int
    code: str
    name: str
    measurement: MeasurementRow | None  # None when the indicator has no target in the meeting's year
    discussion_id: int | None
    discussion: str
    problems: str

    @property
    def written(self) -> bool:
        """True when the meeting noted something about this indicator."""
        return bool(self.discussion or self.problems)


@dataclass(frozen=True)
class MeetingDetail:
    """Everything a Berita Acara Evaluasi Kinerja shows: the meeting, daftar hadir, pembahasan per indicator
    (only those written, in the measurement's order), and the tindak lanjut."""

    meeting: MeetingView
    participants: tuple[ParticipantView, ...]
    discussions: tuple[DiscussionRow, ...]
    follow_ups: tuple[FollowUpView, ...]


def _person_facts(person: Person | None) -> tuple[str, str, str]:
    if person is None:
        return "", "", ""
    return full_name(person.front_title, person.name, person.back_title), person.position, person.nip


def _meeting_views(db: Database, *where: ColumnElement[bool]) -> list[MeetingView]:
    """The meetings matching `where`, newest first."""
    query = select(EvaluationMeeting).where(*where)
    with db.reading() as s:
        rows = s.scalars(query.order_by(EvaluationMeeting.held_on.desc(), EvaluationMeeting.id.desc())).all()
        ids = [r.id for r in rows]
        people = {p.id: p for p in s.scalars(select(Person))}
        total: Counter[int] = Counter()
        present: Counter[int] = Counter()
        for meeting_id, is_present, count in s.execute(
            select(MeetingParticipant.meeting_id, MeetingParticipant.present, func.count())
            .where(MeetingParticipant.meeting_id.in_(ids))
            .group_by(MeetingParticipant.meeting_id, MeetingParticipant.present)
        ):
            total[meeting_id] += count
            if is_present:
                present[meeting_id] += count
        follow_ups = dict(
            s.execute(
                select(FollowUp.meeting_id, func.count())
                .where(FollowUp.meeting_id.in_(ids))
                .group_by(FollowUp.meeting_id)
            ).all()
        )
        out = []
        for r in rows:
            chair = _person_facts(people.get(r.chair_person_id) if r.chair_person_id else None)
            notes = _person_facts(people.get(r.note_taker_person_id) if r.note_taker_person_id else None)
            out.append(
                MeetingView(
                    id=r.id,
                    year=r.year,
                    period_kind=r.period_kind,
                    period_no=r.period_no,
                    title=meeting_title(r),
                    period=period_label(r.period_kind, r.period_no, r.year),
                    measured_quarter=measured_quarter(r.period_kind, r.period_no),
                    held_on=r.held_on,
                    time_text=r.time_text,
                    place=r.place,
                    basis=r.basis,
                    summary=r.summary,
                    chair_person_id=r.chair_person_id,
                    chair=chair[0],
                    chair_title=chair[1],
                    chair_nip=chair[2],
                    note_taker_person_id=r.note_taker_person_id,
                    note_taker=notes[0],
                    note_taker_title=notes[1],
                    note_taker_nip=notes[2],
                    status=r.status,
                    participants=total[r.id],
                    present=present[r.id],
                    follow_ups=follow_ups.get(r.id, 0),
                )
            )
        return out


def list_meetings(db: Database, year: int | None = None) -> list[MeetingView]:
    """The evaluation meetings (of one year, or all), newest first."""
    if year is None:
        return _meeting_views(db)
    return _meeting_views(db, EvaluationMeeting.year == year)


def get_meeting_view(db: Database, meeting_id: int) -> MeetingView:
    """One meeting's own data."""
    found = _meeting_views(db, EvaluationMeeting.id == meeting_id)
    if not found:
        raise NotFound("Rapat evaluasi tidak ditemukan (mungkin sudah dihapus).")
    return found[0]


def participants(db: Database, meeting_id: int) -> list[ParticipantView]:
    """The daftar hadir in the order people were added."""
    with db.reading() as s:
        rows = s.scalars(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == meeting_id)
            .order_by(MeetingParticipant.sort_order, MeetingParticipant.id)
        ).all()
        nips = dict(s.execute(select(Person.id, Person.nip)).all())
        return [
            ParticipantView(
                r.id, r.person_id, r.name, r.title, nips.get(r.person_id, "") if r.person_id else "", r.present
            )
            for r in rows
        ]


def discussion_rows(db: Database, meeting_id: int) -> list[DiscussionRow]:
    """Every indicator measured for the meeting's period (capaian to date at its quarter), with the notes;
    indicators discussed but no longer measured follow at the end."""
    meeting = get_meeting_view(db, meeting_id)
    measured = measure(db, meeting.year, meeting.measured_quarter)
    with db.reading() as s:
        notes = {
            d.indicator_id: d
            for d in s.scalars(select(MeetingDiscussion).where(MeetingDiscussion.meeting_id == meeting_id))
        }
        out = []
        for m in measured:
            d = notes.pop(m.info.indicator_id, None)
            out.append(
                DiscussionRow(
                    m.info.indicator_id,
                    m.info.code,
                    m.info.name,
                    m,
                    d.id if d else None,
                    d.discussion if d else "",
                    d.problems if d else "",
                )
            )
        if notes:
            indicators = {i.id: i for i in s.scalars(select(Indicator).where(Indicator.id.in_(list(notes))))}
            for indicator_id, d in notes.items():
                i = indicators[indicator_id]
                out.append(DiscussionRow(i.id, i.code, i.name, None, d.id, d.discussion, d.problems))
        return out


def meeting_detail(db: Database, meeting_id: int, today: dt.date | None = None) -> MeetingDetail:
    """A meeting with its daftar hadir, the indicators it discussed (with capaian) and its tindak lanjut.

    `today` (default: the computer's date) only sets the tindak lanjut's `days_overdue`.
    """
    meeting = get_meeting_view(db, meeting_id)
    return MeetingDetail(
        meeting=meeting,
        participants=tuple(participants(db, meeting_id)),
        discussions=tuple(r for r in discussion_rows(db, meeting_id) if r.written),
        follow_ups=tuple(meeting_follow_ups(db, meeting_id, today or dt.date.today())),
    )


__all__ = [
    "DiscussionRow",
    "MeetingDetail",
    "MeetingView",
    "ParticipantView",
    "discussion_rows",
    "get_meeting_view",
    "list_meetings",
    "meeting_detail",
    "participants",
]
