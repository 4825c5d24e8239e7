"""A backup's file name carries the office's local time (WIB unless Profil kantor says WITA/WIT), the clock of the
kabupaten's import report ("data sampai … pukul 19.31"), even on a computer whose clock runs on UTC (tester
finding F11), on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.storage.backup import make_backup
from sakip_desktop.storage.backup_names import parse_backup_name


@pytest.fixture
def utc_clock(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _offset_of_name(demo_db, folder) -> float:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, second=0, microsecond=0)
    made = make_backup(demo_db.path, folder, create=True)
    stamp = parse_backup_name(made.path.name)
    assert stamp is not None and made.taken_at.replace(second=0, microsecond=0) == stamp
    return round((stamp - before).total_seconds() / 3600, 1)


@pytest.mark.sqlite_only(reason="a backup is of an office file")
def test_a_backup_is_named_in_the_offices_time_on_a_utc_computer(demo_db, tmp_path, utc_clock):
    # GIVEN a computer whose clock runs on UTC and the demo office in WIB
    # WHEN the file is backed up THEN its name says the WIB time (UTC + 7)
    assert _offset_of_name(demo_db, tmp_path / "a") == 7
    # AND an office in WITA gets UTC + 8
    admin = actor_for(demo_db, "kasubag_renkeu", dt.date(2025, 10, 15))
    update_settings(demo_db, admin, replace(get_settings(demo_db), utc_offset_hours=8))
    assert _offset_of_name(demo_db, tmp_path / "b") == 8
