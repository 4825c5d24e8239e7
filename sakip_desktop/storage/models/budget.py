"""The budget tree: program, kegiatan, sub kegiatan, pagu per year and spending per quarter."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class Program(Base):
    """A program (Permendagri 90 code), supporting a sasaran."""

    __tablename__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("strategic_plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="SET NULL"), nullable=True)


class Activity(Base):
    """A kegiatan of a program."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)


class SubActivity(Base):
    """A sub kegiatan of a kegiatan, carried out by a unit."""

    __tablename__ = "sub_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)


class Budget(Base):
    """The pagu (ceiling, integer Rupiah) of a sub kegiatan in one year."""

    __tablename__ = "budget"
    __table_args__ = (UniqueConstraint("sub_activity_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sub_activity_id: Mapped[int] = mapped_column(ForeignKey("sub_activity.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    ceiling: Mapped[int] = mapped_column(BigInteger)


class BudgetSpending(Base):
    """Realisasi anggaran (integer Rupiah) of a budget in one quarter."""

    __tablename__ = "budget_spending"
    __table_args__ = (UniqueConstraint("budget_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
