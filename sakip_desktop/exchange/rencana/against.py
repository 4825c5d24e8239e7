"""Checks of a planning workbook's merged rows against what the office's database holds, as the planning
operations check the same values on the screens: spending within the pagu, approved quarters keep their targets,
a qualitative indicator's baseline and targets are ranks of its scale (one level, never a range) and its kind is
positive and not cumulative. Every problem is noted with the sheet, row and column of the file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip_desktop.domain import formats
from sakip_desktop.domain import planning as rules
from sakip_desktop.domain.qualitative import rank_of
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.rencana.cells import Located
from sakip_desktop.exchange.rencana.write import COLUMNS, QUARTER_TITLES, SHEET_INDICATORS, SHEET_SUBS
from sakip_desktop.exchange.xlsxkit import ImportErrors
from sakip_desktop.ops.planning.rows import RencanaData
from sakip_desktop.ops.planning.stored import approved_quarters, scales_by_code
from sakip_desktop.ops.realisation.qualitative import IndicatorScale
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class Merged:
    """The rows as stored now and as they will be, with where each row of the file is."""

    stored: RencanaData
    merged: RencanaData
    indicators: Mapping[Any, Located]
    targets: Mapping[Any, Located]
    spending: Mapping[Any, Located]


def check_against_stored(db: Database, rows: Merged, errors: ImportErrors) -> None:
    """Every check of this module, problems noted in `errors`."""
    _check_spending(rows, errors)
    _check_locked_quarters(db, rows, errors)
    scales = scales_by_code(db)
    if scales:
        _check_qualitative_indicators(rows, scales, errors)
        _check_qualitative_targets(rows, scales, errors)


def _check_spending(rows: Merged, errors: ImportErrors) -> None:
    """Realisasi anggaran needs a pagu that year and may not pass it."""
    ceilings = {(s.code, year): amount for s in rows.stored.sub_activities for year, amount in s.ceilings}
    ceilings |= {(s.code, year): amount for s in rows.merged.sub_activities for year, amount in s.ceilings}
    for row in rows.merged.spending:
        item = rows.spending[(row.sub_activity_code, row.year)]
        if item.failed:
            continue
        ceiling = ceilings.get((row.sub_activity_code, row.year))
        if ceiling is None:
            errors.add(
                f"sub kegiatan {row.sub_activity_code} belum punya pagu tahun {row.year}; isi pagunya di "
                f"lembar '{SHEET_SUBS}'.",
                item.sheet,
                item.row,
                "Kode sub kegiatan",
            )
            continue
        try:
            rules.spending_within_ceiling(ceiling, [a or 0 for a in row.amounts])
        except ValidationError:
            total = sum(a or 0 for a in row.amounts)
            errors.add(
                f"jumlah realisasi anggaran TW I–IV {formats.rupiah(total, sen=False)} melebihi pagu "
                f"{formats.rupiah(ceiling, sen=False)} tahun {row.year}.",
                item.sheet,
                item.row,
                "TW IV",
            )


def _check_locked_quarters(db: Database, rows: Merged, errors: ImportErrors) -> None:
    """A quarter whose realisasi the Camat approved keeps its target (its capaian is locked), as on the screen."""
    approved = approved_quarters(db)
    if not approved:
        return
    old_targets = {(t.indicator_code, t.year): t for t in rows.stored.targets}
    for t in rows.merged.targets:
        old = old_targets.get((t.indicator_code, t.year))
        for n in range(1, 5):
            if (t.indicator_code, t.year, n) not in approved:
                continue
            before = old.quarters[n - 1] if old else None
            if before != t.quarters[n - 1]:
                item = rows.targets[(t.indicator_code, t.year)]
                title = QUARTER_TITLES[n - 1]
                errors.add(
                    f"target {title} {t.indicator_code} tahun {t.year} tidak dapat diubah: realisasi {title} sudah "
                    "disetujui Camat dan terkunci.",
                    item.sheet,
                    item.row,
                    title,
                )


_KIND_COLUMNS = {"polarity": COLUMNS[SHEET_INDICATORS][3][0], "aggregation": COLUMNS[SHEET_INDICATORS][4][0]}


def _check_qualitative_indicators(rows: Merged, scales: Mapping[str, IndicatorScale], errors: ImportErrors) -> None:
    """A qualitative indicator stays positive and not cumulative, its baseline a rank of its scale."""
    for row in rows.merged.indicators:
        scale = scales.get(row.code)
        item = rows.indicators.get(row.code)
        if scale is None or item is None or item.failed:
            continue
        try:
            rules.indicator_kind(row.polarity, row.aggregation, qualitative=True)
        except ValidationError as exc:
            errors.add(f"{row.code}: {exc.message}", item.sheet, item.row, _KIND_COLUMNS[exc.field or "polarity"])
        _rank(row.code, scale, row.baseline, item, "Baseline", errors, what="baseline")


def _check_qualitative_targets(rows: Merged, scales: Mapping[str, IndicatorScale], errors: ImportErrors) -> None:
    """The targets of a qualitative indicator are ranks of its scale (the workbook writes the rank number), one
    level each, not a range."""
    for t in rows.merged.targets:
        scale = scales.get(t.indicator_code)
        if scale is None:
            continue
        item = rows.targets[(t.indicator_code, t.year)]
        _rank(t.indicator_code, scale, t.renstra, item, "Target Renstra", errors)
        for column, target in [("Target tahunan", t.yearly), *zip(QUARTER_TITLES, t.quarters, strict=True)]:
            if target is None:
                continue
            _rank(t.indicator_code, scale, target.low, item, column, errors)
            if target.high is not None:
                _rank(t.indicator_code, scale, target.high, item, column, errors)
                errors.add(
                    f"{t.indicator_code} memakai skala {scale.name}; target indikator kualitatif satu tingkat, "
                    "bukan rentang.",
                    item.sheet,
                    item.row,
                    column,
                )


def _rank(
    code: str,
    scale: IndicatorScale,
    value: Decimal | None,
    item: Located,
    column: str,
    errors: ImportErrors,
    what: str = "target",
) -> None:
    if value is None or rank_of(value) in scale.levels:
        return
    ranks = ", ".join(f"{rank} = {label}" for rank, label in sorted(scale.levels.items()))
    shown = formats.number(value, 0 if value == value.to_integral_value() else 2)
    errors.add(
        f"{code} memakai skala {scale.name}; {what} {shown} bukan peringkat skala itu (isi salah satu: {ranks}).",
        item.sheet,
        item.row,
        column,
    )


__all__ = ["Merged", "check_against_stored"]
