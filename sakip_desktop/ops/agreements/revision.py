"""PK Perubahan: from the PK in force, a draft of the next version with its ground (MUTASI / STRATEGI /
PRIORITAS), reason and document number; the version it revises stays in force until the new one is made final
(`ops.agreements.pk.finalise_agreement`), then stays readable as 'diganti perubahan'."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.agreements.common import REASONS, Status, get_agreement_row
from sakip_desktop.ops.agreements.drafts import audit_agreement, fill_from_data, in_scope, new_version
from sakip_desktop.ops.base import Actor, Clock, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import PerformanceAgreement


def check_reason(reason_code: str, reason: str) -> tuple[str, str]:
    """The ground of a PK Perubahan (one of REASONS, any case) and its reason, cleaned; refused when either is
    missing or the reason is too long."""
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
    code, reason = check_reason(reason_code, reason)
    number = document_number.strip()
    if len(number) > 120:
        raise ValidationError("Nomor dokumen terlalu panjang (paling banyak 120 karakter).", field="document_number")
    with write(db, actor, Op.PK_REVISION_START, clock=clock) as tx:
        s = tx.session
        source = get_agreement_row(s, agreement_id)
        versions = s.scalars(select(PerformanceAgreement).where(in_scope(source.year, source.unit_id))).all()
        if any(v.status == Status.DRAFT.value for v in versions):
            raise ValidationError("Masih ada draf PK untuk unit dan tahun ini; selesaikan atau hapus draf itu dulu.")
        if source.status != Status.FINAL.value:
            raise ValidationError(
                "PK Perubahan dibuat dari PK yang sedang berlaku (sudah ditetapkan dan belum diganti).",
                field="status",
            )
        row = new_version(tx, source.year, source.unit_id, max(v.version for v in versions) + 1, signed_on)
        row.reason_code, row.reason, row.document_number = code, reason, number
        fill_from_data(tx, row)
        tx.session.flush()
        audit_agreement(tx, row, None)
        return row.id
