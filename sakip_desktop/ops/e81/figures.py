"""The figures of Formulir E.81 ("Evaluasi terhadap Hasil Renja Perangkat Daerah", Permendagri 86/2017;
regulations.md §3.3) for TW n of a year, from the planning, budget and realisasi data the measurement and the LKj
read. Read-only.

Columns 5–14 are pairs (K = kinerja, Rp = rupiah). The office's indicators belong to its sasaran, and its budget to
program, kegiatan and sub kegiatan (which carry no indicator of their own in this program), so an indicator line
fills the K side and a program, kegiatan or sub kegiatan line the Rp side.

K of an indicator (its sasaran's Renstra):
- 5: the Renstra end target (its last Renstra target up to the plan's end year, as the LKj reads it);
- 6: realisasi s.d. last year: for a cumulative indicator the sum of the plan's earlier years (each year's realisasi
  to its last quarter), for a level (nilai akhir, rata-rata) the level of the latest earlier year;
- 7: this year's target (the PK/Renja target); 8–11: the realisasi of TW I–IV (only up to TW n);
- 12: realisasi s.d. TW n, aggregated the indicator's way (as the FPK);
- 13: = 6 + 12 for a cumulative indicator; the level of 12 for a level indicator (a level does not add up);
- 14: = 13 against 5 × 100, by the indicator's polarity (`domain.achievement`, as the LKj's Renstra capaian).
Rp of a sub kegiatan: 5 the pagu of the plan's years held; 6 the spending of the plan's earlier years; 7 this year's
pagu; 8–11 the spending of TW I–IV; 12 spending s.d. TW n; 13 = 6 + 12; 14 = 13 ÷ 5 × 100. A kegiatan or program line
sums its sub kegiatan under the sasaran they serve (`ops.measurement.budget_links`, as the FPK splits them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Aggregation, Target, absorption, achievement
from sakip_desktop.ops.measurement.capaian import IndicatorInfo, MeasurementRow, check_quarter, measure_all_in
from sakip_desktop.ops.measurement.rows import APPROVED
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Realisation, RenstraTarget, StrategicPlan, Unit

PAIRS = tuple(range(5, 15))  # the K/Rp columns
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class KFigures:
    """The K side of an indicator line, columns 5–14 (None: nothing to print)."""

    renstra_target: Decimal | None  # 5
    before: Decimal | None  # 6
    year_target: Target | None  # 7
    quarters: tuple[Decimal | None, ...]  # 8–11
    to_date: Decimal | None  # 12
    renstra_to_date: Decimal | None  # 13
    renstra_capaian: Decimal | None  # 14
    renja_capaian: Decimal | None  # 12 against 7 (the rata-rata row's column 12)


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator of E.81 with its K figures and what the keterangan says."""

    info: IndicatorInfo
    k: KFigures
    unit: str  # the responsible unit (column 15)
    note: str  # keterangan: no data yet, not approved, no Renstra target
    approved: bool  # every realisasi TW I..n approved by the Camat
    row: MeasurementRow


@dataclass(frozen=True)
class PlanYears:
    """The Renstra the year belongs to (its years), or the year alone when no plan holds it."""

    name: str
    start_year: int
    end_year: int


def plan_of(session: Session, year: int) -> PlanYears:
    """The Renstra holding `year` (the latest plan when none does); the year alone without any plan."""
    plans = session.scalars(select(StrategicPlan).order_by(StrategicPlan.start_year)).all()
    chosen = [p for p in plans if p.start_year <= year <= p.end_year] or list(plans)
    if not chosen:
        return PlanYears("", year, year)
    p = chosen[-1]
    return PlanYears(p.name, min(p.start_year, year), max(p.end_year, year))


def _renstra_finals(session: Session, end_year: int) -> dict[int, Decimal]:
    finals: dict[int, Decimal] = {}
    rows = select(RenstraTarget.indicator_id, RenstraTarget.year, RenstraTarget.value).order_by(RenstraTarget.year)
    for ind, year, value in session.execute(rows):
        if year <= end_year:
            finals[ind] = value
    return finals


def _before(info: IndicatorInfo, earlier: Sequence[MeasurementRow | None]) -> Decimal | None:
    """Column 6 K from the plan's earlier years measured at TW IV (oldest first)."""
    values = [r.actual_to_date for r in earlier if r is not None and r.actual_to_date is not None]
    if not values:
        return None
    if info.aggregation is Aggregation.CUMULATIVE:
        return sum(values, Decimal(0))
    return values[-1]


def _note(row: MeasurementRow, final: Decimal | None) -> str:
    notes = []
    if not row.has_data:
        notes.append("belum ada data")
    elif not row.all_approved:
        notes.append("belum disetujui Camat")
    if final is None:
        notes.append("target akhir Renstra belum ditetapkan")
    return "; ".join(notes)


def k_figures(
    row: MeasurementRow,
    quarters: Sequence[MeasurementRow],
    earlier: Sequence[MeasurementRow | None],
    final: Decimal | None,
) -> KFigures:
    """The K side of one indicator at TW `row.quarter`; `quarters` the indicator at TW I..IV of the year."""
    info = row.info
    before = _before(info, earlier)
    to_date = row.actual_to_date if row.has_data else None
    renstra: Decimal | None
    if to_date is None:
        renstra = None
    elif info.aggregation is Aggregation.CUMULATIVE:
        renstra = (before or Decimal(0)) + to_date
    else:
        renstra = to_date
    capaian = achievement(renstra, Target(final), info.polarity) if renstra is not None and final else None
    return KFigures(
        renstra_target=final,
        before=before,
        year_target=row.year_target,
        quarters=tuple(q.actual if n < row.quarter else None for n, q in enumerate(quarters)),
        to_date=to_date,
        renstra_to_date=renstra,
        renstra_capaian=capaian,
        renja_capaian=row.achievement_year if to_date is not None else None,
    )


def indicator_figures_in(session: Session, year: int, quarter: int, plan: PlanYears) -> list[IndicatorFigures]:
    """Every indicator with a target in `year`, in plan order, with its K figures at TW `quarter`."""
    check_quarter(quarter)
    years = range(plan.start_year, year + 1)
    measured = measure_all_in(session, years)
    finals = _renstra_finals(session, plan.end_year)
    units = {uid: name for uid, name in session.execute(select(Unit.id, Unit.name))}
    by_year: dict[int, dict[int, MeasurementRow]] = defaultdict(dict)
    for y in years[:-1]:
        for r in measured[(y, 4)]:
            by_year[y][r.info.indicator_id] = r
    quarters = {q: {r.info.indicator_id: r for r in measured[(year, q)]} for q in (1, 2, 3, 4)}
    out = []
    for row in measured[(year, quarter)]:
        ind = row.info.indicator_id
        earlier = [by_year[y].get(ind) for y in years[:-1]]
        k = k_figures(row, [quarters[q][ind] for q in (1, 2, 3, 4)], earlier, finals.get(ind))
        unit = units.get(row.info.responsible_unit_id, "") if row.info.responsible_unit_id else ""
        approved = row.has_data and all(s == APPROVED for s in row.statuses)
        out.append(IndicatorFigures(row.info, k, unit, _note(row, finals.get(ind)), approved, row))
    return out


def rp_capaian(to_date: int, plan_total: int) -> Decimal | None:
    """Column 14 Rp: realisasi Renstra s.d. this year against the plan's pagu (None for a pagu of 0)."""
    return absorption(to_date, plan_total)


def mean(values: Sequence[Decimal | None]) -> Decimal | None:
    """The arithmetic mean of the values present; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def indicator_figures(db: Database, year: int, quarter: int) -> tuple[PlanYears, list[IndicatorFigures]]:
    """`indicator_figures_in` in its own reading session, with the plan."""
    with db.reading() as s:
        plan = plan_of(s, year)
        return plan, indicator_figures_in(s, year, quarter, plan)


def latest_quarter(db: Database, year: int) -> int | None:
    """The last quarter of `year` that holds a realisasi (None: none yet)."""
    with db.reading() as s:
        return s.scalar(select(func.max(Realisation.quarter)).where(Realisation.year == year))
