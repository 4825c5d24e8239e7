"""The submission pack's late documents for the first screen ("Menunggu Anda" of the Camat and the Tim SAKIP, the
Camat's Dasbor), read in plain SQL like `first_reads` (kept apart: that module is at its size limit). The rule is
`ops.pack.due` (pure); the ORM twin for the other screens is `ops.pack.checklist.overdue_items`."""

from __future__ import annotations

import datetime as dt

from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.pack.due import TYPE_COLUMNS, LateDocument, late_from_rows
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

_FLAGS: dict[str, sql.Converter] = {name: sql.boolean for name in ("per_quarter", "required", "active")}


def late_documents(db: Database, today: dt.date) -> list[LateDocument]:
    """The required documents past their deadline and not uploaded (or rejected), oldest first, of the years
    `ops.pack.due.late_from_rows` reminds of: pending work never disappears (issue 13 §1)."""
    with db.plain_reading() as s:
        types = sql.rows(s, f"SELECT {TYPE_COLUMNS} FROM pack_item_type ORDER BY sort_order, id", types=_FLAGS)
        statuses = sql.rows(
            s, "SELECT t.code, i.year, i.quarter, i.status FROM pack_item i JOIN pack_item_type t ON t.id = i.type_id"
        )
    return late_from_rows(types, statuses, first_reads.plan_years(db), today)
