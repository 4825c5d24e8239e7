"""Plain-SQL reads (`storage/sql.py` on `Database.plain_reading()`) and the mapped classes declared on first use."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.org.office import get_profile, update_profile
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database


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
