"""The filled LKE workbook (totals as formulas LibreOffice computes to the program's own) and the summary PDF for
the Inspektorat, signed by the Camat, through `sakip report lke`."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from sakip_desktop.cli import main
from sakip_desktop.ops.lke.assessment import AnswerInput, save_answer, save_assessment, sign
from sakip_desktop.ops.lke.score import rounded
from sakip_desktop.ops.lke.views import lke_view
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.register import list_documents
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 15)


def _prepared(db: Database) -> Decimal:
    tim = actor_for(db, "analis_kebijakan", DAY)
    save_assessment(db, tim, 2025, dpa_date=dt.date(2025, 1, 6))
    save_answer(db, tim, 2025, AnswerInput("3.c.1", "B", justification="Disposisi Camat"))
    return lke_view(db, 2025, today=DAY).score.total


@pytest.mark.sqlite_only(reason="runs `sakip report lke --db FILE` on the office file")
def test_the_filled_lke_opens_in_libreoffice_with_the_programs_totals(demo_db, tmp_path):
    # GIVEN the demo's assessment of 2025 and its projected total
    total = _prepared(demo_db)
    path = Path(demo_db.path)
    demo_db.close()
    out = tmp_path / "lke.xlsx"
    # WHEN the filled LKE is written as .xlsx
    assert main(["report", "lke", "--db", str(path), "--year", "2025", "--date", "2025-10-15", "--format", "xlsx",
                 "--out", str(out)]) == 0  # fmt: skip
    # THEN it has the template's layout, numbers as numbers and formulas for the scores
    ws = openpyxl.load_workbook(out)["LKE"]
    assert [c.value for c in ws[5]][:5] == ["Kode", "Uraian", "Bobot", "Jenis jawaban", "Bukti dukung yang diminta"]
    row = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "3.c.1")
    assert row[5].value == "B" and row[6].value == 70 and str(row[7].value).startswith("=IF(")
    # AND LibreOffice, re-saving it, computes every total as the program does
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = openpyxl.load_workbook(tmp_path / "lo-out" / "lke.xlsx", data_only=True)["LKE"]
    rows = {r[1].value if r[0].value is None else r[0].value: r for r in saved.iter_rows(min_row=6)}
    assert round(Decimal(str(rows["Nilai akhir"][7].value)), 2) == rounded(total) == Decimal("37.71")
    db = Database.open(path)
    view = lke_view(db, 2025, today=DAY)
    for part in (*view.score.components, *view.score.subcomponents):
        assert round(Decimal(str(rows[part.code][7].value)), 6) == round(part.score, 6), part.code
    assert rows["Predikat"][5].value == view.score.band.code == "C"
    db.close()


@pytest.mark.sqlite_only(reason="runs `sakip report lke --db FILE` on the office file")
def test_the_summary_pdf_is_signed_by_the_camat_and_drafts_until_he_signs(demo_db, tmp_path):
    _prepared(demo_db)
    path = Path(demo_db.path)
    (tmp_path / "pw").write_text("camat123\n")
    out = tmp_path / "lke.pdf"
    args = ["report", "lke", "--db", str(path), "--year", "2025", "--date", "2025-10-15", "--as", "camat",
            "--password-file", str(tmp_path / "pw"), "--out", str(out)]  # fmt: skip
    demo_db.close()
    assert main(args) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "RINGKASAN PENILAIAN MANDIRI" in text and "37,71 dari 100" in text and "C (Kurang)" in text
    assert "Ardiansyah Nugroho" in text and "DRAF: penilaian mandiri belum ditandatangani Camat" in text
    assert "Kriteria yang paling menaikkan nilai" in text and "4.c.1" in text
    # WHEN the Camat signs it in the program THEN the summary prints without DRAF and is in the register
    db = Database.open(path)
    sign(db, actor_for(db, "camat", DAY), 2025)
    assert [d.kind for d in list_documents(db, 2025)] == ["lke"]
    db.close()
    assert main(args) == 0
    assert "DRAF" not in "\n".join(p.extract_text() for p in PdfReader(out).pages)
