"""The annual Laporan Kinerja (LKj) as a PDF ready for the Camat's signature (regulations.md §1.3, §1.5, §6).

Cover; kata pengantar signed by the Camat; ikhtisar eksekutif; daftar isi with real page numbers;
Bab I Pendahuluan; Bab II Perencanaan Kinerja (PK summary); Bab III Akuntabilitas Kinerja (A. capaian
per sasaran with the seven analyses, B. realisasi anggaran); Bab IV Penutup; lampiran (the PK, the
Formulir Pengukuran Kinerja). Narrative sections print the text the office saved, or the draft.

The kind "lkj" is a row of the document catalog (`documents.catalog.KINDS`), so `sakip report lkj`, the
Dokumen page and the register treat it like every other document (`lkj.output` saves it through the
catalog). The signature date is the date the Camat marked as signed when the LKj is locked, otherwise the
requested day (default today); the data hash covers the data and every section's text, not that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sakip_desktop.documents.kit import DocSetup, Signer, frame_width, office_signer, styles
from sakip_desktop.documents.lkj.bab3 import bab3, bab4, lampiran
from sakip_desktop.documents.lkj.chapters import Ctx, bab1, bab2, cover, front_matter
from sakip_desktop.documents.lkj.layout import build
from sakip_desktop.documents.request import DocRequest, Prepared, need
from sakip_desktop.ops.lkj.sections import LkjView, lkj_view
from sakip_desktop.ops.register import data_hash
from sakip_desktop.storage.database import Database

KIND = "lkj"


@dataclass(frozen=True)
class LkjDoc:
    """What the LKj PDF is built from: the year's view, the signer and the signing date."""

    view: LkjView
    signer: Signer
    day: dt.date


def lkj_digest(view: LkjView) -> str:
    """The hash of everything printed: the data and every section's text (not the signature date)."""
    return data_hash(_digest_of(view))


def _digest_of(view: LkjView) -> dict:
    return {"data": view.data, "sections": {s.key: s.text for s in view.sections}}


def prepare_lkj(db: Database, request: DocRequest) -> Prepared:
    """Gather the LKj of `request.year` for the catalog."""
    year = need(request.year, "Tahun LKj wajib diisi.", "year")
    view = lkj_view(db, year)
    day = view.signed.signed_on if view.signed else (request.day or dt.date.today())
    return Prepared(
        kind=KIND,
        title=f"Laporan Kinerja Tahun {year}",
        subject_key=str(year),
        year=year,
        quarter=None,
        data=LkjDoc(view, office_signer(db, day), day),
        build=build_lkj_pdf,
        digest_of=_digest_of(view),
    )


def build_lkj_pdf(setup: DocSetup, doc: LkjDoc, out: Path | BinaryIO, footer: str) -> int:
    """Lay out the LKj on the office's paper and return the page count (the catalog's builder)."""
    ctx = Ctx(
        setup=setup,
        view=doc.view,
        st=styles(11),
        width=frame_width(setup, "portrait"),
        land_width=frame_width(setup, "landscape"),
        signer=doc.signer,
        day=doc.day,
    )
    story = cover(ctx) + front_matter(ctx) + bab1(ctx) + bab2(ctx) + bab3(ctx) + bab4(ctx) + lampiran(ctx)
    title = f"Laporan Kinerja {setup.profile.office_title} Tahun {doc.view.year}"
    footer = f"{setup.profile.office_title} · {footer}"
    # Unreviewed sections or figures that are not final: the paper says DRAF (LkjView.missing lists why).
    return build(setup, story, out, title=title, footer=footer, draft=not doc.view.is_final)
