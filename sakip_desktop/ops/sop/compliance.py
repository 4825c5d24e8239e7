"""How well the office keeps its SOPs: real times of past runs against the standard, per step."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.views import _Context, _pauses
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Sop, SopRun, SopStepRun, SopVersion


@dataclass(frozen=True)
class StepCompliance:
    """Real times of one step over past runs against its standard."""

    sop_id: int
    sop_name: str
    version: int
    position: int
    number: str
    activity: str
    standard_label: str
    count: int
    median: float | None  # in the standard's unit (minutes when none)
    worst: float | None
    over_standard: int
    returns: int
    unit_label: str


def _unit_label(standard) -> str:
    if standard is None:
        return "menit"
    return "hari kerja" if standard.is_working_days else standard.unit.label


def compliance(db: Database, sop_id: int | None = None) -> list[StepCompliance]:
    """Per SOP version and step: finished visits, median and worst real time, count over standard, returns.

    Runs keep the version they started with, so each version's steps are measured against that version's
    own standard; versions that have no runs yet are left out except the newest.
    """
    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        ctx = _Context(s, utcnow(), offset)
        query = (
            select(SopStepRun, SopRun.sop_version_id)
            .join(SopRun, SopRun.id == SopStepRun.run_id)
            .join(SopVersion, SopVersion.id == SopRun.sop_version_id)
            .where(SopStepRun.finished_at.is_not(None), SopStepRun.outcome != "CANCELLED")
        )
        if sop_id is not None:
            query = query.where(SopVersion.sop_id == sop_id)
        rows = s.execute(query).all()
        pauses = _pauses(s, [sr.id for sr, _ in rows], offset)
        buckets: dict[tuple[int, int], list] = {}
        for sr, version_id in rows:
            definition = ctx.definition(version_id)
            took = ctx.elapsed(sr.started_at, sr.finished_at, sr.position, pauses[sr.id], definition)
            buckets.setdefault((version_id, sr.position), []).append((sr, took))
        measured = {version_id for version_id, _ in buckets}
        versions = s.scalars(select(SopVersion).order_by(SopVersion.sop_id, SopVersion.version)).all()
        newest = {v.sop_id: v.id for v in versions}
        names = {sop.id: sop.name for sop in s.scalars(select(Sop))}
        out = []
        for version in sorted(versions, key=lambda v: (names[v.sop_id], -v.version)):
            if sop_id is not None and version.sop_id != sop_id:
                continue
            if version.id not in measured and version.id != newest[version.sop_id]:
                continue
            definition = ctx.definition(version.id)
            for position, step in enumerate(definition.steps, start=1):
                visits = buckets.get((version.id, position), [])
                values = [e.in_standard_units for _, e in visits]
                standard = step.standard_time
                out.append(
                    StepCompliance(
                        sop_id=version.sop_id,
                        sop_name=definition.identity.name,
                        version=version.version,
                        position=position,
                        number=step.number,
                        activity=step.activity or step.output,
                        standard_label=standard.label() if standard else "—",
                        count=len(visits),
                        median=statistics.median(values) if values else None,
                        worst=max(values) if values else None,
                        over_standard=sum(1 for _, e in visits if e.over),
                        returns=sum(1 for sr, _ in visits if sr.outcome == "RETURNED"),
                        unit_label=_unit_label(standard),
                    )
                )
        return out
