"""The demo office's realisasi of its year, each through the road the office takes: the Kasi, Kasubag or staff
enters the value, the narrative and a bukti dukung file, the head of the unit submits the quarter an hour after its
last entry, the Sekretaris verifies two working days after that entry and the Camat approves two working days later,
as far as each realisasi's status in the demo data has gone (the quarters before the reported one approved, the
reported one submitted or verified: `demo.retell`) and as far as the demo's anchor allows (`demo.timeline.Story`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sakip_desktop.demo.desa import enter_desa_marks
from sakip_desktop.demo.timeline import WIB, Story, at, holder, moment_of, person, working_days_after
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import add_evidence, save_realisation, submit_quarter
from sakip_desktop.ops.realisation.review import CheckInput, approve, verify
from sakip_desktop.storage.database import Database

_ALL_TICKED = CheckInput(evidence_ok=True, plausible=True, narrative_ok=True)
# How far a realisasi of each status has gone.
_REACHED = {"SUBMITTED": 1, "VERIFIED": 2, "APPROVED": 3}


@dataclass
class _Quarter:
    """One unit's realisasi of one quarter, and the ids of those submitted, verified and approved."""

    unit_code: str
    heads: tuple[str, ...]  # the roles of whoever submits for the unit
    unit_id: int
    year: int
    quarter: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    reached: tuple[list[int], list[int], list[int]] = field(default_factory=lambda: ([], [], []))

    @property
    def last_entry(self) -> dt.datetime:
        return max(moment_of(r["entered_at"]) for r in self.rows)


def _quarters(db: Database, data: dict[str, Any]) -> list[_Quarter]:
    """The realisasi by unit and quarter, in the order their entry ended."""
    kinds = {u["code"]: u["kind"] for u in data["units"]}
    unit_ids = {u.code: u.id for u in list_units(db)}
    unit_of = {i["code"]: i["responsible_unit"] for i in data["indicators"]}
    groups: dict[tuple[str, int, int], _Quarter] = {}
    for r in data["realisations"]:
        code = unit_of[r["indicator"]]
        key = (code, r["year"], r["quarter"])
        if key not in groups:
            heads = ("KASUBAG_PERENCANAAN", "KASUBAG_UMUM") if kinds[code] == "SUBBAGIAN" else ("KASI",)
            groups[key] = _Quarter(code, heads, unit_ids[code], r["year"], r["quarter"])
        groups[key].rows.append(r)
    return sorted(groups.values(), key=lambda q: (q.year, q.quarter, q.last_entry))


def _enter(db: Database, indicators: dict[str, int], r: dict[str, Any]) -> int:
    """The person of the demo data enters one realisasi at its time with its bukti dukung; returns its id."""
    entered = moment_of(r["entered_at"])
    actor = person(db, r["entered_by"], entered)
    realisation_id = save_realisation(
        db,
        actor,
        indicators[r["indicator"]],
        r["year"],
        r["quarter"],
        Decimal(r["value"]),
        supporting=r.get("supporting", ""),
        inhibiting=r.get("inhibiting", ""),
        follow_up=r.get("follow_up", ""),
        clock=at(entered),
    )
    period = f"TW{r['quarter']}-{r['year']}"
    note = f"Bukti dukung realisasi {r['indicator']} {period}, Kecamatan Contoh (berkas contoh).\n"
    add_evidence(db, actor, realisation_id, f"bukti-{r['indicator']}-{period}.txt", note.encode(), clock=at(entered))
    enter_desa_marks(db, actor, realisation_id, r, entered)  # an indicator over desa: marked per desa
    return realisation_id


def _review(db: Database, data: dict[str, Any], q: _Quarter, story: Story | None) -> None:
    """Submit, verify and approve the quarter's realisasi as far as each has gone (and the anchor allows)."""
    submitted, verified, approved = q.reached

    def who(roles: tuple[str, ...], unit: str | None, moment: dt.datetime) -> Actor:
        return person(db, holder(data, roles, unit, (moment + WIB).date()), moment)

    def due(moment: dt.datetime) -> bool:
        return story is None or story.happened(moment)

    moment = q.last_entry + dt.timedelta(hours=1)
    if submitted and due(moment):
        submit_quarter(db, who(q.heads, q.unit_code, moment), q.unit_id, q.year, q.quarter, clock=at(moment))
    moment = working_days_after(q.last_entry, 2)
    if verified and due(moment):
        checks = dict.fromkeys(verified, _ALL_TICKED)
        verify(db, who(("SEKRETARIS",), None, moment), verified, checks, clock=at(moment))
    moment = working_days_after(q.last_entry, 4)
    if approved and due(moment):
        approve(db, who(("CAMAT",), None, moment), approved, clock=at(moment))


def add_realisations(
    db: Database, data: dict[str, Any], indicators: dict[str, int], story: Story | None = None
) -> None:
    """Write the demo's realisasi and their review (see the module notes); with `story`, nothing after its
    present."""
    for q in _quarters(db, data):
        for r in q.rows:
            realisation_id = _enter(db, indicators, r)
            for step in range(_REACHED.get(r["status"], 0)):
                q.reached[step].append(realisation_id)
        _review(db, data, q, story)
