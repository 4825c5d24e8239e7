"""The per-desa breakdown of an indicator over desa in the printed documents (issue 15 §3): the FPK's section C
(PDF and .xlsx) and the LKj's Bab III (PDF, .docx and .xlsx), read from the real files (pypdf, openpyxl,
python-docx) of the demo office, whose IK05 is counted over its 14 desa."""

from __future__ import annotations

import datetime as dt
import io

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.documents.tables_xlsx import export_tables
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 15)
SHORT = "Kalisongo (Laporan realisasi APBDes semester belum disampaikan)"


def _pdf_text(db: Database, request: DocRequest) -> str:
    pdf, _ = catalog.preview(db, request)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_fpk_shows_which_desa_met_ik05_and_which_did_not(demo_db):
    # GIVEN the demo's TW III: 12 of 14 desa met IK05's criterion, Kalisongo and Gunungsari did not
    request = DocRequest(kind="pengukuran", year=2025, quarter=3, day=DAY)
    # WHEN the FPK is printed THEN its section C names them, with the notes and the fraction
    text = _pdf_text(demo_db, request)
    assert "C. Rincian Indikator atas Desa" in text
    assert "Desa yang Memenuhi dan Belum Memenuhi Kriteria TW III 2025" in text
    assert "12 desa: Karangrejo, Sumberagung, Tegalsari" in text
    assert f"2 desa: {SHORT}, Gunungsari (Buku administrasi pembangunan belum dimutakhirkan sejak 2024)" in text
    assert "12 dari 14 desa (85,71%)" in text
    assert "Kriteria IK05: Buku administrasi umum" in text
    # AND its .xlsx has the same table on its own sheet
    data, _tables = export_tables(demo_db, request)
    ws = load_workbook(io.BytesIO(data))["C Rincian Desa"]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(v.startswith("12 desa: Karangrejo") for v in values)
    assert any(v.startswith(f"2 desa: {SHORT}") for v in values)
    assert "12 dari 14 desa (85,71%)" in values


def test_the_lkj_prints_the_per_desa_table_in_pdf_word_and_xlsx(demo_db, tmp_path):
    request = DocRequest(kind="lkj", year=2025, day=DAY)
    # WHEN the LKj is printed THEN Bab III lists every desa of IK05 with Ya/Tidak, the note and the total
    text = _pdf_text(demo_db, request)
    assert "Capaian per Desa IK05 TW III 2025" in text
    assert "35.07.19.2010 Kalisongo Tidak Laporan realisasi APBDes semester belum disampaikan." in text
    assert "35.07.19.2011 Sukorejo Ya" in text
    assert "Jumlah memenuhi kriteria 12 dari 14 Realisasi 85,71%" in text
    # AND the Word file carries the same table
    document = docx.Document(str(write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=DAY)))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    desa = next(t for t in tables if t[0][:4] == ["No", "Kode Desa", "Desa/Kelurahan", "Memenuhi Kriteria"])
    assert desa[11][:4] == ["11", "35.07.19.2010", "Kalisongo", "Tidak"]
    assert len(desa) == 1 + 14 + 1
    # AND the .xlsx export has it as one of its tables
    data, _tables = export_tables(demo_db, request)
    book = load_workbook(io.BytesIO(data))
    found = [ws for ws in book.worksheets if "Capaian per Desa IK05" in str(ws["A1"].value)]
    assert len(found) == 1
