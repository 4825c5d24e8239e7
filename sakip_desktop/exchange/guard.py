"""Checks a workbook must pass before openpyxl reads it, so that a damaged or hostile file is refused quickly
with a message instead of filling the memory or ending in a traceback.

An .xlsx is a zip of XML parts. A small file can hold parts that inflate to gigabytes (a "zip bomb"), parts
compressed in ways no spreadsheet program writes, damaged data, or XML with a DTD (Excel never writes one;
entity expansion could blow up). So the file is read once into memory (its size bounded), every part's
declared size is checked, and every part is inflated once through a reader that stops at the bound, whatever
the size the zip declares: a part that says it is small but is not is caught here too. Only then is the
same data handed to openpyxl; after it, every sheet's used range is bounded, since the readers walk it cell
by cell. A merged range in the rows a reader reads is refused (its cells would read as empty), and
`refusing_damage` is the net under every reader: whatever a file does that nobody foresaw ends in the
importer's message, not a traceback.
"""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.errors import UserError
from sakip_desktop.exchange.import_errors import ImportErrors

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


MIB = 1024 * 1024
# A Format Isian or planning workbook of a whole office is well under 1 MB; these leave a wide margin.
MAX_FILE_BYTES = 20 * MIB  # the file as it lies on the disk
MAX_PART_BYTES = 8 * MIB  # one part (one sheet's XML) once inflated: ~250,000 cells
MAX_TOTAL_BYTES = 32 * MIB  # all parts inflated together
MAX_PARTS = 1000
MAX_ROWS = 10_000  # used range of one sheet
MAX_COLUMNS = 100

_CHUNK = 256 * 1024
UNREADABLE = "bukan berkas Excel .xlsx yang dapat dibaca"
_SAVE_AGAIN = "Buka berkas di Excel atau LibreOffice, simpan ulang sebagai 'Excel Workbook (.xlsx)', lalu coba lagi."
# A DTD, in the encodings an XML part may use.
_DTD_MARKS = tuple(
    word.encode(codec)
    for word in ("<!DOCTYPE", "<!doctype", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:.1f} MB".replace(".", ",")
    return f"{max(count // 1024, 1)} KB"


def read_checked(path: Path, errors: ImportErrors) -> bytes | None:
    """The bytes of the workbook at `path` once they pass every check; None with the problem noted otherwise."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            errors.add(
                f"berkas terlalu besar ({_size(size)}; paling besar {_size(MAX_FILE_BYTES)}). Format Isian dan buku "
                "kerja rencana biasanya jauh di bawah 1 MB: pastikan berkas yang dipilih benar."
            )
            return None
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        errors.add(f"berkas tidak dapat dibaca ({exc.strerror or type(exc).__name__}).")
        return None
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        errors.add(f"berkas terlalu besar (lebih dari {_size(MAX_FILE_BYTES)}).")
        return None
    if not data:
        errors.add("berkas kosong (0 bita). Pilih berkas .xlsx yang sudah diisi.")
        return None
    if not data.startswith(b"PK"):
        errors.add(_not_xlsx(data))
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, NotImplementedError (a zip "version 14.2"), EOFError…: all damage
        errors.add(f"{UNREADABLE} (berkas rusak atau terpotong). {_SAVE_AGAIN}")
        return None
    with archive:
        problem = _check_parts(archive)
    if problem is not None:
        errors.add(problem)
        return None
    return data


def _not_xlsx(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        kind = "ini berkas Excel lama .xls atau dokumen Office lama"
    elif data.startswith(b"%PDF"):
        kind = "ini dokumen PDF"
    elif b"\0" not in data[:4096]:
        kind = "isinya teks biasa"
    else:
        kind = "isinya bukan buku kerja"
    return f"{UNREADABLE} ({kind}). {_SAVE_AGAIN}"


def _check_parts(archive: zipfile.ZipFile) -> str | None:
    """What is wrong with the parts of the archive, or None."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        return f"berkas berisi {len(parts)} bagian (paling banyak {MAX_PARTS}); ini bukan buku kerja biasa."
    names = _sheet_names(archive)
    total = 0
    for info in parts:
        where = names.get(info.filename, f"bagian '{info.filename}'")
        if info.flag_bits & 0x1:
            return "berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu coba lagi."
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return (
                f"{where} dipadatkan dengan cara yang tidak dipakai Excel (metode {info.compress_type}). {_SAVE_AGAIN}"
            )
        if info.file_size > MAX_PART_BYTES:
            return _too_large(where, info.file_size)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            return (
                f"isi berkas terlalu besar setelah dibuka (lebih dari {_size(MAX_TOTAL_BYTES)}); ini bukan Format "
                "Isian atau buku kerja rencana biasa."
            )
        problem = _inflate(archive, info, where)
        if problem is not None:
            return problem
    return None


def _too_large(where: str, size: int) -> str:
    return (
        f"{where} terlalu besar setelah dibuka ({_size(size)}; paling besar {_size(MAX_PART_BYTES)}). Hapus "
        "baris dan kolom yang tidak dipakai, simpan, lalu coba lagi."
    )


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> str | None:
    """Inflate one part in chunks, never more than the bound, whatever size the zip declares for it."""
    chunks: list[bytes] = []
    count = 0
    xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                count += len(chunk)
                if count > MAX_PART_BYTES or count > info.file_size:
                    return _too_large(where, count)
                if xml:
                    chunks.append(chunk)
    except Exception:  # zlib.error, a bad CRC, a truncated part, an unsupported zip feature: all damage
        return f"{where} rusak (data terpotong atau tidak utuh). {_SAVE_AGAIN}"
    if count != info.file_size:
        return f"{where} rusak (ukurannya tidak sesuai dengan yang tertulis). {_SAVE_AGAIN}"
    return _check_xml(b"".join(chunks), where) if xml else None


# Ranges openpyxl turns into one object per cell when it loads a sheet: a merged range (every cell but the
# first becomes a MergedCell) and a hyperlink over a range. A few bytes can name a million cells.
_CELL_RANGES = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:mergeCell|hyperlink)\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
MAX_RANGE_CELLS = 100_000  # cells of all merged and linked ranges of one sheet


def _check_xml(data: bytes, where: str) -> str | None:
    if any(mark in data for mark in _DTD_MARKS):
        return f"{where} berisi deklarasi DTD, yang tidak pernah ditulis Excel; berkas ditolak."
    from openpyxl.utils.cell import range_boundaries

    cells = 0
    for match in _CELL_RANGES.finditer(data):
        for ref in match.group(1).decode("ascii", "replace").split():
            try:
                left, top, right, bottom = range_boundaries(ref)
            except Exception:  # a ref openpyxl cannot read either: it refuses the file itself
                continue
            right, bottom = right or 16384, bottom or 1_048_576  # "A:A" is the whole column
            cells += (right - (left or 1) + 1) * (bottom - (top or 1) + 1)
            if cells > MAX_RANGE_CELLS:
                return (
                    f"{where} berisi sel gabungan atau tautan yang terlalu luas (lebih dari {MAX_RANGE_CELLS} sel). "
                    "Pisahkan sel yang digabung di luar tabel, simpan, lalu coba lagi."
                )
    return _formula_without_value(data, where) if b"<worksheet" in data[:4096] else None


_FORMULA = re.compile(rb"<f[\s>/]")
_RESULT = re.compile(rb"<v(?:\s[^>]*)?(?:/>|>([^<]*)</v>)")
_TEXT_TYPE = re.compile(rb"\bt\s*=\s*[\"']str[\"']")
_CELL_REF = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})[\"']")


def _formula_without_value(data: bytes, where: str) -> str | None:
    """A cell holding a formula but not its result: read with its values only, it would look empty.

    Excel and LibreOffice save the result beside every formula; a file written by another program may
    not, and what the person saw in the cell would silently be taken as nothing.
    """
    for match in _FORMULA.finditer(data):
        start, end = data.rfind(b"<c ", 0, match.start()), data.find(b"</c>", match.end())
        if start < 0 or end < 0:
            continue
        tag = data[start : data.find(b">", start) + 1]
        result = _RESULT.search(data, match.end(), end)
        # An empty result is one only for a formula giving text (t="str"); openpyxl writes <v></v> for none.
        if (result and result.group(1)) or (result and _TEXT_TYPE.search(tag)):
            continue
        ref = _CELL_REF.search(tag)
        cell = f", baris {int(ref.group(2))}, kolom {ref.group(1).decode().upper()}" if ref else ""
        return (
            f"{where}{cell}: sel berisi rumus tanpa nilai hasil hitungannya. Buka berkas di Excel atau "
            "LibreOffice, simpan, lalu coba lagi (atau ganti rumusnya dengan angka)."
        )
    return None


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name → "lembar 'Nama'" for the sheets, so a message can name the sheet; empty when unreadable.

    Read from the workbook part and its relationships, both small; anything odd in them leaves the names out.
    """
    from xml.etree import ElementTree

    def small(name: str) -> bytes | None:
        try:
            info = archive.getinfo(name)
            if info.file_size > MIB or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                return None
            with archive.open(info) as stream:
                data = stream.read(MIB + 1)
        except Exception:
            return None
        return None if len(data) > MIB or any(mark in data for mark in _DTD_MARKS) else data

    workbook, rels = small("xl/workbook.xml"), small("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    try:
        targets = {
            node.get("Id"): node.get("Target", "")
            for node in ElementTree.fromstring(rels)
            if node.tag.endswith("Relationship")
        }
        out = {}
        for node in ElementTree.fromstring(workbook).iter():
            if node.tag.endswith("}sheet"):
                rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
                target = targets.get(rid, "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                out[part] = f"lembar '{node.get('name', '?')}'"
        return out
    except Exception:
        return {}


def check_used_ranges(wb: Workbook, errors: ImportErrors) -> bool:
    """False (problem noted) when a sheet's used range is too large to walk: the readers visit it cell by cell."""
    fine = True
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            errors.add(
                f"lembar terlalu besar ({ws.max_row} baris × {ws.max_column} kolom terpakai; paling banyak "
                f"{MAX_ROWS} baris dan {MAX_COLUMNS} kolom). Hapus baris dan kolom kosong di bawah dan di kanan "
                "tabel (juga yang hanya berformat), simpan, lalu coba lagi.",
                ws.title,
            )
            fine = False
    return fine


def refuse_merged(
    ws: Worksheet, errors: ImportErrors, first_row: int, titles: dict[int, str] | None = None, last_row: int = 0
) -> None:
    """Note every merged range reaching into the rows read (`first_row` to `last_row`, 0: to the end).

    Only the first cell of a merged range keeps its value: the others would silently read as empty (a
    narrative merged away would be cleared), so the person is asked to unmerge. `titles` names columns.
    """
    from openpyxl.utils import get_column_letter

    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row < first_row or (last_row and merged.min_row > last_row):
            continue
        column = (titles or {}).get(merged.min_col) or get_column_letter(merged.min_col)
        errors.add(
            f"sel {merged.coord} digabung; pisahkan gabungannya (Unmerge Cells) agar setiap sel terbaca sendiri.",
            ws.title,
            max(merged.min_row, first_row),
            column,
        )


@contextmanager
def refusing_damage(errors: ImportErrors) -> Iterator[None]:
    """Turn anything but a `UserError` or a database error raised while reading a file into its refusal.

    The readers check every cell; this is the net under them, so that a file nobody foresaw still ends in a
    message naming the file (and every problem found before) rather than in a traceback. What it catches is
    logged: it points at a check the reader lacks.
    """
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except (UserError, SQLAlchemyError, sqlite3.Error):
        raise
    except Exception as exc:
        logging.getLogger(__name__).exception("Unforeseen content in %s", errors.file_name)
        errors.add(f"isi berkas tidak dapat dibaca ({type(exc).__name__}). {DAMAGED_HINT}")
        raise errors.refuse() from exc


DAMAGED_HINT = "Ekspor ulang berkasnya dari SAKIP Desktop, salin isiannya, lalu coba lagi."


__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "check_used_ranges",
    "read_checked",
    "refuse_merged",
    "refusing_damage",
]
