"""Schema 10 on a database written by an older program (issue 13 §4 and the leftover of #12): the SOPs it had
adopted still carried the seed office's code, name, kop, number, date and Camat, lanes without units and the
Kutasari tracks one after the other. Opening it makes them the office's own in a new version; runs under way
keep theirs and go on."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
from pathlib import Path

import pytest

from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import office_signer
from sakip_desktop.ops.sop.library import get_definition, list_sops, list_versions
from sakip_desktop.ops.sop.runs import decide_step, finish_step, tick_item
from sakip_desktop.ops.sop.simulate import SteppingClock
from sakip_desktop.ops.sop.views import run_timeline, step_detail
from sakip_desktop.sop.definition import load_templates
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations.sop_0010 import NOTE
from sakip_desktop.storage.sqlitefile import backup_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def upgraded(tmp_path: Path):
    """A copy of the demo office written by schema 6 (every template adopted the old way), opened now."""
    copy = tmp_path / "v6.db"
    backup_file(FIXTURES / "schema_v6.db", copy)
    conn = sqlite3.connect(copy)
    running = conn.execute("SELECT id, sop_version_id FROM sop_run WHERE status = 'RUNNING'").fetchall()
    conn.close()
    db = Database.open(copy)
    yield db, dict(running)
    db.close()


def _sop(db: Database, template_code: str):
    return next(s for s in list_sops(db) if s.template_code == template_code)


def test_adopted_sops_of_an_older_database_get_the_offices_code_name_and_identity(upgraded, tmp_path: Path):
    db, _running = upgraded
    profile = get_profile(db)
    # THEN no SOP keeps another office's code or name; each has a new version saying why
    sops = list_sops(db)
    assert {s.template_code for s in sops} == {t.code for t in load_templates()}
    assert all(s.code.startswith("CONTOH-") and s.version == 2 for s in sops)
    assert not any(place in s.name.upper() for s in sops for place in ("KUTABARI", "KUTASARI", "CANDIPURO"))
    sop = _sop(db, "KARANGPLOSO-PENGUKURAN-KINERJA")
    assert sop.name == "Pengukuran kinerja"
    assert list_versions(db, sop.id)[0].note == NOTE
    # AND its identity is the office's: kop, no seed number, the adoption date, the Camat of that day
    definition = get_definition(db, sop.id)
    ident = definition.identity
    camat = office_signer(db, dt.date.fromisoformat(_created(db, sop.id)[:10]))
    assert ident.unit_name == "KANTOR KECAMATAN CONTOH" and ident.number == ""
    assert ident.regency_name == f"PEMERINTAH {profile.regency_title.upper()}"
    assert camat.name in ident.approved_by and "DYAH" not in ident.approved_by
    assert definition.source.startswith("Disusun dari SOP Pengukuran Kinerja Nomor 070/")
    # AND its printed sheet names the office and its Camat, the seed only in the "Disusun dari" line
    target = tmp_path / "sop.pdf"
    build_sop_sheet(definition, target)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, text=True)
    flat = " ".join(text.stdout.split())
    assert "KANTOR KECAMATAN CONTOH" in flat and camat.name in flat
    assert "KANTOR KECAMATAN KARANGPLOSO" not in flat and "070/ /35.07.23/2018 Tanggal" not in flat


def test_lanes_tracks_and_the_camats_step_reach_the_adopted_sops(upgraded):
    db, _running = upgraded
    # THEN "Kasi Ekbang" is the Kasi of the office's Seksi Ekonomi dan Pembangunan
    musrenbang = get_definition(db, _sop(db, "KARANGPLOSO-PENGUMPULAN-DATA-KINERJA-MUSRENBANGCAM").id)
    assert musrenbang.actor("kasi_ekbang").unit == "SEKSI_EKBANG"
    # AND Kutasari's two staff lanes are distinct and its two tracks run side by side
    kutasari = get_definition(db, _sop(db, "KUTASARI-LAPORAN-PENGUKURAN-PERKIN-DAN-EVALUASI-KINERJA").id)
    assert kutasari.actor("staf_sekretariat").unit_kind == "SEKRETARIAT"
    assert kutasari.actor("staf_seksi").unit_kind == "SEKSI"
    assert [s.track for s in kutasari.steps[2:7]] == ["Sekretariat", "Seksi", "Sekretariat", "Seksi", "Sekretariat"]
    # AND Awayan's step 8 ("… kepada Camat, untuk Disetujui dan Ditandatangani") is the Camat's
    awayan = get_definition(db, _sop(db, "AWAYAN-PENGUKURAN-KINERJA-TRIWULAN").id)
    position = next(p for p, s in enumerate(awayan.steps, start=1) if s.number == "8")
    assert awayan.actor(awayan.steps[position - 1].actor).key == "camat"


PEOPLE = {"CAMAT": "camat", "SEKRETARIS": "sekcam", "TIM_SAKIP": "analis_kebijakan", "KASI": "kasi_pem"}
PEOPLE |= {"KASUBAG_PERENCANAAN": "kasubag_renkeu", "KASUBAG_UMUM": "kasubag_umum", "STAF": "staf_renkeu"}
PEOPLE |= {"ADMIN_DATA": "admin_data"}


def test_runs_under_way_keep_their_version_and_go_on(upgraded):
    db, running = upgraded
    assert running
    for run_id, version_id in running.items():
        run = run_timeline(db, run_id)
        assert run.status == "RUNNING" and run.version == 1
        conn = sqlite3.connect(db.path)
        assert conn.execute("SELECT sop_version_id FROM sop_run WHERE id = ?", (run_id,)).fetchone()[0] == version_id
        conn.close()
        # AND the step it waits on is worked by its role's holder, as before the upgrade
        waiting = next(e for e in run.entries if e.finished_at is None)
        actor = actor_for(db, PEOPLE[waiting.role.value], dt.date(2025, 9, 1))
        clock = SteppingClock(dt.datetime(2025, 9, 20, 2, 0))
        detail = step_detail(db, waiting.step_run_id, actor=actor)
        assert detail.yours
        for item in detail.checklist:
            tick_item(db, actor, waiting.step_run_id, item.index, True, clock=clock)
        if detail.is_decision:
            decide_step(db, actor, waiting.step_run_id, True, clock=clock)
        else:
            finish_step(db, actor, waiting.step_run_id, clock=clock)
        assert step_detail(db, waiting.step_run_id).finished_at is not None


def _created(db: Database, sop_id: int) -> str:
    conn = sqlite3.connect(db.path)
    try:
        return str(conn.execute("SELECT created_at FROM sop WHERE id = ?", (sop_id,)).fetchone()[0])
    finally:
        conn.close()
