"""Rules for a quarter's realisasi: its statuses, when capaian needs a narrative, and what blocks submission.

Pure functions over `Decimal`; the operations in `sakip_desktop.ops.realisation.entry` apply them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip_desktop.domain.achievement import HUNDRED, Polarity, Target, achievement
from sakip_desktop.domain.formats import percent


class Status(StrEnum):
    """Where a realisasi is on its way from the Kasi to the Camat."""

    DRAFT = "DRAFT"
    RETURNED = "RETURNED"
    SUBMITTED = "SUBMITTED"
    VERIFIED = "VERIFIED"
    APPROVED = "APPROVED"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        """True while the Kasi may still change the value and narrative."""
        return self in (Status.DRAFT, Status.RETURNED)


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "Draf",
    Status.RETURNED: "Dikembalikan",
    Status.SUBMITTED: "Diajukan",
    Status.VERIFIED: "Diverifikasi",
    Status.APPROVED: "Disetujui",
}

NARRATIVE_LABELS = ("faktor pendukung", "faktor penghambat", "upaya/tindak lanjut")


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter before (TW I follows TW IV of the year before)."""
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def is_zero_target(target: Target) -> bool:
    """True when capaian cannot be computed from the target (a target of 0, not a range)."""
    return not target.is_range and target.low == 0


def quarter_achievement(
    value: Decimal | None, target: Target | None, polarity: Polarity, manual: Decimal | None = None
) -> Decimal | None:
    """Capaian of one quarter against its quarterly target; the manual capaian where it cannot be computed."""
    if value is None or target is None:
        return None
    computed = achievement(value, target, polarity)
    return manual if computed is None else computed


@dataclass(frozen=True)
class Narrative:
    """Faktor pendukung, faktor penghambat and upaya/tindak lanjut of one realisasi."""

    supporting: str = ""
    inhibiting: str = ""
    follow_up: str = ""

    def missing(self) -> list[str]:
        """The labels of the parts left empty."""
        parts = (self.supporting, self.inhibiting, self.follow_up)
        return [label for label, text in zip(NARRATIVE_LABELS, parts, strict=True) if not text.strip()]


def narrative_reason(current: Decimal | None, previous: Decimal | None) -> str | None:
    """Why the narrative is required (capaian below target or below the previous quarter), or None."""
    if current is None:
        return None
    if current < HUNDRED:
        return f"capaian {percent(current)} di bawah target triwulan"
    if previous is not None and current < previous:
        return f"capaian {percent(current)} turun dari triwulan sebelumnya ({percent(previous)})"
    return None


@dataclass(frozen=True)
class QuarterFacts:
    """What the submission rules look at for one indicator's quarter."""

    value: Decimal | None
    target: Target | None
    polarity: Polarity
    manual: Decimal | None
    justification: str
    narrative: Narrative
    previous: Decimal | None  # capaian of the quarter before, when it has a value


def submission_problems(facts: QuarterFacts) -> list[str]:
    """Everything that keeps this realisasi from being submitted (Indonesian, lower case first)."""
    if facts.value is None:
        return ["realisasi belum diisi"]
    if facts.target is None:
        return ["target triwulan belum ditetapkan; minta Kasubag Perencanaan menetapkannya"]
    problems = []
    if is_zero_target(facts.target) and (facts.manual is None or not facts.justification.strip()):
        problems.append(
            "target triwulan 0 sehingga capaian tidak dapat dihitung; isi capaian manual beserta justifikasinya"
        )
    current = quarter_achievement(facts.value, facts.target, facts.polarity, facts.manual)
    reason = narrative_reason(current, facts.previous)
    missing = facts.narrative.missing()
    if reason and missing:
        problems.append(f"{reason}; isi {_join(missing)}")
    return problems


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " dan " + words[-1]


__all__ = [
    "NARRATIVE_LABELS",
    "STATUS_LABELS",
    "Narrative",
    "QuarterFacts",
    "Status",
    "is_zero_target",
    "narrative_reason",
    "previous_quarter",
    "quarter_achievement",
    "submission_problems",
]
