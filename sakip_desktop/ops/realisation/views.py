"""Read views of realisasi for the entry, verification and approval screens."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.achievement import Polarity, Target
from sakip_desktop.domain.qualitative import label_of
from sakip_desktop.domain.realisation import (
    Narrative,
    QuarterFacts,
    RealisationInput,
    Status,
    narrative_reason,
    quarter_achievement,
)
from sakip_desktop.domain.realisation import submission_problems as _problems
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.realisation.common import (
    period_realisations,
    planned_indicators,
    previous_achievements,
    quarter_targets,
    yearly_targets,
)
from sakip_desktop.ops.realisation.evidence import EvidenceFile, EvidenceView, read_evidence
from sakip_desktop.ops.realisation.qualitative import IndicatorScale, indicator_scales
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    Desa,
    Indicator,
    Objective,
    Realisation,
    RealisationEvidence,
    RealisationRevision,
    Unit,
    VerificationCheck,
)


@dataclass(frozen=True)
class RevisionView:
    """A change of an approved value."""

    id: int
    old_value: Decimal | None
    new_value: Decimal | None
    reason: str
    revised_by: str
    revised_at: dt.datetime  # UTC


@dataclass(frozen=True)
class CheckView:
    """The Sekretaris's checklist of a realisasi."""

    evidence_ok: bool
    plausible: bool
    narrative_ok: bool
    note: str
    checked_by: str
    checked_at: dt.datetime  # UTC


@dataclass(frozen=True)
class EntryView:
    """One indicator's quarter as the Kasi, the Sekretaris and the Camat see it."""

    indicator_id: int
    code: str
    name: str
    objective: str  # 'S1 Meningkatnya …'
    unit: str  # satuan
    polarity: Polarity
    responsible_unit_id: int | None
    responsible_unit: str
    year: int
    quarter: int
    year_target: Target | None
    quarter_target: Target | None
    realisation_id: int | None  # None while nothing was entered
    value: Decimal | None
    narrative: Narrative
    manual_achievement: Decimal | None
    manual_justification: str
    status: Status | None  # None while nothing was entered
    return_reason: str
    submitted_at: dt.datetime | None
    submitted_by: str
    verified_at: dt.datetime | None
    verified_by: str
    approved_at: dt.datetime | None
    approved_by: str
    achievement: Decimal | None  # capaian of the quarter against its target (manual where it cannot be computed)
    previous_achievement: Decimal | None
    narrative_reason: str | None  # why faktor pendukung/penghambat/upaya are required, or None
    problems: tuple[str, ...]  # what would keep a draft from being submitted
    evidence: tuple[EvidenceView, ...]
    revisions: tuple[RevisionView, ...]
    check: CheckView | None
    # A qualitative indicator: its scale's name and labels by rank (values are ranks); empty for a numeric one.
    levels: dict[int, str] = field(default_factory=dict, compare=False)
    scale_name: str = ""
    evidence_required: bool = True  # the office's setting "Bukti dukung wajib" when it was read
    over_desa: bool = False  # counted over desa: the realisasi is a share of desa, shown with two decimals

    def value_label(self, value: Decimal | None) -> str | None:
        """The level label a value stands for on a qualitative indicator; None for a number to format."""
        return label_of(self.levels, value)

    def target_label(self, target: Target | None) -> str | None:
        """The level label of a (single-valued) target on a qualitative indicator; None otherwise."""
        return None if target is None or target.is_range else label_of(self.levels, target.low)

    @property
    def status_label(self) -> str:
        """'Belum diisi', 'Draf', 'Dikembalikan', 'Diajukan', 'Diverifikasi' or 'Disetujui'."""
        return self.status.label if self.status else "Belum diisi"

    @property
    def locked(self) -> bool:
        """True once approved: only a revision with a reason changes it."""
        return self.status is Status.APPROVED

    @property
    def editable(self) -> bool:
        """True while the Kasi may still change it."""
        return self.status is None or self.status.editable

    @property
    def stored_input(self) -> RealisationInput | None:
        """What is stored, in the shape an entry is made in (None while nothing was entered): a form's or a
        file's `Seen`."""
        if self.realisation_id is None:
            return None
        return RealisationInput(
            self.value,
            self.narrative.supporting,
            self.narrative.inhibiting,
            self.narrative.follow_up,
            self.manual_achievement,
            self.manual_justification,
        )


def quarter_entries(db: Database, year: int, quarter: int, unit_id: int | None = None) -> list[EntryView]:
    """Every indicator with a target that year (all, or one unit's) with its realisasi for the quarter."""
    return _entries(db, year, quarter, unit_id)


def verification_queue(db: Database, year: int, quarter: int) -> list[EntryView]:
    """Submitted realisasi waiting for the Sekretaris's verification."""
    return _entries(db, year, quarter, None, Status.SUBMITTED)


def approval_queue(db: Database, year: int, quarter: int) -> list[EntryView]:
    """Verified realisasi waiting for the Camat's approval."""
    return _entries(db, year, quarter, None, Status.VERIFIED)


@dataclass(frozen=True)
class _Period:
    """What the entries of a quarter are built from, read once."""

    year: int
    quarter: int
    rows: dict[int, Realisation]  # by indicator id
    units: dict[int, str]
    objectives: dict[int, str]
    year_targets: dict[int, Target]
    quarter_targets: dict[int, Target]
    previous: dict[int, Decimal]
    evidence: dict[int, list[EvidenceView]]  # by realisasi id, as the next three
    revised: dict[int, list[RevisionView]]
    checks: dict[int, CheckView]
    scales: dict[int, IndicatorScale]  # by indicator id
    evidence_required: bool  # the office's setting "Bukti dukung wajib"


def _entries(db: Database, year: int, quarter: int, unit_id: int | None, only: Status | None = None) -> list[EntryView]:
    evidence_required = get_settings(db).evidence_required
    with db.reading() as s:
        indicators = planned_indicators(s, year, unit_id)
        ids = [i.id for i in indicators]
        rows = period_realisations(s, ids, year, quarter)
        if only is not None:
            indicators = [i for i in indicators if i.id in rows and rows[i.id].status == only.value]
        row_ids = [r.id for r in rows.values()]
        period = _Period(
            year=year,
            quarter=quarter,
            rows=rows,
            units={unit_id: name for unit_id, name in s.execute(select(Unit.id, Unit.name))},
            objectives={o.id: f"{o.code} {o.statement}" for o in s.scalars(select(Objective))},
            year_targets=yearly_targets(s, ids, year),
            quarter_targets=quarter_targets(s, ids, year, quarter),
            previous=previous_achievements(s, indicators, year, quarter),
            evidence=_evidence(s, row_ids),
            revised=_revisions(s, row_ids),
            checks={
                c.realisation_id: CheckView(
                    c.evidence_ok, c.plausible, c.narrative_ok, c.note, c.checked_by, c.checked_at
                )
                for c in s.scalars(select(VerificationCheck).where(VerificationCheck.realisation_id.in_(row_ids)))
            },
            scales=indicator_scales(s, ids),
            evidence_required=evidence_required,
        )
        return [_with_desa_problem(s, _entry_view(ind, period), rows.get(ind.id)) for ind in indicators]


def _with_desa_problem(s: Session, view: EntryView, row: Realisation | None) -> EntryView:
    """An indicator over desa whose desa are marked in part: the desa not marked yet among what keeps it from
    being submitted ("1 desa belum diisi (Jatirejo)"), as the submission's refusal names them."""
    if row is None or row.desa_counted is None or view.status is None or not view.status.editable:
        return view
    from sakip_desktop.ops.desa.fraction import desa_problem

    problem = desa_problem(s, row)
    return replace(view, problems=(*view.problems, problem)) if problem else view


def _evidence(s: Session, row_ids: list[int]) -> dict[int, list[EvidenceView]]:
    """The files of each realisasi; a desa's file (attached in the per-desa list) names its desa."""
    evidence: dict[int, list[EvidenceView]] = defaultdict(list)
    for e in s.execute(
        select(
            RealisationEvidence.realisation_id,
            RealisationEvidence.id,
            RealisationEvidence.filename,
            RealisationEvidence.size,
            RealisationEvidence.sha256,
            RealisationEvidence.added_by,
            RealisationEvidence.added_at,
            Desa.kind,
            Desa.name,
        )
        .outerjoin(Desa, Desa.id == RealisationEvidence.desa_id)
        .where(RealisationEvidence.realisation_id.in_(row_ids))
        .order_by(RealisationEvidence.id)
    ):
        about = f"{(e.kind or 'desa').capitalize()} {e.name}" if e.name else ""
        evidence[e[0]].append(EvidenceView(*e[1:7], about=about))
    return evidence


def _revisions(s: Session, row_ids: list[int]) -> dict[int, list[RevisionView]]:
    revised: dict[int, list[RevisionView]] = defaultdict(list)
    for r in s.scalars(
        select(RealisationRevision)
        .where(RealisationRevision.realisation_id.in_(row_ids))
        .order_by(RealisationRevision.id)
    ):
        revised[r.realisation_id].append(_revision(r))
    return revised


def _entry_view(ind: Indicator, period: _Period) -> EntryView:
    row = period.rows.get(ind.id)
    scale = period.scales.get(ind.id)
    polarity = Polarity(ind.polarity)
    target = period.quarter_targets.get(ind.id)
    narrative = Narrative(row.supporting_factors, row.inhibiting_factors, row.follow_up) if row else Narrative()
    value = row.value if row else None
    manual = row.manual_achievement if row else None
    current = quarter_achievement(value, target, polarity, manual)
    status = Status(row.status) if row else None
    justification = row.manual_justification if row else ""
    previous = period.previous.get(ind.id)
    evidence = tuple(period.evidence.get(row.id, ())) if row else ()
    facts = QuarterFacts(
        value, target, polarity, manual, justification, narrative, previous, len(evidence), period.evidence_required
    )
    return EntryView(
        indicator_id=ind.id,
        code=ind.code,
        name=ind.name,
        objective=period.objectives.get(ind.objective_id, ""),
        unit=ind.unit,
        polarity=polarity,
        responsible_unit_id=ind.responsible_unit_id,
        responsible_unit=period.units.get(ind.responsible_unit_id, "") if ind.responsible_unit_id else "",
        year=period.year,
        quarter=period.quarter,
        year_target=period.year_targets.get(ind.id),
        quarter_target=target,
        realisation_id=row.id if row else None,
        value=value,
        narrative=narrative,
        manual_achievement=manual,
        manual_justification=justification,
        status=status,
        return_reason=row.return_reason if row else "",
        submitted_at=row.submitted_at if row else None,
        submitted_by=row.submitted_by if row else "",
        verified_at=row.verified_at if row else None,
        verified_by=row.verified_by if row else "",
        approved_at=row.approved_at if row else None,
        approved_by=row.approved_by if row else "",
        achievement=current,
        previous_achievement=previous,
        narrative_reason=narrative_reason(current, previous),
        problems=tuple(_problems(facts)) if status is None or status.editable else (),
        evidence=evidence,
        revisions=tuple(period.revised.get(row.id, ())) if row else (),
        check=period.checks.get(row.id) if row else None,
        levels=scale.levels if scale else {},
        scale_name=scale.name if scale else "",
        evidence_required=period.evidence_required,
        over_desa=bool(ind.over_desa),
    )


def _revision(r: RealisationRevision) -> RevisionView:
    return RevisionView(r.id, r.old_value, r.new_value, r.reason, r.revised_by, r.revised_at)


def revisions(db: Database, realisation_id: int) -> list[RevisionView]:
    """The revisions of an approved realisasi, oldest first."""
    with db.reading() as s:
        return [
            _revision(r)
            for r in s.scalars(
                select(RealisationRevision)
                .where(RealisationRevision.realisation_id == realisation_id)
                .order_by(RealisationRevision.id)
            )
        ]


@dataclass(frozen=True)
class PeriodRevision:
    """A change of an approved value of one indicator in a year, for the reports."""

    code: str
    indicator: str
    quarter: int
    old_value: Decimal | None
    new_value: Decimal | None
    reason: str
    revised_by: str
    revised_at: dt.datetime  # UTC


def period_revisions(db: Database, year: int, up_to_quarter: int = 4) -> list[PeriodRevision]:
    """Every revision of an approved realisasi of `year`, TW I..`up_to_quarter`, by indicator, quarter, time."""
    with db.reading() as s:
        rows = s.execute(
            select(Indicator.code, Indicator.name, Realisation.quarter, RealisationRevision)
            .join(Realisation, Realisation.id == RealisationRevision.realisation_id)
            .join(Indicator, Indicator.id == Realisation.indicator_id)
            .where(Realisation.year == year, Realisation.quarter <= up_to_quarter)
            .order_by(Indicator.code, Realisation.quarter, RealisationRevision.id)
        ).all()
        return [
            PeriodRevision(code, name, quarter, r.old_value, r.new_value, r.reason, r.revised_by, r.revised_at)
            for code, name, quarter, r in rows
        ]


def evidence_file(db: Database, evidence_id: int) -> EvidenceFile:
    """A bukti dukung file with its bytes; `DatabaseError` when they no longer match the stored checksum."""
    return read_evidence(db, RealisationEvidence, evidence_id, "Bukti dukung tidak ditemukan (mungkin sudah dihapus).")


__all__ = [
    "CheckView",
    "EntryView",
    "EvidenceFile",
    "EvidenceView",
    "PeriodRevision",
    "RevisionView",
    "approval_queue",
    "evidence_file",
    "period_revisions",
    "quarter_entries",
    "revisions",
    "verification_queue",
]
