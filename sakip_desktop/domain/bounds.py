"""How large a number the program accepts: one bound per kind of value, checked wherever a number comes in.

A number typed on a screen, read from a Format Isian or a planning workbook, or passed to an operation is
checked here before it is stored, so that everything stored can be added up, divided into a capaian, kept
in SQLite (a 64-bit integer for Rupiah) and printed by `domain.formats` in every report and export.

The bounds are far above anything a kecamatan records (the whole APBN is about Rp3.300 triliun, under the
Rupiah bound) and low enough that a sum of thousands of them still fits a 64-bit integer and Excel's 15
significant digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, localcontext

from sakip_desktop.errors import ValidationError


@dataclass(frozen=True)
class Bound:
    """The accepted range of one kind of value: `minimum` up to `maximum` before the decimal comma, with at most
    `decimals` decimal places and `digits` significant digits."""

    what: str  # Indonesian, for messages: "nilai indikator"
    minimum: Decimal
    maximum: Decimal
    decimals: int
    # Excel keeps 15 significant digits: a value with more would come back changed from a Format Isian or a
    # planning workbook the program wrote, and the same file would be refused on its way back.
    digits: int = 15

    def shown_maximum(self) -> str:
        """The largest accepted value as a person writes it ('999.999.999.999.999')."""
        from sakip_desktop.domain.formats import number

        return number(self.maximum, 0)


# Realisasi, targets (Renstra, yearly, quarterly), baseline and revised values of an indicator. Decimals are
# generous for small values: Excel hands a computed cell over with 15 significant digits (=2/3 is
# 0,666666666666667, 1/30000 is 0,0000333333333333333).
INDICATOR_VALUE = Bound("nilai indikator", Decimal(0), Decimal(10) ** 15 - 1, 20)

# Whole Rupiah: pagu and realisasi anggaran of a sub kegiatan. Below Rp1 kuadriliun; thousands of them
# still add up inside SQLite's 64-bit integer (9,2 × 10^18).
RUPIAH = Bound("rupiah", Decimal(0), Decimal(10) ** 15 - 1, 0)

# A capaian typed by a person (the manual capaian where the target is 0): a hundred times the target is
# already far beyond any real case.
PERCENT = Bound("persentase", Decimal(0), Decimal(10_000), 20)


def problem(value: Decimal | int, bound: Bound) -> str | None:
    """What is wrong with a number of this kind (Indonesian, lower case first), or None when it is accepted.

    For importers, which say where the number is before this text; `check` raises it with a label.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return "harus berupa angka."
    amount = Decimal(value)
    if not amount.is_finite():
        return "harus berupa angka."
    if amount < bound.minimum:
        return "tidak boleh negatif." if bound.minimum == 0 else f"paling kecil {bound.minimum}."
    if amount.to_integral_value(ROUND_FLOOR) > bound.maximum:  # compared whole: 999…999,5 is within
        digits = amount.adjusted() + 1
        size = f" (angka {digits} digit di depan koma)" if digits > bound.maximum.adjusted() + 1 else ""
        return f"terlalu besar{size}; paling besar {bound.shown_maximum()}. Periksa kembali angkanya."
    if _places(amount) > bound.decimals and _trimmed(amount, bound.decimals) != amount:
        if bound.decimals == 0:
            return "harus bilangan bulat (tanpa angka di belakang koma)."
        return f"terlalu banyak angka di belakang koma ({_places(amount)}; paling banyak {bound.decimals})."
    significant = _significant(amount)
    if significant > bound.digits:
        return (
            f"terlalu rinci ({significant} angka; paling banyak {bound.digits} angka, seperti yang disimpan Excel). "
            "Bulatkan angkanya."
        )
    return None


def _significant(amount: Decimal) -> int:
    """Digits of the value without leading or trailing zeros (1200 has 2, 0,0050 has 1)."""
    with localcontext() as ctx:
        ctx.prec = 80  # wide enough for every value within a bound: normalize() must not round
        return len(amount.normalize().as_tuple().digits)


def accepted(value: Decimal | int, bound: Bound) -> tuple[Decimal | None, str | None]:
    """(the value as stored, None) when it is accepted, else (None, what is wrong as `problem` says it).

    The value is kept exactly as given, except that zeros beyond the allowed decimals are dropped, an
    exponent is written out (1E+3 is stored as 1000) and a negative zero loses its sign.
    """
    found = problem(value, bound)
    if found is not None:
        return None, found
    amount = Decimal(value)
    if _places(amount) > bound.decimals or amount.as_tuple().exponent > 0:  # type: ignore[operator]
        amount = _trimmed(amount, min(_places(amount), bound.decimals))
    return (amount.copy_abs() if amount.is_zero() else amount), None


def check(value: Decimal | int | None, bound: Bound, label: str, field: str | None = None) -> Decimal | None:
    """The value as stored (see `accepted`; None stays None), or `ValidationError` naming `label`
    ('Realisasi terlalu besar …')."""
    if value is None:
        return None
    amount, found = accepted(value, bound)
    if found is not None:
        raise ValidationError(f"{label} {found}", field=field)
    return amount


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _trimmed(amount: Decimal, places: int) -> Decimal:
    """`amount` rounded to `places` decimals (exact for every value within a bound: the context is wide)."""
    with localcontext() as ctx:
        ctx.prec = 80
        return amount.quantize(Decimal(1).scaleb(-places))


def check_rupiah(value: int | Decimal | None, label: str, field: str | None = None) -> int | None:
    """Whole Rupiah within `RUPIAH` as an int (None stays None), or `ValidationError` naming `label`."""
    amount = check(value, RUPIAH, label, field)
    return None if amount is None else int(amount)


__all__ = ["INDICATOR_VALUE", "PERCENT", "RUPIAH", "Bound", "accepted", "check", "check_rupiah", "problem"]
