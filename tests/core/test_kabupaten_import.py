"""Importing kecamatan backups into the kabupaten's PostgreSQL database (issue 17), on a real server."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sakip_desktop.cli import main as sakip
from sakip_desktop.ops.audit.check import check_audit_trail
from sakip_desktop.ops.kabupaten.importing import LOADED, REFUSED, REPLACED, SAME, import_files
from sakip_desktop.storage import consolidate
from sakip_desktop.storage.backup import checksum_path
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from tests._kabupaten_files import backup_of, change_phone, office_file, with_checksum

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def kab_url(pg_server):
    """An empty database on the test server for the kabupaten."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


def _scalar(url: str, sql: str, **params):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def _log(url: str) -> list[dict]:
    engine = consolidate.kabupaten_engine(url)
    try:
        with engine.connect() as conn:
            return consolidate.import_log(conn)
    finally:
        engine.dispose()


def _counts_in_file(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%'")
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def test_two_offices_go_into_their_own_schemas_with_ids_kept_and_the_log_written(demo_template, tmp_path, kab_url):
    # GIVEN two kecamatan made from the demo, with different identities, each sending its verified backup
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    b = office_file(demo_template, tmp_path / "b", name="Sukaraja", region_code="35.07.22")
    files = [backup_of(a, tmp_path / "flash-a"), backup_of(b, tmp_path / "flash-b")]
    # WHEN the kabupaten imports both
    outcomes = import_files(kab_url, files, imported_by="Rina (Bagian Organisasi)")
    # THEN both are loaded, each into its own schema, every row with its id
    assert [o.status for o in outcomes] == [LOADED, LOADED], [o.message for o in outcomes]
    assert "Kecamatan Sukamaju (35.07.21) dimuat" in outcomes[0].message
    for office, schema in ((a, "kec_35_07_21"), (b, "kec_35_07_22")):
        for table, count in _counts_in_file(office).items():
            extra = 1 if table == "meta" else 0  # a server database keeps its schema version there
            assert _scalar(kab_url, f'SELECT count(*) FROM {schema}."{table}"') == count + extra, table
    assert _scalar(kab_url, "SELECT name FROM kec_35_07_22.office") == "Sukaraja"
    # the audit trail's references point at the same records as in the file
    same = _scalar(
        kab_url,
        "SELECT count(*) FROM kec_35_07_21.audit_entry e JOIN kec_35_07_21.realisation r ON r.id = e.entity_id "
        "WHERE e.entity = 'realisation'",
    )
    conn = sqlite3.connect(a)
    in_file = conn.execute(
        "SELECT count(*) FROM audit_entry e JOIN realisation r ON r.id = e.entity_id WHERE e.entity = 'realisation'"
    ).fetchone()[0]
    conn.close()
    assert same == in_file > 0
    # the log says who, which file, its checksum and data date (in the order the loads ended: they run side by side)
    log = sorted(_log(kab_url), key=lambda r: r["region_code"])
    assert [(r["region_code"], r["action"], r["imported_by"]) for r in log] == [
        ("35.07.21", "dimuat", "Rina (Bagian Organisasi)"),
        ("35.07.22", "dimuat", "Rina (Bagian Organisasi)"),
    ]
    assert log[0]["file_name"] == str(files[0].resolve())
    assert log[0]["sha256"] == checksum_path(files[0]).read_text().split()[0]
    assert log[0]["data_date"] is not None and log[0]["schema_version"] == SCHEMA_VERSION
    # AND the sequences are past the copied ids: the office's own program can add a row in that schema
    db = Database.open_url(consolidate.normalized_url(kab_url), schema="kec_35_07_21")
    try:
        from sakip_desktop.storage.models import Unit

        with db.transaction() as s:
            unit = Unit(code="BARU", name="Unit baru", kind="SEKSI")
            s.add(unit)
            s.flush()
            assert unit.id == _counts_in_file(a)["unit"] + 1
        # the audit trail's hash chain and the seals of approved records check out in the kabupaten's copy
        verdict = check_audit_trail(db)
        assert verdict.ok and verdict.entries > 100
    finally:
        db.close()


def test_the_same_file_again_changes_nothing(demo_template, tmp_path, kab_url):
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    backup = backup_of(a, tmp_path / "flash")
    assert import_files(kab_url, [backup])[0].status == LOADED
    loaded_at = _scalar(kab_url, "SELECT loaded_at FROM kabupaten.kecamatan")
    # WHEN the same file is imported again (a copy of it under another name too)
    twin = tmp_path / "salinan.db"
    twin.write_bytes(backup.read_bytes())
    with_checksum(twin)
    again = import_files(kab_url, [backup, twin])
    # THEN nothing happens: no new log entry, the schema is the one loaded before
    assert [o.status for o in again] == [SAME, SAME]
    assert "berkas yang sama sudah dimuat; tidak ada yang berubah" in again[0].message
    assert len(_log(kab_url)) == 1
    assert _scalar(kab_url, "SELECT loaded_at FROM kabupaten.kecamatan") == loaded_at


def test_a_newer_file_of_the_same_office_replaces_its_schema(demo_template, tmp_path, kab_url):
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    first = backup_of(a, tmp_path / "flash1")
    assert import_files(kab_url, [first])[0].status == LOADED
    # GIVEN the office works on (a change today) and sends a newer backup
    change_phone(a, "(0341) 777888")
    newer = backup_of(a, tmp_path / "flash2")
    # WHEN it is imported
    outcome = import_files(kab_url, [newer], imported_by="Rina")[0]
    # THEN the schema holds the newer data, and the log says it replaced the older
    assert outcome.status == REPLACED and "menggantikan data sebelumnya" in outcome.message
    assert _scalar(kab_url, "SELECT phone FROM kec_35_07_21.office") == "(0341) 777888"
    assert [r["action"] for r in _log(kab_url)] == ["diganti", "dimuat"]
    # AND the older file cannot come back over it
    older = import_files(kab_url, [first])[0]
    assert older.status == REFUSED and "datanya lebih lama" in older.message
    assert _scalar(kab_url, "SELECT phone FROM kec_35_07_21.office") == "(0341) 777888"


def test_a_failed_replacement_keeps_the_schema_loaded_before(demo_template, tmp_path, kab_url):
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    assert import_files(kab_url, [backup_of(a, tmp_path / "flash1")])[0].status == LOADED
    # GIVEN a newer file holding a value PostgreSQL refuses (SQLite does not check a text's length)
    change_phone(a, "(0341) 1")
    conn = sqlite3.connect(a)
    conn.execute("UPDATE office SET fax = ?", ("9" * 80,))
    conn.commit()
    conn.close()
    outcome = import_files(kab_url, [backup_of(a, tmp_path / "flash2")])[0]
    # THEN it is refused saying so, and the kabupaten still has the data loaded before, whole
    assert outcome.status == REFUSED and "ditolak server PostgreSQL" in outcome.message
    assert "Data kabupaten tidak diubah." in outcome.message
    assert _scalar(kab_url, "SELECT phone FROM kec_35_07_21.office") == "(0341) 491275"
    assert len(_log(kab_url)) == 1


def test_a_file_of_another_office_under_the_same_kode_wilayah_is_refused(demo_template, tmp_path, kab_url):
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    assert import_files(kab_url, [backup_of(a, tmp_path / "flash-a")])[0].status == LOADED
    # GIVEN another office file (its own UUID) that typed the same kode wilayah
    other = office_file(demo_template, tmp_path / "x", name="Sukamaju", region_code="35.07.21")
    outcome = import_files(kab_url, [backup_of(other, tmp_path / "flash-x")])[0]
    assert outcome.status == REFUSED
    assert "kode wilayah 35.07.21 sudah dipakai Kecamatan Sukamaju dengan identitas berkas lain" in outcome.message
    assert _scalar(kab_url, "SELECT count(*) FROM kabupaten.import_log") == 1


def test_files_without_an_identity_a_checksum_or_intact_bytes_are_refused(demo_template, tmp_path, kab_url):
    # no kode wilayah entered by the office
    bare = office_file(demo_template, tmp_path / "n", name="Tanpa", region_code="")
    refused = import_files(kab_url, [backup_of(bare, tmp_path / "flash-n")])[0]
    assert refused.status == REFUSED and "tidak membawa identitas kantor (kode wilayah)" in refused.message
    # no .sha256 beside it
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    backup = backup_of(a, tmp_path / "flash-a")
    checksum_path(backup).rename(tmp_path / "disimpan.sha256")
    refused = import_files(kab_url, [backup])[0]
    assert refused.status == REFUSED and ".sha256 di sebelahnya" in refused.message
    # changed after the backup: the restore's own check, in its own words
    (tmp_path / "disimpan.sha256").rename(checksum_path(backup))
    data = bytearray(backup.read_bytes())
    data[-100] ^= 0xFF
    backup.write_bytes(bytes(data))
    refused = import_files(kab_url, [backup])[0]
    assert refused.status == REFUSED and "tidak cocok dengan checksum (.sha256)" in refused.message
    assert _log(kab_url) == []
    assert _scalar(kab_url, "SELECT count(*) FROM kabupaten.kecamatan") == 0


def test_an_older_schema_backup_is_upgraded_on_a_copy_and_imported_when_its_kode_wilayah_is_named(tmp_path, kab_url):
    # GIVEN a backup written by the program of schema 8 (before the office identity), with its .sha256
    old = tmp_path / "sakip-lama.db"
    old.write_bytes((FIXTURES / "schema_v8.db").read_bytes())
    with_checksum(old)
    before = old.read_bytes()
    # WHEN imported without naming it, it is refused, saying how to go on
    refused = import_files(kab_url, [old])[0]
    assert refused.status == REFUSED and "dibuat SAKIP Desktop versi lama" in refused.message
    # WHEN the operator names its kode wilayah (the command line's --kode-wilayah)
    outcome = import_files(kab_url, [old], region_codes={old: "35.07.30"})[0]
    # THEN it is upgraded on a copy (the file itself untouched) and loaded at the newest schema
    assert outcome.status == LOADED and "ditingkatkan dari skema 8" in outcome.message
    assert old.read_bytes() == before
    assert _scalar(kab_url, "SELECT region_code FROM kec_35_07_30.office") == "35.07.30"
    assert _scalar(kab_url, "SELECT value FROM kec_35_07_30.meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
    assert _log(kab_url)[0]["schema_version"] == 8
    conn = sqlite3.connect(old)
    realisations = conn.execute("SELECT count(*) FROM realisation").fetchone()[0]
    conn.close()
    assert _scalar(kab_url, "SELECT count(*) FROM kec_35_07_30.realisation") == realisations > 0


def test_the_first_file_with_an_identity_takes_over_from_an_old_one(demo_template, tmp_path, kab_url):
    old = tmp_path / "sakip-lama.db"
    old.write_bytes((FIXTURES / "schema_v8.db").read_bytes())
    with_checksum(old)
    assert import_files(kab_url, [old], region_codes={old: "35.07.19"})[0].status == LOADED
    # GIVEN the kecamatan upgraded its program, entered its kode wilayah and sent a backup
    a = office_file(demo_template, tmp_path / "a", name="Contoh", region_code="35.07.19")
    outcome = import_files(kab_url, [backup_of(a, tmp_path / "flash")])[0]
    assert outcome.status == REPLACED
    uid = _scalar(kab_url, "SELECT uuid FROM kec_35_07_19.office")
    assert uid and _scalar(kab_url, "SELECT office_uuid FROM kabupaten.kecamatan") == uid
    # AND from then on an old file without identity cannot replace it
    again = tmp_path / "lama-lagi.db"
    again.write_bytes((FIXTURES / "schema_v7.db").read_bytes())
    with_checksum(again)
    refused = import_files(kab_url, [again], region_codes={again: "35.07.19"})[0]
    assert refused.status == REFUSED and "berkas tanpa identitas tidak dapat menggantinya" in refused.message


def test_sakip_kabupaten_import_on_the_command_line(demo_template, tmp_path, kab_url, capsys):
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    b = office_file(demo_template, tmp_path / "b", name="Sukaraja", region_code="35.07.21")  # same code, other office
    files = [str(backup_of(a, tmp_path / "fa")), str(backup_of(b, tmp_path / "fb"))]
    url = kab_url.replace("postgresql+psycopg://", "postgresql://")
    assert sakip(["kabupaten", "import", "--url", url, "--oleh", "Rina", *files]) == 1
    out, err = capsys.readouterr()
    assert "Dimuat        : Kecamatan Sukamaju (35.07.21) dimuat" in out
    assert "Ditolak       : Berkas " in err and "identitas berkas lain" in err
    assert "1 dari 2 berkas diterima, 1 ditolak." in out
    assert sakip(["kabupaten", "import", "--url", url, files[0]]) == 0
    assert "Tidak berubah" in capsys.readouterr().out
    # a server that is not there: said in Indonesian, exit 1
    assert sakip(["kabupaten", "import", "--url", "postgresql://postgres@127.0.0.1:1/x", files[0]]) == 1
    assert "tidak dapat dihubungi" in capsys.readouterr().err
    assert _scalar(kab_url, "SELECT count(*) FROM kabupaten.import_log WHERE imported_by = 'Rina'") == 1
    assert _scalar(kab_url, "SELECT count(*) FROM kabupaten.kecamatan") == 1
    assert _scalar(kab_url, "SELECT max(id) FROM kec_35_07_21.person") == _max_person(Path(files[0]))


def _max_person(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT max(id) FROM person").fetchone()[0]
    finally:
        conn.close()


def test_files_load_side_by_side_and_one_offices_files_in_their_order(demo_template, tmp_path, kab_url):
    # GIVEN one run with two files of Sukamaju (the second newer), two other kecamatan, and a copy of Sukamaju's
    # file set up under another kode wilayah (the same UUID)
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    first = backup_of(a, tmp_path / "flash-a1")
    change_phone(a, "(0341) 1")
    newer = backup_of(a, tmp_path / "flash-a2")
    uid = _scalar_in_file(a, "SELECT uuid FROM office")
    copy = office_file(demo_template, tmp_path / "d", name="Tiruan", region_code="35.07.24", uid=uid)
    others = [
        backup_of(office_file(demo_template, tmp_path / n, name=n, region_code=c), tmp_path / f"flash-{n}")
        for n, c in (("Sukaraja", "35.07.22"), ("Sidomulyo", "35.07.23"))
    ]
    told = []
    # WHEN they are imported three at a time
    outcomes = import_files(
        kab_url, [first, others[0], newer, others[1], backup_of(copy, tmp_path / "flash-d")], on_done=told.append
    )
    # THEN each decides as it would one by one, and the outcomes are told in the order of the files
    assert [o.status for o in outcomes] == [LOADED, LOADED, REPLACED, LOADED, REFUSED], [o.message for o in outcomes]
    assert told == outcomes
    assert "sudah dimuat dengan kode wilayah 35.07.21" in outcomes[4].message
    assert _scalar(kab_url, "SELECT phone FROM kec_35_07_21.office") == "(0341) 1"
    assert [(r["region_code"], r["action"]) for r in reversed(_log(kab_url)) if r["region_code"] == "35.07.21"] == [
        ("35.07.21", "dimuat"),
        ("35.07.21", "diganti"),
    ]
    assert _scalar(kab_url, "SELECT count(*) FROM kabupaten.kecamatan") == 3
    assert _scalar(kab_url, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'kec%'") == 3  # none left over


def _scalar_in_file(path: Path, sql: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_schema_names_come_from_the_kode_wilayah():
    assert consolidate.schema_name("35.07.19") == "kec_35_07_19"
    with pytest.raises(ValueError):
        consolidate.schema_name("35.07.19; DROP SCHEMA x")


def _newest_local(path: Path, hours: int) -> str:
    conn = sqlite3.connect(path)
    try:
        newest = conn.execute("SELECT max(at) FROM audit_entry").fetchone()[0]
    finally:
        conn.close()
    return f"{dt.datetime.fromisoformat(newest) + dt.timedelta(hours=hours):%H.%M}"


def test_the_report_tells_the_time_of_the_data_in_the_offices_zone(demo_template, tmp_path, kab_url):
    # GIVEN a kecamatan in WIB (the default) and one whose Profil kantor says WITA
    a = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    b = office_file(demo_template, tmp_path / "b", name="Sukaraja", region_code="35.07.22")
    conn = sqlite3.connect(b)
    conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('utc_offset_hours', '8')")
    conn.commit()
    conn.close()
    files = [backup_of(a, tmp_path / "flash-a"), backup_of(b, tmp_path / "flash-b")]
    # WHEN the kabupaten imports both
    first, second = import_files(kab_url, files, imported_by="Rina (Bagian Organisasi)")
    # THEN each report says the time of its newest data on the office's own clock, with the zone's word
    assert first.message.endswith(f"pukul {_newest_local(a, 7)} WIB."), first.message
    assert second.message.endswith(f"pukul {_newest_local(b, 8)} WITA."), second.message
