"""Qualitative targets (opini WTP, predikat SAKIP B…): values are ranks on an ordered scale the office defines.

A scale lists its levels from the lowest (rank 1) up; a higher rank is better. Targets and realisasi of a
qualitative indicator are stored as the level's rank, so the ordinary positive-polarity formula applies:
capaian = rank of the realisasi / rank of the target × 100 (regulations.md §3.1 has no national rule for
qualitative targets; this is the rule issue #4 sets).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

HUNDRED = Decimal(100)


def qualitative_achievement(actual_rank: Decimal | int | None, target_rank: Decimal | int | None) -> Decimal | None:
    """Capaian in percent of a qualitative indicator: realisasi rank / target rank × 100, unrounded.

    None when either is missing or the target rank is 0 (ranks start at 1, so only bad data gives 0).
    Example on the scale D(1) C(2) CC(3) B(4) BB(5) A(6) AA(7): target BB, realisasi B gives 4/5 × 100 = 80.
    """
    if actual_rank is None or target_rank is None or Decimal(target_rank) == 0:
        return None
    return Decimal(actual_rank) / Decimal(target_rank) * HUNDRED


def rank_of(value: Decimal | int | None) -> int | None:
    """The rank a stored value stands for: the whole number it is, or None (missing, or not a whole number)."""
    if value is None:
        return None
    value = Decimal(value)
    if not value.is_finite() or value != value.to_integral_value():
        return None
    return int(value)


def level_label(levels: Mapping[int, str], value: Decimal | int | None) -> str | None:
    """The label of the level whose rank `value` is; None when the value is no rank of the scale.

    An average of quarterly ranks (aggregation AVERAGE) may fall between two levels: that has no label.
    """
    rank = rank_of(value)
    return None if rank is None else levels.get(rank)


def label_of(levels: Mapping[int, str], value: Decimal | int | None) -> str | None:
    """The label to show for a stored value: the level's label on a qualitative indicator (non-empty `levels`).

    None for a numeric indicator (empty `levels`), a missing value, or a value that is no level (an average
    between two levels): the caller then formats the number. The one mapping every screen and file uses.
    """
    return level_label(levels, value) if levels else None


def rank_of_label(levels: Mapping[int, str], text: str) -> int | None:
    """The rank of the level written `text` (case and surrounding spaces ignored); None when no level is."""
    wanted = " ".join(str(text).split()).casefold()
    return next((rank for rank, label in levels.items() if label.casefold() == wanted), None)


def unknown_level_message(scale_name: str, levels: Mapping[int, str], text: str) -> str:
    """Why `text` cannot be a value of an indicator on the scale: it is no level; names the allowed ones."""
    allowed = ", ".join(levels[rank] for rank in sorted(levels))
    return f"'{text}' bukan tingkat skala {scale_name}; pilih salah satu: {allowed}."


def level_problem(scale_name: str, levels: Mapping[int, str], rank: int | None, shown: str) -> str | None:
    """Rule: the value of a qualitative indicator is one of its scale's levels.

    `rank` is the level the value stands for (the entry screen's rank, or the rank of the label written in a
    Format Isian; None when it is no level), `shown` how the person gave it (the number, or the text typed).
    """
    if rank is not None and rank in levels:
        return None
    return unknown_level_message(scale_name, levels, shown)
