"""Reads of the submission pack: the office's list of expected documents, the checklist of a year (each item with
its deadline, status, the program's latest printing or the attached files), an item's history, the overdue items
for "Menunggu Anda" and the Dasbor, and an attached file's bytes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.errors import NotFound
from sakip_desktop.ops.pack.due import (
    BELUM,
    DEFAULT_TYPES,
    STATUS_LABELS,
    TYPE_COLUMNS,
    ItemType,
    LateDocument,
    is_overdue,
    late_from_rows,
    periods_of,
)
from sakip_desktop.ops.realisation.evidence import EvidenceFile, EvidenceView, verified_bytes
from sakip_desktop.ops.register import DocumentRecordView, list_documents
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class ChecklistRow:
    """One expected document of one period: its list line, deadline and status, and what fills it."""

    item: ItemType
    year: int
    quarter: int  # 0: the whole year
    item_id: int | None  # None: no status stored yet ('belum')
    status: str
    uploaded_on: dt.date | None
    note: str
    updated_by: str
    updated_at: dt.datetime | None
    deadline: dt.date
    overdue: bool
    files: tuple[EvidenceView, ...]  # attached, oldest first
    printed: DocumentRecordView | None  # the program's latest printing of this document, when it prints one

    @property
    def status_label(self) -> str:
        """'Diunggah 03-03-2026', 'Ditolak', 'Belum'."""
        label = STATUS_LABELS.get(self.status, self.status)
        return f"{label} {self.uploaded_on:%d-%m-%Y}" if self.uploaded_on and self.status != BELUM else label

    @property
    def period(self) -> str:
        """'TW III 2025' or '2025'."""
        return f"TW {('I', 'II', 'III', 'IV')[self.quarter - 1]} {self.year}" if self.quarter else str(self.year)

    @property
    def source_text(self) -> str:
        """What the pack will take: the newest attached file, else the program's document, else nothing yet."""
        if self.files:
            return f"Berkas: {self.files[-1].filename}"
        if self.item.source_kind:
            if self.printed is None:
                return "Dibuat program (belum pernah dicetak)"
            return f"Dibuat program, versi {self.printed.version} ({self.printed.generated_at:%d-%m-%Y})"
        return "Belum ada berkas"

    @property
    def has_content(self) -> bool:
        """True when the pack can hold a PDF for it (a file attached, or a document the program prints)."""
        return bool(self.files) or bool(self.item.source_kind)


@dataclass(frozen=True)
class HistoryLine:
    """One change of an item's status, as the audit trail keeps it."""

    at: dt.datetime  # UTC
    by: str
    what: str  # 'Diunggah 03-03-2026', 'Ditolak: <catatan>', 'Berkas dilampirkan: scan.pdf'


def _type(row: m.PackItemType) -> ItemType:
    return ItemType(
        row.code,
        row.title,
        row.esr_type,
        row.source_kind,
        row.per_quarter,
        row.due_months,
        row.due_day,
        row.required,
        row.sort_order,
        row.id,
    )


def types_in(session: Session) -> list[ItemType]:
    """The office's list (active lines in order); the default list while the office has stored none."""
    rows = session.scalars(select(m.PackItemType).order_by(m.PackItemType.sort_order, m.PackItemType.id)).all()
    if not rows:
        return list(DEFAULT_TYPES)
    return [_type(r) for r in rows if r.active]


def item_types(db: Database) -> list[ItemType]:
    """The office's list of expected documents, in order."""
    with db.reading() as s:
        return types_in(s)


def _printed(records: list[DocumentRecordView], item: ItemType, quarter: int) -> DocumentRecordView | None:
    if not item.source_kind:
        return None
    wanted = quarter or None
    return next((r for r in records if r.kind == item.source_kind and r.quarter == wanted), None)


def checklist(db: Database, year: int, today: dt.date) -> list[ChecklistRow]:
    """Every expected document of `year` (a quarterly one per quarter), in the list's order."""
    with db.reading() as s:
        types = types_in(s)
        query_items = select(
            m.PackItem.type_id, m.PackItem.quarter, m.PackItem.id, m.PackItem.status, m.PackItem.uploaded_on,
            m.PackItem.note, m.PackItem.updated_by, m.PackItem.updated_at,
        ).where(m.PackItem.year == year)  # fmt: skip
        stored = {(r.type_id, r.quarter): r for r in s.execute(query_items).all()}
        files: dict[int, list[EvidenceView]] = {}
        query = (
            select(m.PackFile.id, m.PackFile.item_id, m.PackFile.filename, m.PackFile.size, m.PackFile.sha256,
                   m.PackFile.added_by, m.PackFile.added_at)
            .join(m.PackItem, m.PackItem.id == m.PackFile.item_id)
            .where(m.PackItem.year == year)
            .order_by(m.PackFile.id)
        )  # fmt: skip
        for fid, item_id, name, size, sha, by, at in s.execute(query).all():
            files.setdefault(item_id, []).append(EvidenceView(fid, name, size, sha, by, at))
    records = list_documents(db, year)  # newest first
    rows = []
    for item in types:
        for quarter in periods_of(item):
            got = stored.get((item.id, quarter)) if item.id is not None else None
            status = got.status if got else BELUM
            rows.append(
                ChecklistRow(
                    item=item,
                    year=year,
                    quarter=quarter,
                    item_id=got.id if got else None,
                    status=status,
                    uploaded_on=got.uploaded_on if got else None,
                    note=got.note if got else "",
                    updated_by=got.updated_by if got else "",
                    updated_at=got.updated_at if got else None,
                    deadline=item.deadline(year, quarter),
                    overdue=is_overdue(item, year, quarter, status, today),
                    files=tuple(files.get(got.id, ())) if got else (),
                    printed=_printed(records, item, quarter),
                )
            )
    return rows


def overdue_items(db: Database, today: dt.date) -> list[LateDocument]:
    """The required documents past their deadline and not uploaded (or rejected), oldest deadline first: the rule of
    the first screen (`due.late_from_rows`, this year and the last, once the office keeps its pack), read through
    the ORM for the other screens and the command line."""
    with db.reading() as s:
        types = s.execute(select(*(getattr(m.PackItemType, c.strip()) for c in TYPE_COLUMNS.split(",")))
                          .order_by(m.PackItemType.sort_order, m.PackItemType.id)).all()  # fmt: skip
        statuses = s.execute(
            select(m.PackItemType.code, m.PackItem.year, m.PackItem.quarter, m.PackItem.status).join(
                m.PackItemType, m.PackItemType.id == m.PackItem.type_id
            )
        ).all()
        plans = s.execute(select(m.StrategicPlan.start_year, m.StrategicPlan.end_year)).all()
        targets = s.scalars(select(m.YearlyTarget.year).distinct()).all()
    years = {y for start, end in plans for y in range(start, end + 1)} | set(targets)
    return late_from_rows(types, statuses, years, today)


def _history_text(new: dict[str, object], old: dict[str, object]) -> str:
    if "filename" in new:
        return f"Berkas dilampirkan: {new['filename']}"
    status = str(new.get("status", old.get("status", "")))
    text = STATUS_LABELS.get(status, status or "Diubah")
    if new.get("uploaded_on"):
        day = dt.date.fromisoformat(str(new["uploaded_on"]))
        text += f" {day:%d-%m-%Y}"
    if new.get("note"):
        text += f": {new['note']}"
    return text


def history(db: Database, item_id: int) -> list[HistoryLine]:
    """The changes of an item (status, date, note, files attached), oldest first."""
    with db.reading() as s:
        file_ids = list(s.scalars(select(m.PackFile.id).where(m.PackFile.item_id == item_id)))
        entries = s.scalars(
            select(m.AuditEntry)
            .where(
                ((m.AuditEntry.entity == "pack_item") & (m.AuditEntry.entity_id == item_id))
                | ((m.AuditEntry.entity == "pack_file") & m.AuditEntry.entity_id.in_(file_ids))
            )
            .order_by(m.AuditEntry.id)
        ).all()
        lines = []
        for e in entries:
            new = json.loads(e.new) if e.new else {}
            old = json.loads(e.old) if e.old else {}
            if e.entity == "pack_item" and e.old is None and new.get("status") == BELUM:
                continue  # the item's first record, made by its first change: that change follows
            lines.append(HistoryLine(e.at, e.actor_name, _history_text(new, old)))
    return lines


def read_pack_file(db: Database, file_id: int) -> EvidenceFile:
    """An attached file with its bytes; `NotFound` when gone, `DatabaseError` when damaged."""
    with db.reading() as s:
        f = s.get(m.PackFile, file_id)
        if f is None:
            raise NotFound("Berkas paket tidak ditemukan; mungkin sudah dihapus.")
        return EvidenceFile(f.id, f.filename, verified_bytes(f.filename, f.data, f.sha256), f.sha256)
