"""Standard times (waktu) of SOP steps, as written in the seeds and normalised.

The seeds write "15 menit", "1 Jam", "2-3 hari", "3 - 5 Hari", "0" or nothing. The text stays as
written; `parse_standard_time` gives the normalised value the timers use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sakip_desktop.errors import ValidationError


class TimeUnit(StrEnum):
    """Minutes and hours count clock time; days count working days of the office calendar."""

    MINUTES = "MINUTES"
    HOURS = "HOURS"
    DAYS = "DAYS"

    @property
    def label(self) -> str:
        """Indonesian unit word."""
        return {"MINUTES": "menit", "HOURS": "jam", "DAYS": "hari"}[self.value]


@dataclass(frozen=True)
class StandardTime:
    """A standard time: `low` to `high` units (equal for a single value)."""

    low: float
    high: float
    unit: TimeUnit

    @property
    def is_working_days(self) -> bool:
        """True when measured in working days rather than clock time."""
        return self.unit is TimeUnit.DAYS

    @property
    def limit_minutes(self) -> float:
        """The upper bound in clock minutes (only for minute/hour times)."""
        return self.high * (60 if self.unit is TimeUnit.HOURS else 1)

    def label(self) -> str:
        """'15 menit', '2–3 hari'."""

        def num(x: float) -> str:
            return str(int(x)) if x == int(x) else str(x).replace(".", ",")

        span = num(self.low) if self.low == self.high else f"{num(self.low)}–{num(self.high)}"
        return f"{span} {self.unit.label}"


_UNITS = {
    "menit": TimeUnit.MINUTES,
    "mnt": TimeUnit.MINUTES,
    "jam": TimeUnit.HOURS,
    "hari": TimeUnit.DAYS,
    "hr": TimeUnit.DAYS,
}
MAX_AMOUNT = 9999  # of minutes, hours or days: no step of an SOP takes longer than that
_PATTERN = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–]\s*(\d+(?:[.,]\d+)?))?\s*([a-zA-Z]+)\.?\s*$")


def parse_standard_time(text: str) -> StandardTime | None:
    """Normalise a written time; None when there is none ('', '0', '-').

    Raises `ValidationError` for text that is not a time at all.
    """
    cleaned = text.strip()
    if cleaned in ("", "0", "-", "—"):
        return None
    match = _PATTERN.match(cleaned.replace("s.d.", "-").replace("sampai", "-"))
    if not match:
        raise ValidationError(f"Waktu '{text}' tidak dikenali; tulis mis. '15 menit', '1 jam', '2-3 hari'.")
    low = float(match.group(1).replace(",", "."))
    high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    unit = _UNITS.get(match.group(3).lower())
    if unit is None:
        raise ValidationError(f"Satuan waktu '{match.group(3)}' tidak dikenali; pakai menit, jam atau hari.")
    if high < low:
        raise ValidationError(f"Rentang waktu '{text}' terbalik.")
    if high > MAX_AMOUNT:
        # A typing error, and a thousand-digit number would not even print ('inf').
        raise ValidationError(f"Waktu '{_short(text)}' terlalu lama; paling lama {MAX_AMOUNT} {unit.label}.")
    return StandardTime(low=low, high=high, unit=unit)


def _short(text: str) -> str:
    return text.strip() if len(text.strip()) <= 30 else text.strip()[:30] + "…"
