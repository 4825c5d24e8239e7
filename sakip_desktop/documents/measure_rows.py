"""One row builder for the indicator tables of the FPK and the Laporan Triwulan, and for their .xlsx exports.

Two measures, in separate labelled columns, so reports about the same quarter agree:
- *Capaian s.d. TW n*: realisasi s.d. TW n against the target s.d. TW n (the quarterly targets aggregated the
  indicator's way), graded with the office's bands (the Kategori beside it);
- *Progres thd target tahunan*: realisasi s.d. TW n against the yearly target, a percentage, not graded.
A final year prints the capaian for the year (the two are then one). The rata-rata follows the office's rule
(`ops.measurement.summary`, setting `achievement_average`) and the note under the table says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sakip_desktop.documents import kit
from sakip_desktop.documents.measure_text import DASH, amount_text, band_text, capaian_text, target_text
from sakip_desktop.documents.request import SheetTable
from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Polarity, achievement
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.measurement.capaian import MeasurementRow
from sakip_desktop.ops.measurement.summary import office_summary
from sakip_desktop.ops.measurement.year import NO_DATA

PROGRESS = "Progres thd Target Tahunan (%)"
MEAN_LABEL = "Rata-rata capaian kinerja"


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator's cells as printed; `objective` None under the sasaran's first line."""

    no: str
    objective: str | None
    indicator: str
    satuan: str
    target_year: str
    target_to_date: str
    actual: str  # realisasi s.d. TW n (for the year when final)
    capaian: str  # against the target s.d. TW n (for the year when final): graded
    category: str  # the band of `capaian`, with the year rule's row note; 'belum ada data'
    progress: str  # realisasi s.d. TW n against the yearly target: not graded
    targets: tuple[str, ...] = ()  # TW I..IV (the triwulan report)
    actuals: tuple[str, ...] = ()  # TW I..IV, '' after the quarter reported


@dataclass(frozen=True)
class MeanLine:
    """The rata-rata row: capaian and its band, and the mean progress (by the office's rule)."""

    capaian: str
    category: str
    progress: str


def _quarters(row: MeasurementRow, quarters: Sequence[MeasurementRow] | None) -> tuple[tuple[str, ...], ...]:
    if quarters is None:
        return (), ()
    targets = tuple(target_text(q.quarter_target, q.info) for q in quarters)
    actuals = tuple(amount_text(q.actual, q.info) if n < row.quarter else "" for n, q in enumerate(quarters))
    return targets, actuals


def indicator_lines(
    rows: Sequence[MeasurementRow],
    *,
    yearly: bool = False,
    notes: Mapping[int, str] | None = None,
    quarters: Sequence[Sequence[MeasurementRow]] | None = None,
) -> tuple[IndicatorLine, ...]:
    """The table's lines from `rows` (rated: a row without data has no capaian, `year.rated`); `yearly`: a final
    year; `notes`: the year rule's note per indicator id; `quarters`: the rows measured at TW I..IV, in the same
    order as `rows`, for the per-quarter targets and realisasi of the triwulan report."""
    out: list[IndicatorLine] = []
    previous = None
    for n, r in enumerate(rows):
        capaian = r.achievement_year if yearly else r.achievement_to_date
        category = band_text(r, capaian) if r.has_data else NO_DATA
        if note := (notes or {}).get(r.info.indicator_id, "") if r.has_data else "":
            category = f"{category} ({note})"
        targets, actuals = _quarters(r, [q[n] for q in quarters] if quarters else None)
        out.append(
            IndicatorLine(
                no=str(n + 1),
                objective=r.objective_label if r.info.objective_id != previous else None,
                indicator=r.info.name + (" (IKU)" if r.info.is_key else ""),
                satuan=r.info.unit,
                target_year=target_text(r.year_target, r.info),
                target_to_date=target_text(r.target_to_date, r.info),
                actual=amount_text(r.actual_to_date if r.has_data else None, r.info),
                capaian=capaian_text(r, capaian),
                category=category,
                progress=capaian_text(r, progress(r)),
                targets=targets,
                actuals=actuals,
            )
        )
        previous = r.info.objective_id
    return tuple(out)


def progress(row: MeasurementRow) -> Decimal | None:
    """Realisasi s.d. TW n ÷ target tahunan × 100, whatever the polarity (for a negative cumulative indicator: the
    part of the year's limit reached); None without data or with a target of 0."""
    if not row.has_data or row.actual_to_date is None or row.year_target is None:
        return None
    return achievement(row.actual_to_date, row.year_target, Polarity.POSITIVE)


def mean_line(rows: Sequence[MeasurementRow], average: str, *, yearly: bool = False) -> MeanLine:
    """The office's rata-rata over `rows` (rated) by the rule `average`: of the capaian, and of the progress."""
    summary = office_summary(rows, average=average)
    value = summary.achievement_year if yearly else summary.achievement
    band = rows[0].scale.band(value) if rows else None
    progressed = office_summary([replace(r, achievement_to_date=progress(r)) for r in rows], average=average)

    def text(v: Decimal | None) -> str:
        return DASH if v is None else formats.number(v, 2)

    return MeanLine(text(value), band.label if band else DASH, text(progressed.achievement))


def measures_note(quarter: int) -> str:
    """The note that names the two measures of a quarter table."""
    at = quarter_label(quarter)
    return (
        f"Capaian s.d. {at} = realisasi s.d. {at} ÷ target s.d. {at} × 100%, dinilai dengan kategori; "
        f"progres = realisasi s.d. {at} ÷ target tahunan × 100%, tidak dinilai (indikator negatif: bagian dari batas "
        "tahunan yang sudah tercapai)."
    )


def pdf_spans(sheet: SheetTable, group_column: int, mean_to: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """reportlab SPAN ranges of a sheet: its header merges, the sasaran over its indicators, and the rata-rata's
    label over the columns before `mean_to`."""
    heads = len(sheet.header_rows)
    spans = [((c1, r1), (c2, r2)) for r1, c1, r2, c2 in sheet.header_merges]
    body = sheet.rows[: len(sheet.rows) - sheet.total_rows]
    spans += kit.group_spans([row[group_column] for row in body], column=group_column, header_rows=heads)
    last = heads + len(sheet.rows) - 1
    if sheet.total_rows and mean_to > 1:
        spans.append(((0, last), (mean_to - 1, last)))
    return spans
