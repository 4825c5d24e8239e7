"""The SOP compliance report as .xlsx: per SOP version and step, real times against the standard.

What an office reads when it evaluates its SOPs (monitoring every six months, evaluation once a year).
"""

from __future__ import annotations

from pathlib import Path

from sakip_desktop.exchange.xlsxkit import fit_rows, page_setup, put, save_workbook
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.sop.compliance import StepCompliance, compliance
from sakip_desktop.storage.database import Database

HEADERS = (
    ("SOP", 38),
    ("Versi", 7),
    ("No", 5),
    ("Nomor di SOP", 9),
    ("Kegiatan", 48),
    ("Waktu standar", 14),
    ("Jumlah pelaksanaan", 12),
    ("Median", 10),
    ("Terlama", 10),
    ("Satuan", 11),
    ("Melebihi standar", 11),
    ("Melebihi standar (%)", 12),
    ("Dikembalikan", 12),
)


def _over_pct(row: StepCompliance) -> float | None:
    return round(row.over_standard / row.count * 100, 2) if row.count else None


def export_compliance(db: Database, path: Path, sop_id: int | None = None) -> int:
    """Write the report for one SOP (or all); returns the number of step rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    rows = compliance(db, sop_id)
    profile = get_profile(db)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kepatuhan SOP"
    ws.cell(row=1, column=1, value=f"Kepatuhan SOP {profile.office_title}, {profile.regency_title}").font = Font(
        bold=True, size=13
    )
    ws.cell(
        row=2,
        column=1,
        value="Waktu nyata tiap langkah pada pelaksanaan yang sudah selesai dibanding waktu standar SOP; waktu jeda "
        "tidak dihitung, standar dalam hari dihitung hari kerja kantor.",
    )
    header_row = 4
    for column, (title, width) in enumerate(HEADERS, start=1):
        put(ws, header_row, column, title)
        ws.cell(row=header_row, column=column).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=header_row, column=column).column_letter].width = width
    late = PatternFill("solid", fgColor="FDE0DC")
    for offset, row in enumerate(rows, start=1):
        r = header_row + offset
        values = (
            row.sop_name, row.version, row.position, row.number, row.activity, row.standard_label, row.count,
            None if row.median is None else round(row.median, 2), None if row.worst is None else round(row.worst, 2),
            row.unit_label, row.over_standard, _over_pct(row), row.returns,
        )  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(ws, r, column, value, text=isinstance(value, str))
            if isinstance(value, float):
                ws.cell(row=r, column=column).number_format = "#,##0.00"
            if row.over_standard:
                ws.cell(row=r, column=column).fill = late
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    fit_rows(ws, header_row)
    page_setup(ws)
    save_workbook(wb, Path(path))
    return len(rows)
