"""The audit trail cannot be edited quietly: its hash chain and the seals of approved and signed records, checked
by `sakip check`, on real files changed behind the program's back with plain sqlite3."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from sakip_desktop import cli
from sakip_desktop.domain import formats
from sakip_desktop.errors import AccountLocked, AuthenticationFailed
from sakip_desktop.ops.audit.check import check_audit_file, check_audit_trail
from sakip_desktop.ops.audit.trail import AuditFilter, find_audit
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.lkj.drafts import section_defs
from sakip_desktop.ops.lkj.sections import mark_signed, save_section
from sakip_desktop.ops.org.auth import actor_for, login
from sakip_desktop.ops.realisation.entry import revise
from sakip_desktop.ops.sop.library import add_day_off
from sakip_desktop.storage.audit_chain import GENESIS, UPGRADE_SEAL_OPERATION
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file
from tests._lkj_ready import finish_lkj

# The file changed behind the program's back with plain sqlite3 (and read back so): SQLite's own. On a server the
# chain and seals are checked by tests/core/test_engines.py.
pytestmark = pytest.mark.sqlite_only(reason="tampers with the office file through plain sqlite3")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAY = dt.date(2025, 10, 20)  # the new Kasi Trantib in office, the Sekcam not acting as Camat


def tamper(path: Path, *statements: str) -> None:
    """Change the file the way someone with a database tool would: plain sqlite3, no program."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def one(path: Path, sql: str, *params):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def named(path: Path, entry_id: int) -> str:
    """How the check names an entry: number, date and time on the office's clock (WIB), who, operation."""
    at, who, operation = one(path, "SELECT at, actor_name, operation FROM audit_entry WHERE id = ?", entry_id)
    local = dt.datetime.fromisoformat(at) + dt.timedelta(hours=7)
    return f'entri nomor {entry_id} ({formats.long_date(local.date())} {local:%H.%M}; {who}; "{operation}")'


def check_cli(path: Path, capsys) -> tuple[int, str]:
    status = cli.main(["check", "--db", str(path)])
    return status, capsys.readouterr().out


def approved_realisation(path: Path) -> int:
    return one(path, "SELECT min(id) FROM realisation WHERE status = 'APPROVED'")[0]


def test_the_demo_trail_is_whole_and_every_approved_or_final_record_is_sealed(demo_db):
    # GIVEN the demo office as the program wrote it
    entries = one(demo_db.path, "SELECT count(*) FROM audit_entry")[0]
    # WHEN its audit trail is checked
    verdict = check_audit_trail(demo_db)
    # THEN the chain is whole, every entry counted
    assert verdict.ok and verdict.entries == entries
    assert verdict.status == f"Rantai riwayat utuh ({entries} entri)."
    # AND every approved realisasi and every final PK carries a seal in the trail
    unsealed = one(
        demo_db.path,
        "SELECT count(*) FROM realisation r WHERE r.status = 'APPROVED' AND NOT EXISTS (SELECT 1 FROM audit_entry a "
        "WHERE a.entity = 'realisation' AND a.entity_id = r.id AND a.record_hash <> '')",
    )[0]
    sealed_pk = one(
        demo_db.path, "SELECT count(DISTINCT entity_id) FROM audit_entry WHERE entity = 'performance_agreement' "
        "AND record_hash <> ''",
    )[0]  # fmt: skip
    assert unsealed == 0 and sealed_pk == one(demo_db.path, "SELECT count(*) FROM performance_agreement")[0] > 0


def test_a_chain_hash_is_sha256_of_the_previous_and_the_entry_as_stored(demo_db):
    # GIVEN the first two entries as SQLite stores them
    conn = sqlite3.connect(demo_db.path)
    rows = conn.execute(
        "SELECT id, at, account_id, actor_name, operation, entity, entity_id, old, new, record_hash, prev_hash, "
        "chain_hash FROM audit_entry ORDER BY id LIMIT 2"
    ).fetchall()
    conn.close()
    # THEN each hash is SHA-256 of the previous hash, a newline and the JSON array of the content, as documented
    # (an auditor can recompute it with any tool)
    prev = GENESIS
    for *content, prev_hash, chain_hash in rows:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        assert prev_hash == prev
        assert chain_hash == hashlib.sha256(f"{prev}\n{text}".encode()).hexdigest()
        prev = chain_hash


@pytest.mark.parametrize("how", ["changed", "deleted", "inserted"])
def test_sakip_check_names_the_entry_edited_behind_the_programs_back(demo_db, capsys, how):
    # GIVEN the demo office, whose check passes
    path = demo_db.path
    status, out = check_cli(path, capsys)
    assert status == 0 and "Rantai riwayat utuh" in out
    last = one(path, "SELECT max(id) FROM audit_entry")[0]
    target = 300
    # WHEN an entry is changed, deleted or slipped in with plain sqlite3
    if how == "changed":
        tamper(path, f"UPDATE audit_entry SET actor_name = 'Orang Lain' WHERE id = {target}")
        expected = f"E{named(path, target)[1:]} diubah di luar program"
    elif how == "deleted":
        tamper(path, f"DELETE FROM audit_entry WHERE id = {target}")
        expected = (
            f"Entri nomor {target} hilang (dihapus di luar program); rantai berlanjut di {named(path, target + 1)}"
        )
    else:
        tamper(
            path,
            "INSERT INTO audit_entry (at, actor_name, operation, entity, entity_id, old, new) VALUES "
            "('2025-10-01 02:00:00.000000', 'Penyusup', 'Setujui realisasi', 'realisation', 1, NULL, NULL)",
        )
        target = last + 1
        expected = f'Entri nomor {target} (1 Oktober 2025 09.00; Penyusup; "Setujui realisasi") tidak bersegel'
    status, out = check_cli(path, capsys)
    # THEN `sakip check` fails and names the entry: number, date and time, who, operation
    assert status == 1
    assert expected in out, out
    assert check_audit_trail(demo_db).first_entry == (target + 1 if how == "deleted" else target)


def test_odd_values_put_in_by_a_database_tool_are_reported_not_crashed_on(demo_db, capsys):
    # GIVEN an entry given a blob, a number and a non-ASCII hash, and an approved realisasi given a blob value
    tamper(
        demo_db.path,
        "UPDATE audit_entry SET old = x'00ff', new = 5, prev_hash = 'ü' WHERE id = 10",
        f"UPDATE realisation SET value = x'01' WHERE id = {approved_realisation(demo_db.path)}",
    )
    # WHEN the file is checked and the trail listed
    status, out = check_cli(demo_db.path, capsys)
    listing = find_audit(demo_db, AuditFilter(), None)
    # THEN both are reported by name and the viewer still lists every entry
    assert status == 1 and "Entri nomor 10 (" in out and "Realisasi " in out
    assert listing.total == len(listing.rows) and any(v.id == 10 for v in listing.rows)


def test_sakip_check_as_a_command_exits_1_on_a_broken_chain(demo_template, tmp_path):
    # GIVEN a copy of the demo office with the newest entry deleted by a database tool
    path = tmp_path / "kantor.db"
    backup_file(demo_template, path)
    last = one(path, "SELECT max(id) FROM audit_entry")[0]
    tamper(path, f"DELETE FROM audit_entry WHERE id = {last}")
    # WHEN the command runs
    done = subprocess.run(
        [sys.executable, "-m", "sakip_desktop.cli", "check", "--db", str(path)], capture_output=True, text=True
    )
    # THEN it exits 1 and says the last entry is missing
    assert done.returncode == 1
    assert f"Entri terakhir nomor {last} hilang (dihapus di luar program)." in done.stdout


def test_removing_the_newest_entries_stays_visible_after_the_next_write(demo_db):
    # GIVEN the newest entry deleted with plain sqlite3 (SQLite would give its number to the next entry)
    last = one(demo_db.path, "SELECT max(id) FROM audit_entry")[0]
    tamper(demo_db.path, f"DELETE FROM audit_entry WHERE id = {last}")
    # WHEN the program writes again
    add_day_off(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), dt.date(2026, 1, 2), "Cuti bersama")
    # THEN the new entry does not follow the one before it: the gap is still reported
    verdict = check_audit_trail(demo_db)
    assert not verdict.ok and verdict.first_entry == last
    assert verdict.chain_problems[0].startswith(f"Rantai putus sebelum {named(demo_db.path, last)}")


def test_an_approved_realisasi_changed_or_approved_by_plain_sql_is_named(demo_db, capsys):
    # GIVEN an approved realisasi and a submitted one
    approved = approved_realisation(demo_db.path)
    submitted = one(demo_db.path, "SELECT min(id) FROM realisation WHERE status = 'SUBMITTED'")[0]
    code, quarter = one(
        demo_db.path,
        "SELECT i.code, r.quarter FROM realisation r JOIN indicator i ON i.id = r.indicator_id WHERE r.id = ?",
        approved,
    )
    # WHEN its value is changed with plain SQL, and the other one is marked approved the same way
    tamper(
        demo_db.path,
        f"UPDATE realisation SET value = '999' WHERE id = {approved}",
        f"UPDATE realisation SET status = 'APPROVED' WHERE id = {submitted}",
    )
    status, out = check_cli(demo_db.path, capsys)
    # THEN the check fails, naming the realisasi and the entry that sealed it; the chain itself is whole
    roman = ("I", "II", "III", "IV")[quarter - 1]
    assert status == 1
    assert f"Realisasi {code} TW {roman} 2025 diubah di luar program tanpa catatan riwayat (segel terakhir pada " in out
    assert "disahkan atau ditambahkan di luar program tanpa catatan riwayat." in out
    verdict = check_audit_trail(demo_db)
    assert verdict.chain_problems == () and len(verdict.record_problems) == 2
    assert verdict.status.startswith("Rantai riwayat utuh") and "tetapi: Realisasi" in verdict.status


def test_changes_made_by_the_program_keep_the_seals_matching(demo_db):
    # GIVEN an approved realisasi
    approved = approved_realisation(demo_db.path)
    camat = actor_for(demo_db, "camat", DAY)
    # WHEN the Camat revises it, and signs the LKj of 2025 after a section was written
    revise(demo_db, camat, approved, Decimal("12.5"), "Salah ketik pada laporan seksi")
    key = section_defs(lkj_data(demo_db, 2025))[0].key
    save_section(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), 2025, key, "Teks bab yang ditandatangani.")
    finish_lkj(demo_db, 2025)  # issue #12: only a reviewed LKj with final figures may be marked signed
    mark_signed(demo_db, camat, 2025, dt.date(2026, 2, 20))
    # THEN the trail is whole and every sealed record still matches
    assert check_audit_trail(demo_db).ok
    # AND the revision's entry carries the new seal of the realisasi
    operation, seal = one(
        demo_db.path, "SELECT operation, record_hash FROM audit_entry WHERE entity = 'realisation' "
        "AND entity_id = ? AND record_hash IS NOT NULL ORDER BY id DESC", approved,
    )  # fmt: skip
    assert operation == "Revisi realisasi" and len(seal) == 64
    # WHEN the signed text is then changed with plain SQL
    tamper(demo_db.path, f"UPDATE lkj_section SET text = 'Teks lain.' WHERE year = 2025 AND key = '{key}'")
    # THEN the signed LKj is named
    verdict = check_audit_trail(demo_db)
    assert verdict.record_problems[0].startswith("LKj Tahun 2025 yang ditandatangani diubah di luar program")


def test_a_record_changed_behind_the_back_then_through_the_program_leaves_a_finding(demo_db, capsys):
    # GIVEN an approved realisasi changed with plain SQL
    approved = approved_realisation(demo_db.path)
    tamper(demo_db.path, f"UPDATE realisation SET value = '999' WHERE id = {approved}")
    # WHEN the Camat then revises it through the program (its seal is renewed)
    revise(demo_db, actor_for(demo_db, "camat", DAY), approved, Decimal(7), "Perbaikan angka")
    # THEN the record matches its new seal, but a finding entry keeps what happened before, and the check says so
    verdict = check_audit_trail(demo_db)
    assert verdict.ok and len(verdict.findings) == 1
    finding_id, text = one(
        demo_db.path, "SELECT id, new FROM audit_entry WHERE operation = 'Temuan: diubah di luar program'"
    )
    assert "Isi sebelum 'Revisi realisasi' tidak cocok dengan segel entri nomor" in json.loads(text)["temuan"]
    assert f"pernah diubah di luar program; tercatat pada entri nomor {finding_id} (" in verdict.findings[0]
    assert "Tercatat 1 temuan" in verdict.status
    status, out = check_cli(demo_db.path, capsys)
    assert status == 0 and "Catatan       : Realisasi " in out


def test_an_entry_written_outside_write_is_chained_too(demo_db):
    # GIVEN a person who mistypes the password until the account locks (audited by the login itself)
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            login(demo_db, "staf_umum", "salah-salah")
    # THEN the lock-out entry is in the chain
    assert one(demo_db.path, "SELECT count(*) FROM audit_entry WHERE operation = 'Akun terkunci'")[0] == 1
    assert check_audit_trail(demo_db).ok


def test_the_schema_6_fixture_upgraded_is_chained_and_its_approved_records_sealed(tmp_path):
    # GIVEN a copy of the demo office written by schema version 6, before the chain existed
    copy = tmp_path / "v6.db"
    backup_file(FIXTURES / "schema_v6.db", copy)
    before = one(copy, "SELECT count(*) FROM audit_entry")[0]
    assert not check_audit_file(copy).available
    # WHEN the program opens (upgrades) it
    Database.open(copy).close()
    # THEN every old entry is chained, each approved realisasi and final PK sealed once, and the check passes
    verdict = check_audit_file(copy)
    sealed = one(copy, "SELECT count(*) FROM audit_entry WHERE operation = ?", UPGRADE_SEAL_OPERATION)[0]
    protected = one(
        copy,
        "SELECT (SELECT count(*) FROM realisation WHERE status = 'APPROVED') + (SELECT count(*) FROM "
        "performance_agreement WHERE status IN ('FINAL', 'SUPERSEDED')) + (SELECT count(*) FROM document_record)",
    )[0]
    assert verdict.ok and verdict.entries == before + sealed and sealed == protected > 0
    assert one(copy, "SELECT count(*) FROM audit_entry WHERE chain_hash IS NULL")[0] == 0
    # AND a realisasi changed afterwards by plain SQL is caught
    tamper(copy, f"UPDATE realisation SET value = '1' WHERE id = {approved_realisation(copy)}")
    assert "diubah di luar program" in check_audit_file(copy).record_problems[0]


def _writers(db: Database, errors: list[str]) -> list[threading.Thread]:
    admin, camat = actor_for(db, "kasubag_renkeu", DAY), actor_for(db, "camat", DAY)
    realisation = approved_realisation(db.path)

    def days_off() -> None:
        for i in range(50):
            try:
                add_day_off(db, admin, dt.date(2030, 1, 1) + dt.timedelta(days=i), f"Libur uji {i}")
            except Exception as exc:  # collected: the test names what failed
                errors.append(repr(exc))

    def revisions() -> None:
        for i in range(50):
            try:
                revise(db, camat, realisation, Decimal(100 + i), f"Uji {i}")
            except Exception as exc:
                errors.append(repr(exc))

    return [threading.Thread(target=days_off), threading.Thread(target=revisions)]


def test_two_writers_at_once_leave_a_whole_chain(demo_db):
    # GIVEN two threads writing at the same time: 50 days off, and 50 revisions of a sealed realisasi
    before = one(demo_db.path, "SELECT count(*) FROM audit_entry")[0]
    errors: list[str] = []
    threads = _writers(demo_db, errors)
    # WHEN both run to the end
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN nothing failed, every write is in the trail (a revision writes two entries) and the chain is whole
    assert errors == []
    verdict = check_audit_trail(demo_db)
    assert verdict.ok and verdict.entries == before + 50 + 2 * 50


WRITER = """
import datetime as dt, sys, time
from decimal import Decimal
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import revise
from sakip_desktop.ops.sop.library import add_day_off
from sakip_desktop.storage.database import Database
db = Database.open(sys.argv[1])
who, start = sys.argv[2], float(sys.argv[3])
day = dt.date(2025, 10, 20)
actor = actor_for(db, "kasubag_renkeu" if who == "a" else "camat", day)
rid = int(sys.argv[4])
while time.time() < start:
    time.sleep(0.002)
for i in range(50):
    if who == "a":
        add_day_off(db, actor, dt.date(2030, 1, 1) + dt.timedelta(days=i), f"Libur uji {i}")
    else:
        revise(db, actor, rid, Decimal(100 + i), f"Uji {i}")
db.close()
"""


@pytest.mark.slow
def test_two_processes_writing_at_once_leave_a_whole_chain(demo_template, tmp_path):
    # GIVEN a copy of the demo office and two programs that start writing at the same moment
    path = tmp_path / "kantor.db"
    backup_file(demo_template, path)
    before = one(path, "SELECT count(*) FROM audit_entry")[0]
    start = str(dt.datetime.now().timestamp() + 4)
    args = [str(path), "", start, str(approved_realisation(path))]
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, *args[:1], who, *args[2:]], stderr=subprocess.PIPE, text=True)
        for who in ("a", "b")
    ]
    # WHEN both finish
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in procs]
    # THEN both succeeded and the chain is whole, with their entries interleaved as they committed
    assert results == [(0, ""), (0, "")]
    verdict = check_audit_file(path)
    assert verdict.ok and verdict.entries == before + 150
