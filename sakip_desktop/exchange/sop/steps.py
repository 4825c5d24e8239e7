"""Reading the 'Langkah' sheet of an SOP workbook: one step per row, every problem noted with its row and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.sop.columns import (
    COL_ACTION,
    COL_ACTIVITY,
    COL_ACTOR,
    COL_APPROVE,
    COL_INFERRED,
    COL_INPUTS,
    COL_KIND,
    COL_NOTE,
    COL_NUMBER,
    COL_ORDER,
    COL_OUTPUT,
    COL_RETURN,
    COL_TIME,
    COL_TRACK,
    KIND_WORDS,
    OPTIONAL_STEP_COLUMNS,
    SHEET_ACTORS,
    STEP_COLUMNS,
)
from sakip_desktop.exchange.sop.table import cell_lines, read_table
from sakip_desktop.exchange.xlsxkit import NO, YES, ImportErrors, cell_text, norm, whole_number
from sakip_desktop.sop.definition import ACTIONS, Step, StepKind
from sakip_desktop.sop.stdtime import parse_standard_time

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Complain = Callable[[str, str], None]  # (message, column) of the row being read


def read_steps(ws: Worksheet, known_keys: set[str] | None, errors: ImportErrors) -> list[Step] | None:
    rows = read_table(ws, (title for title, _w in STEP_COLUMNS), errors, optional=OPTIONAL_STEP_COLUMNS)
    if rows is None:
        return None
    if not rows:
        errors.add("belum ada langkah; SOP harus punya sedikitnya satu.", ws.title)
    steps: list[Step] = []
    for position, (row, values) in enumerate(rows, start=1):

        def error(message: str, column: str, row: int = row) -> None:
            errors.add(message, ws.title, row, column)

        steps.append(_read_step(values, position, len(rows), known_keys, error))
    return steps


def _read_step(values: dict[str, Any], position: int, count: int, known_keys: set[str] | None, error: Complain) -> Step:
    """One row of 'Langkah' as a step; every problem goes to `error` (the step is then only used for more checks)."""
    _check_order(values, position, error)
    activity, output = cell_text(values[COL_ACTIVITY]), cell_text(values[COL_OUTPUT])
    if not activity and not output:
        error("kegiatan wajib diisi.", COL_ACTIVITY)
    actor = _step_actor(values, known_keys, error)
    time = cell_text(values[COL_TIME])
    try:
        parse_standard_time(time)
    except ValidationError as exc:
        error(_lower_first(exc.message), COL_TIME)
    kind = _step_kind(values, error)
    branches = _branches(values, kind, count, error)
    inferred_text = cell_text(values[COL_INFERRED]).upper()
    if inferred_text not in ("", YES, NO):
        error(f"'{cell_text(values[COL_INFERRED])}' tidak dikenal; pakai {YES} atau {NO}.", COL_INFERRED)
    return Step(
        number=cell_text(values[COL_NUMBER]),
        activity=activity,
        actor=actor,
        inputs=cell_lines(values[COL_INPUTS]),
        time=time,
        output=output,
        note=cell_text(values[COL_NOTE]),
        kind=kind or StepKind.PROCESS,
        on_approve=branches[COL_APPROVE],
        on_return=branches[COL_RETURN],
        actor_inferred=inferred_text == YES,
        action=_step_action(values, error),
        track=cell_text(values[COL_TRACK]),
    )


def _check_order(values: dict[str, Any], position: int, error: Complain) -> None:
    if whole_number(values[COL_ORDER]) != position:
        shown = cell_text(values[COL_ORDER]) or "kosong"
        error(
            f"urutan {shown} tidak sesuai; baris ini langkah ke-{position}. Nomori 'Urutan' 1, 2, 3, … dari atas "
            f"dan periksa '{COL_APPROVE}'/'{COL_RETURN}' yang merujuk ke urutan.",
            COL_ORDER,
        )


def _step_actor(values: dict[str, Any], known_keys: set[str] | None, error: Complain) -> str:
    actor = cell_text(values[COL_ACTOR])
    if not actor:
        error("pelaksana wajib diisi.", COL_ACTOR)
    elif known_keys is not None and actor not in known_keys:
        listed = ", ".join(sorted(known_keys)) or "-"
        error(f"pelaksana '{actor}' tidak ada di lembar '{SHEET_ACTORS}' (kunci yang ada: {listed}).", COL_ACTOR)
    return actor


_KINDS = {norm(word): kind for kind, word in KIND_WORDS.items()} | {norm(k.value): k for k in StepKind}


def _step_kind(values: dict[str, Any], error: Complain) -> StepKind | None:
    """PROSES or KEPUTUSAN (an empty cell is PROSES); None, with the error noted, for another word."""
    kind_text = cell_text(values[COL_KIND])
    kind = _KINDS.get(norm(kind_text), StepKind.PROCESS if not kind_text else None)
    if kind is None:
        error(f"jenis '{kind_text}' tidak dikenal; pakai PROSES atau KEPUTUSAN.", COL_KIND)
    return kind


def _branches(values: dict[str, Any], kind: StepKind | None, count: int, error: Complain) -> dict[str, int | None]:
    """The steps a decision goes to when approved and when returned, by column."""
    branches: dict[str, int | None] = {}
    for column in (COL_APPROVE, COL_RETURN):
        raw = values[column]
        target = whole_number(raw)
        if cell_text(raw) and target is None:
            error(f"'{cell_text(raw)}' bukan nomor urutan langkah; tulis bilangan bulat 1–{count}.", column)
        elif target is not None and not 1 <= target <= count:
            error(f"langkah tujuan {target} di luar urutan 1–{count}.", column)
        elif target is not None and kind is StepKind.PROCESS:
            error("hanya langkah KEPUTUSAN yang punya cabang; kosongkan sel ini atau ubah 'Jenis'.", column)
        branches[column] = target
    if kind is StepKind.DECISION and not cell_text(values[COL_RETURN]):
        error("langkah KEPUTUSAN wajib punya tujuan bila dikembalikan.", COL_RETURN)
    return branches


def _step_action(values: dict[str, Any], error: Complain) -> str:
    """The program action a step stands for ('' for none, or when the word is not one the program knows)."""
    action = cell_text(values[COL_ACTION]).upper()
    if action and action not in ACTIONS:
        known = ", ".join(ACTIONS)
        error(
            f"aksi program '{cell_text(values[COL_ACTION])}' tidak dikenal; kosongkan atau pakai {known}.", COL_ACTION
        )
        return ""
    return action


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
