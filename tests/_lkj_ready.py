"""Bring a year's LKj to the state in which it may be signed: every realisasi approved, every section saved.

Tests of the signature lock need an LKj that is finished; the demo office's 2025 stops at TW III, not all of it
approved. Everything goes through the real operations: the waiting realisasi are verified and approved, the TW IV
realisasi are entered, submitted, verified and approved as the demo does for earlier quarters; the sections are
saved with their draft (an empty one marks the section reviewed).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from sakip_desktop.demo.office import load_demo_data
from sakip_desktop.demo.realisation import add_realisations
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.lkj.sections import lkj_view, save_section
from sakip_desktop.ops.org.auth import actor_for, login
from sakip_desktop.ops.realisation.entry import CheckInput, approve, verify
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Realisation


def approve_year_end(db: Database, year: int = 2025) -> None:
    """Each demo indicator's TW IV of `year` entered (the TW III value), submitted, verified and approved through the
    real operations, by the demo's people in the first days of the next year."""
    data = load_demo_data()
    rows = [r for r in data["realisations"] if r["year"] == year and r["quarter"] == 3]
    tw4 = [
        {
            **r,
            "quarter": 4,
            "entered_at": dt.datetime(year + 1, 1, 5, 9, 0) + dt.timedelta(minutes=n),
            "status": "APPROVED",
            "supporting": r.get("supporting") or "Kegiatan berjalan sesuai rencana.",
            "inhibiting": r.get("inhibiting") or "Tidak ada hambatan berarti.",
            "follow_up": r.get("follow_up") or "Dipertahankan pada tahun berikutnya.",
        }
        for n, r in enumerate(rows)
    ]
    indicators = {i.code: i.indicator_id for i in lkj_data(db, year).indicators}
    add_realisations(db, {**data, "realisations": tw4}, indicators)


def approve_pending(db: Database, year: int) -> None:
    """The year's realisasi still waiting (the demo's TW III) verified by the Sekcam and approved by the Camat: the
    year is final only when every realisasi is approved (`ops.measurement.year`)."""
    day = dt.date(year + 1, 1, 6)
    with db.reading() as s:
        waiting = dict(s.execute(select(Realisation.id, Realisation.status).where(Realisation.year == year)).all())
    submitted = [i for i, status in waiting.items() if status == "SUBMITTED"]
    if submitted:
        checks = {i: CheckInput(True, True, True, "cocok") for i in submitted}
        verify(db, actor_for(db, "sekcam", day), submitted, checks)
    verified = submitted + [i for i, status in waiting.items() if status == "VERIFIED"]
    if verified:
        approve(db, actor_for(db, "camat", day), verified)


def finish_lkj(db: Database, year: int) -> None:
    """Every realisasi of the year approved (TW IV entered), and every section of the year's LKj saved by the
    Kasubag Perencanaan."""
    approve_pending(db, year)
    approve_year_end(db, year)
    kasubag = login(db, "kasubag_renkeu", "kasubag_renkeu123")
    for section in lkj_view(db, year).sections:
        if not section.is_saved:
            save_section(db, kasubag, year, section.key, section.draft)  # an empty draft: reviewed, nothing to print
