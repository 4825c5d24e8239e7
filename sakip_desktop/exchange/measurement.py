"""The measurement table as an .xlsx workbook, for copying into the kabupaten's online systems.

One sheet: a title, a line saying what is compared with what, one row per indicator (with its code, by which
the kabupaten matches the rows), the office's mean capaian, and notes (capaian that could not be computed,
realisasi not yet approved, the display cap). Numbers are numeric cells with Indonesian-looking formats; capaian
are rounded half up to 2 decimals before they are written, so the cell holds exactly the figure shown.

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

import textwrap
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Polarity, Target
from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.errors import UserError
from sakip_desktop.files import replace_atomically
from sakip_desktop.ops.measurement.capaian import IndicatorInfo, MeasurementRow, measure, office_summary
from sakip_desktop.ops.measurement.summary import OBJECTIVES, average_note
from sakip_desktop.ops.measurement.year import NO_DATA, draft_note, excluded_notes, measure_year, rated, row_states
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET = "Pengukuran Kinerja"
NOT_COMPUTABLE = "tidak dapat dihitung"
POLARITY_TEXT = {Polarity.POSITIVE: "Positif", Polarity.NEGATIVE: "Negatif"}
CENT = Decimal("0.01")
HEADER_ROW = 4
WIDTHS = (5, 9, 42, 50, 11, 10, 12, 14, 14, 12, 16)
# Columns (1-based) the mean row and the notes write to.
LABEL_COLUMN, CAPAIAN_COLUMN, CATEGORY_COLUMN = 4, 10, 11
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"


def headers(quarter: int) -> tuple[str, ...]:
    """The column headers for a table measured at TW `quarter`."""
    tw = quarter_label(quarter)
    return (
        "No",
        "Kode",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Polaritas",
        "Target (tahun)",
        f"Target s.d. {tw}",
        f"Realisasi s.d. {tw}",
        "Capaian (%)",
        "Kategori",
    )


def title(office_title: str, year: int, quarter: int | None, through: int | None = None) -> str:
    """'Pengukuran Kinerja Kecamatan Contoh Tahun 2025 Triwulan III' (without the triwulan for the year; a year
    not yet final: '… Tahun 2025 s.d. TW III (DRAF)')."""
    text = f"Pengukuran Kinerja {office_title} Tahun {year}"
    if quarter is None and through is not None:
        return f"{text} s.d. {quarter_label(through)} (DRAF)"
    return text if quarter is None else f"{text} Triwulan {ROMAN[quarter - 1]}"


def _cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _amount(value: Decimal | None) -> tuple[Any, str | None]:
    """A target or realisasi as a cell value and its number format."""
    if value is None:
        return None, None
    if value == value.to_integral_value():
        return int(value), INTEGER_FORMAT
    exponent = value.as_tuple().exponent
    return _cent(value) if isinstance(exponent, int) and exponent < -4 else value, DECIMAL_FORMAT


def _level(info: IndicatorInfo, value: Decimal | None) -> tuple[Any, str | None] | None:
    """A value of a qualitative indicator as its level's label (text); None for a number."""
    label = info.value_text(value)
    return None if label is None else (label, None)


def _target(target: Target | None, info: IndicatorInfo | None = None) -> tuple[Any, str | None]:
    if info is not None and target is not None and not target.is_range and (found := _level(info, target.low)):
        return found
    if target is not None and target.is_range:
        assert target.high is not None
        return formats.amount_range(target.low, target.high), None  # a range stays text
    return _amount(None if target is None else target.low)


def export_measurement(db: Database, year: int, quarter: int | None, path: Path | str) -> int:
    """Write the measurement of TW `quarter` (None: the whole year) to `path`; returns the number of indicators.

    For the year the table runs to TW IV and the capaian is against the yearly target. The file is
    written beside `path` and moved into place, so a failed export never leaves half a file.
    """
    from openpyxl import Workbook

    path = Path(path)
    whole = measure_year(db, year) if quarter is None else None
    through = whole.measured_to if whole is not None and not whole.final else None
    rows = measure(db, year, quarter or through or 4)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _write(ws, get_profile(db).office_title, year, quarter, rows, through, get_settings(db).achievement_average)
    try:
        replace_atomically(path, wb.save)
    except PermissionError as exc:
        raise UserError(
            f"Berkas {path} tidak dapat ditulis. Tutup berkas itu bila sedang dibuka, lalu coba lagi."
        ) from exc
    return len(rows)


def _write(
    ws: Worksheet,
    office_title: str,
    year: int,
    quarter: int | None,
    rows: list[MeasurementRow],
    through: int | None,
    average: str = OBJECTIVES,
) -> None:
    """The whole sheet: title, header, one row per indicator, the office's mean, the notes, the print setup.

    `through`: a year not yet final (ops.measurement.year), measured s.d. TW n and titled so, as a DRAF."""
    yearly = quarter is None and through is None
    at = quarter or through or 4
    _title(ws, office_title, year, quarter, at, through)
    _header(ws, at)
    flagged: list[MeasurementRow] = []
    r = HEADER_ROW
    for n, row in enumerate(rows, start=1):
        r += 1
        if _indicator_row(ws, r, n, row, yearly, through is not None):
            flagged.append(row)
    r += 1
    _mean_row(ws, r, rows, yearly, average)
    r += 1
    notes = _notes(rows, flagged, at, yearly, average)
    if through is not None:
        notes.insert(0, draft_note(through))
    for note in notes:
        r += 1
        _note_row(ws, r, note)
    _print_setup(ws)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    line = Side(style="thin", color="808080")
    return Border(left=line, right=line, top=line, bottom=line)


def _title(ws: Worksheet, office_title: str, year: int, quarter: int | None, at: int, through: int | None) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    last_column = get_column_letter(len(WIDTHS))
    ws["A1"] = title(office_title, year, quarter, through)
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells(f"A1:{last_column}1")
    ws["A2"] = (
        f"Capaian: realisasi s.d. {quarter_label(4)} terhadap target tahun {year}."
        if quarter is None and through is None
        else f"Capaian: realisasi s.d. {quarter_label(at)} terhadap target s.d. {quarter_label(at)} tahun {year}."
    )
    ws["A2"].font = Font(italic=True)
    ws.merge_cells(f"A2:{last_column}2")


def _header(ws: Worksheet, at: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    border = _border()
    for col, (text, width) in enumerate(zip(headers(at), WIDTHS, strict=True), start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.row_dimensions[HEADER_ROW].height = 32


def _row_values(
    n: int, row: MeasurementRow, yearly: bool, draft: bool = False
) -> tuple[tuple[tuple[Any, str | None], ...], bool]:
    """The cells (value, number format) of one indicator and whether its capaian was entered by hand."""
    info = row.info
    capaian = (row.achievement_year if yearly else row.achievement_to_date) if row.has_data else None
    manual = row.has_data and ("year" if yearly else "to_date") in row.manual_in
    band = row.scale.band(capaian)
    shown = row.scale.shown(capaian)
    capaian_cell: Any = _cent(shown) if shown is not None else (NOT_COMPUTABLE if manual else None)
    category = band.label if band else (NOT_COMPUTABLE if manual else None)
    if manual and band:
        category = f"{category} *)"
    if not row.has_data:
        category = NO_DATA
    elif draft and (note := row_states([row], final=False)[0].note):
        category = f"{category} ({note})"
    values = (
        (n, INTEGER_FORMAT),
        (info.code, None),
        (row.objective_label, None),
        (info.name, None),
        (info.unit, None),
        (POLARITY_TEXT[info.polarity], None),
        _target(row.year_target, info),
        _target(row.target_to_date, info),
        _level(info, row.actual_to_date) or _amount(row.actual_to_date),
        (capaian_cell, DECIMAL_FORMAT if isinstance(capaian_cell, Decimal) else None),
        (category, None),
    )
    return values, manual


def _indicator_row(ws: Worksheet, r: int, n: int, row: MeasurementRow, yearly: bool, draft: bool) -> bool:
    """Write one indicator's row at `r`; True when its capaian was entered by hand (a note explains it)."""
    from openpyxl.styles import Alignment, Font

    values, manual = _row_values(n, row, yearly, draft)
    border, top = _border(), Alignment(wrap_text=True, vertical="top")
    for col, (value, fmt) in enumerate(values, start=1):
        cell = ws.cell(row=r, column=col, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # a text, not a formula
        cell.alignment = top
        cell.border = border
        if fmt:
            cell.number_format = fmt
    if manual:
        ws.cell(row=r, column=CAPAIAN_COLUMN).font = Font(italic=True)
    ws.row_dimensions[r].height = _height([str(v) if v is not None else "" for v, _ in values], WIDTHS)
    return manual


def _mean_row(ws: Worksheet, r: int, rows: list[MeasurementRow], yearly: bool, average: str) -> None:
    """The office's mean capaian (the mean of the sasaran) and its category."""
    from openpyxl.styles import Font

    summary = office_summary(rated(rows), average=average)
    mean_value = summary.achievement_year if yearly else summary.achievement
    scale = rows[0].scale if rows else None
    label = "Rata-rata capaian kinerja (" + (
        "rata-rata capaian sasaran" if average == OBJECTIVES else "rata-rata indikator"
    )
    ws.cell(row=r, column=LABEL_COLUMN, value=label + ")").font = Font(bold=True)
    shown = None if mean_value is None or scale is None else scale.shown(mean_value)
    if shown is not None and scale is not None:
        cell = ws.cell(row=r, column=CAPAIAN_COLUMN, value=_cent(shown))
        cell.number_format = DECIMAL_FORMAT
        cell.font = Font(bold=True)
        band = scale.band(mean_value)
        ws.cell(row=r, column=CATEGORY_COLUMN, value=band.label if band else None).font = Font(bold=True)
    border = _border()
    for col in range(1, len(WIDTHS) + 1):
        ws.cell(row=r, column=col).border = border


def _note_row(ws: Worksheet, r: int, note: str) -> None:
    from openpyxl.styles import Alignment

    ws.cell(row=r, column=1, value=note).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(WIDTHS))
    ws.row_dimensions[r].height = _height([note], (sum(WIDTHS),))


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _height(texts: list[str], widths: tuple[int, ...]) -> float:
    """The height wrapped text needs (LibreOffice opens a row without one at a single line).

    A width counts characters of "0"; text runs a little narrower.
    """
    lines = max(
        len(textwrap.wrap(text, max(int(width * 1.1) - 1, 1))) or 1 for text, width in zip(texts, widths, strict=True)
    )
    return 15 * lines + 2


def _notes(rows: list[MeasurementRow], flagged: list[MeasurementRow], at: int, yearly: bool, average: str) -> list[str]:
    notes = []
    if flagged:
        notes.append(
            f"*) Capaian {NOT_COMPUTABLE} karena targetnya 0; yang tercantum adalah capaian yang diisi manual "
            f"pada realisasi {quarter_label(at)}:"
        )
        for row in flagged:
            value = formats.percent(row.manual_achievement, missing="belum diisi")
            why = f"; alasan: {row.manual_justification}" if row.manual_justification else ""
            notes.append(f"    {row.info.code} {row.info.name}: capaian manual {value}{why}")
    pending = [row for row in rows if not row.all_approved]
    if pending:
        codes = ", ".join(row.info.code for row in pending)
        notes.append(
            f"Realisasi {len(pending)} indikator belum seluruhnya disetujui Camat ({codes}); "
            "angkanya dapat berubah sampai disetujui."
        )
    cap = rows[0].scale.cap if rows else None
    if cap is not None:
        notes.append(
            f"Capaian di atas {formats.amount(cap)}% ditampilkan {formats.amount(cap)}% (batas tampilan kantor)."
        )
    if yearly:
        notes.append("Capaian tahunan: realisasi s.d. TW IV dibandingkan dengan target tahunan.")
    notes.extend(excluded_notes(sum(1 for row in rows if not row.has_data)))
    notes.append(average_note(average))
    return notes
