"""Which sasaran each sub kegiatan's pagu serves, read from the units' Perjanjian Kinerja.

A unit's PK carries the unit's indicators (each in a sasaran) and, in its second table, the sub kegiatan the unit
spends on (`ops.agreements.common.scope_budget`). So a sub kegiatan serves the sasaran of the indicators of the PK
that lists it: a program shared by several sasaran (7.01.02 serves S2, S3 and S4 through three Seksi) is split by its
sub kegiatan. Of each unit's PK of the year the newest FINAL version counts, else the newest draft. A PK line may name
a sub kegiatan, its kegiatan or its program (then all its sub kegiatan). A sub kegiatan no unit PK lists keeps the
sasaran of its program (`Program.objective_id`), if any. A sub kegiatan listed by PKs of several sasaran goes to its
program's sasaran when that is one of them, else to each of them (`shared_note` says so under the table).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, exists, or_, select
from sqlalchemy.orm import Session, aliased

from sakip_desktop.storage import models as m

FINAL, DRAFT = "FINAL", "DRAFT"
# A row: (budget id, sub kegiatan code), or a link (budget id, agreement id, unit id, version, status, objective id,
# objective code, statement), from the ORM here or from `first_reads.budget` in plain SQL.
Record = tuple[Any, ...]


@dataclass(frozen=True)
class Served:
    """A sasaran as the budget side names it."""

    objective_id: int
    code: str
    statement: str


def read_links(session: Session, year: int) -> tuple[list[Record], list[Record]]:
    """(budget id, sub kegiatan code) of the year's pagu, and the links of the unit PKs that count (budget id,
    agreement id, unit id, version, status, objective id, objective code, statement) through the ORM;
    `first_reads.budget` reads the same rows in plain SQL."""
    b, sa, a, p = m.Budget, m.SubActivity, m.Activity, m.Program
    ab, pa, t, i, o = m.AgreementBudget, m.PerformanceAgreement, m.AgreementTarget, m.Indicator, m.Objective
    pb = aliased(m.PerformanceAgreement)
    signed_a, signed_b = (case((x.status == FINAL, 1), else_=0) for x in (pa, pb))
    better = select(pb.id).where(
        pb.unit_id == pa.unit_id,
        pb.year == pa.year,
        pb.status.in_((FINAL, DRAFT)),
        or_(signed_b > signed_a, and_(signed_b == signed_a, pb.version > pa.version)),
    )
    subs = select(b.id, sa.code).join(sa, sa.id == b.sub_activity_id).where(b.year == year)
    links = (
        select(b.id, pa.id, pa.unit_id, pa.version, pa.status, o.id, o.code, o.statement)
        .join(sa, sa.id == b.sub_activity_id)
        .join(a, a.id == sa.activity_id)
        .join(p, p.id == a.program_id)
        .join(ab, ab.code.in_([sa.code, a.code, p.code]))
        .join(pa, pa.id == ab.agreement_id)
        .join(t, t.agreement_id == pa.id)
        .join(i, i.id == t.indicator_id)
        .join(o, o.id == i.objective_id)
        .where(b.year == year, pa.year == year, pa.unit_id.is_not(None), pa.status.in_((FINAL, DRAFT)))
        .where(~exists(better))
        .distinct()
    )
    return [tuple(r) for r in session.execute(subs)], [tuple(r) for r in session.execute(links)]


def served_by(
    links: Iterable[Record], program_of: Mapping[int, Served | None]
) -> tuple[dict[int, tuple[Served, ...]], bool]:
    """Per budget id (all of `program_of`'s keys): the sasaran it serves (none: linked to no sasaran), and whether
    any budget was given to several sasaran; `links` are those of the unit PKs that count (`read_links`)."""
    linked: dict[int, dict[int, Served]] = defaultdict(dict)
    for budget, _agreement, _unit, _version, _status, oid, code, statement in links:
        linked[budget][oid] = Served(oid, code, statement)
    out: dict[int, tuple[Served, ...]] = {}
    shared = False
    for budget, own in program_of.items():
        found = linked.get(budget, {})
        if not found:
            out[budget] = (own,) if own else ()
        elif own is not None and own.objective_id in found and len(found) > 1:
            out[budget] = (own,)
        else:
            out[budget] = tuple(sorted(found.values(), key=lambda s: (s.code, s.objective_id)))
            shared = shared or len(found) > 1
    return out, shared


LINK_NOTE = (
    "Program dihubungkan ke sasaran melalui sub kegiatan pada PK unit kerja; program yang menunjang beberapa "
    "sasaran dibagi menurut sub kegiatannya."
)
SHARED_NOTE = "Sub kegiatan yang tercantum pada PK beberapa sasaran dihitung penuh pada setiap sasaran tersebut."
