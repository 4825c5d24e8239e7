"""Consistency of the quarterly targets (rencana aksi) with the yearly target of an indicator."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Aggregation, Target, aggregate
from sakip_desktop.domain.periods import quarter_label

_CENT = Decimal("0.01")

_KIND_TEXT = {
    Aggregation.CUMULATIVE: "jumlah target TW I–IV",
    Aggregation.LAST_VALUE: "target TW IV",
    Aggregation.AVERAGE: "rata-rata target TW I–IV",
}


def quarterly_target_problems(yearly: Target, quarterly: Sequence[Target | None], kind: Aggregation) -> list[str]:
    """What is wrong with TW I..IV targets against the yearly one, in Indonesian; empty when consistent.

    The quarters must all be filled, and aggregated by the indicator's kind (sum, last value, mean)
    they must give the yearly target (both ends of a range), compared at two decimals.
    """
    quarters = list(quarterly) + [None] * (4 - len(quarterly))
    missing = [quarter_label(n) for n, t in enumerate(quarters[:4], start=1) if t is None]
    if missing:
        return [f"target {', '.join(missing)} belum diisi"]
    problems = []
    ends = [("", yearly.low, [t.low for t in quarters[:4]])]  # type: ignore[union-attr]
    if yearly.is_range or any(t.is_range for t in quarters[:4]):  # type: ignore[union-attr]
        ends = [
            ("batas bawah ", yearly.low, [t.low for t in quarters[:4]]),  # type: ignore[union-attr]
            (
                "batas atas ",
                yearly.high if yearly.high is not None else yearly.low,
                [t.high if t.high is not None else t.low for t in quarters[:4]],  # type: ignore[union-attr]
            ),
        ]
    for label, want, values in ends:
        got = aggregate(values, kind)
        assert got is not None
        if got.quantize(_CENT, ROUND_HALF_UP) != want.quantize(_CENT, ROUND_HALF_UP):
            problems.append(
                f"{label}{_KIND_TEXT[kind]} = {formats.compact(got.quantize(_CENT, ROUND_HALF_UP))}, "
                f"tidak sama dengan target tahunan {formats.compact(want)}"
            )
    return problems
