"""The LKj's comparisons over the years, with the Renstra and with a benchmark (regulations.md §1.3 analyses 2–4,
§1.5 tables III.A-2, III.A-3 and III.A-4).

Per indicator of the report year n:

- realisasi and capaian of n-2, n-1 and n. Year n is the LKj's own figures (`LkjData`, measured by the one year
  rule of `measurement.year`); an earlier year is measured by the same rule, so a year whose TW IV is not in or not
  approved says "s.d. TW n" in its column head. A year the program holds no realisasi for is absent (None): its
  column prints "–" and the table a note;
- the Renstra's end target, the realisasi of n against it, and the progress made from the kondisi awal (baseline)
  towards it: (realisasi − kondisi awal) ÷ (target akhir − kondisi awal) × 100, only on a final year (s.d. TW III
  of a cumulative indicator is no level to measure a way by);
- the benchmark ("standar nasional", SPM, …) the office entered for the indicator; '' when none, and then the LKj
  leaves analysis 4 out for it.

Read-only, in one reading session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.lkj.data import IndicatorResult, LkjData, SasaranResult
from sakip_desktop.ops.measurement.capaian import measure_all_in
from sakip_desktop.ops.measurement.year import YearMeasurement, average_in, year_from
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Indicator

YEARS_SHOWN = 3  # n-2, n-1, n
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class YearColumn:
    """One year of the comparison: whether the program holds realisasi for it and how far it is measured."""

    year: int
    held: bool  # some indicator has a realisasi in this year
    final: bool  # every TW IV in and approved (`measurement.year`)
    through: int  # the last quarter with a realisasi (0: none)

    @property
    def label(self) -> str:
        """'2024'; a year not yet final '2025 (s.d. TW III)', or '2024 (belum final)' when its TW IV is in but not
        every realisasi is approved."""
        if not self.held or self.final:
            return str(self.year)
        if self.through == 4:
            return f"{self.year} (belum final)"
        return f"{self.year} (s.d. {quarter_label(self.through)})"


@dataclass(frozen=True)
class YearFigure:
    """An indicator in one year: realisasi and capaian (None: not held, or belum ada data)."""

    actual: Decimal | None
    achievement: Decimal | None


@dataclass(frozen=True)
class IndicatorHistory:
    """One indicator over n-2..n, against the Renstra's end target and against its benchmark."""

    indicator_id: int
    years: tuple[YearFigure, ...]  # in the order of `LkjHistory.columns`
    baseline: Decimal | None  # the Renstra's kondisi awal
    renstra_year: int | None  # the year of its last Renstra target
    renstra_target: Decimal | None
    renstra_achievement: Decimal | None  # realisasi of n against the end target
    progress: Decimal | None  # share of the way from the kondisi awal to the end target, in %
    benchmark: str  # '' when the office entered none


@dataclass(frozen=True)
class LkjHistory:
    """The comparisons of the LKj of `year`, per indicator id."""

    year: int
    columns: tuple[YearColumn, ...]  # n-2, n-1, n (oldest first)
    indicators: Mapping[int, IndicatorHistory]

    def of(self, indicator: IndicatorResult) -> IndicatorHistory:
        """The comparisons of `indicator`."""
        return self.indicators[indicator.indicator_id]

    @property
    def absent_years(self) -> tuple[int, ...]:
        """The years of the comparison the program holds no realisasi for."""
        return tuple(c.year for c in self.columns if not c.held)

    def benchmarked(self, sasaran: SasaranResult) -> tuple[IndicatorResult, ...]:
        """The indicators of `sasaran` the office entered a benchmark for (analysis 4 prints only these)."""
        return tuple(i for i in sasaran.indicators if self.of(i).benchmark)


def progress(actual: Decimal | None, baseline: Decimal | None, target: Decimal | None) -> Decimal | None:
    """How far the realisasi has come from the kondisi awal towards the end target, in % (100: reached); None when
    a value is missing or the target equals the kondisi awal (no way to go)."""
    if actual is None or baseline is None or target is None or target == baseline:
        return None
    return (actual - baseline) / (target - baseline) * HUNDRED


def _column(measure: YearMeasurement) -> YearColumn:
    held = measure.through > 0
    return YearColumn(measure.year, held, held and measure.final, measure.through)


def _earlier(measure: YearMeasurement) -> dict[int, YearFigure]:
    """Each indicator's figures in an earlier year, as the year rule prints them."""
    out = {}
    for state in measure.rows:
        row = state.row
        actual = row.actual_to_date if state.has_data else None
        out[row.info.indicator_id] = YearFigure(actual, state.achievement)
    return out


def _indicator(
    i: IndicatorResult, earlier: list[dict[int, YearFigure]], benchmark: str, final: bool
) -> IndicatorHistory:
    absent = YearFigure(None, None)
    years = tuple(figures.get(i.indicator_id, absent) for figures in earlier)
    # progress needs the whole year (s.d. TW III of a cumulative indicator is not a level) and a numeric scale
    measurable = final and not i.labels
    return IndicatorHistory(
        indicator_id=i.indicator_id,
        years=(*years, YearFigure(i.actual, i.achievement)),
        baseline=i.baseline,
        renstra_year=i.renstra_final_year,
        renstra_target=i.renstra_final_target,
        renstra_achievement=i.renstra_achievement,
        progress=progress(i.actual, i.baseline, i.renstra_final_target) if measurable else None,
        benchmark=benchmark,
    )


def lkj_history(db: Database, data: LkjData) -> LkjHistory:
    """The comparisons of the LKj whose figures are `data` (its year n and indicators)."""
    year = data.year
    earlier_years = list(range(year - YEARS_SHOWN + 1, year))
    with db.reading() as s:
        measured = measure_all_in(s, earlier_years)
        average = average_in(s)
        ids = [i.indicator_id for i in data.indicators]
        benchmarks = dict(s.execute(select(Indicator.id, Indicator.benchmark).where(Indicator.id.in_(ids))).all())
    measures = [year_from(measured, y, average) for y in earlier_years]
    this_year = YearColumn(year, data.measure.through > 0, data.measure.final, data.measure.through)
    figures = [_earlier(m) for m in measures]
    final = data.measure.final
    indicators = {
        i.indicator_id: _indicator(i, figures, benchmarks.get(i.indicator_id) or "", final) for i in data.indicators
    }
    return LkjHistory(year, (*[_column(m) for m in measures], this_year), indicators)
