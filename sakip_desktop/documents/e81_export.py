"""Formulir E.81 prepared and written as its .xlsx on the office's paper (the CLI, the E.81 screen, the benchmark).
An export is a working copy: it is not recorded in the document register."""

from __future__ import annotations

from pathlib import Path

from sakip_desktop.documents.catalog import DocRequest, SheetTable, prepare
from sakip_desktop.documents.e81_xlsx import e81_tables, e81_workbook
from sakip_desktop.documents.tables_xlsx import SheetPage
from sakip_desktop.errors import UserError
from sakip_desktop.files import write_atomically
from sakip_desktop.storage.database import Database


def export_form(db: Database, request: DocRequest) -> tuple[bytes, list[SheetTable]]:
    """Prepare the form `request` describes and give it as .xlsx bytes, laid out as the form (not recorded)."""
    prepared = prepare(db, request)
    page = SheetPage.of_office(db, request.paper)
    return e81_workbook(prepared, page.paper, page.margins_cm), e81_tables(prepared)


def write_e81_xlsx(db: Database, request: DocRequest, path: Path | str) -> list[SheetTable]:
    """Write the form's .xlsx to `path` atomically; the table written. Not recorded in the register."""
    path = Path(path)
    data, tables = export_form(db, request)
    try:
        write_atomically(path, data)
    except PermissionError as exc:
        raise UserError(
            f"Berkas {path} tidak dapat ditulis. Tutup berkas itu bila sedang dibuka, lalu coba lagi."
        ) from exc
    return tables
