"""Kecamatan office files made from the demo, each with its own identity, and their verified backups: what a
kabupaten receives (issue 17). For `tests/core/test_kabupaten*.py` and `tests/ui/test_kabupaten*.py`."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from sakip_desktop.ops.org import office
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.backup import checksum_path, file_sha256, make_backup
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file


def office_file(template: Path, folder: Path, *, name: str, region_code: str, uid: str | None = None) -> Path:
    """A copy of the demo office renamed `name`, with kode wilayah `region_code` and a UUID of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name.lower()}.db"
    backup_file(template, path)
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE office SET name = ?, signing_place = ?, region_code = ?, uuid = ?",
            (name, name, region_code, uid or str(uuid.uuid4())),
        )
        conn.commit()
    finally:
        conn.close()
    return path


def backup_of(office_path: Path, folder: Path) -> Path:
    """A verified backup of the office file (as `sakip backup` writes it, with its .sha256) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return make_backup(office_path, folder).path


def change_phone(office_path: Path, phone: str) -> None:
    """The office's administrator changes the telephone in Profil kantor (a newer change in its audit trail)."""
    db = Database.open(office_path)
    try:
        admin = actor_for(db, "kasubag_renkeu")
        profile = office.get_profile(db)
        office.update_profile(db, admin, office.OfficeProfile(**{**profile.__dict__, "phone": phone}))
    finally:
        db.close()


def with_checksum(path: Path) -> Path:
    """Write the `.sha256` beside a file (as a backup has), for a file copied in by hand."""
    checksum_path(path).write_text(f"{file_sha256(path)}  {path.name}\n", encoding="ascii")
    return path


def scale_figures(office_path: Path, factor: str) -> None:
    """Every realisasi value and every spending of the office multiplied by `factor` ("0.8"): another kecamatan's
    figures (written straight into the file, as if its people had entered them so)."""
    from decimal import Decimal

    conn = sqlite3.connect(office_path)
    try:
        rows = conn.execute("SELECT id, value FROM realisation WHERE value IS NOT NULL").fetchall()
        for row_id, value in rows:
            scaled = (Decimal(value) * Decimal(factor)).quantize(Decimal("0.01"))
            conn.execute("UPDATE realisation SET value = ? WHERE id = ?", (format(scaled, "f"), row_id))
        conn.execute("UPDATE budget_spending SET amount = CAST(amount * ? AS INTEGER)", (float(factor),))
        conn.commit()
    finally:
        conn.close()


def vary_office(office_path: Path, *, average: str = "indicators", with_lke: bool = True) -> None:
    """Another kecamatan's state of its submission pack, its LKj and its settings, for comparing every column: its
    own list of documents (stored, the last line switched off), Formulir E.81 of TW III 2025 uploaded with a file,
    TW II rejected, the LKj 2024 accepted and signed, the rata-rata taken over `average`, and (`with_lke`) an
    LKE self-assessment of 2025 started by the Tim SAKIP. Written straight into the file, as if its people had."""
    import datetime as dt
    import json

    from sakip_desktop.ops.lke.assessment import save_assessment
    from sakip_desktop.ops.pack.due import DEFAULT_TYPES, DITERIMA, DITOLAK, DIUNGGAH

    conn = sqlite3.connect(office_path)
    try:
        if not conn.execute("SELECT count(*) FROM pack_item_type").fetchone()[0]:  # the list as the office stores it
            for t in DEFAULT_TYPES:
                conn.execute(
                    "INSERT INTO pack_item_type (code, title, esr_type, source_kind, per_quarter, due_months, due_day,"
                    " required, sort_order, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    (t.code, t.title, t.esr_type, t.source_kind, t.per_quarter, t.due_months, t.due_day, t.required,
                     t.sort_order),
                )  # fmt: skip
        last = "SELECT max(sort_order) FROM pack_item_type"
        conn.execute(f"UPDATE pack_item_type SET active = 0 WHERE sort_order = ({last})")
        ids = {code: i for i, code in conn.execute("SELECT id, code FROM pack_item_type")}
        items = (
            (ids["e81"], 2025, 3, DIUNGGAH, "2025-10-14", "dikirim lewat surel"),
            (ids["e81"], 2025, 2, DITOLAK, "2025-07-09", "tanda tangan kurang"),
            (ids["lkj"], 2024, 0, DITERIMA, "2025-02-20", ""),
        )
        for type_id, year, quarter, *_rest in items:  # in place of what the demo has for them
            where = "SELECT id FROM pack_item WHERE type_id = ? AND year = ? AND quarter = ?"
            conn.execute(f"DELETE FROM pack_file WHERE item_id IN ({where})", (type_id, year, quarter))
            conn.execute(f"DELETE FROM pack_item WHERE id IN ({where})", (type_id, year, quarter))
        for item in items:
            conn.execute(
                "INSERT INTO pack_item (type_id, year, quarter, status, uploaded_on, note, updated_by, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 'Kasubag', '2025-10-14 03:00:00.000000')",
                item,
            )
        conn.execute(
            "INSERT INTO pack_file (item_id, filename, size, sha256, data, added_by, added_at) "
            "SELECT id, 'e81-tw3.pdf', 3, ?, ?, 'Kasubag', '2025-10-14 03:00:00.000000' FROM pack_item "
            "WHERE type_id = ? AND year = 2025 AND quarter = 3",
            ("0" * 64, b"pdf", ids["e81"]),
        )
        conn.execute("DELETE FROM lkj_section WHERE year = 2024 AND \"key\" = '_signed'")
        conn.execute(
            'INSERT INTO lkj_section (year, "key", text, updated_by, updated_at) '
            "VALUES (2024, '_signed', '2025-02-18', 'Camat', '2025-02-18 02:00:00.000000')"
        )
        conn.execute("UPDATE setting SET value = ? WHERE \"key\" = 'achievement_average'", (json.dumps(average),))
        conn.commit()
    finally:
        conn.close()
    if with_lke:
        db = Database.open(office_path)
        try:
            save_assessment(db, actor_for(db, "analis_kebijakan", dt.date(2025, 10, 15)), 2025)
        finally:
            db.close()
