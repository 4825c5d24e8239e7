"""The LHE work for the first screen ("Menunggu Anda"), read in plain SQL like `ops.home.first_reads`: rekomendasi
still without a RATL (for the Sekretaris and the Tim SAKIP, who set them) and matrices whose every rekomendasi has a
RATL but which the Camat has not checked yet; for the Camat also the RATL past their batas waktu and not done."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sakip_desktop.domain.follow_up import DONE
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

_PER_LHE = """
    SELECT l.id, l.evaluator, l.year, l.reviewed_at,
           COUNT(r.id) AS recommendations,
           SUM(CASE WHEN r.id IS NULL THEN 0
                    WHEN EXISTS (SELECT 1 FROM follow_up f WHERE f.lhe_recommendation_id = r.id) THEN 0
                    ELSE 1 END) AS without_action,
           (SELECT COUNT(*) FROM follow_up f JOIN lhe_recommendation o ON o.id = f.lhe_recommendation_id
             WHERE o.lhe_id = l.id AND f.status <> :done AND f.due_on < :today) AS overdue
      FROM lhe l LEFT JOIN lhe_recommendation r ON r.lhe_id = l.id
     GROUP BY l.id, l.evaluator, l.year, l.reviewed_at
     ORDER BY l.year, l.evaluator
"""


class LheWaiting(NamedTuple):
    """One LHE with work waiting: its rekomendasi without RATL, or its matrix to check."""

    evaluator: str
    year: int
    without_action: int  # rekomendasi with no RATL yet
    to_review: bool  # every rekomendasi has a RATL, the Camat has not checked the matrix
    overdue: int = 0  # RATL not done whose batas waktu has passed


def lhe_waiting(db: Database, today: dt.date | None = None) -> list[LheWaiting]:
    """The LHE with work waiting, oldest year first (RATL overdue on `today`; none counted without it)."""
    day = today.isoformat() if today else "0001-01-01"
    with db.plain_reading() as s:
        found = sql.rows(s, _PER_LHE, done=DONE, today=day)
    out = []
    for row in found:
        missing, overdue = int(row.without_action or 0), int(row.overdue or 0)
        to_review = bool(row.recommendations) and not missing and row.reviewed_at is None
        if missing or to_review or overdue:
            out.append(LheWaiting(row.evaluator, int(row.year), missing, to_review, overdue))
    return out


__all__ = ["LheWaiting", "lhe_waiting"]
