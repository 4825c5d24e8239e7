"""Issue #10: no write goes around `ops.base.write()` (the permission check and the audit trail).

`tests/_write_guard.py` watches every SQLite connection; these tests prove it catches a bypass, then run real
flows under it: logging in, the whole quarter cycle of issue #4, and (slow) the whole suite.
"""

# Fixtures are imported from _write_guard, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from _write_guard import ROOT, WriteGuard, write_guard  # noqa: F401  (fixture)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import UserError
from sakip_desktop.ops.base import SYSTEM, write
from sakip_desktop.ops.org import auth
from sakip_desktop.ops.org.auth import login
from sakip_desktop.storage import models as m

pytestmark = pytest.mark.sqlite_only(reason="traces the statements SQLite runs")


def test_the_watch_catches_program_code_writing_outside_write(demo_db, write_guard: WriteGuard):
    # GIVEN program code (compiled as a module of ops/) that opens a transaction of its own
    bypass = compile(
        "def rename(db):\n    with db.transaction() as s:\n        s.get(m.Office, 1).name = 'Kecamatan Diam-diam'\n",
        str(ROOT / "sakip_desktop" / "ops" / "bypass_example.py"),
        "exec",
    )
    space = {"m": m}
    exec(bypass, space)
    # WHEN it runs
    space["rename"](demo_db)
    # THEN the watch names it, where it opened its transaction
    assert len(write_guard.violations) == 1
    assert write_guard.violations[0].startswith("sakip_desktop/ops/bypass_example.py:2: UPDATE office")
    # while the same change through write() passes
    with write(demo_db, SYSTEM, Op.OFFICE_PROFILE_UPDATE) as tx:
        tx.session.get(m.Office, 1).name = "Kecamatan Contoh"
    assert len(write_guard.violations) == 1 and write_guard.writes_seen >= 1


def test_logging_in_and_out_of_a_password_go_through_write(demo_db, write_guard: WriteGuard):
    # GIVEN the demo office
    # WHEN someone types a wrong password, then the right one, then changes it
    with pytest.raises(UserError):
        login(demo_db, "kasi_pem", "salah")
    actor = login(demo_db, "kasi_pem", "kasi_pem123")
    auth.change_own_password(demo_db, actor, "kasi_pem123", "Sandi-Baru-2025!")
    # THEN every record of it was written inside write()
    assert write_guard.violations == []
    assert write_guard.writes_seen >= 3


def test_the_whole_quarter_cycle_writes_only_through_write(demo_db, tmp_path, write_guard: WriteGuard):
    # GIVEN the watch on every connection
    import test_full_cycle as cycle  # the issue #4 flow: isian, submit, verify, approve, budget, evaluation, printing

    # WHEN TW IV 2025 runs through the whole cycle as the office's people do it (the CLI prints the documents)
    cycle.test_one_quarter_through_the_whole_cycle(demo_db, tmp_path)
    # THEN every change of the database happened inside write()
    assert write_guard.violations == []
    assert write_guard.writes_seen > 100


@pytest.mark.slow
def test_no_test_of_the_suite_sees_a_write_around_write(tmp_path):
    # GIVEN the whole default suite, run with the watch on every test (tests/_write_guard_plugin.py)
    report = tmp_path / "writes.txt"
    report.touch()
    env = {**os.environ, "SAKIP_WRITE_GUARD_REPORT": str(report), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests"), env.get("PYTHONPATH")]))
    # WHEN it runs (its own failures, if any, are other tests' business)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_write_guard_plugin", "-m",
         "not slow", str(ROOT / "tests")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600, check=False,
    )  # fmt: skip
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    passed = re.search(r"(\d+) passed", summary)
    assert passed and int(passed.group(1)) > 500, summary
    # THEN no program code changed the database outside write()
    lines = report.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == []
    # (and the watch was on: it saw the writes inside write())
    assert int(lines[-1].removeprefix("# writes watched: ")) > 1_000
