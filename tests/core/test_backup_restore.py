"""Backups to a folder (a flash drive) and restores from them, through the core and `sakip backup|restore`."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from _file_safety import corrupt_table, mount_tmpfs, person_names, unmount

from sakip_desktop import cli
from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import StorageFailure, StorageFull
from sakip_desktop.ops.backups import backup_now, backup_reminder, backup_status, known_backups
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.people import PersonInput, add_person
from sakip_desktop.storage.backup import make_backup
from sakip_desktop.storage.backup_copy import BackupCancelled
from sakip_desktop.storage.backup_places import (
    automatic_backup,
    automatic_backups,
    data_backup_folder,
    needs_automatic_backup,
    prune_automatic,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.restore import ConfirmationNeeded, RestoreRefused, inspect_backup, restore_backup
from sakip_desktop.storage.sqlitefile import backup_file, check_file

DAY = dt.date(2025, 8, 13)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _person(name: str) -> PersonInput:
    return PersonInput(name=name, employment=Employment.NON_ASN, active_from=dt.date(2025, 1, 1))


@pytest.fixture
def office(demo_template, tmp_path) -> Path:
    path = tmp_path / "data" / "sakip.db"
    path.parent.mkdir()
    backup_file(demo_template, path)
    return path


def test_sakip_backup_writes_a_verified_named_copy_with_its_checksum(office, tmp_path, capsys):
    # GIVEN the office database and a flash drive folder
    drive = tmp_path / "flashdisk"
    drive.mkdir()
    # WHEN 'sakip backup' runs as the Camat
    secret = tmp_path / "sandi.txt"
    secret.write_text("camat123\n")
    assert (
        cli.main(["backup", "--db", str(office), "--to", str(drive), "--as", "camat", "--password-file", str(secret)])
        == 0
    )
    # THEN it prints the file it wrote, named after the kecamatan and the time, with a sha256sum-style checksum
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == drive and written.name.startswith("sakip-contoh-") and written.suffix == ".db"
    assert (drive / (written.name + ".sha256")).read_text() == f"{_sha(written)}  {written.name}\n"
    assert check_file(written, SCHEMA_VERSION).ok
    assert person_names(written) == person_names(office)
    assert not list(drive.glob("*.sebagian"))
    # AND the office remembers the backup to an outside folder (the reminder is reset)
    db = Database.open(office)
    try:
        status = backup_status(db)
        assert status.last_external_path == str(written) and status.last_target == str(drive)
        assert backup_reminder(db) is None
    finally:
        db.close()


def test_the_reminder_asks_for_a_backup_when_none_is_recent(office):
    db = Database.open(office)
    try:
        text, _ = backup_reminder(db)
        assert "Belum pernah" in text
        later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=9)
        (office.parent.parent / "usb").mkdir()
        backup_now(office, office.parent.parent / "usb", db=db, actor=actor_for(db, "camat", DAY))
        assert backup_reminder(db) is None
        text, days = backup_reminder(db, later)
        assert days == 9 and "9 hari" in text
    finally:
        db.close()


def test_backups_taken_while_someone_writes_are_all_consistent(office, tmp_path):
    # GIVEN someone adding people continuously in another thread
    db = Database.open(office)
    stop = threading.Event()
    admin = actor_for(db, "kasubag_renkeu", DAY)

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            add_person(db, admin, _person(f"Sibuk {n}"))
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        # WHEN ten backups are taken meanwhile
        results = [make_backup(office, tmp_path / "usb", name=f"b{i}.db", create=True) for i in range(10)]
    finally:
        stop.set()
        writer.join()
        db.close()
    # THEN each is a sound database with exactly the rows its snapshot counted
    for result in results:
        assert check_file(result.path, SCHEMA_VERSION).ok
        conn = sqlite3.connect(result.path)
        try:
            assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == result.rows["person"]
        finally:
            conn.close()


def test_a_drive_without_room_is_refused_before_writing(office, tmp_path):
    drive = tmp_path / "kecil"
    if not mount_tmpfs(drive, "200k"):
        pytest.skip("a small tmpfs needs root and mount")
    try:
        with pytest.raises(StorageFull) as full:
            make_backup(office, drive)
        assert "tidak cukup" in full.value.message
        assert list(drive.iterdir()) == []
    finally:
        unmount(drive)


def test_a_drive_that_fills_up_midway_leaves_nothing_that_looks_like_a_backup(office, tmp_path):
    # GIVEN a drive with room at the start, which something else fills while the copy runs
    drive = tmp_path / "usb"
    if not mount_tmpfs(drive, "2m"):
        pytest.skip("a small tmpfs needs root and mount")
    try:

        def other_writer(done: int, total: int) -> None:
            if done >= total // 2 and not (drive / "lain.bin").exists():
                with open(drive / "lain.bin", "wb", buffering=0) as fh:
                    try:
                        while True:
                            fh.write(b"\0" * 65536)
                    except OSError:
                        pass

        # WHEN the backup runs
        with pytest.raises((StorageFull, StorageFailure)) as failed:
            make_backup(office, drive, progress=other_writer)
        # THEN the message is Indonesian and clear, and no backup-looking file is left
        assert "Cadangan tidak lengkap" in failed.value.message
        assert sorted(p.name for p in drive.iterdir()) == ["lain.bin"]
    finally:
        unmount(drive)


def test_a_drive_pulled_out_midway_gives_a_clear_message_and_no_complete_looking_file(office, tmp_path):
    # GIVEN a flash drive that is unmounted (pulled out) while the copy runs
    drive = tmp_path / "usb"
    if not mount_tmpfs(drive, "8m"):
        pytest.skip("a tmpfs needs root and mount")
    try:

        def pull_out(done: int, total: int) -> None:
            if done >= total // 2:
                subprocess.run(["umount", "-l", str(drive)], check=True)
                raise OSError(5, "Input/output error")  # what the next write to a pulled-out drive returns

        with pytest.raises(StorageFailure) as failed:
            make_backup(office, drive, progress=pull_out)
        assert "flash disk masih terpasang" in failed.value.message
        assert not [p for p in drive.iterdir() if p.suffix == ".db"]
    finally:
        unmount(drive)


def test_a_cancelled_backup_leaves_nothing(office, tmp_path):
    drive = tmp_path / "usb"
    with pytest.raises(BackupCancelled):
        make_backup(office, drive, progress=lambda done, total: False, create=True)
    assert list(drive.iterdir()) == []


def test_automatic_backups_daily_and_on_exit_keep_the_newest_and_one_per_month(office):
    folder = data_backup_folder(office)
    now = dt.datetime(2026, 12, 7, 8, 0)
    # GIVEN no backup yet: one is due, then not again that day
    assert automatic_backup(office, reason="harian", keep=14, now=now) is not None
    assert not needs_automatic_backup(office, reason="harian", now=now + dt.timedelta(hours=3))
    # AND on closing, one is due only when the database changed since
    assert not needs_automatic_backup(office, reason="keluar", now=now)
    db = Database.open(office)
    try:
        add_person(db, actor_for(db, "kasubag_renkeu", DAY), _person("Baru"))
    finally:
        db.close()
    assert needs_automatic_backup(office, reason="keluar", now=now)
    # WHEN 40 days of daily backups are pruned, spread over 14 months
    source = automatic_backups(folder)[0][1]
    for day in range(420, 0, -10):
        when = now - dt.timedelta(days=day)
        copy = folder / f"sakip-contoh-{when:%Y%m%d-%H%M}.db"
        copy.write_bytes(source.read_bytes())
    prune_automatic(folder, keep=14, now=now)
    kept = [when for when, _ in automatic_backups(folder)]
    # THEN the newest 14 are kept, plus the first of each month within the year, and nothing older
    assert len(kept) >= 14
    assert all(now - when <= dt.timedelta(days=366) for when in kept)
    months = {(w.year, w.month) for w in kept}
    assert len(months) >= 12


def _make_backup(office: Path, tmp_path: Path) -> Path:
    return make_backup(office, tmp_path / "usb", create=True).path


def test_restore_brings_back_the_backup_and_keeps_the_replaced_data(office, tmp_path, capsys):
    # GIVEN a backup, after which the office added a person
    backup = _make_backup(office, tmp_path)
    before = person_names(office)
    db = Database.open(office)
    try:
        add_person(db, actor_for(db, "kasubag_renkeu", DAY), _person("Ditambah setelah cadangan"))
    finally:
        db.close()
    # WHEN 'sakip restore --yes' restores the backup
    assert cli.main(["restore", "--db", str(office), "--yes", str(backup)]) == 0
    out = capsys.readouterr().out
    # THEN the data is the backup's, the program opens it, and the replaced data was itself backed up
    assert person_names(office) == before
    assert "Kecamatan Contoh" in out and "Data sebelumnya disimpan di:" in out
    previous = Path(out.split("Data sebelumnya disimpan di:")[1].strip())
    assert "Ditambah setelah cadangan" in person_names(previous)
    assert check_file(office, SCHEMA_VERSION).ok


def test_restore_without_confirmation_changes_nothing(office, tmp_path):
    backup = _make_backup(office, tmp_path)
    before = _sha(office)
    assert cli.main(["restore", "--db", str(office), str(backup)]) == 1  # no terminal to confirm on
    assert _sha(office) == before


def _bad_files(office: Path, tmp_path: Path) -> dict[str, Path]:
    good = _make_backup(office, tmp_path)
    bad = tmp_path / "rusak"
    bad.mkdir()
    files = {}
    files["bukan SQLite"] = bad / "laporan.db"
    files["bukan SQLite"].write_bytes(b"PK\x03\x04 ini sebenarnya berkas xlsx" * 50)
    files["kosong"] = bad / "kosong.db"
    files["kosong"].write_bytes(b"")
    files["terpotong"] = bad / "potong.db"
    files["terpotong"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    damaged = bytearray(good.read_bytes())
    conn = sqlite3.connect(good)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    conn.close()
    damaged[(root - 1) * page + 8 : root * page] = os.urandom(page - 8)
    files["rusak"] = bad / "rusak.db"
    files["rusak"].write_bytes(bytes(damaged))
    other = bad / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE catatan (x)")
    conn.commit()
    conn.close()
    files["program lain"] = other
    newer = bad / "baru.db"
    backup_file(good, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    files["lebih baru"] = newer
    tampered = bad / good.name
    data = bytearray(good.read_bytes())
    data[-10] ^= 0xFF  # one byte in the last page: SQLite may not notice, the checksum does
    tampered.write_bytes(bytes(data))
    (bad / (good.name + ".sha256")).write_text((good.parent / (good.name + ".sha256")).read_text())
    files["checksum"] = tampered
    return files


@pytest.mark.parametrize(
    "kind, words",
    [
        ("bukan SQLite", "bukan berkas SQLite"),
        ("kosong", "kosong"),
        ("terpotong", "terpotong"),
        ("rusak", "integritas"),
        ("program lain", "program lain"),
        ("lebih baru", "lebih baru"),
        ("checksum", "checksum"),
    ],
)
def test_a_bad_backup_is_refused_with_its_reason_and_the_database_is_byte_identical(office, tmp_path, kind, words):
    files = _bad_files(office, tmp_path)
    before = _sha(office)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(files[kind], office)
    assert words in refused.value.message and "tidak diubah" in refused.value.message
    assert _sha(office) == before
    assert cli.main(["restore", "--db", str(office), "--yes", str(files[kind])]) == 1
    assert _sha(office) == before


def test_another_office_s_backup_needs_an_explicit_confirmation(office, tmp_path):
    # GIVEN a backup of another kecamatan
    other = tmp_path / "lain.db"
    backup_file(office, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE office SET name = 'Sukamaju'")
    conn.commit()
    conn.close()
    before = _sha(office)
    # WHEN it is restored without confirming, it is refused naming that office; the database is unchanged
    assert inspect_backup(other, office).other_office
    with pytest.raises(ConfirmationNeeded) as asked:
        restore_backup(other, office)
    assert "Kecamatan Sukamaju" in asked.value.message and _sha(office) == before
    # AND with the confirmation it is restored
    restore_backup(other, office, confirm_other_office=True)
    conn = sqlite3.connect(office)
    assert conn.execute("SELECT name FROM office").fetchone()[0] == "Sukamaju"
    conn.close()


def test_a_backup_of_an_older_schema_is_restored_then_upgraded_after_its_own_backup(office):
    result = restore_backup(FIXTURES / "schema_v6.db", office)
    assert result.preview.needs_upgrade
    copies: list[Path] = []
    Database.open(office, on_backup=copies.append).close()
    assert copies and check_file(office, SCHEMA_VERSION).ok


def test_known_backups_list_office_schema_and_checksum(office, tmp_path):
    drive = tmp_path / "usb"
    good = make_backup(office, drive, create=True).path
    automatic_backup(office, reason="harian", keep=14)
    data = bytearray(good.read_bytes())
    data[-10] ^= 0xFF
    good.write_bytes(bytes(data))
    found = known_backups(office, [drive], verify=True)
    assert {b.path for b in found} >= {good}
    by_path = {b.path: b for b in found}
    assert by_path[good].checksum == "TIDAK COCOK"
    assert all(b.office == "Contoh" and b.schema_version == SCHEMA_VERSION for b in found)
    assert any(b.automatic and b.checksum == "cocok" for b in found)


RESTORER = """
import sys
from pathlib import Path
from sakip_desktop.storage.restore import restore_backup
print("READY", flush=True)
sys.stdin.readline()
restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), confirm_other_office=True)
print("DONE", flush=True)
"""


def test_a_restore_killed_at_any_moment_leaves_the_old_or_the_new_database_whole(office, tmp_path):
    # GIVEN a backup that differs from the current database
    backup = _make_backup(office, tmp_path)
    db = Database.open(office)
    try:
        add_person(db, actor_for(db, "kasubag_renkeu", DAY), _person("Hanya di yang lama"))
    finally:
        db.close()
    old_names, new_names = person_names(office), person_names(backup)
    rng = random.Random(11)
    for _ in range(8):
        # WHEN a restore is killed at a random moment
        child = subprocess.Popen(
            [sys.executable, "-c", RESTORER, str(backup), str(office)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout.readline().strip() == "READY"
        child.stdin.write("go\n")
        child.stdin.flush()
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        # THEN the database opens, is sound, and is wholly the old one or wholly the new one
        Database.open(office).close()
        assert check_file(office, SCHEMA_VERSION).ok
        assert person_names(office) in (old_names, new_names)
        if person_names(office) == new_names:  # put the old one back for the next round
            db = Database.open(office)
            try:
                add_person(db, actor_for(db, "kasubag_renkeu", DAY), _person(f"Lagi {rng.random()}"))
            finally:
                db.close()
            old_names = person_names(office)


def test_the_copy_through_python_gives_the_same_backup_as_the_kernel_copy(office, tmp_path, monkeypatch):
    # (Windows and file systems without sendfile take this road)
    import sakip_desktop.storage.backup_copy as copy_module

    kernel = make_backup(office, tmp_path / "a", create=True)
    monkeypatch.setattr(copy_module, "_KERNEL_COPY", False)
    plain = make_backup(office, tmp_path / "b", create=True)
    assert plain.sha256 == kernel.sha256 == _sha(plain.path)
    assert check_file(plain.path, SCHEMA_VERSION).ok


def test_sqlite_lock_bytes_are_copied_as_zeros(tmp_path, monkeypatch):
    # In a file over 1 GiB, SQLite's lock bytes (never data; unreadable on Windows while locked) become zeros.
    import io

    import sakip_desktop.storage.backup_copy as copy_module

    monkeypatch.setattr(copy_module, "LOCK_BYTES", (3000, 3512))
    data = bytes(range(256)) * 40
    out = b"".join(copy_module._chunks(io.BytesIO(data), len(data)))
    assert len(out) == len(data)
    assert out[:3000] == data[:3000] and out[3000:3512] == bytes(512) and out[3512:] == data[3512:]


def test_a_flash_drive_that_is_not_plugged_in_is_said_and_no_folder_is_made_on_the_pc(office, tmp_path, capsys):
    missing = tmp_path / "media" / "usb"
    assert cli.main(["backup", "--db", str(office), "--to", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "tidak ada" in err and "flash disk sudah terpasang" in err
    assert not missing.exists()


def test_backing_up_a_damaged_database_says_the_database_is_damaged_not_the_drive(office, tmp_path):
    from sakip_desktop.errors import DatabaseDamaged

    corrupt_table(office, "realisation")
    drive = tmp_path / "usb"
    drive.mkdir()
    with pytest.raises(DatabaseDamaged) as refused:
        make_backup(office, drive)
    message = refused.value.message
    assert "rusak" in message and "flash disk atau folder tujuan tidak bermasalah" in message
    assert list(drive.iterdir()) == []
