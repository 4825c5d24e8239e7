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

from reportlab.platypus import Flowable

from sakip_desktop.documents.kit import DocSetup, Signer, frame_width, office_signer, styles
from sakip_desktop.documents.lkj.bab3 import bab3, bab4, lampiran
from sakip_desktop.documents.lkj.chapters import Ctx, bab1, bab2, cover, front_matter
from sakip_desktop.documents.lkj.layout import build
from sakip_desktop.documents.pk import find_agreement
from sakip_desktop.documents.request import DocRequest, Prepared, need
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.agreements.common import Status
from sakip_desktop.ops.agreements.views import AgreementDetail, agreement_versions, get_agreement
from sakip_desktop.ops.desa.fraction import Breakdown, period_breakdowns
from sakip_desktop.ops.lkj.sections import LkjView, lkj_view
from sakip_desktop.ops.register import data_hash
from sakip_desktop.storage.database import Database

KIND = "lkj"


@dataclass(frozen=True)
class LkjDoc:
    """What the LKj PDF is built from: the year's view, the signer and the signing date, and the office's PK of the
    year (Lampiran 1; None when the program holds none)."""

    view: LkjView
    signer: Signer
    day: dt.date
    agreement: AgreementDetail | None = None
    desa: tuple[Breakdown, ...] = ()  # the per-desa breakdown of each indicator over desa (Bab III)


def lkj_digest(view: LkjView, agreement: AgreementDetail | None = None) -> str:
    """The hash of everything printed: the data, every section's text, the comparisons and the PK of Lampiran 1
    (not the signature date)."""
    return data_hash(_digest_of(view, agreement))


def _digest_of(view: LkjView, agreement: AgreementDetail | None) -> dict:
    sections = {s.key: s.text for s in view.sections}
    return {"data": view.data, "sections": sections, "history": view.history, "agreement": agreement}


def office_agreement(db: Database, year: int) -> AgreementDetail | None:
    """The office's PK of `year` for Lampiran 1: its newest FINAL version (a PK Perubahan still in draft does not
    replace the signed one), else the PK the PK document prints (a draft), or None."""
    versions = agreement_versions(db, year, None)
    final = next((v.agreement_id for v in versions if v.status is Status.FINAL and v.agreement_id is not None), None)
    try:
        return get_agreement(db, final if final is not None else find_agreement(db, year, None))
    except NotFound:
        return None


def prepare_lkj(db: Database, request: DocRequest) -> Prepared:
    """Gather the LKj of `request.year` for the catalog."""
    year = need(request.year, "Tahun LKj wajib diisi.", "year")
    view = lkj_view(db, year)
    agreement = office_agreement(db, year)
    desa = period_breakdowns(db, year, view.data.measure.measured_to)
    day = view.signed.signed_on if view.signed else (request.day or dt.date.today())
    return Prepared(
        kind=KIND,
        title=f"Laporan Kinerja Tahun {year}",
        subject_key=str(year),
        year=year,
        quarter=None,
        data=LkjDoc(view, office_signer(db, day), day, agreement, desa),
        build=build_lkj_pdf,
        digest_of={**_digest_of(view, agreement), **({"desa": desa} if desa else {})},
    )


def lkj_context(setup: DocSetup, doc: LkjDoc) -> Ctx:
    """What the chapter builders need, on the office's paper."""
    return Ctx(
        setup=setup,
        view=doc.view,
        st=styles(11),
        width=frame_width(setup, "portrait"),
        land_width=frame_width(setup, "landscape"),
        signer=doc.signer,
        day=doc.day,
        agreement=doc.agreement,
        desa=doc.desa,
    )


def lkj_story(doc: LkjDoc, setup: DocSetup | None = None) -> list[Flowable]:
    """The LKj as flowables, cover to lampiran: the one story the PDF lays out and the Word file and the .xlsx
    export are made from (`lkj.docx`, `lkj.tables`). Without `setup`: the office of the data on A4."""
    ctx = lkj_context(setup or DocSetup(profile=doc.view.data.office, logo=None), doc)
    return cover(ctx) + front_matter(ctx) + bab1(ctx) + bab2(ctx) + bab3(ctx) + bab4(ctx) + lampiran(ctx)


def build_lkj_pdf(setup: DocSetup, doc: LkjDoc, out: Path | BinaryIO, footer: str) -> int:
    """Lay out the LKj on the office's paper and return the page count (the catalog's builder)."""
    story = lkj_story(doc, setup)
    title = f"Laporan Kinerja {setup.profile.office_title} Tahun {doc.view.year}"
    footer = f"{setup.profile.office_title} · {footer}"
    # Unreviewed sections or figures that are not final: the paper says DRAF (LkjView.missing lists why).
    return build(setup, story, out, title=title, footer=footer, draft=not doc.view.is_final)
