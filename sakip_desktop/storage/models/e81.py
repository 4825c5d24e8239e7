"""The narrative rows of Formulir E.81 the office reviewed and saved, per quarter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class E81Note(Base):
    """One footer row of a quarter's E.81 (faktor pendorong, penghambat, tindak lanjut) as a person saved it."""

    __tablename__ = "e81_note"
    __table_args__ = (UniqueConstraint("year", "quarter", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
