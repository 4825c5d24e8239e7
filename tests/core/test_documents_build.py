"""Each official document built from the demo office: headings, Indonesian numbers, signatures, paper."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.domain import formats
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.agreements.views import get_agreement, list_agreements
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.ops.measurement.budget import budget_measurement
from sakip_desktop.ops.measurement.capaian import measure
from sakip_desktop.ops.org.signers import office_signer
from sakip_desktop.storage.database import Database
from tests.core.documents_fixtures import make_meeting, make_pk

SIGN_DAY = dt.date(2025, 10, 10)


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _grouped(nip: str) -> str:
    return f"NIP. {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def test_pk_statement_lampiran_and_two_party_signatures(demo_db: Database) -> None:
    # GIVEN the demo office's final PK for 2025 (Camat with the Bupati)
    pk_id = next(a.agreement_id for a in list_agreements(demo_db, 2025) if a.unit_id is None)
    detail = get_agreement(demo_db, pk_id)
    # WHEN the PK is printed
    pdf, _pages = catalog.preview(demo_db, DocRequest(kind="pk", year=2025))
    reader, text = _text(pdf)
    flat = _flat(text)
    # THEN: kop, title, statement with both parties, both lampiran tables with the Jumlah, signatures twice
    assert "PEMERINTAH KABUPATEN CONTOH" in reader.pages[0].extract_text()
    assert "PERJANJIAN KINERJA TAHUN 2025" in text
    assert "selanjutnya disebut pihak pertama" in flat and "selanjutnya disebut pihak kedua" in flat
    assert "Sasaran" in text and "Indikator Kinerja" in text and "Anggaran (Rp)" in text
    assert detail.targets[0].indicator.split()[0] in text
    assert f"Jumlah {formats.number(detail.budget_total, 0)}" in flat
    assert flat.count("PIHAK KEDUA,") == 2 and flat.count("PIHAK PERTAMA,") == 2
    assert flat.count(_grouped(detail.first_party.nip)) == 2
    assert detail.signed_on is not None
    assert formats.place_date(detail.place, detail.signed_on) in flat


def test_pk_perubahan_of_a_unit_and_no_pk_yet(demo_db: Database) -> None:
    # GIVEN no PK for 2030 THEN asking for one says so
    with pytest.raises(NotFound, match="Belum ada Perjanjian Kinerja"):
        catalog.preview(demo_db, DocRequest(kind="pk", year=2030))
    # GIVEN the Seksi Trantib's PK, revised in July (PK Perubahan)
    trantib = next(a for a in list_agreements(demo_db, 2025) if a.unit_id is not None and "Ketenteraman" in a.scope)
    # WHEN the unit's PK is printed THEN it is the revision, the Camat is pihak kedua and table 2 lists sub kegiatan
    _, text = _text(catalog.preview(demo_db, DocRequest(kind="pk", year=2025, unit_id=trantib.unit_id))[0])
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025" in text
    assert "CAMAT CONTOH," in text and "Kegiatan / Sub Kegiatan" in text
    # AND a draft PK is marked DRAF in the footer
    draft = make_pk(demo_db, 2025, trantib.unit_id, status="DRAFT")
    _, text = _text(catalog.preview(demo_db, DocRequest(kind="pk", agreement_id=draft))[0])
    assert "DRAF ·" in text


@pytest.mark.parametrize("quarter", [3, None])
def test_pengukuran_numbers_in_indonesian_format(demo_db: Database, quarter: int | None) -> None:
    # GIVEN the demo measurement of TW III (or the year)
    rows = measure(demo_db, 2025, quarter or 4)
    first = rows[0]
    capaian = first.achievement_to_date if quarter else first.achievement_year
    # WHEN the FPK is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="pengukuran", year=2025, quarter=quarter, day=SIGN_DAY))
    _, text = _text(pdf)
    flat = _flat(text)
    # THEN the heading, a capaian with a decimal comma, the office mean and the Camat's signature are there
    assert "FORMULIR PENGUKURAN KINERJA" in text
    assert ("TRIWULAN III TAHUN 2025" if quarter else "TAHUN 2025") in text
    assert formats.number(first.scale.shown(capaian), 2) in flat
    assert "," in formats.number(first.scale.shown(capaian), 2)
    assert "Rata-rata capaian kinerja" in flat
    camat = office_signer(demo_db, SIGN_DAY)
    assert "Contoh, 10 Oktober 2025" in flat and _grouped(camat.nip) in flat


def test_triwulan_targets_realisasi_budget_and_narratives(demo_db: Database) -> None:
    # GIVEN TW II of the demo year (approved realisasi with narratives)
    budget = budget_measurement(demo_db, 2025, 2)
    # WHEN the quarterly report is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="triwulan", year=2025, quarter=2, day=SIGN_DAY))
    _, text = _text(pdf)
    flat = _flat(text)
    # THEN both tables, the budget total in Indonesian thousands, and the three narrative sections appear
    assert "LAPORAN KINERJA TRIWULAN" in text and "TRIWULAN II TAHUN 2025" in text
    # (issue #12 §3: one row builder with the FPK, whose column is "Realisasi s.d. TW n")
    assert "Realisasi s.d. TW II" in flat and "Realisasi Anggaran per Triwulan" in flat
    assert formats.number(budget.total.ceiling, 0) in flat and "." in formats.number(budget.total.ceiling, 0)
    assert "Faktor Pendukung" in flat and "Faktor Penghambat" in flat and "Tindak Lanjut" in flat
    assert "Tidak ada catatan" not in flat.split("Faktor Pendukung")[1][:60]
    assert "CAMAT CONTOH," in flat


@pytest.mark.parametrize("kind", ["triwulan", "pengukuran"])
def test_a_revised_approved_value_is_shown_under_the_table(demo_db: Database, kind: str) -> None:
    from decimal import Decimal

    from sakip_desktop.ops.org.auth import actor_for
    from sakip_desktop.ops.realisation.review import revise
    from sakip_desktop.ops.realisation.views import quarter_entries

    # GIVEN IK04's approved TW II value (6) revised to 7 by the Camat on 21 Oktober 2025 (10.00 WIB)
    ik04 = next(e for e in quarter_entries(demo_db, 2025, 2) if e.code == "IK04")
    revise(demo_db, actor_for(demo_db, "camat", SIGN_DAY), ik04.realisation_id, Decimal(7),
           "Satu pembinaan belum tercatat", clock=lambda: dt.datetime(2025, 10, 21, 3, 0))  # fmt: skip
    # WHEN the report of TW III is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind=kind, year=2025, quarter=3, day=SIGN_DAY))
    flat = _flat(_text(pdf)[1])
    # THEN the revision is listed with old and new value, date, who and why
    assert "Catatan revisi: nilai realisasi berikut diubah setelah disetujui Camat." in flat
    assert "IK04" in flat and "TW II: 6 menjadi 7, direvisi 21 Oktober 2025 oleh" in flat
    assert "alasan: Satu pembinaan belum tercatat." in flat
    # AND a report of TW I, before the revised quarter, does not list it
    pdf, _ = catalog.preview(demo_db, DocRequest(kind=kind, year=2025, quarter=1, day=SIGN_DAY))
    assert "Catatan revisi" not in _flat(_text(pdf)[1])


def test_berita_acara_with_attendance_list(demo_db: Database) -> None:
    # GIVEN a final evaluation meeting of TW II with participants, discussions and follow-ups
    meeting = make_meeting(demo_db)
    # WHEN its berita acara is printed
    pdf, pages = catalog.preview(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting))
    _, text = _text(pdf)
    flat = _flat(text)
    # THEN the day and date, the sections, the follow-up's due date, both signatures and the daftar hadir
    assert "BERITA ACARA" in text and "EVALUASI KINERJA TRIWULAN II 2025" in text
    assert "Pada hari ini Kamis tanggal 10 Juli 2025" in flat
    for heading in ("1. Dasar", "2. Peserta", "3. Pembahasan", "4. Permasalahan", "5. Tindak Lanjut", "6. Kesimpulan"):
        assert heading in flat
    assert "30 September 2025" in flat
    assert "Notulis," in flat and "Pimpinan Rapat," in flat and "NIP. " in flat
    assert "DAFTAR HADIR" in text and "Tanda Tangan" in flat and "Tidak hadir" in flat
    assert pages >= 2


def test_surat_pengantar_numbers_from_the_register(demo_db: Database) -> None:
    # GIVEN a letter registered to the Bupati
    letter = register_letter(
        demo_db,
        SYSTEM,
        LetterInput(dt.date(2025, 10, 14), "Bupati Contoh", "Penyampaian Laporan Kinerja Triwulan III Tahun 2025"),
    )
    # WHEN the cover letter is printed
    _, text = _text(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    flat = _flat(text)
    # THEN it carries the agenda number (in the demo office's format; its berita acara took number 1, its surat
    # pengantar number 2), the date, the addressee and the Camat's signature
    assert "Nomor : 000.8/003/35.99.01/2025" in flat
    assert "Contoh, 14 Oktober 2025" in flat and "Yth. Bupati Contoh" in flat
    assert "sampaikan Laporan Kinerja Triwulan III" in flat
    assert _grouped(office_signer(demo_db, dt.date(2025, 10, 14)).nip) in flat


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_every_document_on_both_papers(demo_db: Database, paper: str) -> None:
    # GIVEN one subject of every kind
    meeting = make_meeting(demo_db)
    letter = register_letter(demo_db, SYSTEM, LetterInput(dt.date(2025, 10, 14), "Inspektur", "Laporan"))
    requests = [
        DocRequest(kind="pk", year=2025, paper=paper),
        DocRequest(kind="pengukuran", year=2025, quarter=3, paper=paper, day=SIGN_DAY),
        DocRequest(kind="triwulan", year=2025, quarter=3, paper=paper, day=SIGN_DAY),
        DocRequest(kind="berita-acara", meeting_id=meeting, paper=paper),
        DocRequest(kind="surat-pengantar", letter_id=letter.id, paper=paper),
    ]
    short, long_ = (210, 297) if paper == "A4" else (215, 330)
    for request in requests:
        # WHEN it is printed THEN every page has the paper's size (in either orientation)
        reader, _ = _text(catalog.preview(demo_db, request)[0])
        for page in reader.pages:
            size = sorted((round(float(page.mediabox.width) / mm), round(float(page.mediabox.height) / mm)))
            assert size == [short, long_], (request.kind, size)
