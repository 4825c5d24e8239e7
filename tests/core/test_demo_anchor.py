"""Issue 13 §6: the demo office is told for the day it is made (its anchor), not frozen in 2025: the reported
quarter under way, the quarters before it approved, due dates around the anchor; a surat pengantar in the register
and an SOP run returned for revision."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from sakip_desktop.demo.office import create_demo
from sakip_desktop.demo.timeline import WIB, Story
from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.domain.periods import current_reporting_period
from sakip_desktop.ops.home.overview import default_period
from sakip_desktop.ops.home.pack_reads import late_documents
from sakip_desktop.ops.letters import list_letters
from sakip_desktop.ops.monitoring.follow_ups import latest_due
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

# anchor -> (demo year, reported quarter)
ANCHORS = {
    dt.date(2026, 12, 7): (2026, 3),  # the day the issue was written: TW III 2026 under way
    dt.date(2027, 2, 10): (2026, 4),  # January-March: the year before, its TW IV reported
    dt.date(2026, 5, 20): (2026, 1),  # the first quarter of a year under way
}


@pytest.fixture(scope="module", params=sorted(ANCHORS), ids=str)
def told(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dt.date, Path]:
    anchor: dt.date = request.param
    path = tmp_path_factory.mktemp("anchor") / "contoh.db"
    create_demo(path, anchor=anchor).close()
    return anchor, path


def _open(path: Path, tmp_path: Path) -> Database:
    copy = tmp_path / "kantor.db"
    copy.write_bytes(path.read_bytes())
    return Database.open(copy)


def test_the_demo_reports_the_quarter_of_its_anchor(told, tmp_path):
    # GIVEN a demo made on the anchor day
    anchor, path = told
    year, quarter = ANCHORS[anchor]
    db = _open(path, tmp_path)
    try:
        with db.reading() as s:
            start, end = s.execute(select(m.StrategicPlan.start_year, m.StrategicPlan.end_year)).one()
            target_years = set(s.scalars(select(m.YearlyTarget.year)))
            pk_years = set(s.scalars(select(m.PerformanceAgreement.year)))
            rows = s.execute(select(m.Realisation.year, m.Realisation.quarter, m.Realisation.status)).all()
            runs = s.execute(
                select(m.SopRun.year, m.SopRun.quarter, m.SopRun.started_at).where(m.SopRun.status == "RUNNING")
            ).all()
        # THEN its plans, PKs and realisasi are of the year reported on at the anchor, inside the Renstra
        assert target_years == pk_years == {year} == {r[0] for r in rows}
        assert start < year <= end
        # AND the quarters before the reported one are approved, the reported one under review, none after it
        assert {q for _, q, _ in rows} == set(range(1, quarter + 1))
        assert {status for _, q, status in rows if q < quarter} <= {"APPROVED"}
        assert {status for _, q, status in rows if q == quarter} == {"SUBMITTED", "VERIFIED"}
        # AND the SOP runs under way are of that quarter, started in the day or two before the anchor
        assert runs and {(y, q) for y, q, _ in runs} == {(year, quarter)}
        assert all(dt.timedelta(0) <= anchor - (started + WIB).date() <= dt.timedelta(days=3) for *_, started in runs)
        # AND the program opens on that period
        assert default_period(db, anchor) == (year, quarter)
    finally:
        db.close()


def test_nothing_in_the_demo_happens_after_its_anchor(told, tmp_path):
    anchor, path = told
    present = Story.of(anchor).present
    db = _open(path, tmp_path)
    try:
        with db.reading() as s:
            latest = s.scalar(
                # 'Ubah pengaturan perjanjian kinerja' takes no clock (ops.agreements.settings): the real now
                select(func.max(m.AuditEntry.at)).where(m.AuditEntry.entity != "setting")
            )
        assert latest is not None and latest <= present
    finally:
        db.close()


def test_due_dates_lie_around_the_anchor(told, tmp_path):
    # GIVEN the demo's tindak lanjut
    anchor, path = told
    db = _open(path, tmp_path)
    try:
        with db.reading() as s:
            follow_ups = s.execute(
                select(m.FollowUp.action, m.FollowUp.status, m.FollowUp.due_on, m.EvaluationMeeting.held_on).join(
                    m.EvaluationMeeting, m.EvaluationMeeting.id == m.FollowUp.meeting_id
                )
            ).all()
        assert len(follow_ups) == 3
        for action, status, due, held in follow_ups:
            # THEN none not done is more than a few weeks overdue ("Terlambat 486 hari" before)
            if status != "DONE":
                assert anchor - due <= dt.timedelta(weeks=5), action
            # AND every batas waktu lies within a year of its meeting (not in 2027 for a 2025 meeting)
            assert held <= due <= latest_due(held)
        # AND one is overdue, one not yet due
        assert any(status != "DONE" and due < anchor for _, status, due, _ in follow_ups)
        assert any(due > anchor for _, _, due, _ in follow_ups)
    finally:
        db.close()


def test_the_demo_sent_its_pack_but_for_the_newest_quarters_e81_and_report(told, tmp_path):
    # GIVEN a demo made on the anchor day (issue 15 §2: demo.pack)
    anchor, path = told
    db = _open(path, tmp_path)
    try:
        late = late_documents(db, anchor)
        with db.reading() as s:
            items = s.execute(select(m.PackItem.status, m.PackItem.uploaded_on)).all()
            rejected = s.scalar(
                select(func.count(m.AuditEntry.id)).where(
                    m.AuditEntry.entity == "pack_item", m.AuditEntry.new.contains('"DITOLAK"')
                )
            )
    finally:
        db.close()
    # THEN what is reminded of is the E.81 and the Laporan Kinerja Triwulan of one quarter, not the whole list
    assert sorted(d.title for d in late) == ["Formulir E.81", "Laporan Kinerja Triwulan"]
    assert len({d.period for d in late}) == 1 and all(d.deadline < anchor for d in late)
    # AND the rest was uploaded on or before the anchor, mostly accepted; one rejected with a note on the way
    assert items and all(day is not None and day <= anchor for _, day in items)
    statuses = [status for status, _ in items]
    assert statuses.count("DITERIMA") > len(statuses) / 2 and set(statuses) <= {"DIUNGGAH", "DITERIMA"}
    assert rejected == 1


def test_the_demo_has_a_surat_pengantar_and_a_run_returned_for_revision(demo_db):
    # GIVEN the demo office of the test run
    # WHEN the register's cover letters are listed THEN one is there, and its surat pengantar prints
    [letter] = list_letters(demo_db, cover_letters_only=True)
    assert letter.recipient == "Bupati Contoh" and letter.subject.startswith("Penyampaian Laporan Pengukuran Kinerja")
    pdf = catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0]
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"Nomor : {letter.agenda_number}" in text and "Penyampaian Laporan Pengukuran Kinerja" in text
    # AND one SOP run under way was sent back at a decision and waits for the step to be redone
    with demo_db.reading() as s:
        returned = s.execute(
            select(m.SopStepRun.run_id, m.SopStepRun.reason).where(m.SopStepRun.outcome == "RETURNED")
        ).all()
        open_runs = set(s.scalars(select(m.SopRun.id).where(m.SopRun.status == "RUNNING")))
        waiting = set(s.scalars(select(m.SopStepRun.run_id).where(m.SopStepRun.finished_at.is_(None))))
    assert any(run in open_runs and run in waiting and reason for run, reason in returned)


def test_sakip_demo_create_tells_the_demo_for_today(tmp_path):
    # GIVEN no demo day set (the test run pins one in $SAKIP_DEMO_DATE for every other demo)
    env = {k: v for k, v in os.environ.items() if k != "SAKIP_DEMO_DATE"}
    path = tmp_path / "contoh.db"
    # WHEN `sakip demo create` writes the demo, as an office would today
    done = subprocess.run(
        [sys.executable, "-m", "sakip_desktop.cli", "demo", "create", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    # THEN it reports on today's period, not on 2025
    today = dt.date.today()
    db = Database.open(path)
    try:
        with db.reading() as s:
            years = set(s.scalars(select(m.Realisation.year)))
            quarters = set(s.scalars(select(m.Realisation.quarter)))
        assert default_period(db, today) == current_reporting_period(today)
        assert years <= {current_reporting_period(today)[0]}
        assert max(quarters) <= current_reporting_period(today)[1]
    finally:
        db.close()


def test_a_demo_made_while_the_units_enter_the_quarter(tmp_path):
    # GIVEN an anchor in the days the units enter TW III 2026 (8-16 Oktober in the 2026 telling)
    anchor = dt.date(2026, 10, 14)
    path = tmp_path / "contoh.db"
    # WHEN the demo is made THEN it is (no refused submission of a unit still entering)
    create_demo(path, anchor=anchor).close()
    db = Database.open(path)
    try:
        with db.reading() as s:
            rows = s.execute(select(m.Realisation.quarter, m.Realisation.status)).all()
            latest = s.scalar(select(func.max(m.AuditEntry.at)).where(m.AuditEntry.entity != "setting"))
        # AND TW I-II are approved; of TW III, what is entered is a draft, submitted or verified, never approved
        assert {status for q, status in rows if q < 3} == {"APPROVED"}
        tw3 = {status for q, status in rows if q == 3}
        assert "DRAFT" in tw3 and tw3 <= {"DRAFT", "SUBMITTED", "VERIFIED"}
        assert 0 < sum(q == 3 for q, _ in rows) < 12
        assert latest <= Story.of(anchor).present
    finally:
        db.close()
