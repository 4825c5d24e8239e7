"""The register of generated documents: what was printed or saved, from which data, when, by whom.

A document is identified by its kind and subject (e.g. kind "triwulan", subject "2025-TW3"). Its data
hash is the sha256 of the canonical JSON of the data it was built from. Regenerating with the same
data keeps the version; with changed data the version goes up by one, so a signed paper (whose
footer shows the version and the short hash) can be matched to its data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import DocumentRecord

_FIELDS = ("kind", "subject_key", "title", "year", "quarter", "version", "data_hash", "pages", "paper")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value


def data_hash(data: Any) -> str:
    """sha256 of the canonical JSON of `data` (dataclasses, dicts, lists, Decimal, dates, enums, bytes)."""
    canonical = json.dumps(_plain(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def short_hash(digest: str) -> str:
    """The first 8 hex digits, as printed in the footer."""
    return digest[:8]


@dataclass(frozen=True)
class DocumentRecordView:
    """One line of the register."""

    id: int
    kind: str
    subject_key: str
    title: str
    year: int
    quarter: int | None
    version: int
    data_hash: str
    file_sha256: str
    pages: int
    paper: str
    generated_by: str
    generated_at: dt.datetime
    draft: bool | None = None  # printed as DRAF (None: entered before the register said so; its PDF tells)

    @property
    def short_hash(self) -> str:
        """First 8 hex digits of the data hash."""
        return short_hash(self.data_hash)


def _view(r: DocumentRecord) -> DocumentRecordView:
    return DocumentRecordView(
        id=r.id,
        kind=r.kind,
        subject_key=r.subject_key,
        title=r.title,
        year=r.year,
        quarter=r.quarter,
        version=r.version,
        data_hash=r.data_hash,
        file_sha256=r.file_sha256,
        pages=r.pages,
        paper=r.paper,
        generated_by=r.generated_by,
        generated_at=r.generated_at,
        draft=r.draft,
    )


def _version_in(session: Session, kind: str, subject_key: str, digest: str) -> int:
    rows = session.execute(
        select(DocumentRecord.version, DocumentRecord.data_hash).where(
            DocumentRecord.kind == kind, DocumentRecord.subject_key == subject_key
        )
    ).all()
    for version, stored in rows:
        if stored == digest:
            return version
    return max((v for v, _ in rows), default=0) + 1


def version_for(db: Database, kind: str, subject_key: str, digest: str) -> int:
    """The version a document of `kind`/`subject_key` built from data `digest` has (or would get)."""
    with db.reading() as s:
        return _version_in(s, kind, subject_key, digest)


def record_document(
    db: Database,
    actor: Actor,
    *,
    kind: str,
    subject_key: str,
    title: str,
    year: int,
    quarter: int | None,
    digest: str,
    pages: int,
    paper: str,
    file_sha256: str = "",
    draft: bool | None = None,
    clock: Clock = utcnow,
) -> DocumentRecordView:
    """Operation 'Catat dokumen yang dicetak': one register line per printing or saving."""
    with write(db, actor, Op.DOCUMENT_RECORD, clock=clock) as tx:
        row = DocumentRecord(
            kind=kind,
            subject_key=subject_key,
            title=title,
            year=year,
            quarter=quarter,
            version=_version_in(tx.session, kind, subject_key, digest),
            data_hash=digest,
            file_sha256=file_sha256,
            pages=pages,
            paper=paper,
            generated_by=actor.name,
            generated_at=tx.now,
            draft=draft,
        )
        tx.session.add(row)
        tx.session.flush()
        tx.audit("document_record", row.id, None, snapshot(row, _FIELDS))
        return _view(row)


def list_documents(db: Database, year: int | None = None, kind: str | None = None) -> list[DocumentRecordView]:
    """The register, newest first; filtered by year and kind when given."""
    q = select(DocumentRecord)
    if year is not None:
        q = q.where(DocumentRecord.year == year)
    if kind is not None:
        q = q.where(DocumentRecord.kind == kind)
    with db.reading() as s:
        return [_view(r) for r in s.scalars(q.order_by(DocumentRecord.generated_at.desc(), DocumentRecord.id.desc()))]
