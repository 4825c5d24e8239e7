"""Format Isian Data Kinerja Triwulan as .xlsx: written, filled with openpyxl or re-saved by LibreOffice, read back,
applied all or nothing, and refused whole (every error located) when anything is wrong."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from sakip_desktop.cli import main as cli_main
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.exchange.isian import read as isian_xlsx_read
from sakip_desktop.exchange.isian.columns import FORMAT_NAME, FORMAT_VERSION
from sakip_desktop.exchange.isian.preview import apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.exchange.xlsxkit import parse_decimal
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import LOCKED_MESSAGE, quarter_entries, save_realisation
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="soffice (LibreOffice) is not on PATH; install it with "
    "`apt-get install -y --no-install-recommends libreoffice-calc-nogui` to run this test",
)
PEM = "Seksi Pemerintahan"
PELAYANAN = "Seksi Pelayanan Umum"


def unit_id(db, code: str) -> int:
    return next(u.id for u in list_units(db) if u.code == code)


def entries(db, quarter: int) -> dict[str, object]:
    return {e.code: e for e in quarter_entries(db, 2025, quarter)}


def column_of(ws, title: str) -> int:
    for cell in ws[8]:
        if cell.value == title:
            return cell.column
    raise AssertionError(f"no column {title!r} in sheet {ws.title!r}")


def fill(path: Path, sheet: str, row: int, **values) -> None:
    """Type values into the file as a person would (by column title)."""
    titles = {
        "value": "Realisasi TW",
        "supporting": "Faktor pendukung",
        "inhibiting": "Faktor penghambat",
        "follow_up": "Upaya/tindak lanjut",
        "manual": "Capaian manual",
        "justification": "Justifikasi",
        "code": "Kode",
    }
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for key, value in values.items():
        ws.cell(row=row, column=column_of(ws, titles[key]), value=value)
    wb.save(path)


def refusal(db, path: Path, **expected) -> str:
    with pytest.raises(ValidationError) as info:
        read_isian(db, path, **expected)
    return info.value.message


def row_count(db, model) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- the workbook as a person sees it -------------------------------------------------------------------


def test_the_workbook_is_locked_except_the_inputs(demo_db, tmp_path):
    path = tmp_path / "isian.xlsx"
    # GIVEN all units' Format Isian for TW III (IK04 submitted, IK05 verified; nothing open)
    # and for TW IV (nothing entered yet)
    assert export_isian(demo_db, 2025, 4, None, path) == 12
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Subbag Perencanaan dan Keuangan",
        PEM,
        "Seksi Ekonomi dan Pembangunan",
        "Seksi Trantib",
        "Seksi Kesejahteraan Sosial",
        PELAYANAN,
        "Desa IK05",
        "_format",
    ]  # fmt: skip  (Desa IK05: the per-desa sheet of the demo's indicator over desa; desa helper, issue 15 §3)
    ws = wb[PEM]
    assert ws["A1"].value == "FORMAT ISIAN DATA KINERJA TRIWULAN IV TAHUN 2025"
    assert ws["A2"].value == "Kecamatan Contoh, Kabupaten Contoh"
    assert "Isi hanya sel berwarna kuning" in ws["A5"].value
    assert [c.value for c in ws[8]] == [
        "No", "Kode", "Sasaran", "Indikator", "Satuan", "Target TW", "Target tahun", "Realisasi TW",
        "Faktor pendukung", "Faktor penghambat", "Upaya/tindak lanjut", "Capaian manual", "Justifikasi",
        "Status", "Alasan dikembalikan",
    ]  # fmt: skip
    assert [ws.cell(row=r, column=2).value for r in (9, 10)] == ["IK04", "IK05"]
    assert ws.cell(row=9, column=column_of(ws, "Target TW")).value == 6
    assert ws.cell(row=9, column=column_of(ws, "Target tahun")).value == 24
    # Protected without a password; only the inputs are unlocked
    assert ws.protection.sheet and not ws.protection.password
    inputs = {"Realisasi TW", "Faktor pendukung", "Faktor penghambat", "Upaya/tindak lanjut", "Capaian manual",
              "Justifikasi"}  # fmt: skip
    for cell in ws[9]:
        assert cell.protection.locked == (ws.cell(row=8, column=cell.column).value not in inputs), cell.coordinate
    validations = {str(dv.sqref): (dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert validations == {
        "H9:H10": ("decimal", "greaterThanOrEqual", "0"),
        "L9:L10": ("decimal", "greaterThanOrEqual", "0"),
    }
    fmt = wb["_format"]
    assert fmt.sheet_state == "hidden"
    pairs = {row[0]: row[1] for row in fmt.iter_rows(max_row=7, values_only=True)}
    assert pairs == {
        "Format": FORMAT_NAME, "Versi format": FORMAT_VERSION, "Versi program": pairs["Versi program"],
        "Kantor": "Kecamatan Contoh, Kabupaten Contoh", "Tahun": 2025, "Triwulan": 4,
        "Unit": "SUBBAG_PERENCANAAN, SEKSI_PEMERINTAHAN, SEKSI_EKBANG, SEKSI_TRANTIB, SEKSI_KESOS, SEKSI_PELAYANAN",
    }  # fmt: skip
    # Rows of realisasi already submitted are locked in the TW III file
    path3 = tmp_path / "tw3.xlsx"
    export_isian(demo_db, 2025, 3, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), path3)
    ws3 = openpyxl.load_workbook(path3)[PEM]
    assert ws3.cell(row=9, column=column_of(ws3, "Realisasi TW")).protection.locked
    assert ws3.cell(row=9, column=column_of(ws3, "Status")).value == "Diajukan"


# --- round trips -----------------------------------------------------------------------------------------


def test_export_fill_read_apply(demo_db, tmp_path):
    # GIVEN Seksi Pemerintahan's TW IV file filled by the Kasi, a decimal comma typed as text
    path = tmp_path / "pem.xlsx"
    export_isian(demo_db, 2025, 4, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), path)
    fill(path, PEM, 9, value=7)
    fill(path, PEM, 10, value="85,71", supporting="Monitoring rutin", inhibiting="Dua desa terlambat",
         follow_up="Pendampingan\nsetiap bulan")  # fmt: skip
    # WHEN it is read THEN the preview shows old and new, nothing is written yet
    preview = read_isian(demo_db, path, year=2025, quarter=4)
    assert (preview.year, preview.quarter, preview.unit_codes) == (2025, 4, ("SEKSI_PEMERINTAHAN",))
    assert [(c.code, c.old, c.new.value) for c in preview.changes] == [
        ("IK04", None, Decimal(7)),
        ("IK05", None, Decimal("85.71")),
    ]
    assert preview.changes[1].changed_fields == ["realisasi", "faktor pendukung", "faktor penghambat",
                                                 "upaya/tindak lanjut"]  # fmt: skip
    assert entries(demo_db, 4)["IK04"].value is None
    # WHEN the Kasi applies it THEN the realisasi are drafts with the file's values
    apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), preview)
    after = entries(demo_db, 4)
    assert after["IK04"].value == Decimal(7) and after["IK05"].value == Decimal("85.71")
    assert after["IK05"].narrative.follow_up == "Pendampingan\nsetiap bulan"
    # WHEN the same file is read again THEN nothing would change
    again = read_isian(demo_db, path)
    assert again.changes == () and again.unchanged == 2


@needs_soffice
def test_a_file_resaved_by_libreoffice_imports(demo_db, tmp_path, tmp_path_factory):
    # GIVEN a filled file that a person opened and saved again in LibreOffice Calc
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, None, path)
    fill(path, PEM, 9, value=7)
    fill(path, PEM, 10, value="85,71", supporting="A", inhibiting="B", follow_up="C")
    fill(path, PELAYANAN, 10, value=1.9, supporting="Antrean daring")
    expected = read_isian(demo_db, path)
    out = tmp_path / "lo"
    out.mkdir()
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out / path.name
    assert resaved.read_bytes() != path.read_bytes()
    assert openpyxl.load_workbook(resaved)["_format"].sheet_state == "hidden"
    # WHEN it is read THEN it says the same as before the re-save, and it applies
    preview = read_isian(demo_db, resaved)
    assert [(c.sheet, c.row, c.code, c.new) for c in preview.changes] == [
        (c.sheet, c.row, c.code, c.new) for c in expected.changes
    ]
    assert apply_isian(demo_db, actor_for(demo_db, "staf_renkeu", DAY), preview)  # an administrator
    assert entries(demo_db, 4)["IK07"].value == Decimal("1.9")


# --- refusals ----------------------------------------------------------------------------------------------


def test_a_file_with_several_errors_is_refused_naming_each(demo_db, tmp_path):
    # GIVEN the whole office's TW IV file with four errors on two sheets
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, None, path)
    fill(path, PEM, 9, value="12,5a")
    fill(path, PEM, 10, value=90, manual=100, justification="x")  # target 85,71: capaian can be computed
    fill(path, PELAYANAN, 9, value="-3")
    fill(path, PELAYANAN, 11, code="IK99")
    # WHEN it is read THEN it is refused, each error with its sheet, row and column
    message = refusal(demo_db, path)
    print(message)
    lines = message.splitlines()
    assert lines[0] == "Berkas isian.xlsx tidak diimpor karena ada 4 kesalahan:"
    assert lines[1:] == [
        "- Berkas isian.xlsx, lembar 'Seksi Pemerintahan', baris 9, kolom 'Realisasi TW': '12,5a' bukan angka.",
        "- Berkas isian.xlsx, lembar 'Seksi Pemerintahan', baris 10, kolom 'Capaian manual': capaian manual hanya "
        "diisi bila Target TW bernilai 0; kosongkan sel ini.",
        "- Berkas isian.xlsx, lembar 'Seksi Pelayanan Umum', baris 9, kolom 'Realisasi TW': '-3' tidak boleh negatif.",
        "- Berkas isian.xlsx, lembar 'Seksi Pelayanan Umum', baris 11, kolom 'Kode': baris ini seharusnya indikator "
        "IK08, tertulis 'IK99'; jangan pindahkan baris.",
    ]


def test_another_office_year_quarter_or_format_version_is_refused(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), path)
    fill(path, PEM, 9, value=7)

    def edited(name: str, label: str, value) -> Path:
        copy = tmp_path / name
        wb = openpyxl.load_workbook(path)
        ws = wb["_format"]
        for row in ws.iter_rows(max_row=7):
            if row[0].value == label:
                row[1].value = value
        wb.save(copy)
        return copy

    other_office = edited("lain.xlsx", "Kantor", "Kecamatan Lain, Kabupaten Contoh")
    assert "berkas ini milik Kecamatan Lain, Kabupaten Contoh, bukan Kecamatan Contoh, Kabupaten Contoh." in refusal(
        demo_db, other_office
    )
    assert "berkas ini untuk TW IV 2025, bukan TW III 2025" in refusal(demo_db, path, year=2025, quarter=3)
    assert "berkas ini untuk TW IV 2025, bukan TW IV 2024" in refusal(demo_db, path, year=2024, quarter=4)
    assert "kantor ini belum punya target tahun itu" in refusal(demo_db, edited("2019.xlsx", "Tahun", 2019))
    # The quarter edited in the hidden sheet no longer matches the realisasi ids behind the rows
    tw3 = tmp_path / "tw3.xlsx"
    export_isian(demo_db, 2025, 3, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), tw3)
    wb = openpyxl.load_workbook(tw3)
    next(r for r in wb["_format"].iter_rows(max_row=7) if r[0].value == "Triwulan")[1].value = 4
    wb.save(tw3)
    assert "berbeda dengan saat berkas dibuat" in refusal(demo_db, tw3)
    newer = edited("baru.xlsx", "Versi format", FORMAT_VERSION + 1)
    assert "dibuat oleh versi program yang lebih baru" in refusal(demo_db, newer)
    monkeypatch.setattr(isian_xlsx_read, "FORMAT_VERSION", FORMAT_VERSION + 1)
    assert f"Format Isian versi lama (versi {FORMAT_VERSION}" in refusal(demo_db, path)


def test_a_changed_row_of_an_approved_realisasi_is_refused(demo_db, tmp_path):
    # GIVEN the TW II file (all approved): unchanged rows are fine
    path = tmp_path / "tw2.xlsx"
    export_isian(demo_db, 2025, 2, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), path)
    assert read_isian(demo_db, path).changes == ()
    # WHEN a person unprotects the sheet and changes an approved value THEN the file is refused with the reason
    fill(path, PEM, 10, value=90)
    assert f"lembar 'Seksi Pemerintahan', baris 10, kolom 'Realisasi TW': {LOCKED_MESSAGE}" in refusal(demo_db, path)
    # and a submitted one (TW III) is refused as being under review
    path3 = tmp_path / "tw3.xlsx"
    export_isian(demo_db, 2025, 3, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), path3)
    fill(path3, PEM, 9, inhibiting="baru")
    assert "kolom 'Faktor penghambat': realisasi ini sudah diajukan dan sedang diperiksa" in refusal(demo_db, path3)


def test_nothing_is_written_when_a_file_is_refused(demo_db, tmp_path):
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, None, path)
    fill(path, PEM, 9, value=7)
    fill(path, PELAYANAN, 9, value="84,1")
    before = (row_count(demo_db, m.Realisation), row_count(demo_db, m.AuditEntry))
    # WHEN a Kasi applies a file holding another seksi's rows THEN it is refused whole
    preview = read_isian(demo_db, path)
    with pytest.raises(PermissionDenied, match="Seksi Pelayanan Umum"):
        apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), preview)
    assert (row_count(demo_db, m.Realisation), row_count(demo_db, m.AuditEntry)) == before
    # WHEN the database changed after reading (IK06 entered on screen) THEN the whole file is refused,
    # including IK04, which comes first and was fine
    admin = actor_for(demo_db, "staf_renkeu", DAY)
    ik06 = entries(demo_db, 4)["IK06"].indicator_id
    save_realisation(demo_db, admin, ik06, 2025, 4, Decimal(84), supporting="", inhibiting="", follow_up="")
    with pytest.raises(ValidationError, match="baris 9: data ini berubah sejak berkas dibaca"):
        apply_isian(demo_db, admin, preview)
    assert entries(demo_db, 4)["IK04"].value is None
    # WHEN a file has any error THEN nothing of it is read into the database
    fill(path, PEM, 10, value="abc")
    refusal(demo_db, path)
    assert entries(demo_db, 4)["IK04"].value is None


# --- numbers a person types -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "percent", "expected"),
    [
        ("12,5", False, Decimal("12.5")),
        (" 1.234,5 ", False, Decimal("1234.5")),
        ("1.234.567", False, Decimal(1234567)),
        ("12.5", False, Decimal("12.5")),
        ("85,71%", False, Decimal("85.71")),
        (12.5, False, Decimal("12.5")),
        (7, False, Decimal(7)),
        (0.8571, True, Decimal("85.71")),  # Excel turned "85,71%" into 0.8571
        ("", False, None),
        (None, False, None),
    ],
)
def test_numbers_typed_the_indonesian_way(raw, percent, expected):
    assert parse_decimal(raw, percent) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("12,5a", "'12,5a' bukan angka."),
        ("1,2,3", "'1,2,3' bukan angka."),
        ("-3", "'-3' tidak boleh negatif."),
        ("1.500", "'1.500' meragukan"),
        (True, "'YA' bukan angka."),
    ],
)
def test_numbers_that_are_refused(raw, problem):
    value, message = parse_decimal(raw)
    assert value is None and message.startswith(problem)


# --- the command line ------------------------------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_cli_export_and_import(demo_db, tmp_path, capsys):
    db_path = str(demo_db.path)
    out = tmp_path / "pem.xlsx"
    demo_db.close()
    assert cli_main(["isian", "export", "--db", db_path, "--year", "2025", "--tw", "4", "--unit",
                     "SEKSI_PEMERINTAHAN", "--out", str(out)]) == 0  # fmt: skip
    assert "(2 indikator)" in capsys.readouterr().out
    fill(out, PEM, 9, value="7")
    password = tmp_path / "sandi.txt"
    password.write_text("kasi_pem123\n", encoding="utf-8")
    who = ["--as", "kasi_pem", "--password-file", str(password)]
    assert cli_main(["isian", "import", "--db", db_path, *who, "--dry-run", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Seksi Pemerintahan, baris 9: IK04" in printed and "realisasi: (kosong) -> 7" in printed
    assert "tidak ada yang disimpan" in printed
    assert cli_main(["isian", "import", "--db", db_path, *who, str(out)]) == 0
    assert "Disimpan: 1 realisasi." in capsys.readouterr().out
    assert cli_main(["isian", "import", "--db", db_path, *who, "--tw", "3", str(out)]) == 1
    assert "bukan TW III 2025" in capsys.readouterr().err


def test_loading_the_module_does_not_load_openpyxl():
    code = (
        "import sys, sakip_desktop.exchange.isian.write, sakip_desktop.exchange.isian.read; "
        "print('openpyxl' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
