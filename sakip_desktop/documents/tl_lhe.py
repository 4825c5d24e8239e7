"""Matriks Tindak Lanjut LHE AKIP (kabupaten.md §3): for each rekomendasi of an LHE of the Inspektorat (kind
"tl-lhe", ESR type 15) or of the Kementerian PANRB ("tl-lhe-kemenpan", ESR type 19), its rencana aksi tindak lanjut
(RATL) with batas waktu, the penanggung jawab and the status/progres with the bukti files; landscape, kop on the
first page, signed by the Camat. It prints DRAF while a rekomendasi has no RATL or the Camat has not checked the
matrix (`ops.lhe.views.LheDetail.missing`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from sakip_desktop.documents import kit
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX
from sakip_desktop.documents.request import DocRequest, Prepared, SheetTable
from sakip_desktop.domain import formats
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.lhe.rules import INSPEKTORAT, KEMENPAN, PREDIKAT_LABELS, evaluator_title
from sakip_desktop.ops.lhe.views import LheDetail, RecommendationView, find_lhe, lhe_detail
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import Signer, office_signer
from sakip_desktop.storage.database import Database

KIND, KIND_KEMENPAN = "tl-lhe", "tl-lhe-kemenpan"
EVALUATOR_OF_KIND = {KIND: INSPEKTORAT, KIND_KEMENPAN: KEMENPAN}
HEADER = (
    "No",
    "Rekomendasi",
    "Rencana Aksi Tindak Lanjut (RATL)",
    "Penanggung Jawab",
    "Batas Waktu",
    "Status/Progres Penyelesaian",
)
NO_ACTION = "Belum ditetapkan"


@dataclass(frozen=True)
class TlRow:
    """One printed row: a RATL of a rekomendasi (the rekomendasi's first RATL carries its number and text)."""

    number: str | None  # None: a further RATL of the rekomendasi above
    recommendation: str | None
    action: str
    responsible: str
    due: str
    status: str


@dataclass(frozen=True)
class TlLheDoc:
    """Everything the matrix prints."""

    office_title: str
    evaluator: str  # 'Inspektorat Kabupaten Contoh'
    number: str
    letter_date: dt.date
    year: int
    score: str  # '72,50'
    predikat: str  # 'BB (Sangat Baik)'
    rows: tuple[TlRow, ...]
    signer: Signer
    missing: tuple[str, ...]  # why it is a DRAF (empty: final)
    sign_date: dt.date | None = None

    @property
    def draft(self) -> bool:
        return bool(self.missing)


def _status(f: FollowUpView, evidence: tuple[str, ...]) -> str:
    """'Selesai (100%)', what was done, 'Bukti: a.pdf; b.jpg'."""
    head = f"{f.status_label} ({f.progress}%)" + (", melewati batas waktu" if f.overdue else "")
    lines = [f"{head}: {f.progress_note}" if f.progress_note else head]
    lines.append("Bukti: " + ("; ".join(evidence) if evidence else "belum ada"))
    return "\n".join(lines)


def _rows(rec: RecommendationView) -> list[TlRow]:
    if not rec.actions:
        return [TlRow(str(rec.number), rec.text, NO_ACTION, "-", "-", "-")]
    rows = []
    for n, f in enumerate(rec.actions):
        who = f"{f.responsible}\n{f.responsible_title}".strip()
        first = n == 0
        rows.append(
            TlRow(
                str(rec.number) if first else None,
                rec.text if first else None,
                f.action,
                who,
                formats.long_date(f.due_on),
                _status(f, rec.evidence.get(f.id, ())),
            )
        )
    return rows


def tl_lhe_data(db: Database, detail: LheDetail, day: dt.date) -> TlLheDoc:
    """The matrix of an LHE as printed text, signed on `day`."""
    profile = get_profile(db)
    lhe = detail.lhe
    label = PREDIKAT_LABELS.get(lhe.predikat, "")
    return TlLheDoc(
        office_title=profile.office_title,
        evaluator=evaluator_title(lhe.evaluator, profile.regency_title),
        number=lhe.number,
        letter_date=lhe.letter_date,
        year=lhe.year,
        score=formats.number(lhe.score, 2),
        predikat=f"{lhe.predikat} ({label})" if label else lhe.predikat,
        rows=tuple(row for rec in detail.recommendations for row in _rows(rec)),
        signer=office_signer(db, day),
        missing=detail.missing,
        sign_date=day,
    )


def prepare_tl_lhe(db: Database, request: DocRequest) -> Prepared:
    """The TL LHE matrix of the LHE on `request.year` (the year evaluated) of the kind's evaluator."""
    evaluator = EVALUATOR_OF_KIND[request.kind]
    if request.year is None:
        raise ValidationError("Sebutkan tahun yang dievaluasi LHE (--year).", field="year")
    lhe_id = find_lhe(db, evaluator, request.year)
    if lhe_id is None:
        who = evaluator_title(evaluator, "").strip()
        raise ValidationError(f"Belum ada LHE {who} atas tahun {request.year} yang dicatat.", field="year")
    day = request.day or dt.date.today()
    doc = tl_lhe_data(db, lhe_detail(db, lhe_id, day), day)
    return Prepared(
        kind=request.kind,
        title=f"Matriks TL LHE {doc.evaluator} Tahun {doc.year}",
        subject_key=f"{evaluator.lower()}-{doc.year}",
        year=doc.year,
        quarter=None,
        data=doc,
        build=build_tl_lhe,
        digest_of=dataclasses.replace(doc, sign_date=None),
    )


def _table_rows(doc: TlLheDoc) -> list[list[str | None]]:
    return [[r.number, r.recommendation, r.action, r.responsible, r.due, r.status] for r in doc.rows] or [
        ["", "LHE ini belum memiliki rekomendasi.", "", "", "", ""]
    ]


def build_tl_lhe(setup: kit.DocSetup, doc: TlLheDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the matrix as a landscape PDF; return the page count."""
    st = kit.styles(10)
    width = kit.frame_width(setup, "landscape")
    story: list = kit.title_block(
        [
            "MATRIKS TINDAK LANJUT LAPORAN HASIL EVALUASI AKIP",
            f"{doc.office_title.upper()} TAHUN {doc.year}",
        ],
        st,
        space_after=2,
    )
    story.append(
        kit.field_table(
            [
                ("LHE", f"{doc.evaluator} Nomor {doc.number}, tanggal {formats.long_date(doc.letter_date)}"),
                ("Nilai / Predikat", f"{doc.score} / {doc.predikat}"),
            ],
            width,
            st,
            label_width=3.6 * cm,
        )
    )
    story.append(Spacer(1, 4))
    rows = _table_rows(doc)
    fixed = [0.9 * cm, 4.4 * cm, 2.5 * cm]
    rest = width - sum(fixed)
    widths = [fixed[0], rest * 0.31, rest * 0.31, fixed[1], fixed[2], rest * 0.38]
    spans = kit.group_spans([r[0] for r in rows], 0) + kit.group_spans([r[1] for r in rows], 1)
    story.append(kit.data_table([list(HEADER)], rows, widths, align="CLLLCL", size=8.5, spans=spans))
    tail: list = []
    if doc.draft:
        footer_note = f"{DRAFT_PREFIX}{footer_note}"
        tail.append(kit.para(f"DRAF, belum final: {'; '.join(doc.missing)}.", st.small))
    day = doc.sign_date or dt.date.today()
    tail.append(kit.signature_block(setup, doc.signer, place_date=kit.place_date(setup, day), width=9 * cm, size=9))
    story.append(KeepTogether(tail))
    return kit.build_pdf(
        setup,
        story,
        out,
        title=f"Matriks TL LHE {doc.evaluator} Tahun {doc.year}",
        orientation="landscape",
        kop="first",
        footer_note=footer_note,
    )


def tl_lhe_tables(prepared: Prepared) -> list[SheetTable]:
    """The matrix as one sheet, the same cells as the PDF."""
    doc: TlLheDoc = prepared.data
    rows = tuple(tuple(cell if cell is not None else "" for cell in row) for row in _table_rows(doc))
    return [
        SheetTable(
            sheet="Matriks TL LHE",
            title=f"Matriks Tindak Lanjut LHE AKIP {doc.evaluator} Tahun {doc.year}",
            subtitle=f"{doc.office_title}; LHE {doc.number}, nilai {doc.score} / {doc.predikat}",
            header_rows=(HEADER,),
            rows=rows,
            widths=(5, 45, 45, 28, 16, 50),
            notes=(f"DRAF, belum final: {'; '.join(doc.missing)}.",) if doc.draft else (),
        )
    ]
