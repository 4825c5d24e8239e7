"""What a Sekretaris Kecamatan checks before the Camat signs: no signature alone on a page, no orphan
heading, the footer keeps the data fingerprint, no internal codes or register notes in the printed text."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.ops.agreements_views import list_agreements
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.storage.database import Database

SIGN_DAY = dt.date(2025, 10, 10)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_signature_pages_carry_the_last_section(demo_db: Database) -> None:
    # GIVEN the demo office's TW III figures (A4 landscape leaves little room under the indicator table)
    for kind, last_heading in (("pengukuran", "B. Realisasi Anggaran Program"),
                               ("triwulan", "Persentase usulan Musrenbang Kecamatan")):
        # WHEN the form is printed on A4
        pdf, _ = catalog.preview(demo_db, DocRequest(kind=kind, year=2025, quarter=3, paper="A4", day=SIGN_DAY))
        pages = _pages(pdf)
        # THEN the page the Camat signs also carries the end of the document's content, not only the signature
        signed = [p for p in pages if "CAMAT CONTOH," in p]
        assert len(signed) == 1, kind
        assert last_heading in signed[0], (kind, signed[0][:200])


def test_footer_keeps_version_and_data_fingerprint_when_the_title_is_long(demo_db: Database) -> None:
    # GIVEN the Seksi Trantib's PK Perubahan, whose title is too long for the footer
    unit = next(a.unit_id for a in list_agreements(demo_db, 2025) if a.unit_id and "Ketenteraman" in a.scope)
    # WHEN it is generated (and recorded) for printing
    result = catalog.generate(demo_db, SYSTEM, DocRequest(kind="pk", year=2025, unit_id=unit, paper="A4"))
    pages = _pages(result.pdf)
    # THEN every footer still ends with the version and the data fingerprint, the title is the part shortened
    for text in pages:
        assert f"Versi {result.record.version} · Data {result.record.short_hash}" in text
    assert "…" in pages[0]


def test_berita_acara_absent_participant_has_no_signing_line(demo_db: Database) -> None:
    # GIVEN the demo's TW II evaluation meeting, where one invited participant was absent
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="berita-acara", meeting_id=1))
    attendance = _pages(pdf)[-1]
    # THEN the absent participant's row says "Tidak hadir" and has no numbered line to sign on
    assert "Tidak hadir" in attendance
    assert "3. ……" in attendance and "4. ……" not in attendance
    # AND the conclusion names the indicators, not the office's internal codes
    assert "(IK08)" not in " ".join(_pages(pdf))


def test_cover_letter_names_the_document_without_register_notes(demo_db: Database) -> None:
    # GIVEN a PK generated (so it is in the document register) and a letter sending it
    record = catalog.generate(demo_db, SYSTEM, DocRequest(kind="pk", year=2025)).record
    letter = register_letter(demo_db, SYSTEM, LetterInput(dt.date(2025, 2, 3), "Bupati Contoh",
                                                          "Penyampaian Perjanjian Kinerja Tahun 2025",
                                                          document_record_id=record.id))
    # WHEN the cover letter is printed
    (text,) = _pages(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    # THEN the body names the document once, without "(versi 1)" and without the office twice
    assert "Bersama ini kami sampaikan Perjanjian Kinerja Tahun 2025 – Kecamatan Contoh sebagaimana" in text
    assert "(versi" not in text


def test_lkj_draft_text_has_no_codes_or_doubled_punctuation(demo_db: Database) -> None:
    # GIVEN the demo year, whose TW IV is still empty
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="lkj", year=2025, paper="A4"))
    text = " ".join(_pages(pdf))
    # THEN the compiler's note counts the incomplete indicators instead of listing internal codes
    assert "Catatan penyusun: realisasi seluruh 12 indikator belum lengkap" in text
    assert "IK01" not in text
    # AND the Kasi's sentences joined into one line do not leave ".;" behind
    assert ".;" not in text
