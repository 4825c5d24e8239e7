"""The SOP engine through its operations on a real database: runs, checklists, timers, decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.compliance import compliance
from sakip_desktop.ops.sop.library import adopt_templates, create_sop, get_definition, list_sops, save_version
from sakip_desktop.ops.sop.runs import (
    cancel_run,
    decide_step,
    finish_step,
    pause_step,
    resume_step,
    start_run,
    tick_item,
)
from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from sakip_desktop.ops.sop.views import inbox, run_timeline, step_detail
from sakip_desktop.sop.calendar import OfficeCalendar
from sakip_desktop.sop.definition import StepKind, load_templates
from sakip_desktop.sop.stdtime import StandardTime, TimeUnit
from sakip_desktop.sop.timer import elapsed

PEOPLE = {
    Role.CAMAT: "camat",
    Role.SEKRETARIS: "sekcam",
    Role.TIM_SAKIP: "analis_kebijakan",
    Role.KASUBAG_PERENCANAAN: "kasubag_renkeu",
    Role.KASUBAG_UMUM: "kasubag_umum",
    Role.KASI: "kasi_pem",
    Role.STAF: "staf_umum",
    Role.ADMIN_DATA: "admin_data",
}
MONDAY_9_WIB = dt.datetime(2025, 9, 1, 2, 0)  # stored times are UTC


@pytest.fixture
def office(demo_db):
    """The demo office (which has every template adopted, with history) and one person per role."""
    people = {role: actor_for(demo_db, username, dt.date(2025, 9, 1)) for role, username in PEOPLE.items()}
    return demo_db, people


def _adopt(db, people, code):
    """A fresh copy of a template as a new SOP, so the demo's own history does not mix in."""
    template = next(t for t in load_templates() if t.code == code)
    return create_sop(db, people[Role.KASUBAG_PERENCANAAN], replace(template, code=f"{code}-UJI"), "Uji")


def test_the_demo_has_every_template_adopted(office):
    db, _people = office
    assert {s.template_code for s in list_sops(db)} == {t.code for t in load_templates()}
    # ... each under the office's own code, not the seed office's (issue 13 §4)
    assert all(s.code.startswith("CONTOH-") for s in list_sops(db))
    with pytest.raises(ValidationError, match="sudah ada di kantor ini"):
        adopt_templates(db, office[1][Role.KASUBAG_PERENCANAAN], ["KARANGPLOSO-PEMANTAUAN-KINERJA"])


def test_every_template_is_adopted_and_runs_end_to_end(office):
    db, people = office
    for template in load_templates():
        sop_id = next(s.id for s in list_sops(db) if s.template_code == template.code)
        has_decision = any(s.kind is StepKind.DECISION for s in template.steps)
        clock = SteppingClock(MONDAY_9_WIB)
        # WHEN the run is worked through, sending the first decision back once
        run_id = walk_run(
            db,
            sop_id,
            people,
            clock,
            title=f"{template.identity.name} TW III 2025",
            year=2025,
            quarter=3,
            returns=1 if has_decision else 0,
        )
        # THEN it ends, every step was done by its role, and the loop is recorded
        run = run_timeline(db, run_id, now=clock.now)
        assert run.status == "DONE", template.code
        done_positions = {e.position for e in run.entries if e.outcome in ("DONE", "APPROVED")}
        assert done_positions == set(range(1, len(template.steps) + 1)), template.code
        assert run.returns == (1 if has_decision else 0), template.code
        for entry in run.entries:
            assert entry.role is template.actor(template.steps[entry.position - 1].actor).role
        if has_decision:
            returned = next(e for e in run.entries if e.outcome == "RETURNED")
            assert returned.reason == "Data belum lengkap, mohon dilengkapi."
            target = template.steps[returned.position - 1].on_return
            assert any(e.position == target and e.visit == 2 for e in run.entries), template.code


def test_a_step_waits_in_the_inbox_of_its_role_and_needs_its_checklist(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    clock = SteppingClock(MONDAY_9_WIB)
    run_id = start_run(db, people[Role.CAMAT], sop_id, "Pemantauan Kinerja TW III 2025", 2025, 3, clock=clock)

    # Step 1 belongs to the Kasubag Perencanaan (Sub. Evapor)
    def mine(items):
        return [i for i in items if i.run_id == run_id]

    (item,) = mine(inbox(db, people[Role.KASUBAG_PERENCANAAN], now=clock.now))
    assert item.step_number == "1" and not item.overdue
    assert mine(inbox(db, people[Role.STAF], now=clock.now)) == []
    # Someone of another role cannot finish it
    with pytest.raises(PermissionDenied, match="dikerjakan oleh Kasubag Perencanaan"):
        finish_step(db, people[Role.STAF], item.step_run_id, clock=clock)
    # Finishing needs the ticked kelengkapan
    with pytest.raises(ValidationError, match="Kelengkapan belum dicentang: Hasil Pengukuran Kinerja"):
        finish_step(db, people[Role.KASUBAG_PERENCANAAN], item.step_run_id, clock=clock)
    tick_item(
        db,
        people[Role.KASUBAG_PERENCANAAN],
        item.step_run_id,
        0,
        True,
        link="Pengukuran TW II 2025",
        attachment=("hasil.pdf", b"%PDF-1.4 hasil"),
        clock=clock,
    )
    detail = step_detail(db, item.step_run_id, now=clock.now)
    assert detail.can_finish and detail.checklist[0].attachment_name == "hasil.pdf"
    finish_step(db, people[Role.KASUBAG_PERENCANAAN], item.step_run_id, "Bahan sudah disiapkan", clock=clock)
    # THEN it passes to the Tim
    assert [i.step_number for i in mine(inbox(db, people[Role.TIM_SAKIP], now=clock.now))] == ["2"]
    kasubag = people[Role.KASUBAG_PERENCANAAN]  # also in the Tim: sees it in the Tim's tab only
    assert mine(inbox(db, kasubag, role=Role.KASUBAG_PERENCANAAN, now=clock.now)) == []
    assert [i.role for i in mine(inbox(db, kasubag, now=clock.now))] == [Role.TIM_SAKIP]


def test_overdue_steps_are_flagged_and_shown_to_the_camat(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    clock = SteppingClock(MONDAY_9_WIB)
    run_id = start_run(db, people[Role.SEKRETARIS], sop_id, "Pemantauan TW III", 2025, 3, clock=clock)

    def mine(items):
        return [i for i in items if i.run_id == run_id]

    assert mine(inbox(db, people[Role.CAMAT], now=clock.now)) == []
    later = clock.now + dt.timedelta(minutes=16)  # standard 15 menit
    (item,) = mine(inbox(db, people[Role.KASUBAG_PERENCANAAN], now=later))
    assert item.overdue
    assert [i.step_run_id for i in mine(inbox(db, people[Role.CAMAT], now=later))] == [item.step_run_id]


def test_pause_stops_the_timer_and_needs_a_reason(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    clock = SteppingClock(MONDAY_9_WIB)
    run_id = start_run(db, people[Role.CAMAT], sop_id, "Pemantauan TW III", 2025, 3, clock=clock)
    kasubag = people[Role.KASUBAG_PERENCANAAN]
    (item,) = [i for i in inbox(db, kasubag, now=clock.now) if i.run_id == run_id]
    clock.advance(minutes=10)
    with pytest.raises(ValidationError, match="alasan jeda"):
        pause_step(db, kasubag, item.step_run_id, " ", clock=clock)
    pause_step(db, kasubag, item.step_run_id, "Menunggu data dari seksi", clock=clock)
    clock.advance(hours=3)
    paused = step_detail(db, item.step_run_id, now=clock.now)
    assert paused.paused_reason == "Menunggu data dari seksi" and round(paused.elapsed.minutes) == 10
    resume_step(db, kasubag, item.step_run_id, clock=clock)
    clock.advance(minutes=4)
    running = step_detail(db, item.step_run_id, now=clock.now)
    assert running.paused_reason is None and round(running.elapsed.minutes) == 14 and not running.elapsed.over


def test_working_days_skip_weekends_national_holidays_and_office_days_off():
    calendar = OfficeCalendar()
    # Friday 15 Agustus 2025 to Tuesday 19 Agustus: the 16th-17th are a weekend (17th also Independence Day),
    # the 18th is the government's cuti bersama, so one working day has passed.
    assert calendar.working_days_between(dt.date(2025, 8, 15), dt.date(2025, 8, 19)) == 1
    assert OfficeCalendar([dt.date(2025, 8, 19)]).working_days_between(dt.date(2025, 8, 15), dt.date(2025, 8, 19)) == 0
    three_days = StandardTime(3, 3, TimeUnit.DAYS)
    start = dt.datetime(2025, 8, 14, 9, 0)  # Thursday
    took = elapsed(start, dt.datetime(2025, 8, 20, 16, 0), [], three_days, calendar)  # Wednesday after
    assert took.working_days == 3 and not took.over  # Fri 15, Tue 19, Wed 20
    took = elapsed(start, dt.datetime(2025, 8, 21, 9, 0), [], three_days, calendar)
    assert took.working_days == 4 and took.over and took.label() == "4 hari kerja"
    two_hours = StandardTime(2, 2, TimeUnit.HOURS)
    took = elapsed(start, start + dt.timedelta(hours=2, minutes=1), [], two_hours, calendar)
    assert took.over and took.label() == "2 jam 1 menit"


def test_decision_needs_a_reason_to_return_and_loops_are_recorded(office):
    db, people = office
    template = next(t for t in load_templates() if any(s.kind is StepKind.DECISION for s in t.steps))
    sop_id = _adopt(db, people, template.code)
    clock = SteppingClock(MONDAY_9_WIB)
    decision_pos = next(i for i, s in enumerate(template.steps, 1) if s.kind is StepKind.DECISION)
    run_id = walk_run(db, sop_id, people, clock, title="Uji", year=2025, quarter=3, stop_before=decision_pos - 1)
    (entry,) = [e for e in run_timeline(db, run_id, now=clock.now).entries if e.finished_at is None]
    assert entry.position == decision_pos
    decider = people[entry.role]
    for i, _ in enumerate(template.steps[decision_pos - 1].inputs):
        tick_item(db, decider, entry.step_run_id, i, True, clock=clock)
    with pytest.raises(ValidationError, match="alasan pengembalian"):
        decide_step(db, decider, entry.step_run_id, False, "", clock=clock)
    decide_step(db, decider, entry.step_run_id, False, "Angka TW III belum cocok", clock=clock)
    run = run_timeline(db, run_id, now=clock.now)
    current = next(e for e in run.entries if e.finished_at is None)
    assert current.position == template.steps[decision_pos - 1].on_return and current.visit == 2


def test_cancel_only_by_the_role_that_started_with_a_reason(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    run_id = start_run(db, people[Role.SEKRETARIS], sop_id, "Pemantauan TW III", 2025, 3)
    with pytest.raises(PermissionDenied):
        cancel_run(db, people[Role.KASUBAG_PERENCANAAN], run_id, "salah periode")
    with pytest.raises(ValidationError, match="alasan pembatalan"):
        cancel_run(db, people[Role.SEKRETARIS], run_id, "")
    cancel_run(db, people[Role.SEKRETARIS], run_id, "Salah periode")
    run = run_timeline(db, run_id)
    assert run.status_label == "Dibatalkan" and run.cancel_reason == "Salah periode"
    assert [i for i in inbox(db, people[Role.KASUBAG_PERENCANAAN]) if i.run_id == run_id] == []


def test_runs_keep_the_version_they_started_with(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    run_id = start_run(db, people[Role.CAMAT], sop_id, "Pemantauan TW III", 2025, 3)
    definition = get_definition(db, sop_id)
    steps = list(definition.steps)
    steps[0] = type(steps[0])(**{**steps[0].__dict__, "time": "30 menit"})
    changed = type(definition)(**{**definition.__dict__, "steps": tuple(steps)})
    assert save_version(db, people[Role.KASUBAG_PERENCANAAN], sop_id, changed, "Waktu langkah 1 jadi 30 menit") == 2
    assert next(s for s in list_sops(db) if s.id == sop_id).version == 2
    assert run_timeline(db, run_id).version == 1
    assert run_timeline(db, run_id).entries[0].standard_label == "15 menit"


def test_compliance_reports_real_times_against_the_standard(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    for minutes in (10, 20, 40):  # step 1's standard is 15 menit
        clock = SteppingClock(MONDAY_9_WIB)
        walk_run(db, sop_id, people, clock, title="TW", year=2025, quarter=3, step_minutes=lambda p, m=minutes: m)
    first = next(c for c in compliance(db, sop_id) if c.position == 1)
    assert (first.count, first.median, first.worst, first.over_standard) == (3, 20, 40, 2)
    assert first.unit_label == "menit" and first.standard_label == "15 menit"


def test_compliance_is_measured_per_version_against_that_versions_standard(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    walk_run(
        db, sop_id, people, SteppingClock(MONDAY_9_WIB), title="TW", year=2025, quarter=3, step_minutes=lambda p: 40
    )
    # WHEN a step is inserted in front (version 2)
    definition = get_definition(db, sop_id)
    extra = replace(definition.steps[0], number="0", activity="Menyiapkan rapat koordinasi", time="2 jam")
    save_version(
        db,
        people[Role.KASUBAG_PERENCANAAN],
        sop_id,
        replace(definition, steps=(extra, *definition.steps)),
        "Langkah persiapan ditambahkan",
    )
    rows = compliance(db, sop_id)
    # THEN version 1's history stays with version 1's steps, and version 2 starts with no runs
    v1_first = next(r for r in rows if r.version == 1 and r.position == 1)
    v2_first = next(r for r in rows if r.version == 2 and r.position == 1)
    assert (v1_first.count, v1_first.median, v1_first.standard_label) == (1, 40, "15 menit")
    assert (v2_first.count, v2_first.standard_label) == (0, "2 jam")


def test_a_reference_is_kept_when_the_tick_changes_and_files_can_be_removed(office):
    db, people = office
    sop_id = _adopt(db, people, "KARANGPLOSO-PEMANTAUAN-KINERJA")
    clock = SteppingClock(MONDAY_9_WIB)
    run_id = start_run(db, people[Role.CAMAT], sop_id, "TW III", 2025, 3, clock=clock)
    kasubag = people[Role.KASUBAG_PERENCANAAN]
    (item,) = [i for i in inbox(db, kasubag, now=clock.now) if i.run_id == run_id]
    tick_item(
        db, kasubag, item.step_run_id, 0, True, link="Berita acara 12/2025", attachment=("ba.pdf", b"%PDF"), clock=clock
    )
    tick_item(db, kasubag, item.step_run_id, 0, False, clock=clock)
    check = step_detail(db, item.step_run_id, now=clock.now).checklist[0]
    assert (check.checked, check.link, check.attachment_name) == (False, "Berita acara 12/2025", "ba.pdf")
    tick_item(db, kasubag, item.step_run_id, 0, True, remove_attachment=True, clock=clock)
    check = step_detail(db, item.step_run_id, now=clock.now).checklist[0]
    assert (check.checked, check.attachment_name) == (True, "")
    assert run_timeline(db, run_id).started_role is Role.CAMAT


def test_an_sop_nobody_may_start_is_refused(office):
    db, people = office
    template = next(t for t in load_templates() if t.code == "KARANGPLOSO-PEMANTAUAN-KINERJA")
    with pytest.raises(ValidationError, match="peran yang boleh memulai"):
        create_sop(db, people[Role.KASUBAG_PERENCANAAN], replace(template, code="X", start_roles=()))
