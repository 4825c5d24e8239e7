"""The one way a number, percent, range, Rupiah amount or date becomes text (regulations.md §6.3), via Babel.

Every document, workbook, screen and message prints values through here:

- `number(v, d)`: '1.234,56' with exactly d decimals; `percent` '87,50%'; `rupiah` 'Rp1.500.000,00';
  `rupiah_figure` '1.500.000' under a header 'Anggaran (Rp)'.
- `amount(v)`: a target or realisasi as the forms print it: '24', '92,86' (two decimals unless whole).
- `compact(v)`: up to two decimals, trailing zeros dropped: '70', '92,5' (the PK and messages).
- `exact(v)`: every digit, decimal comma, no thousands dot: '1500', '12,5' (a value to type over or read back).
- `span(low, high)`: a range of two printed ends: '80–90', an en dash without spaces (PermenPAN-RB 6/2022
  writes 'target 80–90%'); `amount_range(low, high)` '80–90' from two numbers; `with_unit(text, unit)` puts
  the unit once after it: '80–90%', '80–90 nilai'.
- `long_date`, `place_date`: '17 Januari 2024', 'Karangploso, 17 Januari 2024'.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

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
        # The locale's pattern '#,##0.00' is grouping by threes with its own two signs: Python writes the digits
        # (exactly: the value is already rounded), the signs are the locale's. Babel's own pattern.apply gives
        # the same text (tests/core/test_domain.py compares them) at a tenth of the speed, and a first screen
        # or a report formats hundreds of numbers.
        return format(exact, f",.{decimals}f").translate(_signs())


def _scientific(value: Decimal) -> str:
    mantissa = value.scaleb(-value.adjusted())
    return f"{number(mantissa, 2)} × 10^{value.adjusted()}"


@cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@cache
def _signs() -> dict[int, str]:
    """Python's ',' and '.' of `format(x, ',.2f')` as the locale's group and decimal signs ('.' and ',' in id_ID),
    and its '-' as the locale's minus sign."""
    locale = _locale()
    return str.maketrans(
        {",": get_group_symbol(locale), ".": get_decimal_symbol(locale), "-": get_minus_sign_symbol(locale)}
    )


def percent(value: Decimal | int | float | None, decimals: int = 2, missing: str = "-") -> str:
    """'87,50%' (the value is already a percentage); `missing` for no value."""
    if value is None:
        return missing
    text = number(value, decimals)
    return text if text == "—" else text + "%"


def amount(value: Decimal | int | float | None, missing: str = "-") -> str:
    """A target or realisasi: whole numbers without decimals ('24'), others with two ('92,86'); `missing` for
    no value."""
    if value is None:
        return missing
    whole = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return number(value, 0 if whole.is_finite() and whole == whole.to_integral_value() else 2)


def compact(value: Decimal | int) -> str:
    """Up to two decimals, trailing zeros dropped: '70', '92,5', '92,86'."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = min(-exponent, 2) if isinstance(exponent, int) and exponent < 0 else 0
    return number(value, decimals)


def exact(value: Decimal | int) -> str:
    """Every digit with a decimal comma and no thousands dot: '1500', '12,5' (a stored value to type over or to
    read back from a workbook, where a dot would be ambiguous)."""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


RANGE_DASH = "–"  # en dash, no spaces: '80–90'


def amount_range(low: Decimal, high: Decimal | None) -> str:
    """A target as the forms print it: '70', or '80–90' for a range (`amount` at each end, `span`)."""
    return span(amount(low), None if high is None else amount(high))


def span(low: str, high: str | None) -> str:
    """A range from its two printed ends: '80–90'; just `low` when there is no upper end or both read the same."""
    if high is None or high == low:
        return low
    return f"{low}{RANGE_DASH}{high}"


def with_unit(text: str, unit: str) -> str:
    """A printed value or range with its unit once after it: '80–90%' (a percent sign sticks to the number),
    '7 kali'; the text alone when there is no unit."""
    unit = unit.strip()
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def rupiah_figure(value: Decimal | int) -> str:
    """'1.485.650.000': a Rupiah amount without 'Rp' and sen, for a column whose header says 'Anggaran (Rp)'."""
    return number(value, 0)


def rupiah(amount: Decimal | int, sen: bool = True) -> str:
    """'Rp1.500.000,00' (PUEBI: no space after Rp)."""
    text = number(amount, 2 if sen else 0)
    return text if text == "—" else "Rp" + text
