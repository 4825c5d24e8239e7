"""A draft PK and its versions: which PKs are of one year and unit, a new version's header, its targets,
budget lines and parties taken from the planning data, and its state for the audit trail. Used by the
operations on a PK (`ops.agreements.pk`) and by the PK Perubahan (`ops.agreements.revision`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, select

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.agreements.common import (
    Kind,
    Party,
    Status,
    parties_for,
    read_pk_settings,
    scope_budget,
    scope_indicators,
)
from sakip_desktop.ops.base import Tx, snapshot
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


def in_scope(year: int, unit_id: int | None) -> ColumnElement[bool]:
    """The PKs of `year` for `unit_id` (None: the office's own PK)."""
    return and_(
        PerformanceAgreement.year == year,
        PerformanceAgreement.unit_id.is_(None) if unit_id is None else PerformanceAgreement.unit_id == unit_id,
    )


def version_words(row: PerformanceAgreement) -> str:
    """'2025 versi 2': the PK's year and version, as messages name it."""
    return f"{row.year} versi {row.version}"


def ensure_draft(row: PerformanceAgreement) -> None:
    """Refuse a change to a PK that was made final (`FROZEN_MESSAGE`)."""
    if row.status != Status.DRAFT.value:
        raise ValidationError(FROZEN_MESSAGE.format(what=version_words(row)), field="status")


def set_parties(row: PerformanceAgreement, first: Party, second: Party) -> None:
    """The pihak pertama and kedua written onto the PK, trimmed."""
    for which, party in (("first", first), ("second", second)):
        setattr(row, f"{which}_party_name", party.name.strip())
        setattr(row, f"{which}_party_title", party.title.strip())
        setattr(row, f"{which}_party_rank", party.rank.strip())
        setattr(row, f"{which}_party_nip", party.nip.strip())
        setattr(row, f"{which}_party_person_id", party.person_id)


def fill_from_data(tx: Tx, row: PerformanceAgreement) -> None:
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
    set_parties(row, *parties_for(s, row.unit_id, day))


def audit_agreement(tx: Tx, row: PerformanceAgreement, old: dict[str, Any] | None) -> None:
    """The PK's change in the audit trail, from `old` (None: made) to its state now."""
    tx.audit("performance_agreement", row.id, old, agreement_state(tx, row))


def agreement_state(tx: Tx, row: PerformanceAgreement) -> dict[str, Any]:
    """The PK's header and its count of targets, for the audit trail."""
    state = snapshot(row, HEADER_FIELDS)
    state["targets"] = tx.session.scalar(
        select(func.count()).select_from(AgreementTarget).where(AgreementTarget.agreement_id == row.id)
    )
    return state


def _place(tx: Tx) -> str:
    office = tx.session.scalars(select(Office)).first()
    return (office.signing_place or office.name) if office else ""


def new_version(
    tx: Tx, year: int, unit_id: int | None, version: int, signed_on: dt.date | None
) -> PerformanceAgreement:
    """A new draft version of the PK of `year` and `unit_id` (1: PK Murni, later: PK Perubahan), with the
    office's statement and place; its targets, budget and parties are filled by `fill_from_data`."""
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
