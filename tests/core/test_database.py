"""The database file: schema versions, upgrades with a backup, refusal of foreign or newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from sakip_desktop.errors import DatabaseError, DatabaseTooNew
from sakip_desktop.storage import migrations
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations import SCHEMA_VERSION, Step
from sakip_desktop.storage.models import Base, Person
from sakip_desktop.storage.sqlitefile import APPLICATION_ID, backup_file, check_file, read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def schema_of(path: Path) -> dict[str, list[tuple]]:
    """Tables with their columns (name, type, notnull, pk) and foreign keys, as SQLite sees them."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = {}
        for table in tables:
            cols = [(r[1], r[2], r[3], r[5]) for r in conn.execute(f"PRAGMA table_info('{table}')")]
            fks = [(r[2], r[3], r[4], r[6]) for r in conn.execute(f"PRAGMA foreign_key_list('{table}')")]
            out[table] = sorted(cols) + sorted(fks)
        return out
    finally:
        conn.close()


def test_a_new_file_gets_the_newest_schema_which_matches_the_models(tmp_path):
    # GIVEN a database created by the migration steps, and one created straight from the models
    db = Database.open(tmp_path / "baru.db", create=True)
    db.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    Base.metadata.create_all(engine)
    engine.dispose()
    # THEN they have the same tables, columns and foreign keys
    assert schema_of(tmp_path / "baru.db") == schema_of(tmp_path / "models.db")
    header = read_header(tmp_path / "baru.db")
    assert header.user_version == SCHEMA_VERSION and header.application_id == APPLICATION_ID


@pytest.mark.sqlite_only(reason="SQLite's pragmas")
def test_connections_use_rollback_journal_full_sync_and_foreign_keys(empty_db):
    with empty_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_first_schema_fixture_opens_and_keeps_its_data(tmp_path):
    # GIVEN a copy of a database written by schema version 1
    copy = tmp_path / "lama.db"
    backup_file(FIXTURES / "schema_v1.db", copy)
    # WHEN the current program opens it
    db = Database.open(copy)
    try:
        with db.reading() as s:
            people = s.scalar(select(func.count()).select_from(Person))
    finally:
        db.close()
    # THEN every person is still there and the file is at the newest version and sound
    assert people == 15
    result = check_file(copy, SCHEMA_VERSION)
    assert result.ok and result.schema_version == SCHEMA_VERSION


def test_the_schema_3_fixture_upgrades_keeping_realisasi_and_sop_history(tmp_path):
    # GIVEN a copy of the demo office written by schema version 3
    copy = tmp_path / "v3.db"
    backup_file(FIXTURES / "schema_v3.db", copy)
    before = _counts(copy, ["person", "realisation", "realisation_evidence", "sop_run", "sop_step_run", "budget"])
    # WHEN the current program opens it
    db = Database.open(copy)
    db.close()
    # THEN every record is still there, the indicators have no scale yet, and the file is at the newest version
    assert _counts(copy, list(before)) == before and before["realisation"] > 0 and before["sop_run"] > 0
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT count(*) FROM indicator WHERE scale_id IS NOT NULL").fetchone() == (0,)
    finally:
        conn.close()
    result = check_file(copy, SCHEMA_VERSION)
    assert result.ok and result.schema_version == SCHEMA_VERSION


def test_the_schema_6_fixture_upgrades_keeping_every_record(tmp_path):
    # GIVEN a copy of the demo office written by schema version 6 (the last release before the data-safety work)
    copy = tmp_path / "v6.db"
    backup_file(FIXTURES / "schema_v6.db", copy)
    tables = ["person", "account", "realisation", "sop_run", "audit_entry", "performance_agreement"]
    tables.append("evaluation_meeting")
    before = _counts(copy, tables)
    # WHEN the current program opens it
    db = Database.open(copy)
    db.close()
    # THEN every record is still there and the file is at the newest version and sound
    after = _counts(copy, tables)
    # (the upgrade adds one audit entry sealing each approved or signed record: tests/core/test_audit_chain.py)
    seals = _counts(copy, ["audit_entry WHERE operation = 'Segel awal data yang disahkan'"]).popitem()[1]
    after["audit_entry"] -= seals
    assert after == before and before["realisation"] > 0 and before["audit_entry"] > 0
    result = check_file(copy, SCHEMA_VERSION)
    assert result.ok and result.schema_version == SCHEMA_VERSION


def _counts(path, tables: list[str]) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def _extra_step(version: int, sql: str) -> Step:
    return Step(version=version, name=f"{version:04d}_test", apply=lambda conn: conn.execute(sql))


def test_an_upgrade_backs_up_first_and_keeps_the_data(demo_template, tmp_path):
    # GIVEN a version-1 office database and a program that knows one more step
    path = tmp_path / "kantor.db"
    backup_file(demo_template, path)
    steps = [*migrations.STEPS, _extra_step(SCHEMA_VERSION + 1, "ALTER TABLE person ADD COLUMN phone TEXT")]
    backups: list[Path] = []
    # WHEN it upgrades
    before = migrations.upgrade(path, steps=steps, on_backup=backups.append)
    # THEN a backup of the old version was written with SQLite's backup API, and the data is kept
    assert before == SCHEMA_VERSION
    assert len(backups) == 1 and backups[0].exists()
    assert read_header(backups[0]).user_version == SCHEMA_VERSION
    assert read_header(path).user_version == SCHEMA_VERSION + 1
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 15
    assert "phone" in [r[1] for r in conn.execute("PRAGMA table_info(person)")]
    conn.close()


def test_a_failing_upgrade_step_changes_nothing(demo_template, tmp_path):
    # GIVEN a version-1 database and a step that fails half-way
    path = tmp_path / "kantor.db"
    backup_file(demo_template, path)

    def half_then_fail(conn):
        conn.execute("ALTER TABLE person ADD COLUMN phone TEXT")
        conn.execute("UPDATE person SET name = 'X'")
        raise RuntimeError("power cut")

    steps = [*migrations.STEPS, Step(SCHEMA_VERSION + 1, "0002_broken", half_then_fail)]
    # WHEN the upgrade runs
    with pytest.raises(RuntimeError):
        migrations.upgrade(path, steps=steps)
    # THEN the file is still a sound version-1 database with its data
    assert read_header(path).user_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert "phone" not in [r[1] for r in conn.execute("PRAGMA table_info(person)")]
    assert conn.execute("SELECT count(*) FROM person WHERE name = 'X'").fetchone()[0] == 0
    conn.close()


def test_a_database_from_a_newer_program_is_refused_and_untouched(demo_template, tmp_path):
    # GIVEN a database whose schema version is newer than this program knows
    path = tmp_path / "baru.db"
    backup_file(demo_template, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    # WHEN the program opens it
    with pytest.raises(DatabaseTooNew, match="versi yang lebih baru") as caught:
        Database.open(path)
    # THEN it says so and has not changed a byte
    assert "Berkas tidak diubah" in caught.value.message
    assert path.read_bytes() == before
    assert not (tmp_path / "cadangan").exists()


def test_files_that_are_not_sakip_databases_are_refused(tmp_path):
    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="bukan basis data SAKIP Desktop"):
        Database.open(other)
    text = tmp_path / "catatan.db"
    text.write_text("ini bukan basis data " * 100, encoding="utf-8")
    with pytest.raises(DatabaseError, match="bukan basis data SAKIP Desktop atau rusak"):
        Database.open(text)


def test_check_reports_broken_references(demo_template, tmp_path):
    # GIVEN a database where a role points at a person that does not exist
    path = tmp_path / "rusak.db"
    backup_file(demo_template, path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO role_assignment (person_id, role, unit_id) VALUES (9999, 'STAF', NULL)")
    conn.commit()
    conn.close()
    # THEN the check names the problem
    result = check_file(path, SCHEMA_VERSION)
    assert not result.ok
    assert any("role_assignment" in p for p in result.problems)
