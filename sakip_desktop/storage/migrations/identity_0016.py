"""The Python part of schema version 16: every office of an older file gets its random UUID.

SQLite has no UUID function, so the step's SQL adds the column empty and this fills it, on the upgrade's own
connection (plain sqlite3), in the step's transaction. The kode wilayah stays empty: only the office knows it.
"""

from __future__ import annotations

import sqlite3
import uuid


def apply(conn: sqlite3.Connection) -> None:
    """Give every office row without a UUID a new random one."""
    ids = [row[0] for row in conn.execute("SELECT id FROM office WHERE uuid = '' ORDER BY id")]
    for office_id in ids:
        conn.execute("UPDATE office SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), office_id))
