"""Collecting realisasi: the Kasi (or Kasubag, or staff) enters values, narrative and bukti dukung, then submits.

The review steps (verify, return, approve, revise) live in `realisation_review`, the read views in
`realisation_views`; both are re-exported here so a screen imports every realisasi operation from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain import bounds
from sakip_desktop.domain.achievement import Polarity
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Narrative, QuarterFacts, Status, is_zero_target, submission_problems
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.realisation.common import (
    FIELDS,
    LOCKED_MESSAGE,
    RealisationLocked,
    check_amount,
    check_period,
    ensure_editable,
    find_realisation,
    get_indicator,
    get_realisation,
    planned_indicators,
    previous_achievements,
    quarter_targets,
    require_entry,
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
from sakip_desktop.storage.models import Realisation, RealisationEvidence, Unit

MAX_TEXT = 4000  # characters of one narrative field: about a page


@dataclass(frozen=True)
class RealisationInput:
    """What a Kasi enters for one indicator and quarter."""

    value: Decimal | None
    supporting: str = ""
    inhibiting: str = ""
    follow_up: str = ""
    manual_achievement: Decimal | None = None
    manual_justification: str = ""


def _clean_text(text: str, label: str, field: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{label} terlalu panjang ({len(text)} karakter; paling banyak {MAX_TEXT}).", field)
    return text


def check_input(data: RealisationInput) -> RealisationInput:
    """The input with its numbers checked and its texts trimmed (no database needed)."""
    return RealisationInput(
        value=check_amount(data.value, "Realisasi", "value"),
        supporting=_clean_text(data.supporting, "Faktor pendukung", "supporting"),
        inhibiting=_clean_text(data.inhibiting, "Faktor penghambat", "inhibiting"),
        follow_up=_clean_text(data.follow_up, "Upaya/tindak lanjut", "follow_up"),
        manual_achievement=bounds.check(
            data.manual_achievement, bounds.PERCENT, "Capaian manual", "manual_achievement"
        ),
        manual_justification=_clean_text(data.manual_justification, "Justifikasi", "manual_justification"),
    )


def store_realisation(
    tx: Tx,
    indicator_id: int,
    year: int,
    quarter: int,
    data: RealisationInput,
    *,
    known: dict[int, Realisation] | None = None,
) -> Realisation:
    """Write one realisasi inside an open operation (checks permission, lock and the manual capaian).

    `save_realisation` is the operation for one indicator; the Format Isian import calls this for many
    in one transaction, so a file is applied whole or not at all. `known`, when given, holds the period's
    realisasi by indicator id (loaded once by a caller writing many; new ones are added to it).
    """
    check_period(year, quarter)
    data = check_input(data)
    s = tx.session
    indicator = get_indicator(s, indicator_id)
    unit = s.get(Unit, indicator.responsible_unit_id) if indicator.responsible_unit_id else None
    require_entry(s, tx.actor, unit, f"mengisi realisasi {indicator.code}")
    check_rank(s, indicator, data.value, "Realisasi", "value")  # a qualitative indicator takes a level's rank
    row = known.get(indicator_id) if known is not None else find_realisation(s, indicator_id, year, quarter)
    if row is not None:
        ensure_editable(row)
    if data.manual_achievement is not None:
        target = quarter_targets(s, [indicator_id], year, quarter).get(indicator_id)
        if target is None or not is_zero_target(target):
            raise ValidationError(
                f"{indicator.code}: capaian manual hanya diisi bila target {quarter_label(quarter)} bernilai 0 "
                "(capaian tidak dapat dihitung). Kosongkan capaian manual.",
                field="manual_achievement",
            )
        if not data.manual_justification:
            raise ValidationError(
                f"{indicator.code}: tulis justifikasi untuk capaian manual.", field="manual_justification"
            )
    old = None if row is None else snapshot(row, FIELDS)
    if row is None:
        row = Realisation(indicator_id=indicator_id, year=year, quarter=quarter, status=Status.DRAFT.value)
        s.add(row)
        if known is not None:
            known[indicator_id] = row
    row.value = data.value
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
    clock: Clock = utcnow,
) -> int:
    """Operation 'Isi realisasi': value and narrative of one indicator for a quarter; returns the realisasi id.

    By the Kasi of the indicator's unit, the Kasubag of a sub bagian, staff of the unit, or an administrator;
    only while the realisasi is a draft or returned (a new one starts as a draft). `value` may be None while
    the narrative is written first; submitting needs it.
    """
    data = RealisationInput(value, supporting, inhibiting, follow_up, manual_achievement, manual_justification)
    with write(db, actor, Op.REALISATION_SAVE, clock=clock) as tx:
        return store_realisation(tx, indicator_id, year, quarter, data).id


# --- bukti dukung ----------------------------------------------------------------------------------


def _open_for_entry(tx: Tx, realisation_id: int, what: str) -> Realisation:
    row = get_realisation(tx.session, realisation_id)
    indicator = get_indicator(tx.session, row.indicator_id)
    unit = tx.session.get(Unit, indicator.responsible_unit_id) if indicator.responsible_unit_id else None
    require_entry(tx.session, tx.actor, unit, f"{what} {indicator.code}")
    ensure_editable(row)
    return row


def add_evidence(
    db: Database, actor: Actor, realisation_id: int, filename: str, data: bytes, *, clock: Clock = utcnow
) -> int:
    """Operation 'Tambah bukti dukung': store a file (at most 10 MB) with its SHA-256; returns its id."""
    checked = check_evidence(filename, data)
    with write(db, actor, Op.REALISATION_EVIDENCE_ADD, clock=clock) as tx:
        row = _open_for_entry(tx, realisation_id, "menambah bukti dukung")
        return store_evidence(tx, RealisationEvidence, "realisation_id", row.id, checked, data)


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


def submit_quarter(
    db: Database, actor: Actor, unit_id: int, year: int, quarter: int, *, clock: Clock = utcnow
) -> list[int]:
    """Operation 'Ajukan realisasi triwulan': every draft or returned realisasi of the unit goes to the Sekretaris.

    Refused, naming every indicator, when a value is missing, when capaian is below the quarterly target or
    below the previous quarter's and the narrative is incomplete, or when a target of 0 lacks a manual
    capaian with justification. Returns the ids submitted.
    """
    check_period(year, quarter)
    with write(db, actor, Op.REALISATION_SUBMIT, clock=clock) as tx:
        s = tx.session
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise NotFound("Unit kerja tidak ditemukan.")
        require_entry(s, actor, unit, "mengajukan realisasi")
        period = f"{quarter_label(quarter)} {year}"
        indicators = planned_indicators(s, year, unit_id)
        if not indicators:
            raise ValidationError(f"{unit.name} tidak punya indikator bertarget pada tahun {year}.")
        ids = [i.id for i in indicators]
        rows = {
            r.indicator_id: r
            for r in s.scalars(
                select(Realisation).where(
                    Realisation.year == year, Realisation.quarter == quarter, Realisation.indicator_id.in_(ids)
                )
            )
        }
        targets = quarter_targets(s, ids, year, quarter)
        previous = previous_achievements(s, indicators, year, quarter)
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
            )
            problems.extend(f"{indicator.code} {indicator.name}: {p}" for p in submission_problems(facts))
            pending.append(row)
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
    "CheckInput",
    "CheckView",
    "EntryView",
    "EvidenceFile",
    "EvidenceView",
    "RealisationInput",
    "RealisationLocked",
    "RevisionView",
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
    "submit_quarter",
    "verification_queue",
    "verify",
]
