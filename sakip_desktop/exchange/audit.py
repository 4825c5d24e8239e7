"""The audit trail as the viewer filters it, exported to an .xlsx workbook (one sheet, every matching entry).

openpyxl is imported inside the function: the program should not pay for it at start-up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sakip_desktop.domain import formats
from sakip_desktop.errors import UserError
from sakip_desktop.exchange.xlsxkit import fit_rows, page_setup, put, save_workbook
from sakip_desktop.ops.audit.check import audit_export
from sakip_desktop.ops.audit.labels import entity_label
from sakip_desktop.ops.audit.trail import AuditFilter, AuditView
from sakip_desktop.storage.database import Database

HEADERS = ("No.", "Waktu", "Pengguna", "Kegiatan", "Jenis data", "Data", "Perubahan")
WIDTHS = (8, 17, 30, 30, 22, 34, 80)
HEADER_ROW = 4  # rows 1-2 title and what was filtered, row 3 empty
HEADER_FILL = "D9E1F2"  # as the document tables (documents/tables_xlsx.py)
TIME_FORMAT = "dd/mm/yyyy hh:mm"


def describe_filter(where: AuditFilter) -> str:
    """What the filter lets through, in words ('Semua entri', 'Pengguna: …; Periode: …')."""
    parts = []
    if where.person:
        parts.append(f"Pengguna: {where.person}")
    if where.start or where.end:
        start = formats.long_date(where.start) if where.start else "awal"
        end = formats.long_date(where.end) if where.end else "sekarang"
        parts.append(f"Periode: {start} – {end}")
    if where.entity:
        parts.append(f"Data: {entity_label(where.entity)}")
    if where.text.strip():
        parts.append(f"Kata: {where.text.strip()}")
    return "; ".join(parts) or "Semua entri"


def export_audit(
    db: Database, path: Path | str, where: AuditFilter | None = None, *, now: dt.datetime | None = None
) -> int:
    """Write every entry `where` lets through (newest first) to the workbook at `path`; the number written.
    `now` (UTC) is the export time printed on the second line.

    The second line says what was filtered and whether the chain was whole when exported.
    """
    where = where or AuditFilter()
    found = audit_export(db, where)
    listing = found.listing
    local = (now or dt.datetime.now(dt.UTC).replace(tzinfo=None)) + dt.timedelta(hours=found.utc_offset_hours)
    title = "Riwayat perubahan" + (f" — Kecamatan {found.office_name}" if found.office_name else "")
    stamp = f"{formats.long_date(local.date())} {local:%H.%M}"
    subtitle = f"{describe_filter(where)}. {listing.total} entri. Diekspor {stamp}. {found.verdict.status}"
    path = Path(path)
    try:
        save_workbook(_workbook(title, subtitle, listing.rows), path)
    except PermissionError as exc:
        raise UserError(
            f"Berkas {path} tidak dapat ditulis. Tutup berkas itu bila sedang dibuka, lalu coba lagi."
        ) from exc
    return len(listing.rows)


def _workbook(title: str, subtitle: str, rows: tuple[AuditView, ...]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Riwayat perubahan"
    last = get_column_letter(len(HEADERS))
    ws["A1"], ws["A2"] = title, subtitle
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"].font = Font(italic=True)
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 32
    for c, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
        put(ws, HEADER_ROW, c, header, text=False)
        cell = ws.cell(row=HEADER_ROW, column=c)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    for r, view in enumerate(rows, start=HEADER_ROW + 1):
        put(ws, r, 1, view.id, text=False)
        put(ws, r, 2, view.local_at.replace(microsecond=0), text=False)
        ws.cell(row=r, column=2).number_format = TIME_FORMAT
        put(ws, r, 3, view.actor_name)
        put(ws, r, 4, view.operation)
        put(ws, r, 5, view.entity_label)
        put(ws, r, 6, view.record)
        put(ws, r, 7, "\n".join(c.text() for c in view.changes) or view.summary)
    fit_rows(ws, min_row=HEADER_ROW + 1)
    page_setup(ws)
    return wb
