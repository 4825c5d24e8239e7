"""Shared pieces of the .xlsx exchange (SOP files, Format Isian): writing cells a person can read, saving
without leaving half a file, opening a workbook a person may have damaged, and collecting every error of
an import with its file, sheet, row and column.

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain.bounds import Bound, accepted
from sakip_desktop.exchange.import_errors import ImportErrors
from sakip_desktop.files import replace_atomically

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

YES, NO = "YA", "TIDAK"

_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


# --- writing ----------------------------------------------------------------------------------------


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save beside `path` and move into place, so a failed export never leaves half a file under that name."""
    replace_atomically(Path(path), wb.save)


def put(ws: Worksheet, row: int, column: int, value: Any, text: bool = True, border: bool = True) -> None:
    """Write one cell: wrapped, top-aligned, and kept as text when it is text."""
    from openpyxl.styles import Alignment, Border, Side

    cell = ws.cell(row=row, column=column)
    cell.value = value if value != "" else None
    if border:
        line = Side(style="thin", color="C0C0C0")
        cell.border = Border(left=line, right=line, top=line, bottom=line)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a text, not a formula
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if text:
        cell.number_format = "@"  # Excel keeps what a person types here as text ("07" stays "07")


def fit_rows(ws: Worksheet, min_row: int = 1) -> None:
    """Give each row the height its wrapped text needs.

    LibreOffice Calc opens a row without a height at one line, cutting off wrapped text, so the height is
    estimated here from the column widths (a width counts characters of "0"; text runs a little narrower,
    bold text a little wider).
    """
    from openpyxl.utils import get_column_letter

    for cells in ws.iter_rows(min_row=min_row):
        lines = 1
        for cell in cells:
            if cell.value is None:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            per_line = max(int(width * (0.9 if cell.font.bold else 1.1)) - 1, 1)
            wrapped = sum(len(textwrap.wrap(part, per_line)) or 1 for part in str(cell.value).split("\n"))
            lines = max(lines, wrapped)
        if lines > 1:
            ws.row_dimensions[cells[0].row].height = 15 * lines + 2


def page_setup(ws: Worksheet) -> None:
    """Print on A4 landscape, as wide as the page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# --- reading ----------------------------------------------------------------------------------------


def open_workbook(path: Path, errors: ImportErrors) -> Workbook | None:
    """The workbook at `path` with cell values (not formulas), or None with the problem noted.

    The file passes `xlsx_guard` first (its size, every part's inflated size, damage), so a hostile file is
    refused in a moment and never fills the memory; whatever openpyxl still cannot read is refused too.
    """
    import io

    from openpyxl import load_workbook

    from sakip_desktop.exchange.guard import check_used_ranges, read_checked

    if not path.is_file():
        errors.add("berkas tidak ditemukan.")
        return None
    data = read_checked(path, errors)
    if data is None:
        return None
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        errors.add("berkas terlalu besar untuk dibuka di komputer ini.")
        return None
    except Exception as exc:
        # openpyxl fails in many ways on a file it cannot read (missing parts, broken XML, odd values):
        # each is a file a person has to save again, never a fault of the program.
        errors.add(
            f"bukan berkas Excel .xlsx yang dapat dibaca ({type(exc).__name__}). "
            "Simpan ulang sebagai 'Excel Workbook (.xlsx)' lalu coba lagi."
        )
        return None
    return wb if check_used_ranges(wb, errors) else None


def find_sheet(wb: Workbook, name: str) -> Worksheet | None:
    """The sheet called `name`, ignoring case and stray spaces."""
    for ws in wb.worksheets:
        if norm(ws.title) == norm(name):
            return ws
    return None


def norm(text: str) -> str:
    """Text compared the way a person reads it: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def cell_text(value: Any) -> str:
    """A cell as text: Excel may have turned "1" into 1, "2" into 2.0 or a date into a datetime."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        clock = f" {value:%H.%M}" if value.time() != dt.time() else ""
        return long_date(value.date()) + clock
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, dt.time):
        return f"{value:%H.%M}"
    # Excel writes a carriage return as _x000D_; line breaks are kept as plain "\n".
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def long_date(day: dt.date) -> str:
    """'17 Januari 2024' (without Babel, which an import need not load)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# Whole numbers in a file are years, quarters, row numbers and ids: anything longer is no such thing (and
# would overflow SQLite's integers or Python's limit on converting long texts).
_MAX_WHOLE = 10**18


def whole_number(value: Any) -> int | None:
    """A whole number from a cell (1, 1.0, "1") of at most 18 digits, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():  # also inf and nan
            return None
        number = int(value)
    else:
        text = cell_text(value)
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            return None
        number = int(text)
    return number if abs(number) < _MAX_WHOLE else None


_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_decimal(raw: Any, percent_format: bool = False) -> tuple[Decimal | None, str | None]:
    """A value typed by a person: a number, or text with a decimal comma ("12,5", "1.234,5", "85,71%").

    Returns (value, None) or (None, an Indonesian problem). A number shown as a percentage in the sheet
    (Excel turns "85,71%" into 0.8571) is taken as the percentage the person typed.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, bool):
        return None, f"'{cell_text(raw)}' bukan angka."
    if isinstance(raw, int | float | Decimal):
        value = Decimal(cell_text(raw)) if isinstance(raw, float) else Decimal(raw)
        if percent_format:
            value *= 100
    else:
        shown = cell_text(raw)
        text = shown.replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if "," in text:
            whole, _, decimals = text.rpartition(",")
            if not (re.fullmatch(r"\d+", whole) or _GROUPED.fullmatch(whole)) or not re.fullmatch(r"\d+", decimals):
                return None, f"'{shown}' bukan angka."
            text = whole.replace(".", "") + "." + decimals
        elif _GROUPED.fullmatch(text) and text.count(".") == 1:
            return None, f"'{shown}' meragukan: tulis tanpa titik ribuan (mis. 1500) atau dengan koma desimal (1,5)."
        elif _GROUPED.fullmatch(text):
            text = text.replace(".", "")
        elif not re.fullmatch(r"\d+(\.\d+)?", text):
            return None, f"'{shown}' bukan angka." if not text.startswith("-") else f"'{shown}' tidak boleh negatif."
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None, f"'{shown}' bukan angka."
    if not value.is_finite():
        return None, f"'{cell_text(raw)}' bukan angka."
    if value < 0:
        return None, f"'{cell_text(raw)}' tidak boleh negatif."
    return value, None


def parse_bounded(raw: Any, bound: Bound, percent_format: bool = False) -> tuple[Decimal | None, str | None]:
    """`parse_decimal`, then the bound of the kind of value (`domain.bounds`): the same check as the screens."""
    value, problem = parse_decimal(raw, percent_format)
    if value is None:
        return None, problem
    amount, found = accepted(value, bound)
    if found is not None:
        return None, f"'{shown_value(raw)}' {found}"
    return amount, None


def shown_value(raw: Any) -> str:
    """A cell's text for a message, cut short when long (a 10.000-digit number need not be repeated)."""
    text = cell_text(raw)
    return text if len(text) <= 40 else text[:40] + "…"


__all__ = [
    "NO",
    "YES",
    "ImportErrors",
    "cell_text",
    "find_sheet",
    "fit_rows",
    "long_date",
    "norm",
    "open_workbook",
    "page_setup",
    "parse_bounded",
    "parse_decimal",
    "put",
    "save_workbook",
    "shown_value",
    "whole_number",
]


# --- the hidden "_format" sheet every exchange file carries ------------------------------------------------

LABEL_FORMAT = "Format"
LABEL_VERSION = "Versi format"
LABEL_PROGRAM = "Versi program"


@dataclass(frozen=True)
class FormatSheet:
    """What the hidden format sheet said: its version, the program that wrote it, all label/value pairs."""

    version: int
    program: str
    pairs: dict[str, Any]  # normalised label -> value
    rows: list[tuple[Any, ...]]


def read_format_sheet(
    wb: Workbook,
    errors: ImportErrors,
    *,
    sheet: str,
    name: str,
    latest: int,
    what: str,
    export_hint: str,
    too_new: Callable[[str, int], str],
) -> FormatSheet | None:
    """Check that the file is one of ours (`name`) and not newer than `latest`; None (error noted) otherwise.

    `what` names the kind of file in messages ("berkas SOP SAKIP"); `too_new(program, version)` words the
    refusal of a file written by a newer program.
    """
    ws = find_sheet(wb, sheet)
    if ws is None:
        errors.add(f"bukan {what} (lembar tersembunyi '{sheet}' tidak ada). {export_hint}")
        return None
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    pairs = {norm(cell_text(r[0])): (r[1] if len(r) > 1 else None) for r in rows if r and r[0] is not None}
    found = cell_text(pairs.get(norm(LABEL_FORMAT)))
    if found != name:
        errors.add(f"bukan {what} (format '{found}', seharusnya '{name}').", sheet)
        return None
    version = whole_number(pairs.get(norm(LABEL_VERSION)))
    program = cell_text(pairs.get(norm(LABEL_PROGRAM))) or "?"
    if version is None or version < 1:
        errors.add(f"versi format '{cell_text(pairs.get(norm(LABEL_VERSION)))}' tidak dikenali.", sheet)
        return None
    if version > latest:
        errors.add(too_new(program, version))
        return None
    return FormatSheet(version, program, pairs, rows)
