"""Langkah awal: what a new office still has to set up, read from its data (ops/home/first_steps.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from _new_office import TODAY, new_office

from sakip_desktop.domain.roles import UnitKind
from sakip_desktop.ops.backups import backup_now
from sakip_desktop.ops.home.first_steps import StepKey, first_steps
from sakip_desktop.ops.home.overview import plan_years
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import UnitInput, add_unit
from sakip_desktop.storage.database import Database


@pytest.mark.sqlite_only(reason="backs up the office file")
def test_a_new_office_has_every_step_ahead_and_each_is_done_by_its_data(empty_db: Database, tmp_path: Path):
    # GIVEN an office just made by the new-office wizard
    new_office(empty_db)
    # WHEN its first steps are read
    steps = first_steps(empty_db, 2026, TODAY)
    # THEN none of the six is done, and each says what is missing in the office's words
    assert [s.key for s in steps.steps] == list(StepKey)
    assert steps.remaining == steps.steps and not steps.all_done
    assert steps.step(StepKey.UNITS).state == "4 unit kerja, belum ada seksi."
    assert "Belum ada: Camat, Sekretaris, Kasubag Perencanaan." in steps.step(StepKey.PEOPLE).state
    assert steps.step(StepKey.PLAN).state == "Belum ada Renstra yang mencakup 2026."
    assert steps.step(StepKey.AGREEMENT).state == "Belum ada Perjanjian Kinerja kantor tahun 2026."
    assert steps.step(StepKey.SOPS).state == "Belum ada SOP."
    # WHEN a seksi is added, it is done, and the seksi now needs its Kasi
    admin = actor_for(empty_db, "dyah.ekawati", TODAY)
    add_unit(empty_db, admin, UnitInput(name="Seksi Pemerintahan", kind=UnitKind.SEKSI))
    steps = first_steps(empty_db, 2026, TODAY)
    assert steps.step(StepKey.UNITS).done and steps.step(StepKey.UNITS).state == "5 unit kerja, 1 seksi."
    assert "Kasi Seksi Pemerintahan" in steps.step(StepKey.PEOPLE).state
    # AND a backup to a flash drive makes the last step done
    (tmp_path / "flashdisk").mkdir()
    backup_now(empty_db.path, tmp_path / "flashdisk", db=empty_db, actor=admin)
    assert first_steps(empty_db, 2026, TODAY).step(StepKey.BACKUP).done


def test_the_demo_office_is_set_up_but_a_year_without_a_renstra_is_not(demo_db: Database):
    # GIVEN the demo office, with its units, people, Renstra, PK and SOPs
    today = dt.date.today()
    year = max(plan_years(demo_db))
    steps = first_steps(demo_db, year, today)
    # THEN units, people and SOPs are done, the backup to a flash drive is not
    done = {s.key for s in steps.steps if s.done}
    assert {StepKey.UNITS, StepKey.PEOPLE, StepKey.SOPS} <= done and StepKey.BACKUP not in done
    assert "IKU" in steps.step(StepKey.PLAN).state and "Semua peran utama terisi." in steps.step(StepKey.PEOPLE).state
    # AND a year no Renstra covers has its plan and PK ahead
    later = first_steps(demo_db, year + 10, today)
    assert {StepKey.PLAN, StepKey.AGREEMENT} <= {s.key for s in later.remaining}
    assert later.step(StepKey.PLAN).state == f"Belum ada Renstra yang mencakup {year + 10}."


@pytest.mark.sqlite_only(reason="changes the office file with plain sqlite3")
def test_an_indicator_nobody_can_fill_keeps_the_plan_step_open(demo_db: Database):
    # GIVEN the demo office in 2025, whose indicators each belong to a seksi or sub bagian with its Kasi/Kasubag
    day = dt.date(2025, 10, 15)
    plan = first_steps(demo_db, 2025, day).step(StepKey.PLAN)
    assert plan.done and "Belum ada yang dapat mengisi" not in plan.state
    # WHEN IK01 is given to the Sekretariat, where no Kasi, Kasubag or staf of its own enters realisasi (found by the
    # tester of session 6: the checklist said "Semua langkah sudah selesai" while nobody could ever fill it)
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute(
            "UPDATE indicator SET responsible_unit_id = (SELECT id FROM unit WHERE kind = 'SEKRETARIAT') "
            "WHERE code = 'IK01'"
        )
    conn.close()
    # THEN the plan step is open again and names the indicator and its unit
    plan = first_steps(demo_db, 2025, day).step(StepKey.PLAN)
    assert not plan.done
    assert "Belum ada yang dapat mengisi realisasi: IK01 (Sekretariat)." in plan.state
