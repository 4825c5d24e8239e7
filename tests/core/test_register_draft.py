"""The document register says whether each printing is a DRAF (schema 17): as the printed page says, sealed
against a change behind the program's back; the pack sends the newest printing the register calls final, and a
printing entered before the register said so is judged by its kept PDF, as before."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
from pathlib import Path

import pytest

from sakip_desktop.documents.catalog import DocRequest, generate
from sakip_desktop.documents.pack_copies import final_copy
from sakip_desktop.ops.audit.check import check_audit_trail
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.register import list_documents

DAY = dt.date(2025, 10, 15)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "cetak.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_each_printing_in_the_register_says_draf_or_final_as_its_pages_do(demo_db, tmp_path):
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    # WHEN the final PK 2025 and the LKj 2025 (the year not over: a draft) are printed
    pk = generate(demo_db, kasubag, DocRequest("pk", year=2025, day=DAY))
    lkj = generate(demo_db, kasubag, DocRequest("lkj", year=2025, day=DAY))
    # THEN the register says the PK is final and the LKj a DRAF, as their pages show
    assert pk.record.draft is False and "DRAF" not in _text(pk.pdf, tmp_path)
    assert lkj.record.draft is True and "DRAF" in _text(lkj.pdf, tmp_path)
    lines = {r.id: r for r in list_documents(demo_db, 2025)}
    assert lines[pk.record.id].draft is False and lines[lkj.record.id].draft is True
    # AND the trail stays whole with the flag sealed in it
    assert check_audit_trail(demo_db).ok


@pytest.mark.sqlite_only(reason="changes the office's SQLite file behind the program's back with plain sqlite3")
def test_a_draft_passed_off_as_final_behind_the_programs_back_is_found(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    lkj = generate(demo_db, kasubag, DocRequest("lkj", year=2025, day=DAY))
    path = demo_db.path
    # WHEN someone with a database tool marks the DRAF printing final
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE document_record SET draft = 0 WHERE id = ?", (lkj.record.id,))
    conn.close()
    # THEN the audit check names the changed printing
    verdict = check_audit_trail(demo_db)
    assert not verdict.ok
    assert any("Dokumen tercetak" in problem and "Laporan Kinerja" in problem for problem in verdict.record_problems)


@pytest.mark.sqlite_only(reason="reads the printings kept beside the office's SQLite file")
def test_the_pack_takes_the_newest_printing_the_register_calls_final(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    pk = generate(demo_db, kasubag, DocRequest("pk", year=2025, day=DAY))
    newest = next(r for r in list_documents(demo_db, 2025, "pk") if r.subject_key == pk.record.subject_key)
    found = final_copy(demo_db, newest)
    assert found is not None and found[0].id == pk.record.id and found[1] == pk.pdf
    lkj = generate(demo_db, kasubag, DocRequest("lkj", year=2025, day=DAY))
    assert final_copy(demo_db, lkj.record) is None  # only DRAF printings of the LKj: nothing final to send
