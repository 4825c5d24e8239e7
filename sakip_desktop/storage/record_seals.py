"""Content seals of the records that must not change once approved or signed.

The rule, for the office's sealed records:

- an approved realisasi (`realisation` with status APPROVED), with its bukti dukung list (name, size, checksum);
- a final or superseded Perjanjian Kinerja (`performance_agreement` FINAL / SUPERSEDED), with its targets and
  budget lines;
- a signed LKj: the year's lock row in `lkj_section` (key `_signed`), sealing every section of that year;
- every printed document in the register (`document_record`), which is never changed.

A record's seal is the SHA-256 of its canonical content (the columns below, as SQLite stores them, in JSON).
Whenever a transaction of the program touches a sealed record, or a record becomes sealed, the seal is kept in
that transaction's audit entry for the record (`audit_entry.record_hash`, covered by the chain); "" when the
record is gone or no longer sealed (a PK draft deleted, an LKj unlocked). The check recomputes every sealed
record and compares it with the seal of the LAST entry that carries one for it: a record changed, removed or
approved by plain SQL does not match, and a sealed record without any seal was approved behind the program's
back.

Plain sqlite3 only. If a later schema changes one of these columns, give the schema-7 upgrade step
(`audit_chain.seal_existing`) its own frozen copy of the old column lists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sakip_desktop.storage.plain import Plain

Key = tuple[str, int]  # (table = audit entity, record id)

_REALISATION = (
    "id", "indicator_id", "year", "quarter", "value", "status", "supporting_factors", "inhibiting_factors",
    "follow_up", "manual_achievement", "manual_justification", "return_reason", "submitted_at", "submitted_by",
    "verified_at", "verified_by", "approved_at", "approved_by",
)  # fmt: skip
_AGREEMENT = (
    "id", "year", "unit_id", "version", "kind", "status", "reason_code", "reason", "document_number",
    "first_party_person_id", "first_party_name", "first_party_title", "first_party_rank", "first_party_nip",
    "second_party_person_id", "second_party_name", "second_party_title", "second_party_rank",
    "second_party_nip", "statement_text", "place", "signed_on", "created_by", "created_at", "finalised_by",
    "finalised_at",
)  # fmt: skip
_DOCUMENT = (
    "id", "kind", "subject_key", "title", "year", "quarter", "version", "data_hash", "file_sha256", "pages",
    "paper", "generated_by", "generated_at",
)  # fmt: skip
LKJ_SIGNED_KEY = "_signed"  # ops.lkj.SIGNED_KEY


def _in(ids: Iterable[int] | None) -> tuple[str, list[int]]:
    if ids is None:
        return "", []
    ids = sorted(set(ids))
    return f" AND id IN ({', '.join('?' * len(ids)) or 'NULL'})", ids


def _children(conn: Plain, sql: str, parent_ids: list[int]) -> dict[int, list[list[Any]]]:
    found: dict[int, list[list[Any]]] = {}
    for start in range(0, len(parent_ids), 500):
        chunk = parent_ids[start : start + 500]
        query = sql.format(ids=", ".join("?" * len(chunk)))
        for parent, *values in conn.execute(query, chunk):
            found.setdefault(parent, []).append(values)
    return found


def _rows(conn: Plain, table: str, columns: tuple[str, ...], where: str, ids) -> dict[int, dict]:
    clause, params = _in(ids)
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where}{clause} ORDER BY id"
    return {row[0]: {"row": dict(zip(columns, row, strict=True))} for row in conn.execute(sql, params)}


def _realisations(conn: Plain, ids: Iterable[int] | None) -> dict[int, dict]:
    found = _rows(conn, "realisation", _REALISATION, "status = 'APPROVED'", ids)
    evidence = _children(
        conn,
        "SELECT realisation_id, id, filename, size, sha256 FROM realisation_evidence "
        "WHERE realisation_id IN ({ids}) ORDER BY id",
        list(found),
    )
    for rid, content in found.items():
        content["evidence"] = evidence.get(rid, [])
    return found


def _agreements(conn: Plain, ids: Iterable[int] | None) -> dict[int, dict]:
    found = _rows(conn, "performance_agreement", _AGREEMENT, "status IN ('FINAL', 'SUPERSEDED')", ids)
    targets = _children(
        conn,
        "SELECT agreement_id, indicator_id, value, value_high, sort_order FROM agreement_target "
        "WHERE agreement_id IN ({ids}) ORDER BY indicator_id",
        list(found),
    )
    budgets = _children(
        conn,
        "SELECT agreement_id, code, name, amount, note, sort_order FROM agreement_budget "
        "WHERE agreement_id IN ({ids}) ORDER BY id",
        list(found),
    )
    for aid, content in found.items():
        content["targets"] = targets.get(aid, [])
        content["budget"] = budgets.get(aid, [])
    return found


def _documents(conn: Plain, ids: Iterable[int] | None) -> dict[int, dict]:
    """Printings in the register; whether one is a DRAF is sealed from schema 17 on, for the printings that say so
    (a printing entered before keeps the seal it got then; the schema-7 step runs before the column exists)."""
    has_draft = any(row[1] == "draft" for row in conn.execute("PRAGMA table_info(document_record)"))
    found = _rows(conn, "document_record", (*_DOCUMENT, "draft") if has_draft else _DOCUMENT, "1 = 1", ids)
    for content in found.values():
        if content["row"].get("draft", 0) is None:
            del content["row"]["draft"]
    return found


def _signed_lkj(conn: Plain, ids: Iterable[int] | None) -> dict[int, dict]:
    clause, params = _in(ids)
    locks = conn.execute(
        f"SELECT id, year FROM lkj_section WHERE key = ?{clause} ORDER BY id", [LKJ_SIGNED_KEY, *params]
    ).fetchall()
    found = {}
    for lock_id, year in locks:
        sections = conn.execute(
            "SELECT id, key, text, updated_by, updated_at FROM lkj_section WHERE year = ? ORDER BY key", (year,)
        ).fetchall()
        found[lock_id] = {"year": year, "sections": [list(s) for s in sections]}
    return found


@dataclass(frozen=True)
class SealedKind:
    """A kind of sealed record: its table, how the office calls it, and how its sealed contents are read."""

    entity: str
    label: str
    contents: Callable[[Plain, Iterable[int] | None], dict[int, dict]]


KINDS: dict[str, SealedKind] = {
    k.entity: k
    for k in (
        SealedKind("realisation", "Realisasi yang disetujui", _realisations),
        SealedKind("performance_agreement", "Perjanjian Kinerja yang ditetapkan", _agreements),
        SealedKind("lkj_section", "LKj yang ditandatangani", _signed_lkj),
        SealedKind("document_record", "Dokumen tercetak", _documents),
    )
}

# The columns a touched row needs to find the sealed records it belongs to (see `owners`).
TOUCH_FIELDS: dict[str, tuple[str, ...]] = {
    "realisation": ("id",),
    "realisation_evidence": ("realisation_id",),
    "performance_agreement": ("id",),
    "agreement_target": ("agreement_id",),
    "agreement_budget": ("agreement_id",),
    "lkj_section": ("id", "year", "key"),
    "document_record": ("id",),
}


def owners(conn: Plain, table: str, values: Mapping[str, Any]) -> set[Key]:
    """The records whose seal may change when a row of `table` with `values` (`TOUCH_FIELDS`) changes."""
    if table in ("realisation", "performance_agreement", "document_record"):
        return {(table, values["id"])} if values.get("id") is not None else set()
    if table == "realisation_evidence":
        return {("realisation", values["realisation_id"])}
    if table in ("agreement_target", "agreement_budget"):
        return {("performance_agreement", values["agreement_id"])}
    if table == "lkj_section":
        found = {("lkj_section", values["id"])} if values.get("key") == LKJ_SIGNED_KEY else set()
        lock = conn.execute(
            "SELECT id FROM lkj_section WHERE year = ? AND key = ?", (values["year"], LKJ_SIGNED_KEY)
        ).fetchone()
        return found | ({("lkj_section", lock[0])} if lock else set())
    return set()


def content_hash(content: dict) -> str:
    """The seal of one record's content."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_seals(conn: Plain, keys: Iterable[Key] | None = None) -> dict[Key, str]:
    """The seal each record (of `keys`, or every sealed record) would have now; a record not sealed is left out."""
    wanted: dict[str, list[int] | None] = {entity: None for entity in KINDS}
    if keys is not None:
        wanted = {entity: [] for entity in KINDS}
        for entity, record_id in keys:
            if entity in wanted:
                wanted[entity].append(record_id)  # type: ignore[union-attr]
    found = {}
    for entity, ids in wanted.items():
        if ids == []:
            continue
        for record_id, content in KINDS[entity].contents(conn, ids).items():
            found[(entity, record_id)] = content_hash(content)
    return found


def all_sealed_keys(conn: Plain) -> set[Key]:
    """Every record that is sealed now."""
    return set(current_seals(conn))


def recorded_seals(conn: Plain, keys: Iterable[Key] | None = None) -> dict[Key, tuple[int, str]]:
    """(entry id, seal) of the last audit entry carrying a seal, for each record (of `keys`, or all)."""
    if keys is None:
        rows = conn.execute(
            "SELECT entity, entity_id, id, record_hash FROM audit_entry WHERE record_hash IS NOT NULL ORDER BY id"
        )
        return {(entity, record_id): (entry_id, seal) for entity, record_id, entry_id, seal in rows}
    found = {}
    for entity, record_id in keys:
        row = conn.execute(
            "SELECT id, record_hash FROM audit_entry WHERE entity = ? AND entity_id = ? AND record_hash IS NOT NULL "
            "ORDER BY id DESC LIMIT 1",
            (entity, record_id),
        ).fetchone()
        if row is not None:
            found[(entity, record_id)] = (row[0], row[1])
    return found


def seals_due(conn: Plain, keys: Iterable[Key]) -> list[tuple[str, int, str]]:
    """(table, id, seal) to record for `keys` now: the new seal of a sealed record whose content differs from its
    last recorded seal, and "" for a record sealed before that is gone or no longer sealed."""
    keys = sorted(set(keys))
    now = current_seals(conn, keys)
    before = recorded_seals(conn, keys)
    due = []
    for key in keys:
        seal = now.get(key)
        last = before.get(key, (0, None))[1]
        if seal is not None and seal != last:
            due.append((*key, seal))
        elif seal is None and last:
            due.append((*key, ""))
    return due


@dataclass(frozen=True)
class RecordBreak:
    """A sealed record that does not match its last seal.

    `kind`: "changed" (content differs), "removed" (gone or no longer sealed without an entry saying so),
    "unsealed" (sealed now, but no entry ever sealed it: approved or added behind the program's back).
    """

    kind: str
    entity: str
    record_id: int
    entry_id: int | None  # the entry with the last seal


def check_records(conn: Plain) -> list[RecordBreak]:
    """Every sealed record against its last recorded seal, in the order of the entries."""
    now = current_seals(conn)
    before = recorded_seals(conn)
    breaks = []
    for key, (entry_id, seal) in before.items():
        current = now.get(key)
        if seal and current is None:
            breaks.append(RecordBreak("removed", *key, entry_id))
        elif current is not None and not seal:
            breaks.append(RecordBreak("unsealed", *key, entry_id))
        elif current is not None and current != seal:
            breaks.append(RecordBreak("changed", *key, entry_id))
    for key in sorted(set(now) - set(before)):
        breaks.append(RecordBreak("unsealed", *key, None))
    breaks.sort(key=lambda b: (b.entry_id or 0, b.entity, b.record_id))
    return breaks


def describe(conn: Plain, entity: str, record_id: int) -> str:
    """The record as the office names it: 'realisasi IK01 TW II 2025', 'LKj Tahun 2025', a document's title."""
    roman = ("I", "II", "III", "IV")
    if entity == "realisation":
        row = conn.execute(
            "SELECT i.code, r.quarter, r.year FROM realisation r JOIN indicator i ON i.id = r.indicator_id "
            "WHERE r.id = ?",
            (record_id,),
        ).fetchone()
        if row and row[1] in (1, 2, 3, 4):
            return f"realisasi {row[0]} TW {roman[row[1] - 1]} {row[2]}"
        return f"realisasi nomor {record_id}"
    if entity == "performance_agreement":
        row = conn.execute(
            "SELECT p.year, p.version, u.name FROM performance_agreement p LEFT JOIN unit u ON u.id = p.unit_id "
            "WHERE p.id = ?",
            (record_id,),
        ).fetchone()
        if row:
            whose = row[2] or "kantor"
            return f"Perjanjian Kinerja {row[0]} ({whose}) versi {row[1]}"
        return f"Perjanjian Kinerja nomor {record_id}"
    if entity == "lkj_section":
        row = conn.execute("SELECT year FROM lkj_section WHERE id = ?", (record_id,)).fetchone()
        return f"LKj Tahun {row[0]} yang ditandatangani" if row else f"tanda tangan LKj nomor {record_id}"
    if entity == "document_record":
        row = conn.execute("SELECT title, version FROM document_record WHERE id = ?", (record_id,)).fetchone()
        return f"dokumen tercetak '{row[0]}' versi {row[1]}" if row else f"dokumen tercetak nomor {record_id}"
    return f"data nomor {record_id}"
