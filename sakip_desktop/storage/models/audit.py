"""The audit trail, office settings and file metadata."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class AuditEntry(Base):
    """Who did what, when, to which record, with the values before and after (JSON).

    The entries form a hash chain (schema 7, `storage/audit_chain.py`): `chain_hash` covers `prev_hash` and the
    entry's content, so an entry changed, removed or slipped in behind the program's back shows. `record_hash`
    is the content hash of a sealed record (approved realisasi, final PK, signed LKj, printed document) as this
    entry left it (`storage/record_seals.py`); "" when the record stopped being sealed.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_sealed", "entity", "entity_id", sqlite_where=text("record_hash IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(250))
    operation: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    record_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Setting(Base):
    """An office setting: a key and its JSON value."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MetaValue(Base):
    """Facts about the file itself (which program version wrote it, when it was made)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
