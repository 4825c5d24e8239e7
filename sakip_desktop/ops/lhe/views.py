"""Reads of the LHE: the letters recorded, and one letter with its rekomendasi, their RATL (tindak lanjut with
PJ, deadline, status, progress and bukti) and what keeps its TL LHE matrix a DRAF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.errors import NotFound
from sakip_desktop.ops.lhe.rules import EVALUATORS, PREDIKAT_LABELS
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, lhe_follow_ups
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class LheView:
    """An LHE as lists show it."""

    id: int
    evaluator: str  # INSPEKTORAT / KEMENPAN
    number: str
    letter_date: dt.date
    year: int  # the year evaluated
    score: Decimal
    predikat: str
    note: str
    reviewed_by: str
    reviewed_at: dt.datetime | None  # UTC; None: the matrix not checked by the Camat
    recommendations: int = 0
    closed: int = 0  # rekomendasi whose every RATL is done

    @property
    def evaluator_label(self) -> str:
        """'Inspektorat' or 'Kementerian PANRB'."""
        return EVALUATORS.get(self.evaluator, self.evaluator)

    @property
    def predikat_label(self) -> str:
        """'BB (Sangat Baik)'."""
        label = PREDIKAT_LABELS.get(self.predikat)
        return f"{self.predikat} ({label})" if label else self.predikat

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None


@dataclass(frozen=True)
class RecommendationView:
    """A rekomendasi with its RATL (tindak lanjut), in the order they were set."""

    id: int
    number: int  # 1, 2, … in the letter's order
    text: str
    actions: tuple[FollowUpView, ...]
    evidence: dict[int, tuple[str, ...]]  # follow-up id -> bukti file names

    @property
    def closed(self) -> bool:
        """It has RATL and every one of them is done."""
        return bool(self.actions) and all(a.status == "DONE" for a in self.actions)


@dataclass(frozen=True)
class LheDetail:
    """One LHE, its rekomendasi, and why its matrix is still a DRAF (empty: final)."""

    lhe: LheView
    recommendations: tuple[RecommendationView, ...]
    missing: tuple[str, ...]

    @property
    def final(self) -> bool:
        return not self.missing


def _view(row: m.Lhe) -> LheView:
    return LheView(
        id=row.id,
        evaluator=row.evaluator,
        number=row.number,
        letter_date=row.letter_date,
        year=row.year,
        score=row.score,
        predikat=row.predikat,
        note=row.note,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
    )


def list_lhe(db: Database, today: dt.date) -> list[LheView]:
    """Every LHE recorded, newest year first, with how many rekomendasi are closed."""
    with db.reading() as s:
        ids = list(s.scalars(select(m.Lhe.id).order_by(m.Lhe.year.desc(), m.Lhe.evaluator)))
    return [lhe_detail(db, lhe_id, today).lhe for lhe_id in ids]


def find_lhe(db: Database, evaluator: str, year: int) -> int | None:
    """The id of the LHE of `evaluator` on `year` evaluated, or None."""
    with db.reading() as s:
        return s.scalar(select(m.Lhe.id).where(m.Lhe.evaluator == evaluator, m.Lhe.year == year))


def lhe_detail(db: Database, lhe_id: int, today: dt.date) -> LheDetail:
    """The LHE with its rekomendasi and their RATL (views read for `today`)."""
    with db.reading() as s:
        row = s.get(m.Lhe, lhe_id)
        if row is None:
            raise NotFound("LHE tidak ditemukan (mungkin sudah dihapus).")
        bare = _view(row)
        recs = s.execute(
            select(m.LheRecommendation.id, m.LheRecommendation.text)
            .where(m.LheRecommendation.lhe_id == lhe_id)
            .order_by(m.LheRecommendation.sort_order, m.LheRecommendation.id)
        ).all()
    actions = lhe_follow_ups(db, [r.id for r in recs], today) if recs else []
    names: dict[int, list[str]] = {}
    if actions:
        with db.reading() as s:
            found = s.execute(
                select(m.FollowUpEvidence.follow_up_id, m.FollowUpEvidence.filename)
                .where(m.FollowUpEvidence.follow_up_id.in_([a.id for a in actions]))
                .order_by(m.FollowUpEvidence.id)
            ).all()
        for follow_up_id, filename in found:
            names.setdefault(follow_up_id, []).append(filename)
    views = []
    for number, (rec_id, text) in enumerate(recs, start=1):
        mine = tuple(a for a in actions if a.lhe_recommendation_id == rec_id)
        evidence = {a.id: tuple(names.get(a.id, ())) for a in mine}
        views.append(RecommendationView(rec_id, number, text, mine, evidence))
    lhe = dataclasses.replace(bare, recommendations=len(views), closed=sum(v.closed for v in views))
    return LheDetail(lhe, tuple(views), _missing(lhe, views))


def _missing(lhe: LheView, recs: list[RecommendationView]) -> tuple[str, ...]:
    """Why the matrix is a DRAF: no rekomendasi, a rekomendasi without RATL, not checked by the Camat."""
    if not recs:
        return ("LHE belum memiliki rekomendasi",)
    out = [f"Rekomendasi nomor {r.number} belum memiliki RATL" for r in recs if not r.actions]
    if not lhe.reviewed:
        out.append("Matriks belum diperiksa Camat")
    return tuple(out)


__all__ = ["LheDetail", "LheView", "RecommendationView", "find_lhe", "lhe_detail", "list_lhe"]
