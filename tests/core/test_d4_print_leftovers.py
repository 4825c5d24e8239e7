"""Issue #12 leftovers, read from the printed files: the PK prints its targets as every other document prints a
figure ("47,50", not "47,5") with the satuan in its own column, and the SOP sheet printed by `sakip report sop` groups
the NIP as the office's setting says."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from sakip_desktop import cli
from sakip_desktop.documents import catalog
from sakip_desktop.documents.request import DocRequest
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.sop.library import list_sops
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 20)


def _flat(pdf: bytes | Path) -> str:
    reader = PdfReader(str(pdf)) if isinstance(pdf, Path) else PdfReader(__import__("io").BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pk_targets_print_two_decimals_as_the_other_documents(demo_db: Database) -> None:
    # GIVEN the demo office's PK 2025, whose S5 target is 47,5 % and S2's 92,86 %
    text = _flat(catalog.preview(demo_db, DocRequest(kind="pk", year=2025))[0])
    # THEN the Target cell prints "47,50" as the FPK and the LKj do, the satuan in its own cell
    assert "47,50 %" in text and "92,86 %" in text
    assert "47,5 " not in text and "47,5%" not in text


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_report_sop_groups_the_nip_as_the_office_setting_says(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN an office that prints the NIP unspaced
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    update_settings(demo_db, kasubag, replace(get_settings(demo_db), nip_grouping=""))
    sop = next(s for s in list_sops(demo_db) if s.code == "CONTOH-PENGUKURAN-KINERJA-TRIWULAN")
    path = Path(demo_db.path)
    demo_db.close()
    # WHEN the SOP sheet is printed from the command line
    out = tmp_path / "sop.pdf"
    assert cli.main(["report", "sop", "--db", str(path), "--sop", str(sop.id), "--out", str(out)]) == 0
    # THEN the Camat's NIP in "Disahkan oleh" is unspaced, as in every other document of the office
    text = _flat(out)
    assert "NIP. 198006142002121003" in text and "19800614 200212 1 003" not in text
