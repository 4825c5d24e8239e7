"""Renstra, its goals, objectives and indicators, targets and realisasi."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
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
    baseline: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


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
