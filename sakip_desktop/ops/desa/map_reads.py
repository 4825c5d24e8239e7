"""The desa "map" of the Camat's Dasbor: for each indicator over desa, every desa with whether it met the
criterion in the quarter, did not, or is not entered yet. One plain-SQL query (`storage.sql`), like the other reads
of the first screen (`ops.home.first_reads`): no mapped classes, no SQLAlchemy at start-up; it returns nothing when
the office has no indicator over desa."""

from __future__ import annotations

from dataclasses import dataclass

from sakip_desktop.ops.desa.counted import listed
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

MET, NOT_MET, MISSING = "met", "not_met", "missing"  # as ops.desa.fraction
STATE_LABELS = {MET: "Memenuhi", NOT_MET: "Belum memenuhi", MISSING: "Belum diisi"}

_MAP = """
    SELECT i.id AS indicator_id, i.code, i.name, i.desa_criterion, d.id AS desa_id, d.name AS desa, d.active,
           x.meets, x.note, r.status
    FROM indicator i
    CROSS JOIN desa d
    LEFT JOIN realisation r ON r.indicator_id = i.id AND r.year = :year AND r.quarter = :quarter
    LEFT JOIN desa_realisation x ON x.realisation_id = r.id AND x.desa_id = d.id
    WHERE i.over_desa = :yes
    ORDER BY i.code, d.sort_order, d.name
"""


@dataclass(frozen=True)
class DesaSpot:
    """One desa on the map."""

    desa_id: int
    name: str
    state: str  # MET / NOT_MET / MISSING
    note: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class DesaMap:
    """One indicator over desa in one quarter: its desa and how many met the criterion of those entered."""

    indicator_id: int
    code: str
    name: str
    criterion: str
    spots: tuple[DesaSpot, ...]

    def count(self, state: str) -> int:
        return sum(1 for s in self.spots if s.state == state)


def desa_maps(db: Database, year: int, quarter: int) -> tuple[DesaMap, ...]:
    """The map of every indicator over desa for TW `quarter` of `year` (an inactive desa only where entered)."""
    with db.plain_reading() as s:
        found = sql.rows(s, _MAP, types={"active": sql.boolean}, year=year, quarter=quarter,
                         yes=True)  # fmt: skip
    maps: dict[int, tuple[tuple[str, str, str], list[DesaSpot]]] = {}
    for row in found:
        _head, spots = maps.setdefault(row.indicator_id, ((row.code, row.name, row.desa_criterion or ""), []))
        if not listed(row.active, row.meets is not None, row.status):
            continue
        state = MISSING if row.meets is None else (MET if row.meets else NOT_MET)  # 0/1, or None: not entered
        spots.append(DesaSpot(row.desa_id, row.desa, state, row.note or ""))
    return tuple(DesaMap(i, *head, tuple(spots)) for i, (head, spots) in maps.items())
