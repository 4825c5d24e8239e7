"""The LKj's table headers and cells as text, one place for the PDF (`bab3`), the .xlsx export (`tables`) and the
Word file (`docx`), so the three print the same figure the same way."""

from __future__ import annotations

from collections.abc import Sequence
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


def history_head(data: LkjData, year: int) -> list[str]:
    """The head of Tabel 3.n.2: the Renstra's base year, the earlier years, then `year`."""
    base_year = f"Kondisi Awal ({data.plan.start_year - 1})" if data.plan else "Kondisi Awal"
    earlier = [f"Realisasi {y}" for y in data.history_years]
    return ["Indikator Kinerja", base_year, *earlier, f"Realisasi {year}", f"Capaian {year}"]


def history_cells(i: IndicatorResult, years: Sequence[int]) -> list[str]:
    """An indicator's line of Tabel 3.n.2: baseline, realisasi of the earlier `years` ('-' where none), this year."""
    by_year = {p.year: p for p in i.history}
    earlier = [i.show(by_year[y].actual) if y in by_year else "-" for y in years]
    return [i.name, i.show(i.baseline), *earlier, i.show(i.actual), formats.percent(i.achievement)]


def renstra_head(year: int) -> list[str]:
    """The head of Tabel 3.n.3."""
    return ["Indikator Kinerja", "Target Akhir Renstra", f"Realisasi s.d. {year}", "Capaian thd Renstra"]


def renstra_cells(i: IndicatorResult) -> list[str]:
    """An indicator's line of Tabel 3.n.3: the end-of-plan target (with its year), realisasi and capaian."""
    final_year = f" ({i.renstra_final_year})" if i.renstra_final_year else ""
    return [
        i.name,
        i.show(i.renstra_final_target) + final_year,
        i.show(i.actual),
        formats.percent(i.renstra_achievement),
    ]


def efficiency_cells(b: BudgetLine) -> list[str]:
    """The line of Tabel 3.n.6: capaian, pagu, realisasi, serapan and efisiensi of a sasaran's programs."""
    return [
        formats.percent(b.achievement),
        formats.rupiah_figure(b.ceiling),
        formats.rupiah_figure(b.spent_to_date),
        formats.percent(b.absorption),
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
