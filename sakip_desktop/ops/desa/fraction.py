"""The realisasi of an indicator over desa: pembilang (desa meeting the criterion) over penyebut (desa counted),
kept exact as the two counts, and the percentage as the realisasi value: 100 × pembilang / penyebut rounded half
up to the two decimals it is printed and reported with (4 of 9 desa = 44,44). The value is the number the office
reports to the kabupaten and types into its web forms, so the capaian (by the existing formulas) is the same
whether the desa were marked here or the office typed its recap, and an E.81 or Format Isian carries it unchanged;
the counts keep the exact fraction for anyone recomputing it.

Also the per-desa breakdown the entry screen, the documents and the Dasbor show: which desa met the criterion,
which did not, which are not entered yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain import formats
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.base import Tx, snapshot
from sakip_desktop.ops.desa.counted import listed
from sakip_desktop.ops.realisation.common import describe
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MET, NOT_MET, MISSING = "met", "not_met", "missing"
STATE_LABELS = {MET: "Memenuhi", NOT_MET: "Belum memenuhi", MISSING: "Belum diisi"}


def percentage(met: int, counted: int) -> Decimal | None:
    """100 × met / counted rounded half up to two decimals, a whole number without them (None when no desa is
    counted): 4 of 9 = 44.44, 5 of 9 = 55.56, 9 of 9 = 100."""
    if counted <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        value = (Decimal(met * 100) / Decimal(counted)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def fraction_text(met: int | None, counted: int | None) -> str:
    """'4 dari 9 desa (44,44%)'; '' when nothing is counted."""
    if not counted or met is None:
        return ""
    return f"{met} dari {counted} desa ({formats.percent(percentage(met, counted))})"


def apply_fraction(session: Session, row: m.Realisation, *, cleared: bool = False) -> None:
    """Set the realisasi's pembilang, penyebut and value from its per-desa marks.

    Once one desa is marked, the marks decide the value. A quarter without any mark keeps the number typed for
    it (an office moving a recap made by hand into the program, a Format Isian filled before the desa list was
    kept); `cleared`: the last marks were just removed, so the value they gave goes with them."""
    marks = [] if row.id is None else list(
        session.scalars(select(m.DesaRealisation.meets).where(m.DesaRealisation.realisation_id == row.id))
    )  # fmt: skip
    if not marks:
        if cleared or row.desa_counted is not None:
            row.value = None
        row.desa_met, row.desa_counted = None, None
        return
    met = sum(1 for meets in marks if meets)
    row.desa_met, row.desa_counted = met, len(marks)
    row.value = percentage(met, len(marks))


@dataclass(frozen=True)
class DesaMarkView:
    """One desa in the breakdown of a realisasi."""

    desa_id: int
    code: str
    name: str
    state: str  # MET / NOT_MET / MISSING
    note: str = ""
    evidence: tuple[str, ...] = ()  # file names of the bukti dukung tagged with this desa

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Breakdown:
    """The per-desa breakdown of one indicator over desa for one quarter."""

    indicator_id: int
    code: str
    name: str
    criterion: str
    desa_met: int | None
    desa_counted: int | None
    rows: tuple[DesaMarkView, ...]

    def names(self, state: str) -> list[str]:
        return [r.name for r in self.rows if r.state == state]

    @property
    def fraction(self) -> str:
        return fraction_text(self.desa_met, self.desa_counted)


def breakdowns(session: Session, year: int, quarter: int, indicator_ids: Collection[int] | None = None
               ) -> dict[int, Breakdown]:  # fmt: skip
    """The breakdown of every indicator over desa (or of those among `indicator_ids`) for a quarter: each desa
    entered for it, then each active desa not entered yet, in the office's order."""
    query = select(m.Indicator).where(m.Indicator.over_desa.is_(True)).order_by(m.Indicator.code)
    if indicator_ids is not None:
        query = query.where(m.Indicator.id.in_(list(indicator_ids)))
    indicators = list(session.scalars(query))
    if not indicators:
        return {}
    desa = {d.id: d for d in session.scalars(select(m.Desa).order_by(m.Desa.sort_order, m.Desa.name))}
    rows = {r.indicator_id: r for r in session.scalars(select(m.Realisation).where(
        m.Realisation.year == year, m.Realisation.quarter == quarter,
        m.Realisation.indicator_id.in_([i.id for i in indicators])))}  # fmt: skip
    marks = _marks(session, [r.id for r in rows.values()])
    files = _files(session, [r.id for r in rows.values()])
    result = {}
    for indicator in indicators:
        row = rows.get(indicator.id)
        entered = marks.get(row.id, {}) if row is not None else {}
        tagged = files.get(row.id, {}) if row is not None else {}
        views = []
        for d in desa.values():
            mark = entered.get(d.id)
            if not listed(d.active, mark is not None, row.status if row is not None else None):
                continue
            state = MISSING if mark is None else (MET if mark.meets else NOT_MET)
            views.append(DesaMarkView(d.id, d.code, d.name, state, mark.note if mark else "",
                                      tuple(tagged.get(d.id, ()))))  # fmt: skip
        result[indicator.id] = Breakdown(
            indicator.id,
            indicator.code,
            indicator.name,
            indicator.desa_criterion,
            row.desa_met if row is not None else None,
            row.desa_counted if row is not None else None,
            tuple(views),
        )
    return result


def period_breakdowns(db: Database, year: int, quarter: int) -> tuple[Breakdown, ...]:
    """The breakdown of every indicator over desa for a quarter, by indicator code (none: empty)."""
    with db.reading() as s:
        return tuple(breakdowns(s, year, quarter).values())


def entry_breakdown(db: Database, indicator_id: int, year: int, quarter: int) -> Breakdown | None:
    """The breakdown of one indicator for a quarter, or None when it is not an indicator over desa."""
    with db.reading() as s:
        return breakdowns(s, year, quarter, [indicator_id]).get(indicator_id)


def _marks(session: Session, realisation_ids: list[int]) -> dict[int, dict[int, m.DesaRealisation]]:
    found: dict[int, dict[int, m.DesaRealisation]] = defaultdict(dict)
    if realisation_ids:
        query = select(m.DesaRealisation).where(m.DesaRealisation.realisation_id.in_(realisation_ids))
        for mark in session.scalars(query):
            found[mark.realisation_id][mark.desa_id] = mark
    return found


def _files(session: Session, realisation_ids: list[int]) -> dict[int, dict[int, list[str]]]:
    found: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    if realisation_ids:
        e = m.RealisationEvidence
        query = select(e.realisation_id, e.desa_id, e.filename).where(
            e.realisation_id.in_(realisation_ids), e.desa_id.is_not(None)
        )
        for realisation_id, desa_id, filename in session.execute(query):
            if desa_id is not None:
                found[realisation_id][desa_id].append(filename)
    return found


def desa_problem(session: Session, row: m.Realisation) -> str | None:
    """What keeps a realisasi over desa from being submitted once its desa are marked: active desa not marked yet
    (None when complete, or when the quarter was entered as a number without marks: `apply_fraction`)."""
    if row.desa_counted is None:
        return None
    entered = set(session.scalars(select(m.DesaRealisation.desa_id).where(m.DesaRealisation.realisation_id == row.id)))
    active = list(session.scalars(select(m.Desa).where(m.Desa.active.is_(True)).order_by(m.Desa.sort_order)))
    missing = [d.name for d in active if d.id not in entered]
    if missing:
        shown = ", ".join(missing[:5]) + (f" dan {len(missing) - 5} lainnya" if len(missing) > 5 else "")
        return f"{len(missing)} desa belum diisi ({shown})"
    return None


def marks_revision_needed(indicator: m.Indicator, row: m.Realisation) -> str | None:
    """Why a bare number cannot revise this realisasi (its desa are marked, the value follows them), with how to
    revise it; None when a number may."""
    if not indicator.over_desa or row.desa_counted is None:
        return None
    return (
        f"{describe(indicator, row.year, row.quarter)} dihitung atas desa: nilainya mengikuti tanda per desa "
        f"({fraction_text(row.desa_met, row.desa_counted)}), jadi tidak direvisi dengan angka. Di 'Revisi realisasi' "
        "pilih barisnya, klik 'Revisi nilai…', ubah desa yang memenuhi atau tidak memenuhi kriteria, lalu tulis "
        "alasannya; nilainya mengikuti."
    )


def tag_desa(tx: Tx, evidence_id: int, desa_id: int) -> int:
    """Tag a bukti dukung file just stored (inside its operation) as the evidence of one desa; returns its id."""
    evidence = tx.session.get(m.RealisationEvidence, evidence_id)
    if tx.session.get(m.Desa, desa_id) is None or evidence is None:
        raise NotFound("Desa/kelurahan tidak ditemukan (mungkin sudah dihapus).")
    old = snapshot(evidence, ("desa_id",))
    evidence.desa_id = desa_id
    tx.audit("realisation_evidence", evidence.id, old, snapshot(evidence, ("desa_id",)))
    return evidence.id
