"""Every table of an official document as an .xlsx workbook: one sheet per table, as the PDF prints it.

A sheet carries the table's caption, a line with the office and the period, the same column headers
(frozen, repeated on every printed page) and the same rows. The tables come from the kind's
`tables` function (`catalog.sheet_tables`), which reads the prepared data the PDF is built from; the
cells of numeric columns, printed the Indonesian way ("1.234,56", "87,50%"), are stored here as numbers
with the matching number format, so the cell holds exactly the figure on paper.

Number formats are written in the file's own notation ("#,##0.00": comma for thousands, point for
decimals, as OOXML requires); Excel and LibreOffice show them with the reader's separators, so an
Indonesian computer shows 1.234,56.

An export is a working copy for a spreadsheet, not a paper for signature: it is NOT recorded in the
document register (only `catalog.generate`, the PDF, is).

openpyxl is imported inside the functions: the program should not pay for it at start-up.
"""

from __future__ import annotations

from pathlib import Path

from sakip_desktop.documents.catalog import (
    KINDS,
    DocRequest,
    SheetTable,
    prepare,
    require_tables,
    sheet_tables,
)
from sakip_desktop.documents.request import is_draft
from sakip_desktop.documents.xlsx_sheets import (  # the workbook writer, re-exported for the callers of this module
    HEADER_ROW,
    PAPER_CODES,
    SheetPage,
    number_cell,
    sheet_name,
    workbook_bytes,
)
from sakip_desktop.errors import UserError
from sakip_desktop.files import write_atomically
from sakip_desktop.storage.database import Database

__all__ = ["HEADER_ROW", "PAPER_CODES", "SheetPage", "export_tables", "is_draft", "number_cell", "sheet_name",
           "workbook_bytes", "write_tables_xlsx"]  # fmt: skip


def export_tables(db: Database, request: DocRequest) -> tuple[bytes, list[SheetTable]]:
    """Prepare the document `request` describes and give its tables as .xlsx bytes (not recorded)."""
    require_tables(request.kind)
    prepared = prepare(db, request)
    tables = sheet_tables(prepared)
    page = SheetPage.of_office(db, request.paper)
    custom = KINDS[request.kind].workbook  # a form with its own layout (Formulir E.81; it marks its own DRAF)
    if custom is not None:
        return custom(prepared, page.paper, page.margins_cm), tables
    return workbook_bytes(tables, page, draft=is_draft(prepared)), tables


def write_tables_xlsx(db: Database, request: DocRequest, path: Path | str) -> list[SheetTable]:
    """Write the document's tables to `path` atomically; the tables written. Not recorded in the register."""
    path = Path(path)
    data, tables = export_tables(db, request)
    try:
        write_atomically(path, data)
    except PermissionError as exc:
        raise UserError(
            f"Berkas {path} tidak dapat ditulis. Tutup berkas itu bila sedang dibuka, lalu coba lagi."
        ) from exc
    return tables
