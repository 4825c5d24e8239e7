"""Measurement benchmark: recomputing every quarter of 10 years for 60 indicators.

Builds a fresh database (10 sasaran, 60 indicators of every polarity and aggregation, yearly and
quarterly targets, some as ranges, realisasi for all four quarters of 10 years), then times
`measure_all` over the 40 year-quarters (2,400 indicator measurements) and one `measure` call.
Target: under 0.5 s for the 40. Run:

    python benchmarks/measurement.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

YEARS = range(2016, 2026)
INDICATORS = 60
OBJECTIVES = 10
TARGET_SECONDS = 0.5


def build(path: Path) -> None:
    """A fixture database written with plain inserts (not operations: nothing here is a user's action)."""
    from sqlalchemy import insert

    from sakip_desktop.storage.database import Database
    from sakip_desktop.storage.models import (
        Goal,
        Indicator,
        Objective,
        QuarterlyTarget,
        Realisation,
        StrategicPlan,
        YearlyTarget,
    )

    db = Database.open(path, create=True, durable=False)
    kinds = ("CUMULATIVE", "LAST_VALUE", "AVERAGE")
    with db.transaction() as s:
        s.execute(insert(StrategicPlan), [{"id": 1, "name": "Renstra", "start_year": 2016, "end_year": 2026}])
        s.execute(insert(Goal), [{"id": 1, "plan_id": 1, "code": "T1", "statement": "Tujuan"}])
        s.execute(
            insert(Objective),
            [
                {"id": o, "goal_id": 1, "code": f"S{o}", "statement": f"Sasaran {o}", "sort_order": o}
                for o in range(1, 11)
            ],
        )
        s.execute(
            insert(Indicator),
            [
                {
                    "id": i,
                    "objective_id": i % OBJECTIVES + 1,
                    "code": f"IK{i:02d}",
                    "name": f"Indikator {i}",
                    "unit": "%",
                    "polarity": "NEGATIVE" if i % 5 == 0 else "POSITIVE",
                    "aggregation": kinds[i % 3],
                    "sort_order": i,
                }
                for i in range(1, INDICATORS + 1)
            ],
        )
        yearly, quarterly, actuals = [], [], []
        target_id = 0
        for year in YEARS:
            for i in range(1, INDICATORS + 1):
                target_id += 1
                base = Decimal(40 + i)
                ranged = i % 7 == 0
                yearly.append(
                    {
                        "id": target_id,
                        "indicator_id": i,
                        "year": year,
                        "value": base,
                        "value_high": base + 10 if ranged else None,
                    }
                )
                for q in range(1, 5):
                    quarterly.append(
                        {
                            "yearly_target_id": target_id,
                            "quarter": q,
                            "value": base / 4 if kinds[i % 3] == "CUMULATIVE" else base,
                            "value_high": (base + 10) if ranged else None,
                        }
                    )
                    actuals.append(
                        {
                            "indicator_id": i,
                            "year": year,
                            "quarter": q,
                            "value": base / 4 + Decimal((i * q + year) % 9) / 10,
                            "status": "APPROVED" if q < 4 else "SUBMITTED",
                        }
                    )
        s.execute(insert(YearlyTarget), yearly)
        s.execute(insert(QuarterlyTarget), quarterly)
        s.execute(insert(Realisation), actuals)
    db.close()


def main() -> int:
    from sakip_desktop.ops.measurement.capaian import measure, measure_all
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pengukuran.db"
        build(path)
        db = Database.open(path)
        measure_all(db, YEARS)  # first call compiles the statements
        all_times, one_times = [], []
        for _ in range(5):
            t = time.perf_counter()
            result = measure_all(db, YEARS)
            all_times.append(time.perf_counter() - t)
        for _ in range(5):
            t = time.perf_counter()
            measure(db, 2025, 3)
            one_times.append(time.perf_counter() - t)
        db.close()
    rows = sum(len(r) for r in result.values())
    median = statistics.median(all_times)
    print(f"{len(YEARS)} years x {INDICATORS} indicators x 4 quarters: {len(result)} measurements, {rows} rows")
    print(f"measure_all: median of 5 {median * 1000:.1f} ms (target < {TARGET_SECONDS * 1000:.0f} ms)")
    print(f"measure (one quarter): median of 5 {statistics.median(one_times) * 1000:.1f} ms")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
