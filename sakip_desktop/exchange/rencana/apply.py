"""Applying a checked planning workbook (`check.RencanaPreview`): its rows, as they will be stored, go through the
planning operations' own roads in one transaction (`ops.planning.importing`, operation 'Impor rencana'); records
are matched by code and updated, new codes are added, nothing the file does not list is removed."""

from __future__ import annotations

from sakip_desktop.exchange.rencana.check import RencanaPreview
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.planning.importing import RencanaResult, import_rencana
from sakip_desktop.storage.database import Database


def apply_rencana(db: Database, actor: Actor, preview: RencanaPreview) -> RencanaResult:
    """Operation 'Impor rencana': write every row of the preview, all or nothing; returns the counts.

    Counted as the preview counts them, rows of the workbook (an indicator, a target row of a year, a sub kegiatan),
    not the records written (a target row is a yearly target, four TW targets and a Renstra target): the office
    is told "10 baru" before and after, not 10 then 19 (issue 13).
    """
    import_rencana(db, actor, preview.data)
    return RencanaResult(preview.added, preview.changed)


__all__ = ["RencanaResult", "apply_rencana"]
