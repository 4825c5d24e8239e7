"""Pengukuran kinerja: capaian per indicator (regulations.md §3), per sasaran, the budget beside it,
the office's bands setting, and the .xlsx export with its CLI verb."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from _measurement_data import MANUAL, REASON, ZERO_CODE, zero_target_in_tw3
from sqlalchemy import select

from sakip_desktop.cli import main as cli
from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import DEFAULT_BANDS, Aggregation, Band, Polarity, Target, achievement
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.exchange.measurement import export_measurement
from sakip_desktop.ops.measurement.bands import UNBOUNDED, Scale, get_bands, get_display_cap, parse_number, update_bands
from sakip_desktop.ops.measurement.budget import budget_measurement
from sakip_desktop.ops.measurement.capaian import (
    Actual,
    IndicatorInfo,
    measure,
    measure_all,
    measure_indicator,
    objective_summary,
    office_summary,
)
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.storage.models import AuditEntry

ADMIN = "kasubag_renkeu"


def r2(value: Decimal | None) -> Decimal | None:
    """Rounded half up to 2 decimals, as screens and exports show it."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def info(aggregation: Aggregation, polarity: Polarity = Polarity.POSITIVE) -> IndicatorInfo:
    return IndicatorInfo(1, "X01", "Indikator uji", "%", polarity, aggregation, False, None, 1, "S1", "Sasaran uji")


def series(
    aggregation: Aggregation,
    year: str,
    targets: list[str],
    actuals: list[str | None],
    quarter: int,
    polarity: Polarity = Polarity.POSITIVE,
    scale: Scale = Scale(),  # noqa: B008
):
    return measure_indicator(
        info(aggregation, polarity),
        2025,
        quarter,
        Target(Decimal(year)),
        [Target(Decimal(t)) for t in targets],
        [None if a is None else Actual(Decimal(a), "APPROVED") for a in actuals] + [None] * (4 - len(actuals)),
        scale,
    )


def by_code(rows):
    return {r.info.code: r for r in rows}


# --- the worked examples of regulations.md §3.1 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "polarity", "shown"),
    [
        ("6.5", Target(Decimal(7)), Polarity.NEGATIVE, "107,14"),  # (2 × 7 − 6,5) / 7 × 100 = 107,142…
        ("9", Target(Decimal(8)), Polarity.NEGATIVE, "87,50"),  # (2 × 8 − 9) / 8 × 100
        ("92", Target(Decimal(80), Decimal(90)), Polarity.POSITIVE, "102,22"),  # above the range: 92 / 90 × 100
        ("85", Target(Decimal(80), Decimal(90)), Polarity.POSITIVE, "100,00"),  # inside the range
        ("70", Target(Decimal(80), Decimal(90)), Polarity.POSITIVE, "87,50"),  # below the range: 70 / 80 × 100
        # a negative range 5–10 (lower is better): above it counts against 10, below it against 5
        ("12", Target(Decimal(5), Decimal(10)), Polarity.NEGATIVE, "80,00"),  # (2 × 10 − 12) / 10 × 100
        ("4", Target(Decimal(5), Decimal(10)), Polarity.NEGATIVE, "120,00"),  # (2 × 5 − 4) / 5 × 100
        ("7", Target(Decimal(5), Decimal(10)), Polarity.NEGATIVE, "100,00"),
    ],
)
def test_worked_examples(actual, target, polarity, shown):
    assert formats.number(achievement(Decimal(actual), target, polarity)) == shown


def test_a_range_yearly_target_is_measured_through_the_row():
    # GIVEN a LAST_VALUE indicator with the year's target 80–90 and quarterly ranges
    row = measure_indicator(
        info(Aggregation.LAST_VALUE),
        2025,
        4,
        Target(Decimal(80), Decimal(90)),
        [Target(Decimal(80), Decimal(90))] * 4,
        [Actual(Decimal(v)) for v in ("60", "75", "88", "92")],
    )
    # THEN TW IV's 92 counts against the upper bound, to date and for the year
    assert row.target_to_date == Target(Decimal(80), Decimal(90))
    assert formats.number(row.achievement_to_date) == "102,22"
    assert formats.number(row.achievement_year) == "102,22"


# --- aggregation ---------------------------------------------------------------------------------------------


def test_cumulative_sums_targets_and_realisasi():
    row = series(Aggregation.CUMULATIVE, "100", ["10", "20", "30", "40"], ["12", "18", "25"], 3)
    assert row.target_to_date == Target(Decimal(60)) and row.actual_to_date == Decimal(55)
    assert r2(row.achievement_quarter) == Decimal("83.33")  # 25 / 30 × 100
    assert r2(row.achievement_to_date) == Decimal("91.67")  # (12 + 18 + 25) / (10 + 20 + 30) × 100 = 55 / 60
    assert row.achievement_year == Decimal(55)  # 55 / 100 × 100


def test_last_value_takes_the_latest_quarter():
    row = series(Aggregation.LAST_VALUE, "80", ["50", "60", "70", "80"], ["55", "58", "72"], 3)
    assert row.target_to_date == Target(Decimal(70)) and row.actual_to_date == Decimal(72)
    assert r2(row.achievement_to_date) == Decimal("102.86")  # 72 / 70 × 100
    assert row.achievement_year == Decimal(90)  # 72 / 80 × 100


def test_average_takes_the_mean_of_the_quarters():
    row = series(Aggregation.AVERAGE, "83", ["80", "82", "84", "86"], ["81", "83", "86"], 3)
    assert row.target_to_date == Target(Decimal(82))  # (80 + 82 + 84) / 3
    assert r2(row.actual_to_date) == Decimal("83.33")  # (81 + 83 + 86) / 3 = 250 / 3
    assert r2(row.achievement_to_date) == Decimal("101.63")  # 250 / 3 / 82 × 100 = 101,626…
    assert r2(row.achievement_year) == Decimal("100.40")  # 250 / 3 / 83 × 100 = 100,401…


def test_negative_cumulative_and_a_quarter_not_entered():
    # GIVEN incidents (lower is better) with TW II not entered
    row = series(Aggregation.CUMULATIVE, "32", ["8", "8", "8", "8"], ["7", None, "9"], 3, Polarity.NEGATIVE)
    # THEN the quarters entered are summed (7 + 9 = 16) against the target to date 24
    assert row.actual_to_date == Decimal(16)
    assert r2(row.achievement_to_date) == Decimal("133.33")  # (2 × 24 − 16) / 24 × 100
    assert row.statuses == ("APPROVED", None, "APPROVED") and not row.all_approved


def test_quarterly_ranges_add_up_bound_by_bound():
    row = measure_indicator(
        info(Aggregation.CUMULATIVE),
        2025,
        2,
        Target(Decimal(40), Decimal(80)),
        [Target(Decimal(10), Decimal(20))] * 4,
        [Actual(Decimal(20)), Actual(Decimal(25))],
    )
    assert row.target_to_date == Target(Decimal(20), Decimal(40))
    assert row.achievement_to_date == Decimal("112.5")  # 45 above 20–40: 45 / 40 × 100


# --- a target of 0 -------------------------------------------------------------------------------------------


def test_target_zero_is_not_computed_and_the_manual_capaian_is_used():
    # GIVEN a negative indicator whose targets are all 0 and whose TW II realisasi carries a manual capaian
    actuals = [Actual(Decimal(0)), Actual(Decimal(1), "SUBMITTED", Decimal(90), "Satu kejadian kecil.")]
    row = measure_indicator(
        info(Aggregation.CUMULATIVE, Polarity.NEGATIVE), 2025, 2, Target(Decimal(0)), [Target(Decimal(0))] * 4, actuals
    )
    # THEN every capaian holds the manual value and says so
    assert row.not_computable and row.manual_in == ("quarter", "to_date", "year")
    assert row.achievement_to_date == Decimal(90) and row.manual_justification == "Satu kejadian kecil."
    assert row.band is not None and row.band.label == "Baik"  # 90 sits under 91
    # AND without a manual value there is no capaian and no category
    bare = measure_indicator(
        info(Aggregation.CUMULATIVE, Polarity.NEGATIVE), 2025, 1, Target(Decimal(4)), [Target(Decimal(0))] * 4,
        [Actual(Decimal(0))],
    )  # fmt: skip
    assert bare.not_computable and bare.achievement_to_date is None and bare.band is None
    assert bare.manual_in == ("quarter", "to_date") and bare.achievement_year == Decimal(200)  # (8 − 0) / 4


def test_demo_indicator_with_a_zero_target_uses_its_manual_capaian(demo_db):
    # GIVEN IK08's TW III target set to 0 and a manual capaian on its TW III realisasi
    zero_target_in_tw3(demo_db)
    row = by_code(measure(demo_db, 2025, 3))[ZERO_CODE]
    # THEN (LAST_VALUE: the target to date is TW III's, 0) the capaian to date is the manual one
    assert row.not_computable and row.achievement_to_date == MANUAL and row.manual_justification == REASON
    assert row.band.label == "Sangat Baik" and row.status == "SUBMITTED"
    assert row.achievement_year == Decimal("95.75")  # the yearly target 4 still computes: (8 − 4,17) / 4 × 100
    assert objective_summary(measure(demo_db, 2025, 3))[2].not_computable == 1


# --- bands and the display cap -------------------------------------------------------------------------------

CUSTOM = (  # wp-eval-sakip's set (regulations.md §3.2)
    Band(Decimal(100), "Sangat Berhasil", "#1b5e20"),
    Band(Decimal(75), "Berhasil", "#4caf50"),
    Band(Decimal(55), "Cukup Berhasil", "#f9a825"),
    Band(UNBOUNDED, "Kurang Berhasil", "#c62828"),
)


@pytest.mark.parametrize(
    ("value", "default", "custom"),
    [
        ("90.99", "Baik", "Berhasil"),
        ("91", "Sangat Baik", "Berhasil"),
        ("100.5", "Sangat Baik", "Sangat Berhasil"),
        ("130", "Sangat Baik", "Sangat Berhasil"),
        ("50.99", "Sangat Kurang", "Kurang Berhasil"),
        ("51", "Kurang", "Kurang Berhasil"),
        ("99.99", "Sangat Baik", "Berhasil"),
        ("-20", "Sangat Kurang", "Kurang Berhasil"),
    ],
)
def test_band_edges_default_and_custom(value, default, custom):
    assert Scale().band(Decimal(value)).label == default
    assert Scale(CUSTOM).band(Decimal(value)).label == custom


def test_custom_bands_and_cap_are_used_by_the_measurement(demo_db):
    # GIVEN the office's own bands and a display cap of 110
    update_bands(demo_db, actor_for(demo_db, ADMIN), CUSTOM, Decimal(110))
    rows = by_code(measure(demo_db, 2025, 3))
    # THEN IK10 (45 / 39 × 100 = 115,38) is categorised uncapped but shown at 110
    assert r2(rows["IK10"].achievement_to_date) == Decimal("115.38")
    assert rows["IK10"].shown_to_date == Decimal(110) and rows["IK10"].band.label == "Sangat Berhasil"
    assert rows["IK12"].band.label == "Berhasil"  # 13 / 16 × 100 = 81,25
    assert rows["IK01"].band.label == "Berhasil"  # 68,92 / 69 × 100 = 99,88


# --- the demo office, TW III 2025, by hand from resources/demo/kecamatan_contoh.toml ------------------------------


def test_demo_tw3_2025_matches_a_hand_calculation(demo_db):
    rows = by_code(measure(demo_db, 2025, 3))
    assert len(rows) == 12

    # IK04, positive, CUMULATIVE: targets 6 per quarter (year 24); realisasi 6, 6, 7
    ik04 = rows["IK04"]
    assert ik04.target_to_date == Target(Decimal(18)) and ik04.actual_to_date == Decimal(19)
    assert r2(ik04.achievement_quarter) == Decimal("116.67")  # 7 / 6 × 100 = 116,666…
    assert r2(ik04.achievement_to_date) == Decimal("105.56")  # (6 + 6 + 7) / (6 + 6 + 6) × 100 = 19 / 18 × 100
    assert r2(ik04.achievement_year) == Decimal("79.17")  # 19 / 24 × 100 = 79,166…
    assert ik04.band.label == "Sangat Baik"

    # IK06, positive, AVERAGE: targets 82; 82,5; 83,5 (year 83); realisasi 82,37; 83,05; 83,41
    ik06 = rows["IK06"]
    # (82,37 + 83,05 + 83,41) / 3 ÷ (82 + 82,5 + 83,5) / 3 × 100 = 248,83 / 248 × 100 = 100,3346…
    assert r2(ik06.achievement_to_date) == Decimal("100.33")
    assert r2(ik06.achievement_year) == Decimal("99.93")  # 248,83 / 3 / 83 × 100 = 99,931…

    # IK08, negative, LAST_VALUE: TW III target 4,5 (year 4); TW III realisasi 4,17
    ik08 = rows["IK08"]
    assert ik08.target_to_date == Target(Decimal("4.5")) and ik08.actual_to_date == Decimal("4.17")
    assert r2(ik08.achievement_to_date) == Decimal("107.33")  # (2 × 4,5 − 4,17) / 4,5 × 100 = 4,83 / 4,5 × 100
    assert ik08.achievement_year == Decimal("95.75")  # (2 × 4 − 4,17) / 4 × 100 = 3,83 / 4 × 100

    # IK09, negative, CUMULATIVE: targets 8 per quarter; realisasi 7, 11, 9
    ik09 = rows["IK09"]
    assert ik09.achievement_to_date == Decimal("87.5")  # (2 × 24 − 27) / 24 × 100 = 21 / 24 × 100
    assert ik09.band.label == "Baik"

    # IK12, positive, CUMULATIVE: targets 4, 6, 6; realisasi 4, 3, 6
    assert rows["IK12"].achievement_to_date == Decimal("81.25")  # 13 / 16 × 100

    # Statuses are exposed; a verified (not yet approved) realisasi still counts
    assert rows["IK03"].status == "VERIFIED" and rows["IK03"].statuses == ("APPROVED", "APPROVED", "VERIFIED")
    assert not rows["IK03"].all_approved and by_code(measure(demo_db, 2025, 2))["IK03"].all_approved

    # S5 = mean(IK11, IK12) = (44,62 / 45 × 100 + 81,25) / 2 = (99,1555… + 81,25) / 2 = 90,2027…
    s5 = next(o for o in objective_summary(list(rows.values())) if o.code == "S5")
    assert (s5.indicators, r2(s5.achievement), s5.band.label) == (2, Decimal("90.20"), "Baik")
    office = office_summary(list(rows.values()))
    assert office.objectives == 5
    assert office.achievement == sum(o.achievement for o in objective_summary(list(rows.values()))) / 5


def test_a_unit_sees_only_its_indicators_and_a_year_without_targets_is_empty(demo_db):
    trantib = by_code(measure(demo_db, 2025, 3))["IK09"].info.responsible_unit_id
    assert sorted(by_code(measure(demo_db, 2025, 3, unit_id=trantib))) == ["IK09", "IK10"]
    assert measure(demo_db, 2024, 4) == []
    with pytest.raises(ValidationError, match="Triwulan harus 1 sampai 4"):
        measure(demo_db, 2025, 5)


def test_measure_all_gives_the_same_rows_as_one_quarter_at_a_time(demo_db):
    every = measure_all(demo_db, [2024, 2025])
    assert len(every) == 8 and every[(2024, 1)] == []
    assert every[(2025, 3)] == measure(demo_db, 2025, 3)


# --- budget --------------------------------------------------------------------------------------------------


def test_budget_serapan_and_efficiency_of_a_program(demo_db):
    budget = budget_measurement(demo_db, 2025, 3)
    program = next(p for p in budget.programs if p.code == "7.01.03")
    # pagu: 28.500.000 + 15.000.000 + 62.000.000 + 34.500.000
    assert program.ceiling == 140_000_000 and program.objective_code == "S5"
    # TW I-III: (16,4 + 3,2 + 1,85) + (5,8 + 2,4 + 2,1) + (8,2 + 9,6 + 14,3) + (0 + 4,85 + 11,7) juta
    assert program.spent_to_date == 80_400_000
    assert r2(program.absorption) == Decimal("57.43")  # 80,4 / 140 × 100 = 57,428…
    assert r2(program.achievement) == Decimal("90.20")  # S5's capaian to date (above)
    # issue #12 §3: efisiensi over one period, capaian s.d. TW III against serapan of the plan s.d. TW III (3/4 pagu)
    assert program.planned == 105_000_000 and r2(program.absorption_plan) == Decimal("76.57")  # 80,4 / 105
    assert r2(program.efficiency) == Decimal("117.80")  # 90,2027… / 76,5714… × 100 = 117,802…
    s5 = next(o for o in budget.objectives if o.code == "S5")
    assert (s5.ceiling, s5.spent_to_date) == (program.ceiling, program.spent_to_date)
    # (issue #12 §3: S2 and S4 are served through the Seksi's PKs, a part of 7.01.02 each)
    assert [o.code for o in budget.objectives] == ["S1", "S2", "S3", "S4", "S5"]
    assert r2(budget.total.absorption) == Decimal("75.10")  # the demo's IK02 realisasi TW III


# --- the bands setting ---------------------------------------------------------------------------------------


def test_bands_default_then_stored_read_back_and_audited(demo_db):
    assert get_bands(demo_db) == DEFAULT_BANDS and get_display_cap(demo_db) is None
    update_bands(demo_db, actor_for(demo_db, ADMIN), CUSTOM, Decimal("120"))
    assert get_bands(demo_db) == CUSTOM and get_display_cap(demo_db) == Decimal(120)
    assert get_settings(demo_db).paper_size == "A4"  # the other settings still read
    with demo_db.reading() as s:
        entity, actor, old, new = s.execute(
            select(AuditEntry.entity, AuditEntry.actor_name, AuditEntry.old, AuditEntry.new).where(
                AuditEntry.operation == "Ubah kategori capaian"
            )
        ).one()
    assert entity == "setting" and actor.startswith("Andi Prasetyo")
    new = json.loads(new)["achievement_bands"]
    assert new["cap"] == "120" and new["bands"][-1] == {
        "minimum": "-Infinity",
        "label": "Kurang Berhasil",
        "colour": "#c62828",
    }
    assert json.loads(old)["achievement_bands"]["bands"][0]["label"] == "Sangat Baik"


@pytest.mark.parametrize(
    ("bands", "cap", "message"),
    [
        (CUSTOM[-1:], None, "paling sedikit dua"),
        ((CUSTOM[0], Band(UNBOUNDED, " sangat berhasil ", "#000000")), None, "dipakai lebih dari sekali"),
        (
            (CUSTOM[1], CUSTOM[0], CUSTOM[3]),
            None,
            r"'Berhasil' \(75\) harus lebih tinggi dari 'Sangat Berhasil' \(100\)",
        ),
        ((CUSTOM[0], Band(Decimal(100), "Lain", "#000000"), CUSTOM[3]), None, "punya batas bawah yang sama"),
        ((CUSTOM[0], CUSTOM[1], Band(Decimal(75), "Kurang", "#c62828")), None, "tanpa batas bawah"),
        ((CUSTOM[0], Band(UNBOUNDED, "Lain", "merah")), None, "#rrggbb"),
        ((CUSTOM[0], Band(UNBOUNDED, "  ", "#ffffff")), None, "Nama kategori ke-2 wajib diisi"),
        (CUSTOM, Decimal(90), "paling sedikit 100%"),
    ],
)
def test_invalid_bands_are_refused_in_indonesian(demo_db, bands, cap, message):
    with pytest.raises(ValidationError, match=message):
        update_bands(demo_db, actor_for(demo_db, ADMIN), bands, cap)
    assert get_bands(demo_db) == DEFAULT_BANDS


def test_only_an_administrator_changes_the_bands(demo_db):
    with pytest.raises(PermissionDenied, match="Ubah kategori capaian"):
        update_bands(demo_db, actor_for(demo_db, "kasi_pem"), CUSTOM, None)


def test_numbers_are_read_the_indonesian_way():
    assert parse_number("90,5", "Batas") == Decimal("90.5")
    assert parse_number(" 91 % ", "Batas") == Decimal(91)
    with pytest.raises(ValidationError, match="Batas harus berupa angka"):
        parse_number("sembilan", "Batas")


# --- the .xlsx export and the CLI ----------------------------------------------------------------------------


def _sheet(path):
    from openpyxl import load_workbook

    return load_workbook(path).active


def test_export_of_tw3_reads_back(demo_db, tmp_path):
    path = tmp_path / "pengukuran.xlsx"
    assert export_measurement(demo_db, 2025, 3, path) == 12
    ws = _sheet(path)
    assert ws["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025 Triwulan III"
    assert [c.value for c in ws[4]] == [
        "No", "Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Target (tahun)",
        "Target s.d. TW III", "Realisasi s.d. TW III", "Capaian (%)", "Kategori",
    ]  # fmt: skip
    assert ws.freeze_panes == "A5" and ws["B4"].font.bold
    ik04 = next(
        row for row in ws.iter_rows(min_row=5, values_only=True) if row[3] and row[3].startswith("Jumlah pembinaan")
    )
    # the indicator's code, by which the kabupaten matches the row (issue 13 §5)
    assert ik04[0] == 4 and ik04[1] == "IK04" and ik04[2].startswith("S2 ")
    assert ik04[4:9] == ("kali", "Positif", 24, 18, 19)
    assert ik04[9] == pytest.approx(105.56) and ik04[10] == "Sangat Baik"
    assert ws.cell(row=8, column=10).number_format == "#,##0.00"
    assert isinstance(ws.cell(row=10, column=8).value, float)  # IK06's target to date is a number, 82,67
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any(t.startswith("Realisasi 12 indikator belum seluruhnya disetujui") for t in texts)


def test_export_of_the_year_and_of_a_zero_target(demo_db, tmp_path):
    zero_target_in_tw3(demo_db)
    update_bands(demo_db, actor_for(demo_db, ADMIN), DEFAULT_BANDS, Decimal(110))
    export_measurement(demo_db, 2025, 3, tmp_path / "tw3.xlsx")
    ws = _sheet(tmp_path / "tw3.xlsx")
    ik08 = next(row for row in ws.iter_rows(min_row=5) if row[3].value and "pengaduan" in row[3].value)
    assert ik08[9].value == 95 and ik08[9].font.italic and ik08[10].value == "Sangat Baik *)"
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert any("tidak dapat dihitung karena targetnya 0" in n for n in notes)
    assert any(n.strip().startswith(f"{ZERO_CODE} ") and REASON in n and "95,00%" in n for n in notes)
    assert any("Capaian di atas 110% ditampilkan 110%" in n for n in notes)
    ik10 = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[3] and "patroli" in row[3])
    assert ik10[9] == 110  # 115,38 shown at the office's cap

    export_measurement(demo_db, 2025, None, tmp_path / "tahun.xlsx")
    ws = _sheet(tmp_path / "tahun.xlsx")
    # Issue #12 §2: the demo year has no TW IV and TW III unapproved, so the year is a DRAF measured s.d. TW III
    # (this test pinned the old 'Tahun 2025' / 'Target s.d. TW IV' / 19 of 24 = 79,17 on nine months of data;
    # the whole-year case is in tests/core/test_year_measurement.py).
    assert ws["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025 s.d. TW III (DRAF)"
    assert ws["H4"].value == "Target s.d. TW III"
    ik04 = next(
        row for row in ws.iter_rows(min_row=5, values_only=True) if row[3] and row[3].startswith("Jumlah pembinaan")
    )
    assert ik04[9] == pytest.approx(105.56) and ik04[10] == "Sangat Baik (TW III belum disetujui)"  # 19 of 18


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_cli_exports_the_measurement(demo_db, tmp_path, capsys):
    out = tmp_path / "pengukuran tw3.xlsx"
    assert (
        cli(["export", "pengukuran", "--db", str(demo_db.path), "--year", "2025", "--tw", "3", "--out", str(out)]) == 0
    )
    assert "12 indikator" in capsys.readouterr().out
    assert _sheet(out)["A1"].value.endswith("Triwulan III")
    assert (
        cli(["export", "pengukuran", "--db", str(demo_db.path), "--year", "2025", "--out", str(tmp_path / "y.xlsx")])
        == 0
    )
    assert cli(["sop", "list", "--db", str(demo_db.path)]) == 0  # the other verbs still work
    with pytest.raises(SystemExit):
        cli(["export", "pengukuran", "--db", str(demo_db.path), "--year", "2025", "--tw", "5", "--out", str(out)])
