"""What every document kind shares: the request for a document, its prepared data, its tables as plain data.

A kind's module (`documents.pk`, `documents.pengukuran`, …) prepares a `Prepared` from a `DocRequest`; the
catalog (`documents.catalog`) lists the kinds and renders, records and exports them. The kinds import only
this module, so the catalog can import the kinds without a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sakip_desktop.documents.kit import DocSetup
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.register import data_hash

Builder = Callable[[DocSetup, Any, "Path | BinaryIO", str], int]
Row = tuple[str | None, ...]  # one row of a `SheetTable`: cells as printed, None for an empty cell


@dataclass(frozen=True)
class DocRequest:
    """Which document: its kind and the subject/period options that kind uses."""

    kind: str
    year: int | None = None
    quarter: int | None = None  # None: the whole year (pengukuran)
    agreement_id: int | None = None
    unit_id: int | None = None
    meeting_id: int | None = None
    letter_id: int | None = None
    day: dt.date | None = None  # signing date; defaults per kind
    paper: str | None = None  # "A4"/"F4"; None: the office setting


@dataclass(frozen=True)
class Prepared:
    """A document's data and identity, ready to render."""

    kind: str
    title: str
    subject_key: str
    year: int
    quarter: int | None
    data: Any
    build: Builder
    digest_of: Any = None  # what the data hash covers, when not all of `data` (e.g. without the print date)

    @property
    def digest(self) -> str:
        """sha256 of the canonical data."""
        return data_hash(self.data if self.digest_of is None else self.digest_of)


@dataclass(frozen=True)
class SheetTable:
    """A table of a document as plain data, for the .xlsx export (`documents.tables_xlsx`).

    Cells are what the PDF prints (the same strings, from the same prepared data); the columns in
    `numeric` hold numbers printed the Indonesian way ("1.234,56", "87,50%", "24"), which the writer
    stores as numbers. `header_merges` are (first_row, first_col, last_row, last_col) within the header
    rows, 0-based; the last `total_rows` rows are the Jumlah / rata-rata lines.
    """

    sheet: str  # the sheet's name (at most 31 characters, unique in the workbook)
    title: str  # the table's caption in the PDF
    subtitle: str  # the office and the period
    header_rows: tuple[tuple[str, ...], ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]  # column widths in characters
    numeric: frozenset[int] = frozenset()
    header_merges: tuple[tuple[int, int, int, int], ...] = ()
    total_rows: int = 0
    notes: tuple[str, ...] = ()  # printed under the table (a source, what the rata-rata counts)
    group_rows: frozenset[int] = frozenset()  # rows heading the rows below (a sasaran over its indicators): bold


TablesFn = Callable[[Prepared], "list[SheetTable]"]


def need(value: Any, message: str, field: str) -> Any:
    """`value`, or `ValidationError(message)` when it is None."""
    if value is None:
        raise ValidationError(message, field=field)
    return value


def is_draft(prepared: Prepared) -> bool:
    """Whether the document prints as DRAF (its PDF carries the watermark): the kind's own rule, read from its data
    (E.81, FPK, Laporan Triwulan: `draft`; the LKj: its view not final; the berita acara: the meeting not final;
    the PK: a draft version)."""
    data: Any = prepared.data
    draft = getattr(data, "draft", None)
    if isinstance(draft, bool):
        return draft
    view = getattr(data, "view", None)
    if view is not None and isinstance(getattr(view, "is_final", None), bool):
        return not view.is_final
    final = getattr(data, "final", None)
    if isinstance(final, bool):
        return not final
    return str(getattr(data, "status", "")) == "DRAFT"
