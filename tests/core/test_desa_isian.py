"""The Format Isian's per-desa sheet of an indicator over desa (issue 15 §3), with a real .xlsx: exported, filled with
openpyxl as a Kasi would in Excel, read, applied exactly (4 of 9 desa = 44,44), and a bad sheet refused whole with
its file, sheet, row and column in Indonesian."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.isian.preview import apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.ops.desa.fraction import MET, NOT_MET, period_breakdowns
from sakip_desktop.ops.desa.master import list_desa, set_desa_active
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries
from sakip_desktop.storage.database import Database

SOFFICE = shutil.which("soffice")
DAY = dt.date(2026, 1, 8)
SHEET = "Desa IK05"
FIRST = 8  # the first desa row of a desa sheet


def _export(db: Database, path: Path) -> None:
    admin = actor_for(db, "kasubag_renkeu", DAY)
    for d in list_desa(db)[9:]:
        set_desa_active(db, admin, d.id, False)  # 9 desa counted
    unit = next(u.id for u in list_units(db) if u.code == "SEKSI_PEMERINTAHAN")
    export_isian(db, 2025, 4, unit, path)


def _fill(path: Path, cells: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[SHEET][ref] = value
    wb.save(path)


def _ik05(db: Database):
    return next(e for e in quarter_entries(db, 2025, 4) if e.code == "IK05")


def test_the_desa_sheet_round_trips_four_of_nine_exactly(demo_db, tmp_path):
    # GIVEN Seksi Pemerintahan's TW IV file: a sheet of IK05's 9 active desa to mark
    path = tmp_path / "pem.xlsx"
    _export(demo_db, path)
    ws = openpyxl.load_workbook(path)[SHEET]
    assert ws["A3"].value.startswith("Indikator IK05")
    assert [ws.cell(row=FIRST + n, column=3).value for n in range(9)] == [d.name for d in list_desa(demo_db)[:9]]
    assert ws.cell(row=FIRST + 9, column=3).value is None
    # WHEN the Kasi marks 4 desa Ya and 5 Tidak, with a note
    cells: dict[str, object] = {f"D{FIRST + n}": "Ya" if n < 4 else "tidak" for n in range(9)}
    cells[f"E{FIRST + 5}"] = "Laporan APBDes belum disampaikan"
    _fill(path, cells)
    preview = read_isian(demo_db, path, year=2025, quarter=4)
    # THEN the preview shows IK05's realisasi as the marks give it, nothing written yet
    [change] = preview.changes
    assert change.code == "IK05" and change.sheet == SHEET and change.new.value == Decimal("44.44")
    assert change.changed_fields == ["realisasi", "rincian per desa"]
    assert _ik05(demo_db).value is None
    # WHEN it is applied THEN the fraction is stored exactly with the marks and the note
    apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), preview)
    assert _ik05(demo_db).value == Decimal("44.44")
    [found] = period_breakdowns(demo_db, 2025, 4)
    assert (found.desa_met, found.desa_counted, found.fraction) == (4, 9, "4 dari 9 desa (44,44%)")
    assert [r.state for r in found.rows] == [MET] * 4 + [NOT_MET] * 5
    assert found.rows[5].note == "Laporan APBDes belum disampaikan"
    # AND the same file read again changes nothing; a new export shows the marks
    assert read_isian(demo_db, path).changes == ()
    export_isian(demo_db, 2025, 4, None, tmp_path / "lagi.xlsx")
    again = openpyxl.load_workbook(tmp_path / "lagi.xlsx")[SHEET]
    assert [again.cell(row=FIRST + n, column=4).value for n in range(9)] == ["Ya"] * 4 + ["Tidak"] * 5
    unit_row = openpyxl.load_workbook(tmp_path / "lagi.xlsx")["Seksi Pemerintahan"]["H10"]  # IK05's Realisasi TW
    assert unit_row.value == 44.44 and unit_row.protection.locked and "lembar per desa" in unit_row.comment.text


def test_a_bad_desa_sheet_is_refused_whole_naming_file_sheet_row_and_column(demo_db, tmp_path):
    # GIVEN a file with a good unit row (IK04) and a desa sheet with a wrong answer and a moved desa row
    path = tmp_path / "pem.xlsx"
    _export(demo_db, path)
    wb = openpyxl.load_workbook(path)
    unit_sheet = wb.sheetnames[0]
    wb[unit_sheet]["H9"] = 7  # IK04's Realisasi TW
    wb[SHEET][f"D{FIRST}"] = "Ya"
    wb[SHEET][f"D{FIRST + 1}"] = "Mungkin"
    wb[SHEET][f"B{FIRST + 2}"] = "35.99.01.9999"
    wb.save(path)
    # WHEN it is read THEN it is refused, each error with where it is, in Indonesian
    with pytest.raises(ValidationError) as refused:
        read_isian(demo_db, path, year=2025, quarter=4)
    text = refused.value.message
    assert "Berkas pem.xlsx tidak diimpor karena ada 2 kesalahan" in text
    assert (
        f"Berkas pem.xlsx, lembar '{SHEET}', baris {FIRST + 1}, kolom 'Memenuhi kriteria': isi Ya atau Tidak "
        "(kosongkan bila belum dinilai); tertulis 'Mungkin'." in text
    )
    assert f"lembar '{SHEET}', baris {FIRST + 2}, kolom 'Kode desa': baris ini seharusnya desa" in text
    # AND nothing was written, not even the good row
    entries = {e.code: e for e in quarter_entries(demo_db, 2025, 4)}
    assert entries["IK04"].value is None and entries["IK05"].value is None
    assert period_breakdowns(demo_db, 2025, 4)[0].desa_counted is None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_desa_sheet_resaved_by_libreoffice_imports(demo_db, tmp_path, tmp_path_factory):
    # GIVEN a filled file that a person opened and saved again in LibreOffice Calc
    path = tmp_path / "pem.xlsx"
    _export(demo_db, path)
    _fill(path, {f"D{FIRST + n}": "Ya" if n < 4 else "Tidak" for n in range(9)})
    out, profile = tmp_path / "lo", tmp_path_factory.mktemp("lo-profile")
    out.mkdir()
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    # WHEN it is read and applied THEN the marks arrive as written: 4 of 9 desa
    preview = read_isian(demo_db, out / path.name, year=2025, quarter=4)
    assert [(c.code, c.new.value) for c in preview.changes] == [("IK05", Decimal("44.44"))]
    apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), preview)
    assert period_breakdowns(demo_db, 2025, 4)[0].fraction == "4 dari 9 desa (44,44%)"


def test_a_number_typed_over_the_desa_sheets_value_is_refused_naming_the_cell(demo_db, tmp_path):
    # GIVEN IK05's TW IV realisasi given by its desa marks (4 of 9), and a new export of the unit's file
    first = tmp_path / "pem.xlsx"
    _export(demo_db, first)
    _fill(first, {f"D{FIRST + n}": "Ya" if n < 4 else "Tidak" for n in range(9)})
    apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), read_isian(demo_db, first, year=2025, quarter=4))
    path = tmp_path / "lagi.xlsx"
    export_isian(demo_db, 2025, 4, None, path)
    # WHEN the Kasi types 50 in IK05's Realisasi TW on the unit sheet (the cell unlocked by hand)
    wb = openpyxl.load_workbook(path)
    wb["Seksi Pemerintahan"]["H10"] = 50
    wb.save(path)
    # THEN the file is refused with where the number is and where the value comes from; nothing changes
    with pytest.raises(ValidationError) as refused:
        read_isian(demo_db, path, year=2025, quarter=4)
    text = refused.value.message
    assert (
        "Berkas lagi.xlsx, lembar 'Seksi Pemerintahan', baris 10, kolom 'Realisasi TW': Realisasi TW IK05 dihitung "
        f"dari lembar '{SHEET}'" in text
    )
    assert "angka 50,00 yang diketik di sini tidak dipakai" in text and "Kembalikan sel ini ke 44,44" in text
    assert _ik05(demo_db).value == Decimal("44.44")
    # AND typing the same value back, or marking one more desa Ya on the desa sheet, is accepted
    wb = openpyxl.load_workbook(path)
    wb["Seksi Pemerintahan"]["H10"] = 44.44
    wb[SHEET][f"D{FIRST + 4}"] = "Ya"
    wb.save(path)
    [change] = read_isian(demo_db, path, year=2025, quarter=4).changes
    assert change.new.value == Decimal("55.56")
