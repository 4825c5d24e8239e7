"""The self-assessment of SAKIP (LKE, PermenPAN-RB 88/2021) for the Inspektorat: a summary PDF signed by the Camat
(kind "lke") and the data the filled LKE workbook is written from (`documents.lke_xlsx`).

The summary gives the template, the score per component against its weight, the total and the predikat, how the
answers were reached (accepted from the records, overridden with a reason, answered by hand), and the criteria that
would raise the score most. It prints DRAF until the Camat has signed the assessment in the program.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from sakip_desktop.documents import kit
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.domain import formats
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.lke.score import rounded
from sakip_desktop.ops.lke.template import KIND_LABELS
from sakip_desktop.ops.lke.views import LkeView, lke_view
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import Signer, office_signer
from sakip_desktop.storage.database import Database

KIND = "lke"
GAPS_PRINTED = 10
SOURCE_LABELS = {
    "DOKUMEN": "Dokumen",
    "BUKTI": "Bukti dukung",
    "BUKTI_TL": "Bukti tindak lanjut",
    "PAKET": "Paket Kabupaten",
    "BERKAS": "Berkas",
}


@dataclass(frozen=True)
class LkeRow:
    """A row of the filled LKE: a component (level 0), sub-component (1) or criterion (2)."""

    level: int
    code: str
    text: str
    weight: Decimal | None  # components and sub-components
    kind: str  # 'AA-E' / 'Y/T' (criteria)
    evidence_asked: str
    answer: str
    value: Decimal | None
    points: Decimal  # the row's score: a criterion's points, a part's sum
    count: int  # the number of criteria under a sub-component (its score's divisor)
    note: str  # the reason of the proposal, the justification, the reason of an override
    evidence: str  # the evidence linked, one per line


@dataclass(frozen=True)
class LkeDoc:
    """Everything the summary and the filled workbook print."""

    office_title: str
    regency_title: str
    year: int
    template: str
    basis: str
    rows: tuple[LkeRow, ...]
    components: tuple[tuple[str, str, Decimal, Decimal], ...]  # code, name, weight, score
    total: Decimal
    predikat: str
    predikat_label: str
    interpretation: str
    counts: tuple[tuple[str, int], ...]  # how the answers were reached
    gaps: tuple[tuple[str, str, Decimal, str], ...]  # code, text, points, what would change it
    signer: Signer
    signed: bool
    sign_date: dt.date | None = None

    @property
    def draft(self) -> bool:
        """True until the Camat has signed the assessment in the program."""
        return not self.signed


def _note(line) -> str:
    parts = []
    if line.proposal and line.proposal.reason:
        parts.append(f"Usulan program {line.proposal.answer or '-'}: {line.proposal.reason}")
    if line.decision == "OVERRIDDEN":
        parts.append(f"Diubah: {line.override_reason}")
    if line.justification:
        parts.append(line.justification)
    return "\n".join(parts)


def _rows(view: LkeView) -> tuple[LkeRow, ...]:
    by_code = {p.code: p for p in (*view.score.components, *view.score.subcomponents)}
    scored = {c.criterion.code: c for c in view.score.criteria}
    out = []
    for comp in view.template.components:
        out.append(LkeRow(0, comp.code, comp.name, comp.weight, "", "", "", None, by_code[comp.code].score, 0, "", ""))
        for sub in comp.subcomponents:
            out.append(
                LkeRow(
                    1,
                    sub.code,
                    sub.name,
                    sub.weight,
                    "",
                    "",
                    "",
                    None,
                    by_code[sub.code].score,
                    len(sub.criteria),
                    "",
                    "",
                )
            )
            for c in sub.criteria:
                line, s = view.line(c.code), scored[c.code]
                evidence = "\n".join(f"{SOURCE_LABELS.get(e.source, e.source)}: {e.filename}" for e in line.evidence)
                out.append(
                    LkeRow(
                        2,
                        c.code,
                        c.text,
                        None,
                        KIND_LABELS[c.kind],
                        c.evidence,
                        s.answer,
                        s.value if s.answer else None,
                        s.points,
                        0,
                        _note(line),
                        evidence,
                    )
                )
    return tuple(out)


def _change(view: LkeView, code: str) -> str:
    proposal = view.line(code).proposal
    return proposal.change if proposal else ""


def lke_data(db: Database, view: LkeView, day: dt.date) -> LkeDoc:
    """The printed text of a year's self-assessment, signed on `day`."""
    profile = get_profile(db)
    decided = [x for x in view.lines if x.decision]
    counts = (
        ("Usulan program diterima", sum(1 for x in decided if x.decision == "ACCEPTED")),
        ("Usulan diubah dengan alasan", sum(1 for x in decided if x.decision == "OVERRIDDEN")),
        ("Dijawab sendiri (tanpa usulan)", sum(1 for x in decided if x.decision == "MANUAL")),
        ("Memakai usulan program, belum diputuskan", sum(1 for x in view.lines if not x.decision and x.effective)),
        ("Belum dijawab (dihitung 0)", view.score.unanswered),
    )
    gaps = tuple(
        (g.criterion.code, g.criterion.text, g.gap, _change(view, g.criterion.code) or g.criterion.evidence)
        for g in view.score.gaps[:GAPS_PRINTED]
    )
    band = view.score.band
    return LkeDoc(
        office_title=profile.office_title,
        regency_title=profile.regency_title,
        year=view.year,
        template=view.template.name,
        basis=view.template.basis,
        rows=_rows(view),
        components=tuple((c.code, c.name, c.weight, c.score) for c in view.score.components),
        total=view.score.total,
        predikat=band.code,
        predikat_label=band.label,
        interpretation=band.interpretation,
        counts=counts,
        gaps=gaps,
        signer=office_signer(db, day),
        signed=view.signed,
        sign_date=day,
    )


def prepare_lke(db: Database, request: DocRequest) -> Prepared:
    """The self-assessment of `request.year` as of the signing day (default today)."""
    if request.year is None:
        raise ValidationError("Sebutkan tahun yang dinilai (--year).", field="year")
    day = request.day or dt.date.today()
    doc = lke_data(db, lke_view(db, request.year, today=day), day)
    return Prepared(
        kind=KIND,
        title=f"Penilaian Mandiri SAKIP (LKE) Tahun {doc.year}",
        subject_key=str(doc.year),
        year=doc.year,
        quarter=None,
        data=doc,
        build=build_lke,
        digest_of=dataclasses.replace(doc, sign_date=None),
    )


def score_text(value: Decimal) -> str:
    """'36,66'."""
    return formats.number(rounded(value), 2)


def _head(doc: LkeDoc, st: kit.Styles, width: float) -> list:
    """Title, template, score and predikat, and the score per component."""
    lines = ["RINGKASAN PENILAIAN MANDIRI", "AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (LKE)",
             f"{doc.office_title.upper()} TAHUN {doc.year}"]  # fmt: skip
    story: list = kit.title_block(lines, st, space_after=4)
    pairs = [("Templat", doc.template), ("Dasar", doc.basis), ("Nilai", f"{score_text(doc.total)} dari 100"),
             ("Predikat", f"{doc.predikat} ({doc.predikat_label})")]  # fmt: skip
    story += [kit.field_table(pairs, width, st, 3 * cm), kit.para(doc.interpretation, st.small), Spacer(1, 6)]
    rows = [[code, name, formats.number(weight, 2), score_text(score)] for code, name, weight, score in doc.components]
    rows.append(["", "Jumlah", "100,00", score_text(doc.total)])
    widths = [1.2 * cm, width - 6.2 * cm, 2.5 * cm, 2.5 * cm]
    story.append(kit.data_table([["No", "Komponen", "Bobot", "Nilai"]], rows, widths, align="CLRR", total_rows=1))
    return story


def _answers_and_gaps(doc: LkeDoc, st: kit.Styles, width: float) -> list:
    """How the answers were reached, and the criteria that would raise the score most."""
    counts = [[label, str(n)] for label, n in doc.counts]
    story: list = [
        Spacer(1, 6),
        kit.para("Cara jawaban diperoleh", st.heading),
        kit.data_table([["Keterangan", "Kriteria"]], counts, [width - 2.5 * cm, 2.5 * cm], align="LR"),
    ]
    if doc.gaps:
        rows = [[code, text, formats.number(rounded(points), 2), change] for code, text, points, change in doc.gaps]
        widths = [1.4 * cm, width * 0.42, 2.2 * cm, width * 0.58 - 3.6 * cm]
        header = [["Kode", "Kriteria", "Tambahan nilai", "Yang perlu dilakukan"]]
        story += [
            Spacer(1, 6),
            kit.para("Kriteria yang paling menaikkan nilai", st.heading),
            kit.data_table(header, rows, widths, align="LLRL", size=8),
        ]
    return story


def build_lke(setup: kit.DocSetup, doc: LkeDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the summary as a portrait PDF; return the page count."""
    st = kit.styles(10)
    width = kit.frame_width(setup)
    story = _head(doc, st, width) + _answers_and_gaps(doc, st, width)
    tail: list = [Spacer(1, 10)]
    if doc.draft:
        footer_note = f"{DRAFT_PREFIX}{footer_note}"
        tail.append(kit.para("DRAF: penilaian mandiri belum ditandatangani Camat di SAKIP Desktop.", st.small))
    day = doc.sign_date or dt.date.today()
    tail.append(kit.signature_block(setup, doc.signer, place_date=kit.place_date(setup, day), width=8 * cm, size=10))
    story.append(KeepTogether(tail))
    title = f"Penilaian Mandiri SAKIP (LKE) Tahun {doc.year}"
    return kit.build_pdf(setup, story, out, title=title, kop="first", footer_note=footer_note)
