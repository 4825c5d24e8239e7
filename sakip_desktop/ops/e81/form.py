"""A quarter's Formulir E.81 as one value: its K and Rp figures grouped by sasaran, the rata-rata and predikat, the
four narrative rows and whether it may print as final (`ops.e81.figures` has the columns' rules).

Rata-rata capaian kinerja (%): column 14 K is the mean of the indicators' column 14; column 14 Rp is the office's
whole budget (each sub kegiatan once) 13 ÷ 5 × 100. The predikat is the band of each, by the office's capaian bands
(`ops.measurement.bands`, the FPK's categories).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.e81.figures import IndicatorFigures, PlanYears, indicator_figures_in, mean, plan_of
from sakip_desktop.ops.e81.money import BudgetItem, Money, budget_items_in, office_money
from sakip_desktop.ops.e81.notes import NoteView, e81_notes, unsaved_lines
from sakip_desktop.ops.measurement.bands import Scale, read_scale
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Objective


@dataclass(frozen=True)
class SasaranGroup:
    """A sasaran with its indicators (K) and the program, kegiatan and sub kegiatan serving it (Rp)."""

    objective_id: int | None  # None: budget serving no sasaran
    label: str  # 'S1 Meningkatnya …'; for None 'Tanpa sasaran (penunjang)'
    indicators: tuple[IndicatorFigures, ...]
    budget: tuple[BudgetItem, ...]


@dataclass(frozen=True)
class E81Form:
    """Everything the form says about TW `quarter` of `year`."""

    year: int
    quarter: int
    plan: PlanYears
    groups: tuple[SasaranGroup, ...]
    total: Money  # the office's budget, each sub kegiatan once
    mean_k: Decimal | None  # rata-rata of column 14 K
    mean_rp: Decimal | None  # column 14 Rp of the whole budget
    scale: Scale
    notes: tuple[NoteView, ...]
    missing: tuple[str, ...]  # what keeps it a DRAF (empty: final)

    @property
    def indicators(self) -> tuple[IndicatorFigures, ...]:
        """Every indicator, sasaran by sasaran."""
        return tuple(i for g in self.groups for i in g.indicators)

    @property
    def is_final(self) -> bool:
        """Every narrative row saved by a person and every realisasi TW I..n in and approved."""
        return not self.missing

    def predikat(self, value: Decimal | None) -> str:
        """The band label of a rata-rata ('-' without one)."""
        band = self.scale.band(value)
        return band.label if band else "-"


NO_OBJECTIVE = "Tanpa sasaran (program penunjang)"


def _groups(indicators: list[IndicatorFigures], items: list[BudgetItem], labels: dict[int, str]) -> list[SasaranGroup]:
    order: list[int | None] = []
    for i in indicators:
        if i.info.objective_id not in order:
            order.append(i.info.objective_id)
    for b in items:
        if b.objective_id not in order and b.objective_id is not None:
            order.append(b.objective_id)
    if any(b.objective_id is None for b in items):
        order.append(None)
    return [
        SasaranGroup(
            oid,
            labels.get(oid, "") if oid is not None else NO_OBJECTIVE,
            tuple(i for i in indicators if i.info.objective_id == oid),
            tuple(b for b in items if b.objective_id == oid),
        )
        for oid in order
    ]


def _missing(indicators: list[IndicatorFigures], notes: tuple[NoteView, ...], quarter: int) -> list[str]:
    """The narrative rows nobody saved, then the indicators whose realisasi TW I..n are not all in and approved."""
    waiting = [i.info.code for i in indicators if not i.approved]
    out = unsaved_lines(notes)
    if waiting:
        out.append(
            f"Realisasi s.d. {quarter_label(quarter)} belum lengkap atau belum disetujui Camat: {len(waiting)} "
            f"indikator ({', '.join(waiting)})"
        )
    return out


def _labels(db: Database, items: list[BudgetItem], indicators: list[IndicatorFigures]) -> dict[int, str]:
    labels = {i.info.objective_id: f"{i.info.objective_code} {i.info.objective_statement}" for i in indicators}
    if any(b.objective_id not in labels and b.objective_id is not None for b in items):
        with db.reading() as s:
            for oid, code, statement in s.execute(select(Objective.id, Objective.code, Objective.statement)):
                labels.setdefault(oid, f"{code} {statement}")
    return labels


def e81_form(db: Database, year: int, quarter: int) -> E81Form:
    """Formulir E.81 of TW `quarter` of `year` from the office's data."""
    with db.reading() as s:
        plan = plan_of(s, year)
        indicators = indicator_figures_in(s, year, quarter, plan)
        items = budget_items_in(s, year, quarter, plan)
        scale = read_scale(s)
    notes = e81_notes(db, year, quarter)
    total = office_money(items)
    return E81Form(
        year=year,
        quarter=quarter,
        plan=plan,
        groups=tuple(_groups(indicators, items, _labels(db, items, indicators))),
        total=total,
        mean_k=mean([i.k.renstra_capaian for i in indicators]),
        mean_rp=total.renstra_capaian,
        scale=scale,
        notes=notes,
        missing=tuple(_missing(indicators, notes, quarter)),
    )
