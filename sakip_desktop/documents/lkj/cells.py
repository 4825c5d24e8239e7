"""The LKj's table headers and cells as text, read by the table specs (`lkj.tables`) that the PDF, the .xlsx export
and the Word file all print, so the three print the same figure the same way."""

from __future__ import annotations

from decimal import Decimal

from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import IndicatorResult, LkjData
from sakip_desktop.ops.measurement.budget import BudgetLine

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
CAPAIAN_HEAD = ("No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Kategori")
EFFICIENCY_HEAD = ("Capaian Kinerja", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Efisiensi")
PROGRAM_HEAD = ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan")
BUDGET_HEAD = ("Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%")
FPK_HEAD = (
    "No",
    "Sasaran / Indikator Kinerja",
    "Satuan",
    "Target",
    *QUARTERS,
    "Realisasi Tahun",
    "Capaian",
    "Kategori",
    "Keterangan",
)


def capaian_cells(number: int, i: IndicatorResult) -> list[str]:
    """An indicator's line of a sasaran's capaian table (Tabel 3.n.1), numbered from 1."""
    return [
        str(number),
        i.name,
        i.unit,
        i.target_text,
        i.show(i.actual),
        formats.percent(i.achievement),
        i.band_label or "-",
    ]


def year_label(data: LkjData) -> str:
    """The report year as its columns say it: '2025' on a final year, 's.d. TW III 2025' before that."""
    if data.measure.final:
        return str(data.year)
    return f"s.d. {QUARTERS[data.measure.measured_to - 1]} {data.year}"


def period_label(data: LkjData) -> str:
    """The report year as its titles say it: 'Tahun 2025', or 's.d. TW III 2025' while the year is not final."""
    return data.measure.period


def efficiency_head(through: str = "") -> list[str]:
    """The head of a sasaran's efisiensi table; `through` ('TW III') while the year is not final: the plan s.d. TW n
    gets its column and the serapan is against it (the period of the capaian)."""
    if not through:
        return list(EFFICIENCY_HEAD)
    return ["Capaian Kinerja", "Pagu (Rp)", f"Rencana s.d. {through} (Rp)", "Realisasi (Rp)", "Serapan thd Rencana",
            "Efisiensi"]  # fmt: skip


def efficiency_cells(b: BudgetLine, *, planned: bool = False) -> list[str]:
    """The line of the efisiensi table: capaian, pagu, [rencana s.d. TW n,] realisasi, serapan and efisiensi."""
    plan = [formats.rupiah_figure(b.planned)] if planned else []
    return [
        formats.percent(b.achievement),
        formats.rupiah_figure(b.ceiling),
        *plan,
        formats.rupiah_figure(b.spent_to_date),
        formats.percent(b.absorption_plan if planned else b.absorption),
        formats.percent(b.efficiency),
    ]


def money_cells(code: str, name: str, ceiling: int, spent: int, absorption: Decimal | None) -> list[str]:
    """A program's, kegiatan's or sub kegiatan's line (or the total's): code, name, pagu, realisasi, serapan."""
    return [code, name, formats.rupiah_figure(ceiling), formats.rupiah_figure(spent), formats.percent(absorption)]


def fpk_cells(number: str, i: IndicatorResult) -> list[str]:
    """An indicator's line of the Formulir Pengukuran Kinerja (Lampiran 2); the last cell is `status`."""
    quarters = [i.show(v) for v in i.quarter_actuals]
    achievement = formats.percent(i.achievement)
    return [
        number,
        i.name,
        i.unit,
        i.target_text,
        *quarters,
        i.show(i.actual),
        achievement,
        i.band_label or "-",
        status(i),
    ]


def status(i: IndicatorResult) -> str:
    """The quarters still empty or not yet approved ('' when none)."""
    notes = []
    if i.missing_quarters:
        notes.append("belum diisi: " + ", ".join(QUARTERS[q - 1] for q in i.missing_quarters))
    if i.unapproved_quarters:
        notes.append("belum disetujui: " + ", ".join(QUARTERS[q - 1] for q in i.unapproved_quarters))
    return "; ".join(notes)
