"""The documents the program prints, listed in one table (`KINDS`): each kind's label, how to gather its data,
and how to give its printed tables as plain data.

`prepare(db, request)` gathers the data of a document (plain frozen dataclasses) and says what it is
(title, subject, period). `render` lays it out with the title in the footer (the register's version and data
hash only when the office setting `print_document_code` asks for it, as a small "Kode dokumen");
`generate` renders and records it in the document register (ops/register.py). The CLI
(`sakip report KIND`) and the Dokumen page both go through here. A new kind is a new row of `KINDS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypedDict

from sakip_desktop.documents.berita_acara import prepare_berita_acara
from sakip_desktop.documents.e81_pdf import prepare_e81
from sakip_desktop.documents.e81_xlsx import e81_tables, e81_workbook
from sakip_desktop.documents.kit import load_setup
from sakip_desktop.documents.lke import prepare_lke  # issue 16 §1-2 (helper lke)
from sakip_desktop.documents.lke_xlsx import lke_tables, lke_workbook
from sakip_desktop.documents.lkj.build import prepare_lkj
from sakip_desktop.documents.lkj.sheets import lkj_tables
from sakip_desktop.documents.pengukuran import prepare_pengukuran
from sakip_desktop.documents.pk import prepare_pk
from sakip_desktop.documents.request import Builder, DocRequest, Prepared, SheetTable, TablesFn, is_draft, need
from sakip_desktop.documents.surat_pengantar import prepare_letter
from sakip_desktop.documents.tables import berita_acara_tables, pengukuran_tables, pk_tables, triwulan_tables
from sakip_desktop.documents.tl_lhe import prepare_tl_lhe, tl_lhe_tables  # issue 16 §3 (helper lhe)
from sakip_desktop.documents.triwulan import prepare_triwulan
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.register import DocumentRecordView, record_document, short_hash, version_for
from sakip_desktop.storage.database import Database

__all__ = [
    "KINDS",
    "Builder",
    "DocRequest",
    "Generated",
    "KindSpec",
    "Prepared",
    "SheetTable",
    "footer_note",
    "generate",
    "has_tables",
    "kinds",
    "need",
    "prepare",
    "preview",
    "render",
    "require_tables",
    "sheet_tables",
]


@dataclass(frozen=True)
class KindSpec:
    """A kind of document: its label in lists, the function that prepares it, and the one that gives its printed
    tables as plain data (None: nothing to export to .xlsx)."""

    kind: str
    label: str
    prepare: Callable[[Database, DocRequest], Prepared]
    tables: TablesFn | None = None
    # A kind whose .xlsx is laid out as its own form (Formulir E.81): (prepared, paper, margins cm) -> .xlsx bytes;
    # None: the tables go through the generic writer (`documents.tables_xlsx`).
    workbook: Callable[[Prepared, str, tuple[float, float, float, float]], bytes] | None = None


# Every kind the program prints, in the order the Dokumen page lists them.
KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec("pk", "Perjanjian Kinerja (PK)", prepare_pk, pk_tables),
        KindSpec("pengukuran", "Formulir Pengukuran Kinerja", prepare_pengukuran, pengukuran_tables),
        KindSpec("triwulan", "Laporan Kinerja Triwulan", prepare_triwulan, triwulan_tables),
        KindSpec("berita-acara", "Berita Acara Evaluasi Kinerja", prepare_berita_acara, berita_acara_tables),
        KindSpec("surat-pengantar", "Surat Pengantar", prepare_letter),
        KindSpec("lkj", "Laporan Kinerja (LKj) tahunan", prepare_lkj, lkj_tables),
        KindSpec("e81", "Formulir E.81 Evaluasi Renja", prepare_e81, e81_tables, e81_workbook),
        # the TL LHE matrix, ESR types 15 and 19 (issue 16 §3, helper lhe)
        KindSpec("tl-lhe", "Matriks TL LHE Inspektorat", prepare_tl_lhe, tl_lhe_tables),
        KindSpec("lke", "Penilaian Mandiri SAKIP (LKE)", prepare_lke, lke_tables, lke_workbook),  # helper lke
        KindSpec("tl-lhe-kemenpan", "Matriks TL LHE Kementerian PANRB", prepare_tl_lhe, tl_lhe_tables),
    )
}


def kinds() -> dict[str, KindSpec]:
    """Every kind, in the order of `KINDS`."""
    return KINDS


def prepare(db: Database, request: DocRequest) -> Prepared:
    """Gather the data of the requested document; `ValidationError` for an unknown kind or missing option."""
    spec = KINDS.get(request.kind)
    if spec is None:
        raise ValidationError(f"Jenis dokumen '{request.kind}' tidak dikenal.", field="kind")
    return spec.prepare(db, request)


def has_tables(kind: str) -> bool:
    """True when documents of `kind` print tables that can be exported (not the surat pengantar)."""
    spec = KINDS.get(kind)
    return spec is not None and spec.tables is not None


def require_tables(kind: str) -> None:
    """`ValidationError` when documents of `kind` print no table to export."""
    if not has_tables(kind):
        label = KINDS[kind].label if kind in KINDS else kind
        raise ValidationError(f"{label} tidak memuat tabel untuk diekspor ke Excel.", field="kind")


def sheet_tables(prepared: Prepared) -> list[SheetTable]:
    """The tables of a prepared document, built from the data its PDF is built from (`require_tables` first)."""
    require_tables(prepared.kind)
    tables = KINDS[prepared.kind].tables
    assert tables is not None
    return tables(prepared)


def footer_note(prepared: Prepared, version: int, *, with_code: bool = False) -> str:
    """'Perjanjian Kinerja Tahun 2025', or with the register's code 'Perjanjian Kinerja Tahun 2025 · Kode dokumen
    3fa1c9d2-2' (data hash and printing number in the register; not the version of the document's content)."""
    if not with_code:
        return prepared.title
    return f"{prepared.title} · Kode dokumen {short_hash(prepared.digest)}-{version}"


def render(db: Database, prepared: Prepared, out: Path | BinaryIO, *, paper: str | None = None) -> tuple[int, int]:
    """Build the PDF to `out` with the version it has (or would get) in the register; (pages, version)."""
    version = version_for(db, prepared.kind, prepared.subject_key, prepared.digest)
    setup = load_setup(db, paper=paper)
    note = footer_note(prepared, version, with_code=get_settings(db).print_document_code)
    pages = prepared.build(setup, prepared.data, out, note)
    return pages, version


@dataclass(frozen=True)
class Generated:
    """A generated document: the PDF bytes and its register line."""

    pdf: bytes
    pages: int
    record: DocumentRecordView


@dataclass(frozen=True)
class Built:
    """A document built for printing or saving, with the version it gets in the register; not yet recorded."""

    prepared: Prepared
    pdf: bytes
    pages: int
    paper: str
    version: int


def build_unrecorded(db: Database, request: DocRequest) -> Built:
    """Prepare and render the requested document; the register is not touched (`record_built` does that). Printing
    builds first and records only once the print went to the printer, so a cancelled print is not in the register."""
    prepared = prepare(db, request)
    buffer = io.BytesIO()
    setup = load_setup(db, paper=request.paper)
    version = version_for(db, prepared.kind, prepared.subject_key, prepared.digest)
    note = footer_note(prepared, version, with_code=get_settings(db).print_document_code)
    pages = prepared.build(setup, prepared.data, buffer, note)
    return Built(prepared, buffer.getvalue(), pages, setup.paper, version)


def record_built(db: Database, actor: Actor, built: Built) -> Generated:
    """Enter a built document in the register: its pages, paper and the checksum of the very PDF given out."""
    p = built.prepared
    what = _Printing(
        kind=p.kind,
        subject_key=p.subject_key,
        title=p.title,
        year=p.year,
        quarter=p.quarter,
        pages=built.pages,
        paper=built.paper,
        file_sha256=hashlib.sha256(built.pdf).hexdigest(),
        draft=is_draft(p),
    )
    if db.read_only or db.damage:
        # The file takes no writes: people still read and print; the printing is not entered in the register.
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        record = DocumentRecordView(
            id=0, version=built.version, data_hash=p.digest, generated_by=actor.name, generated_at=now, **what
        )
    else:
        from sakip_desktop.documents.pack_copies import keep_copy

        record = record_document(db, actor, digest=p.digest, **what)
        keep_copy(db, built.pdf)  # every registered printing is kept: the pack copies it while the data stays the same
    return Generated(pdf=built.pdf, pages=built.pages, record=record)


def generate(db: Database, actor: Actor, request: DocRequest) -> Generated:
    """Prepare, render and record a document for saving or opening elsewhere; the PDF comes back as bytes."""
    return record_built(db, actor, build_unrecorded(db, request))


class _Printing(TypedDict):
    """What a register line says about one printing, whether it is recorded or not."""

    kind: str
    subject_key: str
    title: str
    year: int
    quarter: int | None
    pages: int
    paper: str
    file_sha256: str
    draft: bool


def preview(db: Database, request: DocRequest) -> tuple[bytes, int]:
    """The PDF of a document without recording it (for the on-screen preview); (bytes, pages)."""
    prepared = prepare(db, request)
    buffer = io.BytesIO()
    pages, _ = render(db, prepared, buffer, paper=request.paper)
    return buffer.getvalue(), pages
