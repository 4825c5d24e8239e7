"""Perjanjian Kinerja (PK) and its revisions, and the ordered scales of qualitative targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base, DecimalText


class QualitativeScale(Base):
    """An ordered scale the office defines for qualitative targets (e.g. opini BPK, predikat SAKIP)."""

    __tablename__ = "qualitative_scale"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class QualitativeLevel(Base):
    """One level of a scale; a higher rank is better. Targets and realisasi store the rank."""

    __tablename__ = "qualitative_level"
    __table_args__ = (UniqueConstraint("scale_id", "rank"), UniqueConstraint("scale_id", "label"))

    id: Mapped[int] = mapped_column(primary_key=True)
    scale_id: Mapped[int] = mapped_column(ForeignKey("qualitative_scale.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(60))


class PerformanceAgreement(Base):
    """One version of a PK: the office's (unit_id NULL, the Camat with the Bupati) or a unit head's with the Camat.

    Version 1 is the PK Murni; later versions are PK Perubahan with a reason. The parties are copied as
    text when the PK is made final, so a signed version stays readable after people change.
    """

    __tablename__ = "performance_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(12), default="MURNI")  # MURNI / PERUBAHAN
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")  # DRAFT / FINAL / SUPERSEDED
    reason_code: Mapped[str] = mapped_column(String(20), default="")  # MUTASI / STRATEGI / PRIORITAS
    reason: Mapped[str] = mapped_column(Text, default="")
    document_number: Mapped[str] = mapped_column(String(120), default="")
    first_party_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    first_party_name: Mapped[str] = mapped_column(String(250), default="")
    first_party_title: Mapped[str] = mapped_column(String(250), default="")
    first_party_rank: Mapped[str] = mapped_column(String(120), default="")
    first_party_nip: Mapped[str] = mapped_column(String(30), default="")
    second_party_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True
    )
    second_party_name: Mapped[str] = mapped_column(String(250), default="")
    second_party_title: Mapped[str] = mapped_column(String(250), default="")
    second_party_rank: Mapped[str] = mapped_column(String(120), default="")
    second_party_nip: Mapped[str] = mapped_column(String(30), default="")
    statement_text: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(120), default="")
    signed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finalised_by: Mapped[str] = mapped_column(String(250), default="")
    finalised_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AgreementTarget(Base):
    """An indicator and its yearly target as written in one PK version."""

    __tablename__ = "agreement_target"
    __table_args__ = (UniqueConstraint("agreement_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("performance_agreement.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="RESTRICT"))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    value_high: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class AgreementBudget(Base):
    """A program / kegiatan / sub kegiatan line of a PK's second lampiran table, with its anggaran."""

    __tablename__ = "agreement_budget"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("performance_agreement.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(String(250), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
