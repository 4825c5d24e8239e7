"""A run's alur: the loop of a returned decision, times over the standard, and cancelling with a reason."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals, table_texts  # noqa: F401  (fixtures)
from _sop_fixtures import add_decision_sop, clock, context_for, people_of  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from sakip_desktop.ops.sop.views import run_timeline
from ui.sop.timeline_dialog import TimelineDialog
from ui.widgets.colours import LATE_COLOUR as OVER_COLOUR
from ui.widgets.colours import OPEN_COLOUR
from ui.widgets.dialogs import ReasonDialog

NO, ACTIVITY, ROLE, VISIT, START, END, BY, TOOK, STANDARD, OUTCOME, REMARKS = range(11)


def _walk(db, clock: SteppingClock, **kwargs) -> int:
    sop_id = add_decision_sop(db)
    return walk_run(
        db, sop_id, people_of(db), clock, title="Pemantauan Kinerja Triwulan III 2025", year=2025, quarter=3, **kwargs
    )


def _dialog(qtbot, db, username: str, run_id: int, clock: SteppingClock) -> TimelineDialog:
    dialog = TimelineDialog(context_for(db, username), run_id, now=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _background(dialog: TimelineDialog, row: int) -> QColor | None:
    return dialog.table.model().index(row, ACTIVITY).data(Qt.ItemDataRole.BackgroundRole)


def test_a_returned_decision_shows_as_a_loop_with_the_reason(qtbot, demo_db, clock, qtmodeltester):
    # GIVEN a finished run whose decision (step 4) was sent back once; every step took 30 minutes
    run_id = _walk(demo_db, clock, returns=1)
    # WHEN the Camat opens its alur
    dialog = _dialog(qtbot, demo_db, "camat", run_id, clock)
    # THEN the header says what ran, how it ended and that work was sent back
    assert dialog.title_label.text() == "Pemantauan Kinerja Triwulan III 2025"
    assert dialog.sop_label.text() == "Pemantauan Kinerja (uji keputusan) (versi 1) · Triwulan III 2025"
    assert dialog.status_label.text() == "Selesai, dikembalikan 1 kali"
    assert dialog.started_label.text() == "1 Sep 2025 09.00 oleh Ardiansyah Nugroho, S.STP., M.Si."
    assert dialog.end_caption.text() == "Selesai:" and dialog.end_label.text() == "1 Sep 2025 13.00"
    # ... the steps in the order they happened, steps 3 and 4 visited twice, each by the number the SOP gives it
    # (the seed numbers them 1, 2, 1, 2, 3, 4)
    assert table_texts(dialog.table, NO) == ["1", "2", "1", "2", "1", "2", "3", "4"]
    assert table_texts(dialog.table, VISIT) == ["", "", "", "", "ke-2", "ke-2", "", ""]
    assert table_texts(dialog.table, OUTCOME)[3:6] == ["Dikembalikan", "Selesai", "Disetujui"]
    assert table_texts(dialog.table, REMARKS)[3] == "Data belum lengkap, mohon dilengkapi."
    assert table_texts(dialog.table, ROLE)[:4] == ["Kasubag Perencanaan", "Tim SAKIP", "Sekretaris", "Camat"]
    assert table_texts(dialog.table, START)[0] == "1 Sep 09.00" and table_texts(dialog.table, END)[0] == "1 Sep 09.30"
    # ... 30 minutes is over a 15-minute standard (marked and red) but within "1 jam"
    assert table_texts(dialog.table, TOOK)[:2] == ["⚠ 30 menit", "30 menit"]
    assert table_texts(dialog.table, STANDARD)[:2] == ["15 menit", "1 jam"]
    assert _background(dialog, 0) == QColor(OVER_COLOUR)
    assert _background(dialog, 1) is None
    # ... and a finished run cannot be cancelled
    assert not dialog.cancel_button.isVisible()
    qtmodeltester.check(dialog.model)


def test_the_step_under_way_is_marked_and_only_the_starting_role_may_cancel(qtbot, demo_db, clock):
    # GIVEN a run waiting at step 2, 10 minutes in (standard 1 jam)
    run_id = _walk(demo_db, clock, stop_before=1, step_minutes=lambda _p: 5)
    clock.advance(minutes=10)
    # WHEN the Camat (who started it) and a staff member look at it
    camat = _dialog(qtbot, demo_db, "camat", run_id, clock)
    staff = _dialog(qtbot, demo_db, "staf_umum", run_id, clock)
    # THEN the open step is marked as under way
    assert table_texts(camat.table, OUTCOME)[-1] == "Sedang dikerjakan"
    assert table_texts(camat.table, TOOK)[-1] == "10 menit"
    assert _background(camat, 1) == QColor(OPEN_COLOUR)
    assert not camat.end_label.isVisible()
    # ... and only the Camat is offered to cancel
    assert camat.cancel_button.isVisible()
    assert not staff.cancel_button.isVisible()


def test_cancelling_needs_a_reason_and_ends_the_run(qtbot, demo_db, clock, modals: Modals):
    # GIVEN a run under way, opened by the Camat who started it
    run_id = _walk(demo_db, clock, stop_before=2)
    dialog = _dialog(qtbot, demo_db, "camat", run_id, clock)
    problems: list[str] = []

    # WHEN he cancels, first without a reason, then with one
    def give_reason(reason_dialog):
        assert isinstance(reason_dialog, ReasonDialog)
        qtbot.mouseClick(reason_dialog.save_button, Qt.MouseButton.LeftButton)
        problems.append(reason_dialog.problem_text())
        qtbot.keyClicks(reason_dialog.text_edit, "Salah periode; dimulai ulang untuk TW III")
        qtbot.mouseClick(reason_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(give_reason)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    # THEN the reason was required, and the run is cancelled with it
    assert problems == ["Tulis alasan pembatalan."]
    run = run_timeline(demo_db, run_id, now=clock.now)
    assert run.status == "CANCELLED" and run.cancel_reason == "Salah periode; dimulai ulang untuk TW III"
    assert dialog.status_label.text() == "Dibatalkan"
    assert dialog.end_caption.text() == "Dibatalkan:"
    assert dialog.end_label.text().endswith("alasan: Salah periode; dimulai ulang untuk TW III")
    assert table_texts(dialog.table, OUTCOME)[-1] == "Dibatalkan"
    assert not dialog.cancel_button.isVisible()
