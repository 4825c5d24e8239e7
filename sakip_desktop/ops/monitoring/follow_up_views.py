"""Read views of tindak lanjut: a person's open ones (their inbox), the overdue ones (the Camat's inbox and
dashboard), a meeting's, and one with its bukti."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sakip_desktop.domain.follow_up import DONE, STATUS_LABELS
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.periods import period_label
from sakip_desktop.errors import NotFound
from sakip_desktop.storage import models as m
from sakip_desktop.storage import sql
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


def meeting_title(meeting: m.EvaluationMeeting) -> str:
    """'Rapat Evaluasi Kinerja Triwulan II 2025'."""
    return _meeting_title(meeting.period_kind, meeting.period_no, meeting.year)


def _meeting_title(period_kind: str, period_no: int, year: int) -> str:
    return f"Rapat Evaluasi Kinerja {period_label(period_kind, period_no, year)}"


# The views read with plain SQL: the inboxes and the Camat's dasbor show them at start-up.
_FOLLOW_UPS = """
    SELECT id, action, responsible_person_id, due_on, status, progress, progress_note, done_at,
           meeting_id, recommendation_id, indicator_id
      FROM follow_up
     WHERE {where}
     ORDER BY {order}
"""


def _views(s: sql.Reader, today: dt.date, where: str, order: str = "due_on, id", **params: Any) -> list[FollowUpView]:
    """The tindak lanjut matching `where` (over follow_up's columns, with `params`), in `order`."""
    rows = sql.rows(s, _FOLLOW_UPS.format(where=where, order=order), **params)
    if not rows:
        return []
    people = _by_id(
        s,
        "SELECT id, front_title, name, back_title, position FROM person WHERE id IN :ids",
        {r.responsible_person_id for r in rows},
    )
    meetings = _by_id(
        s,
        "SELECT id, period_kind, period_no, year FROM evaluation_meeting WHERE id IN :ids",
        {r.meeting_id for r in rows},
    )
    recs = _by_id(
        s, "SELECT id, quarter, year FROM recommendation WHERE id IN :ids", {r.recommendation_id for r in rows}
    )
    indicators = _by_id(s, "SELECT id, code, name FROM indicator WHERE id IN :ids", {r.indicator_id for r in rows})
    counts = Counter(
        dict(
            sql.rows(
                s,
                """
                SELECT follow_up_id, COUNT(*)
                  FROM follow_up_evidence
                 WHERE follow_up_id IN :ids
                 GROUP BY follow_up_id
                """,
                ids=[r.id for r in rows],
            )
        )
    )
    out = []
    for r in rows:
        person = people.get(r.responsible_person_id)
        meeting = meetings.get(r.meeting_id) if r.meeting_id else None
        rec = recs.get(r.recommendation_id) if r.recommendation_id else None
        indicator = indicators.get(r.indicator_id) if r.indicator_id else None
        out.append(_view(r, today, person, _source(meeting, rec), indicator, counts[r.id]))
    return out


def _by_id(s: sql.Reader, query: str, ids: set[int | None]) -> dict[int, Any]:
    """The rows of `query` (its first column the id, `:ids` the ids wanted) by id."""
    return {found[0]: found for found in sql.rows(s, query, ids=ids)}


def _source(meeting: Any, rec: Any) -> str:
    """Where a tindak lanjut came from: its meeting, else its rekomendasi, else ''."""
    if meeting is not None:
        return _meeting_title(meeting.period_kind, meeting.period_no, meeting.year)
    if rec is not None:
        return f"Rekomendasi TW {('I', 'II', 'III', 'IV')[rec.quarter - 1]} {rec.year}"
    return ""


def _view(r: Any, today: dt.date, person: Any, source: str, indicator: Any, evidence_count: int) -> FollowUpView:
    due_on = sql.date(r.due_on)
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
        done_at=sql.datetime(r.done_at),
        days_overdue=max(late, 0),
        meeting_id=r.meeting_id,
        meeting_title=source,
        recommendation_id=r.recommendation_id,
        indicator_id=r.indicator_id,
        indicator=f"{indicator.code} {indicator.name}" if indicator else "",
        evidence_count=evidence_count,
    )


def follow_ups_for(db: Database, person_id: int | None, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut a person is responsible for that are not done yet, earliest due first."""
    if person_id is None:
        return []
    with db.plain_reading() as s:
        return _views(s, today, "responsible_person_id = :person AND status <> :done", person=person_id, done=DONE)


def overdue_follow_ups(db: Database, today: dt.date) -> list[FollowUpView]:
    """Every tindak lanjut whose due date has passed (before `today`) and that is not done, most overdue first."""
    with db.plain_reading() as s:
        return _views(s, today, "due_on < :before AND status <> :done", before=today.isoformat(), done=DONE)


def meeting_follow_ups(db: Database, meeting_id: int, today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut set in a meeting, in the order they were added."""
    with db.plain_reading() as s:
        return _views(s, today, "meeting_id = :meeting", order="id", meeting=meeting_id)


def recommendation_follow_ups(db: Database, recommendation_ids: Sequence[int], today: dt.date) -> list[FollowUpView]:
    """The tindak lanjut made from these rekomendasi."""
    with db.plain_reading() as s:
        return _views(s, today, "recommendation_id IN :recs", recs=list(recommendation_ids))


def follow_up_detail(db: Database, follow_up_id: int, today: dt.date) -> FollowUpDetail:
    """One tindak lanjut with its bukti files (without their bytes)."""
    from sakip_desktop.ops.realisation.evidence import evidence_view  # not needed by the lists of the first screen

    with db.reading() as s:
        views = _views(s, today, "id = :id", id=follow_up_id)
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
    "meeting_follow_ups",
    "meeting_title",
    "overdue_follow_ups",
    "recommendation_follow_ups",
]
