"""Issue #10: the main window changes the database only through the core's operations (`ops.base.write()`),
watched on every SQLite connection while the GUI's full-cycle flow runs."""

# Fixtures are imported from _write_guard, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import test_full_cycle_gui as gui_cycle
from _settings_fixtures import Modals
from _write_guard import WriteGuard, write_guard  # noqa: F401  (fixture)


def test_the_main_window_writes_only_through_write(qtbot, demo_db, tmp_path, modals: Modals, write_guard: WriteGuard):
    # GIVEN the watch on every connection
    # WHEN TW IV is monitored and evaluated in the main window, as in the GUI full-cycle test
    gui_cycle.test_tw4_monitored_and_evaluated_in_the_main_window(qtbot, demo_db, tmp_path, modals)
    # THEN every change of the database happened inside write()
    assert write_guard.violations == []
    assert write_guard.writes_seen > 10
