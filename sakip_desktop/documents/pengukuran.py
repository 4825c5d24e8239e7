"""Formulir Pengukuran Kinerja (FPK) for a quarter or the year (regulations.md §3.3), landscape.

Table A per sasaran and indicator (`measure_rows`, the row builder the Laporan Triwulan shares): target, realisasi,
capaian s.d. TW n with its category and the progress against the yearly target (a final year: the capaian for the
year); the office's rata-rata by its rule. Table B per program part and sasaran (`ops.measurement.budget`): pagu,
rencana and realisasi anggaran, serapan, the sasaran's capaian and efisiensi over the same period, with the formula
under it. Each table is built once as data (`capaian_sheet`, `budget_sheet`) for the PDF and the .xlsx. Signed by the
Camat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether

from sakip_desktop.documents import kit
from sakip_desktop.documents.desa_tables import summary_spec
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
from sakip_desktop.documents.measure_text import percent_text, revision_lines, revision_notes
from sakip_desktop.documents.request import DocRequest, Prepared, SheetTable
from sakip_desktop.documents.tablespec import TableSpec, pdf_table, sheet_table
from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.desa.fraction import Breakdown, period_breakdowns
from sakip_desktop.ops.measurement.budget import BudgetLine, BudgetMeasurement, budget_measurement, efficiency_note
from sakip_desktop.ops.measurement.budget_links import LINK_NOTE, SHARED_NOTE
from sakip_desktop.ops.measurement.capaian import measure
from sakip_desktop.ops.measurement.summary import average_note
from sakip_desktop.ops.measurement.year import excluded_notes, measure_year, not_final_count, rated
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.realisation.views import period_revisions
from sakip_desktop.storage.database import Database

KIND = "pengukuran"


FpkRow = IndicatorLine  # one indicator line of table A (the triwulan report prints the same, `measure_rows`)


@dataclass(frozen=True)
class FpkBudgetRow:
    """One line of table B: a program (or its part serving one sasaran), or the Jumlah."""

    no: str
    program: str
    objective: str  # the sasaran it serves ('' when none, or for the Jumlah)
    ceiling: str
    planned: str  # rencana anggaran s.d. TW n
    spent: str
    absorption: str  # thd pagu
    absorption_plan: str  # thd rencana s.d. TW n
    capaian: str
    efficiency: str


@dataclass(frozen=True)
class PengukuranDoc:
    """Everything the FPK prints."""

    office_title: str
    year: int
    quarter: int | None  # None: the whole year
    rows: tuple[IndicatorLine, ...]
    mean: MeanLine
    budget: tuple[FpkBudgetRow, ...]
    budget_total: FpkBudgetRow
    unapproved: int
    signer: kit.Signer
    sign_date: dt.date | None = None
    revisions: tuple[str, ...] = ()  # approved values changed later, with the reason
    through: int | None = None  # a year document not yet final: measured s.d. TW n (ops.measurement.year)
    notes: tuple[str, ...] = ()  # the year rule's notes (DRAF reason, rows left out, how the mean is taken)
    budget_notes: tuple[str, ...] = ()  # under table B: the efisiensi formula, how programs meet sasaran
    desa: tuple[Breakdown, ...] = ()  # C: the per-desa breakdown of each indicator over desa (`desa_tables`)

    @property
    def table_quarter(self) -> int | None:
        """The quarter table A is measured to: TW n of a quarter or an unfinished year; None for a final year."""
        return self.quarter if self.quarter is not None else self.through

    @property
    def draft(self) -> bool:
        """A year document before every TW IV realisasi is in and approved; a quarter's while any indicator's
        realisasi of it is missing or not yet approved by the Camat."""
        return (self.quarter is None and self.through is not None) or self.unapproved > 0

    @property
    def mean_capaian(self) -> str:
        """The rata-rata capaian as printed."""
        return self.mean.capaian


def period_text(year: int, quarter: int | None, through: int | None = None) -> str:
    """'TRIWULAN III TAHUN 2025', 'TAHUN 2025', or a year not yet final 'TAHUN 2025 S.D. TW III (DRAF)'."""
    if quarter is None and through is not None:
        return f"TAHUN {year} S.D. TW {ROMAN[through - 1]} (DRAF)"
    return f"TAHUN {year}" if quarter is None else f"TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}"


def _budget_line(n: str, b: BudgetLine) -> FpkBudgetRow:
    program = f"{b.code} {b.name}".strip()
    if b.sub_codes:
        program += f" (bagian: sub kegiatan {', '.join(b.sub_codes)})"
    return FpkBudgetRow(
        no=n,
        program=program,
        objective=b.objective_code,
        ceiling=formats.rupiah_figure(b.ceiling),
        planned=formats.rupiah_figure(b.planned),
        spent=formats.rupiah_figure(b.spent_to_date),
        absorption=percent_text(b.absorption),
        absorption_plan=percent_text(b.absorption_plan),
        capaian=percent_text(b.achievement),
        efficiency=percent_text(b.efficiency),
    )


def _budget_notes(budget: BudgetMeasurement) -> tuple[str, ...]:
    notes = [efficiency_note(budget.quarter, budget.final), LINK_NOTE]
    if budget.shared:
        notes.append(SHARED_NOTE)
    return tuple(notes)


def pengukuran_data(db: Database, year: int, quarter: int | None, day: dt.date) -> PengukuranDoc:
    """Measure the period (ops.measurement; a year by the year rule of `ops.measurement.year`) into printed cells."""
    whole = measure_year(db, year) if quarter is None else None
    at = quarter or (whole.measured_to if whole else 4)
    rows = rated(measure(db, year, at))  # an indicator without realisasi in TW n: "belum ada data"
    yearly = whole is not None and whole.final
    lines = indicator_lines(
        rows, yearly=yearly, notes={s.row.info.indicator_id: s.note for s in whole.rows} if whole else {}
    )
    average = get_settings(db).achievement_average
    excluded = sum(not r.has_data for r in rows)
    notes = whole.notes() if whole else [*excluded_notes(excluded), average_note(average)]
    if not yearly:
        notes.append(measures_note(at))
    budget = budget_measurement(db, year, at, rows, final=yearly, average=average)

    from sakip_desktop.ops.org.signers import office_signer

    return PengukuranDoc(
        office_title=get_profile(db).office_title,
        year=year,
        quarter=quarter,
        rows=lines,
        mean=mean_line(rows, average, yearly=yearly),
        budget=tuple(_budget_line(str(n), b) for n, b in enumerate(budget.parts, start=1)),
        budget_total=_budget_line("", budget.total),
        unapproved=not_final_count(rows),
        signer=office_signer(db, day),
        sign_date=day,
        revisions=revision_lines(period_revisions(db, year, at), get_settings(db).utc_offset_hours),
        through=None if whole is None or whole.final else at,
        notes=tuple(notes),
        budget_notes=_budget_notes(budget),
        desa=period_breakdowns(db, year, at),
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
            f"Realisasi s.d. {at}", f"Capaian s.d. {at} (%)", "Kategori", PROGRESS]  # fmt: skip


def capaian_cells(r: IndicatorLine, quarter: int | None) -> list[str | None]:
    """One indicator's cells of table A, under `capaian_head(quarter)`."""
    if quarter is None:
        return [r.no, r.objective, r.indicator, r.satuan, r.target_year, r.actual, r.capaian, r.category]
    return [r.no, r.objective, r.indicator, r.satuan, r.target_year, r.target_to_date, r.actual, r.capaian,
            r.category, r.progress]  # fmt: skip


def capaian_sheet(doc: PengukuranDoc, subtitle: str = "") -> SheetTable:
    """Table A as data: what the PDF prints and the .xlsx holds (`documents.tables`)."""
    at = doc.table_quarter
    head = tuple(capaian_head(at))
    rows: list[tuple[str | None, ...]] = [tuple(capaian_cells(r, at)) for r in doc.rows]
    total: list[str | None] = [MEAN_LABEL] + [None] * (len(head) - 1)
    if at is None:
        total[6], total[7] = doc.mean.capaian, doc.mean.category
        widths: tuple[float, ...] = (5, 40, 50, 12, 12, 12, 12, 14)
        numeric = frozenset({0, 4, 5, 6})
    else:
        total[7], total[8], total[9] = doc.mean.capaian, doc.mean.category, doc.mean.progress
        widths, numeric = (5, 38, 46, 11, 12, 12, 13, 13, 14, 14), frozenset({0, 4, 5, 6, 7, 9})
    rows.append(tuple(total))
    return SheetTable(
        "A Capaian Kinerja", "A. Capaian Kinerja Sasaran", subtitle, (head,), tuple(rows), widths,
        numeric=numeric, total_rows=1, notes=doc.notes,
    )  # fmt: skip


def budget_sheet(doc: PengukuranDoc, subtitle: str = "") -> SheetTable:
    """Table B as data: each program's part per sasaran with its efisiensi, and the Jumlah."""
    final = doc.table_quarter is None
    at = quarter_label(doc.table_quarter or 4)
    rows = [_budget_cells(b, final) for b in doc.budget]
    total = _budget_cells(doc.budget_total, final)
    rows.append(("Jumlah", None, None, *total[3:]))
    if final:
        head: tuple[str, ...] = ("No", "Program", "Sasaran", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)",
                                 "Capaian Sasaran (%)", "Efisiensi (%)")  # fmt: skip
        widths: tuple[float, ...] = (6, 60, 9, 18, 18, 12, 14, 12)
    else:
        head = ("No", "Program", "Sasaran", "Anggaran (Rp)", f"Rencana s.d. {at} (Rp)", f"Realisasi s.d. {at} (Rp)",
                "Serapan thd Pagu (%)", "Serapan thd Rencana (%)", f"Capaian Sasaran s.d. {at} (%)",
                "Efisiensi (%)")  # fmt: skip
        widths = (6, 54, 9, 17, 17, 17, 12, 12, 14, 12)
    notes = doc.budget_notes
    if doc.unapproved:
        notes += (f"{doc.unapproved} indikator memuat realisasi yang belum disetujui Camat atau belum diisi.",)
    return SheetTable(
        "B Realisasi Anggaran", "B. Realisasi Anggaran Program dan Efisiensi per Sasaran", subtitle, (head,),
        tuple(rows), widths, numeric=frozenset({0, *range(3, len(head))}), total_rows=1, notes=notes,
    )  # fmt: skip


def _budget_cells(b: FpkBudgetRow, final: bool) -> tuple[str | None, ...]:
    if final:
        return (b.no, b.program, b.objective or None, b.ceiling, b.spent, b.absorption, b.capaian, b.efficiency)
    return (b.no, b.program, b.objective or None, b.ceiling, b.planned, b.spent, b.absorption, b.absorption_plan,
            b.capaian, b.efficiency)  # fmt: skip


def _table(sheet: SheetTable, width: float) -> kit.Flowable:
    yearly = len(sheet.header_rows[0]) == 8
    if yearly:
        fixed: list[float | None] = [0.9, None, None, 2.0, 2.2, 2.2, 2.0, 2.3]
        align = "CLLCRRRC"
    else:
        fixed = [0.9, None, None, 1.8, 2.0, 2.0, 2.0, 2.0, 2.1, 2.2]
        align = "CLLCRRRRCR"
    n = len(fixed)
    cells: list[list[Any]] = [list(r) for r in sheet.rows]
    cells[-1][0] = kit.para(MEAN_LABEL, kit.styles(cell_size=8.5).cell_br)
    known = sum(f * cm for f in fixed if f)
    free = width - known
    widths = [f * cm if f else (free * 0.45 if i == 1 else free * 0.55) for i, f in enumerate(fixed)]
    spans = pdf_spans(dataclasses.replace(sheet, header_rows=(*sheet.header_rows, ())), 1, 6 if yearly else 7)
    head = list(sheet.header_rows[0])
    return kit.data_table(
        [head, kit.column_numbers(n)], cells, widths, align=align, size=8.5, total_rows=1, spans=spans
    )


def _budget_table(sheet: SheetTable, width: float) -> kit.Flowable:
    final = len(sheet.header_rows[0]) == 8
    fixed = [0.9, None, 1.5, 2.6, 2.6, 1.8, 1.9, 1.8] if final else [0.9, None, 1.5, 2.3, 2.3, 2.3, 1.6, 1.6, 1.8, 1.6]
    free = width - sum(f * cm for f in fixed if f)
    widths = [f * cm if f else free for f in fixed]
    last = len(sheet.rows)
    cells = [list(r) for r in sheet.rows]
    return kit.data_table(
        [list(sheet.header_rows[0])], cells, widths, align="CLC" + "R" * (len(fixed) - 3), size=7.5, total_rows=1,
        spans=[((0, last), (2, last))],
    )  # fmt: skip


DESA_TITLE = "C. Rincian Indikator atas Desa"


def _desa_specs(doc: PengukuranDoc) -> tuple[TableSpec, ...]:
    at = doc.table_quarter or 4
    return (summary_spec(doc.desa, f"{quarter_label(at)} {doc.year}", "C Rincian Desa"),)


def desa_section(doc: PengukuranDoc, width: float, st: kit.Styles) -> list:
    """C: for each indicator over desa, which desa met its criterion and which did not (none: nothing)."""
    if not doc.desa:
        return []
    return [kit.para(DESA_TITLE, st.heading), *(f for spec in _desa_specs(doc) for f in pdf_table(spec, width))]


def desa_sheets(doc: PengukuranDoc, subtitle: str = "") -> list[SheetTable]:
    """C as data for the .xlsx: one sheet per indicator over desa."""
    return [sheet_table(spec, subtitle) for spec in _desa_specs(doc)]


def build_pengukuran(setup: kit.DocSetup, doc: PengukuranDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the FPK as a landscape PDF; return the page count."""
    st = kit.styles(11)
    width = kit.frame_width(setup, "landscape")
    period = period_text(doc.year, doc.quarter, doc.through)
    if doc.draft and doc.quarter is not None:
        period += " (DRAF)"
    story: list = kit.title_block(["FORMULIR PENGUKURAN KINERJA", doc.office_title.upper(), period], st)
    capaian, budget = capaian_sheet(doc), budget_sheet(doc)
    story.append(kit.para(capaian.title, st.heading))
    story.append(_table(capaian, width))
    story += [kit.para("Catatan: " + note, st.small) for note in capaian.notes]
    story += revision_notes(doc.revisions, st)
    story += desa_section(doc, width, st)
    tail: list = [kit.para(budget.title, st.heading), _budget_table(budget, width)]
    tail += [kit.para("Catatan: " + note, st.small) for note in budget.notes]
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
        title=f"Formulir Pengukuran Kinerja {period}",
        orientation="landscape",
        kop="none",
        footer_note=footer_note,
    )
