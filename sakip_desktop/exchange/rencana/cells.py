"""The rows of a planning workbook's table sheets, cell by cell: every value parsed and checked with the planning
rules (`domain.planning`, the rules the screens' operations apply), every problem noted with its sheet, row and
column. `read` walks the sheets; `check` cross-checks the rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.domain.bounds import INDICATOR_VALUE, RUPIAH, accepted
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.rencana.write import COLUMNS, PAGU_PREFIX, QUARTER_TITLES, SHEET_SUBS, TIDAK, YA
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    norm,
    parse_bounded,
    parse_decimal,
    shown_value,
    whole_number,
)
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS
from sakip_desktop.ops.planning.rows import (
    ActivityRow,
    GoalRow,
    IndicatorRow,
    ObjectiveRow,
    PlanRow,
    ProgramRow,
    SpendingRow,
    SubActivityRow,
    TargetRow,
)

MAX_TEXT = 4000
_POLARITY = {norm(v): k for k, v in POLARITY_LABELS.items()} | {norm(p.value): p.value for p in Polarity}
_AGGREGATION = (
    {norm(v): k for k, v in AGGREGATION_LABELS.items()}
    | {norm(a.value): a.value for a in Aggregation}
    | {"nilai terakhir": "LAST_VALUE", "rata rata": "AVERAGE", "kumulatif (jumlah)": "CUMULATIVE"}
)
_YES_NO = {norm(YA): True, "y": True, "iya": True, norm(TIDAK): False, "t": False, "": False}
_RANGE = re.compile(r"(\d[\d.,]*)\s*[–—-]\s*(\d[\d.,]*)")


@dataclass
class Located:
    """A row read from a sheet, with where it is (for messages about it later)."""

    sheet: str
    row: int
    data: Any
    failed: bool = False  # the row has an error of its own: its code counts, its contents are not checked further


@dataclass
class ReadSheets:
    """Everything read from the workbook, before cross-checks."""

    plan: PlanRow | None
    goals: list[Located]
    objectives: list[Located]
    indicators: list[Located]
    targets: list[Located]
    programs: list[Located]
    activities: list[Located]
    subs: list[Located]
    spending: list[Located]


class Cells:
    """One row of a table sheet: read a cell by its column's position in `COLUMNS`, noting problems."""

    def __init__(self, sheet: str, row: int, titles: list[str], values: list[Any], errors: ImportErrors) -> None:
        self.sheet, self.row, self.titles, self.values, self.errors = sheet, row, titles, values, errors
        self.failed = False

    def fail(self, index: int, message: str) -> None:
        """Note a problem in the cell of column `index`."""
        self.failed = True
        self.errors.add(message, self.sheet, self.row, self.titles[index])

    def raw(self, index: int) -> Any:
        """The value as read."""
        return self.values[index]

    def text(self, index: int, required: bool = False) -> str:
        """A text cell."""
        value = cell_text(self.values[index])
        if required and not value:
            self.fail(index, "wajib diisi.")
        if len(value) > MAX_TEXT:
            self.fail(index, f"teks terlalu panjang ({len(value)} karakter; paling banyak {MAX_TEXT}).")
        return value

    def code(self, index: int, required: bool = True) -> str:
        """A code: no line breaks, at most 40 characters."""
        value = " ".join(self.text(index).split())
        if required and not value:
            self.fail(index, "kode wajib diisi.")
        elif len(value) > 40:
            self.fail(index, f"kode '{value}' terlalu panjang (paling banyak 40 karakter).")
        return value

    def ruled(self, index: int, rule: Callable[[str], str]) -> str:
        """A cell the planning rules decide on (a code, a name, a satuan): the value as it will be stored, or the
        rule's own message for the cell."""
        value = cell_text(self.values[index])
        if len(value) > MAX_TEXT:
            return self.text(index)  # noted as too long; the rule has nothing to add
        try:
            return rule(value)
        except ValidationError as exc:
            self.fail(index, exc.message)
            return rules.one_line(value)  # the row failed; its code still counts for duplicates

    def choice(self, index: int, choices: dict[str, Any], hint: str) -> Any:
        """One of a list of choices."""
        value = cell_text(self.values[index])
        if norm(value) not in choices:
            self.fail(index, f"'{value}' tidak dikenal; isi {hint}." if value else f"wajib diisi; isi {hint}.")
            return None
        return choices[norm(value)]

    def number(self, index: int) -> Decimal | None:
        """An indicator's value (decimal comma allowed) within `INDICATOR_VALUE`, or None for an empty cell."""
        value, problem = parse_bounded(self.values[index], INDICATOR_VALUE)
        if problem:
            self.fail(index, problem)
        return value

    def target(self, index: int) -> Target | None:
        """A number or a range '80 – 90'."""
        raw = self.values[index]
        match = _RANGE.fullmatch(cell_text(raw)) if isinstance(raw, str) else None
        if match is None:
            value = self.number(index)
            return None if value is None else Target(value)
        low, problem_low = parse_decimal(match.group(1))
        high, problem_high = parse_decimal(match.group(2))
        if problem_low or problem_high or low is None or high is None:
            self.fail(index, f"'{cell_text(raw)}' bukan angka atau rentang (mis. 80 – 90).")
            return None
        (low, problem_low), (high, problem_high) = (accepted(end, INDICATOR_VALUE) for end in (low, high))
        if problem_low or problem_high or low is None or high is None:
            self.fail(index, f"rentang '{cell_text(raw)}': {problem_low or problem_high}")
            return None
        return self.ranged(index, low, high, f"Rentang '{cell_text(raw)}'")

    def ranged(self, index: int, low: Decimal, high: Decimal | None, label: str) -> Target | None:
        """A target low–high by the planning rule (`domain.planning.target_range`)."""
        try:
            return rules.target_range(Target(low, high), label, self.titles[index])
        except ValidationError as exc:
            self.fail(index, exc.message)
            return None

    def money(self, index: int) -> int | None:
        """Whole Rupiah within `RUPIAH`, or None for an empty cell."""
        value, problem = parse_decimal(self.values[index])
        if problem:
            self.fail(index, problem)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.fail(index, f"'{cell_text(self.values[index])}' bukan rupiah bulat; tulis tanpa sen.")
            return None
        amount, problem = accepted(value, RUPIAH)
        if problem or amount is None:
            self.fail(index, f"'{shown_value(self.values[index])}' {problem}")
            return None
        return int(amount)

    def year(self, index: int) -> int | None:
        """A year."""
        year = whole_number(self.values[index])
        if year is None or not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
            self.fail(
                index,
                f"'{cell_text(self.values[index])}' bukan tahun; isi mis. 2025."
                if cell_text(self.values[index])
                else "tahun wajib diisi.",
            )
            return None
        return year


def goal_row(c: Cells) -> GoalRow:
    """A row of sheet Tujuan."""
    return GoalRow(c.ruled(0, lambda v: rules.node_code(v, "tujuan")), c.ruled(1, _statement("tujuan")))


def objective_row(c: Cells) -> ObjectiveRow:
    """A row of sheet Sasaran."""
    return ObjectiveRow(
        c.ruled(0, lambda v: rules.node_code(v, "sasaran")), c.ruled(1, _statement("sasaran")), c.code(2, True)
    )


def _statement(what: str) -> Callable[[str], str]:
    return lambda v: rules.node_statement(v, what)


def indicator_row(c: Cells) -> IndicatorRow:
    """A row of sheet Indikator."""
    return IndicatorRow(
        code=c.ruled(0, rules.indicator_code),
        name=c.ruled(1, rules.indicator_name),
        unit=c.ruled(2, rules.indicator_unit),
        polarity=c.choice(3, _POLARITY, "Positif atau Negatif"),
        aggregation=c.choice(4, _AGGREGATION, "Kumulatif, Nilai akhir atau Rata-rata"),
        definition=c.text(5),
        formula=c.text(6),
        data_source=c.text(7),
        responsible_unit=c.text(8),  # checked against the units in `check`
        is_key=bool(c.choice(9, _YES_NO, "Ya atau Tidak")),
        baseline=c.number(10),
        objective_code=c.code(11),
    )


def target_row(c: Cells) -> TargetRow:
    """A row of sheet Target."""
    low, high = c.number(3), c.number(4)
    yearly = None
    if low is not None:
        yearly = c.ranged(4, low, high, "Target tahunan")
    elif high is not None:
        c.fail(3, "batas atas diisi tetapi target tahunan (batas bawah) kosong.")
    quarters = (c.target(5), c.target(6), c.target(7), c.target(8))
    return TargetRow(c.ruled(0, rules.indicator_code), c.year(1) or 0, c.number(2), yearly, quarters)


def program_row(c: Cells) -> ProgramRow:
    """A row of sheet Program."""
    return ProgramRow(*_budget_node(c, "program"), c.code(2, False))


def activity_row(c: Cells) -> ActivityRow:
    """A row of sheet Kegiatan."""
    return ActivityRow(*_budget_node(c, "kegiatan"), c.code(2, True))


def _budget_node(c: Cells, what: str) -> tuple[str, str]:
    return c.ruled(0, lambda v: rules.budget_code(v, what)), c.ruled(1, lambda v: rules.budget_name(v, what))


def sub_activity_row(c: Cells) -> SubActivityRow:
    """A row of sheet Sub Kegiatan, with a pagu per "Pagu <tahun>" column."""
    ceilings = []
    for index in range(len(COLUMNS[SHEET_SUBS]), len(c.titles)):
        amount = c.money(index)
        if amount is not None:
            ceilings.append((int(c.titles[index].removeprefix(PAGU_PREFIX)), amount))
    code, name = _budget_node(c, "sub kegiatan")
    return SubActivityRow(code, name, c.code(2), c.text(3), tuple(ceilings))


def spending_row(c: Cells) -> SpendingRow:
    """A row of sheet Realisasi Anggaran."""
    amounts = (c.money(2), c.money(3), c.money(4), c.money(5))
    assert len(amounts) == len(QUARTER_TITLES)
    return SpendingRow(c.code(0), c.year(1) or 0, amounts)


__all__ = [
    "MAX_TEXT",
    "Cells",
    "Located",
    "ReadSheets",
    "activity_row",
    "goal_row",
    "indicator_row",
    "objective_row",
    "program_row",
    "spending_row",
    "sub_activity_row",
    "target_row",
]
