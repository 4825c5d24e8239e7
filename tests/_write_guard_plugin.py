"""A pytest plugin that watches every test for writes around `ops.base.write()` (see `_write_guard.py`).

Loaded with `-p _write_guard_plugin` (tests/ on the path). Each program write outside `write()` is appended to the
file named by SAKIP_WRITE_GUARD_REPORT, one line per write with the test that caused it; at the end a line
'# writes watched: N' proves the watch was on.
"""

from __future__ import annotations

import os

import pytest
from _write_guard import WriteGuard, watching

_seen = [0]


def _report(lines: list[str]) -> None:
    with open(os.environ["SAKIP_WRITE_GUARD_REPORT"], "a", encoding="utf-8") as report:
        report.writelines(f"{line}\n" for line in lines)


@pytest.fixture(autouse=True)
def _watch_every_test(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    guard = WriteGuard()
    with watching(guard, monkeypatch):
        yield
    _seen[0] += guard.writes_seen
    if guard.violations:
        _report([f"{request.node.nodeid}\t{v}" for v in guard.violations])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _report([f"# writes watched: {_seen[0]}"])
