"""The rules of the office's plan: what a Renstra, a tujuan, a sasaran, an indicator, a target, a program, a
kegiatan, a sub kegiatan and their budget may hold.

One rule each, called by the screens' operations (`ops.planning`) and by the planning workbook's reader
(`exchange.rencana`), so a record the workbook accepts is one the screen accepts and saves unchanged. Every
function returns the value as it is stored (spaces tidied, an indicator code in capitals) or raises
`ValidationError` naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain import bounds
from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.errors import ValidationError

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
MAX_PLAN_YEARS = 10
MAX_SATUAN = 40
MAX_BUDGET_CODE = 40
MAX_BENCHMARK = 300  # characters of an indicator's benchmark (one line in the LKj's table)
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class PlanInput:
    """A Renstra: its name, period and visi/misi (one misi per line)."""

    name: str
    start_year: int
    end_year: int
    vision: str = ""
    mission: str = ""

    @property
    def years(self) -> range:
        """The years the Renstra covers."""
        return range(self.start_year, self.end_year + 1)


@dataclass(frozen=True)
class NodeInput:
    """A tujuan or a sasaran: its code (T1, S1) and statement."""

    code: str
    statement: str
    sort_order: int = 0


@dataclass(frozen=True)
class IndicatorInput:
    """An indicator as typed in its form."""

    code: str
    name: str
    unit: str
    polarity: Polarity = Polarity.POSITIVE
    aggregation: Aggregation = Aggregation.CUMULATIVE
    definition: str = ""
    formula: str = ""
    data_source: str = ""
    responsible_unit_id: int | None = None
    is_key: bool = False
    scale_id: int | None = None
    baseline: Decimal | None = None
    sort_order: int = 0
    benchmark: str | None = None  # standar nasional / pembanding; None: keep what is stored


def one_line(text: str) -> str:
    """Text on one line with single spaces (how names, statements and codes are stored)."""
    return " ".join(text.split())


def required_line(text: str, label: str, field: str) -> str:
    """`text` on one line (`one_line`); refused when empty: "`label` wajib diisi."."""
    text = one_line(text)
    if not text:
        raise ValidationError(f"{label} wajib diisi.", field=field)
    return text


# --- Renstra -------------------------------------------------------------------------------------------------


def check_year(year: int, field: str = "year") -> int:
    """A plausible year of a plan, target or budget."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"Tahun {year} tidak masuk akal.", field=field)
    return year


def mission_lines(mission: str) -> str:
    """The misi one per line, without blank lines or spaces around them."""
    return "\n".join(line.strip() for line in mission.splitlines() if line.strip())


def clean_plan(data: PlanInput) -> PlanInput:
    """A Renstra: a name, a period of at most `MAX_PLAN_YEARS` years, visi and misi tidied."""
    name = data.name.strip()
    if not name:
        raise ValidationError("Nama Renstra wajib diisi.", field="name")
    check_year(data.start_year, "start_year")
    check_year(data.end_year, "end_year")
    if data.end_year < data.start_year:
        raise ValidationError("Tahun akhir Renstra tidak boleh sebelum tahun awalnya.", field="end_year")
    if data.end_year - data.start_year + 1 > MAX_PLAN_YEARS:
        raise ValidationError(f"Periode Renstra paling lama {MAX_PLAN_YEARS} tahun.", field="end_year")
    return PlanInput(name, data.start_year, data.end_year, data.vision.strip(), mission_lines(data.mission))


# --- tujuan and sasaran --------------------------------------------------------------------------------------


def node_code(code: str, what: str) -> str:
    """The code of a tujuan, sasaran or indicator (`what`): letters and digits, '.', '_' or '-', at most 20."""
    code = code.strip()
    if not CODE.fullmatch(code):
        raise ValidationError(
            f"Kode {what} wajib diisi: huruf dan angka (boleh titik atau tanda hubung), paling banyak 20."
            if not code
            else f"Kode {what} '{code}' tidak dapat dipakai: tulis huruf dan angka tanpa spasi (boleh titik atau "
            "tanda hubung), paling banyak 20.",
            field="code",
        )
    return code


def node_statement(statement: str, what: str) -> str:
    """The rumusan of a tujuan or sasaran, on one line."""
    return required_line(statement, f"Rumusan {what}", "statement")


def clean_node(data: NodeInput, what: str) -> NodeInput:
    """A tujuan or sasaran (`what`) as stored."""
    return NodeInput(node_code(data.code, what), node_statement(data.statement, what), data.sort_order)


# --- indicators ----------------------------------------------------------------------------------------------


def indicator_code(code: str) -> str:
    """An indicator's code in capitals: letters and digits, '.', '_' or '-', at most 20."""
    return node_code(code, "indikator").upper()


def indicator_name(name: str) -> str:
    """An indicator's name, on one line."""
    return required_line(name, "Nama indikator", "name")


def indicator_unit(unit: str) -> str:
    """An indicator's satuan (%, dokumen, desa, nilai), at most `MAX_SATUAN` characters."""
    unit = unit.strip()
    if not unit:
        raise ValidationError("Satuan wajib diisi (mis. %, dokumen, desa, nilai).", field="unit")
    if len(unit) > MAX_SATUAN:
        raise ValidationError(f"Satuan paling panjang {MAX_SATUAN} karakter.", field="unit")
    return unit


def indicator_benchmark(text: str | None) -> str | None:
    """An indicator's benchmark (e.g. 'SPM 100% (Permendagri 59/2021)') on one line, at most `MAX_BENCHMARK`
    characters; '' for none; None stays None (keep what is stored)."""
    if text is None:
        return None
    text = one_line(text)
    if len(text) > MAX_BENCHMARK:
        raise ValidationError(
            f"Standar nasional/pembanding paling panjang {MAX_BENCHMARK} karakter (sekarang {len(text)}).",
            field="benchmark",
        )
    return text


def indicator_kind(
    polarity: Polarity | str, aggregation: Aggregation | str, qualitative: bool
) -> tuple[Polarity, Aggregation]:
    """Polarity and aggregation; a qualitative indicator (on a scale) is positive and never cumulative."""
    kind = Polarity(polarity), Aggregation(aggregation)
    if qualitative and kind[0] is not Polarity.POSITIVE:
        raise ValidationError(
            "Indikator kualitatif berpolaritas positif: tingkat yang lebih tinggi lebih baik.", field="polarity"
        )
    if qualitative and kind[1] is Aggregation.CUMULATIVE:
        raise ValidationError(
            "Tingkat kualitatif tidak dapat dijumlahkan; pilih 'Nilai akhir' untuk indikator kualitatif.",
            field="aggregation",
        )
    return kind


def indicator_value(value: Decimal | int | None, label: str, field: str) -> Decimal | None:
    """A baseline, target or realisasi within `bounds.INDICATOR_VALUE` (None stays None)."""
    return bounds.check(value, bounds.INDICATOR_VALUE, label, field)


def clean_indicator(data: IndicatorInput) -> IndicatorInput:
    """An indicator as stored, as far as it can be told without the database (the unit, scale and ranks of a
    qualitative indicator are checked by `ops.planning`)."""
    code, name, unit = indicator_code(data.code), indicator_name(data.name), indicator_unit(data.unit)
    polarity, aggregation = indicator_kind(data.polarity, data.aggregation, data.scale_id is not None)
    return IndicatorInput(
        code=code,
        name=name,
        unit=unit,
        polarity=polarity,
        aggregation=aggregation,
        definition=data.definition.strip(),
        formula=data.formula.strip(),
        data_source=data.data_source.strip(),
        responsible_unit_id=data.responsible_unit_id,
        is_key=bool(data.is_key),
        scale_id=data.scale_id,
        baseline=indicator_value(data.baseline, "Baseline", "baseline"),
        sort_order=data.sort_order,
        benchmark=indicator_benchmark(data.benchmark),
    )


# --- targets -------------------------------------------------------------------------------------------------


def target_range(target: Target, label: str, field: str, qualitative: bool = False) -> Target:
    """A target: a number, or a range low–high (low below high; equal ends are one number). A qualitative
    indicator's target is one level, not a range."""
    low = indicator_value(target.low, label, field)
    assert low is not None
    high = indicator_value(target.high, f"{label} (batas atas)", field)
    if high is not None and high == low:
        high = None
    if high is not None and high < low:
        raise ValidationError(f"{label}: batas atas {high} lebih kecil dari batas bawah {low}.", field=field)
    if high is not None and qualitative:
        raise ValidationError(f"{label}: target indikator kualitatif satu tingkat, bukan rentang.", field=field)
    return Target(low, high)


def year_in_plan(year: int, start_year: int, end_year: int, field: str) -> int:
    """A Renstra target's year, within the plan's period."""
    if not start_year <= year <= end_year:
        raise ValidationError(f"Tahun {year} di luar periode Renstra {start_year}–{end_year}.", field=field)
    return year


# --- programs, kegiatan, sub kegiatan and their budget -------------------------------------------------------


def budget_code(code: str, what: str) -> str:
    """The code of a program, kegiatan or sub kegiatan (`what`): one line, at most `MAX_BUDGET_CODE`."""
    code = required_line(code, f"Kode {what}", "code")
    if len(code) > MAX_BUDGET_CODE:
        raise ValidationError(f"Kode {what} paling banyak {MAX_BUDGET_CODE} karakter.", field="code")
    return code


def budget_name(name: str, what: str) -> str:
    """The name of a program, kegiatan or sub kegiatan (`what`), on one line."""
    return required_line(name, f"Nama {what}", "name")


def rupiah(amount: int | Decimal | None, label: str, field: str) -> int:
    """A pagu or realisasi anggaran: whole Rupiah within `bounds.RUPIAH` (empty is 0)."""
    return bounds.check_rupiah(amount, label, field) or 0


def spending_within_ceiling(ceiling: int, spent: Sequence[int]) -> None:
    """Realisasi anggaran TW I–IV never above the pagu."""
    from sakip_desktop.domain import formats  # Babel: only when there is something to say

    total = sum(spent)
    if total > ceiling:
        raise ValidationError(
            f"Realisasi anggaran TW I–IV {formats.rupiah(total, sen=False)} melebihi pagu "
            f"{formats.rupiah(ceiling, sen=False)}; periksa angkanya atau naikkan pagunya.",
            field="spent",
        )


__all__ = [
    "CODE",
    "MAX_PLAN_YEARS",
    "IndicatorInput",
    "NodeInput",
    "PlanInput",
    "budget_code",
    "budget_name",
    "check_year",
    "clean_indicator",
    "clean_node",
    "clean_plan",
    "indicator_code",
    "indicator_kind",
    "indicator_name",
    "indicator_unit",
    "indicator_value",
    "mission_lines",
    "node_code",
    "node_statement",
    "one_line",
    "required_line",
    "rupiah",
    "spending_within_ceiling",
    "target_range",
    "year_in_plan",
]
