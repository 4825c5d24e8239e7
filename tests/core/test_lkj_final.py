"""Issue #12 §1: nothing unfinished is printed as final (the LKj and the document footers).

Each test reads the printed text of a real PDF of the demo office (pypdf) or of the Word LKj (python-docx).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.documents.lkj.output import render_lkj
from sakip_desktop.ops.agreements.views import list_agreements
from sakip_desktop.ops.lkj.sections import LkjUnfinished, lkj_view, mark_signed, save_section
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.register import list_documents
from sakip_desktop.storage.database import Database
from tests._lkj_ready import finish_lkj

DRAFTING_AIDS = (
    "Catatan penyusun",
    "perlu diperiksa kembali sebelum ditandatangani",
    "tuliskan pembandingnya",
    "standar pelayanan minimal",
    "belum tercatat dalam program",
    "Belum ada uraian faktor pendukung/penghambat",
    "tuliskan langkah perbaikan",
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_pages(path: Path | bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    return [_flat(page.extract_text()) for page in reader.pages]


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    footer = [p.text for s in document.sections for p in s.footer.paragraphs]
    return _flat("\n".join(body + cells + footer))


def test_the_lkj_prints_no_drafting_aids_in_pdf_or_word(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo office's 2025 (TW IV empty, no section written, no cause for S2, no national standard)
    # WHEN the LKj is printed to PDF and exported to Word
    render_lkj(demo_db, 2025, tmp_path / "lkj.pdf", day=dt.date(2026, 2, 20))
    write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=dt.date(2026, 2, 20))
    pdf = " ".join(_pdf_pages(tmp_path / "lkj.pdf"))
    word = _docx_text(tmp_path / "lkj.docx")
    # THEN neither carries an instruction or a gap meant for the writer
    for aid in DRAFTING_AIDS:
        assert aid.lower() not in pdf.lower(), aid
        assert aid.lower() not in word.lower(), aid
    # AND the analysis with nothing to say (no national standard entered) is left out, not printed empty
    assert "Perbandingan dengan standar nasional" not in pdf
    # AND the gaps are still known: the editor's notes name them
    view = lkj_view(demo_db, 2025)
    notes = " ".join(n for s in view.sections for n in s.notes)
    assert "Belum ada uraian faktor pendukung/penghambat" in notes and "standar pelayanan minimal" in notes


def test_an_unfinished_lkj_prints_draf_and_a_finished_one_does_not(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo's 2025: no section reviewed, TW IV not approved
    render_lkj(demo_db, 2025, tmp_path / "draf.pdf")
    write_lkj_docx(demo_db, 2025, tmp_path / "draf.docx")
    # THEN every numbered page says DRAF (watermark and footer), and so does the Word footer
    pages = _pdf_pages(tmp_path / "draf.pdf")
    assert all("DRAF" in page for page in pages[1:])
    assert "DRAF · Kecamatan" in pages[2] or "DRAF ·" in pages[2]
    assert "DRAF" in _docx_text(tmp_path / "draf.docx")
    # WHEN every TW IV is approved and every section saved by a person
    finish_lkj(demo_db, 2025)
    assert lkj_view(demo_db, 2025).is_final
    render_lkj(demo_db, 2025, tmp_path / "final.pdf")
    write_lkj_docx(demo_db, 2025, tmp_path / "final.docx")
    # THEN the paper no longer says DRAF
    assert not any(re.search(r"\bDRAF\b", page) for page in _pdf_pages(tmp_path / "final.pdf"))
    assert "DRAF" not in _docx_text(tmp_path / "final.docx")


def test_marking_an_unfinished_lkj_signed_is_refused_with_the_list(demo_db: Database) -> None:
    camat = login(demo_db, "camat", "camat123")
    # WHEN the Camat marks the demo's unfinished 2025 LKj signed
    with pytest.raises(LkjUnfinished) as refused:
        mark_signed(demo_db, camat, 2025, dt.date(2026, 2, 20))
    # THEN it is refused, naming unreviewed sections and the indicators whose TW IV is not approved
    message = str(refused.value)
    assert "belum dapat ditandai sudah ditandatangani" in message
    assert "Bagian belum ditinjau dan disimpan: Pendahuluan — Kata Pengantar" in message
    assert "Realisasi TW IV belum disetujui Camat: Indeks Kepuasan Masyarakat" in message
    assert len(refused.value.missing) == 46 + 12
    assert lkj_view(demo_db, 2025).signed is None
    # AND a section with nothing to report (empty draft) is reviewed by saving it empty: it stays empty on paper
    kasubag = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")
    a4 = next(s for s in lkj_view(demo_db, 2025).sections if s.key.endswith(".a4"))
    assert save_section(demo_db, kasubag, 2025, a4.key, "").is_saved
    view = lkj_view(demo_db, 2025)
    assert view.section(a4.key).is_saved and view.text(a4.key) == "" and len(view.missing) == 46 + 12 - 1
    # AND once finished the same step is accepted
    finish_lkj(demo_db, 2025)
    assert mark_signed(demo_db, camat, 2025, dt.date(2026, 2, 20)).signed_on == dt.date(2026, 2, 20)


def test_footers_carry_no_internal_code_unless_the_office_asks(demo_db: Database, tmp_path: Path) -> None:
    admin = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")  # also the office's administrator
    # GIVEN the Seksi Trantib's PK Perubahan (PK version 2) and the LKj
    trantib = next(a for a in list_agreements(demo_db, 2025) if a.unit_id is not None and "Ketenteraman" in a.scope)
    request = DocRequest(kind="pk", year=2025, unit_id=trantib.unit_id)
    pk_pages = _pdf_pages(catalog.generate(demo_db, admin, request).pdf)
    render_lkj(demo_db, 2025, tmp_path / "lkj.pdf")
    lkj_pages = _pdf_pages(tmp_path / "lkj.pdf")
    # THEN no page says "Versi n · Data xxxxxxxx" (a register code; "Versi 1" even on PK version 2)
    for page in pk_pages + lkj_pages:
        assert not re.search(r"Versi \d+ · Data [0-9a-f]{8}", page), page[-200:]
        assert "Kode dokumen" not in page
    # AND the PK Perubahan's footer title is whole, not cut with "…"
    assert all("…" not in page[-160:] for page in pk_pages)
    assert all("Perjanjian Kinerja Perubahan" in page for page in pk_pages)
    # AND the register still holds the code
    record = list_documents(demo_db, 2025, "pk")[0]
    assert re.fullmatch(r"[0-9a-f]{8}", record.short_hash)
    # WHEN the office asks for the code on paper
    update_settings(demo_db, admin, replace(get_settings(demo_db), print_document_code=True))
    pk_pages = _pdf_pages(catalog.preview(demo_db, request)[0])
    # THEN it prints as a small "Kode dokumen", without the word "Versi"
    assert all(f"Kode dokumen {record.short_hash}" in page for page in pk_pages)
    assert not any("Versi" in page for page in pk_pages)
