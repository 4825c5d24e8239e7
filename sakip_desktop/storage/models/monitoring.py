"""Pemantauan (telaah and rekomendasi) and Evaluasi (meetings, discussion, tindak lanjut)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class MonitoringReview(Base):
    """The Tim SAKIP's telaah of one indicator in one quarter."""

    __tablename__ = "monitoring_review"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(250))
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Recommendation(Base):
    """A rekomendasi the Sekretaris writes from the monitoring; the Camat accepts or rejects it."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="PROPOSED")  # PROPOSED / ACCEPTED / REJECTED
    written_by: Mapped[str] = mapped_column(String(250))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(250), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class EvaluationMeeting(Base):
    """A rapat evaluasi kinerja for a quarter (period_kind QUARTER), a semester or the year."""

    __tablename__ = "evaluation_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    period_kind: Mapped[str] = mapped_column(String(10))  # QUARTER / SEMESTER / YEAR
    period_no: Mapped[int] = mapped_column(Integer, default=1)
    held_on: Mapped[dt.date] = mapped_column(Date)
    time_text: Mapped[str] = mapped_column(String(60), default="")
    place: Mapped[str] = mapped_column(String(250), default="")
    basis: Mapped[str] = mapped_column(Text, default="")  # dasar
    summary: Mapped[str] = mapped_column(Text, default="")  # kesimpulan
    chair_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    note_taker_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")  # DRAFT / FINAL
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The outgoing-register entry that numbers the berita acara, taken when the meeting is made final.
    minutes_letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("outgoing_letter.id", ondelete="SET NULL"), nullable=True, default=None
    )


class MeetingParticipant(Base):
    """Someone invited to a meeting: a person of the office, or a guest by name."""

    __tablename__ = "meeting_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("evaluation_meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    name: Mapped[str] = mapped_column(String(250))
    title: Mapped[str] = mapped_column(String(250), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class MeetingDiscussion(Base):
    """What a meeting said of one indicator, and the problems found."""

    __tablename__ = "meeting_discussion"
    __table_args__ = (UniqueConstraint("meeting_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("evaluation_meeting.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    discussion: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")


class FollowUp(Base):
    """A tindak lanjut: what, who, by when; it waits in the responsible person's inbox until done. It comes from an
    evaluation meeting, an accepted rekomendasi of the monitoring, or a rekomendasi of an LHE (its RATL)."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_meeting.id", ondelete="CASCADE"), nullable=True, index=True
    )
    recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommendation.id", ondelete="SET NULL"), nullable=True
    )
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"), nullable=True)
    # The LHE rekomendasi this is the rencana aksi tindak lanjut of (schema 15), else None.
    lhe_recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("lhe_recommendation.id", ondelete="RESTRICT"), nullable=True, index=True, default=None
    )
    action: Mapped[str] = mapped_column(Text)
    responsible_person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="OPEN")  # OPEN / IN_PROGRESS / DONE
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    progress_note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class FollowUpEvidence(Base):
    """A bukti file of a tindak lanjut, stored inside the database with its checksum."""

    __tablename__ = "follow_up_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_up.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(250))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
