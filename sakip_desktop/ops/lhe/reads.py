"""What the self-assessment (LKE) reads of the LHE: how far the rekomendasi of the APIP's evaluation of a year were
followed up (the criterion "rekomendasi APIP ditindaklanjuti", kabupaten.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.domain.follow_up import DONE
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class LheFollowUpShare:
    """The rekomendasi of the LHE of `year` (the year evaluated) and how many are followed up.

    A rekomendasi is `with_action` once it has a RATL, `closed` once it has RATL and all are done, and
    `closed_on_time` when each of them was done on or before its batas waktu."""

    year: int
    letters: int  # LHE counted (0: none recorded)
    recommendations: int
    with_action: int
    closed: int
    closed_on_time: int

    @property
    def share(self) -> Decimal | None:
        """closed / recommendations (0–1), None without rekomendasi."""
        if not self.recommendations:
            return None
        return Decimal(self.closed) / Decimal(self.recommendations)


def follow_up_share(db: Database, year: int, evaluator: str | None = None) -> LheFollowUpShare:
    """How the rekomendasi of the LHE on `year` (of `evaluator`, or of both) were followed up."""
    with db.reading() as s:
        letters = select(m.Lhe.id).where(m.Lhe.year == year)
        if evaluator is not None:
            letters = letters.where(m.Lhe.evaluator == evaluator)
        lhe_ids = list(s.scalars(letters))
        recs = list(s.scalars(select(m.LheRecommendation.id).where(m.LheRecommendation.lhe_id.in_(lhe_ids))))
        actions = s.execute(
            select(m.FollowUp.lhe_recommendation_id, m.FollowUp.status, m.FollowUp.due_on, m.FollowUp.done_at).where(
                m.FollowUp.lhe_recommendation_id.in_(recs)
            )
        ).all()
    by_rec: dict[int | None, list[tuple[str, bool]]] = {}
    for rec_id, status, due_on, done_at in actions:
        on_time = status == DONE and done_at is not None and done_at.date() <= due_on
        by_rec.setdefault(rec_id, []).append((status, on_time))
    closed = [r for r in by_rec.values() if all(status == DONE for status, _ in r)]
    return LheFollowUpShare(
        year=year,
        letters=len(lhe_ids),
        recommendations=len(recs),
        with_action=len(by_rec),
        closed=len(closed),
        closed_on_time=sum(1 for r in closed if all(on_time for _, on_time in r)),
    )


__all__ = ["LheFollowUpShare", "follow_up_share"]
