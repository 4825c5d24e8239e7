"""Crashes, power cuts, damaged pages, a full disk and a read-only file: the data stays whole and usable."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _file_safety import corrupt_table, mount_tmpfs, person_names, unmount

from sakip_desktop import cli
from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import DatabaseDamaged, DatabaseReadOnly, StorageFull
from sakip_desktop.ops.audit.check import check_audit_trail
from sakip_desktop.ops.org.auth import actor_for, login
from sakip_desktop.ops.org.people import PersonInput, add_person, list_people
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.sqlitefile import backup_file, check_file, journal_path

WRITER = Path(__file__).with_name("_crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 8, 13)


def _kill_rounds(db_path: Path, rounds: int, seed: int) -> dict[str, int]:
    """Run a writer `rounds` times, SIGKILLing it at a random moment; check the file after each kill."""
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    start = 1
    refused = corrupt = lost = broken = 0
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        assert zygote.stdout.readline().strip() == "STARTED"
        for _ in range(rounds):
            zygote.stdin.write(f"RUN {db_path} {start}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline().split()[1])
            lines = []
            while (line := zygote.stdout.readline().strip()) != "READY":
                assert line.startswith("ACK "), line  # the writer failed before its loop
                lines.append(line)
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(pid, signal.SIGKILL)
            while not (line := zygote.stdout.readline().strip()).startswith("DONE"):
                lines.append(line)
            acks = [int(x.split()[1]) for x in lines if x.startswith("ACK ")]
            acknowledged |= {f"Pegawai Uji {n}" for n in acks}
            start = max(acks, default=start) + 1000  # a name never reused, acknowledged or not
            try:
                db = Database.open(db_path)  # the program's own open: it must never refuse the file
                try:
                    broken += not check_audit_trail(db).ok  # and the audit chain is whole after every crash
                finally:
                    db.close()
            except Exception:
                refused += 1
                continue
            if not check_file(db_path, SCHEMA_VERSION).ok:
                corrupt += 1
            lost += len(acknowledged - person_names(db_path))
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    return {
        "refused": refused,
        "corrupt": corrupt,
        "lost": lost,
        "chain_broken": broken,
        "acknowledged": len(acknowledged),
    }


def test_a_writer_killed_at_random_moments_loses_nothing_acknowledged(demo_template, tmp_path):
    # GIVEN the demo office, and a program adding people in a loop
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    # WHEN it is killed (SIGKILL, as a power cut) at 20 random moments, the file reopened after each
    result = _kill_rounds(db_path, 20, seed=20261207)
    # THEN the file always opens, stays sound, and holds every operation that was acknowledged
    assert result["acknowledged"] >= 20  # one per round at least: each writer is killed after its first
    assert (result["refused"], result["corrupt"], result["lost"], result["chain_broken"]) == (0, 0, 0, 0)


@pytest.mark.slow
def test_two_hundred_kills_lose_nothing(demo_template, tmp_path):
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    result = _kill_rounds(db_path, 200, seed=7)
    print(f"200 kills: {result}")  # the figures for the note (pytest -s)
    assert (result["refused"], result["corrupt"], result["lost"], result["chain_broken"]) == (0, 0, 0, 0)


def _leave_hot_journal(db_path: Path) -> None:
    """A child spills an unfinished write into the file and is killed: the journal is left hot."""
    script = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = DELETE'); c.execute('PRAGMA cache_size = 5')\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE person SET name = name || ' (rusak)', position = hex(randomblob(3000))\")\n"
        "c.execute('UPDATE audit_entry SET new = hex(randomblob(500))')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=False)
    assert journal_path(db_path).stat().st_size > 0


def test_a_write_cut_off_by_a_crash_is_rolled_back_on_open(demo_template, tmp_path):
    # GIVEN a file whose last write was cut off, with part of it already in the file (a hot journal beside it)
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    before = person_names(db_path)
    _leave_hot_journal(db_path)
    # WHEN 'sakip check' looks at it
    code = cli.main(["check", "--db", str(db_path)])
    # THEN it is healthy after the rollback, says so, and holds the data as before the cut-off write
    assert code == 0
    assert person_names(db_path) == before
    assert not journal_path(db_path).exists()


def test_the_program_opens_a_file_left_by_a_power_cut(demo_template, tmp_path, capsys):
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    before = person_names(db_path)
    _leave_hot_journal(db_path)
    db = Database.open(db_path)
    try:
        assert {p.name for p in list_people(db)} == before
    finally:
        db.close()


def test_check_says_an_interrupted_write_was_rolled_back(demo_template, tmp_path, capsys):
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    _leave_hot_journal(db_path)
    assert cli.main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "penulisan yang terputus" in out and "dibatalkan" in out and "baik" in out


@pytest.mark.parametrize("table", ["realisation", "audit_entry", "account"])
def test_a_damaged_file_is_noticed_and_takes_no_more_writes(demo_template, tmp_path, table):
    # GIVEN the demo office with one damaged page
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    corrupt_table(db_path, table)
    # WHEN the program opens it and runs its check (in the background, in the program)
    db = Database.open(db_path)
    try:
        problems = db.check_health()
        # THEN the damage is found, every write is refused with a message leading to a restore
        assert problems
        with pytest.raises(DatabaseDamaged) as refused:
            add_person(db, actor_for(db, "kasubag_renkeu", DAY) if table != "account" else _system(), _person("X"))
        assert "rusak" in refused.value.message and "Pulihkan dari cadangan" in refused.value.message
    finally:
        db.close()


def _system():
    from sakip_desktop.ops.base import SYSTEM

    return SYSTEM


def _person(name: str) -> PersonInput:
    return PersonInput(name=name, employment=Employment.NON_ASN, active_from=dt.date(2025, 1, 1))


def test_damage_met_while_logging_in_is_the_office_s_message_not_a_crash(demo_template, tmp_path):
    # GIVEN the accounts' page is damaged (before any background check ran)
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    corrupt_table(db_path, "account")
    db = Database.open(db_path)
    try:
        # WHEN someone logs in
        with pytest.raises(DatabaseDamaged) as failed:
            login(db, "camat", "camat123")
        # THEN the message says the file is damaged, and from then on nothing is written
        assert "rusak" in failed.value.message
        assert db.damage
    finally:
        db.close()


def test_a_full_disk_gives_a_clear_message_and_keeps_the_data(demo_template, tmp_path):
    # GIVEN the office database on a small disk that is then filled up
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, "3m"):
        pytest.skip("a small tmpfs needs root and mount")
    try:
        db_path = disk / "kantor.db"
        backup_file(demo_template, db_path)
        filler = disk / "pengisi.bin"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass
        before = person_names(db_path)
        db = Database.open(db_path)
        try:
            admin = actor_for(db, "kasubag_renkeu", DAY)
            # WHEN people keep adding records until the disk has no room
            with pytest.raises(StorageFull) as full:
                for n in range(2000):
                    add_person(db, admin, _person(f"Penuh {n} " + "x" * 150))
            # THEN the message says the disk is full in Indonesian, and the data already there is whole
            assert "penuh" in full.value.message and "tetap utuh" in full.value.message
            assert {p.name for p in list_people(db)} >= before  # reading still works
        finally:
            db.close()
        assert check_file(db_path, SCHEMA_VERSION).ok
        # AND once room is made, writing works again
        filler.unlink()
        db = Database.open(db_path)
        try:
            add_person(db, actor_for(db, "kasubag_renkeu", DAY), _person("Setelah disk dikosongkan"))
        finally:
            db.close()
    finally:
        unmount(disk)


def _read_only_copy(demo_template: Path, tmp_path: Path) -> tuple[Path, object]:
    """The demo office in a folder that cannot be written (a read-only mount as root, else chmod)."""
    folder = tmp_path / "ro"
    if os.geteuid() == 0:
        if not mount_tmpfs(folder, "4m"):
            pytest.skip("a read-only mount needs root and mount")
        backup_file(demo_template, folder / "kantor.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        return folder / "kantor.db", lambda: unmount(folder)
    folder.mkdir()
    backup_file(demo_template, folder / "kantor.db")
    (folder / "kantor.db").chmod(0o444)
    folder.chmod(0o555)
    return folder / "kantor.db", lambda: folder.chmod(0o755)


def test_a_read_only_file_opens_for_reading_and_login_but_refuses_changes(demo_template, tmp_path):
    db_path, cleanup = _read_only_copy(demo_template, tmp_path)
    try:
        # WHEN the program opens a database it cannot write
        db = Database.open(db_path)
        try:
            # THEN people can log in and read
            assert db.read_only
            actor = login(db, "kasubag_renkeu", "kasubag_renkeu123")
            assert len(list_people(db)) == 15
            # AND a change is refused with a clear Indonesian message, nothing else breaks
            with pytest.raises(DatabaseReadOnly) as refused:
                add_person(db, actor, _person("Tidak tersimpan"))
            assert "hanya dapat dibaca" in refused.value.message
            # AND documents still print (not entered in the register, which cannot be written)
            printed = catalog.generate(db, actor, DocRequest(kind="pengukuran", year=2025, quarter=3))
            assert printed.pdf.startswith(b"%PDF") and printed.pages >= 1
        finally:
            db.close()
    finally:
        cleanup()


def test_damage_in_the_schema_pages_is_the_office_s_message_from_every_road(demo_template, tmp_path):
    # GIVEN two pages overwritten with noise, as a failing disk does (the damage a new user tried)
    db_path = tmp_path / "kantor.db"
    backup_file(demo_template, db_path)
    with open(db_path, "r+b") as fh:
        fh.seek(20 * 4096)
        fh.write(os.urandom(2 * 4096))
    # WHEN the program opens it and reads, logs in, writes and checks
    from sakip_desktop.errors import DatabaseError
    from sakip_desktop.ops.org.office import get_profile

    outcomes = []
    try:
        db = Database.open(db_path)
    except DatabaseError as exc:
        outcomes.append(exc)
    else:
        try:
            for action in (
                lambda: get_profile(db),
                lambda: login(db, "camat", "camat123"),
                lambda: add_person(db, _system(), _person("X")),
                db.check_health,
            ):
                try:
                    action()
                except DatabaseError as exc:
                    outcomes.append(exc)
        finally:
            db.close()
    # THEN every failure is a DatabaseError in Indonesian, without SQLite's English words
    assert outcomes
    for exc in outcomes:
        assert "malformed" not in exc.message and "database disk image" not in exc.message
