"""The projected LKE score: per criterion, sub-component, component and in total, the predikat, and the gap list.

Pure functions over a `Template` and the answers. A sub-component scores its weight times the mean value of its
criteria (AA 100 … E 0, Y 100, T 0; a criterion without an answer counts 0); a component the sum of its
sub-components; the total the sum of the components. A criterion adds `weight / n × value / 100` points, so the
points one criterion would still add when raised to the best answer of its scale are
`weight / n × (best − value) / 100`: the gap list orders the criteria by that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sakip_desktop.ops.lke.template import Band, Criterion, Template

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CriterionScore:
    """One criterion: its answer (or ''), the value, the points it adds and the points it would still add."""

    criterion: Criterion
    component_code: str
    subcomponent_code: str
    answer: str
    value: Decimal
    points: Decimal
    gap: Decimal
    best: str


@dataclass(frozen=True)
class PartScore:
    """A component or sub-component: code, name, weight and the points scored."""

    code: str
    name: str
    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class Score:
    """The whole projection."""

    criteria: tuple[CriterionScore, ...]
    subcomponents: tuple[PartScore, ...]
    components: tuple[PartScore, ...]
    total: Decimal
    band: Band
    unanswered: int

    @property
    def gaps(self) -> tuple[CriterionScore, ...]:
        """Criteria that would raise the score, most points first (then in the template's order)."""
        order = {c.criterion.code: i for i, c in enumerate(self.criteria)}
        found = [c for c in self.criteria if c.gap > 0]
        return tuple(sorted(found, key=lambda c: (-c.gap, order[c.criterion.code])))


def rounded(value: Decimal) -> Decimal:
    """Two places, half up: how scores are shown and written."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def band_of(template: Template, total: Decimal) -> Band:
    """The predikat of a total: the highest band whose minimum it passes (the lowest band takes 0 too)."""
    bands = sorted(template.bands, key=lambda b: -b.minimum)
    for band in bands:
        above = total > band.minimum if template.lower_exclusive else total >= band.minimum
        if above:
            return band
    return bands[-1]


def score(template: Template, answers: Mapping[str, str]) -> Score:
    """Score `answers` (criterion code -> answer code; missing or '' = no answer) against `template`."""
    rows: list[CriterionScore] = []
    subs: list[PartScore] = []
    comps: list[PartScore] = []
    for comp in template.components:
        comp_total = Decimal(0)
        for sub in comp.subcomponents:
            scale = len(sub.criteria) * HUNDRED  # one division per figure, so sums stay exact where they can
            values = []
            for c in sub.criteria:
                best = template.answers(c.kind)[0]
                code = answers.get(c.code, "")
                value = (template.value(c.kind, code) if code else None) or Decimal(0)
                values.append(value)
                given = code if code and template.value(c.kind, code) is not None else ""
                rows.append(
                    CriterionScore(
                        c,
                        comp.code,
                        sub.code,
                        given,
                        value,
                        sub.weight * value / scale,
                        sub.weight * (best.value - value) / scale,
                        best.code,
                    )
                )
            sub_total = sub.weight * sum(values, Decimal(0)) / scale
            subs.append(PartScore(sub.code, sub.name, sub.weight, sub_total))
            comp_total += sub_total
        comps.append(PartScore(comp.code, comp.name, comp.weight, comp_total))
    total = sum((c.score for c in comps), Decimal(0))
    unanswered = sum(1 for r in rows if not r.answer)
    return Score(tuple(rows), tuple(subs), tuple(comps), total, band_of(template, rounded(total)), unanswered)
