"""SOPs exchanged as .xlsx: real workbooks written, edited with openpyxl or re-saved by LibreOffice, and read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import sakip_desktop
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.sop.read import import_sop
from sakip_desktop.exchange.sop.write import FORMAT_NAME, export_sop
from sakip_desktop.sop.definition import (
    FORMAT_VERSION,
    Actor,
    Identity,
    SopDefinition,
    Step,
    StepKind,
    load_template,
    load_templates,
    template_dir,
)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_FILES = sorted(template_dir().glob("*.toml"))
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="soffice (LibreOffice) is not on PATH; install it with "
    "`apt-get install -y --no-install-recommends libreoffice-calc-nogui` to run this test",
)


def tricky_definition() -> SopDefinition:
    """An SOP with what survives Excel badly: number-like texts, a leading '=', line breaks, branches."""
    return SopDefinition(
        code="UJI-XLSX-01",
        identity=Identity(
            name="=Uji ekspor SOP",
            number="007",
            created="01 Januari 2016",
            revised="",
            effective="2.10",
            approved_by="CAMAT CONTOH\nNIP. 19650430 198502 2 003",
            legal_basis=("Peraturan Presiden nomor 29 Tahun 2014", "PermenPAN-RB nomor 53 Tahun 2014"),
            related=("SOP Pengumpulan Data Kinerja",),
            warnings=("Tim harus sudah ditetapkan oleh Camat.",),
            unit_name="KANTOR KECAMATAN CONTOH",
            regency_name="PEMERINTAH KABUPATEN CONTOH",
        ),
        actors=(
            Actor(key="camat", label="Camat", role=Role.CAMAT),
            Actor(key="sek", label="Sekretaris", role=Role.SEKRETARIS),
            Actor(key="staf", label="Staf Pelaksana", role=Role.STAF),
        ),
        steps=(
            Step(number="1", activity="Menyiapkan bahan", actor="staf", inputs=("Surat", "Data"), time="2-3 hari",
                 output="Bahan"),
            Step(number="2", activity="Memeriksa bahan", actor="sek", time="1 jam", output="Bahan diperiksa",
                 kind=StepKind.DECISION, on_approve=3, on_return=1),
            Step(number="3", activity="Menandatangani", actor="camat", time="15 menit", output="Surat",
                 note="Catatan\nbaris dua", kind=StepKind.DECISION, on_return=2),
            Step(number="1.1", activity="", actor="staf", time="0", output="Arsip", actor_inferred=True),
            Step(number="10", activity="Selesai", actor="staf"),
        ),
        source="uji",
        start_roles=(Role.SEKRETARIS, Role.STAF),
    )  # fmt: skip


def column_of(ws, title: str) -> int:
    """The column number whose header (row 1) is `title`."""
    for cell in ws[1]:
        if cell.value == title:
            return cell.column
    raise AssertionError(f"no column {title!r} in sheet {ws.title!r}")


def refusal(path: Path) -> str:
    with pytest.raises(ValidationError) as info:
        import_sop(path)
    return info.value.message


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice profile of our own, so a running LibreOffice (or a parallel test) does not block ours."""
    return tmp_path_factory.mktemp("lo-profile")


def resave_with_libreoffice(source: Path, out_dir: Path, profile: Path) -> Path:
    out_dir.mkdir()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out_dir / source.name
    assert resaved.is_file(), f"LibreOffice wrote nothing for {source.name}"
    assert resaved.read_bytes() != source.read_bytes()
    return resaved


# --- round trips ------------------------------------------------------------------------------------


def test_there_are_templates_to_round_trip():
    assert TEMPLATE_FILES, f"no templates in {template_dir()}"
    assert len(load_templates()) == len(TEMPLATE_FILES)


@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_every_template_survives_export_and_import(template: Path, tmp_path: Path):
    # GIVEN a shipped template
    definition = load_template(template)
    # WHEN it is exported and imported again
    path = tmp_path / f"{template.stem}.xlsx"
    export_sop(definition, path)
    # THEN the definition is the same
    assert import_sop(path) == definition


def test_number_like_texts_formulas_and_branches_survive(tmp_path: Path):
    definition = tricky_definition()
    path = tmp_path / "uji.xlsx"
    export_sop(definition, path)
    assert import_sop(path) == definition


@needs_soffice
@pytest.mark.parametrize("template", [None, *TEMPLATE_FILES], ids=["uji", *(p.stem for p in TEMPLATE_FILES)])
def test_a_file_resaved_by_libreoffice_imports_equal(template: Path | None, tmp_path: Path, soffice_profile: Path):
    definition = tricky_definition() if template is None else load_template(template)
    # GIVEN an exported SOP that a person opened and saved again in LibreOffice Calc
    path = tmp_path / "sop.xlsx"
    export_sop(definition, path)
    resaved = resave_with_libreoffice(path, tmp_path / "lo", soffice_profile)
    # WHEN it is imported THEN nothing was lost
    assert import_sop(resaved) == definition


def test_reordered_columns_and_numbers_typed_as_numbers_are_accepted(tmp_path: Path):
    # GIVEN a person moved 'Waktu' to the front and typed numbers into text columns
    definition = tricky_definition()
    path = tmp_path / "uji.xlsx"
    export_sop(definition, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Langkah"]
    time_column = column_of(ws, "Waktu")
    times = [ws.cell(row=r, column=time_column).value for r in range(1, ws.max_row + 1)]
    ws.delete_cols(time_column)
    ws.insert_cols(1)
    for row, value in enumerate(times, start=1):
        ws.cell(row=row, column=1, value=value)
    ws.cell(row=2, column=column_of(ws, "Nomor"), value=1)  # Excel turned "1" into 1
    ws.cell(row=3, column=column_of(ws, "Urutan"), value=2.0)  # and 2 into 2.0
    ws.cell(row=3, column=column_of(ws, "Jika disetujui ke"), value="3")  # typed as text
    wb.save(path)
    # WHEN it is imported THEN the SOP is the same
    assert column_of(openpyxl.load_workbook(path)["Langkah"], "Waktu") == 1
    assert import_sop(path) == definition


def test_whole_numbers_stored_as_floats_are_read_as_whole_numbers(tmp_path: Path):
    # GIVEN a file whose Langkah sheet stores numbers as "2.0", as some spreadsheet programs write them
    definition = tricky_definition()
    path = tmp_path / "uji.xlsx"
    export_sop(definition, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Langkah"]
    ws.cell(row=2, column=column_of(ws, "Nomor"), value=1)
    wb.save(path)
    sheet = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts[sheet].decode("utf-8")
    xml, floats = re.subn(r'(<c r="[ABJK]\d+"[^>]*><v>)(\d+)(</v>)', r"\g<1>\g<2>.0\g<3>", xml)
    assert floats >= 8, xml  # Urutan of 5 rows, Nomor of row 2, the branch targets
    parts[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert openpyxl.load_workbook(path)["Langkah"]["A3"].value == 2.0
    assert isinstance(openpyxl.load_workbook(path)["Langkah"]["A3"].value, float)
    # WHEN it is imported THEN Nomor is "1" and the positions are whole numbers
    assert import_sop(path) == definition


# --- refusals ---------------------------------------------------------------------------------------


def test_a_file_with_several_errors_is_refused_with_each_one_located(tmp_path: Path):
    # GIVEN an exported SOP edited to hold four errors on two sheets
    path = tmp_path / "rusak.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    steps, actors = wb["Langkah"], wb["Pelaksana"]
    steps.cell(row=2, column=column_of(steps, "Waktu"), value="15 mnt x")
    steps.cell(row=3, column=column_of(steps, "Pelaksana"), value="bupati")
    steps.cell(row=4, column=column_of(steps, "Jika dikembalikan ke"), value=9)  # 5 steps only
    actors.cell(row=3, column=column_of(actors, "Peran"), value="LURAH")
    wb.save(path)
    # WHEN it is imported THEN it is refused, naming every error with its sheet, row and column
    message = refusal(path)
    print(message)
    assert message.startswith("Berkas rusak.xlsx tidak diimpor karena ada 4 kesalahan:")
    lines = message.splitlines()[1:]
    assert len(lines) == 4, message
    assert "Berkas rusak.xlsx, lembar 'Pelaksana', baris 3, kolom 'Peran': peran 'LURAH' tidak dikenal" in lines[0]
    assert "Berkas rusak.xlsx, lembar 'Langkah', baris 2, kolom 'Waktu': waktu '15 mnt x' tidak dikenali" in lines[1]
    assert "Berkas rusak.xlsx, lembar 'Langkah', baris 3, kolom 'Pelaksana': pelaksana 'bupati' tidak ada" in lines[2]
    assert "lembar 'Langkah', baris 4, kolom 'Jika dikembalikan ke': langkah tujuan 9 di luar urutan 1–5" in lines[3]


def test_a_file_from_a_newer_program_is_refused(tmp_path: Path):
    path = tmp_path / "baru.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["_format"]
    assert (ws["A1"].value, ws["B1"].value) == ("Format", FORMAT_NAME)
    assert ws["A2"].value == "Versi format" and ws["B2"].value == FORMAT_VERSION
    ws["B2"] = FORMAT_VERSION + 1
    ws["B3"] = "9.0.0"
    wb.save(path)
    message = refusal(path)
    assert "dibuat oleh versi program yang lebih baru" in message
    assert "9.0.0" in message


def test_a_text_file_named_xlsx_is_refused(tmp_path: Path):
    path = tmp_path / "catatan.xlsx"
    path.write_text("Kode;Nama SOP\nSOP-1;Pemantauan\n", encoding="utf-8")
    message = refusal(path)
    assert "Berkas catatan.xlsx: bukan berkas Excel .xlsx yang dapat dibaca" in message


def test_a_workbook_that_is_not_an_sop_is_refused(tmp_path: Path):
    path = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Anggaran"
    wb.save(path)
    assert "bukan berkas SOP SAKIP (lembar tersembunyi '_format' tidak ada)" in refusal(path)


def test_a_file_missing_the_steps_sheet_is_refused(tmp_path: Path):
    path = tmp_path / "tanpa-langkah.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    del wb["Langkah"]
    wb.save(path)
    message = refusal(path)
    assert "Berkas tanpa-langkah.xlsx: lembar 'Langkah' tidak ada." in message
    assert "1 kesalahan" in message


def test_missing_columns_duplicate_keys_and_empty_required_cells_are_all_reported(tmp_path: Path):
    path = tmp_path / "kurang.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    steps, actors, identity = wb["Langkah"], wb["Pelaksana"], wb["Identitas"]
    steps.delete_cols(column_of(steps, "Jenis"))
    steps.cell(row=1, column=steps.max_column + 1, value="Waktu")  # a second 'Waktu' column
    actors.cell(row=4, column=column_of(actors, "Kunci"), value="sek")
    identity["B2"] = None  # Kode
    wb.save(path)
    message = refusal(path)
    assert "lembar 'Identitas', baris 2, kolom 'Isi': Kode wajib diisi." in message
    assert "lembar 'Pelaksana', baris 4, kolom 'Kunci': kunci 'sek' sudah dipakai di baris 3" in message
    assert "lembar 'Langkah', baris 1, kolom 'Jenis': kolom tidak ada" in message
    assert "lembar 'Langkah', baris 1, kolom 'Waktu': judul kolom ini ada lebih dari sekali" in message
    assert "4 kesalahan" in message


def test_a_process_step_with_a_branch_and_a_decision_without_return_are_refused(tmp_path: Path):
    path = tmp_path / "cabang.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Langkah"]
    ws.cell(row=2, column=column_of(ws, "Jika disetujui ke"), value=2)  # step 1 is a PROSES
    ws.cell(row=3, column=column_of(ws, "Jika dikembalikan ke")).value = None  # step 2 is a KEPUTUSAN
    ws.cell(row=4, column=column_of(ws, "Jenis"), value="SELESAI")
    ws.cell(row=5, column=column_of(ws, "Urutan"), value=7)
    wb.save(path)
    message = refusal(path)
    assert "baris 2, kolom 'Jika disetujui ke': hanya langkah KEPUTUSAN yang punya cabang" in message
    assert "baris 3, kolom 'Jika dikembalikan ke': langkah KEPUTUSAN wajib punya tujuan" in message
    assert "baris 4, kolom 'Jenis': jenis 'SELESAI' tidak dikenal" in message
    assert "baris 5, kolom 'Urutan': urutan 7 tidak sesuai; baris ini langkah ke-4" in message


# --- the workbook as a person sees it ---------------------------------------------------------------


def test_the_workbook_is_laid_out_for_a_person(tmp_path: Path):
    path = tmp_path / "uji.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Identitas", "Pelaksana", "Langkah"]
    assert wb["_format"].sheet_state == "hidden"
    assert wb["_format"]["B3"].value == sakip_desktop.__version__
    steps = wb["Langkah"]
    assert [c.value for c in steps[1]] == [
        "Urutan", "Nomor", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan", "Jenis",
        "Jika disetujui ke", "Jika dikembalikan ke", "Pelaksana disimpulkan", "Aksi program", "Jalur paralel",
    ]  # fmt: skip
    assert [c.value for c in wb["Pelaksana"][1]] == [
        "Kunci", "Judul kolom", "Peran", "Unit", "Jenis unit", "Petunjuk unit",
    ]  # fmt: skip
    for name in ("Identitas", "Pelaksana", "Langkah"):
        ws = wb[name]
        assert all(cell.font.bold for cell in ws[1]), name
        assert ws.freeze_panes is not None, name
    assert steps.cell(row=2, column=column_of(steps, "Kelengkapan")).value == "Surat\nData"
    assert steps.cell(row=2, column=column_of(steps, "Kegiatan")).alignment.wrap_text
    # Text columns are formatted as text, so Excel keeps "007" or "2.10" typed there as written.
    assert steps.cell(row=2, column=column_of(steps, "Nomor")).number_format == "@"
    assert steps.cell(row=2, column=column_of(steps, "Waktu")).number_format == "@"
    assert steps.column_dimensions["C"].width >= 40
    identity = {row[0].value: row[1].value for row in wb["Identitas"].iter_rows(min_row=2)}
    assert identity["Peran yang boleh memulai"] == "SEKRETARIS, STAF"
    assert identity["Dasar Hukum"] == "Peraturan Presiden nomor 29 Tahun 2014\nPermenPAN-RB nomor 53 Tahun 2014"
    lists = {str(dv.sqref): dv.formula1 for dv in steps.data_validations.dataValidation}
    assert lists["D2:D206"] == "'Pelaksana'!$A$2:$A$204"
    assert lists["I2:I206"] == '"PROSES,KEPUTUSAN"'
    role_list = wb["Pelaksana"].data_validations.dataValidation[0].formula1
    assert role_list == '"' + ",".join(r.value for r in Role) + '"'


def test_loading_the_module_does_not_load_openpyxl():
    code = "import sys, sakip_desktop.exchange.sop.write; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
