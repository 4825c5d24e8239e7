"""Revising an approved realisasi of an indicator over desa: its value follows the per-desa marks, so the Sekretaris
or the Camat revises the marks (with a reason) and the value follows; the old and new value are kept as a revision
like every revision (`ops.realisation.review.revise` refuses a bare number for such a realisasi:
`fraction.marks_revision_needed`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Clock, require, snapshot, utcnow, write
from sakip_desktop.ops.desa.entry import FRACTION_FIELDS, DesaMark, write_marks
from sakip_desktop.ops.realisation.common import describe, get_indicator, get_realisation
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

REVISION_FIELDS = ("realisation_id", "old_value", "new_value", "reason")


def _marks_of(session: Session, realisation_id: int) -> dict[int, tuple[bool, str]]:
    query = select(m.DesaRealisation).where(m.DesaRealisation.realisation_id == realisation_id)
    return {x.desa_id: (bool(x.meets), x.note) for x in session.scalars(query)}


def _unmarked(session: Session, before: dict[int, tuple[bool, str]], after: dict[int, tuple[bool, str]]
              ) -> str | None:  # fmt: skip
    """The desa marked in the approved quarter whose mark the revision clears, named in the office's order. A desa
    added or reactivated after the quarter was submitted is not counted in it (`ops.desa.counted`), so it is not
    asked for here."""
    cleared = [desa_id for desa_id in before if desa_id not in after]
    if not cleared:
        return None
    query = select(m.Desa.name).where(m.Desa.id.in_(cleared)).order_by(m.Desa.sort_order, m.Desa.id)
    names = list(session.scalars(query))
    shown = ", ".join(names[:5]) + (f" dan {len(names) - 5} lainnya" if len(names) > 5 else "")
    return f"{len(names)} desa belum diisi ({shown})"


def revise_desa_marks(
    db: Database,
    actor: Actor,
    realisation_id: int,
    marks: Sequence[DesaMark],
    reason: str,
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Revisi realisasi terkunci' of an indicator over desa (Sekretaris, Camat or administrator): change
    the per-desa marks of an approved realisasi with a reason; its pembilang, penyebut and value follow, every
    desa counted in that quarter stays marked (a desa added since is not counted in it: `ops.desa.counted`), the
    old and new value are kept as a revision and the realisasi stays approved. Returns the revision id."""
    require(actor, Op.REALISATION_REVISE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tulis alasan revisi; alasan tercatat bersama nilai lama dan baru.", field="reason")
    with write(db, actor, Op.REALISATION_REVISE, clock=clock) as tx:
        s = tx.session
        row = get_realisation(s, realisation_id)
        indicator = get_indicator(s, row.indicator_id)
        name = describe(indicator, row.year, row.quarter)
        if Status(row.status) is not Status.APPROVED:
            raise ValidationError(f"{name} belum disetujui; ubah tanda desanya melalui pengisian biasa, bukan revisi.",
                                  field="status")  # fmt: skip
        if not indicator.over_desa:
            raise ValidationError(f"{indicator.code} bukan indikator atas desa; revisi nilainya dengan angka.")
        before, old, old_value = _marks_of(s, row.id), snapshot(row, FRACTION_FIELDS), row.value
        write_marks(tx, row, marks, name)
        after = _marks_of(s, row.id)
        if after == before:
            raise ValidationError("Tanda desa sama dengan sebelumnya; tidak ada yang direvisi.", field="desa")
        missing = _unmarked(s, before, after) if row.desa_counted is not None else "semua tanda desa dikosongkan"
        if missing:
            raise ValidationError(f"Revisi {name} belum lengkap: {missing}. Isi setiap desa yang dihitung.",
                                  field="desa")  # fmt: skip
        revision = m.RealisationRevision(realisation_id=row.id, old_value=old_value, new_value=row.value,
                                         reason=reason, revised_by=actor.name, revised_at=tx.now)  # fmt: skip
        s.add(revision)
        s.flush()
        tx.audit("realisation_revision", revision.id, None, snapshot(revision, REVISION_FIELDS))
        tx.audit("realisation", row.id, old, snapshot(row, FRACTION_FIELDS))
        return revision.id


__all__ = ["revise_desa_marks"]
