"""Read views of tindak lanjut: a person's open ones (their inbox), the overdue ones (the Camat's inbox and
dashboard), a meeting's, and one with its bukti."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.follow_up import DONE, STATUS_LABELS
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.periods import period_label
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.home.first_reads import FollowUpRead
from sakip_desktop.ops.lhe.rules import EVALUATORS
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from sakip_desktop.ops.realisation.evidence import EvidenceFile, EvidenceView


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
    meeting_title: str  # 'Rapat Evaluasi Kinerja Triwulan II 2025', the rekomendasi or the LHE it came from
    recommendation_id: int | None
    indicator_id: int | None
    indicator: str  # 'IK1.1 Nama', or ''
    evidence_count: int
    lhe_recommendation_id: int | None = None  # the LHE rekomendasi this is the RATL of

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


def meeting_title(meeting: m.EvaluationMeeting) -> str:
    """'Rapat Evaluasi Kinerja Triwulan II 2025'."""
    return _meeting_title(meeting.period_kind, meeting.period_no, meeting.year)


def _meeting_title(period_kind: str, period_no: int, year: int) -> str:
    return f"Rapat Evaluasi Kinerja {period_label(period_kind, period_no, year)}"


def _read_in(session: Session, where: ColumnElement[bool], *, by_due: bool = True) -> FollowUpRead:
    """The tindak lanjut matching `where` (earliest due first, or as added) and the records they name, by id."""
    f = m.FollowUp
    order = (f.due_on, f.id) if by_due else (f.id,)
    rows = list(session.scalars(select(f).where(where).order_by(*order)))

    def by_id(model: Any, ids: set[int | None]) -> dict[int, Any]:
        wanted = [i for i in ids if i is not None]
        return {r.id: r for r in session.scalars(select(model).where(model.id.in_(wanted)))} if wanted else {}

    counts = session.execute(
        select(m.FollowUpEvidence.follow_up_id, func.count())
        .where(m.FollowUpEvidence.follow_up_id.in_([r.id for r in rows]))
        .group_by(m.FollowUpEvidence.follow_up_id)
    )
    return FollowUpRead(
        rows,
        people=by_id(m.Person, {r.responsible_person_id for r in rows}),
        meetings=by_id(m.EvaluationMeeting, {r.meeting_id for r in rows}),
        recommendations=by_id(m.Recommendation, {r.recommendation_id for r in rows}),
        indicators=by_id(m.Indicator, {r.indicator_id for r in rows}),
        evidence={i: n for i, n in counts},
        lhe=_lhe_sources(session, {r.lhe_recommendation_id for r in rows}),
    )


def _lhe_sources(session: Session, ids: set[int | None]) -> dict[int, Any]:
    """(id, evaluator, year) of the LHE of each rekomendasi, by rekomendasi id."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    query = (
        select(m.LheRecommendation.id, m.Lhe.evaluator, m.Lhe.year)
        .join(m.Lhe, m.Lhe.id == m.LheRecommendation.lhe_id)
        .where(m.LheRecommendation.id.in_(wanted))
    )
    return {row[0]: row for row in session.execute(query)}


def _views(read: FollowUpRead, today: dt.date) -> list[FollowUpView]:
    """The views of the tindak lanjut read (in a first-screen read or through the ORM: the same attributes)."""
    out = []
    for r in read.rows:
        person = read.people.get(r.responsible_person_id)
        meeting = read.meetings.get(r.meeting_id) if r.meeting_id else None
        rec = read.recommendations.get(r.recommendation_id) if r.recommendation_id else None
        indicator = read.indicators.get(r.indicator_id) if r.indicator_id else None
        lhe = read.lhe.get(r.lhe_recommendation_id) if r.lhe_recommendation_id else None
        out.append(_view(r, today, person, _source(meeting, rec, lhe), indicator, read.evidence.get(r.id, 0)))
    return out


def _source(meeting: Any, rec: Any, lhe: Any = None) -> str:
    """Where a tindak lanjut came from: its meeting, else its rekomendasi or LHE rekomendasi, else ''."""
    if lhe is not None:
        return f"Rekomendasi LHE {EVALUATORS.get(lhe[1], lhe[1])} atas tahun {lhe[2]}"
    if meeting is not None:
        return _meeting_title(meeting.period_kind, meeting.period_no, meeting.year)
    if rec is not None:
        return f"Rekomendasi TW {('I', 'II', 'III', 'IV')[rec.quarter - 1]} {rec.year}"
    return ""


def _view(r: Any, today: dt.date, person: Any, source: str, indicator: Any, evidence_count: int) -> FollowUpView:
    due_on = r.due_on
    late = (today - due_on).days if r.status != DONE else 0
    return FollowUpView(
        id=r.id,
        action=r.action,
        responsible_person_id=r.responsible_person_id,
        responsible=full_name(person.front_title, person.name, person.back_title) if person else "",
        responsible_title=person.position if person else "",
        due_on=due_on,
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
        evidence_count=evidence_count,
        lhe_recommendation_id=r.lhe_recommendation_id,
    )


def follow_ups_for(db: Database, person_id: int | None, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut a person is responsible for that are not done yet, earliest due first."""
    if person_id is None:
        return []
    return _views(first_reads.follow_ups(db, "own", person=person_id), today)  # "Menunggu Anda": a first read


def overdue_follow_ups(db: Database, today: dt.date) -> list[FollowUpView]:
    """Every tindak lanjut whose due date has passed (before `today`) and that is not done, most overdue first."""
    return _views(first_reads.follow_ups(db, "overdue", before=today), today)  # the Camat's first screen


def meeting_follow_ups(db: Database, meeting_id: int, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut set in a meeting, in the order they were added."""
    with db.reading() as s:
        return _views(_read_in(s, m.FollowUp.meeting_id == meeting_id, by_due=False), today)


def recommendation_follow_ups(db: Database, recommendation_ids: Sequence[int], today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut made from these rekomendasi."""
    with db.reading() as s:
        return _views(_read_in(s, m.FollowUp.recommendation_id.in_(list(recommendation_ids))), today)


def lhe_follow_ups(db: Database, lhe_recommendation_ids: Sequence[int], today: dt.date) -> list[FollowUpView]:
    """The RATL of these LHE rekomendasi, in the order they were added."""
    with db.reading() as s:
        where = m.FollowUp.lhe_recommendation_id.in_(list(lhe_recommendation_ids))
        return _views(_read_in(s, where, by_due=False), today)


def follow_up_detail(db: Database, follow_up_id: int, today: dt.date) -> FollowUpDetail:
    """One tindak lanjut with its bukti files (without their bytes)."""
    from sakip_desktop.ops.realisation.evidence import evidence_view  # not needed by the lists of the first screen

    with db.reading() as s:
        views = _views(_read_in(s, m.FollowUp.id == follow_up_id), today)
        if not views:
            raise NotFound("Tindak lanjut tidak ditemukan (mungkin sudah dihapus).")
        evidence = s.scalars(
            select(m.FollowUpEvidence)
            .where(m.FollowUpEvidence.follow_up_id == follow_up_id)
            .order_by(m.FollowUpEvidence.id)
        ).all()
        return FollowUpDetail(
            views[0],
            tuple(evidence_view(e) for e in evidence),
        )


def follow_up_evidence_file(db: Database, evidence_id: int) -> EvidenceFile:
    """A bukti file with its bytes; `DatabaseError` when they no longer match the stored checksum."""
    from sakip_desktop.ops.realisation.evidence import read_evidence

    missing = "Bukti tindak lanjut tidak ditemukan (mungkin sudah dihapus)."
    return read_evidence(db, m.FollowUpEvidence, evidence_id, missing)


__all__ = [
    "FollowUpDetail",
    "FollowUpView",
    "follow_up_detail",
    "follow_up_evidence_file",
    "follow_ups_for",
    "lhe_follow_ups",
    "meeting_follow_ups",
    "meeting_title",
    "overdue_follow_ups",
    "recommendation_follow_ups",
]
