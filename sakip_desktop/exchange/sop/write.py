"""SOP definitions exchanged between offices as .xlsx workbooks a person can read and edit.

The workbook has the sheets "Identitas" (Bidang | Isi), "Pelaksana" (one row per pelaksana column),
"Langkah" (one row per step), a "Petunjuk" sheet for the person editing it and a hidden "_format"
sheet naming the format and its version. Columns are found by their header text, so a person may
reorder them. An imported file is refused whole when anything in it is wrong, and the refusal lists
every error with its sheet, row and column, because the person fixing the file needs all of them at once.

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain.roles import ROLE_LABELS, Role, UnitKind
from sakip_desktop.exchange.sop.columns import (
    ACTOR_COLUMNS,
    COL_ACTION,
    COL_ACTIVITY,
    COL_ACTOR,
    COL_APPROVE,
    COL_FIELD,
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
    COL_VALUE,
    FORMAT_NAME,
    IDENTITY_LISTS,
    IDENTITY_TEXTS,
    KIND_WORDS,
    SHEET_ACTORS,
    SHEET_FORMAT,
    SHEET_HELP,
    SHEET_IDENTITY,
    SHEET_STEPS,
    START_ROLES_LABEL,
    STEP_COLUMNS,
)
from sakip_desktop.exchange.xlsxkit import LABEL_FORMAT, LABEL_PROGRAM, LABEL_VERSION, NO, YES, save_workbook
from sakip_desktop.exchange.xlsxkit import fit_rows as _fit_rows
from sakip_desktop.exchange.xlsxkit import page_setup as _page_setup
from sakip_desktop.exchange.xlsxkit import put as _put
from sakip_desktop.sop.definition import ACTIONS, FORMAT_VERSION, SopDefinition, validate

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Rows below the data that still get the drop-down lists, so rows a person adds are checked by Excel too.
_SPARE_ROWS = 200


# --- export ---------------------------------------------------------------------------------------


def export_sop(definition: SopDefinition, path: Path) -> None:
    """Write `definition` to `path` as an .xlsx workbook for Excel or LibreOffice Calc.

    The definition is validated first; the file is written beside `path` and moved into place, so a
    failed export never leaves half a file under the chosen name.
    """
    from openpyxl import Workbook

    validate(definition)
    path = Path(path)
    wb = Workbook()
    _write_identity(wb.active, definition)
    _write_actors(wb.create_sheet(SHEET_ACTORS), definition)
    _write_steps(wb.create_sheet(SHEET_STEPS), definition)
    _write_help(wb.create_sheet(SHEET_HELP))
    _write_format(wb.create_sheet(SHEET_FORMAT))
    for ws in wb.worksheets[:-1]:
        _fit_rows(ws)
    wb.active = 0
    save_workbook(wb, path)


def _header(ws: Worksheet, columns: Iterable[tuple[str, int]], freeze: str) -> None:
    """Bold header row with widths, frozen panes, printing in landscape with the header on each page."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    for index, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(bottom=Side(style="thin"))
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    ws.print_title_rows = "1:1"
    _page_setup(ws)


def _list_validation(ws: Worksheet, formula: str, cells: str, title: str, message: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=message,
        showInputMessage=False,
    )
    dv.add(cells)
    ws.add_data_validation(dv)


def _write_identity(ws: Worksheet, definition: SopDefinition) -> None:
    ws.title = SHEET_IDENTITY
    _header(ws, ((COL_FIELD, 28), (COL_VALUE, 100)), "B2")
    ident = definition.identity
    values = {"code": definition.code, "source": definition.source}
    rows: list[tuple[str, str]] = [
        (label, values[attr] if attr in values else getattr(ident, attr)) for label, attr in IDENTITY_TEXTS
    ]
    rows.append((START_ROLES_LABEL, ", ".join(r.value for r in definition.start_roles)))
    rows.extend((label, "\n".join(getattr(ident, attr))) for label, attr in IDENTITY_LISTS)
    from openpyxl.styles import Font

    for row, (label, value) in enumerate(rows, start=2):
        _put(ws, row, 1, label)
        ws.cell(row=row, column=1).font = Font(bold=True)
        _put(ws, row, 2, value)


def _key_width(definition: SopDefinition) -> int:
    """Wide enough for the longest actor key, so keys like 'kasubbag_perencanaan' are not broken."""
    return max(14, min(30, max(len(a.key) for a in definition.actors) + 2))


def _write_actors(ws: Worksheet, definition: SopDefinition) -> None:
    _header(ws, ACTOR_COLUMNS, "A2")
    ws.column_dimensions["A"].width = _key_width(definition)
    for row, actor in enumerate(definition.actors, start=2):
        _put(ws, row, 1, actor.key)
        _put(ws, row, 2, actor.label)
        _put(ws, row, 3, actor.role.value)
        _put(ws, row, 4, actor.unit)
        _put(ws, row, 5, actor.unit_kind)
        _put(ws, row, 6, actor.unit_hint)
    last = len(definition.actors) + 1 + _SPARE_ROWS
    _list_validation(
        ws,
        '"' + ",".join(r.value for r in Role) + '"',
        f"C2:C{last}",
        "Peran tidak dikenal",
        "Pilih salah satu kode peran dari daftar (lihat lembar 'Petunjuk').",
    )
    _list_validation(
        ws,
        '"' + ",".join(k.value for k in UnitKind) + '"',
        f"E2:E{last}",
        "Jenis unit tidak dikenal",
        "Kosongkan, atau pilih SEKSI, SEKRETARIAT, SUBBAGIAN atau PIMPINAN.",
    )


def _write_steps(ws: Worksheet, definition: SopDefinition) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    _header(ws, STEP_COLUMNS, "C2")
    actor_column = get_column_letter(next(i for i, (t, _w) in enumerate(STEP_COLUMNS, start=1) if t == COL_ACTOR))
    ws.column_dimensions[actor_column].width = _key_width(definition)
    for row, step in enumerate(definition.steps, start=2):
        values: dict[str, Any] = {
            COL_ORDER: row - 1,
            COL_NUMBER: step.number,
            COL_ACTIVITY: step.activity,
            COL_ACTOR: step.actor,
            COL_INPUTS: "\n".join(step.inputs),
            COL_TIME: step.time,
            COL_OUTPUT: step.output,
            COL_NOTE: step.note,
            COL_KIND: KIND_WORDS[step.kind],
            COL_APPROVE: step.on_approve,
            COL_RETURN: step.on_return,
            COL_INFERRED: YES if step.actor_inferred else NO,
            COL_ACTION: step.action,
            COL_TRACK: step.track,
        }
        for column, (title, _width) in enumerate(STEP_COLUMNS, start=1):
            number = title in (COL_ORDER, COL_APPROVE, COL_RETURN)
            _put(ws, row, column, values[title], text=not number)
            if number or title in (COL_KIND, COL_INFERRED, COL_ACTION):
                ws.cell(row=row, column=column).alignment = Alignment(vertical="top", horizontal="center")
    last = len(definition.steps) + 1 + _SPARE_ROWS
    letter = {title: get_column_letter(i) for i, (title, _w) in enumerate(STEP_COLUMNS, start=1)}
    actors_last = len(definition.actors) + 1 + _SPARE_ROWS
    _list_validation(
        ws,
        f"'{SHEET_ACTORS}'!$A$2:$A${actors_last}",
        f"{letter[COL_ACTOR]}2:{letter[COL_ACTOR]}{last}",
        "Pelaksana tidak dikenal",
        "Isi dengan salah satu kunci dari lembar 'Pelaksana'.",
    )
    _list_validation(
        ws,
        f'"{",".join(KIND_WORDS.values())}"',
        f"{letter[COL_KIND]}2:{letter[COL_KIND]}{last}",
        "Jenis tidak dikenal",
        "Pilih PROSES atau KEPUTUSAN.",
    )
    _list_validation(
        ws,
        f'"{YES},{NO}"',
        f"{letter[COL_INFERRED]}2:{letter[COL_INFERRED]}{last}",
        "Isian tidak dikenal",
        "Pilih YA atau TIDAK.",
    )
    _list_validation(
        ws,
        f'"{",".join(ACTIONS)}"',
        f"{letter[COL_ACTION]}2:{letter[COL_ACTION]}{last}",
        "Aksi program tidak dikenal",
        "Kosongkan, atau pilih salah satu kode aksi program (lihat lembar 'Petunjuk').",
    )


_HELP_TEXT = (
    "Cara mengisi berkas SOP ini",
    "",
    "Lembar 'Identitas': isi kolom 'Isi'. Untuk daftar (Dasar Hukum, Kualifikasi Pelaksana, dan seterusnya) tulis "
    "satu butir per baris di dalam sel (Alt+Enter di Excel, Ctrl+Enter di LibreOffice Calc).",
    "'Peran yang boleh memulai': kode peran dipisah koma, mis. CAMAT, SEKRETARIS.",
    "Lembar 'Pelaksana': satu baris per kolom pelaksana. 'Kunci' adalah nama pendek yang dipakai di lembar "
    "'Langkah'; 'Judul kolom' tercetak di SOP; 'Peran' adalah kode peran di bawah.",
    "Lembar 'Langkah': satu baris per langkah, dari atas ke bawah. 'Urutan' harus 1, 2, 3, … tanpa loncatan; "
    "nomori ulang bila menyisipkan atau menghapus baris.",
    "'Jalur paralel' (boleh kosong): langkah-langkah berurutan yang diberi nama jalur (mis. Sekretariat, Seksi) "
    "berjalan bersamaan; tiap jalur berjalan sendiri dan langkah sesudahnya dibuka setelah semua jalur selesai.",
    "'Waktu' ditulis mis. '15 menit', '1 jam', '2-3 hari'; kosong atau 0 bila tidak ada.",
    "'Jenis' PROSES atau KEPUTUSAN (kosong berarti PROSES). Langkah KEPUTUSAN wajib mengisi 'Jika dikembalikan ke' "
    "dan boleh mengisi 'Jika disetujui ke' dengan nomor Urutan tujuan; langkah PROSES mengosongkan keduanya.",
    "'Kelengkapan': satu butir per baris di dalam sel. 'Pelaksana disimpulkan': YA bila pelaksana dibaca dari uraian.",
    "'Aksi program' (boleh kosong): layar program yang mengerjakan langkah itu. Kode yang dikenal: "
    + "; ".join(f"{code} ({label})" for code, label in ACTIONS.items())
    + ".",
    "Nama lembar dan judul kolom jangan diubah; urutan kolom boleh diubah. "
    "Lembar tersembunyi '_format' jangan dihapus.",
    "",
)


def _write_help(ws: Worksheet) -> None:
    from openpyxl.styles import Font

    # One wide column: merged cells would not grow to fit their wrapped text.
    ws.column_dimensions["A"].width = 100
    lines = [*_HELP_TEXT, "Kode peran yang dikenal:", *(f"{role.value} ({ROLE_LABELS[role]})" for role in Role)]
    for row, line in enumerate(lines, start=1):
        _put(ws, row, 1, line, border=False)
    _page_setup(ws)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.cell(row=len(_HELP_TEXT) + 1, column=1).font = Font(bold=True)


def _write_format(ws: Worksheet) -> None:
    ws.append((LABEL_FORMAT, FORMAT_NAME))
    ws.append((LABEL_VERSION, FORMAT_VERSION))
    ws.append((LABEL_PROGRAM, sakip_desktop.__version__))
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.sheet_state = "hidden"


__all__ = ["FORMAT_NAME", "export_sop"]
