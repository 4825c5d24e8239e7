"""Plain-SQL reads (`storage/sql.py` on `Database.plain_reading()`), only in the first screen's module
(`ops/home/first_reads.py`), agreeing with the ORM's, and the mapped classes declared on first use."""

from __future__ import annotations

import ast
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.measurement.budget import budget_measurement, first_screen_budget
from sakip_desktop.ops.measurement.capaian import QUARTERS, measure_all, measure_periods
from sakip_desktop.ops.monitoring.follow_up_views import meeting_follow_ups, overdue_follow_ups
from sakip_desktop.ops.org.office import get_profile, update_profile
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

CORE = Path(__file__).resolve().parents[2] / "sakip_desktop"
# Where plain SQL may be written: the first screen's reads, the helpers themselves, and the audit trail, which is
# checked on the bytes SQLite stores (storage/audit_chain.py), also in a file the program has not opened.
PLAIN_SQL_ALLOWED = {
    "ops/home/first_reads.py",
    "ops/home/pack_reads.py",  # the submission pack's late documents (first_reads is at its size limit)
    "ops/lhe/waiting.py",  # the LHE's work in "Menunggu Anda" (issue 16 §3, helper lhe)
    "ops/desa/map_reads.py",  # the Dasbor's desa map (issue 15 §3): one query, only when such indicators exist
    "storage/sql.py",
    "storage/database.py",
    "ops/audit/check.py",
    "ops/audit/trail.py",
}


def _plain_sql_uses(path: Path) -> list[str]:
    """What in `path` reads in plain SQL: imports of `storage.sql`, calls of `plain_reading()`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            if "sakip_desktop.storage.sql" in names | {node.module}:
                found.append(f"line {node.lineno}: imports sakip_desktop.storage.sql")
        elif isinstance(node, ast.Import) and any(a.name == "sakip_desktop.storage.sql" for a in node.names):
            found.append(f"line {node.lineno}: imports sakip_desktop.storage.sql")
        elif isinstance(node, ast.Attribute) and node.attr == "plain_reading":
            found.append(f"line {node.lineno}: plain_reading()")
    return found


def test_plain_sql_is_written_only_in_the_first_screens_module():
    # WHEN every module of the core is looked through
    offenders = {
        str(path.relative_to(CORE)): uses
        for path in sorted(CORE.rglob("*.py"))
        if str(path.relative_to(CORE)) not in PLAIN_SQL_ALLOWED and (uses := _plain_sql_uses(path))
    }
    # THEN none but the first screen's reads (and the audit trail's check) reads in plain SQL: the rest uses the ORM
    assert offenders == {}
    # AND the guard does see a use where there is one
    assert _plain_sql_uses(CORE / "ops/home/first_reads.py")


def test_the_first_screens_reads_agree_with_the_orms(demo_db: Database):
    # GIVEN the demo office, whose realisasi of 2025 are partly entered, approved and late
    periods = [(2025, q) for q in QUARTERS]
    # WHEN the dasbor's measurement and budget are read in plain SQL and the same through the ORM
    first = measure_periods(demo_db, periods)
    orm = measure_all(demo_db, [2025])
    # THEN they are the same, row for row
    assert first == orm and sum(len(rows) for rows in orm.values()) > 10
    for q in QUARTERS:
        assert first_screen_budget(demo_db, 2025, q, first[(2025, q)]) == budget_measurement(demo_db, 2025, q)
    # AND a late tindak lanjut reads the same on the Camat's first screen as in its meeting (ORM)
    today = dt.date(2026, 1, 31)
    late = {f.id: f for f in overdue_follow_ups(demo_db, today)}
    in_meetings = {f.id: f for meeting in range(1, 10) for f in meeting_follow_ups(demo_db, meeting, today)}
    assert late and {i: f for i, f in in_meetings.items() if i in late} == late


def test_a_list_parameter_fills_an_in_and_rows_read_by_column_name(demo_db: Database):
    with demo_db.plain_reading() as conn:
        # GIVEN the codes of two demo indicators
        codes = [code for (code,) in sql.rows(conn, "SELECT code FROM indicator ORDER BY code LIMIT 2")]
        # WHEN they are asked for with IN, and none with an empty list (IN and NOT IN)
        found = sql.rows(conn, "SELECT id, code AS wanted FROM indicator WHERE code IN :codes", codes=codes)
        none = sql.rows(conn, "SELECT id FROM indicator WHERE code IN :codes", codes=[])
        all_ = sql.scalar(conn, "SELECT COUNT(*) FROM indicator WHERE code NOT IN :codes", codes=set())
        total = sql.scalar(conn, "SELECT COUNT(*) FROM indicator")
    # THEN the two come back, by position and by column name; an empty list matches nothing, NOT IN everything
    assert sorted(row.wanted for row in found) == codes == sorted(row[1] for row in found)
    assert none == [] and all_ == total > 2


def test_plain_reads_see_what_a_session_committed(demo_db: Database):
    # GIVEN the office profile read in plain SQL
    before = get_profile(demo_db)
    # WHEN an operation (an ORM session) changes it
    update_profile(demo_db, SYSTEM, replace(before, phone="(0341) 111222"))
    # THEN the next plain read sees the change
    assert get_profile(demo_db).phone == "(0341) 111222"


@pytest.mark.sqlite_only(reason="sqlite3 connections of the file, kept per thread")
def test_close_releases_the_connections_of_every_thread(demo_db: Database):
    # GIVEN plain reads made in the main thread and in a worker (as ui/background.py runs work)
    with demo_db.plain_reading() as main_conn:
        assert sql.scalar(main_conn, "SELECT COUNT(*) FROM person") > 10
    seen: list[sqlite3.Connection] = []

    def work() -> None:
        with demo_db.plain_reading() as conn:
            seen.append(conn)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen and seen[0] is not main_conn
    # WHEN the database is closed from the main thread
    demo_db.close()
    # THEN both connections are closed, and a later read opens a new one
    for conn in (main_conn, seen[0]):
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    with demo_db.plain_reading() as again:
        assert again is not main_conn and sql.scalar(again, "SELECT COUNT(*) FROM office") == 1


def _open_handles(path: Path) -> int:
    """How many file descriptors of this process point at `path` (Linux)."""
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
@pytest.mark.sqlite_only(reason="counts the handles open on the database file")
def test_a_worker_threads_connection_closes_when_the_thread_ends(demo_db: Database):
    # GIVEN the main thread's own plain connection
    with demo_db.plain_reading() as conn:
        sql.scalar(conn, "SELECT 1")
    before = _open_handles(demo_db.path)
    # WHEN twenty background jobs (a thread each, as ui/background.py runs them) read in plain SQL
    for _ in range(20):
        worker = threading.Thread(target=lambda: get_profile(demo_db))
        worker.start()
        worker.join()
    # THEN none of their connections is left open
    assert _open_handles(demo_db.path) == before


def test_a_plain_reading_inside_another_shares_its_transaction(demo_db: Database):
    # WHEN a read made inside another one in the same thread (a view calling another view)
    with demo_db.plain_reading() as outer:
        profile = get_profile(demo_db)
        # THEN it works, and the outer transaction is still open afterwards
        assert profile.name == "Contoh" and outer.in_transaction
        assert sql.scalar(outer, "SELECT COUNT(*) FROM office") == 1


LAZY_PROBE = """
from sakip_desktop.ops.home import dashboard, overview, waiting_work
from sakip_desktop.ops.monitoring import follow_up_views
from sakip_desktop.ops.org import auth, office
from sakip_desktop.ops.sop import views as sop_views
from sakip_desktop.storage import models
print(models.is_loaded())
from sakip_desktop.storage.models import Person
print(models.is_loaded(), Person.__tablename__, Person.roles.property.mapper.class_.__name__)
"""


def test_the_mapped_classes_are_declared_on_first_use_all_together():
    # WHEN a fresh process imports the first screen's modules, and then asks for one mapped class
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", LAZY_PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    # THEN importing declared nothing; the class came with the others, its relationships configured
    assert out.stdout.split() == ["False", "True", "person", "RoleAssignment"]


def test_the_lkj_is_read_in_one_session(demo_db: Database):
    from sqlalchemy import event

    # GIVEN the demo office, nothing read yet, and a count of the connections the engine hands out
    checkouts: list[object] = []
    event.listen(demo_db.engine, "checkout", lambda *args: checkouts.append(args))
    # WHEN the LKj of 2025 is gathered (measurement, budget, PK, units, office: read views of their own)
    data = lkj_data(demo_db, 2025)
    # THEN it was read through one connection (one read transaction), and none of it in plain SQL
    assert data.sasaran and data.pk.targets and data.units
    assert len(checkouts) == 1
    assert demo_db._main_plain is None
