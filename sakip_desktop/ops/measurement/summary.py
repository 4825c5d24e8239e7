"""Rata-rata capaian: per sasaran (the mean of its indicators) and for the office, by the office's rule.

The rule is the setting `achievement_average` (`ops.org.office.OfficeSettings`): `OBJECTIVES`, the mean of the
sasaran means (the default: what the program has always printed; regulations.md names the row "Rata-rata capaian
kinerja" of Form E.81 without defining it further), or `INDICATORS`, the mean of every indicator. Only capaian that
exist count: a row without data ("belum ada data", `year.rated`) is left out. `average_note` is the sentence a
table prints under it to say which rule it used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.achievement import Band, mean
from sakip_desktop.ops.measurement.bands import Scale
from sakip_desktop.ops.measurement.rows import MeasurementRow

OBJECTIVES = "objectives"
INDICATORS = "indicators"
AVERAGES = {
    OBJECTIVES: "rata-rata capaian sasaran (capaian sasaran = rata-rata capaian indikatornya)",
    INDICATORS: "rata-rata capaian seluruh indikator",
}


def average_note(average: str = OBJECTIVES) -> str:
    """'Rata-rata capaian kinerja = rata-rata capaian sasaran (…); indikator yang belum ada data tidak dihitung.'"""
    rule = AVERAGES.get(average, AVERAGES[OBJECTIVES])
    return f"Rata-rata capaian kinerja = {rule}; indikator yang belum ada data tidak dihitung."


@dataclass(frozen=True)
class ObjectiveRow:
    """A sasaran: the mean capaian of its indicators."""

    objective_id: int
    code: str
    statement: str
    indicators: int
    measured: int  # indicators that have a capaian to date
    achievement: Decimal | None  # mean of the capaian to date
    achievement_year: Decimal | None  # mean of the capaian for the year
    band: Band | None
    not_computable: int  # indicators whose capaian to date is a manual value (or missing)


@dataclass(frozen=True)
class OfficeSummary:
    """The office: the mean capaian of its sasaran."""

    objectives: int
    achievement: Decimal | None
    achievement_year: Decimal | None
    band: Band | None


def objective_summary(rows: Sequence[MeasurementRow], scale: Scale | None = None) -> list[ObjectiveRow]:
    """Per sasaran, in the rows' order: the mean of its indicators' capaian to date and its band.

    The scale (bands) is the one the rows were measured with unless another is given.
    """
    groups: dict[int, list[MeasurementRow]] = {}
    for row in rows:
        groups.setdefault(row.info.objective_id, []).append(row)
    out = []
    for members in groups.values():
        first = members[0]
        value = mean([r.achievement_to_date for r in members])
        used = scale or first.scale
        out.append(
            ObjectiveRow(
                objective_id=first.info.objective_id,
                code=first.info.objective_code,
                statement=first.info.objective_statement,
                indicators=len(members),
                measured=sum(r.achievement_to_date is not None for r in members),
                achievement=value,
                achievement_year=mean([r.achievement_year for r in members]),
                band=used.band(value),
                not_computable=sum(r.not_computable for r in members),
            )
        )
    return out


def office_summary(
    rows: Sequence[MeasurementRow], scale: Scale | None = None, *, average: str = OBJECTIVES
) -> OfficeSummary:
    """The office's rata-rata capaian by the office's rule `average` (`AVERAGES`): the mean of its sasaran (each
    sasaran weighs the same, however many indicators it has) or of its indicators."""
    objectives = objective_summary(rows, scale)
    if average == INDICATORS:
        value = mean([r.achievement_to_date for r in rows])
        year = mean([r.achievement_year for r in rows])
    else:
        value = mean([o.achievement for o in objectives])
        year = mean([o.achievement_year for o in objectives])
    used = scale or (rows[0].scale if rows else Scale())
    return OfficeSummary(len(objectives), value, year, used.band(value))
