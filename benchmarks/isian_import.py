"""Format Isian benchmark: importing 20 filled files of 60 indicator rows each.

Builds an office with one seksi owning 60 indicators (direct model inserts into a new file), exports its
TW I Format Isian, fills 20 copies with openpyxl (every row changed: a value, decimal commas typed as text
in half of them, and the narrative), then times reading and applying all 20 one after the other.
Target: under 2 s in total. Run:

    python benchmarks/isian_import.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from decimal import Decimal
from pathlib import Path

INDICATORS = 60
FILES = 20
YEAR = 2025


def build(path: Path):
    """A new database with one seksi, its Kasi, and 60 indicators with 2025 targets."""
    from sakip_desktop.storage import models as m
    from sakip_desktop.storage.database import Database

    db = Database.open(path, create=True, durable=False)
    with db.transaction() as s:
        s.add(m.Office(regency_kind="Kabupaten", regency_name="Uji", name="Uji"))
        unit = m.Unit(code="SEKSI_UJI", name="Seksi Uji", kind="SEKSI")
        s.add(unit)
        s.flush()
        person = m.Person(name="Kasi Uji", unit_id=unit.id, active_from=dt.date(2020, 1, 1))
        person.roles.append(m.RoleAssignment(role="KASI", unit_id=unit.id))
        s.add(person)
        plan = m.StrategicPlan(name="Renstra Uji", start_year=2021, end_year=2026)
        s.add(plan)
        s.flush()
        goal = m.Goal(plan_id=plan.id, code="T1", statement="Tujuan uji")
        s.add(goal)
        s.flush()
        objective = m.Objective(goal_id=goal.id, code="S1", statement="Sasaran uji")
        s.add(objective)
        s.flush()
        for n in range(1, INDICATORS + 1):
            indicator = m.Indicator(
                objective_id=objective.id,
                code=f"IK{n:03d}",
                name=f"Indikator uji nomor {n}",
                unit="%",
                polarity="POSITIVE",
                aggregation="LAST_VALUE",
                responsible_unit_id=unit.id,
                sort_order=n,
            )
            s.add(indicator)
            s.flush()
            yearly = m.YearlyTarget(indicator_id=indicator.id, year=YEAR, value=Decimal(100))
            s.add(yearly)
            s.flush()
            for quarter in range(1, 5):
                s.add(m.QuarterlyTarget(yearly_target_id=yearly.id, quarter=quarter, value=Decimal(25 * quarter)))
        s.flush()
        person_id, unit_id = person.id, unit.id
    return db, person_id, unit_id


def fill(source: Path, target: Path, k: int) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(source)
    ws = wb["Seksi Uji"]
    for row in range(9, 9 + INDICATORS):
        ws.cell(row=row, column=8, value=f"{k + row},5" if row % 2 else k + row)  # Realisasi TW
        ws.cell(row=row, column=9, value=f"Pendukung {k}")
        ws.cell(row=row, column=10, value=f"Penghambat {k}")
        ws.cell(row=row, column=11, value=f"Upaya {k}")
    wb.save(target)


def main() -> int:
    from sakip_desktop.domain.roles import Role
    from sakip_desktop.exchange.isian.preview import apply_isian
    from sakip_desktop.exchange.isian.read import read_isian
    from sakip_desktop.exchange.isian.write import export_isian
    from sakip_desktop.ops.base import Actor, RoleGrant

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, person_id, unit_id = build(folder / "uji.db")
        kasi = Actor(account_id=None, person_id=person_id, name="Kasi Uji", grants=(RoleGrant(Role.KASI, unit_id),))
        blank = folder / "blank.xlsx"
        export_isian(db, YEAR, 1, unit_id, blank)
        files = [folder / f"isian-{k:02d}.xlsx" for k in range(FILES)]
        for k, path in enumerate(files):
            fill(blank, path, k)
        read_times, apply_times = [], []
        rows = 0
        start = time.perf_counter()
        for path in files:
            t = time.perf_counter()
            preview = read_isian(db, path, year=YEAR, quarter=1)
            read_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            rows += len(apply_isian(db, kasi, preview))
            apply_times.append(time.perf_counter() - t)
        total = time.perf_counter() - start
        db.close()
    assert rows == FILES * INDICATORS, rows
    print(f"{FILES} files x {INDICATORS} rows imported ({rows} realisasi written)")
    print(f"read: {sum(read_times) * 1000:.0f} ms, apply: {sum(apply_times) * 1000:.0f} ms")
    print(f"total: {total:.2f} s (target < 2 s)")
    return 0 if total < 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
