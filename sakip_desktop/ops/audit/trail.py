"""Reading the audit trail: who changed what, when, from which value to which, as the office reads it.

Every entry is shown with the office's local time (the `utc_offset_hours` setting), the operation's Indonesian
name, the kind of record and which one, and each changed field with its Indonesian name and its values in words
(codes as their labels, references by name, dates and numbers the Indonesian way). Plain SQL: the listing does
not need the mapped classes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain import formats
from sakip_desktop.ops.audit.labels import (
    ENTITY_LABELS,
    FIELD_LABELS,
    NUMBER_FIELDS,
    REFERENCES,
    RUPIAH_FIELDS,
    entity_label,
    field_label,
    value_label,
)
from sakip_desktop.ops.audit.records import RecordNames, name_from_values
from sakip_desktop.storage.audit_chain import SQLITE_DATETIME
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from sakip_desktop.storage.plain import Plain

__all__ = ["ENTITY_LABELS", "FIELD_LABELS", "AuditFilter", "AuditListing", "AuditView", "Change", "find_audit"]

EMPTY = "(kosong)"
SEALED = "isi data disegel"  # an entry that only records the seal of an approved or signed record
SHORT = 120  # characters of one value in the table cell (the tooltip and the workbook show it whole)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: by person (the name recorded), local dates (inclusive), kind of record, and words."""

    person: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    entity: str | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == AuditFilter()


@dataclass(frozen=True)
class Change:
    """One changed field: its Indonesian name and its values before and after in words (None: not there)."""

    field: str
    before: str | None
    after: str | None

    def text(self, limit: int | None = None) -> str:
        """'nama: Lama → Baru', 'nama: Baru' (added), 'nama: Lama (dihapus)'."""
        before, after = (_cut(v, limit) for v in (self.before, self.after))
        if before is None:
            return f"{self.field}: {after}"
        if after is None:
            return f"{self.field}: {before} (dihapus)"
        return f"{self.field}: {before} → {after}"


def _cut(value: str | None, limit: int | None) -> str | None:
    if value is None or limit is None or len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class AuditView:
    """One audit entry, ready to list: `at` in UTC as stored, `local_at` on the office's clock."""

    id: int
    at: dt.datetime
    local_at: dt.datetime
    actor_name: str
    operation: str
    entity: str
    entity_id: int | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    record: str  # which record, in words ("" when it cannot be told)
    changes: tuple[Change, ...]
    sealed: bool  # the entry carries the content seal of an approved or signed record

    @property
    def entity_label(self) -> str:
        """What kind of record, in Indonesian."""
        return entity_label(self.entity)

    @property
    def when(self) -> str:
        """'7 Desember 2025 09.55' on the office's clock."""
        return f"{formats.long_date(self.local_at.date())} {self.local_at:%H.%M}"

    @property
    def summary(self) -> str:
        """'nama: Lama → Baru; jabatan: …' (created or removed records list their values)."""
        if not self.changes:
            return SEALED if self.sealed else ""
        return "; ".join(c.text() for c in self.changes)

    @property
    def short_summary(self) -> str:
        """The summary with long values cut, for a table cell."""
        if not self.changes:
            return self.summary
        return "; ".join(c.text(SHORT) for c in self.changes)


@dataclass(frozen=True)
class AuditListing:
    """The entries a filter found (newest first, at most the limit asked for) and how many it found in all."""

    rows: tuple[AuditView, ...]
    total: int


def utc_offset(conn: Plain) -> int:
    """The office's hours ahead of UTC (setting `utc_offset_hours`; 7 when unset)."""
    row = conn.execute("SELECT value FROM setting WHERE key = 'utc_offset_hours'").fetchone()
    try:
        return int(json.loads(row[0])) if row else 7
    except (TypeError, ValueError):
        return 7


class _Renderer:
    """Turns stored entries into views: values in words, references by name."""

    def __init__(self, conn: Plain) -> None:
        self.offset = utc_offset(conn)
        self.names = RecordNames(conn)

    def prefetch(self, rows: list[tuple[Any, ...]]) -> None:
        wanted: dict[str, set[int]] = {}
        for row in rows:
            entity, entity_id, old, new = row[5], row[6], _json(row[7]), _json(row[8])
            wanted.setdefault(entity, set()).add(entity_id)
            for values in (old, new):
                for key, value in (values or {}).items():
                    if key in REFERENCES and isinstance(value, int):
                        wanted.setdefault(REFERENCES[key], set()).add(value)
        self.names.fetch(wanted)

    def view(self, row: tuple[Any, ...]) -> AuditView:
        entry_id, at, _account, actor, operation, entity, entity_id, old_text, new_text, seal = row
        old, new = _json(old_text), _json(new_text)
        stored = _datetime(at) or dt.datetime(1970, 1, 1)
        record = self.names.get(entity, entity_id) or name_from_values(old) or name_from_values(new) or ""
        keys = list((new if new is not None else old or {}).keys())
        if entity == "setting":  # which settings: the record of a settings entry is its keys
            record = ", ".join(field_label(k) for k in keys)
        changes = tuple(
            Change(
                field_label(key, entity),
                None if old is None else self.value(entity, key, old.get(key)),
                None if new is None else self.value(entity, key, new.get(key)),
            )
            for key in keys
        )
        return AuditView(
            id=entry_id,
            at=stored,
            local_at=stored + dt.timedelta(hours=self.offset),
            actor_name=actor,
            operation=operation,
            entity=entity,
            entity_id=entity_id,
            old=old,
            new=new,
            record=record,
            changes=changes,
            sealed=bool(seal),
        )

    def value(self, entity: str, key: str, value: Any) -> str:
        """One stored value in words."""
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        label = value_label(entity, key, value)
        if label is not None:
            return label
        if key in REFERENCES and isinstance(value, int):
            return self.names.get(REFERENCES[key], value) or f"nomor {value}"
        if key == "quarter" and value in (1, 2, 3, 4):
            return f"TW {('I', 'II', 'III', 'IV')[value - 1]}"
        if key == "roles" and isinstance(value, list):
            return ", ".join(self._role(item) for item in value) or EMPTY
        if isinstance(value, list):
            return ", ".join(self.value(entity, key, item) for item in value) or EMPTY
        if isinstance(value, dict):
            parts = [f"{field_label(k, key)}: {self.value(entity, k, v)}" for k, v in value.items()]
            return "; ".join(parts) or EMPTY
        if key in NUMBER_FIELDS or key in RUPIAH_FIELDS:
            shown = _number(value, rupiah=key in RUPIAH_FIELDS)
            if shown is not None:
                return shown
        if isinstance(value, str) and _DATE.match(value):
            return formats.long_date(dt.date.fromisoformat(value))
        if isinstance(value, str) and _DATETIME.match(value):
            moment = (_datetime(value) or dt.datetime(1970, 1, 1)) + dt.timedelta(hours=self.offset)
            return f"{formats.long_date(moment.date())} {moment:%H.%M}"
        if isinstance(value, float):
            return formats.number(Decimal(str(value)), _decimals(str(value)))
        return str(value)

    def _role(self, item: Any) -> str:
        code, _, unit = str(item).partition(":")  # "KASI:3": the role, and the unit it is held for
        label = value_label("", "role", code) or code.replace("_", " ").title()
        unit_name = self.names.get("unit", int(unit)) if unit.isdigit() else None
        return f"{label} ({unit_name})" if unit_name else label


def _json(text: Any) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except (TypeError, ValueError):  # not what the program writes: shown as it is
        return {"isi": text if isinstance(text, str) else repr(text)}
    return value if isinstance(value, dict) else {"isi": value}


def _datetime(text: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _decimals(text: str) -> int:
    return len(text.partition(".")[2].rstrip("0")) if "." in text else 0


def _number(value: Any, *, rupiah: bool) -> str | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if rupiah:
        return formats.rupiah(number, sen=number != number.to_integral_value())
    return formats.number(number, _decimals(str(value)))


_COLUMNS = "id, at, account_id, actor_name, operation, entity, entity_id, old, new, record_hash"


def _where(where: AuditFilter, offset: int) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if where.person:
        clauses.append("actor_name = ?")
        params.append(where.person)
    if where.entity:
        clauses.append("entity = ?")
        params.append(where.entity)
    shift = dt.timedelta(hours=offset)
    if where.start:
        clauses.append("at >= ?")
        params.append((dt.datetime.combine(where.start, dt.time()) - shift).strftime(SQLITE_DATETIME))
    if where.end:
        clauses.append("at < ?")
        after = dt.datetime.combine(where.end + dt.timedelta(days=1), dt.time()) - shift
        params.append(after.strftime(SQLITE_DATETIME))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _matches(view: AuditView, words: list[str]) -> bool:
    haystack = " ".join((view.when, view.actor_name, view.operation, view.entity_label, view.record, view.summary))
    haystack = haystack.casefold()
    return all(word in haystack for word in words)


def find_in(conn: Plain, where: AuditFilter, limit: int | None) -> AuditListing:
    """`find_audit` on an open connection."""
    renderer = _Renderer(conn)
    clause, params = _where(where, renderer.offset)
    words = where.text.casefold().split()
    if not words:
        total = conn.execute(f"SELECT count(*) FROM audit_entry{clause}", params).fetchone()[0]
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        rows = conn.execute(f"SELECT {_COLUMNS} FROM audit_entry{clause} ORDER BY id DESC{tail}", params).fetchall()
        renderer.prefetch(rows)
        return AuditListing(tuple(renderer.view(r) for r in rows), total)
    found: list[AuditView] = []
    total = 0
    cursor = conn.execute(f"SELECT {_COLUMNS} FROM audit_entry{clause} ORDER BY id DESC", params)
    while rows := cursor.fetchmany(1000):
        renderer.prefetch(rows)
        for row in rows:
            view = renderer.view(row)
            if _matches(view, words):
                total += 1
                if limit is None or len(found) < limit:
                    found.append(view)
    return AuditListing(tuple(found), total)


def find_audit(db: Database, where: AuditFilter | None = None, limit: int | None = 500) -> AuditListing:
    """The entries `where` lets through, newest first: at most `limit` of them (None: all) and the count of all."""
    with db.plain_reading() as conn:
        return find_in(conn, where or AuditFilter(), limit)


def list_audit(db: Database, limit: int = 500, *, where: AuditFilter | None = None) -> list[AuditView]:
    """The newest entries first (at most `limit`)."""
    return list(find_audit(db, where, limit).rows)


def entry_local_date(db: Database, entry_id: int) -> dt.date | None:
    """The office-clock date of an entry (None when there is no such entry or its time is unreadable)."""
    with db.plain_reading() as conn:
        row = conn.execute("SELECT at FROM audit_entry WHERE id = ?", (entry_id,)).fetchone()
        offset = utc_offset(conn)
    moment = _datetime(row[0]) if row else None
    return None if moment is None else (moment + dt.timedelta(hours=offset)).date()


def audit_people(db: Database) -> list[str]:
    """Everyone who appears in the audit trail, by name."""
    with db.plain_reading() as conn:
        names = [r[0] for r in conn.execute("SELECT DISTINCT actor_name FROM audit_entry")]
    return sorted(names, key=str.casefold)


def audit_kinds(db: Database) -> list[tuple[str, str]]:
    """(kind, Indonesian label) of every kind of record in the audit trail, by label."""
    with db.plain_reading() as conn:
        kinds = [r[0] for r in conn.execute("SELECT DISTINCT entity FROM audit_entry")]
    return sorted(((k, entity_label(k)) for k in kinds), key=lambda pair: pair[1].casefold())
