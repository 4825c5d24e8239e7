"""Writes of the submission pack: the office's list of expected documents (add, change, remove a line), an item's
status (belum, siap, diunggah with its date, diterima, ditolak with the verifikator's note) and its attached files.

Every write stores the default list first when the office has none stored yet, so the items it sets have a line
to belong to. Attached files are kept inside the database as bukti dukung are (`ops.realisation.evidence`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.pack.due import (
    BELUM,
    DEFAULT_TYPES,
    DITOLAK,
    DIUNGGAH,
    ESR_TYPES,
    PRODUCED_KINDS,
    QUARTER_KINDS,
    SIAP,
    STATUS_LABELS,
    ItemType,
    periods_of,
    uploaded_late,
)
from sakip_desktop.ops.realisation.evidence import check_evidence
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

_TYPE_FIELDS = ("code", "title", "esr_type", "source_kind", "per_quarter", "due_months", "due_day", "required",
                "sort_order", "active")  # fmt: skip
_ITEM_FIELDS = ("type_id", "year", "quarter", "status", "uploaded_on", "note")


def _ensure_types(tx: Tx) -> None:
    """Store the default list when the office has none yet."""
    if tx.session.scalar(select(func.count(m.PackItemType.id))):
        return
    for item in DEFAULT_TYPES:
        _add_type(tx, item)


def _add_type(tx: Tx, item: ItemType) -> m.PackItemType:
    row = m.PackItemType(
        code=item.code,
        title=item.title,
        esr_type=item.esr_type,
        source_kind=item.source_kind,
        per_quarter=item.per_quarter,
        due_months=item.due_months,
        due_day=item.due_day,
        required=item.required,
        sort_order=item.sort_order,
        active=True,
    )
    tx.session.add(row)
    tx.session.flush()
    tx.audit("pack_item_type", row.id, None, snapshot(row, _TYPE_FIELDS))
    return row


def _checked(item: ItemType) -> ItemType:
    title = " ".join(item.title.split())
    if not title:
        raise ValidationError("Nama dokumen dalam daftar paket wajib diisi.", field="title")
    if item.esr_type not in ESR_TYPES:
        raise ValidationError(f"Jenis dokumen ESR '{item.esr_type}' tidak dikenal; pilih dari daftar.", field="esr")
    if item.source_kind and item.source_kind not in PRODUCED_KINDS:
        raise ValidationError(f"Dokumen program '{item.source_kind}' tidak dikenal.", field="source_kind")
    if item.source_kind in QUARTER_KINDS and not item.per_quarter:
        label = PRODUCED_KINDS[item.source_kind]
        raise ValidationError(f"{label} dibuat per triwulan; tandai '{title}' sebagai dokumen triwulanan.",
                              field="per_quarter")  # fmt: skip
    if not 1 <= item.due_day <= 31:
        raise ValidationError(f"Tanggal batas waktu '{title}' harus 1–31; yang diisi {item.due_day}.", field="due_day")
    if not 0 <= item.due_months <= 24:
        raise ValidationError(
            f"Batas waktu '{title}' harus 0–24 bulan setelah awal periode; yang diisi {item.due_months}.",
            field="due_months",
        )
    code = item.code.strip() or "-".join(title.lower().split())[:40]
    return item._replace(title=title, code=code)


def save_item_type(db: Database, actor: Actor, item: ItemType, *, clock: Clock = utcnow) -> ItemType:
    """Operation 'Ubah daftar paket Kabupaten': change the line `item.id` (or, without an id, the line of code
    `item.code`: a line of the default list not stored yet), or add a new line (no id, no code)."""
    with write(db, actor, Op.PACK_LIST_SAVE, clock=clock) as tx:
        _ensure_types(tx)
        by_code = bool(item.code.strip())
        item = _checked(item)
        if item.id is not None:
            found = tx.session.get(m.PackItemType, item.id)
        elif by_code:
            found = tx.session.scalar(select(m.PackItemType).where(m.PackItemType.code == item.code))
        else:
            found = None
        if (found is None and (item.id is not None or by_code)) or (found is not None and not found.active):
            raise NotFound("Baris daftar paket itu tidak ditemukan; mungkin sudah dihapus.")
        if found is None:
            return _new_type(tx, item)
        before = snapshot(found, _TYPE_FIELDS)
        found.title, found.esr_type, found.source_kind = item.title, item.esr_type, item.source_kind
        found.per_quarter, found.due_months, found.due_day = item.per_quarter, item.due_months, item.due_day
        found.required = item.required
        tx.audit("pack_item_type", found.id, before, snapshot(found, _TYPE_FIELDS))
        return item._replace(id=found.id, code=found.code, sort_order=found.sort_order)


def _new_type(tx: Tx, item: ItemType) -> ItemType:
    """Add `item` at the end of the list, under a code no other line has."""
    if tx.session.scalar(select(m.PackItemType.id).where(m.PackItemType.code == item.code)) is not None:
        item = item._replace(code=f"{item.code[:33]}-{tx.now:%H%M%S}")
    last = tx.session.scalar(select(func.max(m.PackItemType.sort_order))) or 0
    row = _add_type(tx, item._replace(sort_order=last + 1))
    return item._replace(id=row.id, sort_order=row.sort_order)


def remove_item_type(db: Database, actor: Actor, code: str, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus baris daftar paket Kabupaten': the line leaves the list; statuses and files already
    recorded for it are kept (and come back if the line is added again under the same code)."""
    with write(db, actor, Op.PACK_LIST_REMOVE, clock=clock) as tx:
        _ensure_types(tx)
        found = tx.session.scalar(select(m.PackItemType).where(m.PackItemType.code == code))
        if found is None or not found.active:
            raise NotFound("Baris daftar paket itu tidak ditemukan; mungkin sudah dihapus.")
        found.active = False
        tx.audit("pack_item_type", found.id, {"active": True}, {"active": False})


def _item(tx: Tx, code: str, year: int, quarter: int) -> m.PackItem:
    """The item of line `code` for the period, created ('belum') when it has none yet."""
    _ensure_types(tx)
    kind = tx.session.scalar(select(m.PackItemType).where(m.PackItemType.code == code, m.PackItemType.active))
    if kind is None:
        raise NotFound(f"'{code}' tidak ada dalam daftar paket Kabupaten.")
    wanted = ItemType(kind.code, kind.title, kind.esr_type, per_quarter=kind.per_quarter)
    if quarter not in periods_of(wanted):
        what = "triwulan 1–4" if kind.per_quarter else "tahunan (tanpa triwulan)"
        raise ValidationError(f"'{kind.title}' adalah dokumen {what}.", field="quarter")
    row = tx.session.scalar(
        select(m.PackItem).where(m.PackItem.type_id == kind.id, m.PackItem.year == year, m.PackItem.quarter == quarter)
    )
    if row is None:
        row = m.PackItem(type_id=kind.id, year=year, quarter=quarter, status=BELUM, note="", updated_by="")
        tx.session.add(row)
        tx.session.flush()
        tx.audit("pack_item", row.id, None, snapshot(row, _ITEM_FIELDS))
    return row


def set_status(
    db: Database,
    actor: Actor,
    code: str,
    year: int,
    quarter: int,
    status: str,
    *,
    uploaded_on: dt.date | None = None,
    note: str = "",
    clock: Clock = utcnow,
) -> int:
    """Operation 'Ubah status berkas paket Kabupaten': set an item's status. 'Diunggah' keeps its date (today when
    none is given); 'Ditolak' needs the verifikator's note. Returns the item's id."""
    if status not in STATUS_LABELS:
        raise ValidationError(f"Status '{status}' tidak dikenal.", field="status")
    note = note.strip()
    if status == DITOLAK and not note:
        raise ValidationError("Tulis catatan verifikator: mengapa berkas ini ditolak.", field="note")
    with write(db, actor, Op.PACK_STATUS_SET, clock=clock) as tx:
        row = _item(tx, code, year, quarter)
        before = snapshot(row, _ITEM_FIELDS)
        if status == DITOLAK and row.uploaded_on is None:
            raise ValidationError(
                "Berkas ini belum pernah diunggah, jadi belum dapat ditolak verifikator. Tandai dulu 'Diunggah' "
                "dengan tanggal unggahnya, lalu 'Ditolak' dengan catatannya.",
                field="status",
            )
        if status == DIUNGGAH:
            row.uploaded_on = uploaded_on or tx.now.date()
        elif status == BELUM:
            row.uploaded_on = None
        row.status, row.note = status, note
        row.updated_by, row.updated_at = actor.name, tx.now
        after = snapshot(row, _ITEM_FIELDS)
        if status == DIUNGGAH and _late(tx, row):
            after["late"] = True  # the trail keeps that it was uploaded after the deadline in force then
        tx.audit("pack_item", row.id, before, after)
        return row.id


def _late(tx: Tx, row: m.PackItem) -> bool:
    kind = tx.session.get(m.PackItemType, row.type_id)
    if kind is None:
        return False
    item = ItemType(kind.code, kind.title, kind.esr_type, per_quarter=kind.per_quarter, due_months=kind.due_months,
                    due_day=kind.due_day)  # fmt: skip
    return uploaded_late(item, row.year, row.quarter, row.uploaded_on)


def attach_file(
    db: Database, actor: Actor, code: str, year: int, quarter: int, filename: str, data: bytes, *, clock: Clock = utcnow
) -> int:
    """Operation 'Lampirkan berkas paket Kabupaten': a PDF (a scanned signed page, a DPA) for the item; the pack
    takes the newest. An item still 'belum' becomes 'siap'. Returns the file's id."""
    checked = check_evidence(filename, data)
    if not data.startswith(b"%PDF"):
        raise ValidationError(f"Berkas '{checked.name}' bukan PDF; paket Kabupaten hanya memuat PDF.", field="data")
    with write(db, actor, Op.PACK_FILE_ATTACH, clock=clock) as tx:
        row = _item(tx, code, year, quarter)
        stored = m.PackFile(item_id=row.id, filename=checked.name, size=checked.size, sha256=checked.sha256,
                            data=data, added_by=actor.name, added_at=tx.now)  # fmt: skip
        tx.session.add(stored)
        tx.session.flush()
        tx.audit("pack_file", stored.id, None, snapshot(stored, ("item_id", "filename", "size")))
        if row.status == BELUM:
            before = snapshot(row, _ITEM_FIELDS)
            row.status, row.updated_by, row.updated_at = SIAP, actor.name, tx.now
            tx.audit("pack_item", row.id, before, snapshot(row, _ITEM_FIELDS))
        return stored.id
