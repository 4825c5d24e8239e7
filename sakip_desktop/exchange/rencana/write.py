"""The planning workbook (Rencana): Renstra, tujuan, sasaran, indicators, targets per year and quarter,
programs, kegiatan, sub kegiatan with pagu per year and realisasi anggaran per quarter, in one .xlsx an
office fills in Excel or LibreOffice Calc and imports (`read`, `check`, `apply`).

`write_rencana` writes it blank (with instructions) or filled with the office's current plan, so an office
can export, edit and import again. Choices (polaritas, jenis agregasi, IKU, unit) are data validation
lists kept on a hidden sheet; a hidden "_format" sheet names the format and its version.

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.exchange.xlsxkit import (
    LABEL_FORMAT,
    LABEL_PROGRAM,
    LABEL_VERSION,
    fit_rows,
    page_setup,
    put,
    save_workbook,
)
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS
from sakip_desktop.ops.planning.rows import PlanRow, RencanaData

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from sakip_desktop.storage.database import Database

FORMAT_NAME = "SAKIP-RENCANA"
FORMAT_VERSION = 1
SHEET_FORMAT = "_format"
SHEET_LISTS = "_daftar"

SHEET_GUIDE = "Petunjuk"
SHEET_PLAN = "Renstra"
SHEET_GOALS = "Tujuan"
SHEET_OBJECTIVES = "Sasaran"
SHEET_INDICATORS = "Indikator"
SHEET_TARGETS = "Target"
SHEET_PROGRAMS = "Program"
SHEET_ACTIVITIES = "Kegiatan"
SHEET_SUBS = "Sub Kegiatan"
SHEET_SPENDING = "Realisasi Anggaran"

# The Renstra sheet: a label in column A, its value in column B.
LABEL_NAME = "Nama Renstra"
LABEL_START = "Tahun awal"
LABEL_END = "Tahun akhir"
LABEL_VISION = "Visi"
LABEL_MISSION = "Misi (satu misi per baris)"

YA, TIDAK = "Ya", "Tidak"
QUARTER_TITLES = ("TW I", "TW II", "TW III", "TW IV")
PAGU_PREFIX = "Pagu "

# (title, width, kind): kind "text", "number", "money", "year", or a list name of SHEET_LISTS.
COLUMNS: dict[str, tuple[tuple[str, int, str], ...]] = {
    SHEET_GOALS: (("Kode tujuan", 12, "text"), ("Tujuan", 90, "text")),
    SHEET_OBJECTIVES: (("Kode sasaran", 12, "text"), ("Sasaran", 80, "text"), ("Kode tujuan", 12, "text")),
    SHEET_INDICATORS: (
        ("Kode indikator", 12, "text"),
        ("Indikator", 45, "text"),
        ("Satuan", 11, "text"),
        ("Polaritas", 11, "polarity"),
        ("Jenis agregasi", 14, "aggregation"),
        ("Definisi", 45, "text"),
        ("Formula", 35, "text"),
        ("Sumber data", 30, "text"),
        ("Unit penanggung jawab", 28, "unit"),
        ("IKU", 7, "yesno"),
        ("Baseline", 10, "number"),
        ("Kode sasaran", 12, "text"),
    ),
    SHEET_TARGETS: (
        ("Kode indikator", 12, "text"),
        ("Tahun", 8, "year"),
        ("Target Renstra", 12, "number"),
        ("Target tahunan", 12, "number"),
        ("Target tahunan batas atas", 16, "number"),
        *((title, 10, "range") for title in QUARTER_TITLES),
    ),
    SHEET_PROGRAMS: (("Kode program", 14, "text"), ("Program", 70, "text"), ("Kode sasaran", 12, "text")),
    SHEET_ACTIVITIES: (("Kode kegiatan", 16, "text"), ("Kegiatan", 70, "text"), ("Kode program", 14, "text")),
    SHEET_SUBS: (
        ("Kode sub kegiatan", 18, "text"),
        ("Sub Kegiatan", 60, "text"),
        ("Kode kegiatan", 16, "text"),
        ("Unit pelaksana", 28, "unit"),
    ),  # then one "Pagu <tahun>" column per year of the Renstra
    SHEET_SPENDING: (
        ("Kode sub kegiatan", 18, "text"),
        ("Tahun", 8, "year"),
        *((title, 16, "money") for title in QUARTER_TITLES),
    ),
}
DATA_SHEETS = tuple(COLUMNS)

_HEADER_FILL = "DDE4EE"
_LISTS = ("polarity", "aggregation", "yesno", "unit")

GUIDE = (
    "PETUNJUK PENGISIAN BUKU KERJA RENCANA KINERJA",
    "",
    "Buku kerja ini memuat Renstra kecamatan, indikator kinerja dengan target tahunan dan triwulan (rencana aksi), "
    "serta program, kegiatan dan sub kegiatan dengan pagu dan realisasi anggarannya. Isi atau tempel data dari "
    "berkas Excel kantor Anda, simpan sebagai .xlsx, lalu impor di SAKIP Desktop (alat 'Anggaran dan impor rencana' "
    "pada tab Kasubag Perencanaan, atau perintah 'sakip import rencana').",
    "",
    "Urutan lembar:",
    "1. Renstra: nama, tahun awal dan akhir, visi, dan misi (satu misi per baris di dalam sel).",
    "2. Tujuan dan Sasaran: kode dan rumusan; setiap sasaran menyebut kode tujuannya.",
    "3. Indikator: kode unik, nama, satuan, polaritas (Positif: makin tinggi makin baik; Negatif: makin rendah "
    "makin baik), jenis agregasi triwulan (Kumulatif: TW dijumlahkan; Nilai akhir: nilai TW terakhir; Rata-rata), "
    "unit penanggung jawab (pilih dari daftar), IKU (Ya/Tidak), baseline, dan kode sasaran.",
    "4. Target: satu baris per indikator per tahun. Target tahunan berupa rentang (mis. 80–90) ditulis di dua "
    "kolom: Target tahunan dan Target tahunan batas atas. Target TW I–IV boleh ditulis '80 – 90' untuk rentang.",
    "5. Program, Kegiatan, Sub Kegiatan: kode sesuai Permendagri 90, nama, dan kode induknya. Pagu (Rupiah, "
    "tanpa sen) diisi per sub kegiatan pada kolom 'Pagu <tahun>'.",
    "6. Realisasi Anggaran (boleh dikosongkan): realisasi belanja per sub kegiatan per triwulan, dalam Rupiah. "
    "Jumlah realisasi TW I–IV tidak boleh melebihi pagu tahun itu.",
    "",
    "Aturan impor:",
    "- Data dicocokkan menurut kode: kode yang sudah ada diperbarui, kode baru ditambahkan. Data yang tidak ada di "
    "berkas tidak dihapus.",
    "- Sel angka yang kosong (target, pagu, realisasi anggaran) berarti 'tidak diubah'.",
    "- Angka desimal boleh ditulis dengan koma (12,5). Jangan memakai rumus yang merujuk ke berkas lain.",
    "- Berkas yang mengandung kesalahan ditolak seluruhnya; daftar kesalahan menyebut lembar, baris dan kolomnya. "
    "Target triwulan yang tidak cocok dengan target tahunan hanya diberi peringatan.",
    "- Jangan mengganti nama lembar atau judul kolom; lembar tersembunyi '_format' dan '_daftar' jangan dihapus.",
)


def default_plan(today: dt.date | None = None) -> PlanRow:
    """A blank Renstra of five years from this year (the years shape the pagu columns of a blank workbook)."""
    year = (today or dt.date.today()).year
    return PlanRow("", year, year + 4)


def write_rencana(path: Path, data: RencanaData, unit_names: Sequence[str]) -> None:
    """Write the planning workbook for `data` (a blank one has `plan` and nothing else) to `path`."""
    from openpyxl import Workbook

    plan = data.plan or default_plan()
    wb = Workbook()
    guide = wb.active
    guide.title = SHEET_GUIDE
    _write_guide(guide)
    _write_plan(wb.create_sheet(SHEET_PLAN), plan)
    lists = wb.create_sheet(SHEET_LISTS)
    ranges = _write_lists(lists, unit_names)
    years = sorted({y for x in data.sub_activities for y, _ in x.ceilings} | set(plan.years))
    rows = _rows(data)
    for sheet in DATA_SHEETS:
        columns = COLUMNS[sheet]
        if sheet == SHEET_SUBS:
            columns = (*columns, *((f"{PAGU_PREFIX}{y}", 16, "money") for y in years))
        _write_table(wb.create_sheet(sheet), columns, rows[sheet], ranges)
    _write_format(wb.create_sheet(SHEET_FORMAT))
    lists.sheet_state = "hidden"
    wb.active = 0
    save_workbook(wb, Path(path))


def export_rencana(db: Database, path: Path) -> RencanaData:
    """Write the office's current plan (`load_rencana`) as a filled planning workbook; returns what was written."""
    from sakip_desktop.ops.org.units import list_units
    from sakip_desktop.ops.planning.stored import load_rencana

    data = load_rencana(db)
    write_rencana(path, data, [u.name for u in list_units(db)])
    return data


def blank_template(path: Path, db: Database | None = None, start_year: int | None = None) -> None:
    """Write a blank planning workbook; with `db` its unit names fill the unit choice lists."""
    from sakip_desktop.ops.org.units import list_units

    plan = default_plan() if start_year is None else PlanRow("", start_year, start_year + 4)
    units = [u.name for u in list_units(db)] if db is not None else []
    write_rencana(path, RencanaData(plan=plan), units)


def cell_number(value: Decimal | None) -> Any:
    """A Decimal as a number cell: whole numbers as int (Excel shows '12', not '12.0')."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def target_cell(target: Target | None) -> Any:
    """A quarterly target: a number, or '80–90' for a range (`formats.span`)."""
    if target is None:
        return None
    if target.is_range:
        assert target.high is not None
        return formats.span(formats.exact(target.low), formats.exact(target.high))
    return cell_number(target.low)


def _rows(data: RencanaData) -> dict[str, list[tuple[Any, ...]]]:
    years = sorted({y for x in data.sub_activities for y, _ in x.ceilings} | set((data.plan or default_plan()).years))
    return {
        SHEET_GOALS: [(g.code, g.statement) for g in data.goals],
        SHEET_OBJECTIVES: [(o.code, o.statement, o.goal_code) for o in data.objectives],
        SHEET_INDICATORS: [
            (
                i.code,
                i.name,
                i.unit,
                POLARITY_LABELS.get(i.polarity, i.polarity),
                AGGREGATION_LABELS.get(i.aggregation, i.aggregation),
                i.definition,
                i.formula,
                i.data_source,
                i.responsible_unit,
                YA if i.is_key else TIDAK,
                cell_number(i.baseline),
                i.objective_code,
            )
            for i in data.indicators
        ],
        SHEET_TARGETS: [
            (
                t.indicator_code,
                t.year,
                cell_number(t.renstra),
                cell_number(t.yearly.low) if t.yearly else None,
                cell_number(t.yearly.high) if t.yearly and t.yearly.is_range else None,
                *(target_cell(q) for q in t.quarters),
            )
            for t in data.targets
        ],
        SHEET_PROGRAMS: [(p.code, p.name, p.objective_code) for p in data.programs],
        SHEET_ACTIVITIES: [(a.code, a.name, a.program_code) for a in data.activities],
        SHEET_SUBS: [
            (x.code, x.name, x.activity_code, x.unit, *(dict(x.ceilings).get(y) for y in years))
            for x in data.sub_activities
        ],
        SHEET_SPENDING: [(x.sub_activity_code, x.year, *x.amounts) for x in data.spending],
    }


def _write_guide(ws: Worksheet) -> None:
    import textwrap

    from openpyxl.styles import Font

    # One printed line per row: Calc and Excel wrap long cells differently, short rows read the same in both.
    ws.column_dimensions["A"].width = 100
    row = 1
    for line in GUIDE:
        parts = textwrap.wrap(line, 85, subsequent_indent="   " if line[:1] in "-123456789" else "") or [""]
        for part in parts:
            cell = ws.cell(row=row, column=1, value=part or None)
            if line == GUIDE[0] or line.endswith(":"):
                cell.font = Font(bold=True, size=13 if line == GUIDE[0] else 11)
            row += 1
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _write_plan(ws: Worksheet, plan: PlanRow) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    pairs = (
        (LABEL_NAME, plan.name, True),
        (LABEL_START, plan.start_year, False),
        (LABEL_END, plan.end_year, False),
        (LABEL_VISION, plan.vision, True),
        (LABEL_MISSION, plan.mission, True),
    )
    for row, (label, value, text) in enumerate(pairs, start=1):
        put(ws, row, 1, label)
        ws.cell(row=row, column=1).font = Font(bold=True)
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor=_HEADER_FILL)
        put(ws, row, 2, value, text=text)
        ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        lines = str(value or "").count("\n") + 1 + len(str(value or "")) // 110
        # Room to type visi (two lines) and misi (five) even in a blank workbook.
        lines = max(lines, {LABEL_VISION: 2, LABEL_MISSION: 5}.get(label, 1))
        if lines > 1:
            ws.row_dimensions[row].height = 15 * lines + 2
    page_setup(ws)


def _write_lists(ws: Worksheet, unit_names: Sequence[str]) -> dict[str, str]:
    values = {
        "polarity": list(POLARITY_LABELS.values()),
        "aggregation": list(AGGREGATION_LABELS.values()),
        "yesno": [YA, TIDAK],
        "unit": list(unit_names),
    }
    ranges = {}
    for column, name in enumerate(_LISTS, start=1):
        letter = "ABCD"[column - 1]
        for row, value in enumerate(values[name], start=1):
            ws.cell(row=row, column=column, value=value)
        if values[name]:
            ranges[name] = f"'{SHEET_LISTS}'!${letter}$1:${letter}${len(values[name])}"
    return ranges


_PROMPTS = {
    "polarity": "Pilih Positif atau Negatif.",
    "aggregation": "Pilih Kumulatif, Nilai akhir atau Rata-rata.",
    "yesno": "Pilih Ya atau Tidak.",
    "unit": "Pilih unit kerja dari daftar.",
}
_LAST_ROW = 1000  # validation and number formats reach this far below the header


def _write_table(
    ws: Worksheet, columns: Sequence[tuple[str, int, str]], rows: list[tuple[Any, ...]], ranges: dict[str, str]
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, (title, width, kind) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        area = f"{letter}2:{letter}{_LAST_ROW}"
        if kind in ranges:
            dv = DataValidation(
                type="list",
                formula1=ranges[kind],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=title,
                error=_PROMPTS[kind],
            )
            dv.add(area)
            ws.add_data_validation(dv)
        elif kind in ("money", "year"):
            dv = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=title,
                error="Isi bilangan bulat tanpa titik atau koma." if kind == "money" else "Isi tahun, mis. 2025.",
            )
            dv.add(area)
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 47  # three lines: 'Target tahunan batas atas'
    for number, values in enumerate(rows, start=2):
        for column, (value, (_t, _w, kind)) in enumerate(zip(values, columns, strict=False), start=1):
            put(ws, number, column, value, text=kind not in ("number", "money", "year", "range"))
            cell = ws.cell(row=number, column=column)
            if kind == "money":
                cell.number_format = "#,##0"
            if kind in ("number", "money", "year", "range"):
                cell.alignment = Alignment(vertical="top", horizontal="right")
    fit_rows(ws, min_row=2)
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    page_setup(ws)


def _write_format(ws: Worksheet) -> None:
    for label, value in (
        (LABEL_FORMAT, FORMAT_NAME),
        (LABEL_VERSION, FORMAT_VERSION),
        (LABEL_PROGRAM, sakip_desktop.__version__),
    ):
        ws.append((label, value))
    ws.sheet_state = "hidden"


__all__ = [
    "COLUMNS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "blank_template",
    "export_rencana",
    "write_rencana",
]
