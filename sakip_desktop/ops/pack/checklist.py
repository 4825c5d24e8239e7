"""Reads of the submission pack: the office's list of expected documents, the checklist of a year (each item with
its deadline, status, the program's latest printing or the attached files), an item's history, the overdue items
for "Menunggu Anda" and the Dasbor, and an attached file's bytes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.errors import NotFound
from sakip_desktop.ops.pack.due import (
    BELUM,
    DEFAULT_TYPES,
    DIUNGGAH,
    STATUS_LABELS,
    TYPE_COLUMNS,
    ItemType,
    LateDocument,
    document_year,
    is_overdue,
    late_from_rows,
    periods_of,
    uploaded_late,
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
    ready: bool = False  # 'siap' because a final printing of the current data is in the register (not stored)
    blocked: str = ""  # why the program cannot make its document now ('Belum ada PK …'), when it was looked at

    @property
    def uploaded_late(self) -> bool:
        """True when it was uploaded after its deadline: kept whatever status follows (diterima, ditolak)."""
        return uploaded_late(self.item, self.year, self.quarter, self.uploaded_on)

    @property
    def status_label(self) -> str:
        """'Diunggah 03-03-2026', 'Diunggah terlambat (12-10-2025)', 'Diterima, diunggah terlambat (12-10-2025)',
        'Ditolak', 'Belum'."""
        label = STATUS_LABELS.get(self.status, self.status)
        if not self.uploaded_on or self.status == BELUM:
            return label
        day = f"{self.uploaded_on:%d-%m-%Y}"
        if not self.uploaded_late:
            return f"{label} {day}"
        return f"Diunggah terlambat ({day})" if self.status == DIUNGGAH else f"{label}, diunggah terlambat ({day})"

    @property
    def deadline_text(self) -> str:
        """'10-10-2025', '10-10-2025 (terlambat)', '10-10-2025 (diunggah terlambat)'."""
        if self.overdue:
            return f"{self.deadline:%d-%m-%Y} (terlambat)"
        if self.uploaded_late:
            return f"{self.deadline:%d-%m-%Y} (diunggah terlambat)"
        return f"{self.deadline:%d-%m-%Y}"

    def in_pack(self, today: dt.date) -> bool:
        """Whether a pack prepared `today` lists it: a yearly document always, a quarterly one once its quarter has
        ended (the pack's cover and the screen's count use this one rule, `pack_count`)."""
        if not self.quarter:
            return True
        end_month = 3 * self.quarter
        return dt.date(self.year + (end_month == 12), end_month % 12 + 1, 1) <= today

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
            if self.blocked:
                return f"Dibuat program, belum dapat dibuat: {self.blocked.rstrip('.')}"
            if self.printed is None:
                return "Dibuat program (belum pernah dicetak)"
            final = ", final" if self.ready else ""
            return f"Dibuat program, versi {self.printed.version}{final} ({self.printed.generated_at:%d-%m-%Y})"
        return "Belum ada berkas"

    @property
    def has_content(self) -> bool:
        """True when the pack can hold a PDF for it (a file attached, or a document the program can print now)."""
        return bool(self.files) or (bool(self.item.source_kind) and not self.blocked)


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


@dataclass(frozen=True)
class PackCount:
    """How many expected documents a pack prepared today lists, and how many of them it can hold a PDF for: the
    one count the screen's header and the cover sheet both show ('11 dari 21')."""

    expected: int
    held: int
    waiting: int  # quarterly documents of a quarter not yet ended (listed on screen, not yet in a pack)

    @property
    def text(self) -> str:
        """'11 dari 21 dokumen ada untuk paket'."""
        return f"{self.held} dari {self.expected} dokumen ada untuk paket"


def pack_count(rows: Sequence[ChecklistRow], today: dt.date) -> PackCount:
    """The count of the pack of `rows` prepared `today` (`ChecklistRow.in_pack`, `has_content`)."""
    listed = [r for r in rows if r.in_pack(today)]
    return PackCount(len(listed), sum(1 for r in listed if r.has_content), len(rows) - len(listed))


def period_rows(rows: Sequence[ChecklistRow], quarter: int | None) -> list[ChecklistRow]:
    """The rows of a pack: the whole year (None: yearly and quarterly documents), or TW `quarter`: only the
    quarterly documents of that quarter (a yearly one belongs to the year's pack, with its own deadline)."""
    if not quarter:
        return list(rows)
    return [r for r in rows if r.quarter == quarter]


def _printed(records: list[DocumentRecordView], item: ItemType, year: int, quarter: int) -> DocumentRecordView | None:
    if not item.source_kind:
        return None
    wanted, printed_year = quarter or None, document_year(item.source_kind, year)
    office_pk = f"pk:{year}:kantor:"  # the office's PK, not a unit's
    return next(
        (
            r
            for r in records
            if r.kind == item.source_kind
            and r.year == printed_year
            and r.quarter == wanted
            and (item.source_kind != "pk" or r.subject_key.startswith(office_pk))
        ),
        None,
    )


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
    records = list_documents(db, year) + list_documents(db, year - 1)  # newest first (TL LHE: the year before)
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
                    printed=_printed(records, item, year, quarter),
                )
            )
    return rows


def overdue_items(db: Database, today: dt.date) -> list[LateDocument]:
    """The required documents past their deadline and not uploaded (or rejected), oldest deadline first: the rule of
    the first screen (`due.late_from_rows`: this year's and last year's, from the list and its deadlines alone),
    read through the ORM for the other screens and the command line. Reads only."""
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
    if new.get("late"):
        text += " terlambat"
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
