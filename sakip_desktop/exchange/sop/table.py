"""The sheets of an SOP workbook as rows of {column title: value}, columns found by their header text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sakip_desktop.exchange.guard import refuse_merged
from sakip_desktop.exchange.xlsxkit import ImportErrors, cell_text, norm

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_TEXT = 4000  # characters of one cell, as in the other importers: about a page


def read_table(
    ws: Worksheet, columns: Iterable[str], errors: ImportErrors, optional: Iterable[str] = ()
) -> list[tuple[int, dict[str, Any]]] | None:
    """The rows of a sheet as {header: value}, columns found by header text; None when a column is missing.

    An `optional` column may be absent (files written before it existed); its value is then None.
    """
    wanted = {norm(title): title for title in columns}
    optional_keys = {norm(title) for title in optional}
    header_row, found = 0, {}
    for row_number, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        hits = {norm(cell_text(v)): i for i, v in enumerate(row) if norm(cell_text(v)) in wanted}
        if hits:
            header_row, found = row_number, hits
            break
    if not header_row:
        errors.add(f"baris judul kolom ({', '.join(wanted.values())}) tidak ditemukan.", ws.title)
        return None
    header = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
    for key, title in wanted.items():
        if sum(norm(cell_text(v)) == key for v in header) > 1:
            errors.add("judul kolom ini ada lebih dari sekali; hapus salah satunya.", ws.title, header_row, title)
    missing = [title for key, title in wanted.items() if key not in found and key not in optional_keys]
    for title in missing:
        errors.add("kolom tidak ada (judul kolom harus ditulis persis).", ws.title, header_row, title)
    if missing:
        return None
    refuse_merged(ws, errors, header_row + 1, {i + 1: wanted[key] for key, i in found.items()})
    rows = []
    for row_number, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        values = {wanted[key]: (row[i] if i < len(row) else None) for key, i in found.items()}
        if any(cell_text(v) for v in values.values()):
            for title, value in values.items():
                if len(cell_text(value)) > MAX_TEXT:
                    errors.add(
                        f"teks terlalu panjang ({len(cell_text(value))} karakter; paling banyak {MAX_TEXT}).",
                        ws.title,
                        row_number,
                        title,
                    )
            rows.append((row_number, {title: values.get(title) for title in wanted.values()}))
    return rows


def cell_lines(value: Any) -> tuple[str, ...]:
    """One item per line inside the cell; blank lines dropped."""
    return tuple(line.strip() for line in cell_text(value).split("\n") if line.strip())
