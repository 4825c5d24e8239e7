"""The LKj as Word: real headings and tables, read back with python-docx and opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from sakip_desktop.cli import main
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.ops.lkj.sections import save_section
from sakip_desktop.ops.org.auth import login
from sakip_desktop.storage.database import Database


def test_docx_has_headings_tables_and_saved_text(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN a saved Bab IV simpulan
    kasubag = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")
    save_section(demo_db, kasubag, 2025, "bab4.simpulan", "Kinerja tahun 2025 tergolong baik.")
    # WHEN the LKj is exported to Word
    out = write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=dt.date(2026, 2, 20))
    document = docx.Document(str(out))
    # THEN the chapters are Heading 1 and the sections Heading 2
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h1[:3] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN"]
    assert {"BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"} <= set(h1)
    assert "1.1 Latar Belakang" in h2 and "B. Realisasi Anggaran" in h2
    # AND the capaian table of S1 reads back with IK01's figures in Indonesian format
    capaian = next(t for t in document.tables if [c.text for c in t.rows[0].cells][4:6] == ["Realisasi", "Capaian"])
    first = [c.text for c in capaian.rows[1].cells]
    assert first[3:6] == ["69", "68,92", "99,88%"]  # s.d. TW III, as the FPK (issue #12, one year rule)
    # AND the saved text and the Camat's NIP are in it
    texts = [p.text for p in document.paragraphs]
    assert "Kinerja tahun 2025 tergolong baik." in texts
    assert any(t.startswith("NIP. ") for t in texts) and "Contoh, 20 Februari 2026" in texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_libreoffice_opens_the_docx_from_the_command_line(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the .docx written by `sakip report lkj --format docx`
    out = tmp_path / "lkj.docx"
    assert main(["report", "lkj", "--db", str(demo_db.path), "--year", "2025", "--out", str(out)]) == 0
    # WHEN LibreOffice converts it to PDF
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    # THEN a second reader made pages out of it with the chapter headings
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "lkj.pdf")).pages)
    assert "BAB III AKUNTABILITAS KINERJA" in text and "LAPORAN KINERJA" in text
