"""One code path, two engines (issue 17): the demo office read on its SQLite file and on a PostgreSQL server must
give the same answers, read for read, and the same LKj PDF.

The server copy is made as the kabupaten's consolidation makes it: the tables from the models, every row copied
through the models' column types with its id kept, the sequences set after (`storage/pg_load.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import socket
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _pg_server import PgServer, load_file, server_database
from pypdf import PdfReader
from sqlalchemy import func, select, text

from sakip_desktop.errors import DatabaseError, DatabaseReadOnly
from sakip_desktop.ops.agreements.views import get_agreement, list_agreements
from sakip_desktop.ops.audit.check import check_audit_trail
from sakip_desktop.ops.audit.trail import find_audit
from sakip_desktop.ops.e81.figures import indicator_figures
from sakip_desktop.ops.e81.form import e81_form
from sakip_desktop.ops.home import first_reads
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.home.first_steps import first_steps
from sakip_desktop.ops.home.overview import budget_rows, default_period, indicator_rows
from sakip_desktop.ops.home.waiting_work import open_periods, waiting_work
from sakip_desktop.ops.letters import list_letters
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.lkj.history import lkj_history
from sakip_desktop.ops.measurement.capaian import measure_all
from sakip_desktop.ops.measurement.year import measure_year
from sakip_desktop.ops.monitoring.evaluation_views import list_meetings, meeting_detail
from sakip_desktop.ops.monitoring.follow_up_views import follow_ups_for, overdue_follow_ups
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.pack.checklist import checklist, overdue_items
from sakip_desktop.ops.planning.budget import budget_tree
from sakip_desktop.ops.realisation.entry import revise
from sakip_desktop.ops.sop.library import add_day_off, list_sops
from sakip_desktop.ops.sop.views import list_runs, run_timeline
from sakip_desktop.storage import models as m
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

YEAR = 2025
TODAY = dt.date(2025, 10, 15)  # the demo's anchor (conftest)
NOW = dt.datetime(2025, 10, 15, 9, 0)


@pytest.fixture(scope="module")
def engines(pg_server: PgServer, demo_template: Path) -> Iterator[tuple[Database, Database]]:
    """The demo office on its file and, copied row by row, on the server (read-only use: module-scoped)."""
    name = pg_server.create_database()
    load_file(demo_template, pg_server.url(name))
    on_file, on_server = Database.open(demo_template), Database.open_url(pg_server.url(name))
    yield on_file, on_server
    on_file.close()
    on_server.close()
    pg_server.drop_database(name)


def _usernames(db: Database) -> list[str]:
    with db.plain_reading() as conn:
        return [u for (u,) in sql.rows(conn, "SELECT username FROM account ORDER BY username")]


def _work_of_everyone(db: Database) -> dict[tuple[str, str], Any]:
    found = {}
    for username in _usernames(db):
        actor = actor_for(db, username, TODAY)
        for grant in actor.grants:
            found[(username, repr(grant))] = waiting_work(db, grant, actor.person_id, TODAY)
    return found


def _unordered(found: Any) -> Any:
    """Rows of a query without ORDER BY (a GROUP BY's): each engine returns them in its own order."""
    if isinstance(found, tuple) and hasattr(found, "_fields"):
        return type(found)(*(_unordered(v) for v in found))
    return sorted(found, key=repr) if isinstance(found, list) else found


def _first_screen(db: Database) -> dict[str, Any]:
    return {
        "office": first_reads.office_row(db, ["name", "address"]),
        "settings": first_reads.settings(db),
        "login": first_reads.login_list(db, TODAY),
        "accounts": [first_reads.account(db, u, TODAY) for u in _usernames(db)],
        "passwords": [first_reads.must_change_password(db, u) for u in _usernames(db)],
        "years": first_reads.plan_years(db),
        "period": first_reads.period_facts(db, YEAR),
        "role changes": first_reads.role_changes_waiting(db, None),
        "tallies": _unordered(first_reads.waiting_tallies(db)),
        "steps": first_reads.step_periods(db),
        "units": first_reads.units(db),
        "sop steps": first_reads.open_sop_steps(db),
        "returns": first_reads.sop_returns(db, [1, 2, 3, 4, 5]),
        "overdue": first_reads.follow_ups(db, "overdue", before=TODAY),
        "indicators": [first_reads.indicator_table(db, YEAR, q, None) for q in (1, 2, 3, 4)],
        "last quarters": first_reads.last_realised_quarters(db, YEAR),
        "measurement": first_reads.measurement(db, [YEAR - 1, YEAR], None, "capaian_scale"),
        "budget": [_unordered(first_reads.budget(db, YEAR, q)) for q in (1, 2, 3, 4)],
    }


# Every read the office's screens and documents are built from, named for the failure message.
READS: dict[str, Callable[[Database], Any]] = {
    "first screen": _first_screen,
    "profile": get_profile,
    "default period": lambda db: default_period(db, TODAY),
    "indicator rows": lambda db: [indicator_rows(db, YEAR, q) for q in (1, 2, 3, 4)],
    "budget rows": lambda db: [budget_rows(db, YEAR, q) for q in (1, 2, 3, 4)],
    "dashboard": lambda db: [dashboard(db, YEAR, q, TODAY, now=NOW) for q in (1, 2, 3)],
    "open periods": lambda db: open_periods(db, TODAY),
    "waiting work": _work_of_everyone,
    "first steps": lambda db: first_steps(db, YEAR, TODAY),
    "measurement": lambda db: measure_all(db, [YEAR - 1, YEAR]),
    "year measurement": lambda db: measure_year(db, YEAR),
    "lkj data": lambda db: lkj_data(db, YEAR, today=TODAY),
    "e81 form": lambda db: [e81_form(db, YEAR, q) for q in (1, 2, 3)],
    "e81 figures": lambda db: indicator_figures(db, YEAR, 3),
    "follow-ups": lambda db: [follow_ups_for(db, None, TODAY), overdue_follow_ups(db, TODAY)],
    "meetings": lambda db: [(v, meeting_detail(db, v.id, TODAY)) for v in list_meetings(db)],
    "agreements": lambda db: [(a, get_agreement(db, a.agreement_id or 0)) for a in list_agreements(db, YEAR)],
    "lkj history": lambda db: lkj_history(db, lkj_data(db, YEAR, today=TODAY)),
    "people": lambda db: list_people(db, TODAY),
    "units": lambda db: list_units(db, TODAY),
    "settings": get_settings,
    "sops": lambda db: list_sops(db, include_inactive=True),
    "letters": lambda db: list_letters(db),
    "sop runs": lambda db: [(r, run_timeline(db, r.id, now=NOW)) for r in list_runs(db)],
    "budget tree": lambda db: budget_tree(db, YEAR),
    "pack checklist": lambda db: [checklist(db, YEAR, TODAY), overdue_items(db, TODAY)],
    "audit trail": lambda db: find_audit(db, limit=None),
    "audit check": check_audit_trail,
}


@pytest.mark.parametrize("name", list(READS))
def test_every_read_gives_the_same_on_sqlite_and_postgresql(engines: tuple[Database, Database], name: str):
    on_file, on_server = engines
    # WHEN the same read runs on the demo's file and on its copy on the server
    read = READS[name]
    expected, got = read(on_file), read(on_server)
    # THEN the answers are equal (and there is something to compare)
    assert expected, f"{name}: nothing read on SQLite"
    assert got == expected, name


def test_the_copied_audit_trail_is_whole_on_the_server(engines: tuple[Database, Database]):
    # WHEN the audit trail copied onto the server is checked (its hashes were made on SQLite's values)
    verdict = check_audit_trail(engines[1])
    # THEN the chain and the sealed records are intact
    assert verdict.available and verdict.entries > 100 and verdict.ok, verdict.problems


def _pdf(db: Database) -> tuple[int, list[str]]:
    from sakip_desktop.documents.lkj.output import render_lkj

    out = io.BytesIO()
    rendered = render_lkj(db, YEAR, out, day=dt.date(2026, 2, 20))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert rendered.pages == len(pages)
    return len(pages), pages


def test_the_lkj_pdf_is_the_same_from_both_engines(engines: tuple[Database, Database]):
    # WHEN the LKj of the demo year is built from the file and from the server
    on_file, on_server = (_pdf(db) for db in engines)
    # THEN it has as many pages with the same text
    assert on_file[0] > 10
    assert on_server == on_file


def test_the_server_copy_takes_new_rows_after_its_sequences_are_set(pg_server: PgServer, demo_template: Path):
    # GIVEN the demo copied onto the server with its ids
    name = pg_server.create_database()
    db = load_file(demo_template, pg_server.url(name))
    db = Database.open_url(pg_server.url(name))
    try:
        # WHEN a new unit and a second person without a NIP are added through the ORM
        with db.transaction() as s:
            highest = s.scalar(select(func.max(m.Person.id)))
            unit = m.Unit(code="BARU", name="Seksi Baru", kind="SEKSI")
            s.add(unit)
            s.flush()
            for name_ in ("Tanpa NIP Satu", "Tanpa NIP Dua"):
                s.add(m.Person(name=name_, nip="", position="Staf", active_from=TODAY, unit_id=unit.id))
        # THEN they get the next ids (no collision with the copied ones), and both people without NIP are kept
        with db.reading() as s:
            added = s.scalars(select(m.Person.name).where(m.Person.id > highest).order_by(m.Person.id)).all()
        assert added == ["Tanpa NIP Satu", "Tanpa NIP Dua"]
    finally:
        db.close()
        pg_server.drop_database(name)


@pytest.fixture
def server_demo(pg_server: PgServer, pg_demo: str) -> Iterator[Database]:
    """A private copy of the demo on the server, to write to."""
    yield from server_database(pg_server, pg_demo)


def _approved(db: Database) -> int:
    with db.reading() as s:
        found = s.scalar(select(func.min(m.Realisation.id)).where(m.Realisation.status == "APPROVED"))
    assert found is not None
    return found


def test_two_writers_at_once_on_the_server_leave_a_whole_chain(server_demo: Database):
    # GIVEN two threads writing to the server at the same time: days off, and revisions of a sealed realisasi
    db, errors = server_demo, []
    before = check_audit_trail(db).entries
    admin, camat = actor_for(db, "kasubag_renkeu", TODAY), actor_for(db, "camat", TODAY)
    approved = _approved(db)

    def days_off() -> None:
        for i in range(20):
            try:
                add_day_off(db, admin, dt.date(2030, 1, 1) + dt.timedelta(days=i), f"Libur uji {i}")
            except Exception as exc:  # collected: the test names what failed
                errors.append(repr(exc))

    def revisions() -> None:
        for i in range(20):
            try:
                revise(db, camat, approved, Decimal(100 + i), f"Uji {i}")
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=days_off), threading.Thread(target=revisions)]
    # WHEN both run to the end
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN nothing failed, every write is in the trail (a revision writes two entries) and the chain is whole
    assert errors == []
    verdict = check_audit_trail(db)
    assert verdict.ok and verdict.entries == before + 20 + 2 * 20, verdict.problems


def test_a_record_changed_on_the_server_behind_the_programs_back_is_found(server_demo: Database):
    # GIVEN an approved realisasi changed on the server with plain SQL, not through the program
    db = server_demo
    approved = _approved(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE realisation SET value = '999' WHERE id = :id"), {"id": approved})
    # THEN the check names it
    assert check_audit_trail(db).record_problems[0].startswith("Realisasi ")
    # WHEN the Camat then revises it through the program (its seal is renewed)
    revise(db, actor_for(db, "camat", TODAY), approved, Decimal(7), "Perbaikan angka")
    # THEN the record matches its new seal, and a finding keeps what happened before
    verdict = check_audit_trail(db)
    assert verdict.ok and len(verdict.findings) == 1


def test_a_server_database_opened_read_only_refuses_writes_with_the_reason(pg_server: PgServer, pg_demo: str):
    # GIVEN the demo on the server, opened read-only with a reason
    name = pg_server.create_database(pg_demo)
    reason = "Data kecamatan di basis data kabupaten hanya untuk dibaca."
    db = Database.open_url(pg_server.url(name), read_only=reason)
    try:
        # WHEN it is read, and an operation tries to write
        assert get_profile(db).name == "Contoh"
        with pytest.raises(DatabaseReadOnly) as refused:
            revise(db, actor_for(db, "camat", TODAY), _approved(db), Decimal(7), "Perbaikan angka")
        # THEN reads work, the write is refused with the reason, and the server itself refuses writes too
        assert refused.value.message == reason
        with pytest.raises(Exception, match="read-only transaction"), db.engine.begin() as conn:
            conn.execute(text("UPDATE office SET name = 'X'"))
    finally:
        db.close()
        pg_server.drop_database(name)


def test_a_server_that_cannot_be_reached_is_named_in_the_message():
    # GIVEN a URL where no server listens
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # WHEN it is opened THEN the office's error names the database (without a password) and why
    with pytest.raises(DatabaseError, match=rf"127\.0\.0\.1:{port}/kab tidak dapat dihubungi") as refused:
        Database.open_url(f"postgresql+psycopg://kab:rahasia@127.0.0.1:{port}/kab")
    assert "rahasia" not in refused.value.message
