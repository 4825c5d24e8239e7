"""What an LKE rule gives back (`Proposal`), how a rule is listed (`Rule`), and the ladder that turns a share into
an answer of the scale: 100% AA, from 90% A, 80% BB, 70% B, 60% CC, 50% C, above 0 D, none E."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.formats import number
from sakip_desktop.ops.lke.facts import Facts, Part

_LADDER = (
    (Decimal(100), "AA"),
    (Decimal(90), "A"),
    (Decimal(80), "BB"),
    (Decimal(70), "B"),
    (Decimal(60), "CC"),
    (Decimal(50), "C"),
)
NOTHING = ""  # no proposal: the records cannot say
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Proposal:
    """A proposed answer ('' when the records cannot say), why, and what would change it."""

    answer: str
    reason: str
    change: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule: its stable code, the criterion it serves, a short title and the function deciding it."""

    code: str
    criterion: str
    title: str
    decide: Callable[[Facts], Proposal]


def ladder(share: Decimal) -> str:
    """The scale answer of a share in percent."""
    for minimum, code in _LADDER:
        if share >= minimum:
            return code
    return "D" if share > 0 else "E"


def pct(part: Part) -> str:
    """'5 dari 6 (83%)'."""
    return f"{part.have} dari {part.of} ({number(part.share or Decimal(0), 0)}%)"


def share_answer(part: Part, what: str, change: str, none: str) -> Proposal:
    """The ladder's answer for `part`, the reason '<what>: 5 dari 6 (83%).'; no proposal when nothing is counted."""
    if part.share is None:
        return Proposal(NOTHING, none, change)
    answer = ladder(part.share)
    return Proposal(answer, f"{what}: {pct(part)}.", "" if answer == "AA" else change)


def all_of(part: Part, what: str, change: str) -> Proposal:
    """Y when every counted thing holds (and there is at least one), else T."""
    ok = part.of > 0 and part.have == part.of
    return Proposal("Y" if ok else "T", f"{what}: {pct(part)}.", "" if ok else change)


def yes_no(ok: bool, reason: str, change: str) -> Proposal:
    """Y or T with its reason."""
    return Proposal("Y" if ok else "T", reason, "" if ok else change)


def quarters_text(facts: Facts) -> str:
    """'TW I, TW II, TW III': the quarters of the year that have ended."""
    return ", ".join(f"TW {ROMAN[q]}" for q in facts.quarters_due) or "belum ada triwulan yang berakhir"


def share_rule(get: Callable[[Facts], Part], what: str, change: str, none: str) -> Callable[[Facts], Proposal]:
    """A rule deciding by the ladder on one share of the facts."""
    return lambda f: share_answer(get(f), what, change, none)


def all_rule(get: Callable[[Facts], Part], what: str, change: str) -> Callable[[Facts], Proposal]:
    """A Y/T rule: Y when the whole share holds."""
    return lambda f: all_of(get(f), what, change)
