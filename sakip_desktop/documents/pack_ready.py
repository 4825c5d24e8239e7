"""The submission pack's checklist with the program's own documents looked at: an item the program prints (the PK,
the LKj, the FPK, the Laporan Triwulan, Formulir E.81) is 'siap' by itself once the document register holds a
printing of it made from the data as it is now and that printing was final (no DRAF): nobody has to click 'Siap'
for it. The status is derived on reading, never stored (reading writes nothing).

Each document is prepared (its data gathered, not laid out) once per reading; the pack (`documents.pack`) lays out
from the same prepared data, so nothing is gathered twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence

from sakip_desktop.documents.catalog import DocRequest, Prepared, prepare
from sakip_desktop.documents.request import is_draft
from sakip_desktop.errors import UserError
from sakip_desktop.ops.pack.checklist import ChecklistRow, checklist, period_rows
from sakip_desktop.ops.pack.due import BELUM, SIAP, document_year
from sakip_desktop.ops.register import data_hash
from sakip_desktop.storage.database import Database

Key = tuple[str, int, int]  # (kind, year, quarter 0-4)


def request_of(row: ChecklistRow, day: dt.date | None = None) -> DocRequest:
    """The program's document that fills `row` (its kind, year and quarter)."""
    kind = row.item.source_kind
    return DocRequest(kind, year=document_year(kind, row.year), quarter=row.quarter or None, day=day)


def key_of(row: ChecklistRow) -> Key:
    """The document of `row`, as a key shared by every line of the list that prints it."""
    return row.item.source_kind, row.year, row.quarter


@dataclasses.dataclass(frozen=True)
class _Hashed(Prepared):
    """A prepared document whose data hash is computed once (the register, the footer and the ready check each
    ask for it; on a large office hashing a document's data costs as much as gathering it)."""

    @functools.cached_property
    def digest(self) -> str:
        """sha256 of the canonical data, computed once."""
        return data_hash(self.data if self.digest_of is None else self.digest_of)


class Prepares:
    """The documents prepared during one reading, each once: the Prepared, or the `UserError` saying why the
    document cannot be made (no PK for the year, no realisasi yet)."""

    def __init__(self, db: Database, day: dt.date | None = None) -> None:
        self.db, self.day = db, day
        self.done: dict[Key, Prepared | UserError] = {}

    def get(self, row: ChecklistRow) -> Prepared | UserError:
        """The prepared document of `row` (an item the program prints)."""
        key = key_of(row)
        if key not in self.done:
            try:
                made = prepare(self.db, request_of(row, self.day))
                self.done[key] = _Hashed(**{f.name: getattr(made, f.name) for f in dataclasses.fields(made)})
            except UserError as exc:
                self.done[key] = exc
        return self.done[key]


def is_ready(row: ChecklistRow, prepares: Prepares) -> bool:
    """A final printing of the document, made from the data as it is now, is in the register."""
    if not row.item.source_kind or row.printed is None:
        return False
    prepared = prepares.get(row)
    if isinstance(prepared, UserError):
        return False
    return prepared.digest == row.printed.data_hash and not is_draft(prepared)


def with_ready(rows: Sequence[ChecklistRow], prepares: Prepares, today: dt.date) -> list[ChecklistRow]:
    """`rows` with the program's documents looked at (those a pack made `today` lists): why one cannot be made now
    (`blocked`, so it does not count as held), and 'siap' derived for those ready (`is_ready`); a status the
    office set (diunggah, diterima, ditolak) is kept as it is."""
    out = []
    for row in rows:
        if row.item.source_kind and not row.files and row.in_pack(today):
            prepared = prepares.get(row)
            if isinstance(prepared, UserError):
                row = dataclasses.replace(row, blocked=str(prepared))
            elif row.status == BELUM and is_ready(row, prepares):
                row = dataclasses.replace(row, status=SIAP, ready=True)
        out.append(row)
    return out


def pack_checklist(
    db: Database, year: int, today: dt.date, quarter: int | None = None, prepares: Prepares | None = None
) -> list[ChecklistRow]:
    """The checklist of the pack of `year` (or of TW `quarter`: its quarterly documents only), statuses derived."""
    rows = period_rows(checklist(db, year, today), quarter)
    return with_ready(rows, prepares or Prepares(db, today), today)
