"""A document printed in two steps: built first (its PDF, with the version it would get in the register), recorded
in the document register only once it has gone to the printer.

`catalog.generate` builds and records at once (saving a PDF, opening it in another program). Printing may still be
cancelled in the print dialog, or fail; the register should then not say it was printed. The PDF built here is the
one printed and the one whose checksum is recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from sakip_desktop.documents.catalog import Generated, footer_note, prepare
from sakip_desktop.documents.kit import load_setup
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.register import DocumentRecordView, record_document, version_for
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class Built:
    """A document built for printing, not yet recorded."""

    prepared: Prepared
    pdf: bytes
    pages: int
    paper: str
    version: int


def build_for_print(db: Database, request: DocRequest) -> Built:
    """Prepare and render the requested document with the version it gets when recorded."""
    prepared = prepare(db, request)
    buffer = io.BytesIO()
    setup = load_setup(db, paper=request.paper)
    version = version_for(db, prepared.kind, prepared.subject_key, prepared.digest)
    note = footer_note(prepared, version, with_code=get_settings(db).print_document_code)
    pages = prepared.build(setup, prepared.data, buffer, note)
    return Built(prepared, buffer.getvalue(), pages, setup.paper, version)


def record_print(db: Database, actor: Actor, built: Built) -> Generated:
    """Enter the printed document in the register (not when the file takes no writes: read-only or damaged)."""
    p = built.prepared
    sha = hashlib.sha256(built.pdf).hexdigest()
    if db.read_only or db.damage:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        record = DocumentRecordView(
            id=0,
            kind=p.kind,
            subject_key=p.subject_key,
            title=p.title,
            year=p.year,
            quarter=p.quarter,
            version=built.version,
            data_hash=p.digest,
            file_sha256=sha,
            pages=built.pages,
            paper=built.paper,
            generated_by=actor.name,
            generated_at=now,
        )
    else:
        record = record_document(
            db,
            actor,
            kind=p.kind,
            subject_key=p.subject_key,
            title=p.title,
            year=p.year,
            quarter=p.quarter,
            digest=p.digest,
            pages=built.pages,
            paper=built.paper,
            file_sha256=sha,
        )
    return Generated(pdf=built.pdf, pages=built.pages, record=record)
