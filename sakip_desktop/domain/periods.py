"""Fiscal years and quarters (triwulan); the fiscal year is the calendar year."""

from __future__ import annotations

import datetime as dt

ROMAN = ("I", "II", "III", "IV")


def quarter_label(quarter: int) -> str:
    """'TW I' … 'TW IV'."""
    return f"TW {ROMAN[quarter - 1]}"


def quarter_of(day: dt.date) -> int:
    """The quarter a date falls in (1-4)."""
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of a quarter."""
    month = quarter * 3
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_first - dt.timedelta(days=1)


def current_reporting_period(today: dt.date) -> tuple[int, int]:
    """The quarter an office is usually working on: the last one that has ended.

    In January the office reports TW IV of the year before.
    """
    q = quarter_of(today)
    if q == 1:
        return today.year - 1, 4
    return today.year, q - 1


def period_label(kind: str, number: int, year: int) -> str:
    """'Triwulan II 2025', 'Semester I 2025', 'Tahun 2025'."""
    if kind == "QUARTER":
        return f"Triwulan {ROMAN[number - 1]} {year}"
    if kind == "SEMESTER":
        return f"Semester {ROMAN[number - 1]} {year}"
    return f"Tahun {year}"
