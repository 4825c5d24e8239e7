"""A Format Isian as read (what it would change) and applying it: all or nothing, row by row through
`store_realisation`, so a file obeys the same rules as the entry screen."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlalchemy import select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import PermissionDenied, UserError
from sakip_desktop.exchange.isian.columns import (
    COL_FOLLOW_UP,
    COL_INHIBITING,
    COL_JUSTIFICATION,
    COL_MANUAL,
    COL_SUPPORTING,
    COL_VALUE,
)
from sakip_desktop.exchange.xlsxkit import ImportErrors
from sakip_desktop.ops.base import Actor, write
from sakip_desktop.ops.realisation.common import may_enter
from sakip_desktop.ops.realisation.entry import RealisationInput, store_realisation
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Indicator, Person, Realisation, Unit

_FIELD_LABELS = {
    "value": "realisasi",
    "supporting": "faktor pendukung",
    "inhibiting": "faktor penghambat",
    "follow_up": "upaya/tindak lanjut",
    "manual_achievement": "capaian manual",
    "manual_justification": "justifikasi",
}

# The Format Isian column of each field an operation may name in its refusal.
_FIELD_COLUMNS = {
    "value": COL_VALUE,
    "supporting": COL_SUPPORTING,
    "inhibiting": COL_INHIBITING,
    "follow_up": COL_FOLLOW_UP,
    "manual_achievement": COL_MANUAL,
    "manual_justification": COL_JUSTIFICATION,
}


@dataclass(frozen=True)
class IsianChange:
    """One row of the file that changes a realisasi: what is stored now and what the file says."""

    sheet: str
    row: int
    indicator_id: int
    code: str
    name: str
    unit_name: str
    realisation_id: int | None
    old: RealisationInput | None  # None when nothing was entered yet
    new: RealisationInput
    levels: dict[int, str] = field(default_factory=dict, compare=False)  # a qualitative indicator's, by rank

    @property
    def changed_fields(self) -> list[str]:
        """Labels of what changes ('realisasi', 'faktor penghambat', …)."""
        old = self.old or RealisationInput(None)
        return [
            _FIELD_LABELS[f.name] for f in fields(RealisationInput) if getattr(old, f.name) != getattr(self.new, f.name)
        ]


@dataclass(frozen=True)
class IsianPreview:
    """What a Format Isian file would change; `apply_isian` writes it."""

    file_name: str
    office: str
    year: int
    quarter: int
    unit_codes: tuple[str, ...]
    changes: tuple[IsianChange, ...]
    unchanged: int  # rows that match what is stored


def stored_input(row: Realisation | None) -> RealisationInput | None:
    """What is stored for a realisasi, in the shape a file row is read into (None when nothing is stored)."""
    if row is None:
        return None
    return RealisationInput(
        row.value,
        row.supporting_factors,
        row.inhibiting_factors,
        row.follow_up,
        row.manual_achievement,
        row.manual_justification,
    )


def apply_isian(db: Database, actor: Actor, preview: IsianPreview) -> list[int]:
    """See `sakip_desktop.exchange.isian.write.apply_isian`: every change or none, each through `store_realisation`."""
    if not preview.changes:
        return []
    with write(db, actor, Op.ISIAN_IMPORT) as tx:
        s = tx.session
        # Held in these dicts, the records stay in the session's identity map, so the checks in
        # store_realisation find them without a query (and without a flush before each query).
        indicators = {
            i.id: i
            for i in s.scalars(select(Indicator).where(Indicator.id.in_([c.indicator_id for c in preview.changes])))
        }
        units = {u.id: u for u in s.scalars(select(Unit))}
        _person = s.get(Person, actor.person_id) if actor.person_id is not None else None
        refused: dict[str, None] = {}
        for change in preview.changes:
            indicator = indicators.get(change.indicator_id)
            unit = units.get(indicator.responsible_unit_id) if indicator and indicator.responsible_unit_id else None
            if not may_enter(s, actor, unit):
                refused[unit.name if unit else change.code] = None
        if refused:
            raise PermissionDenied(
                f"Anda tidak berwenang mengisi realisasi untuk: {', '.join(refused)}. Berkas tidak diimpor."
            )
        errors = ImportErrors(preview.file_name)
        known = {
            r.indicator_id: r
            for r in s.scalars(
                select(Realisation).where(
                    Realisation.year == preview.year,
                    Realisation.quarter == preview.quarter,
                    Realisation.indicator_id.in_([c.indicator_id for c in preview.changes]),
                )
            )
        }
        ids = []
        for change in preview.changes:
            if stored_input(known.get(change.indicator_id)) != change.old:
                errors.add("data ini berubah sejak berkas dibaca; baca ulang berkasnya.", change.sheet, change.row)
                continue
            try:
                row = store_realisation(tx, change.indicator_id, preview.year, preview.quarter, change.new, known=known)
            except UserError as exc:
                errors.add(exc.message, change.sheet, change.row, _FIELD_COLUMNS.get(getattr(exc, "field", None)))
                continue
            ids.append(row.id)
        if errors.items:
            raise errors.refuse()
        tx.audit("isian_import", None, None, {"berkas": preview.file_name, "baris": len(ids)})
        return ids


__all__ = ["IsianChange", "IsianPreview", "apply_isian", "stored_input"]
