"""Reading a filled Format Isian: the checks behind `sakip_desktop.exchange.isian.write.read_isian`.

Every problem is collected with its sheet, row and column and the file is refused whole when there is any,
so the person fixing it sees all of them at once. The hidden "_format" sheet says which indicator each row
is; the row's Kode must still match, so a moved row is caught rather than written to the wrong indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain.bounds import INDICATOR_VALUE, PERCENT, Bound
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.qualitative import level_problem, rank_of_label
from sakip_desktop.domain.realisation import (
    RealisationInput,
    Seen,
    clean_text,
    justification_problem,
    manual_achievement_problem,
    stale_problem,
    status_problem,
    text_problem,
)
from sakip_desktop.exchange.guard import MAX_ROWS, refuse_merged, refusing_damage
from sakip_desktop.exchange.isian.columns import (
    COL_CODE,
    COL_FOLLOW_UP,
    COL_INHIBITING,
    COL_JUSTIFICATION,
    COL_MANUAL,
    COL_QTARGET,
    COL_SUPPORTING,
    COL_VALUE,
    FIELD_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    LABEL_OFFICE,
    LABEL_QUARTER,
    LABEL_YEAR,
    MAP_INDICATOR,
    MAP_REALISATION,
    MAP_ROW,
    MAP_SHEET,
    MAP_UNIT,
    SHEET_FORMAT,
    office_title,
)
from sakip_desktop.exchange.isian.desa import DesaRowMap, desa_map, join_desa_changes, read_desa_marks, split_map
from sakip_desktop.exchange.isian.preview import IsianChange, IsianPreview
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    find_sheet,
    norm,
    open_workbook,
    parse_bounded,
    read_format_sheet,
    whole_number,
)
from sakip_desktop.ops.desa.fraction import period_breakdowns
from sakip_desktop.ops.realisation.views import EntryView, quarter_entries
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_READ_COLUMNS = (COL_CODE, COL_VALUE, COL_SUPPORTING, COL_INHIBITING, COL_FOLLOW_UP, COL_MANUAL, COL_JUSTIFICATION)


@dataclass(frozen=True)
class _Mapped:
    sheet: str
    unit_code: str
    row: int
    indicator_id: int
    realisation_id: int | None


def read_isian(db: Database, path: Path, *, year: int | None = None, quarter: int | None = None) -> IsianPreview:
    """Read a filled Format Isian and say what it would change (nothing is written; `apply_isian` of
    `sakip_desktop.exchange.isian.preview` does).

    `year`/`quarter`, when given, are the period the person expects (the screen's period); a file of another
    period is then refused. Raises `ValidationError` listing every error, each with sheet, row and column.
    """
    path = Path(path)
    errors = ImportErrors(path.name)
    wb = open_workbook(path, errors)
    if wb is None:
        raise errors.refuse()
    with refusing_damage(errors):
        header = _check_format(wb, errors, office_title(db), year, quarter)
        if header is None:
            raise errors.refuse()
        period, unit_codes, mapping, desa_rows = header
        changes, unchanged = _read_rows(db, wb, period, mapping, errors)
        found = {b.indicator_id: b for b in period_breakdowns(db, *period)}
        if found:
            marks = read_desa_marks(wb, desa_rows, found, errors)
            marked = {i for i, b in found.items() if b.desa_counted is not None}
            sheets = {r.indicator_id: r.sheet for r in desa_rows}
            changes, unchanged = join_desa_changes(quarter_entries(db, *period), changes, unchanged, marks, errors,
                                                   marked, sheets)  # fmt: skip
    if errors.items:
        raise errors.refuse()
    return IsianPreview(path.name, office_title(db), period[0], period[1], unit_codes, tuple(changes), unchanged)


def _check_format(
    wb: Workbook, errors: ImportErrors, office: str, year: int | None, quarter: int | None
) -> tuple[tuple[int, int], tuple[str, ...], list[_Mapped], list[DesaRowMap]] | None:
    found = read_format_sheet(
        wb,
        errors,
        sheet=SHEET_FORMAT,
        name=FORMAT_NAME,
        latest=FORMAT_VERSION,
        what="Format Isian SAKIP",
        export_hint="Pakai berkas hasil 'Ekspor Format Isian' dari SAKIP Desktop.",
        too_new=lambda program, version: (
            f"dibuat oleh versi program yang lebih baru (SAKIP Desktop {program}, Format Isian versi {version}); "
            f"program ini ({sakip_desktop.__version__}) hanya mengenal sampai versi {FORMAT_VERSION}. "
            "Perbarui SAKIP Desktop, atau ekspor ulang Format Isian dari program ini."
        ),
    )
    if found is None:
        return None
    version, program, pairs, rows = found.version, found.program, found.pairs, found.rows
    if version < FORMAT_VERSION:
        errors.add(
            f"Format Isian versi lama (versi {version}, SAKIP Desktop {program}); program ini memakai versi "
            f"{FORMAT_VERSION}. Ekspor ulang Format Isian lalu salin isiannya ke berkas baru."
        )
        return None
    file_office = cell_text(pairs.get(norm(LABEL_OFFICE)))
    if norm(file_office) != norm(office):
        errors.add(f"berkas ini milik {file_office or '(kantor tidak tercatat)'}, bukan {office}.")
    file_year = whole_number(pairs.get(norm(LABEL_YEAR)))
    file_quarter = whole_number(pairs.get(norm(LABEL_QUARTER)))
    if file_year is None or not 2000 <= file_year <= 2100 or file_quarter not in (1, 2, 3, 4):
        errors.add("tahun atau triwulan berkas tidak terbaca; ekspor ulang Format Isian.", SHEET_FORMAT)
        return None
    shown = f"{quarter_label(file_quarter)} {file_year}"
    if (year is not None and file_year != year) or (quarter is not None and file_quarter != quarter):
        expected = f"{quarter_label(quarter or file_quarter)} {year or file_year}"
        errors.add(f"berkas ini untuk {shown}, bukan {expected}; pilih berkas triwulan yang benar.")
    rows, desa_rows = split_map(rows)
    mapping = _mapping(rows, errors)
    desa = desa_map(desa_rows, errors, SHEET_FORMAT) if desa_rows else []
    if errors.items:
        return None
    units = tuple(dict.fromkeys(m.unit_code for m in mapping))
    return (file_year, file_quarter), units, mapping, desa


def _mapping(rows: list[tuple[Any, ...]], errors: ImportErrors) -> list[_Mapped]:
    start = next((i for i, r in enumerate(rows) if r and norm(cell_text(r[0])) == norm(MAP_SHEET)), None)
    if start is None:
        errors.add("daftar baris tidak ada; ekspor ulang Format Isian.", SHEET_FORMAT)
        return []
    header = [norm(cell_text(v)) for v in rows[start]]
    try:
        cols = [header.index(norm(t)) for t in (MAP_SHEET, MAP_UNIT, MAP_ROW, MAP_INDICATOR, MAP_REALISATION)]
    except ValueError:
        errors.add("daftar baris rusak; ekspor ulang Format Isian.", SHEET_FORMAT)
        return []
    out = []
    for raw in rows[start + 1 :]:
        cells = [raw[c] if c < len(raw) else None for c in cols]
        if not any(cell_text(v) for v in cells):
            continue
        row, indicator = whole_number(cells[2]), whole_number(cells[3])
        realisation = whole_number(cells[4]) if cell_text(cells[4]) else None
        if (
            row is None
            or not 1 <= row <= MAX_ROWS
            or indicator is None
            or indicator < 1
            or (cell_text(cells[4]) and (realisation is None or realisation < 1))
        ):
            errors.add("daftar baris rusak; ekspor ulang Format Isian.", SHEET_FORMAT)
            return []
        out.append(_Mapped(cell_text(cells[0]), cell_text(cells[1]), row, indicator, realisation))
    return out


def _header_columns(ws: Worksheet, errors: ImportErrors) -> dict[str, int] | None:
    wanted = {norm(t): t for t in _READ_COLUMNS}
    for row in ws.iter_rows(max_row=20):
        found = {wanted[norm(cell_text(c.value))]: c.column for c in row if norm(cell_text(c.value)) in wanted}
        if COL_CODE in found:
            missing = [t for t in _READ_COLUMNS if t not in found]
            for title in missing:
                errors.add("kolom tidak ada (judul kolom harus ditulis persis).", ws.title, row[0].row, title)
            return None if missing else found
    errors.add(f"baris judul kolom ({', '.join(_READ_COLUMNS)}) tidak ditemukan.", ws.title)
    return None


@dataclass(frozen=True)
class _Context:
    """What every row is checked against, loaded once: the quarter's entries of the planned indicators."""

    year: int
    quarter: int
    entries: dict[int, EntryView]  # by indicator id


def _read_rows(
    db: Database, wb: Workbook, period: tuple[int, int], mapping: list[_Mapped], errors: ImportErrors
) -> tuple[list[IsianChange], int]:
    year, quarter = period
    entries = {e.indicator_id: e for e in quarter_entries(db, year, quarter)}
    return _walk(wb, mapping, _Context(year, quarter, entries), errors)


def _walk(wb: Workbook, mapping: list[_Mapped], ctx: _Context, errors: ImportErrors) -> tuple[list[IsianChange], int]:
    if not ctx.entries:
        errors.add(f"berkas ini untuk tahun {ctx.year}, tetapi kantor ini belum punya target tahun itu.")
        return [], 0
    changes: list[IsianChange] = []
    unchanged = 0
    sheets: dict[str, tuple[Worksheet, dict[str, int]] | None] = {}
    for m in mapping:
        if m.sheet not in sheets:
            sheets[m.sheet] = _open_sheet(wb, m.sheet, {x.row for x in mapping if x.sheet == m.sheet}, errors)
        found = sheets[m.sheet]
        if found is not None:
            change = _read_row(found[0], found[1], m, ctx, errors)
            if change is None:
                unchanged += 1
            elif isinstance(change, IsianChange):
                changes.append(change)
    return changes, unchanged


def _open_sheet(
    wb: Workbook, name: str, rows: set[int], errors: ImportErrors
) -> tuple[Worksheet, dict[str, int]] | None:
    ws = find_sheet(wb, name)
    if ws is None:
        errors.add(f"lembar '{name}' tidak ada; lembar jangan dihapus atau diganti namanya.")
        return None
    columns = _header_columns(ws, errors)
    if columns is None:
        return None
    refuse_merged(ws, errors, min(rows), {column: title for title, column in columns.items()})
    _refuse_extra_rows(ws, columns, rows, errors)
    return ws, columns


def _read_row(
    ws: Worksheet, columns: dict[str, int], m: _Mapped, ctx: _Context, errors: ImportErrors
) -> IsianChange | bool | None:
    """The change a row makes; None when it changes nothing; False when it has an error (noted)."""

    def error(message: str, column: str | None = None) -> bool:
        errors.add(message, ws.title, m.row, column)
        return False

    entry = ctx.entries.get(m.indicator_id)
    code = cell_text(ws.cell(row=m.row, column=columns[COL_CODE]).value)
    if entry is None:
        return error(f"indikator '{code}' tidak ada di rencana {ctx.year} kantor ini.", COL_CODE)
    if code != entry.code:
        return error(
            f"baris ini seharusnya indikator {entry.code}, tertulis '{code}'; jangan pindahkan baris.", COL_CODE
        )
    # A row made before anything was entered is not refused: what was entered since is the preview's old value.
    made = Seen(realisation_id=m.realisation_id, by_id=True, when="berkas dibuat", again="ekspor ulang Format Isian")
    if m.realisation_id is not None and (stale := stale_problem(entry.realisation_id, entry.stored_input, made)):
        return error(stale)
    new = _read_input(ws, m.row, columns, errors, entry)
    if new is None:
        return False
    old = entry.stored_input
    if (old or _EMPTY) == new:
        return None
    problem = _rule_problem(entry, new)
    if problem is not None:
        return error(problem[0], problem[1] or _first_changed_column(old, new))
    return IsianChange(
        ws.title,
        m.row,
        entry.indicator_id,
        entry.code,
        entry.name,
        entry.responsible_unit,
        entry.realisation_id,
        old,
        new,
        levels=entry.levels,
    )


def _rule_problem(entry: EntryView, new: RealisationInput) -> tuple[str, str | None] | None:
    """The first entry rule a changed row breaks, with its column (None: the first changed one)."""
    status = status_problem(entry.status)
    if status:
        return status, None
    manual = manual_achievement_problem(
        entry.quarter_target, new.manual_achievement, target_name=COL_QTARGET, manual_name="sel ini"
    )
    if manual:
        return manual, COL_MANUAL
    justification = justification_problem(new.manual_achievement, new.manual_justification)
    if justification:
        return justification, COL_JUSTIFICATION
    return None


def _refuse_extra_rows(ws: Worksheet, columns: dict[str, int], known: set[int], errors: ImportErrors) -> None:
    header = min(known) - 1 if known else 1
    for cells in ws.iter_rows(min_row=header + 1):
        row = cells[0].row
        if row in known:
            continue
        if any(cell_text(ws.cell(row=row, column=c).value) for c in columns.values()):
            errors.add("baris ini tidak ada di berkas ekspor; jangan menambah baris.", ws.title, row)


def _first_changed_column(old: RealisationInput | None, new: RealisationInput) -> str:
    old = old or _EMPTY
    return next(FIELD_COLUMNS[f.name] for f in fields(RealisationInput) if getattr(old, f.name) != getattr(new, f.name))


def _read_input(
    ws: Worksheet, row: int, columns: dict[str, int], errors: ImportErrors, entry: EntryView
) -> RealisationInput | None:
    before = errors.count

    def number(title: str, bound: Bound) -> Decimal | None:
        cell = ws.cell(row=row, column=columns[title])
        value, problem = parse_bounded(cell.value, bound, "%" in (cell.number_format or ""))
        if problem:
            errors.add(problem, ws.title, row, title)
        return value

    def text(title: str) -> str:
        value = clean_text(cell_text(ws.cell(row=row, column=columns[title]).value))
        problem = text_problem(value)
        if problem:
            errors.add(problem, ws.title, row, title)
        return value

    def level() -> Decimal | None:
        """The realisasi of a qualitative indicator: a level's label, read back as its rank."""
        written = cell_text(ws.cell(row=row, column=columns[COL_VALUE]).value)
        if not written:
            return None
        rank = rank_of_label(entry.levels, written)
        problem = level_problem(entry.scale_name, entry.levels, rank, written)
        if problem or rank is None:
            errors.add(problem or "", ws.title, row, COL_VALUE)
            return None
        return Decimal(rank)

    data = RealisationInput(
        value=level() if entry.levels else number(COL_VALUE, INDICATOR_VALUE),
        supporting=text(COL_SUPPORTING),
        inhibiting=text(COL_INHIBITING),
        follow_up=text(COL_FOLLOW_UP),
        manual_achievement=number(COL_MANUAL, PERCENT),
        manual_justification=text(COL_JUSTIFICATION),
    )
    return None if errors.count > before else data


_EMPTY = RealisationInput(None)


__all__ = ["IsianChange", "IsianPreview", "read_isian"]
