"""Format Isian Data Kinerja Triwulan: the fill-in workbook each Kasi/Kasubag returns with the quarter's realisasi.

One sheet per unit: rows per indicator with its targets (locked) and the cells to fill in (realisasi, faktor
pendukung/penghambat, upaya/tindak lanjut, and the manual capaian with justification where the target is 0).
Everything else is locked by sheet protection without a password, so Excel and LibreOffice keep a person
from typing over the targets by mistake; the import checks everything again anyway. A hidden sheet
"_format" names the format, its version, the office, the period, and the indicator and realisasi behind
each row. An imported file is refused whole when anything in it is wrong, listing every error with its
sheet, row and column (see `read.py`; `preview.py` applies what was read).

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.isian.columns import (
    COL_CODE,
    COL_FOLLOW_UP,
    COL_INDICATOR,
    COL_INHIBITING,
    COL_JUSTIFICATION,
    COL_MANUAL,
    COL_NO,
    COL_OBJECTIVE,
    COL_QTARGET,
    COL_RETURN,
    COL_STATUS,
    COL_SUPPORTING,
    COL_UNIT,
    COL_VALUE,
    COL_YTARGET,
    FORMAT_NAME,
    FORMAT_VERSION,
    LABEL_OFFICE,
    LABEL_QUARTER,
    LABEL_UNITS,
    LABEL_YEAR,
    MAP_INDICATOR,
    MAP_REALISATION,
    MAP_ROW,
    MAP_SHEET,
    MAP_UNIT,
    SHEET_FORMAT,
    office_title,
)
from sakip_desktop.exchange.isian.desa import lock_marked_values, write_desa_map, write_desa_sheet
from sakip_desktop.exchange.xlsxkit import (
    LABEL_FORMAT,
    LABEL_PROGRAM,
    LABEL_VERSION,
    fit_rows,
    page_setup,
    put,
    save_workbook,
)
from sakip_desktop.ops.desa.fraction import period_breakdowns
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.views import EntryView, quarter_entries
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


COLUMNS: tuple[tuple[str, int], ...] = (
    (COL_NO, 5),
    (COL_CODE, 8),
    (COL_OBJECTIVE, 28),
    (COL_INDICATOR, 40),
    (COL_UNIT, 10),
    (COL_QTARGET, 10),
    (COL_YTARGET, 10),
    (COL_VALUE, 12),
    (COL_SUPPORTING, 34),
    (COL_INHIBITING, 34),
    (COL_FOLLOW_UP, 34),
    (COL_MANUAL, 11),
    (COL_JUSTIFICATION, 30),
    (COL_STATUS, 14),
    (COL_RETURN, 30),
)
INPUT_COLUMNS = (COL_VALUE, COL_SUPPORTING, COL_INHIBITING, COL_FOLLOW_UP, COL_MANUAL, COL_JUSTIFICATION)
NUMBER_INPUTS = (COL_VALUE, COL_MANUAL)

HEADER_ROW = 8
FIRST_ROW = HEADER_ROW + 1

_INPUT_FILL = "FFF2CC"  # light yellow: fill these in
_LOCKED_FILL = "EDEDED"  # grey: submitted or approved, not editable from the file
_HEADER_FILL = "DDE4EE"

_INSTRUCTIONS = (
    "Petunjuk pengisian:",
    "1. Isi hanya sel berwarna kuning: Realisasi TW, faktor pendukung, faktor penghambat, upaya/tindak lanjut; "
    "capaian manual dan justifikasi hanya bila Target TW bernilai 0.",
    "2. Bila capaian di bawah Target TW atau turun dari triwulan sebelumnya, ketiga kolom narasi wajib diisi. "
    "Angka desimal boleh ditulis dengan koma, mis. 12,5. Indikator kualitatif (target berupa tingkat, mis. BB) "
    "diisi dengan memilih tingkat dari daftar pada sel Realisasi TW.",
    "3. Baris abu-abu sudah diajukan atau disetujui dan tidak dapat diubah dari berkas ini. Jangan menambah, "
    "menghapus, atau memindahkan baris dan lembar; lembar tersembunyi '_format' jangan dihapus.",
)


def sheet_title(name: str, code: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\) that is not taken yet.

    A long unit name is shortened the way offices write it ('Subbag …'); when still too long, the unit code
    is used ('SEKSI_TRANTIB' gives 'Seksi Trantib').
    """

    def clean(text: str) -> str:
        text = "".join(" " if ch in "[]:*?/\\'" else ch for ch in text).replace("Sub Bagian ", "Subbag ")
        return " ".join(text.split())

    title = clean(name)
    if len(title) > 31:
        title = clean(code.replace("_", " ").title()) or title
    if len(title) > 31:
        title = title[:30] + "…"
    title = title or "Unit"
    base, n = title, 2
    while title.casefold() in {t.casefold() for t in taken} or title.casefold() == SHEET_FORMAT:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def target_cell(target: Target | None) -> Any:
    """A target as a cell value: a number, or '80–90' for a range (`formats.span`)."""
    if target is None:
        return None
    if target.is_range:
        assert target.high is not None
        return formats.span(formats.exact(target.low), formats.exact(target.high))
    return target.low


def export_isian(db: Database, year: int, quarter: int, unit_id: int | None, path: Path) -> int:
    """Write the Format Isian for a quarter to `path`: one unit, or (unit_id None) one sheet per unit that
    has indicators with a target that year. Returns the number of indicator rows written."""
    from openpyxl import Workbook

    entries = quarter_entries(db, year, quarter, unit_id)
    if not entries:
        raise ValidationError(f"Tidak ada indikator bertarget pada tahun {year} untuk diisi.")
    units = [u for u in list_units(db) if any(e.responsible_unit_id == u.id for e in entries)]
    orphans = [e for e in entries if e.responsible_unit_id is None]
    if orphans:
        codes = ", ".join(e.code for e in orphans)
        raise ValidationError(f"Indikator {codes} belum punya unit penanggung jawab; tetapkan dulu unitnya.")
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    office = office_title(db)
    mapping: list[tuple[str, str, int, int, int | None]] = []
    for unit in units:
        ws = wb.create_sheet(sheet_title(unit.name, unit.code, taken))
        rows = [e for e in entries if e.responsible_unit_id == unit.id]
        _write_unit(ws, office, year, quarter, unit.name, rows)
        mapping.extend(
            (ws.title, unit.code, FIRST_ROW + i, e.indicator_id, e.realisation_id) for i, e in enumerate(rows)
        )
    # an indicator over desa: a sheet of its desa to mark (`isian.desa`)
    found = {b.indicator_id: b for b in period_breakdowns(db, year, quarter)}
    marked = {i for i, b in found.items() if b.desa_counted is not None}
    value_column = next(n for n, (title, _w) in enumerate(COLUMNS, start=1) if title == COL_VALUE)
    lock_marked_values(wb, [(m[0], m[2]) for m in mapping if m[3] in marked], value_column)
    desa_rows: list[tuple[str, int, int, int]] = []
    for e in (e for e in entries if e.indicator_id in found):
        ws = wb.create_sheet(sheet_title(f"Desa {e.code}", e.code, taken))
        desa_rows += write_desa_sheet(ws, office, year, quarter, e, found[e.indicator_id])
    fmt = wb.create_sheet(SHEET_FORMAT)
    _write_format(fmt, office, year, quarter, [u.code for u in units], mapping)
    write_desa_map(fmt, desa_rows)
    wb.active = 0
    save_workbook(wb, Path(path))
    return len(entries)


def _write_unit(ws: Worksheet, office: str, year: int, quarter: int, unit_name: str, rows: Sequence[EntryView]) -> None:
    """One unit's sheet: the title and instructions, the table of its indicators, the checks on the inputs."""
    letters = _write_head(ws, office, year, quarter, unit_name)
    for number, entry in enumerate(rows, start=1):
        _write_row(ws, FIRST_ROW + number - 1, number, entry)
    _level_lists(ws, letters[COL_VALUE], rows)
    _number_checks(ws, letters, rows)
    fit_rows(ws, min_row=FIRST_ROW)
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    page_setup(ws)
    # Protected without a password: a guard against typing over targets, not a security measure.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_head(ws: Worksheet, office: str, year: int, quarter: int, unit_name: str) -> dict[str, str]:
    """The title, the instructions and the column headings; returns the column letter of each heading."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws["A1"] = f"FORMAT ISIAN DATA KINERJA TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = office
    ws["A3"] = f"Unit kerja: {unit_name}"
    ws["A3"].font = Font(bold=True)
    for offset, line in enumerate(_INSTRUCTIONS):
        ws.cell(row=4 + offset, column=1, value=line).font = Font(bold=offset == 0, italic=offset > 0)
    letters = {}
    for index, (title, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letters[title] = get_column_letter(index)
        ws.column_dimensions[letters[title]].width = width
    ws.row_dimensions[HEADER_ROW].height = 32  # two lines: 'Target tahun', 'Capaian manual'
    return letters


def _row_values(number: int, entry: EntryView) -> dict[str, Any]:
    return {
        COL_NO: number,
        COL_CODE: entry.code,
        COL_OBJECTIVE: entry.objective,
        COL_INDICATOR: entry.name,
        COL_UNIT: entry.unit,
        COL_QTARGET: entry.target_label(entry.quarter_target) or target_cell(entry.quarter_target),
        COL_YTARGET: entry.target_label(entry.year_target) or target_cell(entry.year_target),
        COL_VALUE: entry.value_label(entry.value) or entry.value,
        COL_SUPPORTING: entry.narrative.supporting,
        COL_INHIBITING: entry.narrative.inhibiting,
        COL_FOLLOW_UP: entry.narrative.follow_up,
        COL_MANUAL: entry.manual_achievement,
        COL_JUSTIFICATION: entry.manual_justification,
        COL_STATUS: entry.status_label + (" (terkunci)" if entry.locked else ""),
        COL_RETURN: entry.return_reason,
    }


def _write_row(ws: Worksheet, row: int, number: int, entry: EntryView) -> None:
    """One indicator's row: its inputs yellow and unlocked while it may be changed, grey otherwise."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    values = _row_values(number, entry)
    for column, (title, _width) in enumerate(COLUMNS, start=1):
        numeric = title in (COL_NO, COL_QTARGET, COL_YTARGET, *NUMBER_INPUTS)
        put(ws, row, column, values[title], text=not numeric or (bool(entry.levels) and title != COL_MANUAL))
        cell = ws.cell(row=row, column=column)
        if title in INPUT_COLUMNS:
            cell.fill = PatternFill("solid", fgColor=_INPUT_FILL if entry.editable else _LOCKED_FILL)
            if entry.editable:
                cell.protection = Protection(locked=False)
        if numeric:
            cell.alignment = Alignment(vertical="top", horizontal="right")


def _number_checks(ws: Worksheet, letters: dict[str, str], rows: Sequence[EntryView]) -> None:
    """Excel's check of the number inputs: 0 or more."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for title in NUMBER_INPUTS:
        dv = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Bukan angka",
            error="Isi angka 0 atau lebih, dengan pemisah desimal sesuai pengaturan komputer (12,5 atau 12.5).",
            showInputMessage=True,
            promptTitle=title,
            prompt="Angka 0 atau lebih, mis. 12,5.",
        )
        # The realisasi of a qualitative row has its list of levels instead.
        plain = [not (title == COL_VALUE and entry.levels) for entry in rows]
        for start, end in _runs(plain):
            dv.add(f"{letters[title]}{FIRST_ROW + start}:{letters[title]}{FIRST_ROW + end}")
        if dv.sqref.ranges:
            ws.add_data_validation(dv)


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """The (first, last) indexes of each run of consecutive true flags."""
    runs: list[tuple[int, int]] = []
    for i, flag in enumerate(flags):
        if flag and runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        elif flag:
            runs.append((i, i))
    return runs


def _level_lists(ws: Worksheet, letter: str, rows: Sequence[EntryView]) -> None:
    """A drop-down of the scale's levels on the realisasi cell of each qualitative indicator.

    Excel takes a written list of at most 255 characters without commas inside a label; a scale that does not
    fit gets no drop-down (the import still accepts only its labels).
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    by_scale: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for i, entry in enumerate(rows):
        if entry.levels:
            labels = tuple(entry.levels[rank] for rank in sorted(entry.levels))
            by_scale.setdefault((entry.scale_name, labels), []).append(FIRST_ROW + i)
    for (name, labels), numbers in by_scale.items():
        written = ",".join(labels)
        if len(written) > 255 or any("," in label or '"' in label for label in labels):
            continue
        dv = DataValidation(
            type="list",
            formula1=f'"{written}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Bukan tingkat skala",
            error=f"Pilih salah satu tingkat skala {name}: {', '.join(labels)}."[:255],
            showInputMessage=True,
            promptTitle=COL_VALUE,
            prompt=f"Pilih tingkat skala {name}."[:255],
        )
        for number in numbers:
            dv.add(f"{letter}{number}")
        ws.add_data_validation(dv)


def _write_format(
    ws: Worksheet,
    office: str,
    year: int,
    quarter: int,
    unit_codes: list[str],
    mapping: list[tuple[str, str, int, int, int | None]],
) -> None:
    for label, value in (
        (LABEL_FORMAT, FORMAT_NAME),
        (LABEL_VERSION, FORMAT_VERSION),
        (LABEL_PROGRAM, sakip_desktop.__version__),
        (LABEL_OFFICE, office),
        (LABEL_YEAR, year),
        (LABEL_QUARTER, quarter),
        (LABEL_UNITS, ", ".join(unit_codes)),
    ):
        ws.append((label, value))
    ws.append(())
    ws.append((MAP_SHEET, MAP_UNIT, MAP_ROW, MAP_INDICATOR, MAP_REALISATION))
    for row in mapping:
        ws.append(row)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "export_isian", "sheet_title"]
