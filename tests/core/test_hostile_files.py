"""Every importer (Format Isian, planning workbook, SOP workbook) given broken and hostile files: each is refused
with an Indonesian message naming the file (and the sheet, row and column where there is one), quickly and in
little memory, and the database is left exactly as it was.

The files are made at test time from workbooks the program exports (`tests/_hostile_fixtures.py`).
"""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from _hostile_fixtures import (
    change_workbook,
    damaged_data,
    edit_part,
    first_sheet_part,
    parts,
    rezip,
    sheet_part,
    table_digest,
    with_cells,
    with_part,
    zip_bomb,
)

from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.exchange.guard import MAX_PART_BYTES
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import export_rencana
from sakip_desktop.exchange.sop.read import import_sop
from sakip_desktop.exchange.sop.write import export_sop
from sakip_desktop.ops.sop.library import get_definition, list_sops
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file


@dataclass(frozen=True)
class Cell:
    """A cell a person fills in: its sheet, row, column title and the row of the column titles."""

    sheet: str
    row: int
    title: str
    header_row: int


@dataclass(frozen=True)
class Importer:
    name: str
    export: Callable[[Database, Path], object]
    read: Callable[[Database, Path], object]
    number: Cell
    text: Cell


IMPORTERS = {
    "isian": Importer(
        "isian",
        lambda db, path: export_isian(db, 2025, 4, None, path),
        lambda db, path: read_isian(db, path, year=2025, quarter=4),  # as the screen of TW IV 2025 reads it
        Cell("Seksi Pemerintahan", 9, "Realisasi TW", 8),
        Cell("Seksi Pemerintahan", 9, "Faktor pendukung", 8),
    ),
    "rencana": Importer(
        "rencana",
        export_rencana,
        read_rencana,
        Cell("Target", 2, "Target tahunan", 1),
        Cell("Indikator", 2, "Indikator", 1),
    ),
    "sop": Importer(
        "sop",
        lambda db, path: export_sop(get_definition(db, list_sops(db)[0].id), path),
        lambda db, path: import_sop(path),
        Cell("Langkah", 2, "Urutan", 1),
        Cell("Langkah", 2, "Kegiatan", 1),
    ),
}


@pytest.fixture(scope="module")
def exported(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each importer's workbook as the program exports it from the demo office."""
    folder = tmp_path_factory.mktemp("exported")
    copy = folder / "kantor.db"
    backup_file(demo_template, copy)
    db = Database.open(copy)
    try:
        out = {}
        for name, importer in IMPORTERS.items():
            importer.export(db, folder / f"{name}.xlsx")
            out[name] = (folder / f"{name}.xlsx").read_bytes()
        return out
    finally:
        db.close()


def column(data: bytes, cell: Cell) -> int:
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(data))[cell.sheet]
    return next(c.column for c in ws[cell.header_row] if c.value == cell.title)


def put(data: bytes, cell: Cell, value: object) -> bytes:
    return with_cells(data, cell.sheet, {(cell.row, column(data, cell)): value})


def located(cell: Cell) -> str:
    return f"lembar '{cell.sheet}', baris {cell.row}, kolom '{cell.title}'"


def _dtd(data: bytes) -> bytes:
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return edit_part(data, first_sheet_part(data), lambda xml: laughs + xml)


def _before_sheet_data_end(data: bytes, extra: bytes) -> bytes:
    return edit_part(data, first_sheet_part(data), lambda xml: xml.replace(b"</sheetData>", extra, 1))


def _merge_bomb(data: bytes) -> bytes:
    # ~17 billion cells named in 60 bytes: openpyxl would make a MergedCell object for each.
    merge = b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return _before_sheet_data_end(data, merge)


def _far_cell(data: bytes) -> bytes:
    return _before_sheet_data_end(data, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _formula(data: bytes, cell: Cell) -> bytes:
    return put(data, cell, "=3+4")  # openpyxl writes the formula without its result, as a script might


def _merged(data: bytes, cell: Cell) -> bytes:
    col = column(data, cell)

    def merge(wb) -> None:
        wb[cell.sheet].merge_cells(start_row=cell.row, start_column=col, end_row=cell.row, end_column=col + 1)

    return change_workbook(data, merge)


def _without_format_sheet(data: bytes) -> bytes:
    return change_workbook(data, lambda wb: wb.remove(wb["_format"]))


def _odd_zip(data: bytes) -> bytes:
    return rezip(data, {first_sheet_part(data): parts(data)[first_sheet_part(data)]}, method=12)  # bzip2


def _encrypted(data: bytes) -> bytes:
    name = first_sheet_part(data)
    content = parts(data)[name]
    import zlib

    return with_part(data, name, b"\x00" * 12 + content, zlib.crc32(content), len(content), method=0, flags=1)


def _wrong_period_or_office(importer: str, data: bytes) -> tuple[bytes, list[str]]:
    if importer == "isian":
        # The file of TW IV 2024 of another office, read by the screen of TW IV 2025 of this one.
        changed = change_workbook(data, lambda wb: (wb["_format"].__setitem__("B4", "Kecamatan Lain"),
                                                    wb["_format"].__setitem__("B5", 2024)))  # fmt: skip
        return changed, ["berkas ini milik Kecamatan Lain", "berkas ini untuk TW IV 2024, bukan TW IV 2025"]
    if importer == "rencana":
        changed = with_cells(data, "Target", {(2, 2): 2040})
        return changed, ["lembar 'Target', baris 2, kolom 'Tahun': tahun 2040 di luar Renstra (2021–2026)"]
    changed = with_cells(data, "_format", {(1, 2): "SAKIP-ISIAN"})  # an SOP file cannot be of another period
    return changed, ["bukan berkas SOP SAKIP (format 'SAKIP-ISIAN', seharusnya 'SAKIP-SOP')"]


Build = Callable[[str, bytes], tuple[bytes, list[str]]]  # (importer, exported) -> (file, texts expected)


def _whole(build: Callable[[bytes], bytes], *expected: str) -> Build:
    """A case made from the whole file, the same for every importer."""
    return lambda importer, data: (build(data), list(expected))


def _in_cell(kind: str, value: object, *expected: str) -> Build:
    """A case that types `value` in the importer's number or text cell; the message names that cell."""

    def build(importer: str, data: bytes) -> tuple[bytes, list[str]]:
        cell = getattr(IMPORTERS[importer], kind)
        return put(data, cell, value), [located(cell) + ": " + text for text in expected or ("",)]

    return build


def _formula_case(importer: str, data: bytes) -> tuple[bytes, list[str]]:
    cell = IMPORTERS[importer].number
    return _formula(data, cell), [f"lembar '{cell.sheet}', baris {cell.row}, kolom ", "rumus tanpa nilai hasil"]


def _merged_case(importer: str, data: bytes) -> tuple[bytes, list[str]]:
    cell = IMPORTERS[importer].text
    return _merged(data, cell), [located(cell) + ": sel ", "digabung; pisahkan gabungannya"]


TEXT_FILE = b"Kode;Realisasi\nIK04;7\n"
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
CASES: dict[str, Build] = {
    "teks-berganti-nama": _whole(lambda d: TEXT_FILE, "yang dapat dibaca (isinya teks biasa)"),
    "xls-lama": _whole(lambda d: OLD_XLS, "berkas Excel lama .xls"),
    "pdf": _whole(lambda d: b"%PDF-1.7\n" + bytes(100), "ini dokumen PDF"),
    "kosong": _whole(lambda d: b"", "berkas kosong (0 bita)"),
    "terpotong": _whole(lambda d: d[: len(d) // 2], "(berkas rusak atau terpotong)"),
    "bom-zip": _whole(zip_bomb, "terlalu besar setelah dibuka (1049,0 MB; paling besar 8,0 MB)"),
    "bom-zip-ukuran-palsu": _whole(lambda d: zip_bomb(d, declared=5000), "rusak"),
    "data-zip-rusak": _whole(damaged_data, "rusak (data terpotong atau tidak utuh)"),
    "zip-bzip2": _whole(_odd_zip, "dipadatkan dengan cara yang tidak dipakai Excel (metode 12)"),
    "zip-terenkripsi": _whole(_encrypted, "dilindungi kata sandi"),
    "dtd-entitas": _whole(_dtd, "berisi deklarasi DTD"),
    "bom-sel-gabungan": _whole(_merge_bomb, "sel gabungan atau tautan yang terlalu luas"),
    "sel-terjauh": _whole(_far_cell, "lembar terlalu besar (1048576 baris × 16384 kolom terpakai"),
    "lembar-tersembunyi-dihapus": _whole(_without_format_sheet, "lembar tersembunyi '_format' tidak ada"),
    "rumus": _formula_case,
    "sel-digabung": _merged_case,
    "angka-sangat-besar": _in_cell("number", 10**40),
    "angka-negatif": _in_cell("number", -5),
    "teks-di-sel-angka": _in_cell("number", "tujuh"),
    "teks-10000-karakter": _in_cell("text", "x" * 10_000, "teks terlalu panjang (10000 karakter; paling banyak 4000)"),
    "periode-atau-kantor-salah": _wrong_period_or_office,
}

# What each importer says of a bad number, after naming where it is.
NUMBER_PROBLEMS = {
    ("isian", "angka-sangat-besar"): "terlalu besar (angka 41 digit di depan koma)",
    ("isian", "angka-negatif"): "'-5' tidak boleh negatif",
    ("isian", "teks-di-sel-angka"): "'tujuh' bukan angka",
    ("rencana", "angka-sangat-besar"): "terlalu besar (angka 41 digit di depan koma)",
    ("rencana", "angka-negatif"): "'-5' tidak boleh negatif",
    ("rencana", "teks-di-sel-angka"): "'tujuh' bukan angka",
    ("sop", "angka-sangat-besar"): "tidak sesuai; baris ini langkah ke-1",
    ("sop", "angka-negatif"): "urutan -5 tidak sesuai",
    ("sop", "teks-di-sel-angka"): "urutan tujuh tidak sesuai",
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("importer", list(IMPORTERS))
@pytest.mark.sqlite_only(reason="digests the office file's tables with sqlite3")
def test_a_broken_or_hostile_file_is_refused_with_where_and_writes_nothing(
    importer: str, case: str, exported: dict[str, bytes], demo_db: Database, tmp_path: Path
):
    # GIVEN a workbook the program exported, turned into a broken or hostile file
    data, expected = CASES[case](importer, exported[importer])
    expected = [*expected, NUMBER_PROBLEMS.get((importer, case), "")]
    path = tmp_path / f"{importer}.xlsx"
    path.write_bytes(data)
    before = table_digest(demo_db.path)
    # WHEN the importer reads it
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as refused:
            IMPORTERS[importer].read(demo_db, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # THEN it is refused as a ValidationError listing where, in well under a second and little memory
    assert isinstance(refused.value, ValidationError)
    message = refused.value.message
    assert message.startswith(f"Berkas {path.name} tidak diimpor karena ada")
    for text in expected:
        assert text in message, f"{text!r} not in {message!r}"
    assert time.monotonic() - started < 3
    assert peak < 2 * MAX_PART_BYTES + 16 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    # AND the database is exactly as it was
    assert table_digest(demo_db.path) == before


def test_the_bomb_names_the_sheet_it_is_in(exported: dict[str, bytes], demo_db: Database, tmp_path: Path):
    # GIVEN the Format Isian with the sheet of Seksi Pemerintahan inflating to a gigabyte
    data = exported["isian"]
    name = sheet_part(data, "Seksi Pemerintahan")
    from _hostile_fixtures import GIGABYTE_SHEET, deflate_repeated

    times = 1_100_000_000 // len(GIGABYTE_SHEET)
    path = tmp_path / "isian.xlsx"
    path.write_bytes(with_part(data, name, deflate_repeated(GIGABYTE_SHEET, times), 0, len(GIGABYTE_SHEET) * times))
    assert path.stat().st_size < 4_000_000
    # WHEN it is read THEN the refusal names that sheet
    with pytest.raises(ValidationError, match="lembar 'Seksi Pemerintahan' terlalu besar setelah dibuka"):
        read_isian(demo_db, path)
