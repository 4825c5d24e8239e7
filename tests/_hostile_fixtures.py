"""Broken and hostile workbooks made at test time from real exported ones, and a digest of a database's
contents to prove that a refused import wrote nothing.

Files are built in memory from the workbooks the program exports, so the repository keeps no binary
corpus: a zip rebuilt with a part replaced, a zip written byte by byte (to declare sizes that lie or use
odd features), a deflate stream that inflates to a gigabyte from three megabytes, cells changed through
openpyxl.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from contextlib import closing
from pathlib import Path

import openpyxl

# --- the database -----------------------------------------------------------------------------------------


def table_digest(path: Path) -> dict[str, str]:
    """SHA-256 of every table's rows (order-independent), read on a separate read-only connection."""
    out = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for name in names:
            rows = sorted(repr(row) for row in con.execute(f'SELECT * FROM "{name}"'))
            out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


# --- zips -----------------------------------------------------------------------------------------------


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of an .xlsx by name, inflated."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(data: bytes, changes: Mapping[str, bytes | None], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook with some parts replaced (None: removed); `method` compresses the replaced ones."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts(data).items():
            if name in changes:
                if changes[name] is None:
                    continue
                target.writestr(name, changes[name], compress_type=method)  # type: ignore[arg-type]
            else:
                target.writestr(name, content)
    return out.getvalue()


def edit_part(data: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one part changed by `edit`."""
    return rezip(data, {name: edit(parts(data)[name])})


def first_sheet_part(data: bytes) -> str:
    return next(n for n in parts(data) if n.startswith("xl/worksheets/sheet"))


def sheet_part(data: bytes, title: str) -> str:
    """The part holding the sheet called `title` (sheets are written in order: sheetN is the Nth)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"


def deflate_repeated(chunk: bytes, times: int) -> bytes:
    """A raw deflate stream of `chunk` repeated `times` times, made in milliseconds whatever its size.

    After a full flush the compressor needs nothing that came before, so the flushed block can simply be
    repeated; an empty final block closes the stream.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * times + zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)


def raw_zip(members: list[tuple[str, bytes, int, int, int]], flags: int = 0) -> bytes:
    """A zip written field by field: (name, stored bytes, method, CRC-32, declared inflated size) per member."""
    out = io.BytesIO()
    central = []
    for name, stored, method, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        fields = (20, flags, method, 0, 0, crc, len(stored), size, len(encoded))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + stored)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + encoded)
    start, directory = out.tell(), b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


def _deflated(content: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush()


def with_part(data: bytes, name: str, stored: bytes, crc: int, size: int, method: int = 8, flags: int = 0) -> bytes:
    """The workbook written field by field with part `name` replaced by raw `stored` bytes and a declared size."""
    members = []
    for part, content in parts(data).items():
        if part == name:
            members.append((part, stored, method, crc, size))
        else:
            members.append((part, _deflated(content), 8, zlib.crc32(content), len(content)))
    return raw_zip(members, flags)


GIGABYTE_SHEET = b"<row><c><v>1</v></c></row>" * 4000


def zip_bomb(data: bytes, declared: int | None = None) -> bytes:
    """The first sheet replaced by ~1.1 GB of XML deflated to ~3 MB; `declared` lies about its size."""
    times = 1_100_000_000 // len(GIGABYTE_SHEET)
    size = declared if declared is not None else len(GIGABYTE_SHEET) * times
    return with_part(data, first_sheet_part(data), deflate_repeated(GIGABYTE_SHEET, times), 0, size)


def damaged_data(data: bytes) -> bytes:
    """The first sheet's deflated bytes overwritten in the middle (declared sizes and CRC kept)."""
    name = first_sheet_part(data)
    content = parts(data)[name]
    stored = bytearray(_deflated(content))
    middle = len(stored) // 2
    stored[middle : middle + 16] = b"\xff" * 16
    return with_part(data, name, bytes(stored), zlib.crc32(content), len(content))


# --- cells ----------------------------------------------------------------------------------------------


def with_cells(data: bytes, sheet: str, cells: Mapping[tuple[int, int], object]) -> bytes:
    """The workbook with cells (row, column) of `sheet` set as a person or a script would."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    for (row, column), value in cells.items():
        ws.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def change_workbook(data: bytes, change: Callable[[openpyxl.Workbook], object]) -> bytes:
    """The workbook after `change(wb)` (merge cells, remove a sheet, …)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def column_of(data: bytes, sheet: str, title: str, header_row: int) -> int:
    """The column number whose header is `title`."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for cell in wb[sheet][header_row]:
        if cell.value == title:
            return cell.column
    raise AssertionError(f"no column {title!r} in {sheet!r}")
