"""The Python part of schema version 10: SOPs adopted by an older program become the office's own.

Before version 10 an adopted SOP kept the seed office's code ("KARANGPLOSO-…"), name, kop, number, date and Camat,
its lanes named no unit ("Kasi Ekbang" was any Kasi) and its parallel tracks ran one after the other. Each such
SOP gets a new version as `sop.adoption.brought_up_to_date` makes it (what the office changed in it is kept); runs
under way keep the version they started with. Read and written on the upgrade's own connection (plain sqlite3).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.ranks import rank_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.adoption import OfficeFacts, brought_up_to_date
from sakip_desktop.sop.approver import Approver
from sakip_desktop.sop.definition import SopDefinition, from_dict, load_templates, to_dict
from sakip_desktop.sop.lanes import UnitFact

NOTE = (
    "Disesuaikan otomatis saat program diperbarui: kode, nama dan identitas kantor ini, pelaksana menurut unit, "
    "jalur paralel dan koreksi pelaksana dari templat."
)
SYSTEM_NAME = "Sistem SAKIP Desktop"
_STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite

_ACTING_CAMAT = """
    SELECT p.front_title, p.name, p.back_title, p.grade, p.nip, a.kind FROM acting_assignment a
      JOIN person p ON p.id = a.person_id
     WHERE a.role = 'CAMAT' AND a.start <= :day AND (a."end" IS NULL OR a."end" >= :day)
     ORDER BY a.start DESC LIMIT 1
"""
_CAMAT = """
    SELECT p.front_title, p.name, p.back_title, p.grade, p.nip, NULL FROM role_assignment r
      JOIN person p ON p.id = r.person_id
     WHERE r.role = 'CAMAT' AND p.active_from <= :day AND (p.active_to IS NULL OR p.active_to >= :day)
     ORDER BY p.active_from DESC LIMIT 1
"""


def _approver(conn: sqlite3.Connection, office_name: str, day: dt.date) -> str:
    """The Camat (or Plt./Plh. Camat) of `day` as 'CAMAT X; Nama; Pangkat; NIP. …', or '' when there was none."""
    for query in (_ACTING_CAMAT, _CAMAT):
        row = conn.execute(query, {"day": day.isoformat()}).fetchone()
        if row is not None:
            front, name, back, grade, nip, kind = row
            prefix = {"PLT": "Plt. ", "PLH": "Plh. "}.get(kind or "", "")
            position = f"{prefix}CAMAT {office_name.upper()}"
            return Approver(position, full_name(front, name, back), rank_label(grade or ""), nip or "").as_text()
    return ""


def _latest(conn: sqlite3.Connection, sop_id: int) -> tuple[int, SopDefinition] | None:
    row = conn.execute(
        "SELECT version, definition FROM sop_version WHERE sop_id = ? ORDER BY version DESC LIMIT 1", (sop_id,)
    ).fetchone()
    if row is None:
        return None
    try:
        return row[0], from_dict(json.loads(row[1]))
    except (ValidationError, ValueError):
        return None  # a definition this program cannot read is left as it is


def upgrade_adopted_sops(conn: sqlite3.Connection, now: dt.datetime | None = None) -> int:
    """Give every adopted SOP still in its older shape a new version; returns how many got one."""
    office = conn.execute("SELECT name, regency_kind, regency_name FROM office ORDER BY id LIMIT 1").fetchone()
    if office is None:
        return 0
    name, regency_kind, regency_name = office
    templates = {t.code: t for t in load_templates()}
    units = [UnitFact(*row) for row in conn.execute("SELECT id, code, name, kind, parent_id FROM unit")]
    stamp = (now or dt.datetime.now(dt.UTC).replace(tzinfo=None)).strftime(_STAMP)
    sops = conn.execute("SELECT id, code, template_code, created_at FROM sop WHERE template_code <> ''").fetchall()
    changed = 0
    for sop_id, code, template_code, created_at in sops:
        template, latest = templates.get(template_code), _latest(conn, sop_id)
        if template is None or latest is None:
            continue
        version, stored = latest
        day = dt.date.fromisoformat(str(created_at)[:10])
        facts = OfficeFacts(
            name, f"Kecamatan {name}", f"{regency_kind} {regency_name}", _approver(conn, name, day), long_date(day)
        )
        try:
            new = from_dict(to_dict(brought_up_to_date(stored, template, facts, units)))
        except ValidationError:
            continue  # the office changed the SOP so that the template's tracks no longer fit: left as it is
        taken = conn.execute("SELECT 1 FROM sop WHERE code = ? AND id <> ?", (new.code, sop_id)).fetchone()
        if taken is not None:
            new = from_dict({**to_dict(new), "code": code})
        if to_dict(new) == to_dict(stored):
            continue
        conn.execute(
            "INSERT INTO sop_version (sop_id, version, definition, note, created_at, created_by) VALUES (?,?,?,?,?,?)",
            (sop_id, version + 1, json.dumps(to_dict(new), ensure_ascii=False), NOTE, stamp, SYSTEM_NAME),
        )
        conn.execute("UPDATE sop SET code = ?, name = ? WHERE id = ?", (new.code, new.identity.name, sop_id))
        changed += 1
    return changed


def apply(conn: sqlite3.Connection) -> None:
    """The step's Python part (see `storage.migrations.PYTHON_AFTER_SQL`)."""
    upgrade_adopted_sops(conn)
