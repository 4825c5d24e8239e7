"""The documents the program prints, by kind: how to gather each one's data and build its PDF.

`prepare(db, request)` gathers the data of a document (plain frozen dataclasses) and says what it is
(title, subject, period). `render` lays it out with the version and short data hash in the footer;
`generate` renders and records it in the document register (ops/document_register.py). The CLI
(`sakip report KIND`) and the Dokumen page both go through here. A new kind registers itself with
`register_kind` (the LKj does so from its own module).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sakip_desktop.documents.kit import DocSetup, load_setup
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.register import DocumentRecordView, data_hash, record_document, short_hash, version_for
from sakip_desktop.storage.database import Database

Builder = Callable[[DocSetup, Any, "Path | BinaryIO", str], int]


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
class KindSpec:
    """A kind of document: its label in lists and the function that prepares it."""

    kind: str
    label: str
    prepare: Callable[[Database, DocRequest], Prepared]


KINDS: dict[str, KindSpec] = {}
BUILTIN = ("pk", "pengukuran", "triwulan", "berita_acara", "surat_pengantar")
OPTIONAL = ("lkj",)  # written separately; known once its module exists


def register_kind(kind: str, label: str, prepare_fn: Callable[[Database, DocRequest], Prepared]) -> None:
    """Make a document kind known to `prepare`, the CLI and the Dokumen page."""
    KINDS[kind] = KindSpec(kind, label, prepare_fn)


def _load_builtin() -> None:
    # The modules register themselves on import; imported here so `KINDS` is complete on first use.
    for name in BUILTIN:
        importlib.import_module(f"sakip_desktop.documents.{name}")
    for name in OPTIONAL:
        try:
            importlib.import_module(f"sakip_desktop.documents.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"sakip_desktop.documents.{name}":
                raise


def kinds() -> dict[str, KindSpec]:
    """Every known kind, in registration order."""
    _load_builtin()
    return KINDS


def prepare(db: Database, request: DocRequest) -> Prepared:
    """Gather the data of the requested document; `ValidationError` for an unknown kind or missing option."""
    spec = kinds().get(request.kind)
    if spec is None:
        raise ValidationError(f"Jenis dokumen '{request.kind}' tidak dikenal.", field="kind")
    return spec.prepare(db, request)


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
    rows: tuple[tuple[str | None, ...], ...]
    widths: tuple[float, ...]  # column widths in characters
    numeric: frozenset[int] = frozenset()
    header_merges: tuple[tuple[int, int, int, int], ...] = ()
    total_rows: int = 0


TablesFn = Callable[[Prepared], "list[SheetTable]"]
TABLES: dict[str, TablesFn] = {}


def register_tables(kind: str, tables_fn: TablesFn) -> None:
    """Let a kind give its printed tables as plain data (for the .xlsx export)."""
    TABLES[kind] = tables_fn


def has_tables(kind: str) -> bool:
    """True when documents of `kind` print tables that can be exported (not the surat pengantar)."""
    kinds()
    importlib.import_module("sakip_desktop.documents.tables")
    return kind in TABLES


def require_tables(kind: str) -> None:
    """`ValidationError` when documents of `kind` print no table to export."""
    if not has_tables(kind):
        label = KINDS[kind].label if kind in KINDS else kind
        raise ValidationError(f"{label} tidak memuat tabel untuk diekspor ke Excel.", field="kind")


def sheet_tables(prepared: Prepared) -> list[SheetTable]:
    """The tables of a prepared document, built from the data its PDF is built from (`require_tables` first)."""
    require_tables(prepared.kind)
    return TABLES[prepared.kind](prepared)


def footer_note(prepared: Prepared, version: int) -> str:
    """'Perjanjian Kinerja Tahun 2025 · Versi 2 · Data 3fa1c9d2'."""
    return f"{prepared.title} · Versi {version} · Data {short_hash(prepared.digest)}"


def render(db: Database, prepared: Prepared, out: Path | BinaryIO, *, paper: str | None = None) -> tuple[int, int]:
    """Build the PDF to `out` with the version it has (or would get) in the register; (pages, version)."""
    version = version_for(db, prepared.kind, prepared.subject_key, prepared.digest)
    setup = load_setup(db, paper=paper)
    pages = prepared.build(setup, prepared.data, out, footer_note(prepared, version))
    return pages, version


@dataclass(frozen=True)
class Generated:
    """A generated document: the PDF bytes and its register line."""

    pdf: bytes
    pages: int
    record: DocumentRecordView


def generate(db: Database, actor: Actor, request: DocRequest) -> Generated:
    """Prepare, render and record a document for printing or saving; the PDF comes back as bytes."""
    prepared = prepare(db, request)
    buffer = io.BytesIO()
    setup = load_setup(db, paper=request.paper)
    version = version_for(db, prepared.kind, prepared.subject_key, prepared.digest)
    pages = prepared.build(setup, prepared.data, buffer, footer_note(prepared, version))
    pdf = buffer.getvalue()
    what = {
        "kind": prepared.kind,
        "subject_key": prepared.subject_key,
        "title": prepared.title,
        "year": prepared.year,
        "quarter": prepared.quarter,
        "pages": pages,
        "paper": setup.paper,
        "file_sha256": hashlib.sha256(pdf).hexdigest(),
    }
    if db.read_only or db.damage:
        # The file takes no writes: people still read and print; the printing is not entered in the register.
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        record = DocumentRecordView(
            id=0, version=version, data_hash=prepared.digest, generated_by=actor.name, generated_at=now, **what
        )
    else:
        record = record_document(db, actor, digest=prepared.digest, **what)
    return Generated(pdf=pdf, pages=pages, record=record)


def preview(db: Database, request: DocRequest) -> tuple[bytes, int]:
    """The PDF of a document without recording it (for the on-screen preview); (bytes, pages)."""
    prepared = prepare(db, request)
    buffer = io.BytesIO()
    pages, _ = render(db, prepared, buffer, paper=request.paper)
    return buffer.getvalue(), pages


def need(value: Any, message: str, field: str) -> Any:
    """`value`, or `ValidationError(message)` when it is None."""
    if value is None:
        raise ValidationError(message, field=field)
    return value


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
