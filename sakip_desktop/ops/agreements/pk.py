"""Perjanjian Kinerja (PK): the Kasubag Perencanaan prepares the yearly PK of the office and of each unit head,
checks it and makes it final (the Camat may make it final too); a PK Perubahan is a new version with a reason,
and the version it replaces stays readable.

Read views live in `ops/agreements/views.py` and are re-exported here, with the shared names of `common.py`; a
draft's making is in `drafts.py`, the PK Perubahan (`start_revision`) in `revision.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select

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
    pk_unit,
    scope_indicators,
    write_setting,
)
from sakip_desktop.ops.agreements.drafts import (
    agreement_state,
    audit_agreement,
    ensure_draft,
    fill_from_data,
    in_scope,
    new_version,
    set_parties,
    version_words,
)
from sakip_desktop.ops.agreements.revision import check_reason
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
from sakip_desktop.ops.base import Actor, Clock, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import PerformanceAgreement


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
        if tx.session.scalars(select(PerformanceAgreement).where(in_scope(year, unit_id))).first() is not None:
            raise ValidationError(
                f"PK tahun {year} untuk unit ini sudah ada. Ubah drafnya, atau buat PK Perubahan dari PK yang sudah "
                "ditetapkan.",
                field="year",
            )
        scope_indicators(tx.session, year, unit_id)  # refuses a year without a Renstra
        row = new_version(tx, year, unit_id, 1, signed_on)
        fill_from_data(tx, row)
        tx.session.flush()
        audit_agreement(tx, row, None)
        return row.id


def refresh_agreement(db: Database, actor: Actor, agreement_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Perbarui draf PK dari data': targets, budget lines and parties taken again from current data."""
    with write(db, actor, Op.PK_REFRESH, clock=clock) as tx:
        row = get_agreement_row(tx.session, agreement_id)
        ensure_draft(row)
        old = agreement_state(tx, row)
        fill_from_data(tx, row)
        tx.session.flush()
        audit_agreement(tx, row, old)


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
        ensure_draft(row)
        old = agreement_state(tx, row)
        if row.kind == Kind.PERUBAHAN.value:
            code, reason = check_reason(data.reason_code, data.reason)
            row.reason_code, row.reason = code, reason
        row.document_number, row.place, row.signed_on = number, place, data.signed_on
        row.statement_text = statement
        set_parties(row, first, second)
        if row.unit_id is None:
            before, after = write_setting(tx.session, SUPERIOR_KEY, party_dict(second))
            if before != after:
                tx.audit("setting", None, {SUPERIOR_KEY: before}, {SUPERIOR_KEY: after})
        audit_agreement(tx, row, old)


def delete_draft(db: Database, actor: Actor, agreement_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus draf PK': only a draft; a PK that was made final is kept for ever."""
    with write(db, actor, Op.PK_DELETE_DRAFT, clock=clock) as tx:
        row = get_agreement_row(tx.session, agreement_id)
        ensure_draft(row)
        tx.audit("performance_agreement", row.id, agreement_state(tx, row), None)
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
        ensure_draft(row)
        problems = problems_of(s, row)
        if problems:
            listing = "\n".join(f"- {p}" for p in problems)
            raise ValidationError(f"PK {version_words(row)} belum dapat ditetapkan:\n{listing}", field="status")
        old = agreement_state(tx, row)
        for earlier in s.scalars(
            select(PerformanceAgreement).where(
                in_scope(row.year, row.unit_id), PerformanceAgreement.status == Status.FINAL.value
            )
        ):
            before = agreement_state(tx, earlier)
            earlier.status = Status.SUPERSEDED.value
            audit_agreement(tx, earlier, before)
        row.status = Status.FINAL.value
        row.finalised_by = tx.actor.name
        row.finalised_at = tx.now
        audit_agreement(tx, row, old)


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
    "update_agreement",
    "update_pk_settings",
]
