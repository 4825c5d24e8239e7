"""The Camat's dasbor: the figures are the measurement's, banded by the office's bands; serapan, trends and
what is late."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Band
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.measurement.bands import update_bands
from sakip_desktop.ops.measurement.budget import budget_measurement
from sakip_desktop.ops.measurement.capaian import measure, objective_summary, office_summary
from sakip_desktop.ops.monitoring.evaluation import MeetingInput, create_meeting
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up, report_progress
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.views import inbox

DAY = dt.date(2025, 8, 13)


def _by_code(items):
    return {i.code: i for i in items}


def test_sasaran_and_indicators_carry_the_measurement_figures_and_bands(demo_db):
    # GIVEN the demo office at TW III 2025 (TW I-II approved, TW III submitted)
    rows = measure(demo_db, 2025, 3)
    expected = {o.code: o for o in objective_summary(rows)}

    # WHEN the dasbor is read
    board = dashboard(demo_db, 2025, 3, DAY)

    # THEN each sasaran has the measurement's capaian to date and its band
    assert [o.code for o in board.objectives] == ["S1", "S2", "S3", "S4", "S5"]
    for bar in board.objectives:
        assert bar.achievement == expected[bar.code].achievement
        assert bar.band == expected[bar.code].band
    s5 = _by_code(board.objectives)["S5"]
    assert formats.percent(s5.achievement) == "90,20%"
    assert (s5.band.label, s5.band.colour) == ("Baik", "#4caf50")  # 76 <= 90,20 < 91
    assert board.office == office_summary(rows)
    # ... and each indicator its capaian TW III and to date, each in its band
    ik09 = _by_code(board.indicators)["IK09"]
    row = next(r for r in rows if r.info.code == "IK09")
    assert (ik09.achievement_quarter, ik09.achievement_to_date) == (row.achievement_quarter, row.achievement_to_date)
    assert formats.percent(ik09.achievement_quarter) == "87,50%"
    assert ik09.band_quarter.label == "Baik"
    assert board.pending == 12  # TW III is not approved yet


def test_band_edges_and_display_cap_are_the_offices(demo_db):
    # GIVEN the administrator sets two bands with the edge at exactly 100 and a display cap of 101
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    bands = (Band(Decimal(100), "Tercapai", "#00897b"), Band(Decimal("-Infinity"), "Belum tercapai", "#d81b60"))
    update_bands(demo_db, admin, bands, Decimal(101))

    # WHEN the dasbor is read
    board = dashboard(demo_db, 2025, 3, DAY)

    # THEN a capaian of exactly 100 is in the upper band, anything below in the lower, with their colours
    indicators = _by_code(board.indicators)
    assert indicators["IK03"].achievement_to_date == 100
    assert indicators["IK03"].band_to_date.colour == "#00897b"
    assert indicators["IK09"].band_to_date.colour == "#d81b60"  # 87,50
    objectives = _by_code(board.objectives)
    assert objectives["S5"].band.label == "Belum tercapai"  # 90,20
    # ... and a sasaran above the cap is shown at the cap, banded on its real value
    assert objectives["S2"].achievement > 101
    assert objectives["S2"].shown == 101
    assert objectives["S2"].band.label == "Tercapai"
    assert board.scale.bands == bands


def test_trend_has_the_quarters_and_years_with_realisasi(demo_db):
    # GIVEN the demo office has realisasi for TW I-III of 2025 and none for TW IV
    # WHEN the dasbor of TW IV is read
    board = dashboard(demo_db, 2025, 4, DAY)

    # THEN the quarter trend has TW I-III, each the office's capaian to date as measured
    assert [p.label for p in board.quarter_trend] == ["TW I", "TW II", "TW III"]
    for point in board.quarter_trend:
        office = office_summary(measure(demo_db, 2025, point.quarter))
        assert (point.achievement, point.band) == (office.achievement, office.band)
    # ... and the year trend has 2025, measured to its last quarter with realisasi
    assert [(p.label, p.quarter) for p in board.year_trend] == [("2025", 3)]
    assert board.year_trend[0].achievement == board.quarter_trend[-1].achievement

    # WHEN the dasbor of TW II is read, the trend stops there
    earlier = dashboard(demo_db, 2025, 2, DAY)
    assert [p.label for p in earlier.quarter_trend] == ["TW I", "TW II"]
    assert [(p.label, p.quarter) for p in earlier.year_trend] == [("2025", 2)]


def test_serapan_per_program_and_in_total(demo_db):
    # GIVEN the demo budget (pagu 2025 and spending TW I-III)
    # WHEN the dasbor of TW III is read
    board = dashboard(demo_db, 2025, 3, DAY)

    # THEN serapan is the budget measurement's, per program and in total
    assert board.budget == budget_measurement(demo_db, 2025, 3)
    assert [p.code for p in board.budget.programs] == ["7.01.01", "7.01.02", "7.01.03"]
    total = board.budget.total
    assert (total.ceiling, total.spent_to_date) == (1_813_450_000, 1_361_960_000)
    assert formats.percent(total.absorption) == "75,10%"  # 1.361.960.000 / 1.813.450.000
    assert formats.percent(board.budget.programs[2].absorption) == "57,43%"  # 80.400.000 / 140.000.000


def test_overdue_sop_steps_are_those_over_their_standard_time(demo_db):
    # GIVEN the demo's SOP runs with steps waiting, one of them for the Kasubag Perencanaan
    camat = actor_for(demo_db, "camat", DAY)
    later = utcnow() + dt.timedelta(days=30)
    waiting = inbox(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), role=Role.KASUBAG_PERENCANAAN, now=later)
    assert waiting

    # WHEN the dasbor is read a month later
    board = dashboard(demo_db, 2025, 3, DAY, now=later)

    # THEN every step over its standard time is listed, as in the Camat's inbox, and only those
    assert board.overdue_steps
    assert all(step.overdue for step in board.overdue_steps)
    camat_overdue = [i.step_run_id for i in inbox(demo_db, camat, role=Role.CAMAT, now=later) if i.overdue]
    assert [s.step_run_id for s in board.overdue_steps] == camat_overdue
    assert {w.step_run_id for w in waiting if w.overdue} <= {s.step_run_id for s in board.overdue_steps}


def test_overdue_follow_ups_are_those_past_due_and_not_done(demo_db):
    # GIVEN the demo's tindak lanjut, and a meeting of TW II with three more for Kasi Pemerintahan
    already = {f.id for f in dashboard(demo_db, 2025, 3, DAY).overdue_follow_ups}
    sekcam = actor_for(demo_db, "sekcam", DAY)
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    meeting = create_meeting(demo_db, sekcam, MeetingInput(2025, "QUARTER", 2, dt.date(2025, 7, 10)))

    def follow_up(action: str, due: dt.date) -> int:
        return add_follow_up(demo_db, sekcam, FollowUpInput(action, kasi.person_id, due), meeting_id=meeting)

    late = follow_up("Perbaiki data desa", dt.date(2025, 8, 1))
    follow_up("Susun jadwal pembinaan", dt.date(2025, 9, 1))  # not due yet
    done = follow_up("Kirim laporan", dt.date(2025, 7, 31))
    report_progress(demo_db, kasi, done, "DONE", 100, "Sudah dikirim.")

    # WHEN the dasbor is read on 13 Agustus 2025
    board = dashboard(demo_db, 2025, 3, DAY)

    # THEN of the new ones only the one past due and not done is listed, with who, when and how late,
    # the longest overdue first
    assert {f.id for f in board.overdue_follow_ups} - already == {late}
    dues = [f.due_on for f in board.overdue_follow_ups]
    assert dues == sorted(dues) and all(due < DAY for due in dues)
    item = next(f for f in board.overdue_follow_ups if f.id == late)
    assert item.action == "Perbaiki data desa"
    assert item.responsible.startswith(kasi.name.split(",")[0])
    assert (item.due_on, item.days_overdue, item.status, item.progress) == (dt.date(2025, 8, 1), 12, "OPEN", 0)
    assert item.meeting_title == "Rapat Evaluasi Kinerja Triwulan II 2025"


def test_a_year_without_targets_has_nothing_to_measure(demo_db):
    # GIVEN no targets for 2030 WHEN its dasbor is read THEN it is empty, not an error
    board = dashboard(demo_db, 2030, 1, DAY)
    assert not board.has_measurement
    assert board.objectives == () and board.quarter_trend == ()
    assert [p.label for p in board.year_trend] == ["2025"]
