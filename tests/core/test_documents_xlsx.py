"""The .xlsx export of every document's tables: one sheet per table, the PDF's headers and numbers, as numbers."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip_desktop.cli import main as cli_main
from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.tables_xlsx import export_tables, number_cell, write_tables_xlsx
from sakip_desktop.domain import formats
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.agreements.views import get_agreement, list_agreements
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.ops.lkj.sections import lkj_view
from sakip_desktop.ops.measurement.capaian import measure, office_summary
from sakip_desktop.ops.monitoring.evaluation_views import meeting_detail
from sakip_desktop.ops.register import list_documents
from sakip_desktop.storage.database import Database
from tests.core.documents_fixtures import make_meeting

DAY = dt.date(2025, 10, 10)
CENT = Decimal("0.01")


def _book(db: Database, request: DocRequest):
    data, _tables = export_tables(db, request)
    return load_workbook(io.BytesIO(data))


def _pdf_text(db: Database, request: DocRequest) -> str:
    pdf, _ = catalog.preview(db, request)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _row_of(ws, column: int, text: str, first: int = 5) -> int:
    for r in range(first, ws.max_row + 1):
        if text in str(ws.cell(row=r, column=column).value or ""):
            return r
    raise AssertionError(f"{text!r} not in column {column} of {ws.title}")


def test_number_cell_reads_indonesian_numbers_only() -> None:
    # GIVEN printed cells WHEN read THEN numbers come back with a matching format, other text is left alone
    assert number_cell("1.485.650.000") == (1485650000, "#,##0")
    assert number_cell("92,86") == (Decimal("92.86"), "#,##0.00")
    assert number_cell("2,5") == (Decimal("2.5"), "#,##0.0")
    assert number_cell("87,50%") == (Decimal("87.50"), '#,##0.00"%"')
    assert number_cell("-3,00") == (Decimal("-3.00"), "#,##0.00")
    for text in ("-", "Baik", "80 – 90", "1.01", "7.01.01", "", None, "BB"):
        assert number_cell(text) is None


def test_pengukuran_tw3_capaian_of_ik08_as_printed(demo_db: Database) -> None:
    # GIVEN the FPK of TW III of the demo office (IK08 is a negative indicator of the Seksi Trantib)
    request = DocRequest(kind="pengukuran", year=2025, quarter=3, day=DAY)
    rows = measure(demo_db, 2025, 3)
    ik08 = next(r for r in rows if r.info.code == "IK08")
    # WHEN its tables are exported
    wb = _book(demo_db, request)
    # THEN one sheet per printed table, with the caption, the office and period, and the PDF's headers
    # (C: the per-desa breakdown of the demo's indicator over desa, IK05; desa helper, issue 15 §3)
    assert wb.sheetnames == ["A Capaian Kinerja", "B Realisasi Anggaran", "C Rincian Desa"]
    ws = wb["A Capaian Kinerja"]
    assert ws["A1"].value == "A. Capaian Kinerja Sasaran"
    assert ws["A2"].value == "Kecamatan Contoh – Triwulan III Tahun 2025"
    headers = [c.value for c in ws[4]]
    assert headers == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target Tahunan",
        "Target s.d. TW III",
        "Realisasi s.d. TW III",
        "Capaian s.d. TW III (%)",
        "Kategori",  # (issue #12 §3: the band beside the capaian it grades; the progress is not graded)
        "Progres thd Target Tahunan (%)",
    ]
    assert ws.freeze_panes == "A5" and ws.column_dimensions["C"].width == 46
    # AND IK08's capaian is a number holding the figure shown, with a two-decimal format, as the PDF prints it
    r = _row_of(ws, 3, ik08.info.name)
    cell = ws.cell(row=r, column=8)
    expected = ik08.scale.shown(ik08.achievement_to_date).quantize(CENT, rounding=ROUND_HALF_UP)
    assert cell.data_type == "n" and Decimal(str(cell.value)) == expected and cell.number_format == "#,##0.00"
    actual = ws.cell(row=r, column=7)
    assert actual.data_type == "n" and Decimal(str(actual.value)) == ik08.actual_to_date
    # (the PDF prints the capaian to date and against the year side by side: the same two figures)
    pdf = _pdf_text(demo_db, request)
    both = [formats.number(Decimal(str(ws.cell(row=r, column=c).value)), 2) for c in (8, 10)]
    assert f"{both[0]} {ws.cell(row=r, column=9).value} {both[1]}" in pdf
    # AND the last row is the mean capaian of the office, bold, under the capaian column
    last = _row_of(ws, 1, "Rata-rata capaian kinerja")  # (the notes under the table follow it)
    mean = ws.cell(row=last, column=8)
    assert ws.cell(row=last, column=1).value == "Rata-rata capaian kinerja" and mean.font.bold
    assert formats.number(Decimal(str(mean.value)), 2) == formats.number(office_summary(rows).achievement, 2)
    # AND the budget table ends with the Jumlah, its rupiah whole numbers
    wsb = wb["B Realisasi Anggaran"]
    jumlah = _row_of(wsb, 1, "Jumlah")  # (the efisiensi formula and other notes follow it)
    ceiling = wsb.cell(row=jumlah, column=4)  # (issue #12 §3: after No, Program and Sasaran)
    assert isinstance(ceiling.value, int) and ceiling.number_format == "#,##0"
    assert f"Jumlah {formats.number(ceiling.value, 0)}" in pdf


def test_pk_lampiran_tables(demo_db: Database) -> None:
    # GIVEN the office's PK of 2025
    pk_id = next(a.agreement_id for a in list_agreements(demo_db, 2025) if a.unit_id is None)
    detail = get_agreement(demo_db, pk_id)
    # WHEN its tables are exported
    wb = _book(demo_db, DocRequest(kind="pk", agreement_id=pk_id))
    # THEN table 1 lists every target line and table 2 ends with the Jumlah as a number
    assert wb.sheetnames == ["Tabel 1", "Tabel 2"]
    t1, t2 = wb["Tabel 1"], wb["Tabel 2"]
    assert [c.value for c in t1[4]] == ["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"]
    assert t1.max_row - 4 == len(detail.targets)
    assert t1["A2"].value.endswith(detail.scope)
    assert [c.value for c in t2[4]] == ["No", "Program", "Anggaran (Rp)", "Keterangan"]
    assert t2.cell(row=t2.max_row, column=3).value == detail.budget_total
    assert t2.cell(row=5, column=3).value == detail.budget[0].amount


def test_triwulan_two_header_rows_and_quarters(demo_db: Database) -> None:
    # GIVEN the quarterly report of TW III
    rows = measure(demo_db, 2025, 3)
    ik08 = next(r for r in rows if r.info.code == "IK08")
    # WHEN exported
    wb = _book(demo_db, DocRequest(kind="triwulan", year=2025, quarter=3, day=DAY))
    ws = wb["A Capaian Kinerja"]
    # THEN two header rows, "Target" and "Realisasi" spanning TW I–IV, the frozen pane below them
    assert ws["F4"].value == "Target" and ws["J4"].value == "Realisasi"
    assert [ws.cell(row=5, column=c).value for c in range(10, 14)] == ["TW I", "TW II", "TW III", "TW IV"]
    assert {"F4:I4", "J4:M4", "A4:A5"} <= {str(m) for m in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A6"
    # AND IK08's TW III realisasi is a number and TW IV (not yet reported) is empty
    r = _row_of(ws, 3, ik08.info.name, first=6)
    assert Decimal(str(ws.cell(row=r, column=12).value)) == ik08.actual
    assert ws.cell(row=r, column=13).value is None
    wsb = wb["B Realisasi Anggaran"]
    assert wsb.cell(row=wsb.max_row, column=1).value == "Jumlah"
    assert wsb.cell(row=wsb.max_row, column=9).number_format == "#,##0.00"


def test_berita_acara_pembahasan_tindak_lanjut_daftar_hadir(demo_db: Database) -> None:
    # GIVEN an evaluation meeting with nine participants (one absent) and three indicators discussed
    meeting = make_meeting(demo_db)
    detail = meeting_detail(demo_db, meeting)
    # WHEN its tables are exported
    wb = _book(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting))
    # THEN three sheets as printed
    assert wb.sheetnames == ["3 Pembahasan", "5 Tindak Lanjut", "Daftar Hadir"]
    assert wb["3 Pembahasan"].max_row - 4 == len(detail.discussions)
    assert wb["5 Tindak Lanjut"].cell(row=5, column=4).value == "30 September 2025"
    hadir = wb["Daftar Hadir"]
    assert [c.value for c in hadir[4]] == ["No", "Nama", "Jabatan / Instansi", "Tanda Tangan", "Keterangan"]
    assert hadir.max_row - 4 == len(detail.participants) == 9
    assert [hadir.cell(row=r, column=5).value for r in range(5, 14)].count("Tidak hadir") == 1


def test_lkj_every_table_and_the_ringkasan(demo_db: Database) -> None:
    # GIVEN the LKj of 2025
    view = lkj_view(demo_db, 2025)
    # WHEN its tables are exported
    wb = _book(demo_db, DocRequest(kind="lkj", year=2025, day=DAY))
    # THEN the ringkasan, the PK tables, the tables of each sasaran, the realisasi anggaran and the FPK lampiran,
    # numbered as the PDF numbers them (issue #12 §4: Tabel 1, 2, 3, … without gaps)
    titles = {ws["A1"].value.split(". ", 1)[-1]: ws for ws in wb.worksheets}
    n = len(view.data.sasaran)
    assert wb.sheetnames == [f"Tabel {k}" for k in range(1, len(wb.sheetnames))] + ["Lampiran 2"]
    assert len(wb.sheetnames) >= 3 + 5 * n
    ringkasan = wb["Tabel 1"]
    assert ringkasan["A1"].value == "Tabel 1. Ringkasan Capaian Kinerja s.d. TW III 2025"  # a DRAF year (#12 §5)
    mean = ringkasan.cell(row=ringkasan.max_row, column=4)
    assert mean.number_format == '#,##0.00"%"'
    assert Decimal(str(mean.value)) == view.data.achievement.quantize(CENT, rounding=ROUND_HALF_UP)
    first = view.data.sasaran[0]
    s1 = titles["Capaian Indikator Kinerja Sasaran S1 s.d. TW III 2025"]
    assert s1.max_row - 4 == len(first.indicators) + 1
    anggaran = titles["Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan"]
    assert anggaran.cell(row=anggaran.max_row, column=3).value == view.data.budget.total.ceiling


def test_surat_pengantar_has_no_tables(demo_db: Database) -> None:
    # GIVEN a letter in the outgoing register
    letter = register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", "Laporan Kinerja 2025"))
    # WHEN its tables are asked for THEN the user is told there are none
    with pytest.raises(ValidationError, match="tidak memuat tabel"):
        export_tables(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_cli_writes_xlsx_not_recorded_and_libreoffice_reads_it(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo office on disk
    out = tmp_path / "fpk.xlsx"
    rows = measure(demo_db, 2025, 3)
    ik08 = next(r for r in rows if r.info.code == "IK08")
    path = demo_db.path
    demo_db.close()
    # WHEN `sakip report pengukuran --format xlsx` is run
    code = cli_main(
        [
            "report",
            "pengukuran",
            "--db",
            str(path),
            "--year",
            "2025",
            "--tw",
            "3",
            "--date",
            "2025-10-10",
            "--format",
            "xlsx",
            "--out",
            str(out),
        ]
    )
    # THEN the file is there and nothing went into the document register
    assert code == 0 and out.exists()
    db = Database.open(path)
    try:
        assert list_documents(db) == []
    finally:
        db.close()
    # AND LibreOffice, a second reader, reads the first sheet with IK08's capaian
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    csv = (tmp_path / "fpk.csv").read_text(encoding="utf-8", errors="replace")
    line = next(x for x in csv.splitlines() if ik08.info.name in x)
    shown = ik08.scale.shown(ik08.achievement_to_date).quantize(CENT, rounding=ROUND_HALF_UP)
    assert f"{shown:.2f}" in line or formats.number(shown, 2) in line
    assert "A. Capaian Kinerja Sasaran" in csv.splitlines()[0]


def test_write_is_atomic_and_leaves_no_temporary_file(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN an export written to a folder WHEN written twice THEN only the one file is there, readable
    target = tmp_path / "out" / "pk.xlsx"
    write_tables_xlsx(demo_db, DocRequest(kind="pk", year=2025), target)
    write_tables_xlsx(demo_db, DocRequest(kind="pk", year=2025), target)
    assert [p.name for p in target.parent.iterdir()] == ["pk.xlsx"]
    assert load_workbook(target).sheetnames == ["Tabel 1", "Tabel 2"]
