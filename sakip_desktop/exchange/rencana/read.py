"""Reading a filled planning workbook (`rencana_xlsx`): every cell checked, every problem collected with its
sheet, row and column, and the file refused whole when there is any (nothing is written by reading).

This module reads the sheets into `rencana_data` rows; `rencana_check` checks how they refer to each other
and to the database and says what an import would change (`RencanaPreview`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.domain.bounds import INDICATOR_VALUE, RUPIAH, accepted
from sakip_desktop.exchange.guard import refuse_merged, refusing_damage
from sakip_desktop.exchange.rencana.data import (
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
from sakip_desktop.exchange.rencana.write import (
    COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    LABEL_END,
    LABEL_MISSION,
    LABEL_NAME,
    LABEL_START,
    LABEL_VISION,
    PAGU_PREFIX,
    QUARTER_TITLES,
    SHEET_ACTIVITIES,
    SHEET_FORMAT,
    SHEET_GOALS,
    SHEET_INDICATORS,
    SHEET_OBJECTIVES,
    SHEET_PLAN,
    SHEET_PROGRAMS,
    SHEET_SPENDING,
    SHEET_SUBS,
    SHEET_TARGETS,
    TIDAK,
    YA,
)
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    find_sheet,
    norm,
    open_workbook,
    parse_bounded,
    parse_decimal,
    read_format_sheet,
    shown_value,
    whole_number,
)
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from sakip_desktop.exchange.rencana.check import RencanaPreview
    from sakip_desktop.storage.database import Database

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


def read_rencana(db: Database, path: Path) -> RencanaPreview:
    """Read a filled planning workbook and say what importing it would change (nothing is written).

    Raises `ValidationError` listing every error with sheet, row and column; problems that do not stop an
    import (quarterly targets that do not add up to the yearly one) are warnings of the preview.
    """
    path = Path(path)
    errors = ImportErrors(path.name)
    wb = open_workbook(path, errors)
    if wb is None:
        raise errors.refuse()
    with refusing_damage(errors):
        return _read(db, path, wb, errors)


def _read(db: Database, path: Path, wb: Workbook, errors: ImportErrors) -> RencanaPreview:
    from sakip_desktop.exchange.rencana.check import check_rencana

    found = read_format_sheet(
        wb,
        errors,
        sheet=SHEET_FORMAT,
        name=FORMAT_NAME,
        latest=FORMAT_VERSION,
        what="buku kerja rencana SAKIP",
        export_hint="Pakai templat dari 'Unduh templat rencana' atau 'sakip template rencana'.",
        too_new=lambda program, version: (
            f"dibuat oleh versi program yang lebih baru (SAKIP Desktop {program}, format rencana versi {version}); "
            "perbarui SAKIP Desktop lalu coba lagi."
        ),
    )
    if found is None:
        raise errors.refuse()
    sheets = read_sheets(wb, errors)
    if sheets.plan is None:
        raise errors.refuse()
    # Rows with errors of their own are still cross-checked with the rest, so one pass lists every problem.
    return check_rencana(db, path.name, sheets, errors)


def read_sheets(wb: Workbook, errors: ImportErrors) -> ReadSheets:
    """Read every sheet into rows (errors noted, rows with errors marked `failed`)."""
    return ReadSheets(
        plan=_read_plan(wb, errors),
        goals=list(_table(wb, SHEET_GOALS, errors, lambda c: GoalRow(c.code(0), c.text(1, True)))),
        objectives=list(
            _table(wb, SHEET_OBJECTIVES, errors, lambda c: ObjectiveRow(c.code(0), c.text(1, True), c.code(2, True)))
        ),
        indicators=list(_table(wb, SHEET_INDICATORS, errors, _indicator)),
        targets=list(_table(wb, SHEET_TARGETS, errors, _target)),
        programs=list(
            _table(wb, SHEET_PROGRAMS, errors, lambda c: ProgramRow(c.code(0), c.text(1, True), c.code(2, False)))
        ),
        activities=list(
            _table(wb, SHEET_ACTIVITIES, errors, lambda c: ActivityRow(c.code(0), c.text(1, True), c.code(2, True)))
        ),
        subs=list(_table(wb, SHEET_SUBS, errors, _sub_activity)),
        spending=list(_table(wb, SHEET_SPENDING, errors, _spending, optional=True)),
    )


def _read_plan(wb: Workbook, errors: ImportErrors) -> PlanRow | None:
    ws = find_sheet(wb, SHEET_PLAN)
    if ws is None:
        errors.add(f"lembar '{SHEET_PLAN}' tidak ada; lembar jangan dihapus atau diganti namanya.")
        return None
    found: dict[str, tuple[int, Any]] = {}
    refuse_merged(ws, errors, 1, last_row=30)
    for cells in ws.iter_rows(max_row=30, max_col=2):
        label = norm(cell_text(cells[0].value))
        if label:
            found[label] = (cells[0].row, cells[1].value if len(cells) > 1 else None)
    values: dict[str, Any] = {}
    for label in (LABEL_NAME, LABEL_START, LABEL_END, LABEL_VISION, LABEL_MISSION):
        if norm(label) not in found:
            errors.add(f"baris '{label}' tidak ada (tulis judulnya di kolom A).", SHEET_PLAN)
            continue
        row, raw = found[norm(label)]
        if label in (LABEL_START, LABEL_END):
            year = whole_number(raw)
            if year is None or not 2000 <= year <= 2100:
                errors.add(f"'{cell_text(raw)}' bukan tahun; isi mis. 2025.", SHEET_PLAN, row, "B")
            values[label] = year
        else:
            values[label] = cell_text(raw)
            if label == LABEL_NAME and not values[label]:
                errors.add("nama Renstra wajib diisi, mis. 'Renstra Kecamatan 2021–2026'.", SHEET_PLAN, row, "B")
    start, end = values.get(LABEL_START), values.get(LABEL_END)
    if errors.items or start is None or end is None:
        return None
    if not 0 <= end - start <= 9:
        errors.add(
            f"tahun akhir {end} harus sama dengan atau sesudah tahun awal {start} (paling lama 10 tahun).",
            SHEET_PLAN,
            found[norm(LABEL_END)][0],
            "B",
        )
        return None
    return PlanRow(values[LABEL_NAME], start, end, values[LABEL_VISION], values[LABEL_MISSION])


class _Cells:
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
        if high < low:
            self.fail(index, f"rentang '{cell_text(raw)}': batas atas lebih kecil dari batas bawah.")
            return None
        return Target(low, high if high != low else None)

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
        if year is None or not 2000 <= year <= 2100:
            self.fail(
                index,
                f"'{cell_text(self.values[index])}' bukan tahun; isi mis. 2025."
                if cell_text(self.values[index])
                else "tahun wajib diisi.",
            )
            return None
        return year


def _table(
    wb: Workbook,
    sheet: str,
    errors: ImportErrors,
    build: Callable[[_Cells], Any],
    optional: bool = False,
) -> Iterator[Located]:
    ws = find_sheet(wb, sheet)
    if ws is None:
        if not optional:
            errors.add(f"lembar '{sheet}' tidak ada; lembar jangan dihapus atau diganti namanya.")
        return
    columns = _columns(ws, sheet, errors)
    if columns is None:
        return
    titles = [t for t, _ in columns]
    positions = [c for _, c in columns]
    refuse_merged(ws, errors, 2, {p + 1: t for t, p in columns})
    for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = [cells[p] if p < len(cells) else None for p in positions]
        if not any(cell_text(v) for v in values):
            continue
        row = _Cells(ws.title, number, titles, values, errors)
        data = build(row)
        yield Located(ws.title, number, data, row.failed)


def _columns(ws: Worksheet, sheet: str, errors: ImportErrors) -> list[tuple[str, int]] | None:
    """(title, 0-based position) of the expected columns, then the "Pagu <tahun>" ones of Sub Kegiatan."""
    header = [norm(cell_text(c.value)) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    out, missing = [], []
    for title, _width, _kind in COLUMNS[sheet]:
        if norm(title) in header:
            out.append((title, header.index(norm(title))))
        else:
            missing.append(title)
    for title in missing:
        errors.add("kolom tidak ada di baris judul (baris 1); judul kolom harus ditulis persis.", ws.title, 1, title)
    if sheet == SHEET_SUBS:
        for position, title in enumerate(header):
            if title.startswith(norm(PAGU_PREFIX)):
                year = whole_number(title.removeprefix(norm(PAGU_PREFIX)).strip())
                if year is None or not 2000 <= year <= 2100:
                    errors.add(f"judul '{title}' harus 'Pagu' diikuti tahun, mis. 'Pagu 2025'.", ws.title, 1, title)
                else:
                    out.append((f"{PAGU_PREFIX}{year}", position))
    return None if missing else out


def _indicator(c: _Cells) -> IndicatorRow:
    return IndicatorRow(
        code=c.code(0),
        name=c.text(1, True),
        unit=c.text(2, True),
        polarity=c.choice(3, _POLARITY, "Positif atau Negatif"),
        aggregation=c.choice(4, _AGGREGATION, "Kumulatif, Nilai akhir atau Rata-rata"),
        definition=c.text(5),
        formula=c.text(6),
        data_source=c.text(7),
        responsible_unit=c.text(8),  # checked against the units in rencana_check
        is_key=bool(c.choice(9, _YES_NO, "Ya atau Tidak")),
        baseline=c.number(10),
        objective_code=c.code(11),
    )


def _target(c: _Cells) -> TargetRow:
    low, high = c.number(3), c.number(4)
    yearly = None
    if low is not None:
        if high is not None and high < low:
            c.fail(4, "batas atas lebih kecil dari target tahunan (batas bawah).")
        yearly = Target(low, high if high is not None and high != low else None)
    elif high is not None:
        c.fail(3, "batas atas diisi tetapi target tahunan (batas bawah) kosong.")
    quarters = tuple(c.target(5 + n) for n in range(4))
    return TargetRow(c.code(0), c.year(1) or 0, c.number(2), yearly, quarters)  # type: ignore[arg-type]


def _sub_activity(c: _Cells) -> SubActivityRow:
    ceilings = []
    for index in range(len(COLUMNS[SHEET_SUBS]), len(c.titles)):
        amount = c.money(index)
        if amount is not None:
            ceilings.append((int(c.titles[index].removeprefix(PAGU_PREFIX)), amount))
    return SubActivityRow(c.code(0), c.text(1, True), c.code(2), c.text(3), tuple(ceilings))


def _spending(c: _Cells) -> SpendingRow:
    amounts = tuple(c.money(2 + n) for n in range(len(QUARTER_TITLES)))
    return SpendingRow(c.code(0), c.year(1) or 0, amounts)  # type: ignore[arg-type]


__all__ = ["Located", "ReadSheets", "read_rencana", "read_sheets"]
