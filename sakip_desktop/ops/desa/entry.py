"""Entering the realisasi of an indicator over desa per desa, and defining an indicator as one over desa.

Each desa is marked as meeting the criterion or not, with a note; bukti dukung for a desa are the realisasi's
bukti dukung tagged with it (`ops.realisation.entry.add_evidence(desa_id=…)`). The realisasi's pembilang, penyebut
and value follow from the marks (`fraction.apply_fraction`); its narrative, submission, verification and approval
are those of every realisasi.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import RealisationInput, clean_text, text_problem
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.desa.fraction import apply_fraction
from sakip_desktop.ops.realisation.common import (
    FIELDS,
    EntryRefused,
    check_period,
    describe,
    ensure_editable,
    find_realisation,
    get_indicator,
    require_entry,
)
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MARK_FIELDS = ("realisation_id", "desa_id", "meets", "note")
FRACTION_FIELDS = (*FIELDS, "desa_met", "desa_counted")


@dataclass(frozen=True)
class DesaMark:
    """What is entered for one desa: meets the criterion (True/False) or not entered (None), and a note."""

    desa_id: int
    meets: bool | None
    note: str = ""


def _checked_marks(tx: Tx, marks: Sequence[DesaMark], entered: dict[int, m.DesaRealisation], name: str
                   ) -> list[tuple[m.Desa, DesaMark]]:  # fmt: skip
    checked = []
    seen: set[int] = set()
    for mark in marks:
        desa = tx.session.get(m.Desa, mark.desa_id)
        if desa is None:
            raise NotFound("Desa/kelurahan tidak ditemukan (mungkin sudah dihapus).")
        if mark.desa_id in seen:
            raise ValidationError(f"{desa.name} diisi dua kali untuk {name}.", field="desa")
        seen.add(mark.desa_id)
        if not desa.active and mark.desa_id not in entered and mark.meets is not None:
            raise ValidationError(f"{desa.name} sudah tidak aktif; tidak dapat diisi untuk {name}.", field="desa")
        note = clean_text(mark.note)
        problem = text_problem(note)
        if problem:
            raise EntryRefused(f"Catatan {desa.name}", problem, field="note")
        checked.append((desa, DesaMark(mark.desa_id, mark.meets, note)))
    return checked


def store_marks(tx: Tx, indicator_id: int, year: int, quarter: int, marks: Sequence[DesaMark]) -> m.Realisation:
    """Write per-desa marks of a realisasi inside an open operation (permission of the unit, draft only); the
    realisasi is made when there is none yet, and its pembilang, penyebut and value follow."""
    check_period(year, quarter)
    s = tx.session
    indicator = get_indicator(s, indicator_id)
    name = describe(indicator, year, quarter)
    if not indicator.over_desa:
        raise ValidationError(f"{indicator.code} bukan indikator atas desa; realisasinya diisi sebagai angka.")
    unit = s.get(m.Unit, indicator.responsible_unit_id) if indicator.responsible_unit_id else None
    require_entry(s, tx.actor, unit, f"mengisi realisasi {indicator.code}")
    row = find_realisation(s, indicator_id, year, quarter)
    if row is None:
        from sakip_desktop.ops.realisation.entry import store_realisation  # entry imports this module's reads

        row = store_realisation(tx, indicator_id, year, quarter, RealisationInput(None))
    ensure_editable(row, name)
    old = snapshot(row, FRACTION_FIELDS)
    write_marks(tx, row, marks, name)
    row.entered_by_id, row.entered_at = tx.actor.person_id, tx.now
    tx.audit("realisation", row.id, old, snapshot(row, FRACTION_FIELDS))
    return row


def write_marks(tx: Tx, row: m.Realisation, marks: Sequence[DesaMark], name: str) -> None:
    """Put the marks on the realisasi (inside an open operation whose checks are done); its pembilang, penyebut
    and value follow. The caller audits the realisasi itself."""
    s = tx.session
    entered = {x.desa_id: x for x in s.scalars(select(m.DesaRealisation).where(
        m.DesaRealisation.realisation_id == row.id))}  # fmt: skip
    for desa, mark in _checked_marks(tx, marks, entered, name):
        _put_mark(tx, row, entered.get(desa.id), mark)
    s.flush()
    apply_fraction(s, row, cleared=True)


def _put_mark(tx: Tx, row: m.Realisation, found: m.DesaRealisation | None, mark: DesaMark) -> None:
    if mark.meets is None:
        if found is not None:
            tx.audit("desa_realisation", found.id, snapshot(found, MARK_FIELDS), None)
            tx.session.delete(found)
        return
    if found is None:
        found = m.DesaRealisation(realisation_id=row.id, desa_id=mark.desa_id, meets=mark.meets, note=mark.note)
        tx.session.add(found)
        tx.session.flush()
        tx.audit("desa_realisation", found.id, None, snapshot(found, MARK_FIELDS))
        return
    old = snapshot(found, MARK_FIELDS)
    found.meets, found.note = mark.meets, mark.note
    tx.audit("desa_realisation", found.id, old, snapshot(found, MARK_FIELDS))


def save_desa_marks(
    db: Database,
    actor: Actor,
    indicator_id: int,
    year: int,
    quarter: int,
    marks: Sequence[DesaMark],
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Isi realisasi per desa': mark desa as meeting the criterion or not (None: clear the mark);
    returns the realisasi id. By whoever may enter the indicator's realisasi, while it is a draft or returned."""
    with write(db, actor, Op.DESA_REALISATION_SAVE, clock=clock) as tx:
        return store_marks(tx, indicator_id, year, quarter, marks).id


def set_indicator_over_desa(
    db: Database, actor: Actor, indicator_id: int, over_desa: bool, criterion: str, *, clock: Clock = utcnow
) -> None:
    """Operation 'Tetapkan indikator atas desa': the indicator is counted over the desa (with the criterion a desa
    must meet) or not. Switching it either way is refused once the indicator has realisasi; the criterion's
    wording may change any time."""
    criterion = " ".join(criterion.split())
    if over_desa and not criterion:
        raise ValidationError("Kriteria desa wajib diisi untuk indikator atas desa (mis. 'APBDes ditetapkan "
                              "tepat waktu').", field="desa_criterion")  # fmt: skip
    if len(criterion) > 500:
        raise ValidationError("Kriteria desa paling panjang 500 huruf.", field="desa_criterion")
    with write(db, actor, Op.INDICATOR_DESA_SET, clock=clock) as tx:
        indicator = get_indicator(tx.session, indicator_id)
        if bool(indicator.over_desa) != over_desa:
            entered = tx.session.scalar(
                select(func.count(m.Realisation.id)).where(m.Realisation.indicator_id == indicator_id)
            )
            if entered:
                raise ValidationError(
                    f"{indicator.code} sudah punya realisasi; jenisnya (atas desa atau angka) tidak dapat diubah "
                    "lagi karena nilai yang tersimpan akan berubah arti.",
                    field="over_desa",
                )
        fields = ("over_desa", "desa_criterion")
        old = snapshot(indicator, fields)
        indicator.over_desa, indicator.desa_criterion = over_desa, criterion if over_desa else ""
        tx.audit("indicator", indicator.id, old, snapshot(indicator, fields))


def indicator_desa(db: Database, indicator_id: int) -> tuple[bool, str]:
    """Whether an indicator is counted over desa, and its criterion (the indicator form shows both)."""
    with db.reading() as s:
        indicator = get_indicator(s, indicator_id)
        return bool(indicator.over_desa), indicator.desa_criterion


__all__ = ["DesaMark", "indicator_desa", "save_desa_marks", "set_indicator_over_desa", "store_marks", "write_marks"]
