"""The per-desa sheets of a Format Isian: one sheet per indicator over desa, a row per desa to mark as meeting the
criterion ("Ya") or not ("Tidak"), with a note; written with the unit sheets (`write.py`), read back with them
(`read.py`) and applied in the same operation (`preview.apply_isian` through `ops.desa.entry.store_marks`).

The hidden "_format" sheet maps each desa row to its indicator and desa in a second table under the row map, so a
moved or edited row is caught rather than written to the wrong desa.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.domain.realisation import RealisationInput, clean_text, status_problem, text_problem
from sakip_desktop.exchange.isian.preview import IsianChange
from sakip_desktop.exchange.xlsxkit import ImportErrors, cell_text, find_sheet, norm, put, whole_number
from sakip_desktop.ops.desa.entry import DesaMark
from sakip_desktop.ops.desa.fraction import MET, MISSING, NOT_MET, Breakdown, percentage
from sakip_desktop.ops.realisation.views import EntryView

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

COL_NO, COL_DESA_CODE, COL_DESA, COL_MEETS, COL_NOTE = (
    "No",
    "Kode desa",
    "Desa/Kelurahan",
    "Memenuhi kriteria",
    "Keterangan",
)
COLUMNS = ((COL_NO, 5), (COL_DESA_CODE, 16), (COL_DESA, 26), (COL_MEETS, 14), (COL_NOTE, 60))
YES, NO = "Ya", "Tidak"
HEADER_ROW = 7
FIRST_ROW = HEADER_ROW + 1
# The second table of "_format": which desa each row of a desa sheet is.
MAP_DESA_SHEET, MAP_DESA_ROW, MAP_DESA_INDICATOR, MAP_DESA_ID = "Lembar desa", "Baris", "ID indikator", "ID desa"
_STATE_CELL = {MET: YES, NOT_MET: NO, MISSING: None}


@dataclass(frozen=True)
class DesaRowMap:
    """One desa row of a desa sheet."""

    sheet: str
    row: int
    indicator_id: int
    desa_id: int


# ---- writing --------------------------------------------------------------------------------------------------


def write_desa_sheet(ws: Worksheet, office: str, year: int, quarter: int, entry: EntryView, found: Breakdown
                     ) -> list[tuple[str, int, int, int]]:  # fmt: skip
    """One indicator's desa sheet; returns its rows for the map (sheet, row, indicator id, desa id)."""
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws["A1"] = f"ISIAN PER DESA TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = office
    ws["A3"] = f"Indikator {entry.code}: {entry.name}"
    ws["A3"].font = Font(bold=True)
    ws["A4"] = f"Kriteria: {found.criterion}"
    ws["A5"] = (
        "Isi kolom 'Memenuhi kriteria' dengan Ya atau Tidak untuk setiap desa (kosongkan bila belum dinilai) dan "
        "keterangannya. Realisasi dihitung: desa yang memenuhi ÷ desa yang diisi × 100%. Jangan menambah, "
        "menghapus, atau memindahkan baris."
    )
    ws["A5"].font = Font(italic=True)
    for index, (title, width) in enumerate(COLUMNS, start=1):
        put(ws, HEADER_ROW, index, title)
        ws.cell(row=HEADER_ROW, column=index).font = Font(bold=True)
        ws.column_dimensions[chr(64 + index)].width = width
    fill = PatternFill("solid", fgColor="FFF2CC" if entry.editable else "EDEDED")
    mapped = []
    for n, r in enumerate(found.rows, start=1):
        row = FIRST_ROW + n - 1
        for column, value in enumerate((n, r.code, r.name, _STATE_CELL[r.state], r.note), start=1):
            put(ws, row, column, value, text=column != 1)
        for column in (4, 5):
            cell = ws.cell(row=row, column=column)
            cell.fill = fill
            if entry.editable:
                cell.protection = Protection(locked=False)
        mapped.append((ws.title, row, entry.indicator_id, r.desa_id))
    if found.rows:
        dv = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Isi Ya atau Tidak", error="Isi Ya atau Tidak, atau kosongkan.")  # fmt: skip
        dv.add(f"D{FIRST_ROW}:D{FIRST_ROW + len(found.rows) - 1}")
        ws.add_data_validation(dv)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.protection.sheet = True
    return mapped


def lock_marked_values(wb: Workbook, cells: Sequence[tuple[str, int]], column: int) -> None:
    """Grey and lock the Realisasi TW cell (sheet, row) of each indicator whose desa are marked: its desa sheet
    gives the value (the import does not read that cell)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill, Protection

    for sheet, row in cells:
        cell = wb[sheet].cell(row=row, column=column)
        cell.fill = PatternFill("solid", fgColor="EDEDED")
        cell.protection = Protection(locked=True)
        cell.comment = Comment("Dihitung dari lembar per desa indikator ini; isi Ya/Tidak di lembar itu.", "SAKIP")


def write_desa_map(ws: Worksheet, rows: Sequence[tuple[str, int, int, int]]) -> None:
    """The second table of "_format", after a blank row."""
    if not rows:
        return
    ws.append(())
    ws.append((MAP_DESA_SHEET, MAP_DESA_ROW, MAP_DESA_INDICATOR, MAP_DESA_ID))
    for row in rows:
        ws.append(row)


# ---- reading --------------------------------------------------------------------------------------------------


def split_map(rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows of "_format" before the desa table, and the desa table's rows (header included)."""
    start = next((i for i, r in enumerate(rows) if r and norm(cell_text(r[0])) == norm(MAP_DESA_SHEET)), None)
    return (rows, []) if start is None else (rows[:start], rows[start:])


def desa_map(rows: list[tuple[Any, ...]], errors: ImportErrors, sheet: str) -> list[DesaRowMap]:
    """The desa table of "_format" (empty when the file has none)."""
    out = []
    for raw in rows[1:]:
        cells = [raw[c] if c < len(raw) else None for c in range(4)]
        if not any(cell_text(v) for v in cells):
            continue
        row, indicator, desa = whole_number(cells[1]), whole_number(cells[2]), whole_number(cells[3])
        if row is None or row < FIRST_ROW or indicator is None or desa is None:
            errors.add("daftar baris desa rusak; ekspor ulang Format Isian.", sheet)
            return []
        out.append(DesaRowMap(cell_text(cells[0]), row, indicator, desa))
    return out


def read_desa_marks(wb: Workbook, mapping: list[DesaRowMap], found: dict[int, Breakdown], errors: ImportErrors
                    ) -> dict[int, tuple[str, int, tuple[DesaMark, ...]]]:  # fmt: skip
    """The marks each desa sheet holds, by indicator id: (sheet, first row, marks), only where they differ from
    what is stored. Every bad cell is noted with its sheet, row and column."""
    out: dict[int, tuple[str, int, tuple[DesaMark, ...]]] = {}
    by_indicator: dict[int, list[DesaRowMap]] = {}
    for m in mapping:
        by_indicator.setdefault(m.indicator_id, []).append(m)
    for indicator_id, rows in by_indicator.items():
        ws = find_sheet(wb, rows[0].sheet)
        breakdown = found.get(indicator_id)
        if ws is None or breakdown is None:
            errors.add(f"lembar '{rows[0].sheet}' tidak ada atau indikatornya bukan lagi indikator atas desa; "
                       "ekspor ulang Format Isian.")  # fmt: skip
            continue
        marks = [mark for m in rows if (mark := _read_mark(ws, m, breakdown, errors)) is not None]
        if len(marks) == len(rows) and _differs(marks, breakdown):
            out[indicator_id] = (ws.title, rows[0].row, tuple(marks))
    return out


def _read_mark(ws: Worksheet, m: DesaRowMap, found: Breakdown, errors: ImportErrors) -> DesaMark | None:
    stored = next((r for r in found.rows if r.desa_id == m.desa_id), None)
    code = cell_text(ws.cell(row=m.row, column=2).value)
    if stored is None or code != stored.code:
        expected = stored.code if stored else "(desa tidak dikenal)"
        errors.add(f"baris ini seharusnya desa {expected}, tertulis '{code}'; jangan pindahkan baris.",
                   ws.title, m.row, COL_DESA_CODE)  # fmt: skip
        return None
    written = cell_text(ws.cell(row=m.row, column=4).value)
    meets = {norm(YES): True, norm(NO): False, "": None}.get(norm(written), "?")
    if meets == "?":
        errors.add(f"isi Ya atau Tidak (kosongkan bila belum dinilai); tertulis '{written}'.",
                   ws.title, m.row, COL_MEETS)  # fmt: skip
        return None
    note = clean_text(cell_text(ws.cell(row=m.row, column=5).value))
    if problem := text_problem(note):
        errors.add(problem, ws.title, m.row, COL_NOTE)
        return None
    return DesaMark(m.desa_id, meets if isinstance(meets, bool) else None, note)


def _differs(marks: list[DesaMark], found: Breakdown) -> bool:
    stored = {r.desa_id: (None if r.state == MISSING else r.state == MET, r.note) for r in found.rows}
    return any(stored.get(m.desa_id) != (m.meets, m.note) for m in marks)


def with_marks(old: RealisationInput | None, new: RealisationInput | None, marks: Sequence[DesaMark]
               ) -> RealisationInput:  # fmt: skip
    """The realisasi a row will hold once its desa marks are applied: the value the marks give (100 × met ÷
    entered; none entered: no value), the rest as the unit sheet says (or as stored)."""
    base = new or old or RealisationInput(None)
    entered = [m for m in marks if m.meets is not None]
    value: Decimal | None = percentage(sum(1 for m in entered if m.meets), len(entered)) if entered else None
    return RealisationInput(value, base.supporting, base.inhibiting, base.follow_up, base.manual_achievement,
                            base.manual_justification)  # fmt: skip


def _refuse_typed_value(c: IsianChange, sheet: str, errors: ImportErrors) -> None:
    """A number typed over the value an indicator's desa sheet gives is not silently dropped: it is refused."""
    from sakip_desktop.domain import formats
    from sakip_desktop.exchange.isian.columns import COL_VALUE

    typed, kept = c.new.value, c.old.value if c.old else None
    if typed is None or typed == kept:
        return
    errors.add(
        f"Realisasi TW {c.code} dihitung dari lembar '{sheet}' (desa yang memenuhi kriteria ÷ desa yang diisi), "
        f"jadi angka {formats.number(typed)} yang diketik di sini tidak dipakai. Kembalikan sel ini ke "
        f"{formats.number(kept) if kept is not None else 'kosong'} dan isi Ya/Tidak per desa di lembar '{sheet}'.",
        c.sheet,
        c.row,
        COL_VALUE,
    )


def join_desa_changes(
    entries_read: Sequence[EntryView],
    changes: list[IsianChange],
    unchanged: int,
    marks: dict[int, tuple[str, int, tuple[DesaMark, ...]]],
    errors: ImportErrors,
    marked: set[int],
    desa_sheets: dict[int, str] | None = None,
) -> tuple[list[IsianChange], int]:
    """The changes with each desa sheet's marks joined to its indicator's change (one made when its unit row
    changes nothing); a desa sheet of a realisasi no longer editable is refused, and so is a number typed in the
    Realisasi TW cell of an indicator whose desa sheet gives it."""
    # a unit row of an indicator whose desa are marked: its Realisasi TW cell is not read (the marks give it)
    out: list[IsianChange] = []
    for c in changes:
        if c.indicator_id in marked or c.indicator_id in marks:
            _refuse_typed_value(c, (desa_sheets or {}).get(c.indicator_id, f"Desa {c.code}"), errors)
        if c.indicator_id in marked and c.indicator_id not in marks:
            c = replace(c, new=replace(c.new, value=c.old.value if c.old else None))
            if c.new == c.old:
                unchanged += 1
                continue
        out.append(c)
    entries = {e.indicator_id: e for e in entries_read}
    for indicator_id, (sheet, row, desa_marks) in marks.items():
        entry = entries.get(indicator_id)
        if entry is None:
            errors.add("indikator ini tidak ada di rencana kantor ini.", sheet, row)
            continue
        if problem := status_problem(entry.status):
            errors.add(problem, sheet, row)
            continue
        at = next((n for n, c in enumerate(out) if c.indicator_id == indicator_id), None)
        if at is not None:
            c = out[at]
            out[at] = replace(c, new=with_marks(c.old, c.new, desa_marks), marks=desa_marks)
            continue
        old = entry.stored_input
        new = with_marks(old, None, desa_marks)
        out.append(IsianChange(sheet, row, indicator_id, entry.code, entry.name, entry.responsible_unit,
                               entry.realisation_id, old, new, marks=desa_marks))  # fmt: skip
        unchanged -= 1
    return out, max(unchanged, 0)
