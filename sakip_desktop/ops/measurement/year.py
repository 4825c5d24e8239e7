"""A year measured as far as its data goes: is the year final, up to which quarter, and each row's state.

The one rule every year document (the FPK "Tahun", the LKj, `sakip export pengukuran`) prints by:

- the year is *final* only when every indicator's TW IV realisasi is in and every realisasi counted is
  approved by the Camat; only then are the figures "Realisasi Tahun" against the yearly target;
- before that the year is measured *s.d. TW n* (n = the last quarter with any realisasi): realisasi s.d. TW n
  against the target s.d. TW n, the document is a DRAF, and every row says what is missing or unapproved;
- an indicator without realisasi in TW n is "belum ada data": no capaian, no category, left out of the
  averages (`excluded` counts them).

"Rata-rata capaian" is the office's rule (`summary.office_summary`, setting `achievement_average`) over the rows
with data; `notes()` says which rule it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Band
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.measurement.bands import Scale
from sakip_desktop.ops.measurement.capaian import APPROVED, QUARTERS, MeasurementRow, measure_all
from sakip_desktop.ops.measurement.summary import AVERAGES, OBJECTIVES, average_note, office_summary
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.storage import models as m  # declared on first use (the Dasbor imports this module)
from sakip_desktop.storage.database import Database

NO_DATA = "belum ada data"


@dataclass(frozen=True)
class RowState:
    """One indicator of a year document: its figures as printed and what is not final about it."""

    row: MeasurementRow
    achievement: Decimal | None  # against the yearly target when final, else s.d. TW n; None: belum ada data
    band: Band | None
    has_data: bool
    approved: bool  # every realisasi counted so far approved, TW n included
    note: str  # '' when final; 'belum ada data', 'TW III belum disetujui', …


@dataclass(frozen=True)
class YearMeasurement:
    """A year as its documents print it (see the module)."""

    year: int
    through: int  # the last quarter with any realisasi; 0 when none
    final: bool
    rows: tuple[RowState, ...]
    achievement: Decimal | None  # the office's rata-rata over the rows with data
    band: Band | None
    excluded: int  # indicators left out of the averages (belum ada data)
    scale: Scale
    average: str = OBJECTIVES  # the office's rule for the rata-rata (`summary.AVERAGES`)

    @property
    def measured_to(self) -> int:
        """The quarter the figures are measured to (TW IV when there is no data at all)."""
        return self.through or 4

    @property
    def period(self) -> str:
        """'Tahun 2025' when final, else 's.d. TW III 2025'."""
        if self.final:
            return f"Tahun {self.year}"
        return f"s.d. {quarter_label(self.measured_to)} {self.year}"

    @property
    def unapproved(self) -> int:
        """Rows with data not (yet) approved."""
        return sum(1 for s in self.rows if s.has_data and not s.approved)

    @property
    def open_rows(self) -> tuple[RowState, ...]:
        """The indicators that keep the year from being final (TW IV not in, or a realisasi not approved)."""
        if self.final:
            return ()
        return tuple(s for s in self.rows if self.through < 4 or not s.approved)

    def notes(self) -> list[str]:
        """The notes a year table prints under it (why DRAF, what was left out, how the mean is taken)."""
        out = []
        if not self.final:
            out.append(draft_note(self.measured_to))
        out.extend(excluded_notes(self.excluded))
        out.append(average_note(self.average))
        return out


def excluded_notes(excluded: int) -> list[str]:
    """The note on the indicators without realisasi ("belum ada data"), left out of the averages; none when every
    indicator has data. One wording for every table that prints it."""
    return [f"{excluded} indikator belum ada data, tidak dihitung dalam rata-rata capaian."] if excluded else []


def draft_note(through: int) -> str:
    """Why a year document is a DRAF and what its figures are."""
    at = quarter_label(through)
    return (
        f"DRAF: realisasi tahun belum lengkap atau belum disetujui seluruhnya; angka diukur s.d. {at} "
        f"terhadap target s.d. {at}."
    )


def _note(row: MeasurementRow, final: bool) -> str:
    at = quarter_label(row.quarter)
    if not row.has_data:
        return f"{NO_DATA} {at}" if any(s is not None for s in row.statuses) else NO_DATA
    if final:
        return ""
    waiting = [quarter_label(q) for q, s in enumerate(row.statuses, start=1) if s is not None and s != APPROVED]
    return f"{', '.join(waiting)} belum disetujui" if waiting else ""


def not_final_count(rows: Sequence[MeasurementRow]) -> int:
    """The indicators whose realisasi of the measured period is missing or not (all) approved by the Camat: while
    any is, a quarter's documents are a DRAF."""
    return sum(1 for r in rows if not r.all_approved or r.status is None)


def rated(rows: Sequence[MeasurementRow]) -> list[MeasurementRow]:
    """The rows as averages and screens take them: a row without realisasi in its quarter keeps no capaian and
    no category ("belum ada data"), so `objective_summary`/`office_summary` leave it out of their means."""
    return [
        r
        if r.has_data
        else replace(r, achievement_to_date=None, achievement_year=None, band=None, not_computable=False)
        for r in rows
    ]


def row_states(rows: Sequence[MeasurementRow], final: bool) -> tuple[RowState, ...]:
    """Each row with its printed capaian and state (`final`: measured at TW IV against the yearly target)."""
    out = []
    for r in rows:
        value = (r.achievement_year if final else r.achievement_to_date) if r.has_data else None
        approved = r.has_data and all(s == APPROVED for s in r.statuses if s is not None)
        out.append(RowState(r, value, r.scale.band(value), r.has_data, approved, _note(r, final)))
    return tuple(out)


def year_measurement(
    year: int, by_quarter: Mapping[int, Sequence[MeasurementRow]], scale: Scale, average: str = OBJECTIVES
) -> YearMeasurement:
    """The year from its rows measured at each quarter ({1: rows, …, 4: rows}, as `measure_all` gives)."""
    through = max((q for q in QUARTERS if any(r.has_data for r in by_quarter.get(q, ()))), default=0)
    last = list(by_quarter.get(4, ()))
    final = through == 4 and bool(last) and all(r.has_data and all(s == APPROVED for s in r.statuses) for r in last)
    rows = rated(by_quarter.get(through or 4, ()))
    states = row_states(rows, final)
    office = office_summary(rows, scale, average=average)
    value = office.achievement_year if final else office.achievement
    excluded = sum(1 for s in states if not s.has_data)
    return YearMeasurement(year, through, final, states, value, scale.band(value), excluded, scale, average)


def year_from(
    measured: Mapping[tuple[int, int], Sequence[MeasurementRow]], year: int, average: str = OBJECTIVES
) -> YearMeasurement:
    """The year from `measure_all`/`measure_all_in`'s result ({(year, quarter): rows}), e.g. the LKj's one read;
    `average`: the office's setting `achievement_average` (`ops.org.office.get_settings`)."""
    by_quarter = {q: measured.get((year, q), []) for q in QUARTERS}
    first = next((rows[0] for rows in by_quarter.values() if rows), None)
    return year_measurement(year, by_quarter, first.scale if first else Scale(), average)


def average_in(session: Session) -> str:
    """The office's rule for the rata-rata (setting `achievement_average`) read in `session`, e.g. the LKj's one read
    (`get_settings` reads in plain SQL, outside it)."""
    raw = session.scalar(select(m.Setting.value).where(m.Setting.key == "achievement_average"))
    value = json.loads(raw) if raw else OBJECTIVES
    return value if value in AVERAGES else OBJECTIVES


def measure_year(db: Database, year: int, *, unit_id: int | None = None) -> YearMeasurement:
    """The year of the office (or one unit's indicators), measured as far as its data goes."""
    average = get_settings(db).achievement_average
    return year_from(measure_all(db, [year], unit_id=unit_id), year, average)
