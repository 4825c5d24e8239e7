"""Capaian (achievement) of indicators, per regulations.md §3: formulas, ranges, aggregation, bands.

Everything is `Decimal`; nothing is rounded here. Presentation rounds half up to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)


class Polarity(StrEnum):
    """Higher is better (POSITIVE) or lower is better (NEGATIVE)."""

    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"


class Aggregation(StrEnum):
    """How quarterly values make the value to date and for the year."""

    CUMULATIVE = "CUMULATIVE"  # quarters are summed
    LAST_VALUE = "LAST_VALUE"  # the latest quarter's value counts (stocks, percentages, indexes)
    AVERAGE = "AVERAGE"  # the mean of the quarters


@dataclass(frozen=True)
class Target:
    """A target value, or a range `low`–`high`."""

    low: Decimal
    high: Decimal | None = None

    @property
    def is_range(self) -> bool:
        """True for a target given as a range."""
        return self.high is not None and self.high != self.low

    def reference(self, actual: Decimal) -> Decimal | None:
        """The value to measure against; None when the actual lies inside the range (fully achieved)."""
        if not self.is_range:
            return self.low
        assert self.high is not None
        if actual > self.high:
            return self.high
        if actual < self.low:
            return self.low
        return None


def achievement(actual: Decimal, target: Target, polarity: Polarity) -> Decimal | None:
    """Capaian in percent; None when it cannot be computed (a target of 0: capaian is entered by hand).

    Positive: realisasi / target × 100. Negative: (2 × target − realisasi) / target × 100.
    A range target counts against its upper bound when exceeded and its lower bound when not reached;
    inside the range the target is met (100).
    """
    reference = target.reference(actual)
    if reference is None:
        return HUNDRED
    if reference == 0:
        return None
    if polarity is Polarity.POSITIVE:
        return actual / reference * HUNDRED
    return (2 * reference - actual) / reference * HUNDRED


def aggregate(values: Sequence[Decimal | None], kind: Aggregation) -> Decimal | None:
    """The value to date from quarterly values (TW I first); quarters with no value are left out."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if kind is Aggregation.CUMULATIVE:
        return sum(present, Decimal(0))
    if kind is Aggregation.LAST_VALUE:
        return next(v for v in reversed(values) if v is not None)
    return sum(present, Decimal(0)) / len(present)


@dataclass(frozen=True)
class Band:
    """A category: values from `minimum` (inclusive) up to the next band's minimum."""

    minimum: Decimal
    label: str
    colour: str  # traffic-light colour for screens and charts


# regulations.md §3.2 (LKjIP Inspektorat Kab. Sampang 2019): 91–100 Sangat Baik … ≤ 50 Sangat Kurang.
# Half-open on the unrounded value; above 100 stays in the top band.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Decimal(91), "Sangat Baik", "#1b5e20"),
    Band(Decimal(76), "Baik", "#4caf50"),
    Band(Decimal(66), "Cukup", "#f9a825"),
    Band(Decimal(51), "Kurang", "#ef6c00"),
    Band(Decimal("-Infinity"), "Sangat Kurang", "#c62828"),
)


def category(value: Decimal | None, bands: Sequence[Band] = DEFAULT_BANDS) -> Band | None:
    """The band a capaian falls in (bands ordered from the highest minimum down)."""
    if value is None:
        return None
    for band in sorted(bands, key=lambda b: b.minimum, reverse=True):
        if value >= band.minimum:
            return band
    return None


def capped(value: Decimal | None, cap: Decimal | None) -> Decimal | None:
    """The value shown when the office sets a display cap (e.g. 120); the stored value stays uncapped."""
    if value is None or cap is None:
        return value
    return min(value, cap)


def absorption(spent: int | Decimal, ceiling: int | Decimal) -> Decimal | None:
    """Serapan anggaran (%) of a pagu; None for a pagu of 0."""
    if not ceiling:
        return None
    return Decimal(spent) / Decimal(ceiling) * HUNDRED


def efficiency(achievement_pct: Decimal | None, absorption_pct: Decimal | None) -> Decimal | None:
    """Efisiensi: capaian kinerja against serapan anggaran (capaian / serapan × 100).

    Above 100: more performance than budget used.
    """
    if achievement_pct is None or not absorption_pct:
        return None
    return achievement_pct / absorption_pct * HUNDRED


def mean(values: Sequence[Decimal | None]) -> Decimal | None:
    """The average of the values that exist (capaian of a sasaran from its indicators)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)
