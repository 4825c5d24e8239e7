"""One SOP run from start to end through the real windows, people logging in and out in turn."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sakip_desktop.demo.sops import DEMO_PEOPLE
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.library import list_sops
from sakip_desktop.ops.sop.runs import start_run
from sakip_desktop.ops.sop.views import open_step, run_timeline, step_detail
from ui import app as app_module

PASSWORDS = {username: f"{username}123" for username in DEMO_PEOPLE.values()}


def _log_in_as(qtbot, username):
    def handle(dialog):
        dialog.select(username)
        qtbot.keyClicks(dialog.password, PASSWORDS[username])
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)

    return handle


def _work_the_step(qtbot, seen):
    def handle(dialog):
        seen.append((dialog.detail.position, dialog.ctx.actor.username))
        assert (dialog.editable and not dialog.finish_button.isEnabled()) or not dialog.detail.checklist
        for row in dialog.checklist.rows:
            row.check.click()
        button = dialog.approve_button if dialog.detail.is_decision else dialog.finish_button
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog.close_button.click()

    return handle


def test_a_run_goes_from_inbox_to_inbox_as_people_take_turns(qtbot, modals, demo_db):
    # GIVEN the Camat is logged in and starts "Pemantauan Kinerja" for TW III
    sop = next(s for s in list_sops(demo_db) if s.template_code == "KARANGPLOSO-PEMANTAUAN-KINERJA")
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.open_window(actor_for(demo_db, "camat"))
    run_id = start_run(demo_db, controller.ctx.actor, sop.id, "Pemantauan Kinerja Triwulan III 2025 (uji)", 2025, 3)
    seen: list[tuple[int, str]] = []
    # WHEN, step after step, the person of the step's role logs in, finds it in "Menunggu Anda" and does it
    while (step_run_id := open_step(demo_db, run_id)) is not None:
        role = step_detail(demo_db, step_run_id).role
        modals.answer(_log_in_as(qtbot, DEMO_PEOPLE[role]))
        controller.window.switch_user_action.trigger()
        qtbot.waitUntil(lambda: not modals.pending, timeout=5000)
        window = controller.window  # the controller's: it deletes it at the next switch, and closes the last one
        tab = next(t for t in window.role_tabs if t.grant.role is role)
        window.tabs.setCurrentWidget(tab)
        mine = [i for i in tab.inbox.items() if i.step_run_id == step_run_id]
        assert len(mine) == 1, f"step {step_run_id} not in the inbox of {role.label}"
        row = tab.inbox.items().index(mine[0])
        modals.answer(_work_the_step(qtbot, seen))
        tab.inbox.view.activated.emit(tab.inbox.view.model().index(row, 0))
        assert not modals.pending
    # THEN the run is done, each step by the person of its role, and the timeline says so
    run = run_timeline(demo_db, run_id)
    assert run.status_label == "Selesai"
    assert seen == [
        (1, "kasubag_renkeu"),
        (2, "analis_kebijakan"),
        (3, "sekcam"),
        (4, "camat"),
        (5, "camat"),
        (6, "kasubag_renkeu"),
    ]
    assert [e.finished_by.split(",")[0] for e in run.entries][:2] == ["Andi Prasetyo", "Wulan Sari Dewi"]
    controller.close()
