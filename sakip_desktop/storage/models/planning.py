"""Renstra, its goals, objectives and indicators, targets and realisasi."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base, DecimalText


class StrategicPlan(Base):
    """A Renstra period of the office."""

    __tablename__ = "strategic_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(250))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    vision: Mapped[str] = mapped_column(Text, default="")
    mission: Mapped[str] = mapped_column(Text, default="")  # one misi per line


class Goal(Base):
    """A tujuan of the Renstra."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    statement: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Objective(Base):
    """A sasaran strategis, under a goal."""

    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    statement: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Indicator(Base):
    """A performance indicator of a sasaran (IKU when `is_key`)."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(40))  # satuan
    polarity: Mapped[str] = mapped_column(String(10))  # POSITIVE / NEGATIVE
    aggregation: Mapped[str] = mapped_column(String(12))  # CUMULATIVE / LAST_VALUE / AVERAGE
    definition: Mapped[str] = mapped_column(Text, default="")
    formula: Mapped[str] = mapped_column(Text, default="")
    data_source: Mapped[str] = mapped_column(Text, default="")
    responsible_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)
    # A qualitative indicator: targets and realisasi are ranks on this scale (see agreement.QualitativeScale).
    scale_id: Mapped[int | None] = mapped_column(ForeignKey("qualitative_scale.id", ondelete="RESTRICT"), nullable=True)
    baseline: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # what the office compares the indicator with in the LKj (standar nasional, SPM, …); '' for none
    benchmark: Mapped[str] = mapped_column(Text, default="")
    # An indicator counted over the desa of the kecamatan (schema 13): its realisasi is the percentage of the desa
    # counted that meet `desa_criterion`, entered per desa (models.desa.DesaRealisation).
    over_desa: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    desa_criterion: Mapped[str] = mapped_column(Text, default="", server_default="")


class RenstraTarget(Base):
    """The Renstra (5-year plan) target of an indicator for one year."""

    __tablename__ = "renstra_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalText)


class YearlyTarget(Base):
    """The yearly PK target of an indicator; `value_high` set when the target is a range."""

    __tablename__ = "yearly_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    value_high: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)


class QuarterlyTarget(Base):
    """The rencana aksi target of a quarter, under a yearly target."""

    __tablename__ = "quarterly_target"
    __table_args__ = (UniqueConstraint("yearly_target_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    yearly_target_id: Mapped[int] = mapped_column(ForeignKey("yearly_target.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    value_high: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)


class Realisation(Base):
    """The realisasi of an indicator for a quarter, who entered it and how far it has gone."""

    __tablename__ = "realisation"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Narrative the LKj needs (schema 3)
    supporting_factors: Mapped[str] = mapped_column(Text, default="", server_default="")  # faktor pendukung
    inhibiting_factors: Mapped[str] = mapped_column(Text, default="", server_default="")  # faktor penghambat
    follow_up: Mapped[str] = mapped_column(Text, default="", server_default="")  # upaya / tindak lanjut
    # A target of 0 cannot be computed: the capaian is entered by hand with a justification.
    manual_achievement: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    manual_justification: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The verification and approval trail (Kasi -> Sekretaris -> Camat).
    return_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    submitted_by: Mapped[str] = mapped_column(String(250), default="", server_default="")
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    verified_by: Mapped[str] = mapped_column(String(250), default="", server_default="")
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    approved_by: Mapped[str] = mapped_column(String(250), default="", server_default="")
    # An indicator over desa keeps its realisasi exactly: pembilang (desa that meet the criterion) over penyebut
    # (desa counted); `value` is 100 × pembilang / penyebut to two decimals, as printed (schema 13).
    desa_met: Mapped[int | None] = mapped_column(Integer, nullable=True)
    desa_counted: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RealisationEvidence(Base):
    """A bukti dukung file stored inside the database, with its checksum."""

    __tablename__ = "realisation_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    realisation_id: Mapped[int] = mapped_column(ForeignKey("realisation.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(250))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # the desa a file is the bukti dukung of, for an indicator over desa (schema 13)
    desa_id: Mapped[int | None] = mapped_column(ForeignKey("desa.id", ondelete="SET NULL"), nullable=True)


class RealisationRevision(Base):
    """A change to an approved (locked) value: the old and new value and why."""

    __tablename__ = "realisation_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    realisation_id: Mapped[int] = mapped_column(ForeignKey("realisation.id", ondelete="CASCADE"), index=True)
    old_value: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    new_value: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    revised_by: Mapped[str] = mapped_column(String(250))
    revised_at: Mapped[dt.datetime] = mapped_column(DateTime)


class VerificationCheck(Base):
    """The Sekretaris's verification checklist for one realisasi."""

    __tablename__ = "verification_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    realisation_id: Mapped[int] = mapped_column(ForeignKey("realisation.id", ondelete="CASCADE"), unique=True)
    evidence_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    plausible: Mapped[bool] = mapped_column(Boolean, default=False)
    narrative_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(String(250))
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime)
