"""The LKj PDF through the document catalog: a preview (`render_lkj`) or a file recorded in the register
(`build_lkj`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sakip_desktop.documents.catalog import generate, prepare, render
from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.documents.lkj.build import KIND
from sakip_desktop.documents.request import DocRequest
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class LkjPdf:
    """What was written: pages, the data hash and the version it has in the register."""

    pages: int
    digest: str
    version: int
    paper: str


def render_lkj(
    db: Database, year: int, out: Path | BinaryIO, *, paper: str | None = None, day: dt.date | None = None
) -> LkjPdf:
    """Write the LKj of `year` to `out` without recording it (a preview)."""
    prepared = prepare(db, DocRequest(KIND, year=year, day=day, paper=paper))
    pages, version = render(db, prepared, out, paper=paper)
    return LkjPdf(pages, prepared.digest, version, paper_size(paper or get_settings(db).paper_size).name)


def build_lkj(
    db: Database, actor: Actor, year: int, out: Path, *, paper: str | None = None, day: dt.date | None = None
) -> LkjPdf:
    """Write the LKj PDF to `out` and record it in the document register (version by data hash)."""
    result = generate(db, actor, DocRequest(KIND, year=year, day=day, paper=paper))
    write_atomically(out, result.pdf)
    r = result.record
    return LkjPdf(result.pages, r.data_hash, r.version, r.paper)
