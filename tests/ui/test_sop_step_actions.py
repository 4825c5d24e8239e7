"""A step whose work the program does carries a button that opens that screen."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from _sop_fixtures import clock, context_for, decision_definition, people_of  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.sop.library import create_sop
from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from sakip_desktop.ops.sop.views import run_timeline
from sakip_desktop.sop.definition import Actor as SopActor
from ui.cycle.entry_page import EntryPage
from ui.cycle.verify_page import VerifyPage
from ui.sop.step_dialog import StepDialog

RUN_TITLE = "Pemantauan Kinerja Triwulan III 2025"


def _open_step(db, clock: SteppingClock, actions: dict[int, str], done: int, kasi_steps: tuple[int, ...] = ()) -> int:
    """A run of the decision SOP with `actions` by 1-based position, `done` steps finished; its open step.
    `kasi_steps`: positions done by a Kasi (a lane added for them)."""
    definition = decision_definition()
    steps = list(definition.steps)
    for position, action in actions.items():
        steps[position - 1] = replace(steps[position - 1], action=action)
    for position in kasi_steps:
        steps[position - 1] = replace(steps[position - 1], actor="kasi")
    actors = (*definition.actors, SopActor("kasi", "Kasi", Role.KASI))
    definition = replace(definition, code="UJI-AKSI", steps=tuple(steps), actors=actors)
    sop_id = create_sop(db, people_of(db)[Role.KASUBAG_PERENCANAAN], definition, "Untuk pengujian")
    run_id = walk_run(db, sop_id, people_of(db), clock, title=RUN_TITLE, year=2025, quarter=3, stop_before=done)
    (entry,) = [e for e in run_timeline(db, run_id, now=clock.now).entries if e.finished_at is None]
    return entry.step_run_id


def _dialog(qtbot, db, username: str, step_run_id: int, clock: SteppingClock) -> StepDialog:
    dialog = StepDialog(context_for(db, username), step_run_id, now=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.action_button.isVisible() or dialog.timeline_button.height() > 0)
    return dialog


def _look_inside(seen: list[tuple[str, QDialog, object]], page_type: type):
    """A modal handler that notes the window's title and page, then closes it."""

    def handle(window) -> None:
        assert isinstance(window, QDialog), type(window)
        seen.append((window.windowTitle(), window, window.findChild(page_type)))
        window.close()

    return handle


def test_a_verification_step_opens_the_verification_screen(qtbot, demo_db, clock, modals: Modals):
    # GIVEN step 3 (the Sekretaris) carries VERIFY, and the run waits there
    step_id = _open_step(demo_db, clock, {3: "VERIFY"}, done=2)
    dialog = _dialog(qtbot, demo_db, "sekcam", step_id, clock)
    # THEN the step offers the screen beside "Lihat alur"
    assert dialog.action_button.isVisible() and dialog.action_button.text() == "Buka verifikasi realisasi"
    # WHEN it is clicked
    seen: list = []
    modals.answer(_look_inside(seen, VerifyPage))
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    # THEN the verification screen opened in a window of its own
    ((title, window, page),) = seen
    assert title == "Verifikasi realisasi"
    assert isinstance(page, VerifyPage)
    assert window.width() >= 1000 and window.height() >= 600


def test_an_entry_step_opens_the_entry_of_the_kasis_own_seksi(qtbot, demo_db, clock, modals: Modals):
    # GIVEN step 1 carries ENTRY and is a Kasi's (the program screen is offered only to whom the step is: #13 §4)
    step_id = _open_step(demo_db, clock, {1: "ENTRY"}, done=0, kasi_steps=(1,))
    ctx_kasi = context_for(demo_db, "kasi_pem")
    (kasi_grant,) = [g for g in ctx_kasi.actor.grants if g.role is Role.KASI]
    dialog = _dialog(qtbot, demo_db, "kasi_pem", step_id, clock)
    assert dialog.action_button.text() == "Buka pengisian realisasi"
    seen: list = []
    modals.answer(_look_inside(seen, EntryPage))
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    ((title, _window, page),) = seen
    assert title == "Pengisian realisasi"
    assert isinstance(page, EntryPage) and page.unit_id == kasi_grant.unit_id


def test_a_step_without_an_action_has_no_such_button(qtbot, demo_db, clock):
    step_id = _open_step(demo_db, clock, {3: "VERIFY"}, done=0)
    dialog = _dialog(qtbot, demo_db, "kasubag_renkeu", step_id, clock)
    assert dialog.detail.action == ""
    assert not dialog.action_button.isVisible()
    assert dialog.timeline_button.isVisible()
