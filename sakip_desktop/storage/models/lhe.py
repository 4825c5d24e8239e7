"""The LHE (Laporan Hasil Evaluasi AKIP) an office receives from the Inspektorat or KemenPAN-RB, with its
rekomendasi. The rencana aksi tindak lanjut of a rekomendasi is a `FollowUp` (models/monitoring.py) pointing at it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base, DecimalText


class Lhe(Base):
    """One evaluation letter: who evaluated (INSPEKTORAT / KEMENPAN), its number and date, the year evaluated, the
    score and predikat; `reviewed_at` set once the Camat has checked its TL LHE matrix (None: not reviewed)."""

    __tablename__ = "lhe"
    __table_args__ = (UniqueConstraint("evaluator", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluator: Mapped[str] = mapped_column(String(12))
    number: Mapped[str] = mapped_column(String(120))
    letter_date: Mapped[dt.date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    score: Mapped[Decimal] = mapped_column(DecimalText)
    predikat: Mapped[str] = mapped_column(String(2))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(250), default="")
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class LheRecommendation(Base):
    """A rekomendasi of an LHE, in the letter's order."""

    __tablename__ = "lhe_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    lhe_id: Mapped[int] = mapped_column(ForeignKey("lhe.id", ondelete="CASCADE"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
