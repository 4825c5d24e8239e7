"""What measurement knows of an indicator, of a quarter's realisasi, and one indicator measured (the row every
screen and document prints); computed by `capaian`, averaged by `summary`, judged for a year by `year`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sakip_desktop.domain.achievement import Aggregation, Band, Polarity, Target
from sakip_desktop.domain.qualitative import label_of
from sakip_desktop.ops.measurement.bands import Scale

APPROVED = "APPROVED"


@dataclass(frozen=True)
class IndicatorInfo:
    """What measurement needs to know of an indicator and its sasaran."""

    indicator_id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    aggregation: Aggregation
    is_key: bool
    responsible_unit_id: int | None
    objective_id: int
    objective_code: str
    objective_statement: str
    # A qualitative indicator: its scale's labels by rank (values are ranks); empty for a numeric one.
    levels: dict[int, str] = field(default_factory=dict, compare=False)

    def value_text(self, value: Decimal | None) -> str | None:
        """The level label a value stands for on a qualitative indicator; None for a number to format."""
        return label_of(self.levels, value)


@dataclass(frozen=True)
class Actual:
    """A quarter's realisasi as measurement sees it."""

    value: Decimal | None
    status: str = "DRAFT"
    manual_achievement: Decimal | None = None
    manual_justification: str = ""


@dataclass(frozen=True)
class MeasurementRow:
    """One indicator measured at TW `quarter` of `year`.

    The capaian figures hold the manual capaian of TW `quarter` where a target of 0 makes them
    impossible to compute; `manual_in` names those figures ("quarter", "to_date", "year") and
    `not_computable` says it of the capaian to date, the one a sasaran is measured by.
    """

    info: IndicatorInfo
    year: int
    quarter: int
    year_target: Target | None
    quarter_target: Target | None
    target_to_date: Target | None  # the quarterly targets TW I..n aggregated the indicator's way
    actual: Decimal | None  # realisasi of TW n
    actual_to_date: Decimal | None  # realisasi TW I..n aggregated
    achievement_quarter: Decimal | None  # realisasi TW n against target TW n
    achievement_to_date: Decimal | None  # realisasi s.d. TW n against target s.d. TW n
    achievement_year: Decimal | None  # realisasi s.d. TW n against the yearly target
    band: Band | None  # category of the capaian to date
    status: str | None  # status of the TW n realisasi; None when not entered
    statuses: tuple[str | None, ...]  # of TW I..n
    not_computable: bool
    manual_in: tuple[str, ...]
    manual_achievement: Decimal | None
    manual_justification: str
    scale: Scale

    @property
    def objective_label(self) -> str:
        """'S1 Meningkatnya …'."""
        return f"{self.info.objective_code} {self.info.objective_statement}"

    @property
    def has_data(self) -> bool:  # False: no realisasi in TW `quarter`, "belum ada data" (`year.rated`)
        return self.actual is not None

    @property
    def all_approved(self) -> bool:
        """True when every realisasi counted so far has been approved by the Camat."""
        return all(s == APPROVED for s in self.statuses)

    @property
    def shown_to_date(self) -> Decimal | None:
        """The capaian to date as shown (display cap applied)."""
        return self.scale.shown(self.achievement_to_date)
