"""Issue #12 §3: reports about the same quarter agree (the FPK, the Laporan Triwulan, the LKj and their .xlsx).

- One row builder (`documents.measure_rows`) prints the capaian s.d. TW n against the target s.d. TW n (graded) and
  the progress against the yearly target (not graded) in both quarter documents.
- Efisiensi compares one period on both sides (`ops.measurement.budget`): capaian s.d. TW n with the serapan of the
  plan s.d. TW n (n/4 of the pagu: the program holds no anggaran kas), the formula printed under the table.
- Programs meet sasaran through the units' PK lines (`ops.measurement.budget_links`): 7.01.02 splits into S2, S3, S4.
- The Laporan Triwulan follows the "Rata-rata capaian" setting; the LKj's efisiensi follows the year rule.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.lkj.output import render_lkj
from sakip_desktop.documents.tables_xlsx import export_tables
from sakip_desktop.domain import formats
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.measurement.budget import budget_measurement, first_screen_budget
from sakip_desktop.ops.measurement.budget_links import Served, served_by
from sakip_desktop.ops.measurement.capaian import measure, office_summary
from sakip_desktop.ops.measurement.summary import INDICATORS
from sakip_desktop.ops.measurement.year import rated
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 15)
MEAN = "Rata-rata capaian kinerja"


def _pdf(db: Database, kind: str, quarter: int | None) -> str:
    pdf, _pages = catalog.preview(db, DocRequest(kind=kind, year=2025, quarter=quarter, day=DAY))
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _sheet_rows(db: Database, kind: str, quarter: int) -> dict[str, tuple]:
    """Table A of the real .xlsx: the cells of each indicator's row by indicator name, and of the rata-rata."""
    data, _tables = export_tables(db, DocRequest(kind=kind, year=2025, quarter=quarter, day=DAY))
    ws = load_workbook(io.BytesIO(data))["A Capaian Kinerja"]
    lines = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int) or r[0] == MEAN]
    return {str(row[2] or row[0]): row for row in lines}


def test_the_triwulan_grades_the_quarter_as_the_fpk_does(demo_db: Database) -> None:
    # GIVEN TW II 2025: IK03, IK04 and IK12 on (or near) their quarterly plan, half or a third of their yearly target
    names = {r.info.code: r.info.name for r in measure(demo_db, 2025, 2)}
    # WHEN the Laporan Triwulan and the FPK of TW II are printed
    triwulan, fpk = _pdf(demo_db, "triwulan", 2), _pdf(demo_db, "pengukuran", 2)
    # THEN both print, per indicator: realisasi s.d. TW II, capaian s.d. TW II, its category, and the progress against
    # the yearly target, ungraded (the triwulan printed "50,00 Sangat Kurang" for IK03 while the FPK said Sangat Baik)
    for code, cells in (("IK03", "6 100,00 Sangat Baik 50,00"), ("IK04", "12 100,00 Sangat Baik 50,00"),
                        ("IK12", "7 70,00 Cukup 35,00")):  # fmt: skip
        assert f"{names[code]} " in triwulan and cells in triwulan.split(names[code])[1][:80], code
        assert cells in fpk.split(names[code])[1][:60], code
    assert "Sangat Kurang" not in triwulan.split("B. Realisasi Anggaran")[0]
    for text in (triwulan, fpk):
        assert "Capaian s.d. TW II (%) Kategori Progres thd Target Tahunan (%)" in text
        assert "progres = realisasi s.d. TW II ÷ target tahunan × 100%, tidak dinilai" in text
    # AND the two workbooks hold the same capaian, category and progress per indicator, and the same rata-rata
    tw, fp = _sheet_rows(demo_db, "triwulan", 2), _sheet_rows(demo_db, "pengukuran", 2)
    assert set(tw) == set(fp) and len(tw) == 13
    for name in tw:
        assert tw[name][14:17] == fp[name][7:10], name
    assert tw[MEAN][14:17] == (97.78, "Sangat Baik", 72.17)


def test_efisiensi_takes_one_period_on_both_sides(demo_db: Database) -> None:
    # GIVEN TW III 2025: S5's capaian s.d. TW III 90,20%; 7.01.03 spent 80.400.000 of 140.000.000 (57,43% of the
    # year's pagu, 76,57% of the plan s.d. TW III = 105.000.000)
    # WHEN the FPK of TW III is printed
    text = _pdf(demo_db, "pengukuran", 3)
    # THEN efisiensi = 90,20 / 76,57 = 117,80 (it was 90,20 / 57,43 = 157,07: a quarter against a year)
    row = "7.01.03 PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN S5 140.000.000 105.000.000 80.400.000 57,43 76,57"
    assert f"{row} 90,20 117,80" in text and "157,07" not in text
    # AND the formula and the plan it used are stated under the table
    assert (
        "Efisiensi = capaian kinerja s.d. TW III (thd target s.d. TW III) ÷ serapan anggaran thd rencana s.d. TW III "
        "× 100%. Rencana s.d. TW III = 3/4 pagu (pagu dibagi rata per triwulan, karena anggaran kas per triwulan tidak "
        "dicatat dalam program)."
    ) in text
    # AND S3 of TW II: 103,98 ÷ (22.400.000 of the plan 24.650.000 = 90,87) = 114,42, on its own sub kegiatan (it was
    # 242,37: capaian s.d. TW II over the serapan of the whole year's pagu of all 7.01.02)
    tw2 = _pdf(demo_db, "pengukuran", 2)
    assert "S3 49.300.000 24.650.000 22.400.000 45,44 90,87 103,98 114,42" in tw2 and "242,37" not in tw2
    # AND a final year compares the year with the whole pagu
    rows = measure(demo_db, 2025, 4)
    year = budget_measurement(demo_db, 2025, 4, rows, final=True)
    s5 = next(o for o in year.objectives if o.code == "S5")
    assert s5.planned == s5.ceiling and s5.absorption_plan == s5.absorption


def test_no_efisiensi_without_capaian(demo_db: Database) -> None:
    # GIVEN S5's indicators (IK11, IK12) without realisasi in TW III
    with demo_db.transaction() as s:
        ids = s.scalars(select(m.Indicator.id).where(m.Indicator.code.in_(["IK11", "IK12"]))).all()
        s.execute(delete(m.Realisation).where(m.Realisation.indicator_id.in_(ids), m.Realisation.quarter == 3))
    # WHEN the FPK of TW III is printed
    text = _pdf(demo_db, "pengukuran", 3)
    # THEN 7.01.03 shows its serapan but no capaian and no efisiensi
    row = "7.01.03 PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN S5 140.000.000 105.000.000 80.400.000 57,43 76,57"
    assert f"{row} - -" in text


def test_programs_meet_their_sasaran_through_the_units_pk(demo_db: Database, tmp_path) -> None:
    # GIVEN the Seksi's signed PKs 2025: Pemerintahan (S2), Pelayanan (S3) and Trantib (S4) each carry their sub
    # kegiatan of 7.01.02, whose plan row names S3 only
    # WHEN the FPK of TW III and the LKj 2025 (a DRAF s.d. TW III) are printed
    fpk = _pdf(demo_db, "pengukuran", 3)
    render_lkj(demo_db, 2025, tmp_path / "lkj.pdf", day=dt.date(2026, 1, 20))
    lkj = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "lkj.pdf").pages).split())
    # THEN the FPK splits 7.01.02 by its sub kegiatan, one part per sasaran with its own efisiensi
    program = "7.01.02 PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK (bagian: sub kegiatan"
    assert f"{program} 7.01.02.2.01.0001, 7.01.02.2.01.0002) S2 113.500.000" in fpk
    assert f"{program} 7.01.02.2.02.0001, 7.01.02.2.02.0003) S3 49.300.000" in fpk
    assert f"{program} 7.01.02.2.04.0003) S4 25.000.000" in fpk
    # AND the LKj finds programs for S2 and S4, and S3's efisiensi counts its own 49.300.000, not all 187.800.000
    assert "Tidak ada program yang dihubungkan" not in lkj
    assert "102,78% 113.500.000 85.125.000 75.620.000 88,83% 115,70%" in lkj  # S2
    assert "103,63% 49.300.000 36.975.000 34.420.000 93,09% 111,32%" in lkj  # S3
    assert "101,44% 25.000.000 18.750.000 16.650.000 88,80% 114,24%" in lkj  # S4
    # AND the LKj's efisiensi follows the year rule (s.d. TW III), so it says what the FPK of the same period says
    year_fpk = _pdf(demo_db, "pengukuran", None)
    s1 = "7.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA S1 1.485.650.000 1.114.237.500"
    assert f"{s1} 1.154.870.000 77,73 103,65 100,01 96,49" in year_fpk
    assert "100,01% 1.485.650.000 1.114.237.500 1.154.870.000 103,65% 96,49%" in lkj


def test_the_triwulan_takes_the_offices_rata_rata_rule(demo_db: Database) -> None:
    # GIVEN the office's rule "mean of every indicator" (default: of the sasaran)
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), achievement_average=INDICATORS))
    rows = rated(measure(demo_db, 2025, 2))
    by_indicators = office_summary(rows, average=INDICATORS).achievement
    assert by_indicators is not None and by_indicators != office_summary(rows).achievement
    # WHEN the Laporan Triwulan of TW II is printed
    text = _pdf(demo_db, "triwulan", 2)
    # THEN its rata-rata is the mean of the indicators, and the note under the table says so
    assert f"Rata-rata capaian kinerja {formats.number(by_indicators, 2)} Sangat Baik" in text
    assert "Rata-rata capaian kinerja = rata-rata capaian seluruh indikator" in text


def test_a_sub_kegiatan_goes_to_the_sasaran_of_the_pk_that_lists_it() -> None:
    s1, s2, s3 = Served(1, "S1", "a"), Served(2, "S2", "b"), Served(3, "S3", "c")

    def link(budget: int, agreement: int, s: Served) -> tuple:
        return (budget, agreement, 7, 1, "FINAL", s.objective_id, s.code, s.statement)

    links = [
        link(10, 1, s2),  # budget 10 in a PK of S2
        link(11, 3, s2),  # budget 11 in two units' PKs, of S2 and S3: its program's S3 wins
        link(11, 4, s3),
        link(12, 3, s2),  # budget 12 in PKs of S1 and S2, its program serves S3: each of them, shared
        link(12, 5, s1),
    ]
    served, shared = served_by(links, {10: s3, 11: s3, 12: s3, 13: s1, 14: None})
    assert served == {10: (s2,), 11: (s3,), 12: (s1, s2), 13: (s1,), 14: ()} and shared


def test_only_the_units_signed_pk_links_its_budget(demo_db: Database) -> None:
    # GIVEN a draft revision of the Seksi Pelayanan's signed PK that would claim 7.01.02.2.01.0001 for S3
    with demo_db.transaction() as s:
        unit = s.scalars(select(m.Unit.id).where(m.Unit.code == "SEKSI_PELAYANAN")).one()
        ik06 = s.scalars(select(m.Indicator.id).where(m.Indicator.code == "IK06")).one()
        draft = m.PerformanceAgreement(year=2025, unit_id=unit, version=2, kind="PERUBAHAN", status="DRAFT",
                                       created_at=dt.datetime(2025, 9, 1))  # fmt: skip
        s.add(draft)
        s.flush()
        s.add(m.AgreementTarget(agreement_id=draft.id, indicator_id=ik06, value=Decimal(83)))
        s.add(m.AgreementBudget(agreement_id=draft.id, code="7.01.02.2.01.0001", name="x", amount=1))
    # WHEN the budget of TW III is measured (the forms' ORM read and the Dasbor's plain SQL)
    rows = measure(demo_db, 2025, 3)
    budget = budget_measurement(demo_db, 2025, 3, rows)
    # THEN the signed version still counts: S2 keeps both sub kegiatan of 7.01.02.2.01, S3 its own two
    parts = {p.objective_code: p.sub_codes for p in budget.parts if p.code == "7.01.02"}
    assert parts["S2"] == ("7.01.02.2.01.0001", "7.01.02.2.01.0002")
    assert parts["S3"] == ("7.01.02.2.02.0001", "7.01.02.2.02.0003")
    assert first_screen_budget(demo_db, 2025, 3, rows) == budget
