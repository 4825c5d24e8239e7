"""Indonesian formats for dates, numbers and Rupiah, via Babel (regulations.md §6.3)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "id_ID"


def long_date(day: dt.date) -> str:
    """'17 Januari 2024': no leading zero, month in full."""
    return format_date(day, "d MMMM y", locale=LOCALE)


def place_date(place: str, day: dt.date) -> str:
    """'Karangploso, 17 Januari 2024' for signature blocks."""
    return f"{place}, {long_date(day)}"


def number(value: Decimal | int | float, decimals: int = 2) -> str:
    """'1.234,56' with a fixed number of decimals, rounded half up (Babel alone rounds half even)."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return _number_pattern(decimals).apply(exact, _locale())


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    # Parsed once per number of decimals: a screen formats hundreds of numbers.
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def percent(value: Decimal | int | float, decimals: int = 2) -> str:
    """'87,50%' (the value is already a percentage)."""
    return number(value, decimals) + "%"


def rupiah(amount: Decimal | int, sen: bool = True) -> str:
    """'Rp1.500.000,00' (PUEBI: no space after Rp)."""
    return "Rp" + number(amount, 2 if sen else 0)
