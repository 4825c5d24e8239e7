"""How well the office keeps its SOPs: real times of past runs against the standard, per step."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.sop.timing import SopClock, clock_in, read_pauses
from sakip_desktop.sop.definition import SopDefinition
from sakip_desktop.sop.stdtime import StandardTime
from sakip_desktop.sop.timer import Elapsed
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


_StepKey = tuple[int, int]  # (version id, step position)
_Visit = tuple[SopStepRun, Elapsed]  # a finished visit of a step and the time it took


def _unit_label(standard: StandardTime | None) -> str:
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
        clock = clock_in(s, utcnow(), offset)
        visits = _finished_visits(s, clock, offset, sop_id)
        versions = s.scalars(select(SopVersion).order_by(SopVersion.sop_id, SopVersion.version)).all()
        newest = {v.sop_id: v.id for v in versions}
        names = {sop.id: sop.name for sop in s.scalars(select(Sop))}
        measured = {version_id for version_id, _ in visits}
        out = []
        for version in sorted(versions, key=lambda v: (names[v.sop_id], -v.version)):
            if sop_id is not None and version.sop_id != sop_id:
                continue
            if version.id not in measured and version.id != newest[version.sop_id]:
                continue
            out += _version_steps(version, clock.definition(version.id), visits)
        return out


def _finished_visits(s: Session, clock: SopClock, offset: int, sop_id: int | None) -> dict[_StepKey, list[_Visit]]:
    """The finished (not cancelled) step visits with the time each took, per (version id, step position)."""
    query = (
        select(SopStepRun, SopRun.sop_version_id)
        .join(SopRun, SopRun.id == SopStepRun.run_id)
        .join(SopVersion, SopVersion.id == SopRun.sop_version_id)
        .where(SopStepRun.finished_at.is_not(None), SopStepRun.outcome != "CANCELLED")
    )
    if sop_id is not None:
        query = query.where(SopVersion.sop_id == sop_id)
    rows = s.execute(query).all()
    pauses = read_pauses(s, [sr.id for sr, _ in rows], offset)
    visits: dict[_StepKey, list[_Visit]] = {}
    for sr, version_id in rows:
        definition = clock.definition(version_id)
        took = clock.elapsed(sr.started_at, sr.finished_at, sr.position, pauses[sr.id], definition)
        visits.setdefault((version_id, sr.position), []).append((sr, took))
    return visits


def _version_steps(
    version: SopVersion, definition: SopDefinition, visits: dict[_StepKey, list[_Visit]]
) -> list[StepCompliance]:
    """One line per step of `version`."""
    out = []
    for position, step in enumerate(definition.steps, start=1):
        done = visits.get((version.id, position), [])
        values = [e.in_standard_units for _, e in done]
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
                count=len(done),
                median=statistics.median(values) if values else None,
                worst=max(values) if values else None,
                over_standard=sum(1 for _, e in done if e.over),
                returns=sum(1 for sr, _ in done if sr.outcome == "RETURNED"),
                unit_label=_unit_label(standard),
            )
        )
    return out
