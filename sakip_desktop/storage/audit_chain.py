"""The audit trail as a hash chain: an entry changed, removed or slipped in behind the program's back shows.

Each `audit_entry` row carries `prev_hash`, the chain hash of the entry written before it, and `chain_hash` =
SHA-256 over `prev_hash`, a newline and the entry's canonical content: the JSON array of its id, time, account,
actor name, operation, record kind, record id, old and new values and record seal (`CONTENT_COLUMNS`), exactly
as SQLite stores them. Hashing the stored values (not the Python objects that were written) lets the program,
`sakip check` and a plain sqlite3 reader compute the same digest.

The program also remembers where the chain ends, in the `meta` row `audit_chain_head` ("<id> <chain hash>"),
written in the same transaction as the entries. A new entry chains onto that head, not onto whatever row is
last, so removing the newest entries stays visible after the next write (SQLite would give the next entry the
removed one's id).

Everything here is plain sqlite3, so the start-up check runs without the mapped classes. The chain is written
inside the writing transaction after its rows were inserted: SQLite then holds the write lock, so no other
writer can put an entry between the head read here and the commit.

What the chain cannot do: whoever has the file and this description can rewrite the whole chain and the head.
It makes a quiet edit with a database tool visible; it is not a signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sakip_desktop.storage.plain import Plain

GENESIS = "0" * 64  # the "previous hash" of the first entry
HEAD_KEY = "audit_chain_head"
CONTENT_COLUMNS = (
    "id", "at", "account_id", "actor_name", "operation", "entity", "entity_id", "old", "new", "record_hash",
)  # fmt: skip
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a DateTime in SQLite
SYSTEM_NAME = "Sistem SAKIP Desktop"  # the program itself as the actor (ops.base.SYSTEM)
UPGRADE_SEAL_OPERATION = "Segel awal data yang disahkan"  # the seals written by the upgrade to schema 7
# A sealed record found changed behind the program's back when the program changed it again (ops/audit_seal.py).
FINDING_OPERATION = "Temuan: diubah di luar program"
_SELECT = f"SELECT {', '.join(CONTENT_COLUMNS)}, prev_hash, chain_hash FROM audit_entry"


# One encoder for every entry: `json.dumps` with options builds a new one per call, a third of a long check.
# A value the program never writes (a blob put in by a database tool) is hashed by its repr: a mismatch, not a crash.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=repr)


def canonical(values: Sequence[Any]) -> bytes:
    """The entry's content (values of `CONTENT_COLUMNS`, in that order) as the bytes that are hashed: a compact
    JSON array, UTF-8, non-ASCII letters as they are."""
    return _ENCODER.encode(list(values)).encode("utf-8")


def entry_hash(prev_hash: str, values: Sequence[Any]) -> str:
    """The chain hash of an entry with `values` (see `canonical`) written after the entry whose hash is `prev_hash`."""
    return hashlib.sha256(str(prev_hash).encode("utf-8") + b"\n" + canonical(values)).hexdigest()


def read_head(conn: Plain) -> tuple[int, str] | None:
    """(id, chain hash) of the newest entry the program wrote, or None when it has written none (or it is gone)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if row is None:
        return None
    entry_id, _, digest = str(row[0]).partition(" ")
    return (int(entry_id), digest) if entry_id.isdigit() and digest else None


def _write_head(conn: Plain, entry_id: int, digest: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (HEAD_KEY, f"{entry_id} {digest}"),
    )


def chain_from(conn: Plain, first_id: int) -> tuple[int, str] | None:
    """Chain every entry from `first_id` on (the ones the open transaction wrote) and move the head to the last.

    Call inside the writing transaction, after the entries were inserted. Returns the new head.
    """
    head = read_head(conn)
    if head is not None:
        prev = head[1]
    else:  # the first entries of a file, or entries written before the chain existed (upgrade)
        row = conn.execute(
            "SELECT chain_hash FROM audit_entry WHERE id < ? ORDER BY id DESC LIMIT 1", (first_id,)
        ).fetchone()
        prev = GENESIS if row is None else (row[0] or "")
    rows = conn.execute(
        f"SELECT {', '.join(CONTENT_COLUMNS)} FROM audit_entry WHERE id >= ? ORDER BY id", (first_id,)
    ).fetchall()
    for values in rows:
        digest = entry_hash(prev, values)
        conn.execute("UPDATE audit_entry SET prev_hash = ?, chain_hash = ? WHERE id = ?", (prev, digest, values[0]))
        prev = digest
    if not rows:
        return head
    _write_head(conn, rows[-1][0], prev)
    return rows[-1][0], prev


def utc_text(now: dt.datetime | None = None) -> str:
    """A UTC time as SQLAlchemy stores it (for entries written in plain SQL, e.g. by a migration)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return now.strftime(SQLITE_DATETIME)


def seal_existing(conn: Plain) -> None:
    """The Python part of schema step 7: chain the entries written before the chain existed and seal the records
    already approved or signed, so an upgraded office is protected from its first start.

    Done in the upgrade (not at first open): the step runs once, in the upgrade's own transaction, after the
    copy made before upgrading, so a file at schema 7 is never without its chain; an unchained entry in such a
    file was always written behind the program's back. Sealing at a later open would seal whatever had been
    changed in between.
    """
    from sakip_desktop.storage.record_seals import all_sealed_keys, seals_due

    now = utc_text()
    for entity, entity_id, digest in seals_due(conn, all_sealed_keys(conn)):
        conn.execute(
            "INSERT INTO audit_entry (at, account_id, actor_name, operation, entity, entity_id, old, new, record_hash)"
            " VALUES (?, NULL, ?, ?, ?, ?, NULL, NULL, ?)",
            (now, SYSTEM_NAME, UPGRADE_SEAL_OPERATION, entity, entity_id, digest),
        )
    first = conn.execute("SELECT min(id) FROM audit_entry").fetchone()[0]
    if first is not None:
        chain_from(conn, first)


# --- checking ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """One place where the chain does not hold.

    `kind`: "changed" (the entry's content does not match its hash), "unsealed" (an entry without a hash),
    "missing" (ids `first_missing`..`entry_id - 1` are gone), "unlinked" (the entry does not follow the one
    before it), "tail_missing" (entries after `entry_id` up to `head_id` are gone), "appended" (entries from
    `entry_id` on were added after the program's last), "no_head" (the head was removed).
    """

    kind: str
    entry_id: int  # the entry the break is seen at (for "tail_missing": the last entry still there, 0 if none)
    prev_id: int | None = None  # the entry before it, when there is one
    first_missing: int | None = None
    head_id: int | None = None


@dataclass(frozen=True)
class ChainWalk:
    """What walking the chain found: how many entries, and the breaks in the order of the chain."""

    entries: int
    breaks: tuple[ChainBreak, ...]


class ChainWalker:
    """Walks the entries in id order, checking each one's own hash and its link to the one before, then the head.

    Fed in pieces (`feed`) so that a long trail can be read in several short read transactions: entries are only
    ever appended, and the last piece is read in the same transaction as the head (`finish`). Stops collecting
    after `limit` breaks (the first one is what the office needs to see).
    """

    def __init__(self, limit: int = 50) -> None:
        self.limit = limit
        self.breaks: list[ChainBreak] = []
        self.count = 0
        self.last_id = 0  # the last entry fed (0: none yet)
        self._prev_id: int | None = None
        self._expected = GENESIS

    @property
    def full(self) -> bool:
        """True once `limit` breaks were found: reading further changes nothing the office is told."""
        return len(self.breaks) >= self.limit

    def feed(self, rows: Sequence[Sequence[Any]]) -> None:
        """Check the next entries (rows of `CONTENT_COLUMNS` + prev_hash + chain_hash, in id order)."""
        for row in rows:
            values, prev_hash, digest = row[:-2], row[-2], row[-1]
            entry_id, prev_id = values[0], self._prev_id
            self.count += 1
            if digest is None:
                self.breaks.append(ChainBreak("unsealed", entry_id, prev_id))
            elif prev_hash is None or entry_hash(prev_hash, values) != digest:
                self.breaks.append(ChainBreak("changed", entry_id, prev_id))
            elif prev_hash != self._expected:
                if entry_id > (prev_id or 0) + 1:
                    self.breaks.append(ChainBreak("missing", entry_id, prev_id, first_missing=(prev_id or 0) + 1))
                else:
                    self.breaks.append(ChainBreak("unlinked", entry_id, prev_id))
            self._expected = digest or ""
            self._prev_id = self.last_id = entry_id

    def finish(self, conn: Plain) -> ChainWalk:
        """Compare the end of the chain with the head (in the transaction that read the last entries)."""
        if self.full:
            count = conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
            return ChainWalk(count, tuple(self.breaks[: self.limit]))
        head, last_id, breaks = read_head(conn), self._prev_id, self.breaks
        if head is None:
            if last_id is not None:
                breaks.append(ChainBreak("no_head", last_id))
        elif last_id is None or head[0] > last_id:
            breaks.append(ChainBreak("tail_missing", last_id or 0, head_id=head[0]))
        elif head[0] < last_id:
            first_after = conn.execute("SELECT min(id) FROM audit_entry WHERE id > ?", (head[0],)).fetchone()[0]
            breaks.append(ChainBreak("appended", first_after, head_id=head[0]))
        elif head[1] != self._expected and not (breaks and breaks[-1].entry_id == last_id):
            breaks.append(ChainBreak("changed", last_id, head_id=head[0]))
        return ChainWalk(self.count, tuple(breaks))


def read_entries(conn: Plain, after: int, limit: int) -> list[tuple]:
    """The next `limit` entries after id `after`, as `ChainWalker.feed` takes them."""
    return conn.execute(f"{_SELECT} WHERE id > ? ORDER BY id LIMIT ?", (after, limit)).fetchall()


def walk_chain(conn: Plain, *, limit: int = 50) -> ChainWalk:
    """Walk the whole chain on one connection (one read transaction: one snapshot of the file)."""
    walker = ChainWalker(limit)
    cursor = conn.execute(f"{_SELECT} ORDER BY id")
    while not walker.full and (rows := cursor.fetchmany(2000)):
        walker.feed(rows)
    return walker.finish(conn)
