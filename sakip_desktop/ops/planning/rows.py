"""The office's plan as plain rows: Renstra, tujuan, sasaran, indicators, targets, programs, kegiatan, sub kegiatan
with pagu per year, and realisasi anggaran per quarter.

Rows name each other by code (an indicator's sasaran, a kegiatan's program), and units by name, as a person writes
them in Excel: the planning workbook (`exchange.rencana`) reads and writes this shape, `stored.load_rencana` reads
the database in it, and `importing` writes it through the planning operations' roads.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.planning import PlanInput

Quarters = tuple[Target | None, Target | None, Target | None, Target | None]
Amounts = tuple[int | None, int | None, int | None, int | None]


# The Renstra row is the Renstra as typed in its form: name, years, visi and misi (one misi per line).
PlanRow = PlanInput


@dataclass(frozen=True)
class GoalRow:
    """A tujuan."""

    code: str
    statement: str


@dataclass(frozen=True)
class ObjectiveRow:
    """A sasaran under a tujuan."""

    code: str
    statement: str
    goal_code: str


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator; `responsible_unit` is the unit's name ('' for none)."""

    code: str
    name: str
    unit: str  # satuan
    polarity: str  # POSITIVE / NEGATIVE
    aggregation: str  # CUMULATIVE / LAST_VALUE / AVERAGE
    definition: str
    formula: str
    data_source: str
    responsible_unit: str
    is_key: bool
    baseline: Decimal | None
    objective_code: str


@dataclass(frozen=True)
class TargetRow:
    """The targets of an indicator in one year; None means 'not given' (left as it is on import)."""

    indicator_code: str
    year: int
    renstra: Decimal | None
    yearly: Target | None
    quarters: Quarters


@dataclass(frozen=True)
class ProgramRow:
    """A program, serving a sasaran ('' for none)."""

    code: str
    name: str
    objective_code: str


@dataclass(frozen=True)
class ActivityRow:
    """A kegiatan of a program."""

    code: str
    name: str
    program_code: str


@dataclass(frozen=True)
class SubActivityRow:
    """A sub kegiatan of a kegiatan, its unit's name ('' for none) and pagu per year (integer Rupiah)."""

    code: str
    name: str
    activity_code: str
    unit: str
    ceilings: tuple[tuple[int, int], ...]  # (year, pagu), only the years given


@dataclass(frozen=True)
class SpendingRow:
    """Realisasi anggaran of a sub kegiatan in one year, TW I..IV; None means 'not given'."""

    sub_activity_code: str
    year: int
    amounts: Amounts


@dataclass(frozen=True)
class RencanaData:
    """A whole plan: what a workbook holds and what `load_rencana` reads."""

    plan: PlanRow | None
    goals: tuple[GoalRow, ...] = ()
    objectives: tuple[ObjectiveRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    targets: tuple[TargetRow, ...] = ()
    programs: tuple[ProgramRow, ...] = ()
    activities: tuple[ActivityRow, ...] = ()
    sub_activities: tuple[SubActivityRow, ...] = ()
    spending: tuple[SpendingRow, ...] = ()


__all__ = [
    "ActivityRow",
    "Amounts",
    "GoalRow",
    "IndicatorRow",
    "ObjectiveRow",
    "PlanRow",
    "ProgramRow",
    "Quarters",
    "RencanaData",
    "SpendingRow",
    "SubActivityRow",
    "TargetRow",
]
