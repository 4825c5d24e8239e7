"""Measurement values as printed in the pengukuran and triwulan documents (Indonesian formats).

Whole numbers print without decimals ("24"), others with two ("92,86"); capaian always with two
("87,50"); a qualitative value by its level's label; a missing value as "-".
"""

from __future__ import annotations

from decimal import Decimal

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.qualitative import level_label
from sakip_desktop.ops.measurement import IndicatorInfo, MeasurementRow

DASH = "-"


def amount_text(value: Decimal | None, info: IndicatorInfo | None = None) -> str:
    """A target or realisasi: '24', '92,86', 'BB' for a qualitative rank, '-' when missing."""
    if value is None:
        return DASH
    if info is not None and info.levels:
        label = level_label(info.levels, value)
        if label:
            return label
    return formats.number(value, 0 if value == value.to_integral_value() else 2)


def target_text(target: Target | None, info: IndicatorInfo | None = None) -> str:
    """A target or a range '80 – 90'."""
    if target is None:
        return DASH
    if target.is_range:
        return f"{amount_text(target.low, info)} – {amount_text(target.high, info)}"
    return amount_text(target.low, info)


def capaian_text(row: MeasurementRow, value: Decimal | None) -> str:
    """'87,50' (display cap applied); '-' when it cannot be computed."""
    shown = row.scale.shown(value)
    return DASH if shown is None else formats.number(shown, 2)


def band_text(row: MeasurementRow, value: Decimal | None) -> str:
    """The category of a capaian ('Baik') or '-'."""
    band = row.scale.band(value)
    return band.label if band else DASH


def percent_text(value: Decimal | None) -> str:
    """'87,50' or '-' (the column header says %)."""
    return DASH if value is None else formats.number(value, 2)
