"""Shared fixtures: a real SQLite file per test, built from the demo office or empty."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The day every demo of the test run is told for (sakip_desktop.demo.timeline): TW I-II 2025 approved, TW III 2025
# under review, as the tests expect; also for demos made without an anchor (helpers, `--demo` in a subprocess).
os.environ["SAKIP_DEMO_DATE"] = "2025-10-15"

import pytest

from sakip_desktop.demo.office import create_demo
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file

DEMO_ANCHOR = dt.date.fromisoformat(os.environ["SAKIP_DEMO_DATE"])
# A day inside the demo's Plh. Camat assignment (11-15 Agustus 2025), after the old Kasi Trantib left.
DEMO_DAY = dt.date(2025, 8, 13)

# --- engines (issue 17, helper pga): SAKIP_TEST_ENGINE=postgresql gives demo_db and empty_db on a throwaway
# PostgreSQL server (tests/_pg_server.py); tests marked `sqlite_only` (they test the file itself) skip there.
import _pg_server as _pg_engine  # noqa: E402

TEST_ENGINE = _pg_engine.TEST_ENGINE
pg_server = _pg_engine.pg_server
pg_demo = _pg_engine.pg_demo
pg_empty = _pg_engine.pg_empty
pytest_collection_modifyitems = _pg_engine.skip_sqlite_only
# --- end engines


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office, written once per test run (hashing 15 demo passwords takes a second)."""
    path = tmp_path_factory.mktemp("template") / "kecamatan_contoh.db"
    create_demo(path, anchor=DEMO_ANCHOR).close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A private copy of the demo office for one test."""
    if TEST_ENGINE == "postgresql":  # engines (issue 17)
        yield from _pg_engine.server_database(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_demo"))
        return
    copy = tmp_path / "kantor.db"
    backup_file(demo_template, copy)
    db = Database.open(copy)
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A new database at the newest schema with no office yet."""
    if TEST_ENGINE == "postgresql":  # engines (issue 17)
        yield from _pg_engine.server_database(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_empty"))
        return
    db = Database.open(tmp_path / "baru.db", create=True)
    yield db
    db.close()


@pytest.fixture
def evidence_optional(demo_db: Database) -> Database:
    """The demo office with the setting "Bukti dukung wajib" off (issue 13 §5; on by default), for the older tests
    that submit realisasi without a bukti dukung file while testing something else (narratives, review, locks)."""
    import json

    from sakip_desktop.storage import models as m

    with demo_db.transaction() as s:
        s.merge(m.Setting(key="evidence_required", value=json.dumps(False)))
    return demo_db
