"""A quarter's documents are final only when every realisasi of the quarter is approved (issue 12 §1; found by
the tester of session 6: the TW III Laporan Triwulan and FPK went into the kabupaten pack without any DRAF while
none of its realisasi was approved)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest


def _printed(db, kind: str, quarter: int) -> str:
    pdf = catalog.preview(db, DocRequest(kind=kind, year=2025, quarter=quarter))[0]
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("kind", ["triwulan", "pengukuran"])
def test_a_quarter_with_unapproved_realisasi_prints_as_draf(demo_db, kind):
    # GIVEN the demo office, whose TW III 2025 realisasi are submitted or verified but not approved
    text = _printed(demo_db, kind, 3)
    # THEN the title says DRAF, every page's footer says DRAF, and a note says why
    assert "TRIWULAN III TAHUN 2025 (DRAF)" in text
    pages = text.count("Halaman ")
    assert pages >= 1 and text.count("DRAF · ") >= pages
    assert "belum disetujui Camat atau belum diisi" in text


@pytest.mark.parametrize("kind", ["triwulan", "pengukuran"])
def test_an_approved_quarter_prints_as_final(demo_db, kind):
    # GIVEN TW II 2025, every realisasi of it approved by the Camat
    text = _printed(demo_db, kind, 2)
    # THEN nothing on its pages says DRAF
    assert "TRIWULAN II TAHUN 2025" in text and "DRAF" not in text
