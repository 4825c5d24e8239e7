"""LKj benchmark: the annual report of a large office (issue 5: under 2 s and under 300 MB).

Starts from the demo office (people, signer, kop) and adds to it, with plain inserts, a large office's
plan: 15 sasaran with 60 indicators in all, 30 programs (60 kegiatan, 120 sub kegiatan with pagu and
spending), 5 years (2021-2025) of Renstra and yearly targets, quarterly targets and realisasi with
the Kasi's narratives, and a written text of ~1.200 characters in every LKj section. Then times the
whole LKj PDF of 2025 (data, drafts, charts, daftar isi in several passes) and reports the peak
resident memory. Run:

    python benchmarks/lkj.py
"""

from __future__ import annotations

import datetime as dt
import io
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

YEARS = range(2021, 2026)
INDICATORS = 60
PROGRAMS = 30
TARGET_SECONDS = 2.0
TARGET_MB = 300
TEXT = (
    "Capaian kinerja sasaran ini dipengaruhi oleh koordinasi lintas seksi, ketersediaan data desa dan "
    "kelurahan, serta dukungan anggaran yang memadai. Faktor penghambat utama adalah keterlambatan laporan "
    "dari desa dan terbatasnya sumber daya manusia yang menguasai aplikasi. Upaya yang dilakukan meliputi "
    "pendampingan rutin, rapat evaluasi bulanan dan penyederhanaan format laporan. "
) * 3


def enlarge(path: Path) -> None:
    """Add the large office's plan, budget, history and narrative to the demo database at `path`."""
    from sqlalchemy import func, insert, select

    from sakip_desktop.ops.lkj.sections import lkj_view
    from sakip_desktop.storage.database import Database
    from sakip_desktop.storage.models import (
        Activity,
        Budget,
        BudgetSpending,
        Goal,
        Indicator,
        LkjSection,
        Objective,
        Program,
        QuarterlyTarget,
        Realisation,
        RenstraTarget,
        StrategicPlan,
        SubActivity,
        YearlyTarget,
    )

    db = Database.open(path)
    with db.transaction() as s:
        plan_id = s.scalar(select(StrategicPlan.id))
        goal_id = s.scalar(select(Goal.id))
        have = s.scalar(select(func.count()).select_from(Indicator))
        objectives = list(s.scalars(select(Objective.id)))
        for n in range(6, 16):
            objectives.append(s.scalar(
                insert(Objective).values(goal_id=goal_id, code=f"S{n}", statement=f"Meningkatnya kinerja bidang {n}",
                                         sort_order=n).returning(Objective.id)))  # fmt: skip
        new = []
        for i in range(have + 1, INDICATORS + 1):
            new.append({"objective_id": objectives[i % len(objectives)], "code": f"IK{i:02d}",
                        "name": f"Persentase capaian layanan bidang {i} yang diselesaikan tepat waktu", "unit": "%",
                        "polarity": "NEGATIVE" if i % 7 == 0 else "POSITIVE", "aggregation": "LAST_VALUE",
                        "baseline": Decimal(50), "sort_order": i})  # fmt: skip
        s.execute(insert(Indicator), new)
        ids = list(s.scalars(select(Indicator.id)))
        s.execute(RenstraTarget.__table__.delete())
        s.execute(insert(RenstraTarget), [
            {"indicator_id": i, "year": y, "value": Decimal(60 + (y - 2021) * 5)}
            for i in ids for y in range(2021, 2027)
        ])  # fmt: skip
        existing = {(i, y) for i, y in s.execute(select(YearlyTarget.indicator_id, YearlyTarget.year))}
        done = {(i, y, q) for i, y, q in s.execute(select(Realisation.indicator_id, Realisation.year,
                                                          Realisation.quarter))}  # fmt: skip
        for y in YEARS:
            for i in ids:
                if (i, y) in existing:
                    continue
                tid = s.scalar(insert(YearlyTarget).values(indicator_id=i, year=y, value=Decimal(80))
                               .returning(YearlyTarget.id))  # fmt: skip
                s.execute(insert(QuarterlyTarget), [
                    {"yearly_target_id": tid, "quarter": q, "value": Decimal(70 + q * 2)} for q in range(1, 5)
                ])  # fmt: skip
        s.execute(insert(Realisation), [
            {"indicator_id": i, "year": y, "quarter": q, "value": Decimal(60 + (i * q + y) % 30),
             "status": "APPROVED", "supporting_factors": TEXT[:300], "inhibiting_factors": TEXT[300:600],
             "follow_up": TEXT[600:900]}
            for y in YEARS for i in ids for q in range(1, 5) if (i, y, q) not in done
        ])  # fmt: skip
        for p in range(4, PROGRAMS + 1):
            pid = s.scalar(insert(Program).values(plan_id=plan_id, code=f"7.01.{p:02d}",
                                                  name=f"PROGRAM PENUNJANG BIDANG {p}",
                                                  objective_id=objectives[p % len(objectives)])
                           .returning(Program.id))  # fmt: skip
            for a in range(1, 3):
                aid = s.scalar(insert(Activity).values(program_id=pid, code=f"7.01.{p:02d}.2.{a:02d}",
                                                       name=f"Kegiatan {a} program {p}")
                               .returning(Activity.id))  # fmt: skip
                for u in range(1, 3):
                    sid = s.scalar(insert(SubActivity).values(activity_id=aid, code=f"7.01.{p:02d}.2.{a:02d}.{u:04d}",
                                                              name=f"Sub kegiatan {u} kegiatan {a} program {p}")
                                   .returning(SubActivity.id))  # fmt: skip
                    for y in YEARS:
                        bid = s.scalar(insert(Budget).values(sub_activity_id=sid, year=y, ceiling=100_000_000)
                                       .returning(Budget.id))  # fmt: skip
                        s.execute(insert(BudgetSpending), [
                            {"budget_id": bid, "quarter": q, "amount": 22_000_000} for q in range(1, 5)
                        ])  # fmt: skip
    keys = [sec.key for sec in lkj_view(db, 2025).sections]
    with db.transaction() as s:
        s.execute(insert(LkjSection), [
            {"year": 2025, "key": k, "text": TEXT + "\n\n- " + TEXT[:200] + "\n- " + TEXT[200:400], "updated_by": "x"}
            for k in keys
        ])  # fmt: skip
    db.close()


def main() -> int:
    from sakip_desktop.demo.office import create_demo
    from sakip_desktop.demo.timeline import BASE_ANCHOR
    from sakip_desktop.documents.lkj.output import render_lkj
    from sakip_desktop.ops.lkj.data import lkj_data
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "besar.db"
        create_demo(path, anchor=BASE_ANCHOR).close()  # the 2025 demo the scenario pins
        enlarge(path)
        db = Database.open(path)
        data = lkj_data(db, 2025)
        times, pages = [], 0
        for _ in range(3):
            buffer = io.BytesIO()
            t = time.perf_counter()
            result = render_lkj(db, 2025, buffer, day=dt.date(2026, 2, 20))
            times.append(time.perf_counter() - t)
            pages = result.pages
        db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"LKj 2025: {len(data.indicators)} indicators, {len(data.sasaran)} sasaran, "
          f"{len(data.budget.programs)} programs, history {data.history_years}, {pages} pages, "
          f"{len(buffer.getvalue()) // 1024} KB")  # fmt: skip
    print(
        f"render: median of 3 {median:.2f} s (each: {', '.join(f'{t:.2f}' for t in times)}; "
        f"target < {TARGET_SECONDS} s)"
    )
    print(f"peak resident memory of the process: {peak_mb:.0f} MB (target < {TARGET_MB} MB)")
    return 0 if median < TARGET_SECONDS and peak_mb < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
