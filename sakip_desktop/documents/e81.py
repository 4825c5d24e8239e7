"""Formulir E.81 "Evaluasi terhadap Hasil Renja Perangkat Daerah" of a quarter (Permendagri 86/2017; regulations.md
§3.3; kabupaten.md §2): the data as printed cells, the one table every output prints, and how it is prepared.

The figures come from `ops.e81.form` (the same planning, budget and realisasi as the FPK and the LKj). The table has
26 columns: No, Sasaran, Program/Kegiatan, Indikator, the K/Rp pairs of columns 5–14, the responsible unit (15) and a
keterangan; three header rows (the column titles with each pair merged, "K"/"Rp", the column numbers) and the footer
rows (rata-rata capaian, predikat, faktor pendorong, faktor penghambat, the two tindak lanjut). The PDF
(`documents.e81_pdf`) prints Rp in thousands so the 26 columns fit a landscape page; the .xlsx (`documents.e81_xlsx`)
holds whole rupiah as numbers. Signed "Disusun" by the Camat and "Dievaluasi" by the Bappeda official of the office
settings. A form whose narrative rows nobody saved or whose realisasi are not all approved prints as DRAF.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.documents.measure_text import DASH, amount_text, percent_text, target_text
from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.ops.e81.figures import IndicatorFigures
from sakip_desktop.ops.e81.form import E81Form, e81_form
from sakip_desktop.ops.e81.money import BudgetItem, Money
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.org.signers import Signer
from sakip_desktop.storage.database import Database

KIND = "e81"
LABEL = "Formulir E.81 Evaluasi Renja"
PAIR_COLUMNS = 10  # columns 5-14, each K and Rp
FIRST_PAIR = 4  # the table column of 5 K
UNIT_COLUMN, NOTE_COLUMN = 24, 25
COLUMNS = 26
RP_COLUMNS = tuple(FIRST_PAIR + 2 * n + 1 for n in range(PAIR_COLUMNS))
K_COLUMNS = tuple(FIRST_PAIR + 2 * n for n in range(PAIR_COLUMNS))
MEAN_LABEL = "Rata-rata capaian kinerja (%)"
PREDIKAT_LABEL = "Predikat kinerja"
LEVEL_PREFIX = {"program": "Program", "kegiatan": "Kegiatan", "sub kegiatan": "Sub Kegiatan"}


@dataclass(frozen=True)
class E81Line:
    """One body line as printed: K cells as text, Rp as whole rupiah (None: empty), 14 Rp as a percentage."""

    no: str
    sasaran: str | None  # on the first line of a sasaran only
    program: str  # 'Program 7.01.01 …' / 'Kegiatan …' / 'Sub Kegiatan …'; '' on an indicator line
    indicator: str
    k: tuple[str | None, ...]  # columns 5..14
    rp: tuple[int | None, ...]  # columns 5..13
    rp_capaian: str | None  # column 14 Rp
    unit: str
    note: str
    level: str = "indikator"  # or a budget level


@dataclass(frozen=True)
class E81Doc:
    """Everything the form prints."""

    office_title: str  # 'Kecamatan Contoh'
    regency_title: str  # 'Kabupaten Contoh'
    year: int
    quarter: int
    plan: str  # 'Renstra 2021–2026'
    lines: tuple[E81Line, ...]
    mean_k: str
    mean_rp: str
    predikat_k: str
    predikat_rp: str
    notes: tuple[tuple[str, str], ...]  # (label, text) of the four narrative rows
    compiler: Signer  # "Disusun": the Camat
    evaluator: Signer | None  # "Dievaluasi": the Bappeda official (None: not set in the settings)
    missing: tuple[str, ...]  # why it is a DRAF (empty: final)
    sign_date: dt.date | None = None

    @property
    def draft(self) -> bool:
        """True until the narrative rows are saved and the quarter's realisasi approved."""
        return bool(self.missing)


def period_title(year: int, quarter: int) -> str:
    """'TRIWULAN III TAHUN 2025'."""
    return f"TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}"


def _k_cells(i: IndicatorFigures) -> tuple[str | None, ...]:
    k, info = i.k, i.info
    quarters = tuple(amount_text(v, info) if n < i.row.quarter else None for n, v in enumerate(k.quarters))
    return (
        amount_text(k.renstra_target, info),
        amount_text(k.before, info) if k.before is not None else DASH,
        target_text(k.year_target, info),
        *quarters,
        amount_text(k.to_date, info),
        amount_text(k.renstra_to_date, info),
        percent_text(k.renstra_capaian),
    )


def _rp(m: Money, quarter: int) -> tuple[tuple[int | None, ...], str]:
    quarters = tuple(v if n < quarter else None for n, v in enumerate(m.quarters))
    values = (m.plan_total, m.before, m.ceiling, *quarters, m.to_date, m.renstra_to_date)
    return values, percent_text(m.renstra_capaian)


def _indicator_line(i: IndicatorFigures) -> E81Line:
    name = i.info.name + (" (IKU)" if i.info.is_key else "")
    if i.info.unit:
        name += f" ({i.info.unit})"
    return E81Line("", None, "", name, _k_cells(i), (None,) * 9, None, i.unit, i.note)


def _budget_line(b: BudgetItem, quarter: int) -> E81Line:
    values, capaian = _rp(b.money, quarter)
    text = f"{LEVEL_PREFIX[b.level]} {b.code} {b.name}"
    return E81Line("", None, text, "", (None,) * PAIR_COLUMNS, values, capaian, b.unit, "", b.level)


def doc_lines(form: E81Form) -> tuple[E81Line, ...]:
    """The body lines, sasaran by sasaran: its indicators, then the program, kegiatan and sub kegiatan serving it."""
    out: list[E81Line] = []
    for n, group in enumerate(form.groups, start=1):
        lines = [_indicator_line(i) for i in group.indicators]
        lines += [_budget_line(b, form.quarter) for b in group.budget]
        for k, line in enumerate(lines):
            out.append(dataclasses.replace(line, no=str(n) if k == 0 else "", sasaran=group.label if k == 0 else None))
    return tuple(out)


def _evaluator(db: Database) -> Signer | None:
    s = get_settings(db)
    if not s.e81_evaluator_name.strip():
        return None
    position = s.e81_evaluator_position.strip() or "Bappeda"
    return Signer(
        position=position.upper(),
        name=s.e81_evaluator_name.strip(),
        rank=s.e81_evaluator_rank.strip(),
        nip=s.e81_evaluator_nip.replace(" ", ""),
    )


def e81_data(db: Database, year: int, quarter: int, day: dt.date | None) -> E81Doc:
    """The form of TW `quarter` of `year` as printed cells."""
    from sakip_desktop.ops.org.signers import office_signer

    form = e81_form(db, year, quarter)
    profile = get_profile(db)
    start, end = form.plan.start_year, form.plan.end_year
    return E81Doc(
        office_title=profile.office_title,
        regency_title=profile.regency_title,
        year=year,
        quarter=quarter,
        plan=f"Renstra {start}–{end}",
        lines=doc_lines(form),
        mean_k=percent_text(form.mean_k),
        mean_rp=percent_text(form.mean_rp),
        predikat_k=form.predikat(form.mean_k),
        predikat_rp=form.predikat(form.mean_rp),
        notes=tuple((n.label, n.text) for n in form.notes),
        compiler=office_signer(db, day or dt.date.today()),
        evaluator=_evaluator(db),
        missing=form.missing,
        sign_date=day,
    )


# --- the table as data ---------------------------------------------------------------------------------------


def header_rows(year: int, quarter: int, rp_head: str = "Rp") -> tuple[tuple[str, ...], ...]:
    """The three header rows: titles (each pair's title over its K and Rp), 'K'/'Rp', the column numbers."""
    pairs = (
        "Target kinerja dan anggaran Renstra PD pada akhir periode Renstra",
        f"Realisasi capaian kinerja dan anggaran Renstra PD s.d. Renja PD tahun lalu ({year - 1})",
        f"Target kinerja dan anggaran Renja PD tahun berjalan ({year}) yang dievaluasi",
        *(f"Realisasi kinerja pada triwulan {r}" for r in ROMAN),
        f"Realisasi capaian kinerja dan anggaran Renja PD s.d. triwulan {ROMAN[quarter - 1]} tahun {year}",
        f"Realisasi kinerja dan anggaran Renstra PD s.d. tahun {year}",
        f"Tingkat capaian kinerja dan realisasi anggaran Renstra PD s.d. tahun {year} (%)",
    )
    first = ["No", "Sasaran", "Program/Kegiatan", "Indikator Kinerja Program (outcome)/ Kegiatan (output)"]
    for title in pairs:
        first += [title, ""]
    first += ["Unit PD Penanggung Jawab", "Keterangan"]
    second = ["", "", "", ""] + ["K", rp_head] * PAIR_COLUMNS + ["", ""]
    third = [str(n) for n in range(1, 5)]
    for n in range(5, 15):
        third += [f"{n}" if n not in (13, 14) else ("13 = 6 + 12" if n == 13 else "14 = 13/5 × 100%"), ""]
    third += ["15", "16"]
    return tuple(first), tuple(second), tuple(third)


def header_merges() -> tuple[tuple[int, int, int, int], ...]:
    """(first_row, first_col, last_row, last_col) of the header: single columns over rows 0-1, pairs side by side
    in rows 0 and 2."""
    merges = [(0, c, 1, c) for c in (0, 1, 2, 3, UNIT_COLUMN, NOTE_COLUMN)]
    for n in range(PAIR_COLUMNS):
        c = FIRST_PAIR + 2 * n
        merges += [(0, c, 0, c + 1), (2, c, 2, c + 1)]
    return tuple(merges)


def body_cells(line: E81Line, rp_text: object) -> list[str | None]:
    """One line's 26 cells; `rp_text(int) -> str` prints a rupiah amount (whole or in thousands)."""
    cells: list[str | None] = [line.no or None, line.sasaran, line.program or None, line.indicator or None]
    for n in range(PAIR_COLUMNS):
        cells.append(line.k[n])
        if n < 9:
            value = line.rp[n]
            cells.append(None if value is None else rp_text(value))  # type: ignore[operator]
        else:
            cells.append(line.rp_capaian)
    return [*cells, line.unit or None, line.note or None]


def whole_rupiah(value: int) -> str:
    """'1.485.650.000'."""
    return formats.rupiah_figure(value)


def thousands(value: int) -> str:
    """Rupiah in thousands, rounded half up: 1.485.650.000 -> '1.485.650'."""
    return formats.rupiah_figure((Decimal(value) / 1000).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def footer_rows(doc: E81Doc) -> list[list[str | None]]:
    """The rata-rata and predikat rows (values under column 14), then the four narrative rows (label, text)."""
    out: list[list[str | None]] = []
    for label, k, rp in ((MEAN_LABEL, doc.mean_k, doc.mean_rp), (PREDIKAT_LABEL, doc.predikat_k, doc.predikat_rp)):
        row: list[str | None] = [label] + [None] * (COLUMNS - 1)
        row[K_COLUMNS[-1]], row[RP_COLUMNS[-1]] = k, rp
        out.append(row)
    for label, text in doc.notes:
        row = [label] + [None] * (COLUMNS - 1)
        row[FIRST_PAIR] = text or DASH
        out.append(row)
    return out


COLUMN_NOTE = (
    "Kolom 6 dan 13 K: indikator kumulatif dijumlah dari tahun-tahun Renstra; indikator nilai akhir atau rata-rata "
    "memuat nilai tahun terakhir (13 = nilai s.d. triwulan ini). Kolom 14 K dihitung menurut polaritas indikator. "
    "Kolom 5 Rp = jumlah pagu tahun-tahun Renstra yang sudah tercatat."
)
