"""Copies of the PDFs the submission pack printed, so that preparing a pack again does not lay out again a document
whose registered printing is still current.

The document register (`ops.register`) records each printing with the hash of its data and the checksum
(sha256) of the very PDF given out, not the file. The pack keeps the PDFs it prints here, named by that checksum,
in a hidden folder beside the office's database. When the register's newest printing of a document was made from
the data as it is now (same data hash, same paper) and its file is here and still matches its checksum, the pack
copies it instead of printing it again: the same registered file, with the date it was printed and signed.
Only the newest printing of each document is kept; anything missing or damaged here is simply printed again.
A database without a file (a server) keeps no copies.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from sakip_desktop.files import write_atomically
from sakip_desktop.ops.register import list_documents
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


def prune_copies(db: Database, years: Iterable[int]) -> None:
    """Drop the kept PDFs of `years` that are no longer the newest printing of their document."""
    folder = copies_dir(db)
    if folder is None or not folder.is_dir():
        return
    newest: dict[tuple[str, str], str] = {}
    stale: set[str] = set()
    for year in years:
        for record in list_documents(db, year):  # newest first
            key = (record.kind, record.subject_key)
            if key in newest:
                stale.add(record.file_sha256)
            else:
                newest[key] = record.file_sha256
    for sha in stale - set(newest.values()):
        try:
            os.remove(folder / f"{sha}.pdf")
        except OSError:
            continue
