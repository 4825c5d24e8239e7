"""The demo office, creating a new office, and the `sakip` command line."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sakip_desktop.demo.office import create_demo, demo_accounts, load_demo_data
from sakip_desktop.domain.roles import Employment, Role
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.home.overview import budget_rows, default_period, indicator_rows
from sakip_desktop.ops.org.auth import actor_for, login
from sakip_desktop.ops.org.office import OfficeProfile, get_profile, get_settings
from sakip_desktop.ops.org.people import PersonInput, list_people
from sakip_desktop.ops.org.role_changes import pending_role_changes
from sakip_desktop.ops.org.setup import STANDARD_UNITS, NewOffice, create_office
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.storage import models as m
from sakip_desktop.storage.migrations import SCHEMA_VERSION


def test_demo_office_has_what_the_issue_asks_for(demo_db):
    people = list_people(demo_db)
    roles = {ref.role for p in people for ref in p.roles}
    assert 14 <= len(people) <= 16 and roles == set(Role)
    assert {p.employment for p in people} == set(Employment)
    with demo_db.reading() as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert (count(m.StrategicPlan), count(m.Goal), count(m.Objective), count(m.Indicator)) == (1, 3, 5, 12)
        indicators = s.scalars(select(m.Indicator)).all()
        assert {i.polarity for i in indicators} == {"POSITIVE", "NEGATIVE"}
        assert {"CUMULATIVE", "LAST_VALUE"} <= {i.aggregation for i in indicators}
        assert {"%", "nilai", "indeks"} & {i.unit for i in indicators} and any(i.unit == "%" for i in indicators)
        quarters = {r.quarter for r in s.scalars(select(m.Realisation))}
        assert quarters == {1, 2, 3}
        assert count(m.Program) >= 3 and count(m.BudgetSpending) > 0


def test_demo_quarterly_targets_agree_with_the_yearly_target(demo_db):
    with demo_db.reading() as s:
        for yearly in s.scalars(select(m.YearlyTarget)):
            indicator = s.get(m.Indicator, yearly.indicator_id)
            quarters = [
                q.value
                for q in s.scalars(
                    select(m.QuarterlyTarget)
                    .where(m.QuarterlyTarget.yearly_target_id == yearly.id)
                    .order_by(m.QuarterlyTarget.quarter)
                )
            ]
            if indicator.aggregation == "CUMULATIVE":
                assert sum(quarters) == yearly.value, indicator.code
            elif indicator.aggregation == "LAST_VALUE":
                assert quarters[-1] == yearly.value, indicator.code
            else:
                assert sum(quarters) / 4 == yearly.value, indicator.code


def test_demo_spending_never_exceeds_the_ceiling(demo_db):
    rows = budget_rows(demo_db, 2025, 4)
    assert rows and all(r.spent_to_date <= r.ceiling for r in rows)
    total = sum(r.ceiling for r in rows if r.level == 0)
    assert 1_500_000_000 <= total <= 3_000_000_000


def test_every_demo_account_logs_in_with_its_shown_password(demo_db):
    clock = lambda: dt.datetime(2025, 8, 13, 5, 0)  # noqa: E731
    for account in demo_accounts():
        if account.username == "kasi_trantib_lama":
            continue  # left the office in July 2025
        assert login(demo_db, account.username, account.password, clock=clock).username == account.username


def test_the_work_opens_on_the_latest_quarter_with_data(demo_db):
    assert default_period(demo_db, dt.date(2026, 11, 22)) == (2025, 3)
    rows = indicator_rows(demo_db, 2025, 3)
    assert len(rows) == 12 and all(r.actual is not None for r in rows)
    kasi_unit = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    assert {r.responsible_unit for r in indicator_rows(demo_db, 2025, 3, kasi_unit)} == {"Seksi Pemerintahan"}
    assert all(isinstance(r.year_target, Decimal) for r in rows)


# Records the demo writes through the screens' operations, each with its own audit entry.
_AUDITED = (
    "person", "acting_assignment", "strategic_plan", "goal", "objective", "qualitative_scale", "indicator",
    "renstra_target", "yearly_target", "quarterly_target", "program", "activity", "sub_activity", "budget",
    "budget_spending", "realisation", "verification_check", "performance_agreement", "sop", "sop_run",
    "monitoring_review", "recommendation", "evaluation_meeting", "meeting_participant", "follow_up",
)  # fmt: skip


def test_every_demo_record_was_written_by_a_demo_person_through_an_operation(demo_template):
    conn = sqlite3.connect(demo_template)
    try:
        # GIVEN the demo file WHEN its records are matched with the audit trail
        unaudited = "SELECT count(*) FROM {} WHERE id NOT IN (SELECT entity_id FROM audit_entry WHERE entity = ?)"
        counts = {table: conn.execute(unaudited.format(table), (table,)).fetchone()[0] for table in _AUDITED}
        # THEN every one has its entry, and the program itself wrote only the new-office wizard's
        assert {table: n for table, n in counts.items() if n} == {}
        by_program = {r[0] for r in conn.execute("SELECT operation FROM audit_entry WHERE account_id IS NULL")}
        assert by_program == {"Buat kantor baru"}
        # AND the units beyond the wizard's standard four were added by the administrator
        added = conn.execute("SELECT count(*) FROM audit_entry WHERE operation = 'Tambah unit'").fetchone()[0]
        assert added == conn.execute("SELECT count(*) FROM unit").fetchone()[0] - len(STANDARD_UNITS)
        # AND the realisasi were entered by the demo people, at the times of the demo data
        entered = conn.execute(
            "SELECT a.username, r.entered_at FROM realisation r JOIN account a ON a.person_id = r.entered_by_id"
        ).fetchall()
    finally:
        conn.close()
    expected = {(r["entered_by"], r["entered_at"].isoformat(sep=" ")) for r in load_demo_data()["realisations"]}
    assert {(who, at[:19]) for who, at in entered} == expected


def test_the_demo_changes_of_roles_are_all_acknowledged(demo_db):
    # GIVEN the demo office, whose people were added by its administrator
    # THEN the Camat and the Plh. Camat find nothing left waiting about roles
    for username in ("camat", "sekcam"):
        assert pending_role_changes(demo_db, actor_for(demo_db, username, dt.date(2025, 8, 13)).person_id) == []
    # AND the first administrator, whose password is printed on the demo's login screen too, must replace it
    # should the file ever stop being the demo office
    with demo_db.reading() as s:
        flags = set(s.scalars(select(m.Account.must_change_password)))
    assert flags == {True}


def test_a_demo_that_fails_half_way_leaves_no_file(tmp_path):
    # GIVEN demo data in which a Kasi enters the realisasi of another seksi (refused by the operation)
    data = load_demo_data()
    data["realisations"][-1] = {**data["realisations"][-1], "entered_by": "kasi_kesos", "indicator": "IK01"}
    path = tmp_path / "contoh.db"
    # WHEN the demo is created THEN it is refused and nothing is left in the folder, not even a temporary file
    with pytest.raises(PermissionDenied):
        create_demo(path, data=data)
    assert list(tmp_path.iterdir()) == []


def _new_office() -> NewOffice:
    return NewOffice(
        profile=OfficeProfile(
            regency_kind="Kabupaten",
            regency_name="Malang",
            name="Karangploso",
            address="Jalan Raya Karangploso Nomor 1",
            postal_code="65152",
        ),
        admin=PersonInput(
            name="Dyah Ekawati",
            employment=Employment.PNS,
            active_from=dt.date(2026, 1, 2),
            nip="19650430 198502 2 003",
            grade="IV/a",
            position="Camat Karangploso",
            username="dyah",
            is_admin=True,
            password="rahasia123",
        ),
        paper_size="F4",
    )


def test_create_office_makes_units_settings_and_an_administrator(empty_db):
    create_office(empty_db, _new_office())
    assert get_profile(empty_db).office_title == "Kecamatan Karangploso"
    assert get_profile(empty_db).signing_place == "Karangploso"
    assert get_settings(empty_db).paper_size == "F4"
    assert [u.code for u in list_units(empty_db)][:2] == ["PIMPINAN", "SEKRETARIAT"]
    actor = login(empty_db, "dyah", "rahasia123")
    assert actor.is_admin
    with pytest.raises(ValidationError, match="sudah berisi data kantor"):
        create_office(empty_db, _new_office())


def test_create_office_with_a_bad_field_writes_nothing(empty_db):
    bad = _new_office()
    bad = NewOffice(profile=bad.profile, admin=PersonInput(**{**bad.admin.__dict__, "nip": "123"}))
    with pytest.raises(ValidationError, match="NIP harus 18 angka"):
        create_office(empty_db, bad)
    with empty_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(m.Office)) == 0
        assert s.scalar(select(func.count()).select_from(m.AuditEntry)) == 0


def _sakip(*args):
    return subprocess.run([sys.executable, "-m", "sakip_desktop.cli", *args], capture_output=True, text=True)


def test_cli_demo_create_then_check(tmp_path):
    path = tmp_path / "contoh.db"
    created = _sakip("demo", "create", str(path))
    assert created.returncode == 0, created.stderr
    checked = _sakip("check", "--db", str(path))
    assert checked.returncode == 0
    assert f"Versi skema   : {SCHEMA_VERSION}" in checked.stdout and "baik" in checked.stdout
    again = _sakip("demo", "create", str(path))
    assert again.returncode == 1 and "sudah ada" in again.stderr


def test_cli_check_fails_on_a_damaged_or_foreign_file(demo_template, tmp_path):
    broken = tmp_path / "rusak.db"
    broken.write_bytes(demo_template.read_bytes())
    conn = sqlite3.connect(broken)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM unit WHERE code = 'SEKSI_PEMERINTAHAN'")
    conn.commit()
    conn.close()
    result = _sakip("check", "--db", str(broken))
    assert result.returncode == 1 and "Rujukan rusak" in result.stdout
    foreign = tmp_path / "bukan.db"
    foreign.write_text("halo", encoding="utf-8")
    result = _sakip("check", "--db", str(foreign))
    assert result.returncode == 1 and "bukan basis data SAKIP Desktop" in result.stderr


def test_cli_lists_the_sops_and_prints_a_sheet(demo_template, tmp_path):
    listed = _sakip("sop", "list", "--db", str(demo_template))
    # (adopted SOPs carry the office's own code, issue 13 §4: the Kalipare template is CONTOH-PENYUSUNAN-…)
    assert listed.returncode == 0 and "CONTOH-PENYUSUNAN-LAPORAN-KINERJA" in listed.stdout
    line = next(ln for ln in listed.stdout.splitlines() if "CONTOH-PENYUSUNAN-LAPORAN-KINERJA" in ln)
    sop_id = line.split()[0]
    out = tmp_path / "lkj.pdf"
    printed = _sakip("report", "sop", "--db", str(demo_template), "--sop", sop_id, "--paper", "F4", "--out", str(out))
    assert printed.returncode == 0, printed.stderr
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert "Penyusunan Laporan Kinerja (LKj)" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.width)) == 935  # F4 landscape
    missing = _sakip("report", "sop", "--db", str(demo_template), "--sop", "999", "--out", str(out))
    assert missing.returncode == 1 and "tidak" in missing.stderr


def test_cli_writes_the_sop_compliance_report(demo_template, tmp_path):
    out = tmp_path / "kepatuhan.xlsx"
    result = _sakip("report", "kepatuhan", "--db", str(demo_template), "--out", str(out))
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    headers = [c.value for c in ws[4]]
    assert headers[:3] == ["SOP", "Versi", "No"] and "Melebihi standar" in headers
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    lkj = [r for r in rows if r[0] == "Penyusunan laporan kinerja (LKj)"]  # the adopted SOP's name (#13 §4)
    assert len(lkj) == 12 and all(r[6] >= 2 for r in lkj)  # two finished runs of every step (one loop)
    returned = next(r for r in lkj if r[2] == 6)  # the decision that sent the work back once
    assert returned[12] == 1
