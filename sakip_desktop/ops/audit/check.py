"""Checking the audit trail: is the chain whole, and does every sealed record still match its last seal?

One check, three callers: `sakip check`, the program in the background after start (`check_audit_trail`), and
Pengaturan › Riwayat perubahan. The answer names the first broken entry the way the office reads it: its number,
local date and time, who and which operation. Plain SQL, no mapped classes: `sakip check` and the export read in
one transaction (one snapshot of the file), the background check in short ones so that writers never wait long.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.domain.formats import long_date
from sakip_desktop.ops.audit.trail import AuditFilter, AuditListing, find_in, utc_offset
from sakip_desktop.storage import audit_chain, record_seals
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from sakip_desktop.storage.plain import Plain


@dataclass(frozen=True)
class AuditCheck:
    """The verdict on one file's audit trail.

    `chain_problems`: Indonesian sentences, the first break of the chain first; `record_problems`: sealed records
    changed without an entry. `first_entry` is the number of the entry the chain first breaks at (None when it is
    whole). `available` is False for a file older than the chain (schema < 7), which has nothing to check yet.
    """

    entries: int
    chain_problems: tuple[str, ...] = ()
    record_problems: tuple[str, ...] = ()
    first_entry: int | None = None
    available: bool = True
    # Sealed records the program found changed behind its back when it changed them again: they match their new
    # seal, so the chain is whole, but the office should know (each names the entry that recorded the finding).
    findings: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem, the chain's first."""
        return self.chain_problems + self.record_problems

    @property
    def ok(self) -> bool:
        """True when the chain is whole and no sealed record was changed behind the program's back."""
        return not self.problems

    @property
    def status(self) -> str:
        """One line for the screen and the command line: whole, or the first problem."""
        if not self.available:
            return "Rantai riwayat belum ada: berkas dari versi lama, dirantai saat ditingkatkan."
        more = f" (dan {len(self.problems) - 1} masalah lain)" if len(self.problems) > 1 else ""
        if self.chain_problems:
            return f"Rantai riwayat rusak: {self.chain_problems[0]}{more}"
        if self.record_problems:
            return f"Rantai riwayat utuh ({self.entries} entri), tetapi: {self.record_problems[0]}{more}"
        if self.findings:
            return (
                f"Rantai riwayat utuh ({self.entries} entri). Tercatat {len(self.findings)} temuan data yang pernah "
                'diubah di luar program (kegiatan "Temuan" di daftar).'
            )
        return f"Rantai riwayat utuh ({self.entries} entri)."


class _Names:
    """Entries and records as the office reads them, looked up as needed."""

    def __init__(self, conn: Plain) -> None:
        self.conn = conn
        self.offset = utc_offset(conn)

    def entry(self, entry_id: int | None) -> str:
        if entry_id is None:
            return "entri yang tidak ada lagi"
        row = self.conn.execute(
            "SELECT at, actor_name, operation FROM audit_entry WHERE id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            return f"entri nomor {entry_id}"
        at, who, operation = row
        return f'entri nomor {entry_id} ({self.when(at)}; {who}; "{operation}")'

    def when(self, stored: object) -> str:
        try:
            moment = dt.datetime.fromisoformat(str(stored)) + dt.timedelta(hours=self.offset)
        except ValueError:
            return str(stored)
        return f"{long_date(moment.date())} {moment:%H.%M}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _chain_problem(names: _Names, b: audit_chain.ChainBreak) -> str:
    entry = names.entry(b.entry_id)
    if b.kind == "unsealed":
        return f"{_cap(entry)} tidak bersegel: ditambahkan di luar program."
    if b.kind == "changed":
        return f"{_cap(entry)} diubah di luar program: isinya tidak cocok lagi dengan segelnya."
    if b.kind == "missing":
        first, last = b.first_missing, b.entry_id - 1
        gone = f"Entri nomor {first}" if first == last else f"Entri nomor {first} sampai {last}"
        return f"{gone} hilang (dihapus di luar program); rantai berlanjut di {entry}."
    if b.kind == "unlinked":
        before = f"nomor {b.prev_id}" if b.prev_id is not None else "sebelumnya"
        return (
            f"Rantai putus sebelum {entry}: entri {before} diubah, atau entri dihapus atau disisipkan di luar program."
        )
    if b.kind == "tail_missing":
        first = b.entry_id + 1
        gone = f"Entri terakhir nomor {first}" if first == b.head_id else f"Entri nomor {first} sampai {b.head_id}"
        return f"{gone} hilang (dihapus di luar program)."
    if b.kind == "appended":
        return f"{_cap(entry)} dan sesudahnya ditambahkan di luar program (sesudah entri terakhir program)."
    return "Penanda ujung rantai riwayat hilang (dihapus di luar program)."


def _record_problem(names: _Names, b: record_seals.RecordBreak) -> str:
    what = _cap(record_seals.describe(names.conn, b.entity, b.record_id))
    last = f" (segel terakhir pada {names.entry(b.entry_id)})" if b.entry_id is not None else ""
    if b.kind == "changed":
        return f"{what} diubah di luar program tanpa catatan riwayat{last}."
    if b.kind == "removed":
        return f"{what} dihapus atau dibuka di luar program tanpa catatan riwayat{last}."
    return f"{what} disahkan atau ditambahkan di luar program tanpa catatan riwayat{last}."


def _has_chain(conn: Plain) -> bool:
    return "chain_hash" in {row[1] for row in conn.execute("PRAGMA table_info(audit_entry)")}


def _older_file(conn: Plain) -> AuditCheck:
    count = conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    return AuditCheck(count, available=False)


def _verdict(conn: Plain, walk: audit_chain.ChainWalk) -> AuditCheck:
    names = _Names(conn)
    chain = tuple(_chain_problem(names, b) for b in walk.breaks)
    first = next((b.head_id if b.kind == "tail_missing" else b.entry_id for b in walk.breaks), None)
    records = tuple(_record_problem(names, b) for b in record_seals.check_records(conn))
    findings = tuple(
        f"{_cap(record_seals.describe(conn, entity, record_id))} pernah diubah di luar program; tercatat pada "
        f"{names.entry(entry_id)}."
        for entry_id, entity, record_id in conn.execute(
            "SELECT id, entity, entity_id FROM audit_entry WHERE operation = ? ORDER BY id",
            (audit_chain.FINDING_OPERATION,),
        ).fetchall()
    )
    return AuditCheck(walk.entries, chain, records, first, findings=findings)


def check_connection(conn: Plain) -> AuditCheck:
    """The check on an open connection, inside one read transaction (so the chain and the records agree)."""
    if not _has_chain(conn):
        return _older_file(conn)
    return _verdict(conn, audit_chain.walk_chain(conn))


CHUNK = 5000  # entries read per read transaction in the background check


def check_audit_trail(db: Database) -> AuditCheck:
    """Check the open database's audit trail: the function the program runs in a background thread after start.

    Safe from any thread (it reads through its own connection there) and never blocks the office for long: the
    entries are read `CHUNK` at a time, each in a short read transaction (a writer waits for a reader to finish),
    and the last entries, the head and the sealed records in one transaction. About 2 seconds per 100,000 entries.
    """
    walker = audit_chain.ChainWalker()
    while True:
        with db.plain_reading() as conn:
            if walker.count == 0 and not _has_chain(conn):
                return _older_file(conn)
            rows = audit_chain.read_entries(conn, walker.last_id, CHUNK)
            walker.feed(rows)
            if len(rows) < CHUNK or walker.full:
                return _verdict(conn, walker.finish(conn))


@dataclass(frozen=True)
class AuditExport:
    """What the exported audit workbook shows (`exchange/audit.py`), read in one snapshot of the file."""

    listing: AuditListing  # every entry the filter lets through, newest first
    verdict: AuditCheck  # whether the chain was whole when exported
    office_name: str | None
    utc_offset_hours: int


def audit_export(db: Database, where: AuditFilter) -> AuditExport:
    """Every entry `where` lets through with the verdict on the chain, the office's name and its clock."""
    with db.plain_reading() as conn:
        office = conn.execute("SELECT name FROM office ORDER BY id LIMIT 1").fetchone()
        listing = find_in(conn, where, None)
        return AuditExport(listing, check_connection(conn), office[0] if office else None, utc_offset(conn))


def check_audit_file(path: Path | str) -> AuditCheck:
    """Check the audit trail of a database file, read-only (`sakip check`)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")
        try:
            return check_connection(conn)
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
