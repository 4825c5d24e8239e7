"""Formulir Pengukuran Kinerja (FPK) for a quarter or the year (regulations.md §3.3), landscape.

Table 1 per sasaran and indicator: target, realisasi, capaian and category (for a quarter: to date
and against the yearly target); the office's mean capaian. Table 2 per program: pagu, realisasi
anggaran, serapan, the capaian of the sasaran it serves, efisiensi. Signed by the Camat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether

from sakip_desktop.documents import kit
from sakip_desktop.documents.measure_text import (
    DASH,
    amount_text,
    band_text,
    capaian_text,
    percent_text,
    revision_lines,
    revision_notes,
    target_text,
)
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.measurement.budget import BudgetLine, budget_measurement
from sakip_desktop.ops.measurement.capaian import MeasurementRow, measure, office_summary
from sakip_desktop.ops.measurement.summary import average_note
from sakip_desktop.ops.measurement.year import NO_DATA, excluded_notes, measure_year, rated
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.realisation.views import period_revisions
from sakip_desktop.storage.database import Database

KIND = "pengukuran"


@dataclass(frozen=True)
class FpkRow:
    """One indicator line, every cell as printed; `objective` None under the sasaran's first line."""

    no: str
    objective: str | None
    indicator: str
    satuan: str
    target_year: str
    target_to_date: str
    actual: str
    capaian: str
    capaian_year: str
    category: str


@dataclass(frozen=True)
class FpkBudgetRow:
    """One program line of table 2."""

    no: str
    program: str
    ceiling: str
    spent: str
    absorption: str
    capaian: str
    efficiency: str


@dataclass(frozen=True)
class PengukuranDoc:
    """Everything the FPK prints."""

    office_title: str
    year: int
    quarter: int | None  # None: the whole year
    rows: tuple[FpkRow, ...]
    mean_capaian: str
    mean_category: str
    budget: tuple[FpkBudgetRow, ...]
    budget_total: FpkBudgetRow
    unapproved: int
    signer: kit.Signer
    sign_date: dt.date | None = None
    revisions: tuple[str, ...] = ()  # approved values changed later, with the reason
    through: int | None = None  # a year document not yet final: measured s.d. TW n (ops.measurement.year)
    notes: tuple[str, ...] = ()  # the year rule's notes (DRAF reason, rows left out, how the mean is taken)

    @property
    def table_quarter(self) -> int | None:
        """The quarter table A is measured to: TW n of a quarter or an unfinished year; None for a final year."""
        return self.quarter if self.quarter is not None else self.through

    @property
    def draft(self) -> bool:
        """A year document before every TW IV realisasi is in and approved."""
        return self.quarter is None and self.through is not None


def period_text(year: int, quarter: int | None, through: int | None = None) -> str:
    """'TRIWULAN III TAHUN 2025', 'TAHUN 2025', or a year not yet final 'TAHUN 2025 S.D. TW III (DRAF)'."""
    if quarter is None and through is not None:
        return f"TAHUN {year} S.D. TW {ROMAN[through - 1]} (DRAF)"
    return f"TAHUN {year}" if quarter is None else f"TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}"


def _fpk_rows(rows: Sequence[MeasurementRow], yearly: bool, notes: dict[int, str]) -> tuple[FpkRow, ...]:
    """Table A's cells; `rows` rated (a row without data has no capaian), `notes` the year rule's row notes."""
    out: list[FpkRow] = []
    previous = None
    for n, r in enumerate(rows, start=1):
        capaian = r.achievement_year if yearly else r.achievement_to_date
        category = band_text(r, capaian) if r.has_data else NO_DATA
        if note := notes.get(r.info.indicator_id, "") if r.has_data else "":
            category = f"{category} ({note})"
        out.append(
            FpkRow(
                no=str(n),
                objective=r.objective_label if r.info.objective_id != previous else None,
                indicator=r.info.name + (" (IKU)" if r.info.is_key else ""),
                satuan=r.info.unit,
                target_year=target_text(r.year_target, r.info),
                target_to_date=target_text(r.target_to_date, r.info),
                actual=amount_text(r.actual_to_date if r.has_data else None, r.info),
                capaian=capaian_text(r, capaian),
                capaian_year=capaian_text(r, r.achievement_year),
                category=category,
            )
        )
        previous = r.info.objective_id
    return tuple(out)


def pengukuran_data(db: Database, year: int, quarter: int | None, day: dt.date) -> PengukuranDoc:
    """Measure the period (ops.measurement; a year by the year rule of `ops.measurement.year`) into printed cells."""
    whole = measure_year(db, year) if quarter is None else None
    at = quarter or (whole.measured_to if whole else 4)
    rows = rated(measure(db, year, at))  # an indicator without realisasi in TW n: "belum ada data"
    yearly = whole is not None and whole.final
    out = _fpk_rows(rows, yearly, {s.row.info.indicator_id: s.note for s in whole.rows} if whole else {})
    average = get_settings(db).achievement_average
    summary = office_summary(rows, average=average)
    mean = summary.achievement_year if yearly else summary.achievement
    excluded = sum(not r.has_data for r in rows)
    notes = whole.notes() if whole else [*excluded_notes(excluded), average_note(average)]
    budget = budget_measurement(db, year, at, rows)

    def line(n: str, b: BudgetLine) -> FpkBudgetRow:
        return FpkBudgetRow(
            no=n,
            program=f"{b.code} {b.name}".strip(),
            ceiling=formats.rupiah_figure(b.ceiling),
            spent=formats.rupiah_figure(b.spent_to_date),
            absorption=percent_text(b.absorption),
            capaian=percent_text(b.achievement),
            efficiency=percent_text(b.efficiency),
        )

    from sakip_desktop.ops.org.signers import office_signer

    return PengukuranDoc(
        office_title=get_profile(db).office_title,
        year=year,
        quarter=quarter,
        rows=out,
        mean_capaian=DASH if mean is None else formats.number(mean, 2),
        mean_category=summary.band.label if summary.band else DASH,
        budget=tuple(line(str(n), b) for n, b in enumerate(budget.programs, start=1)),
        budget_total=line("", budget.total),
        unapproved=sum(1 for r in rows if not r.all_approved or r.status is None),
        signer=office_signer(db, day),
        sign_date=day,
        revisions=revision_lines(period_revisions(db, year, at), get_settings(db).utc_offset_hours),
        through=None if whole is None or whole.final else at,
        notes=tuple(notes),
    )


def prepare_pengukuran(db: Database, request: DocRequest) -> Prepared:
    """The FPK of `request.year`, for TW `request.quarter` or (None) the year."""
    if request.year is None:
        raise ValidationError("Sebutkan tahun pengukuran.", field="year")
    if request.quarter is not None and request.quarter not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus 1 sampai 4.", field="quarter")
    day = request.day or dt.date.today()
    doc = pengukuran_data(db, request.year, request.quarter, day)
    period = "Tahun" if request.quarter is None else f"{quarter_label(request.quarter)}"
    title = f"Pengukuran Kinerja {request.year} {period}".replace(" Tahun", "")
    subject = str(request.year) if request.quarter is None else f"{request.year}-TW{request.quarter}"
    return Prepared(
        kind=KIND,
        title=title,
        subject_key=subject,
        year=request.year,
        quarter=request.quarter,
        data=doc,
        build=build_pengukuran,
        digest_of=dataclasses.replace(doc, sign_date=None),
    )


def capaian_head(quarter: int | None) -> list[str]:
    """The headers of table A (the PDF and the .xlsx): for the year, or measured to TW `quarter`."""
    if quarter is None:
        return ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
                "Kategori"]  # fmt: skip
    at = quarter_label(quarter)
    return ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target Tahunan", f"Target s.d. {at}",
            f"Realisasi s.d. {at}", f"Capaian s.d. {at} (%)", "Capaian thd Target Tahunan (%)", "Kategori"]  # fmt: skip


def capaian_cells(r: FpkRow, quarter: int | None) -> list[str | None]:
    """One indicator's cells of table A, under `capaian_head(quarter)`."""
    if quarter is None:
        return [r.no, r.objective, r.indicator, r.satuan, r.target_year, r.actual, r.capaian, r.category]
    return [r.no, r.objective, r.indicator, r.satuan, r.target_year, r.target_to_date, r.actual, r.capaian,
            r.capaian_year, r.category]  # fmt: skip


def _table(doc: PengukuranDoc, width: float) -> kit.Flowable:
    yearly = doc.table_quarter is None
    head = capaian_head(doc.table_quarter)
    cells: list[list[Any]] = [capaian_cells(r, doc.table_quarter) for r in doc.rows]
    if yearly:
        fixed: list[float | None] = [0.9, None, None, 2.0, 2.2, 2.2, 2.0, 2.3]
        align = "CLLCRRRC"
    else:
        fixed = [0.9, None, None, 1.8, 2.0, 2.0, 2.0, 2.0, 2.2, 2.1]
        align = "CLLCRRRRRC"
    n = len(head)
    mean_col = 6 if yearly else 7
    label = kit.para("Rata-rata capaian kinerja", kit.styles(cell_size=8.5).cell_br)
    total: list[Any] = [label] + [""] * (n - 1)
    total[mean_col] = doc.mean_capaian
    total[-1] = doc.mean_category
    cells.append(total)
    known = sum(f * cm for f in fixed if f)
    free = width - known
    widths = [f * cm if f else (free * 0.45 if i == 1 else free * 0.55) for i, f in enumerate(fixed)]
    last = len(cells) + 1  # two header rows
    spans = kit.group_spans([c[1] for c in cells[:-1]], column=1, header_rows=2)
    spans.append(((0, last), (mean_col - 1, last)))
    return kit.data_table(
        [head, kit.column_numbers(n)], cells, widths, align=align, size=8.5, total_rows=1, spans=spans
    )


def _budget_table(doc: PengukuranDoc, width: float) -> kit.Flowable:
    head = ["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)", "Capaian Sasaran (%)", "Efisiensi (%)"]
    rows = [[b.no, b.program, b.ceiling, b.spent, b.absorption, b.capaian, b.efficiency] for b in doc.budget]
    t = doc.budget_total
    rows.append(["Jumlah", "", t.ceiling, t.spent, t.absorption, t.capaian, t.efficiency])
    fixed = [0.9 * cm, 3.4 * cm, 3.4 * cm, 2.3 * cm, 2.6 * cm, 2.4 * cm]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    last = len(rows)
    return kit.data_table([head], rows, widths, align="CLRRRRR", size=8.5, total_rows=1, spans=[((0, last), (1, last))])


def build_pengukuran(setup: kit.DocSetup, doc: PengukuranDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the FPK as a landscape PDF; return the page count."""
    st = kit.styles(11)
    width = kit.frame_width(setup, "landscape")
    story: list = kit.title_block(
        ["FORMULIR PENGUKURAN KINERJA", doc.office_title.upper(), period_text(doc.year, doc.quarter, doc.through)], st
    )
    story.append(kit.para("A. Capaian Kinerja Sasaran", st.heading))
    story.append(_table(doc, width))
    story += [kit.para("Catatan: " + note, st.small) for note in doc.notes]
    story += revision_notes(doc.revisions, st)
    tail: list = [kit.para("B. Realisasi Anggaran Program", st.heading), _budget_table(doc, width)]
    notes = []
    if doc.table_quarter is not None:
        at = quarter_label(doc.table_quarter)
        notes.append(
            f"Capaian s.d. {at}: realisasi s.d. {at} terhadap target s.d. {at}; "
            "efisiensi = capaian sasaran dibanding serapan."
        )
    if doc.unapproved:
        notes.append(f"{doc.unapproved} indikator memuat realisasi yang belum disetujui Camat atau belum diisi.")
    for note in notes:
        tail.append(kit.para("Catatan: " + note, st.small))
    if doc.draft:
        footer_note = f"DRAF · {footer_note}"
    place_date = kit.place_date(setup, doc.sign_date) if doc.sign_date else None
    signature = kit.signature_block(setup, doc.signer, place_date=place_date, width=9 * cm)
    tail.append(kit.with_paraf(setup, signature, 9 * cm, width))
    # Table B goes with the signature, so the Camat never signs an otherwise empty page.
    story.append(KeepTogether(tail))
    return kit.build_pdf(
        setup,
        story,
        out,
        title=f"Formulir Pengukuran Kinerja {period_text(doc.year, doc.quarter, doc.through)}",
        orientation="landscape",
        kop="none",
        footer_note=footer_note,
    )
