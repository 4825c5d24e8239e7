"""Times and periods as the office reads them on screen: '1 Sep 2025 09.05', 'TW III 2025', 'Triwulan III 2025'."""

from __future__ import annotations

import datetime as dt

from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.runs import local_time
from ui.context import AppContext
from ui.widgets.forms import DASH

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def when(moment: dt.datetime | None) -> str:
    """'1 Sep 2025 09.05' (local time, Indonesian style), or a dash."""
    if moment is None:
        return DASH
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} {moment:%H.%M}"


def short_when(moment: dt.datetime | None) -> str:
    """'1 Sep 09.05' for tables whose year is said above them, or a dash."""
    if moment is None:
        return DASH
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment:%H.%M}"


def period_text(year: int, quarter: int | None) -> str:
    """'Triwulan III 2025' or 'Tahunan 2025'."""
    return f"Triwulan {ROMAN[quarter - 1]} {year}" if quarter else f"Tahunan {year}"


def period_title(ctx: AppContext) -> str:
    """'TW IV 2025'."""
    return f"{quarter_label(ctx.quarter)} {ctx.year}"


def local_when(moment: dt.datetime | None, offset: int) -> str:
    """A stored UTC time as the office's clock shows it: '8 Jan 2026 09.00'."""
    return when(None if moment is None else local_time(moment, offset))


def office_offset(ctx: AppContext) -> int:
    """Hours the office's clock is ahead of UTC (7 WIB, 8 WITA, 9 WIT)."""
    return get_settings(ctx.db).utc_offset_hours
