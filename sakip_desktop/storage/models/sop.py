"""SOPs of the office, their versions, runs, step visits, checklist ticks and pauses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class OfficeDayOff(Base):
    """A day off the office adds to the national calendar (a local cuti bersama)."""

    __tablename__ = "office_day_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")


class Sop(Base):
    """An SOP the office uses; its content lives in versions."""

    __tablename__ = "sop"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(Text)
    template_code: Mapped[str] = mapped_column(String(80), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SopVersion(Base):
    """One version of an SOP: its definition as JSON. Runs keep the version they started with."""

    __tablename__ = "sop_version"
    __table_args__ = (UniqueConstraint("sop_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sop_id: Mapped[int] = mapped_column(ForeignKey("sop.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(250), default="")


class SopRun(Base):
    """A run of an SOP version for a period; `position` is the current step (None when ended)."""

    __tablename__ = "sop_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    sop_version_id: Mapped[int] = mapped_column(ForeignKey("sop_version.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # RUNNING / DONE / CANCELLED
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    started_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    started_by: Mapped[str] = mapped_column(String(250))
    started_role: Mapped[str] = mapped_column(String(30))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")


class SopStepRun(Base):
    """One visit of a run to a step (a step returned to is visited again)."""

    __tablename__ = "sop_step_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("sop_run.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    visit: Mapped[int] = mapped_column(Integer, default=1)
    role: Mapped[str] = mapped_column(String(30), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    finished_by: Mapped[str] = mapped_column(String(250), default="")
    finished_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    outcome: Mapped[str] = mapped_column(String(12), default="")  # DONE / APPROVED / RETURNED / CANCELLED
    reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class SopStepCheck(Base):
    """A ticked kelengkapan item of a step visit, with an optional file or link."""

    __tablename__ = "sop_step_check"
    __table_args__ = (UniqueConstraint("step_run_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_run_id: Mapped[int] = mapped_column(ForeignKey("sop_step_run.id", ondelete="CASCADE"))
    item: Mapped[int] = mapped_column(Integer)
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    checked_by: Mapped[str] = mapped_column(String(250), default="")
    link: Mapped[str] = mapped_column(Text, default="")
    attachment_name: Mapped[str] = mapped_column(String(250), default="")
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    attachment_sha256: Mapped[str] = mapped_column(String(64), default="")


class SopPause(Base):
    """A pause of a step visit's timer, with its reason."""

    __tablename__ = "sop_pause"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_run_id: Mapped[int] = mapped_column(ForeignKey("sop_step_run.id", ondelete="CASCADE"), index=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
