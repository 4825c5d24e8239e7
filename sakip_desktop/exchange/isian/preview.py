"""A Format Isian as read (what it would change) and applying it: all or nothing, through
`store_realisations`, so a file obeys the same rules as the entry screen."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import RealisationInput, Seen
from sakip_desktop.errors import UserError
from sakip_desktop.exchange.isian.columns import FIELD_COLUMNS
from sakip_desktop.exchange.xlsxkit import ImportErrors
from sakip_desktop.ops.base import Actor, write
from sakip_desktop.ops.desa.entry import DesaMark, store_marks
from sakip_desktop.ops.realisation.common import EntryRefused, stored_input
from sakip_desktop.ops.realisation.entry import EntryChange, store_realisations
from sakip_desktop.storage.database import Database

_FIELD_LABELS = {
    "value": "realisasi",
    "supporting": "faktor pendukung",
    "inhibiting": "faktor penghambat",
    "follow_up": "upaya/tindak lanjut",
    "manual_achievement": "capaian manual",
    "manual_justification": "justifikasi",
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
    marks: tuple[DesaMark, ...] = ()  # an indicator over desa: the marks of its desa sheet, when they change

    @property
    def changed_fields(self) -> list[str]:
        """Labels of what changes ('realisasi', 'faktor penghambat', …)."""
        old = self.old or RealisationInput(None)
        changed = [
            _FIELD_LABELS[f.name] for f in fields(RealisationInput) if getattr(old, f.name) != getattr(self.new, f.name)
        ]
        return changed + (["rincian per desa"] if self.marks else [])


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


def apply_isian(db: Database, actor: Actor, preview: IsianPreview) -> list[int]:
    """Operation 'Impor Format Isian': write every change of a preview, all or nothing; returns realisasi ids.

    The unit permission is checked once for the whole file; each row goes through the entry rules, and a
    refusal names its sheet, row and column.
    """
    if not preview.changes:
        return []
    # Each row is refused when what is stored is no longer what the preview was read from.
    changes = [
        EntryChange(c.indicator_id, c.new, Seen(c.old, when="berkas dibaca", again="baca ulang berkasnya"))
        for c in preview.changes
    ]
    with write(db, actor, Op.ISIAN_IMPORT) as tx:
        results = store_realisations(tx, preview.year, preview.quarter, changes)
        errors = ImportErrors(preview.file_name)
        for change, result in zip(preview.changes, results, strict=True):
            if isinstance(result, UserError):
                words = result.words if isinstance(result, EntryRefused) else result.message
                # A refusal of the whole row (staleness: field "seen"; status) names no column.
                errors.add(words, change.sheet, change.row, FIELD_COLUMNS.get(getattr(result, "field", None) or ""))
        if errors.items:
            raise errors.refuse()
        for change in (c for c in preview.changes if c.marks):  # the desa sheets, after the unit sheets
            try:
                store_marks(tx, change.indicator_id, preview.year, preview.quarter, change.marks)
            except UserError as exc:
                errors.add(exc.message, change.sheet, change.row)
        if errors.items:
            raise errors.refuse()
        ids = [result for result in results if isinstance(result, int)]
        tx.audit("isian_import", None, None, {"berkas": preview.file_name, "baris": len(ids)})
        return ids


__all__ = ["IsianChange", "IsianPreview", "apply_isian", "stored_input"]
