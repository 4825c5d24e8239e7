"""The submission pack to the kabupaten: the office's list of what the kabupaten expects, each item's status per
year or quarter, and the files attached to an item."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class PackItemType(Base):
    """One line of the office's list: a document the kabupaten expects, its ESR type and deadline.

    `source_kind` names the document kind the program prints (documents/catalog.py); empty: a file the office
    attaches. The deadline is day `due_day` of the month `due_months` months after the period's first month."""

    __tablename__ = "pack_item_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    esr_type: Mapped[str] = mapped_column(String(80))
    source_kind: Mapped[str] = mapped_column(String(30), default="")
    per_quarter: Mapped[bool] = mapped_column(Boolean, default=False)
    due_months: Mapped[int] = mapped_column(Integer, default=0)
    due_day: Mapped[int] = mapped_column(Integer, default=31)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PackItem(Base):
    """The status of one expected document for one year (quarter 0) or quarter, as the office last set it."""

    __tablename__ = "pack_item"
    __table_args__ = (UniqueConstraint("type_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("pack_item_type.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="BELUM")
    uploaded_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class PackFile(Base):
    """A file attached to an item (a scanned signed page, a DPA), stored inside the database with its checksum."""

    __tablename__ = "pack_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("pack_item.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(250))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
