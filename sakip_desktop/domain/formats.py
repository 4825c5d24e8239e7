"""Indonesian formats for dates, numbers and Rupiah, via Babel (regulations.md §6.3)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext
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


# Digits written out in full; a number longer than this (never one the program accepts, see `domain.bounds`)
# is shown as '1,23 × 10^40' instead of a line of digits.
_MAX_DIGITS = 40


def megabytes(size: int) -> str:
    """A file size as the office reads it: '1,8 MB'."""
    return f"{number(size / (1 << 20), 1)} MB"


def number(value: Decimal | int | float, decimals: int = 2) -> str:
    """'1.234,56' with a fixed number of decimals, rounded half up (Babel alone rounds half even).

    Never raises on a number: the rounding runs with as many digits as the value has (the default context's 28
    would fail on a long one), a value too long to write out is shown with a power of ten, and a value that
    is not a number is shown as a dash.
    """
    # A float goes through its shortest text (0.1 stays 0,1); an int converts exactly, however long.
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not exact.is_finite():
        return "—"
    if exact.adjusted() >= _MAX_DIGITS:
        return _scientific(exact)
    with localcontext() as ctx:
        # Enough digits for the whole part plus the decimals, so neither quantize nor Babel rounds or fails.
        ctx.prec = max(exact.adjusted(), 0) + decimals + 10
        exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if exact.is_zero():
            exact = exact.copy_abs()  # -0,004 rounds to 0,00, not -0,00
        return _number_pattern(decimals).apply(exact, _locale())


def _scientific(value: Decimal) -> str:
    mantissa = value.scaleb(-value.adjusted())
    return f"{number(mantissa, 2)} × 10^{value.adjusted()}"


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    # Parsed once per number of decimals: a screen formats hundreds of numbers.
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def percent(value: Decimal | int | float, decimals: int = 2) -> str:
    """'87,50%' (the value is already a percentage)."""
    text = number(value, decimals)
    return text if text == "—" else text + "%"


def rupiah(amount: Decimal | int, sen: bool = True) -> str:
    """'Rp1.500.000,00' (PUEBI: no space after Rp)."""
    text = number(amount, 2 if sen else 0)
    return text if text == "—" else "Rp" + text
