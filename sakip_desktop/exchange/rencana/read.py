"""Reading a filled planning workbook (`write`): every cell checked, every problem collected with its sheet, row
and column, and the file refused whole when there is any (nothing is written by reading).

This module walks the sheets and reads each row with `cells` (which applies the planning rules of
`domain.planning`, the ones the screens' operations apply); `check` checks how the rows refer to each other and
to the database and says what an import would change (`RencanaPreview`); `apply` writes it through the planning
operations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain import planning as rules
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.guard import refuse_merged, refusing_damage
from sakip_desktop.exchange.rencana.cells import (
    Cells,
    Located,
    ReadSheets,
    activity_row,
    goal_row,
    indicator_row,
    objective_row,
    program_row,
    spending_row,
    sub_activity_row,
    target_row,
)
from sakip_desktop.exchange.rencana.check import RencanaPreview, check_rencana
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
)
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    find_sheet,
    norm,
    open_workbook,
    read_format_sheet,
    whole_number,
)
from sakip_desktop.ops.planning.rows import PlanRow

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from sakip_desktop.storage.database import Database


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
        goals=list(_table(wb, SHEET_GOALS, errors, goal_row)),
        objectives=list(_table(wb, SHEET_OBJECTIVES, errors, objective_row)),
        indicators=list(_table(wb, SHEET_INDICATORS, errors, indicator_row)),
        targets=list(_table(wb, SHEET_TARGETS, errors, target_row)),
        programs=list(_table(wb, SHEET_PROGRAMS, errors, program_row)),
        activities=list(_table(wb, SHEET_ACTIVITIES, errors, activity_row)),
        subs=list(_table(wb, SHEET_SUBS, errors, sub_activity_row)),
        spending=list(_table(wb, SHEET_SPENDING, errors, spending_row, optional=True)),
    )


def _read_plan(wb: Workbook, errors: ImportErrors) -> PlanRow | None:
    """The Renstra sheet: labels in column A, values in column B, checked with the Renstra rule."""
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
        values[label] = _plan_year(raw, row, errors) if label in (LABEL_START, LABEL_END) else cell_text(raw)
    start, end = values.get(LABEL_START), values.get(LABEL_END)
    if errors.items or start is None or end is None:
        return None
    typed = rules.PlanInput(values[LABEL_NAME], start, end, values[LABEL_VISION], values[LABEL_MISSION])
    try:
        return rules.clean_plan(typed)
    except ValidationError as exc:
        label = {"name": LABEL_NAME, "start_year": LABEL_START}.get(exc.field or "", LABEL_END)
        errors.add(exc.message, SHEET_PLAN, found[norm(label)][0], "B")
        return None


def _plan_year(raw: Any, row: int, errors: ImportErrors) -> int | None:
    year = whole_number(raw)
    if year is None or not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        errors.add(f"'{cell_text(raw)}' bukan tahun; isi mis. 2025.", SHEET_PLAN, row, "B")
    return year


def _table(
    wb: Workbook,
    sheet: str,
    errors: ImportErrors,
    build: Callable[[Cells], Any],
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
        row = Cells(ws.title, number, titles, values, errors)
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
                if year is None or not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
                    errors.add(f"judul '{title}' harus 'Pagu' diikuti tahun, mis. 'Pagu 2025'.", ws.title, 1, title)
                else:
                    out.append((f"{PAGU_PREFIX}{year}", position))
    return None if missing else out


__all__ = ["Located", "ReadSheets", "read_rencana", "read_sheets"]
