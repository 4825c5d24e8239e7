"""Collecting realisasi: the Kasi (or Kasubag, or staff) enters values, narrative and bukti dukung, then submits.

The review steps (verify, return, approve, revise) live in `review`, the read views in `views`; both are
re-exported here so a screen imports every realisasi operation from one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain import bounds
from sakip_desktop.domain.achievement import Polarity
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import (
    LOCKED_MESSAGE,
    MAX_TEXT,
    Narrative,
    QuarterFacts,
    RealisationInput,
    Seen,
    Status,
    clean_text,
    justification_problem,
    manual_achievement_problem,
    stale_problem,
    submission_problems,
    text_problem,
)
from sakip_desktop.errors import NotFound, UserError, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.desa.fraction import apply_fraction, desa_problem, tag_desa
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.realisation.common import (
    FIELDS,
    EntryRefused,
    RealisationLocked,
    check_amount,
    check_period,
    describe,
    ensure_editable,
    evidence_counts,
    find_realisation,
    get_indicator,
    get_realisation,
    period_realisations,
    planned_indicators,
    previous_achievements,
    quarter_targets,
    require_entry,
    require_entry_all,
    stored_input,
)
from sakip_desktop.ops.realisation.evidence import MAX_EVIDENCE_BYTES, check_evidence, store_evidence
from sakip_desktop.ops.realisation.qualitative import check_rank
from sakip_desktop.ops.realisation.review import CheckInput, approve, return_to_kasi, revise, verify
from sakip_desktop.ops.realisation.views import (
    CheckView,
    EntryView,
    EvidenceFile,
    EvidenceView,
    RevisionView,
    approval_queue,
    evidence_file,
    quarter_entries,
    revisions,
    verification_queue,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Indicator, Realisation, RealisationEvidence, Unit


def _checked_text(text: str, label: str, field: str) -> str:
    cleaned = clean_text(text)
    problem = text_problem(cleaned)
    if problem:
        raise EntryRefused(label, problem, field)
    return cleaned


def check_input(data: RealisationInput) -> RealisationInput:
    """The input with its numbers checked and its texts trimmed (no database needed)."""
    return RealisationInput(
        value=check_amount(data.value, "Realisasi", "value"),
        supporting=_checked_text(data.supporting, "Faktor pendukung", "supporting"),
        inhibiting=_checked_text(data.inhibiting, "Faktor penghambat", "inhibiting"),
        follow_up=_checked_text(data.follow_up, "Upaya/tindak lanjut", "follow_up"),
        manual_achievement=bounds.check(
            data.manual_achievement, bounds.PERCENT, "Capaian manual", "manual_achievement"
        ),
        manual_justification=_checked_text(data.manual_justification, "Justifikasi", "manual_justification"),
    )


@dataclass(frozen=True)
class EntryChange:
    """One indicator's entry among many written at once (a Format Isian): what is entered, and what it was
    changed from (refused when the stored realisasi is no longer that)."""

    indicator_id: int
    data: RealisationInput
    seen: Seen | None = None


def _check_rules(
    tx: Tx,
    indicator: Indicator,
    year: int,
    quarter: int,
    row: Realisation | None,
    data: RealisationInput,
    seen: Seen | None,
) -> None:
    """The rules of an entry on a realisasi, in the words of `sakip_desktop.domain.realisation`."""
    name = describe(indicator, year, quarter)
    if seen is not None:
        stale = stale_problem(row.id if row else None, stored_input(row), seen)
        if stale:
            raise EntryRefused(name, stale, field="seen")
    if row is not None:
        ensure_editable(row, name)
    if data.manual_achievement is not None:
        target = quarter_targets(tx.session, [indicator.id], year, quarter).get(indicator.id)
        manual = manual_achievement_problem(
            target,
            data.manual_achievement,
            target_name=f"target {quarter_label(quarter)}",
            manual_name="capaian manual",
        )
        if manual:
            raise EntryRefused(indicator.code, manual, field="manual_achievement")
    justification = justification_problem(data.manual_achievement, data.manual_justification)
    if justification:
        raise EntryRefused(indicator.code, justification, field="manual_justification")


def _store(
    tx: Tx,
    indicator: Indicator,
    year: int,
    quarter: int,
    data: RealisationInput,
    known: dict[int, Realisation] | None,
    seen: Seen | None,
) -> Realisation:
    """Check an entry (already through `check_input`, permission granted) against the rules and write it."""
    s = tx.session
    check_rank(s, indicator, data.value, "Realisasi", "value")  # a qualitative indicator takes a level's rank
    row = known.get(indicator.id) if known is not None else find_realisation(s, indicator.id, year, quarter)
    _check_rules(tx, indicator, year, quarter, row, data, seen)
    old = None if row is None else snapshot(row, FIELDS)
    if row is None:
        row = Realisation(indicator_id=indicator.id, year=year, quarter=quarter, status=Status.DRAFT.value)
        s.add(row)
        if known is not None:
            known[indicator.id] = row
    row.value = data.value
    if indicator.over_desa:  # once its desa are marked, the marks decide the value, whatever is typed
        apply_fraction(s, row)
    row.supporting_factors = data.supporting
    row.inhibiting_factors = data.inhibiting
    row.follow_up = data.follow_up
    row.manual_achievement = data.manual_achievement
    row.manual_justification = data.manual_justification
    row.entered_by_id = tx.actor.person_id
    row.entered_at = tx.now
    if row.id is None:
        s.flush()  # the audit entry names the new row's id
    tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
    return row


def store_realisation(
    tx: Tx,
    indicator_id: int,
    year: int,
    quarter: int,
    data: RealisationInput,
    *,
    seen: Seen | None = None,
) -> Realisation:
    """Write one realisasi inside an open operation (checks permission, lock, staleness and the manual capaian).

    `save_realisation` is the operation for one indicator; `store_realisations` writes many (a Format Isian).
    """
    check_period(year, quarter)
    data = check_input(data)
    s = tx.session
    indicator = get_indicator(s, indicator_id)
    unit = s.get(Unit, indicator.responsible_unit_id) if indicator.responsible_unit_id else None
    require_entry(s, tx.actor, unit, f"mengisi realisasi {indicator.code}")
    return _store(tx, indicator, year, quarter, data, None, seen)


def store_realisations(tx: Tx, year: int, quarter: int, changes: Sequence[EntryChange]) -> list[int | UserError]:
    """Write many realisasi inside an open operation, each through the rules of `store_realisation`.

    The unit permission is checked once for all of them (refused whole, naming every unit). Returns, per
    change, the realisasi id written or the refusal; the caller rolls the operation back when any is refused.
    """
    check_period(year, quarter)
    s = tx.session
    # Held in these dicts, the records stay in the session's identity map: the checks find them without a
    # query, so without a flush before each query.
    indicators = require_entry_all(s, tx.actor, [c.indicator_id for c in changes])
    known = period_realisations(s, [c.indicator_id for c in changes], year, quarter)
    results: list[int | UserError] = []
    for change in changes:
        try:
            data = check_input(change.data)
            indicator = indicators.get(change.indicator_id) or get_indicator(s, change.indicator_id)
            results.append(_store(tx, indicator, year, quarter, data, known, change.seen).id)
        except UserError as exc:
            results.append(exc)
    return results


def save_realisation(
    db: Database,
    actor: Actor,
    indicator_id: int,
    year: int,
    quarter: int,
    value: Decimal | None,
    *,
    supporting: str,
    inhibiting: str,
    follow_up: str,
    manual_achievement: Decimal | None = None,
    manual_justification: str = "",
    seen: Seen | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Isi realisasi': value and narrative of one indicator for a quarter; returns the realisasi id.

    By the Kasi of the indicator's unit, the Kasubag of a sub bagian, staff of the unit, or an administrator;
    only while the realisasi is a draft or returned (a new one starts as a draft). `value` may be None while
    the narrative is written first; submitting needs it. `seen`, when given, is what the screen showed before
    the change: refused when someone changed the realisasi since.
    """
    data = RealisationInput(value, supporting, inhibiting, follow_up, manual_achievement, manual_justification)
    with write(db, actor, Op.REALISATION_SAVE, clock=clock) as tx:
        return store_realisation(tx, indicator_id, year, quarter, data, seen=seen).id


# --- bukti dukung ----------------------------------------------------------------------------------


def _open_for_entry(tx: Tx, realisation_id: int, what: str) -> Realisation:
    row = get_realisation(tx.session, realisation_id)
    indicator = get_indicator(tx.session, row.indicator_id)
    unit = tx.session.get(Unit, indicator.responsible_unit_id) if indicator.responsible_unit_id else None
    require_entry(tx.session, tx.actor, unit, f"{what} {indicator.code}")
    ensure_editable(row, describe(indicator, row.year, row.quarter))
    return row


def add_evidence(
    db: Database,
    actor: Actor,
    realisation_id: int,
    filename: str,
    data: bytes,
    *,
    desa_id: int | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Tambah bukti dukung': store a file (at most 10 MB) with its SHA-256; returns its id. `desa_id`
    tags it as the bukti dukung of one desa of an indicator over desa."""
    checked = check_evidence(filename, data)
    with write(db, actor, Op.REALISATION_EVIDENCE_ADD, clock=clock) as tx:
        row = _open_for_entry(tx, realisation_id, "menambah bukti dukung")
        evidence_id = store_evidence(tx, RealisationEvidence, "realisation_id", row.id, checked, data)
        return evidence_id if desa_id is None else tag_desa(tx, evidence_id, desa_id)


def remove_evidence(db: Database, actor: Actor, evidence_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus bukti dukung' (while the realisasi is a draft or returned)."""
    with write(db, actor, Op.REALISATION_EVIDENCE_REMOVE, clock=clock) as tx:
        evidence = tx.session.get(RealisationEvidence, evidence_id)
        if evidence is None:
            raise NotFound("Bukti dukung tidak ditemukan (mungkin sudah dihapus).")
        _open_for_entry(tx, evidence.realisation_id, "menghapus bukti dukung")
        tx.audit("realisation_evidence", evidence.id, snapshot(evidence, ("realisation_id", "filename", "size")), None)
        tx.session.delete(evidence)


# --- submission ------------------------------------------------------------------------------------


def _submission(
    tx: Tx, unit: Unit, year: int, quarter: int, evidence_required: bool
) -> tuple[list[Realisation], list[str]]:
    """The unit's realisasi that would be submitted, and everything that keeps them from it (by indicator)."""
    s = tx.session
    indicators = planned_indicators(s, year, unit.id)
    if not indicators:
        raise ValidationError(f"{unit.name} tidak punya indikator bertarget pada tahun {year}.")
    ids = [i.id for i in indicators]
    rows = period_realisations(s, ids, year, quarter)
    targets = quarter_targets(s, ids, year, quarter)
    previous = previous_achievements(s, indicators, year, quarter)
    files = evidence_counts(s, [r.id for r in rows.values()])
    problems: list[str] = []
    pending: list[Realisation] = []
    for indicator in indicators:
        row = rows.get(indicator.id)
        if row is None:
            problems.append(f"{indicator.code} {indicator.name}: realisasi belum diisi")
            continue
        if not Status(row.status).editable:
            continue
        facts = QuarterFacts(
            value=row.value,
            target=targets.get(indicator.id),
            polarity=Polarity(indicator.polarity),
            manual=row.manual_achievement,
            justification=row.manual_justification,
            narrative=Narrative(row.supporting_factors, row.inhibiting_factors, row.follow_up),
            previous=previous.get(indicator.id),
            evidence_files=files.get(row.id, 0),
            evidence_required=evidence_required,
        )
        problems.extend(f"{indicator.code} {indicator.name}: {p}" for p in submission_problems(facts))
        if indicator.over_desa and (missing := desa_problem(s, row)):
            problems.append(f"{indicator.code} {indicator.name}: {missing}")
        pending.append(row)
    return pending, problems


def submit_quarter(
    db: Database, actor: Actor, unit_id: int, year: int, quarter: int, *, clock: Clock = utcnow
) -> list[int]:
    """Operation 'Ajukan realisasi triwulan': every draft or returned realisasi of the unit goes to the Sekretaris.

    Refused, naming every indicator, when a value is missing, when capaian is below the quarterly target or
    below the previous quarter's and the narrative is incomplete, or when a target of 0 lacks a manual
    capaian with justification, or, while the office requires bukti dukung (`OfficeSettings.evidence_required`),
    when a realisasi has no bukti dukung file. Returns the ids submitted.
    """
    check_period(year, quarter)
    evidence_required = get_settings(db).evidence_required
    with write(db, actor, Op.REALISATION_SUBMIT, clock=clock) as tx:
        unit = tx.session.get(Unit, unit_id)
        if unit is None:
            raise NotFound("Unit kerja tidak ditemukan.")
        require_entry(tx.session, actor, unit, "mengajukan realisasi")
        period = f"{quarter_label(quarter)} {year}"
        pending, problems = _submission(tx, unit, year, quarter, evidence_required)
        if problems:
            lines = "\n".join(f"- {p}" for p in problems)
            raise ValidationError(f"Realisasi {unit.name} {period} belum dapat diajukan:\n{lines}")
        if not pending:
            raise ValidationError(
                f"Tidak ada realisasi {unit.name} {period} yang perlu diajukan; semua sudah diajukan."
            )
        for row in pending:
            old = snapshot(row, FIELDS)
            row.status = Status.SUBMITTED.value
            row.return_reason = ""
            row.submitted_at = tx.now
            row.submitted_by = actor.name
            tx.audit("realisation", row.id, old, snapshot(row, FIELDS))
        return [row.id for row in pending]


__all__ = [
    "LOCKED_MESSAGE",
    "MAX_EVIDENCE_BYTES",
    "MAX_TEXT",
    "CheckInput",
    "CheckView",
    "EntryChange",
    "EntryRefused",
    "EntryView",
    "EvidenceFile",
    "EvidenceView",
    "RealisationInput",
    "RealisationLocked",
    "RevisionView",
    "Seen",
    "add_evidence",
    "approval_queue",
    "approve",
    "evidence_file",
    "quarter_entries",
    "remove_evidence",
    "return_to_kasi",
    "revise",
    "revisions",
    "save_realisation",
    "store_realisation",
    "store_realisations",
    "submit_quarter",
    "verification_queue",
    "verify",
]
