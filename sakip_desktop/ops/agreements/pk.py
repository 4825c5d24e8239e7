"""Perjanjian Kinerja (PK): the Kasubag Perencanaan prepares the yearly PK of the office and of each unit head,
checks it and makes it final (the Camat may make it final too); a PK Perubahan is a new version with a reason,
and the version it replaces stays readable.

Read views live in `ops/agreements/views.py` and are re-exported here, with the shared names of `common.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.agreements.checks import problems_of
from sakip_desktop.ops.agreements.common import (
    DEFAULT_STATEMENT,
    REASONS,
    SUPERIOR_KEY,
    Kind,
    Party,
    PkSettings,
    Status,
    clean_statement,
    get_agreement_row,
    parties_for,
    pk_unit,
    read_pk_settings,
    scope_budget,
    scope_indicators,
    write_setting,
)
from sakip_desktop.ops.agreements.settings import clean_party, party_dict, update_pk_settings
from sakip_desktop.ops.agreements.views import (
    AgreementDetail,
    AgreementSummary,
    BudgetLineView,
    TargetLine,
    agreement_problems,
    agreement_versions,
    get_agreement,
    list_agreements,
    pk_settings,
)
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementBudget,
    AgreementTarget,
    Office,
    PerformanceAgreement,
    YearlyTarget,
)

HEADER_FIELDS = (
    "year",
    "unit_id",
    "version",
    "kind",
    "status",
    "reason_code",
    "reason",
    "document_number",
    "first_party_name",
    "first_party_title",
    "first_party_rank",
    "first_party_nip",
    "second_party_name",
    "second_party_title",
    "second_party_rank",
    "second_party_nip",
    "statement_text",
    "place",
    "signed_on",
    "finalised_by",
    "finalised_at",
)
FROZEN_MESSAGE = (
    "PK {what} sudah ditetapkan dan tidak dapat diubah lagi. Bila ada pergantian pejabat atau perubahan "
    "strategi/prioritas, buat PK Perubahan."
)


@dataclass(frozen=True)
class AgreementEdit:
    """What the Kasubag Perencanaan may change on a draft PK."""

    document_number: str
    place: str
    signed_on: dt.date | None
    first_party: Party
    second_party: Party
    statement_text: str
    reason_code: str = ""  # PK Perubahan only
    reason: str = ""

    @classmethod
    def of(cls, detail: AgreementDetail, **changes: Any) -> AgreementEdit:
        """What the PK `detail` holds now, with `changes` (field=value) made to it."""
        return replace(cls(**{f.name: getattr(detail, f.name) for f in fields(cls)}), **changes)


# ---- helpers ------------------------------------------------------------------------------------------------


def _in_scope(year: int, unit_id: int | None) -> ColumnElement[bool]:
    """The PKs of `year` for `unit_id` (None: the office's own PK)."""
    return and_(
        PerformanceAgreement.year == year,
        PerformanceAgreement.unit_id.is_(None) if unit_id is None else PerformanceAgreement.unit_id == unit_id,
    )


def _what(row: PerformanceAgreement) -> str:
    return f"{row.year} versi {row.version}"


def _ensure_draft(row: PerformanceAgreement) -> None:
    if row.status != Status.DRAFT.value:
        raise ValidationError(FROZEN_MESSAGE.format(what=_what(row)), field="status")


def _set_parties(row: PerformanceAgreement, first: Party, second: Party) -> None:
    for which, party in (("first", first), ("second", second)):
        setattr(row, f"{which}_party_name", party.name.strip())
        setattr(row, f"{which}_party_title", party.title.strip())
        setattr(row, f"{which}_party_rank", party.rank.strip())
        setattr(row, f"{which}_party_nip", party.nip.strip())
        setattr(row, f"{which}_party_person_id", party.person_id)


def _fill_from_data(tx: Tx, row: PerformanceAgreement) -> None:
    """Replace the draft's targets and budget lines with the current planning data; parties as of its date."""
    s = tx.session
    s.execute(delete(AgreementTarget).where(AgreementTarget.agreement_id == row.id))
    s.execute(delete(AgreementBudget).where(AgreementBudget.agreement_id == row.id))
    indicators = scope_indicators(s, row.year, row.unit_id)
    yearly = {
        y.indicator_id: y
        for y in s.scalars(
            select(YearlyTarget).where(
                YearlyTarget.year == row.year, YearlyTarget.indicator_id.in_([i.id for i in indicators])
            )
        )
    }
    order = 0
    for ind in indicators:
        y = yearly.get(ind.id)
        if y is None:
            continue  # reported by the checks: the PK cannot be final without it
        order += 1
        s.add(
            AgreementTarget(
                agreement_id=row.id, indicator_id=ind.id, value=y.value, value_high=y.value_high, sort_order=order
            )
        )
    for n, line in enumerate(scope_budget(s, row.year, row.unit_id), start=1):
        s.add(
            AgreementBudget(
                agreement_id=row.id, code=line.code, name=line.name, amount=line.amount, note=line.note, sort_order=n
            )
        )
    day = row.signed_on or tx.now.date()
    _set_parties(row, *parties_for(s, row.unit_id, day))


def _audit(tx: Tx, row: PerformanceAgreement, old: dict[str, Any] | None) -> None:
    tx.audit("performance_agreement", row.id, old, _old(tx, row))


def _old(tx: Tx, row: PerformanceAgreement) -> dict[str, Any]:
    """The PK's header and its count of targets, for the audit trail."""
    state = snapshot(row, HEADER_FIELDS)
    state["targets"] = tx.session.scalar(
        select(func.count()).select_from(AgreementTarget).where(AgreementTarget.agreement_id == row.id)
    )
    return state


def _place(tx: Tx) -> str:
    office = tx.session.scalars(select(Office)).first()
    return (office.signing_place or office.name) if office else ""


def _new_version(
    tx: Tx, year: int, unit_id: int | None, version: int, signed_on: dt.date | None
) -> PerformanceAgreement:
    row = PerformanceAgreement(
        year=year,
        unit_id=unit_id,
        version=version,
        kind=Kind.MURNI.value if version == 1 else Kind.PERUBAHAN.value,
        status=Status.DRAFT.value,
        statement_text=read_pk_settings(tx.session).statement_text,
        place=_place(tx),
        signed_on=signed_on or tx.now.date(),
        created_by=tx.actor.name,
        created_at=tx.now,
    )
    tx.session.add(row)
    tx.session.flush()
    return row


# ---- operations ---------------------------------------------------------------------------------------------


def create_agreement(
    db: Database,
    actor: Actor,
    year: int,
    unit_id: int | None = None,
    *,
    signed_on: dt.date | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Susun draf PK': the PK Murni of a year for the office (unit_id None) or a unit; returns its id.

    Targets are taken from the yearly targets of the indicators in scope, budget lines from the program tree,
    the parties from the people holding the roles on `signed_on` (default today), the statement from the
    office's PK setting, the place from the office profile.
    """
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak masuk akal.", field="year")
    with write(db, actor, Op.PK_CREATE, clock=clock) as tx:
        if unit_id is not None:
            pk_unit(tx.session, unit_id)
        if tx.session.scalars(select(PerformanceAgreement).where(_in_scope(year, unit_id))).first() is not None:
            raise ValidationError(
                f"PK tahun {year} untuk unit ini sudah ada. Ubah drafnya, atau buat PK Perubahan dari PK yang sudah "
                "ditetapkan.",
                field="year",
            )
        scope_indicators(tx.session, year, unit_id)  # refuses a year without a Renstra
        row = _new_version(tx, year, unit_id, 1, signed_on)
        _fill_from_data(tx, row)
        tx.session.flush()
        _audit(tx, row, None)
        return row.id


def refresh_agreement(db: Database, actor: Actor, agreement_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Perbarui draf PK dari data': targets, budget lines and parties taken again from current data."""
    with write(db, actor, Op.PK_REFRESH, clock=clock) as tx:
        row = get_agreement_row(tx.session, agreement_id)
        _ensure_draft(row)
        old = _old(tx, row)
        _fill_from_data(tx, row)
        tx.session.flush()
        _audit(tx, row, old)


def update_agreement(
    db: Database, actor: Actor, agreement_id: int, data: AgreementEdit, *, clock: Clock = utcnow
) -> None:
    """Operation 'Ubah draf PK': number, place, date, parties, statement (and the reason of a PK Perubahan).

    For the office's PK, the pihak kedua typed here (the Bupati) is remembered for next year's PK.
    """
    first = clean_party(data.first_party, "pertama", "first_party")
    second = clean_party(data.second_party, "kedua", "second_party")
    statement = clean_statement(data.statement_text)
    number = data.document_number.strip()
    if len(number) > 120:
        raise ValidationError("Nomor dokumen terlalu panjang (paling banyak 120 karakter).", field="document_number")
    place = data.place.strip()
    if not place:
        raise ValidationError("Tempat penandatanganan wajib diisi.", field="place")
    with write(db, actor, Op.PK_UPDATE, clock=clock) as tx:
        row = get_agreement_row(tx.session, agreement_id)
        _ensure_draft(row)
        old = _old(tx, row)
        if row.kind == Kind.PERUBAHAN.value:
            code, reason = _check_reason(data.reason_code, data.reason)
            row.reason_code, row.reason = code, reason
        row.document_number, row.place, row.signed_on = number, place, data.signed_on
        row.statement_text = statement
        _set_parties(row, first, second)
        if row.unit_id is None:
            before, after = write_setting(tx.session, SUPERIOR_KEY, party_dict(second))
            if before != after:
                tx.audit("setting", None, {SUPERIOR_KEY: before}, {SUPERIOR_KEY: after})
        _audit(tx, row, old)


def delete_draft(db: Database, actor: Actor, agreement_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus draf PK': only a draft; a PK that was made final is kept for ever."""
    with write(db, actor, Op.PK_DELETE_DRAFT, clock=clock) as tx:
        row = get_agreement_row(tx.session, agreement_id)
        _ensure_draft(row)
        tx.audit("performance_agreement", row.id, _old(tx, row), None)
        tx.session.delete(row)


def _refuse_plh(actor: Actor) -> None:
    """A Plh. holds day-to-day authority only; signing a PK is left to the Camat (or a Plt.)."""
    if actor.may(Op.PK_CREATE):  # who prepares the PK may also make it final, acting or not
        return
    camat = [g for g in actor.grants if g.role is Role.CAMAT]
    if camat and all(g.acting is ActingKind.PLH for g in camat):
        raise PermissionDenied(
            "Plh. Camat tidak berwenang menetapkan perjanjian kinerja; PK ditetapkan oleh Camat atau Plt. Camat."
        )


def finalise_agreement(db: Database, actor: Actor, agreement_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Tetapkan PK': refused while `agreement_problems` lists anything (all are listed); the parties
    and targets are frozen, and the version it revises becomes 'diganti perubahan' (still readable)."""
    with write(db, actor, Op.PK_FINALISE, clock=clock) as tx:
        s = tx.session
        _refuse_plh(tx.actor)
        row = get_agreement_row(s, agreement_id)
        _ensure_draft(row)
        problems = problems_of(s, row)
        if problems:
            listing = "\n".join(f"- {p}" for p in problems)
            raise ValidationError(f"PK {_what(row)} belum dapat ditetapkan:\n{listing}", field="status")
        old = _old(tx, row)
        for earlier in s.scalars(
            select(PerformanceAgreement).where(
                _in_scope(row.year, row.unit_id), PerformanceAgreement.status == Status.FINAL.value
            )
        ):
            before = _old(tx, earlier)
            earlier.status = Status.SUPERSEDED.value
            _audit(tx, earlier, before)
        row.status = Status.FINAL.value
        row.finalised_by = tx.actor.name
        row.finalised_at = tx.now
        _audit(tx, row, old)


def _check_reason(reason_code: str, reason: str) -> tuple[str, str]:
    code = (reason_code or "").strip().upper()
    if code not in REASONS:
        choices = ", ".join(f"{k} = {v.lower()}" for k, v in REASONS.items())
        raise ValidationError(f"Pilih dasar perubahan PK ({choices}).", field="reason_code")
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError("Tulis alasan perubahan PK (mis. siapa digantikan siapa, sejak kapan).", field="reason")
    if len(reason) > 2000:
        raise ValidationError("Alasan perubahan terlalu panjang (paling banyak 2.000 karakter).", field="reason")
    return code, reason


def start_revision(
    db: Database,
    actor: Actor,
    agreement_id: int,
    reason_code: str,
    reason: str,
    document_number: str,
    *,
    signed_on: dt.date | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Buat PK Perubahan': from the PK that is in force, a draft of the next version with the ground
    (MUTASI / STRATEGI / PRIORITAS), reason and document number; targets, budget and parties taken fresh from
    current data. Returns the new draft's id."""
    code, reason = _check_reason(reason_code, reason)
    number = document_number.strip()
    if len(number) > 120:
        raise ValidationError("Nomor dokumen terlalu panjang (paling banyak 120 karakter).", field="document_number")
    with write(db, actor, Op.PK_REVISION_START, clock=clock) as tx:
        s = tx.session
        source = get_agreement_row(s, agreement_id)
        versions = s.scalars(select(PerformanceAgreement).where(_in_scope(source.year, source.unit_id))).all()
        if any(v.status == Status.DRAFT.value for v in versions):
            raise ValidationError("Masih ada draf PK untuk unit dan tahun ini; selesaikan atau hapus draf itu dulu.")
        if source.status != Status.FINAL.value:
            raise ValidationError(
                "PK Perubahan dibuat dari PK yang sedang berlaku (sudah ditetapkan dan belum diganti).",
                field="status",
            )
        row = _new_version(tx, source.year, source.unit_id, max(v.version for v in versions) + 1, signed_on)
        row.reason_code, row.reason, row.document_number = code, reason, number
        _fill_from_data(tx, row)
        tx.session.flush()
        _audit(tx, row, None)
        return row.id


__all__ = [
    "DEFAULT_STATEMENT",
    "REASONS",
    "AgreementDetail",
    "AgreementEdit",
    "AgreementSummary",
    "BudgetLineView",
    "Kind",
    "Party",
    "PkSettings",
    "Status",
    "TargetLine",
    "agreement_problems",
    "agreement_versions",
    "create_agreement",
    "delete_draft",
    "finalise_agreement",
    "get_agreement",
    "list_agreements",
    "pk_settings",
    "refresh_agreement",
    "start_revision",
    "update_agreement",
    "update_pk_settings",
]
