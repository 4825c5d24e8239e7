"""Issue #12: the Laporan Triwulan and the berita acara grade no indicator without realisasi in the quarter.

Such an indicator is "belum ada data" (`ops.measurement.year.rated`), as on the FPK and the Dasbor: no capaian,
no category, left out of the rata-rata, and the note under the table says how many were left out.
"""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import delete, select

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database
from tests.core.documents_fixtures import make_meeting

DAY = dt.date(2025, 10, 10)


def _flat_pdf(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _drop_realisasi(db: Database, code: str, quarter: int) -> None:
    with db.transaction() as s:
        indicator = s.scalars(select(m.Indicator.id).where(m.Indicator.code == code)).one()
        s.execute(
            delete(m.Realisation).where(
                m.Realisation.indicator_id == indicator, m.Realisation.year == 2025, m.Realisation.quarter == quarter
            )
        )


def test_the_triwulan_of_an_empty_quarter_grades_nothing(demo_db: Database) -> None:
    # GIVEN the demo year's TW IV, opened with no realisasi yet (12 indicators)
    # WHEN its Laporan Triwulan is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="triwulan", year=2025, quarter=4, day=DAY))
    text = _flat_pdf(pdf)
    # THEN no indicator is graded (was 0,00 "Sangat Kurang" or the carried-over cumulative), and the note says so
    assert text.count("belum ada data") >= 12
    assert "Sangat Kurang" not in text and "0,00" not in text.split("B. Realisasi Anggaran")[0]
    assert "Catatan: 12 indikator belum ada data, tidak dihitung dalam rata-rata capaian." in text


def test_the_triwulan_leaves_one_missing_indicator_out_of_the_mean(demo_db: Database) -> None:
    # GIVEN TW II with IK04's realisasi removed
    request = DocRequest(kind="triwulan", year=2025, quarter=2, day=DAY)
    before = catalog.sheet_tables(catalog.prepare(demo_db, request))[0].rows
    _drop_realisasi(demo_db, "IK04", 2)
    # WHEN the Laporan Triwulan of TW II is printed (PDF and workbook)
    text = _flat_pdf(catalog.preview(demo_db, request)[0])
    after = catalog.sheet_tables(catalog.prepare(demo_db, request))[0].rows
    # THEN IK04 alone is "belum ada data", with no capaian, and the note counts one indicator left out
    # (issue #12 §3: the triwulan now also prints the rata-rata rule, "… yang belum ada data tidak dihitung")
    assert text.count("belum ada data") == 3  # the row, the note and the rata-rata rule
    assert "Catatan: 1 indikator belum ada data, tidak dihitung dalam rata-rata capaian." in text
    missing = [r for r in after[:-1] if r[15] == "belum ada data"]  # (Kategori; the progress column follows it)
    # (no TW II realisasi, no kumulatif, no capaian, no progress)
    assert len(missing) == 1 and missing[0][10] == missing[0][13] == missing[0][14] == missing[0][16] == "-"
    # the mean no longer counts IK04 (its capaian s.d. TW II was 100 as S2's other one: the mean progress shows it)
    assert after[-1][16] != before[-1][16]


def test_the_berita_acara_of_an_empty_quarter_grades_nothing(demo_db: Database) -> None:
    # GIVEN an evaluation meeting of TW IV (no realisasi yet) discussing three indicators
    meeting = make_meeting(demo_db, quarter=4)
    # WHEN its berita acara is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting))
    text = _flat_pdf(pdf)
    # THEN the pembahasan grades none of them (was a 0,00 capaian) and the note under the table says so
    table = text.split("3. Pembahasan")[1].split("4. Permasalahan")[0]
    assert table.count("belum ada data") >= 3 and "0,00" not in table
    assert "Catatan: 3 indikator belum ada data, tidak dihitung dalam rata-rata capaian." in table


def test_the_berita_acara_marks_one_missing_indicator(demo_db: Database) -> None:
    # GIVEN the TW II meeting's first discussed indicator without its TW II realisasi
    meeting = make_meeting(demo_db)
    prepared = catalog.prepare(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting))
    first = prepared.data.discussions[0]
    with demo_db.transaction() as s:
        code = s.scalars(select(m.Indicator.code).where(m.Indicator.name == first.indicator)).first()
    assert code and first.capaian not in ("-", "belum ada data")
    _drop_realisasi(demo_db, code, 2)
    # WHEN the berita acara is printed again (PDF and workbook)
    text = _flat_pdf(catalog.preview(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting))[0])
    talks = catalog.sheet_tables(catalog.prepare(demo_db, DocRequest(kind="berita-acara", meeting_id=meeting)))[0]
    # THEN that indicator alone is "belum ada data", and the note counts one
    assert [r[4] for r in talks.rows].count("belum ada data") == 1 and talks.rows[0][4] == "belum ada data"
    assert "Catatan: 1 indikator belum ada data, tidak dihitung dalam rata-rata capaian." in text
