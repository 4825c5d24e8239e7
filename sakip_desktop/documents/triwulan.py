"""Laporan Kinerja Triwulan (regulations.md §5), landscape, signed by the Camat.

A. per sasaran and indicator (`measure_rows`, the row builder the FPK shares): target tahunan, target TW I–IV,
realisasi TW I–IV (up to the reported quarter), realisasi s.d. TW n, the capaian s.d. TW n against the target s.d.
TW n with its category, and the progress against the yearly target (not graded); the rata-rata by the office's rule;
B. the budget per program per quarter with serapan; C–E. faktor pendukung, faktor penghambat and tindak lanjut as
the Kasi wrote them with the realisasi of the quarter. Table A is built once as data (`capaian_sheet`) for the PDF
and the .xlsx.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph

from sakip_desktop.documents import kit
from sakip_desktop.documents.measure_rows import (
    MEAN_LABEL,
    PROGRESS,
    IndicatorLine,
    MeanLine,
    indicator_lines,
    mean_line,
    measures_note,
    pdf_spans,
)
from sakip_desktop.documents.measure_text import no_data_notes, percent_text, revision_lines, revision_notes
from sakip_desktop.documents.request import DocRequest, Prepared, SheetTable
from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.measurement.budget import budget_measurement
from sakip_desktop.ops.measurement.capaian import MeasurementRow, measure
from sakip_desktop.ops.measurement.summary import average_note
from sakip_desktop.ops.measurement.year import not_final_count, rated
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.org.signers import office_signer
from sakip_desktop.ops.realisation.narratives import quarter_narratives
from sakip_desktop.ops.realisation.views import period_revisions
from sakip_desktop.storage.database import Database

KIND = "triwulan"


TwRow = IndicatorLine  # one indicator line of table A: the FPK's row builder (`measure_rows`)


@dataclass(frozen=True)
class TwBudgetRow:
    """A program: pagu, realisasi per quarter, total to date, serapan."""

    no: str
    program: str
    ceiling: str
    spent: tuple[str, str, str, str]
    to_date: str
    absorption: str


@dataclass(frozen=True)
class Narrative:
    """One indicator's text under faktor pendukung / penghambat / tindak lanjut."""

    indicator: str
    text: str


@dataclass(frozen=True)
class TriwulanDoc:
    """Everything the quarterly report prints."""

    office_title: str
    year: int
    quarter: int
    rows: tuple[IndicatorLine, ...]
    mean: MeanLine
    budget: tuple[TwBudgetRow, ...]
    supporting: tuple[Narrative, ...]
    inhibiting: tuple[Narrative, ...]
    follow_up: tuple[Narrative, ...]
    signer: kit.Signer
    sign_date: dt.date | None = None
    revisions: tuple[str, ...] = ()  # approved values changed later, with the reason
    notes: tuple[str, ...] = ()  # under table A: "belum ada data", how the rata-rata is taken, the two measures
    unapproved: int = 0  # indicators whose realisasi of the quarter is missing or not yet approved: a DRAF

    @property
    def draft(self) -> bool:
        """The report is final only when every indicator's realisasi of the quarter is in and approved."""
        return self.unapproved > 0


def _narratives(db: Database, year: int, quarter: int) -> tuple[tuple[Narrative, ...], ...]:
    rows = quarter_narratives(db, year, quarter)
    out: list[tuple[Narrative, ...]] = []
    for texts in ([r.supporting for r in rows], [r.inhibiting for r in rows], [r.follow_up for r in rows]):
        out.append(tuple(Narrative(r.name, " ".join(t.split())) for r, t in zip(rows, texts, strict=True) if t.strip()))
    return tuple(out)


def _budget(db: Database, year: int, quarter: int) -> tuple[TwBudgetRow, ...]:
    by_q = [budget_measurement(db, year, q) for q in range(1, quarter + 1)]
    last = by_q[-1]
    lines = [*last.programs, last.total]
    out = []
    for n, line in enumerate(lines, start=1):
        key = line.code
        cumulative = [next((p.spent_to_date for p in (*m.programs, m.total) if p.code == key), 0) for m in by_q]
        spent = [cumulative[0]] + [b - a for a, b in itertools.pairwise(cumulative)]
        cells = [formats.rupiah_figure(v) for v in spent] + [""] * (4 - len(spent))
        out.append(
            TwBudgetRow(
                no="" if line is last.total else str(n),
                program="Jumlah" if line is last.total else f"{line.code} {line.name}".strip(),
                ceiling=formats.rupiah_figure(line.ceiling),
                spent=tuple(cells),  # type: ignore[arg-type]
                to_date=formats.rupiah_figure(line.spent_to_date),
                absorption=percent_text(line.absorption),
            )
        )
    return tuple(out)


def triwulan_data(db: Database, year: int, quarter: int, day: dt.date) -> TriwulanDoc:
    """Measure TW I..`quarter` and gather the budget and narratives of the quarter."""
    per_q = [measure(db, year, q) for q in range(1, 5)]
    measured = per_q[quarter - 1]
    rows = rated(measured)  # an indicator without realisasi in the quarter: "belum ada data"
    average = get_settings(db).achievement_average
    supporting, inhibiting, follow_up = _narratives(db, year, quarter)
    return TriwulanDoc(
        office_title=get_profile(db).office_title,
        year=year,
        quarter=quarter,
        rows=indicator_lines(rows, quarters=per_q),
        mean=mean_line(rows, average),
        budget=_budget(db, year, quarter),
        supporting=supporting,
        inhibiting=inhibiting,
        follow_up=follow_up,
        signer=office_signer(db, day),
        sign_date=day,
        revisions=revision_lines(period_revisions(db, year, quarter), get_settings(db).utc_offset_hours),
        notes=(*no_data_notes(rows), average_note(average), measures_note(quarter), *_unapproved_note(measured)),
        unapproved=not_final_count(measured),
    )


def _unapproved_note(rows: Sequence[MeasurementRow]) -> tuple[str, ...]:
    n = not_final_count(rows)
    if not n:
        return ()
    return (f"DRAF: {n} indikator memuat realisasi yang belum disetujui Camat atau belum diisi; laporan ini final "
            "setelah seluruh realisasi triwulan disetujui.",)  # fmt: skip


def prepare_triwulan(db: Database, request: DocRequest) -> Prepared:
    """The quarterly report of `request.year`, TW `request.quarter`."""
    if request.year is None or request.quarter not in (1, 2, 3, 4):
        raise ValidationError("Sebutkan tahun dan triwulan (1–4) laporan.", field="quarter")
    assert request.quarter is not None
    doc = triwulan_data(db, request.year, request.quarter, request.day or dt.date.today())
    return Prepared(
        kind=KIND,
        title=f"Laporan Kinerja {quarter_label(request.quarter)} {request.year}",
        subject_key=f"{request.year}-TW{request.quarter}",
        year=request.year,
        quarter=request.quarter,
        data=doc,
        build=build_triwulan,
        digest_of=dataclasses.replace(doc, sign_date=None),
    )


def capaian_headers(quarter: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two header rows of table A (capaian), for the PDF and the .xlsx alike."""
    tw = ("TW I", "TW II", "TW III", "TW IV")
    at = quarter_label(quarter)
    head1: tuple[str, ...] = ("No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahunan", "Target", "", "", "")
    head1 += ("Realisasi", "", "", "", f"Realisasi s.d. {at}", f"Capaian s.d. {at} (%)", "Kategori", PROGRESS)
    return head1, ("", "", "", "", "", *tw, *tw, "", "", "", "")


def capaian_sheet(doc: TriwulanDoc, subtitle: str = "") -> SheetTable:
    """Table A as data: what the PDF prints and the .xlsx holds (`documents.tables`)."""
    rows: list[tuple[str | None, ...]] = [
        (r.no, r.objective, r.indicator, r.satuan, r.target_year, *r.targets, *(a or None for a in r.actuals),
         r.actual, r.capaian, r.category, r.progress)
        for r in doc.rows
    ]  # fmt: skip
    total: list[str | None] = [MEAN_LABEL] + [None] * 16
    total[14], total[15], total[16] = doc.mean.capaian, doc.mean.category, doc.mean.progress
    rows.append(tuple(total))
    merges = (*((0, c, 1, c) for c in (0, 1, 2, 3, 4, 13, 14, 15, 16)), (0, 5, 0, 8), (0, 9, 0, 12))
    return SheetTable(
        "A Capaian Kinerja",
        "A. Capaian Kinerja Sasaran dan Indikator",
        subtitle,
        capaian_headers(doc.quarter),
        tuple(rows),
        (5, 32, 40, 10, 10, *[9] * 8, 12, 11, 12, 12),
        numeric=frozenset({0, 4, *range(5, 15), 16}),
        header_merges=merges,
        total_rows=1,
        notes=doc.notes,
    )


def _table(doc: TriwulanDoc, width: float) -> kit.Flowable:
    sheet = capaian_sheet(doc)
    cells: list[list[Any]] = [list(r) for r in sheet.rows]
    cells[-1][0] = kit.para(MEAN_LABEL, kit.styles(cell_size=7.5).cell_br)
    fixed = [0.7, None, None, 1.4, 1.5] + [1.1] * 8 + [1.45, 1.5, 1.8, 1.6]  # "Sangat Baik" on one line
    free = width - sum(f * cm for f in fixed if f)
    widths = [f * cm if f else (free * 0.42 if i == 1 else free * 0.58) for i, f in enumerate(fixed)]
    heads = [list(h) for h in sheet.header_rows]
    return kit.data_table(
        heads, cells, widths, align="CLLC" + "R" * 11 + "CR", size=7.5, total_rows=1, spans=pdf_spans(sheet, 1, 14)
    )


def _budget_table(doc: TriwulanDoc, width: float) -> kit.Flowable:
    head1 = [
        "No",
        "Program",
        "Anggaran (Rp)",
        "Realisasi Anggaran (Rp)",
        "",
        "",
        "",
        f"Jumlah s.d. {quarter_label(doc.quarter)} (Rp)",
        "Serapan (%)",
    ]
    head2 = ["", "", "", "TW I", "TW II", "TW III", "TW IV", "", ""]
    rows = [[b.no, b.program, b.ceiling, *b.spent, b.to_date, b.absorption] for b in doc.budget]
    fixed = [0.7, None, 2.6, 2.3, 2.3, 2.3, 2.3, 2.8, 1.8]
    free = width - sum(f * cm for f in fixed if f)
    widths = [f * cm if f else free for f in fixed]
    spans = [((c, 0), (c, 1)) for c in (0, 1, 2, 7, 8)] + [((3, 0), (6, 0)), ((0, len(rows) + 1), (1, len(rows) + 1))]
    rows[-1][0] = "Jumlah"
    rows[-1][1] = ""
    return kit.data_table([head1, head2], rows, widths, align="CLRRRRRRR", size=8, total_rows=1, spans=spans)


def _narrative_list(items: tuple[Narrative, ...], st: kit.Styles) -> list:
    if not items:
        return [kit.para("Tidak ada catatan untuk triwulan ini.", st.body)]
    style = ParagraphStyle("tw-item", parent=st.body, leftIndent=16, bulletIndent=0, spaceAfter=2)
    return [
        Paragraph(f"<b>{escape(n.indicator)}</b>: {escape(n.text)}", style, bulletText=f"{i}.")
        for i, n in enumerate(items, start=1)
    ]


def build_triwulan(setup: kit.DocSetup, doc: TriwulanDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the quarterly report as a landscape PDF; return the page count."""
    st = kit.styles(10.5)
    width = kit.frame_width(setup, "landscape")
    period = f"TRIWULAN {ROMAN[doc.quarter - 1]} TAHUN {doc.year}"
    heading = f"{period} (DRAF)" if doc.draft else period
    story: list = kit.title_block(["LAPORAN KINERJA TRIWULAN", doc.office_title.upper(), heading], st)
    story.append(kit.para("A. Capaian Kinerja Sasaran dan Indikator", st.heading))
    story.append(_table(doc, width))
    story += [kit.para("Catatan: " + note, st.small) for note in doc.notes]
    story += revision_notes(doc.revisions, st)
    story.append(kit.para("B. Realisasi Anggaran per Triwulan", st.heading))
    story.append(_budget_table(doc, width))
    for title, items in (("C. Faktor Pendukung", doc.supporting), ("D. Faktor Penghambat", doc.inhibiting)):
        listed = _narrative_list(items, st)
        # The heading never stays alone at the foot of a page: it goes with its first item.
        story.append(KeepTogether([kit.para(title, st.heading), listed[0]]))
        story += listed[1:]
    place_date = kit.place_date(setup, doc.sign_date) if doc.sign_date else None
    signature = kit.with_paraf(
        setup, kit.signature_block(setup, doc.signer, place_date=place_date, width=9 * cm), 9 * cm, width
    )
    # The heading goes with the first item and the last item with the signature, so the Camat never signs an
    # otherwise empty page, and a long section does not leave half a page blank by moving over whole.
    first, *rest = _narrative_list(doc.follow_up, st)
    head = [kit.para("E. Tindak Lanjut / Upaya Perbaikan", st.heading), first]
    if rest:
        story += [KeepTogether(head), *rest[:-1], KeepTogether([rest[-1], signature])]
    else:
        story.append(KeepTogether([*head, signature]))
    return kit.build_pdf(
        setup,
        story,
        out,
        title=f"Laporan Kinerja {period.title()}",
        orientation="landscape",
        kop="first",
        footer_note=f"{kit.DRAFT_PREFIX}{footer_note}" if doc.draft else footer_note,
    )
