"""Shared fixtures: a real SQLite file per test, built from the demo office or empty."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from sakip_desktop.demo.office import create_demo
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file

# A day inside the demo's Plh. Camat assignment (11-15 Agustus 2025), after the old Kasi Trantib left.
DEMO_DAY = dt.date(2025, 8, 13)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office, written once per test run (hashing 15 demo passwords takes a second)."""
    path = tmp_path_factory.mktemp("template") / "kecamatan_contoh.db"
    create_demo(path).close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo office for one test."""
    copy = tmp_path / "kantor.db"
    backup_file(demo_template, copy)
    db = Database.open(copy)
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A new database at the newest schema with no office yet."""
    db = Database.open(tmp_path / "baru.db", create=True)
    yield db
    db.close()
