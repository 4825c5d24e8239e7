"""Planning workbook benchmark: a Renstra of 5 years with 60 indicators and 30 programs, imported from .xlsx.

Writes a workbook with `write_rencana` (10 sasaran, 60 indicators with a Renstra, yearly and quarterly
target for each of 2025-2029, 30 programs with 2 kegiatan of 2 sub kegiatan each, a pagu every year and
spending in 2025), then times on a new database:

- reading and checking it (`read_rencana`) and applying it (`apply_rencana`): the first import, all added;
- reading it again (nothing changes);
- exporting the stored plan back to a workbook (`export_rencana`).

Target: the first import (read + apply) under 2 s. Run:

    python benchmarks/rencana_import.py
"""

from __future__ import annotations

import tempfile
import time
from decimal import Decimal
from pathlib import Path

INDICATORS = 60
OBJECTIVES = 10
PROGRAMS = 30
YEARS = range(2025, 2030)
TARGET_SECONDS = 2.0


def plan_data():
    """The plan as rows, as an office would have typed it in Excel."""
    from sakip_desktop.domain.achievement import Target
    from sakip_desktop.ops.planning.rows import (
        ActivityRow,
        GoalRow,
        IndicatorRow,
        ObjectiveRow,
        PlanRow,
        ProgramRow,
        RencanaData,
        SpendingRow,
        SubActivityRow,
        TargetRow,
    )

    indicators, targets = [], []
    for n in range(1, INDICATORS + 1):
        cumulative = n % 2 == 0
        code = f"IK{n:03d}"
        indicators.append(
            IndicatorRow(
                code,
                f"Indikator uji nomor {n}",
                "kegiatan" if cumulative else "%",
                "POSITIVE",
                "CUMULATIVE" if cumulative else "LAST_VALUE",
                "Definisi",
                "Rumus",
                "Sumber",
                "Seksi Uji",
                n % 5 == 0,
                Decimal(50),
                f"S{(n - 1) % OBJECTIVES + 1}",
            )
        )
        for k, year in enumerate(YEARS):
            yearly = Decimal(40 + 4 * k) if cumulative else Decimal(80 + k)
            quarters = (
                tuple(Target(yearly / 4) for _ in range(4))
                if cumulative
                else tuple(Target(yearly - 3 + q) for q in range(4))
            )
            targets.append(TargetRow(code, year, yearly, Target(yearly), quarters))  # type: ignore[arg-type]
    programs, activities, subs, spending = [], [], [], []
    for p in range(1, PROGRAMS + 1):
        program = f"7.01.{p:02d}"
        programs.append(ProgramRow(program, f"PROGRAM UJI {p}", f"S{(p - 1) % OBJECTIVES + 1}"))
        for a in range(1, 3):
            activity = f"{program}.2.{a:02d}"
            activities.append(ActivityRow(activity, f"Kegiatan uji {p}.{a}", program))
            for x in range(1, 3):
                sub = f"{activity}.{x:04d}"
                subs.append(
                    SubActivityRow(
                        sub,
                        f"Sub kegiatan uji {p}.{a}.{x}",
                        activity,
                        "Seksi Uji",
                        tuple((y, 100_000_000 + y) for y in YEARS),
                    )
                )
                spending.append(SpendingRow(sub, 2025, (20_000_000, 25_000_000, 25_000_000, None)))
    return RencanaData(
        plan=PlanRow("Renstra Uji 2025-2029", 2025, 2029, "Visi uji", "Misi satu\nMisi dua"),
        goals=(GoalRow("T1", "Tujuan uji"),),
        objectives=tuple(ObjectiveRow(f"S{k}", f"Sasaran uji {k}", "T1") for k in range(1, OBJECTIVES + 1)),
        indicators=tuple(indicators),
        targets=tuple(targets),
        programs=tuple(programs),
        activities=tuple(activities),
        sub_activities=tuple(subs),
        spending=tuple(spending),
    )


def main() -> int:
    from sakip_desktop.exchange.rencana.apply import apply_rencana
    from sakip_desktop.exchange.rencana.read import read_rencana
    from sakip_desktop.exchange.rencana.write import export_rencana, write_rencana
    from sakip_desktop.ops.base import SYSTEM
    from sakip_desktop.storage import models as m
    from sakip_desktop.storage.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = Database.open(folder / "uji.db", create=True, durable=False)
        with db.transaction() as s:
            s.add(m.Office(regency_kind="Kabupaten", regency_name="Uji", name="Uji"))
            s.add(m.Unit(code="SEKSI_UJI", name="Seksi Uji", kind="SEKSI"))
        workbook = folder / "rencana.xlsx"
        t = time.perf_counter()
        write_rencana(workbook, plan_data(), ["Seksi Uji"])
        written = time.perf_counter() - t

        t = time.perf_counter()
        preview = read_rencana(db, workbook)
        read = time.perf_counter() - t
        t = time.perf_counter()
        result = apply_rencana(db, SYSTEM, preview)
        applied = time.perf_counter() - t

        t = time.perf_counter()
        again = read_rencana(db, workbook)
        reread = time.perf_counter() - t
        assert not again.has_changes, again.sheets

        t = time.perf_counter()
        export_rencana(db, folder / "ekspor.xlsx")
        exported = time.perf_counter() - t
        db.close()
    first = read + applied
    print(
        f"{INDICATORS} indikator x {len(YEARS)} tahun, {PROGRAMS} program ({PROGRAMS * 4} sub kegiatan): "
        f"{result.added} data ditambahkan, {len(preview.warnings)} peringatan"
    )
    print(f"write workbook: {written * 1000:.0f} ms")
    print(
        f"first import: read {read * 1000:.0f} ms + apply {applied * 1000:.0f} ms = {first:.2f} s "
        f"(target < {TARGET_SECONDS:.0f} s)"
    )
    print(f"re-import (no change): read {reread * 1000:.0f} ms; export of the stored plan: {exported * 1000:.0f} ms")
    return 0 if first < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
