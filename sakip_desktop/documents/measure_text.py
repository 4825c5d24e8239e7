"""Measurement values as printed in the pengukuran and triwulan documents (Indonesian formats).

Whole numbers print without decimals ("24"), others with two ("92,86"); capaian always with two
("87,50"); a qualitative value by its level's label; a missing value as "-".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.qualitative import level_label
from sakip_desktop.ops.measurement.capaian import IndicatorInfo, MeasurementRow
from sakip_desktop.ops.measurement.year import excluded_notes
from sakip_desktop.ops.realisation.views import PeriodRevision

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from sakip_desktop.documents.kit import Styles


DASH = "-"


def amount_text(value: Decimal | None, info: IndicatorInfo | None = None) -> str:
    """A target or realisasi: '24', '92,86', 'BB' for a qualitative rank, '-' when missing."""
    if value is None:
        return DASH
    if info is not None and info.levels:
        label = level_label(info.levels, value)
        if label:
            return label
    return formats.amount(value)


def target_text(target: Target | None, info: IndicatorInfo | None = None) -> str:
    """A target or a range '80–90' (`formats.span`)."""
    if target is None:
        return DASH
    if target.is_range:
        return formats.span(amount_text(target.low, info), amount_text(target.high, info))
    return amount_text(target.low, info)


def capaian_text(row: MeasurementRow, value: Decimal | None) -> str:
    """'87,50' (display cap applied); '-' when it cannot be computed."""
    shown = row.scale.shown(value)
    return DASH if shown is None else formats.number(shown, 2)


def band_text(row: MeasurementRow, value: Decimal | None) -> str:
    """The category of a capaian ('Baik') or '-'."""
    band = row.scale.band(value)
    return band.label if band else DASH


def no_data_notes(rows: Sequence[MeasurementRow]) -> tuple[str, ...]:
    """The note under a quarter table on its rows without realisasi in the quarter ("belum ada data", left out of
    the averages; `ops.measurement.year.rated`), worded as the FPK's; nothing when every row has data."""
    return tuple(excluded_notes(sum(1 for r in rows if not r.has_data)))


def percent_text(value: Decimal | None) -> str:
    """'87,50' or '-' (the column header says %)."""
    return DASH if value is None else formats.number(value, 2)


def revision_lines(revisions: Sequence[PeriodRevision], utc_offset_hours: int) -> tuple[str, ...]:
    """One line per revision of an approved value, as the reports print it under their table:
    'IK04 Jumlah pembinaan … TW II: 6 menjadi 7, direvisi 12 Agustus 2025 oleh Sri …; alasan: salah ketik.'"""
    lines = []
    for r in revisions:
        day = (r.revised_at + dt.timedelta(hours=utc_offset_hours)).date()
        lines.append(
            f"{r.code} {r.indicator} {quarter_label(r.quarter)}: {amount_text(r.old_value)} menjadi "
            f"{amount_text(r.new_value)}, direvisi {formats.long_date(day)} oleh {r.revised_by}; alasan: "
            f"{' '.join(r.reason.split())}."
        )
    return tuple(lines)


def revision_notes(lines: Sequence[str], st: Styles) -> list[Flowable]:
    """The flowables under a measurement table that list its revised values; nothing when there are none."""
    if not lines:
        return []
    from sakip_desktop.documents import kit

    out = [kit.para("Catatan revisi: nilai realisasi berikut diubah setelah disetujui Camat.", st.small)]
    out += [kit.para(f"{n}. {line}", st.small) for n, line in enumerate(lines, start=1)]
    return out
