"""Plain domain rules: NIP, pangkat, formats, periods."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel import Locale
from babel.numbers import parse_pattern
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.domain.nip import format_nip, nip_parts, validate_nip
from sakip_desktop.domain.periods import current_reporting_period, quarter_end, quarter_label
from sakip_desktop.domain.ranks import GRADES, rank_label, validate_grade
from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import ValidationError


def test_pns_nip_from_the_regulation_is_accepted_with_or_without_spaces():
    assert validate_nip("19660801 198803 1 001", Employment.PNS) == "196608011988031001"
    parts = nip_parts("196608011988031001", Employment.PNS)
    assert parts is not None and parts.birth_date == dt.date(1966, 8, 1) and parts.sex == 1


def test_pppk_number_with_a_code_where_a_month_would_be_is_accepted():
    # regulations.md §6.1: digits 13-14 hold "24" for PPPK; it must not be rejected as a month.
    assert validate_nip("199009132025242014", Employment.PPPK) == "199009132025242014"
    with pytest.raises(ValidationError, match="tahun dan bulan pengangkatan"):
        validate_nip("199009132025242014", Employment.PNS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("19660801198803100", "harus 18 angka; yang diisi 17"),
        ("1966080119880310011", "harus 18 angka; yang diisi 19"),
        ("19661332 198803 1 001", "bukan tanggal lahir"),
        ("19660801 198803 3 001", "harus 1 (pria) atau 2 (wanita)"),
        ("1966O801198803100l", "hanya boleh berisi angka"),
        ("", "NIP wajib diisi"),
    ],
)
def test_bad_nip_says_what_is_wrong(text, message):
    with pytest.raises(ValidationError, match=re.escape(message)) as caught:
        validate_nip(text, Employment.PNS)
    assert caught.value.field == "nip"


def test_non_asn_may_have_no_nip():
    assert validate_nip("", Employment.NON_ASN) == ""


def test_nip_printing_follows_the_grouping_setting():
    assert format_nip("197802261997031002") == "19780226 199703 1 002"
    assert format_nip("197802261997031002", None) == "197802261997031002"


def test_grades_are_the_official_list_and_empty_is_allowed():
    assert len(GRADES) == 17 and GRADES[0] == "I/a" and GRADES[-1] == "IV/e"
    assert rank_label("IV/b") == "Pembina Tk. I (IV/b)"
    assert validate_grade("") == ""
    with pytest.raises(ValidationError, match="tidak ada dalam daftar resmi"):
        validate_grade("V/a")


def test_indonesian_formats():
    assert formats.long_date(dt.date(2024, 1, 17)) == "17 Januari 2024"
    assert formats.place_date("Karangploso", dt.date(2024, 11, 5)) == "Karangploso, 5 November 2024"
    assert formats.number(Decimal("1234.56")) == "1.234,56"
    assert formats.number(Decimal("2.345")) == "2,35"  # half up, not half even
    assert formats.percent(Decimal("87.5")) == "87,50%"
    assert formats.rupiah(1_500_000) == "Rp1.500.000,00"


@settings(max_examples=400, deadline=None)
@given(
    value=st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20, places=6),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_numbers_read_as_babels_own_pattern_of_the_locale_writes_them(value, decimals):
    # GIVEN any number the program prints, rounded half up as `number` does
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    rounded = rounded.copy_abs() if rounded.is_zero() else rounded
    # WHEN it is printed THEN the text is exactly what Babel's '#,##0.00…' pattern of id_ID gives
    pattern = parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))
    assert formats.number(value, decimals) == pattern.apply(rounded, Locale.parse("id_ID"))


def test_periods():
    assert quarter_label(3) == "TW III"
    assert quarter_end(2025, 4) == dt.date(2025, 12, 31)
    assert current_reporting_period(dt.date(2026, 1, 10)) == (2025, 4)
    assert current_reporting_period(dt.date(2026, 11, 22)) == (2026, 3)


# --- quarterly targets against the yearly target ------------------------------------------------------------


def test_quarterly_targets_are_checked_by_the_aggregation_kind():
    from sakip_desktop.domain.targets import quarterly_target_problems

    q = [Target(Decimal(v)) for v in ("10", "20", "30", "40")]
    assert quarterly_target_problems(Target(Decimal("100")), q, Aggregation.CUMULATIVE) == []
    assert quarterly_target_problems(Target(Decimal("40")), q, Aggregation.LAST_VALUE) == []
    assert quarterly_target_problems(Target(Decimal("25")), q, Aggregation.AVERAGE) == []
    wrong = quarterly_target_problems(Target(Decimal("90")), q, Aggregation.CUMULATIVE)
    assert wrong == ["jumlah target TW I–IV = 100, tidak sama dengan target tahunan 90"]
    assert quarterly_target_problems(Target(Decimal("1250.5")), q, Aggregation.CUMULATIVE) == [
        "jumlah target TW I–IV = 100, tidak sama dengan target tahunan 1.250,5"
    ]
    assert "target TW IV" in quarterly_target_problems(Target(Decimal("100")), q, Aggregation.LAST_VALUE)[0]


def test_missing_quarters_and_ranges_are_reported():
    from sakip_desktop.domain.targets import quarterly_target_problems

    assert quarterly_target_problems(Target(Decimal("4")), [Target(Decimal("1")), None], Aggregation.CUMULATIVE) == [
        "target TW II, TW III, TW IV belum diisi"
    ]
    ranged = [Target(Decimal("80"), Decimal("90"))] * 4
    assert quarterly_target_problems(Target(Decimal("80"), Decimal("90")), ranged, Aggregation.LAST_VALUE) == []
    bad = quarterly_target_problems(Target(Decimal("80"), Decimal("95")), ranged, Aggregation.LAST_VALUE)
    assert bad == ["batas atas target TW IV = 90, tidak sama dengan target tahunan 95"]
