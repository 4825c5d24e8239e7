"""Generated documents: LKj narrative sections, the register of printed documents, outgoing letters."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class LkjSection(Base):
    """The narrative text of one section of a year's LKj, as the office wrote it."""

    __tablename__ = "lkj_section"
    __table_args__ = (UniqueConstraint("year", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class DocumentRecord(Base):
    """A document printed for signature: what, for which period, from which data (its hash), when, by whom.

    A document regenerated from changed data gets the next version number, so the signed paper can be
    matched to its data.
    """

    __tablename__ = "document_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    subject_key: Mapped[str] = mapped_column(String(120), default="")  # e.g. "2025", "2025-TW3", "pk:12"
    title: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    data_hash: Mapped[str] = mapped_column(String(64))
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    paper: Mapped[str] = mapped_column(String(10), default="A4")
    generated_by: Mapped[str] = mapped_column(String(250))
    generated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    draft: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # printed as DRAF; NULL before schema 17


class OutgoingLetter(Base):
    """An entry of the office's outgoing register (agenda surat keluar), with its proof of delivery."""

    __tablename__ = "outgoing_letter"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    agenda_number: Mapped[str] = mapped_column(String(120))
    letter_date: Mapped[dt.date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(250))
    subject: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str] = mapped_column(String(250), default="")
    nature: Mapped[str] = mapped_column(String(20), default="Biasa")  # sifat: Biasa/Segera/Penting/Rahasia
    copies_to: Mapped[str] = mapped_column(Text, default="")  # tembusan, one addressee per line
    document_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_record.id", ondelete="SET NULL"), nullable=True
    )
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    proof_filename: Mapped[str] = mapped_column(String(250), default="")
    proof_sha256: Mapped[str] = mapped_column(String(64), default="")
    proof_data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    proof_added_by: Mapped[str] = mapped_column(String(250), default="")
    proof_added_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
