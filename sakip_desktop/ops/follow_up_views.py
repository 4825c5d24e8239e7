"""Read views of tindak lanjut: a person's open ones (their inbox), the overdue ones (the Camat's inbox and
dashboard), a meeting's, and one with its bukti."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.people import full_name
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.evaluation import period_label
from sakip_desktop.ops.evidence_files import EvidenceFile, EvidenceView, evidence_view, read_evidence
from sakip_desktop.ops.follow_ups import DONE, STATUS_LABELS
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    EvaluationMeeting,
    FollowUp,
    FollowUpEvidence,
    Indicator,
    Person,
    Recommendation,
)


@dataclass(frozen=True)
class FollowUpView:
    """A tindak lanjut as lists show it; `days_overdue` counts from the `today` the view was read with."""

    id: int
    action: str
    responsible_person_id: int
    responsible: str  # name with gelar
    responsible_title: str  # jabatan
    due_on: dt.date
    status: str  # OPEN / IN_PROGRESS / DONE
    progress: int  # percent
    progress_note: str
    done_at: dt.datetime | None  # UTC
    days_overdue: int  # 0 when not overdue (done, or the due date not passed)
    meeting_id: int | None
    meeting_title: str  # 'Rapat Evaluasi Kinerja Triwulan II 2025', or the rekomendasi it came from
    recommendation_id: int | None
    indicator_id: int | None
    indicator: str  # 'IK1.1 Nama', or ''
    evidence_count: int

    @property
    def status_label(self) -> str:
        """'Belum dimulai', 'Sedang dikerjakan', 'Selesai'."""
        return STATUS_LABELS[self.status]

    @property
    def overdue(self) -> bool:
        """True when the due date has passed and it is not done."""
        return self.days_overdue > 0


@dataclass(frozen=True)
class FollowUpDetail:
    """One tindak lanjut with its bukti."""

    follow_up: FollowUpView
    evidence: tuple[EvidenceView, ...]


def meeting_title(meeting: EvaluationMeeting) -> str:
    """'Rapat Evaluasi Kinerja Triwulan II 2025'."""
    return f"Rapat Evaluasi Kinerja {period_label(meeting.period_kind, meeting.period_no, meeting.year)}"


def _views(s: Session, query: Select, today: dt.date) -> list[FollowUpView]:
    rows = s.scalars(query).all()
    if not rows:
        return []
    people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_({r.responsible_person_id for r in rows})))}
    meetings = {
        m.id: m
        for m in s.scalars(select(EvaluationMeeting).where(EvaluationMeeting.id.in_({r.meeting_id for r in rows})))
    }
    recs = {
        r.id: r
        for r in s.scalars(select(Recommendation).where(Recommendation.id.in_({r.recommendation_id for r in rows})))
    }
    indicators = {i.id: i for i in s.scalars(select(Indicator).where(Indicator.id.in_({r.indicator_id for r in rows})))}
    counts = Counter(
        dict(
            s.execute(
                select(FollowUpEvidence.follow_up_id, func.count())
                .where(FollowUpEvidence.follow_up_id.in_([r.id for r in rows]))
                .group_by(FollowUpEvidence.follow_up_id)
            ).all()
        )
    )
    out = []
    for r in rows:
        person = people.get(r.responsible_person_id)
        meeting = meetings.get(r.meeting_id) if r.meeting_id else None
        rec = recs.get(r.recommendation_id) if r.recommendation_id else None
        if meeting is not None:
            source = meeting_title(meeting)
        elif rec is not None:
            source = f"Rekomendasi TW {('I', 'II', 'III', 'IV')[rec.quarter - 1]} {rec.year}"
        else:
            source = ""
        indicator = indicators.get(r.indicator_id) if r.indicator_id else None
        late = (today - r.due_on).days if r.status != DONE else 0
        out.append(
            FollowUpView(
                id=r.id,
                action=r.action,
                responsible_person_id=r.responsible_person_id,
                responsible=full_name(person.front_title, person.name, person.back_title) if person else "",
                responsible_title=person.position if person else "",
                due_on=r.due_on,
                status=r.status,
                progress=r.progress,
                progress_note=r.progress_note,
                done_at=r.done_at,
                days_overdue=max(late, 0),
                meeting_id=r.meeting_id,
                meeting_title=source,
                recommendation_id=r.recommendation_id,
                indicator_id=r.indicator_id,
                indicator=f"{indicator.code} {indicator.name}" if indicator else "",
                evidence_count=counts[r.id],
            )
        )
    return out


def _ordered(query: Select) -> Select:
    return query.order_by(FollowUp.due_on, FollowUp.id)


def follow_ups_for(db: Database, person_id: int | None, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut a person is responsible for that are not done yet, earliest due first."""
    if person_id is None:
        return []
    with db.reading() as s:
        query = select(FollowUp).where(FollowUp.responsible_person_id == person_id, FollowUp.status != DONE)
        return _views(s, _ordered(query), today)


def overdue_follow_ups(db: Database, today: dt.date) -> list[FollowUpView]:
    """Every tindak lanjut whose due date has passed (before `today`) and that is not done, most overdue first."""
    with db.reading() as s:
        query = select(FollowUp).where(FollowUp.due_on < today, FollowUp.status != DONE)
        return _views(s, _ordered(query), today)


def meeting_follow_ups(db: Database, meeting_id: int, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut set in a meeting, in the order they were added."""
    with db.reading() as s:
        query = select(FollowUp).where(FollowUp.meeting_id == meeting_id).order_by(FollowUp.id)
        return _views(s, query, today)


def recommendation_follow_ups(db: Database, recommendation_ids: Sequence[int], today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut made from these rekomendasi."""
    with db.reading() as s:
        query = select(FollowUp).where(FollowUp.recommendation_id.in_(list(recommendation_ids)))
        return _views(s, _ordered(query), today)


def follow_up_detail(db: Database, follow_up_id: int, today: dt.date) -> FollowUpDetail:
    """One tindak lanjut with its bukti files (without their bytes)."""
    with db.reading() as s:
        views = _views(s, select(FollowUp).where(FollowUp.id == follow_up_id), today)
        if not views:
            raise NotFound("Tindak lanjut tidak ditemukan (mungkin sudah dihapus).")
        evidence = s.scalars(
            select(FollowUpEvidence).where(FollowUpEvidence.follow_up_id == follow_up_id).order_by(FollowUpEvidence.id)
        ).all()
        return FollowUpDetail(
            views[0],
            tuple(evidence_view(e) for e in evidence),
        )


def follow_up_evidence_file(db: Database, evidence_id: int) -> EvidenceFile:
    """A bukti file with its bytes; `DatabaseError` when they no longer match the stored checksum."""
    missing = "Bukti tindak lanjut tidak ditemukan (mungkin sudah dihapus)."
    return read_evidence(db, FollowUpEvidence, evidence_id, missing)


__all__ = [
    "FollowUpDetail",
    "FollowUpView",
    "follow_up_detail",
    "follow_up_evidence_file",
    "follow_ups_for",
    "meeting_follow_ups",
    "meeting_title",
    "overdue_follow_ups",
    "recommendation_follow_ups",
]
