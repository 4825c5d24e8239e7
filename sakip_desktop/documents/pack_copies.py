"""Copies of the PDFs the submission pack printed, so that preparing a pack again does not lay out again a document
whose registered printing is still current.

The document register (`ops.register`) records each printing with the hash of its data and the checksum
(sha256) of the very PDF given out, not the file. The pack keeps the PDFs it prints here, named by that checksum,
in a hidden folder beside the office's database. When the register's newest printing of a document was made from
the data as it is now (same data hash, same paper) and its file is here and still matches its checksum, the pack
copies it instead of printing it again: the same registered file, with the date it was printed and signed.
Only the newest printing of each document is kept, and the newest FINAL one (no DRAF) when the newest is a draft:
an item already sent to the kabupaten goes into the pack as the final printing that was sent (`final_copy`).
Anything missing or damaged here is simply printed again. A database without a file (a server) keeps no copies.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from sakip_desktop.documents.kit.pages import DRAFT_PREFIX, DRAFT_WORD
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.register import DocumentRecordView, list_documents
from sakip_desktop.storage.database import Database


def copies_dir(db: Database) -> Path | None:
    """'.<database file>.cetakan' beside the database file; None for a database without a file."""
    path: Path | None = getattr(db, "path", None)  # None for a server database (NoDatabaseFile, an AttributeError)
    if path is None:
        return None
    return path.parent / f".{path.name}.cetakan"


def find_copy(db: Database, sha256: str) -> bytes | None:
    """The kept PDF whose checksum is `sha256`, verified; None when there is none (or it no longer matches)."""
    folder = copies_dir(db)
    if folder is None or len(sha256) != 64:
        return None
    try:
        data = (folder / f"{sha256}.pdf").read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def keep_copy(db: Database, pdf: bytes) -> None:
    """Keep a printed PDF under its checksum (a folder that cannot be written keeps nothing: it is only a saving)."""
    folder = copies_dir(db)
    if folder is None or db.read_only:
        return
    try:
        folder.mkdir(exist_ok=True)
        write_atomically(folder / f"{hashlib.sha256(pdf).hexdigest()}.pdf", pdf)
    except OSError:
        return


def is_draft_pdf(data: bytes) -> bool:
    """Whether a printed PDF is a DRAF: its first page carries the DRAF watermark and a footer 'DRAF · …'."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        text = page.get_textpage().get_text_range()
    finally:
        pdf.close()
    lines = [line.strip() for line in text.splitlines()]
    return any(line == DRAFT_WORD or line.startswith(DRAFT_PREFIX.strip()) for line in lines)


def final_copy(db: Database, record: DocumentRecordView) -> tuple[DocumentRecordView, bytes] | None:
    """The newest registered printing of `record`'s document that is final (not DRAF) and whose file is kept here:
    (its register line, the very file); None when there is none."""
    for older in list_documents(db, record.year, record.kind):  # newest first
        if older.subject_key != record.subject_key:
            continue
        if older.draft:
            continue
        data = find_copy(db, older.file_sha256)
        if data is not None and not _draft(older, data):
            return older, data
    return None


def prune_copies(db: Database, years: Iterable[int]) -> None:
    """Drop the kept PDFs of `years` that are neither the newest printing of their document nor its newest older
    final one (the newest is kept unread; an older printing is read only while no final one was found for it)."""
    folder = copies_dir(db)
    if folder is None or not folder.is_dir():
        return
    keep: set[str] = set()
    newest: set[tuple[str, str]] = set()
    final: set[tuple[str, str]] = set()
    stale: set[str] = set()
    for year in years:
        for record in list_documents(db, year):  # newest first
            key = (record.kind, record.subject_key)
            if key not in newest:
                newest.add(key)
                keep.add(record.file_sha256)
            elif key not in final and _kept_final(db, record):
                final.add(key)
                keep.add(record.file_sha256)
            else:
                stale.add(record.file_sha256)
    for sha in stale - keep:
        try:
            os.remove(folder / f"{sha}.pdf")
        except OSError:
            continue


def _draft(record: DocumentRecordView, data: bytes) -> bool:
    """Whether a printing is a DRAF: as the register says, or (a printing entered before schema 17) as its PDF says."""
    return record.draft if record.draft is not None else is_draft_pdf(data)


def _kept_final(db: Database, record: DocumentRecordView) -> bool:
    if record.draft:
        return False
    data = find_copy(db, record.file_sha256)
    return data is not None and not _draft(record, data)
