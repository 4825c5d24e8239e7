"""The audit trail reads in Indonesian: record kinds, fields and stored codes have labels, nothing raw leaks out."""

from __future__ import annotations

import ast
import datetime as dt
import re
import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from sakip_desktop.domain.permissions import PERMISSIONS
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.audit.labels import DOCUMENT_KINDS, ENTITY_LABELS, FIELD_LABELS, VALUE_LABELS
from sakip_desktop.ops.audit.trail import AuditFilter, find_audit
from sakip_desktop.ops.org.acting import ActingInput, add_acting
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.ops.realisation.entry import CheckInput, approve, revise, verify
from sakip_desktop.storage.models import Base

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 10, 20)
TABLES = set(Base.metadata.tables)
KEYS = {c.name for t in Base.metadata.tables.values() for c in t.columns} | set(FIELD_LABELS)
# Stored codes whose label differs from the code (PNS stays PNS), roles, and the operations' own codes.
CODES = {code for table in VALUE_LABELS.values() for code, label in table.items() if code != label}
CODES |= {r.value for r in Role} | {str(op.value) for op in PERMISSIONS}
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
RAW = re.compile(r"\d{4}-\d{2}-\d{2}|\bTrue\b|\bFalse\b|\bNone\b")


# Words of the labels themselves: a key that is also an Indonesian word ("status", "unit") is no leak.
LABEL_WORDS = {
    w.casefold()
    for text in [
        *ENTITY_LABELS.values(),
        *FIELD_LABELS.values(),
        *(x for t in VALUE_LABELS.values() for x in t.values()),
    ]
    for w in WORD.findall(text)
}


def leaks(text: str) -> set[str]:
    """Table names, field keys, stored codes and raw dates/booleans found in a shown text (placeholders of a number
    format as the administrator typed it, '{seq:03d}', are the value itself)."""
    text = re.sub(r"\{\w+(:\w+)?\}", "", text)
    words = set(WORD.findall(text))
    found = {w for w in words if (w in TABLES or w in KEYS) and ("_" in w or w.casefold() not in LABEL_WORDS)}
    found |= {w for w in words if w in CODES and not w.islower()}
    found |= {w for w in words if "." in w and w in CODES}
    return found | set(RAW.findall(text))


def test_the_leak_finder_sees_raw_codes():
    raw = "status: VERIFIED → APPROVED; realisation_id: 3; indicator: 4; signed_on: 2025-01-31; is_key: True"
    assert leaks(raw) == {"VERIFIED", "APPROVED", "realisation_id", "indicator", "signed_on", "2025-01-31", "is_key",
                          "True"}  # fmt: skip
    assert leaks("status: Diverifikasi → Disetujui; unit: Seksi Pemerintahan; tanggal: 31 Januari 2025") == set()


def test_every_table_and_column_has_an_indonesian_label():
    # THEN each kind of record and each field the database has is named for the office
    assert TABLES - set(ENTITY_LABELS) == set()
    columns = {c.name for t in Base.metadata.tables.values() for c in t.columns} - {"id"}
    assert columns - set(FIELD_LABELS) == set()


def test_keys_that_operations_write_themselves_have_labels():
    # GIVEN every `tx.audit(...)` call with literal values in the core
    keys, kinds = set(), set()
    for path in (ROOT / "sakip_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "audit":
                if node.args and isinstance(node.args[0], ast.Constant):
                    kinds.add(node.args[0].value)
                for arg in node.args[2:]:
                    for d in ast.walk(arg):
                        if isinstance(d, ast.Dict):
                            keys |= {k.value for k in d.keys if isinstance(k, ast.Constant)}
    # THEN each record kind and each key is labelled (a key of a setting is a setting's name)
    assert kinds and kinds - set(ENTITY_LABELS) == set()
    assert keys and keys - set(FIELD_LABELS) == set()


def test_document_kinds_are_labelled_as_the_catalog_labels_them():
    from sakip_desktop.documents.catalog import kinds

    assert {k: spec.label for k, spec in kinds().items()} == DOCUMENT_KINDS


def test_every_operation_name_is_indonesian_words():
    # THEN the names the trail records are words, never codes
    for permission in PERMISSIONS.values():
        label = permission.label
        assert label[0].isupper() and "_" not in label and label != permission.op.value, permission


@pytest.mark.sqlite_only(reason="writes into the office file with plain sqlite3")
def test_no_raw_code_reaches_the_viewer_for_the_whole_demo_trail(demo_db):
    # GIVEN the demo office after realisasi were verified, approved and revised, settings changed and a Plt. named
    sekcam, camat = actor_for(demo_db, "sekcam", DAY), actor_for(demo_db, "camat", DAY)
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    conn = sqlite3.connect(demo_db.path)
    submitted = [r[0] for r in conn.execute("SELECT id FROM realisation WHERE status = 'SUBMITTED'")]
    verified = [r[0] for r in conn.execute("SELECT id FROM realisation WHERE status = 'VERIFIED'")]
    conn.close()
    verify(demo_db, sekcam, submitted, {i: CheckInput(True, True, True, "cocok") for i in submitted})
    approve(demo_db, camat, submitted + verified)
    revise(demo_db, camat, submitted[0], Decimal("1234.5"), "Salah ketik")
    update_settings(demo_db, admin, replace(get_settings(demo_db), document_font="serif", utc_offset_hours=8))
    staf = next(p for p in list_people(demo_db) if p.username == "staf_umum")
    add_acting(
        demo_db,
        admin,
        ActingInput(staf.id, ActingKind.PLH, Role.KASUBAG_UMUM, DAY, DAY + dt.timedelta(days=3), decree="800/12/2025"),
    )
    # WHEN the whole trail is listed as the viewer shows it
    listing = find_audit(demo_db, AuditFilter(), None)
    assert listing.total == len(listing.rows) > 600
    # THEN no row shows a table name, a field key, a stored code, an ISO date or a raw boolean
    shown = {
        v.id: leaks(" | ".join((v.when, v.operation, v.entity_label, v.record, v.summary, v.short_summary)))
        for v in listing.rows
    }
    assert {k: v for k, v in shown.items() if v} == {}
    # AND the values read as the office says them
    summaries = {v.summary for v in listing.rows}
    assert "status: Diverifikasi → Disetujui" in summaries
    assert any("nilai: " in s and "→ 1.234,5" in s for s in summaries)
    assert "jenis huruf dokumen: Liberation Sans (setara Arial) → Liberation Serif (setara Times New Roman)" in (
        "; ".join(summaries)
    )
    assert any(s.startswith("jenis: Plh.") or "jenis: Plh." in s for s in summaries)
    assert any("peran: Kasubag Umum" in s for s in summaries)


@pytest.mark.sqlite_only(reason="writes into the office file with plain sqlite3")
def test_times_are_on_the_offices_clock_and_periods_filter_by_local_day(demo_db):
    # GIVEN an entry stored at 16.30 UTC on 14 July 2025: 15 July 2025 at 00.30 WITA (UTC+8)
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    update_settings(demo_db, admin, replace(get_settings(demo_db), utc_offset_hours=8))
    conn = sqlite3.connect(demo_db.path)
    conn.execute(
        "INSERT INTO audit_entry (at, actor_name, operation, entity) "
        "VALUES ('2025-07-14 16:30:00.000000', 'Uji Waktu', 'Ubah pengaturan', 'setting')"
    )
    conn.commit()
    conn.close()
    # WHEN the viewer filters on 15 July 2025 for that person
    rows = find_audit(demo_db, AuditFilter(person="Uji Waktu", start=dt.date(2025, 7, 15), end=dt.date(2025, 7, 15)))
    # THEN it is there, shown at its local time; the day before does not list it
    assert [v.when for v in rows.rows] == ["15 Juli 2025 00.30"]
    before = AuditFilter(person="Uji Waktu", start=dt.date(2025, 7, 14), end=dt.date(2025, 7, 14))
    assert find_audit(demo_db, before).total == 0
