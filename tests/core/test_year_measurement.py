"""Issue #12 §2: year figures only on a whole year; an indicator without realisasi is "belum ada data".

The rule lives once in `ops.measurement.year`; the FPK (PDF, read back with pypdf), `sakip export pengukuran`
(.xlsx, read back with openpyxl) and the Camat's dasbor print by it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select, update

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.exchange.measurement import export_measurement
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.measurement.capaian import measure, office_summary
from sakip_desktop.ops.measurement.summary import INDICATORS, average_note
from sakip_desktop.ops.measurement.year import measure_year
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 10)


def _flat_pdf(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _fpk(db: Database, quarter: int | None) -> str:
    pdf, _ = catalog.preview(db, DocRequest(kind="pengukuran", year=2025, quarter=quarter, day=DAY))
    return _flat_pdf(pdf)


def _complete_the_year(db: Database) -> None:
    """Every 2025 realisasi approved, and TW IV entered (at its TW IV target) and approved."""
    with db.transaction() as s:
        s.execute(update(m.Realisation).where(m.Realisation.year == 2025).values(status="APPROVED"))
        targets = s.execute(
            select(m.YearlyTarget.indicator_id, m.QuarterlyTarget.value)
            .join(m.YearlyTarget, m.YearlyTarget.id == m.QuarterlyTarget.yearly_target_id)
            .where(m.YearlyTarget.year == 2025, m.QuarterlyTarget.quarter == 4)
        )
        for indicator_id, value in targets:
            s.add(m.Realisation(indicator_id=indicator_id, year=2025, quarter=4, value=value, status="APPROVED"))


def _drop_realisasi(db: Database, code: str, quarter: int) -> None:
    with db.transaction() as s:
        indicator = s.scalars(select(m.Indicator.id).where(m.Indicator.code == code)).one()
        s.execute(
            delete(m.Realisation).where(
                m.Realisation.indicator_id == indicator, m.Realisation.year == 2025, m.Realisation.quarter == quarter
            )
        )


# --- the rule ------------------------------------------------------------------------------------------------


def test_a_year_with_tw3_unapproved_is_measured_to_tw3_and_not_final(demo_db: Database) -> None:
    # GIVEN the demo year: TW I-II approved, TW III submitted, no TW IV
    year = measure_year(demo_db, 2025)
    # THEN the year is not final, measured s.d. TW III against the target s.d. TW III
    assert not year.final and year.through == 3 and year.period == "s.d. TW III 2025"
    rows = {s.row.info.code: s for s in year.rows}
    ik09 = rows["IK09"]  # negative, cumulative: 27 incidents in nine months against 24 planned s.d. TW III
    assert ik09.achievement == ik09.row.achievement_to_date == Decimal("87.5") and ik09.band.label == "Baik"
    assert ik09.note == "TW III belum disetujui" and not ik09.approved
    assert year.excluded == 0 and year.notes()[0].startswith("DRAF:") and year.notes()[-1] == average_note()


def test_a_year_is_final_when_every_tw4_is_in_and_approved(demo_db: Database) -> None:
    _complete_the_year(demo_db)
    year = measure_year(demo_db, 2025)
    assert year.final and year.period == "Tahun 2025" and year.through == 4
    assert all(s.note == "" and s.achievement == s.row.achievement_year for s in year.rows)
    assert year.achievement == office_summary(measure(demo_db, 2025, 4)).achievement_year


def test_an_indicator_without_realisasi_is_left_out_of_the_means(demo_db: Database) -> None:
    # GIVEN IK12 (cumulative) without its TW III realisasi
    _drop_realisasi(demo_db, "IK12", 3)
    year = measure_year(demo_db, 2025)
    ik12 = next(s for s in year.rows if s.row.info.code == "IK12")
    # THEN it has no capaian and no category, and is counted as excluded, not as 7 against 16 (43,75%)
    assert ik12.achievement is None and ik12.band is None and ik12.note == "belum ada data TW III"
    assert year.excluded == 1
    assert any(n.startswith("1 indikator belum ada data") for n in year.notes())


# --- the FPK, the export, the dasbor ---------------------------------------------------------------------------


def test_the_year_fpk_on_nine_months_is_a_draft_to_tw3(demo_db: Database) -> None:
    text = _fpk(demo_db, None)
    # THEN it is titled s.d. TW III and marked DRAF, not presented as the year
    assert "TAHUN 2025 S.D. TW III (DRAF)" in text and "DRAF ·" in text
    assert "Target s.d. TW III" in text and "s.d. TW IV" not in text
    # AND every row says its TW III is not approved; the mean rule is stated under the table
    assert text.count("TW III belum disetujui") == 12
    assert "Rata-rata capaian kinerja = rata-rata capaian sasaran (capaian sasaran = rata-rata capaian" in text
    # AND IK09 reads 87,50 Baik (s.d. TW III), not 115,63 Sangat Baik
    # (issue #12 §3: the band beside the capaian it grades, then the progress, realisasi ÷ target tahunan = 27/32)
    assert "27 87,50 Baik (TW III belum disetujui) 84,38" in text


def test_the_year_fpk_of_a_whole_approved_year_is_final(demo_db: Database) -> None:
    _complete_the_year(demo_db)
    text = _fpk(demo_db, None)
    assert "TAHUN 2025" in text and "DRAF" not in text and "belum disetujui" not in text


def test_a_quarter_without_realisasi_says_belum_ada_data(demo_db: Database) -> None:
    # GIVEN TW IV opened with no realisasi yet
    text = _fpk(demo_db, 4)
    # THEN no indicator is graded on the empty quarter, and the mean leaves them out and says so
    assert text.count("belum ada data") >= 12
    assert "12 indikator belum ada data, tidak dihitung dalam rata-rata capaian." in text
    assert "Sangat Kurang" not in text and "92,30" not in text


def test_the_year_export_is_a_draft_to_tw3(demo_db: Database, tmp_path) -> None:
    export_measurement(demo_db, 2025, None, tmp_path / "tahun.xlsx")
    ws = load_workbook(tmp_path / "tahun.xlsx").active
    assert ws["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025 s.d. TW III (DRAF)"
    assert ws["H4"].value == "Target s.d. TW III"
    ik09 = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[3] and "gangguan" in row[3])
    assert ik09[9] == 87.5 and ik09[10] == "Baik (TW III belum disetujui)"
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any(n.startswith("DRAF:") for n in notes) and average_note() in notes


def test_the_year_export_of_a_whole_approved_year(demo_db: Database, tmp_path) -> None:
    _complete_the_year(demo_db)
    export_measurement(demo_db, 2025, None, tmp_path / "tahun.xlsx")
    ws = load_workbook(tmp_path / "tahun.xlsx").active
    assert ws["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025"
    assert ws["H4"].value == "Target s.d. TW IV"
    ik04 = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[3] and "pembinaan dan" in row[3])
    assert ik04[9] == 104.17 and ik04[10] == "Sangat Baik"  # (19 + 6) / 24 against the yearly target


def test_the_dasbor_does_not_grade_an_empty_quarter(demo_db: Database) -> None:
    # GIVEN the dasbor at TW IV, opened with no realisasi, and at TW III
    tw3 = dashboard(demo_db, 2025, 3, DAY)
    tw4 = dashboard(demo_db, 2025, 4, DAY)
    # THEN TW IV has no headline figure (was 92,30% from the carried-over TW III), every indicator "belum ada data"
    assert tw3.office.achievement is not None and tw3.no_data == 0
    assert tw4.office.achievement is None and tw4.no_data == 12
    assert all(i.achievement_to_date is None and i.band_to_date is None for i in tw4.indicators)


def test_the_dasbor_leaves_a_missing_indicator_out_of_the_mean(demo_db: Database) -> None:
    before = dashboard(demo_db, 2025, 3, DAY)
    _drop_realisasi(demo_db, "IK12", 3)
    after = dashboard(demo_db, 2025, 3, DAY)
    s5_before = next(o for o in before.objectives if o.code == "S5")
    s5_after = next(o for o in after.objectives if o.code == "S5")
    ik11 = next(i for i in after.indicators if i.code == "IK11")
    # THEN S5 is IK11 alone (not IK11 with IK12 at 7/16 = 43,75%), and the dasbor counts the missing one
    assert s5_after.achievement == ik11.achievement_to_date and s5_after.measured == 1
    assert s5_before.measured == 2 and after.no_data == 1


def test_the_office_chooses_how_the_mean_is_taken_and_the_page_says_it(demo_db: Database, tmp_path) -> None:
    # GIVEN the default rule: the mean of the sasaran means
    rows = measure(demo_db, 2025, 3)
    by_objectives = office_summary(rows).achievement
    assert dashboard(demo_db, 2025, 3, DAY).office.achievement == by_objectives
    # WHEN the office switches to the mean of its indicators
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), achievement_average=INDICATORS))
    by_indicators = sum(r.achievement_to_date for r in rows) / len(rows)
    assert by_indicators != by_objectives
    # THEN the dasbor, the year rule, the FPK and the export take it, and the FPK and the workbook say so
    assert dashboard(demo_db, 2025, 3, DAY).office.achievement == by_indicators
    assert measure_year(demo_db, 2025).achievement == by_indicators
    text = _fpk(demo_db, 3)
    assert "Rata-rata capaian kinerja = rata-rata capaian seluruh indikator" in text
    export_measurement(demo_db, 2025, 3, tmp_path / "tw3.xlsx")
    notes = [c.value for c in load_workbook(tmp_path / "tw3.xlsx").active["A"] if isinstance(c.value, str)]
    assert average_note(INDICATORS) in notes
