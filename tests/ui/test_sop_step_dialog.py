"""The step screen driven as the people of the demo office would: ticking, attaching, pausing, finishing, returning."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from _sop_fixtures import (  # noqa: F401  (fixtures)
    add_decision_sop,
    choose_file,
    clock,
    context_for,
    decision_definition,
    people_of,
)
from PySide6.QtCore import QPoint, Qt

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.sop.library import create_sop
from sakip_desktop.ops.sop.runs import start_run
from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from sakip_desktop.ops.sop.views import inbox, run_timeline, step_detail
from ui.sop.step_dialog import StepDialog
from ui.sop.step_texts import OVER_STYLE
from ui.widgets.dialogs import ReasonDialog

RUN_TITLE = "Pemantauan Kinerja Triwulan III 2025"


def _run(db, clock: SteppingClock, actions: int = 0) -> int:
    """A run of the SOP with a decision, `actions` steps already done by their people."""
    sop_id = add_decision_sop(db)
    if actions == 0:
        return start_run(db, people_of(db)[Role.CAMAT], sop_id, RUN_TITLE, 2025, 3, clock=clock)
    return walk_run(db, sop_id, people_of(db), clock, title=RUN_TITLE, year=2025, quarter=3, stop_before=actions)


def _open_step(db, run_id: int, clock: SteppingClock) -> int:
    (entry,) = [e for e in run_timeline(db, run_id, now=clock.now).entries if e.finished_at is None]
    return entry.step_run_id


def _dialog(qtbot, db, username: str, step_run_id: int, clock: SteppingClock) -> StepDialog:
    dialog = StepDialog(context_for(db, username), step_run_id, now=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    # Laid out, so clicks land on the buttons.
    qtbot.waitUntil(lambda: all(r.check.height() > 0 and r.link.height() > 0 for r in dialog.checklist.rows))
    return dialog


def _tick(qtbot, dialog: StepDialog, index: int) -> None:
    box = dialog.checklist.rows[index].check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_selesai_waits_for_every_item_and_finishing_hands_the_run_to_the_next_role(qtbot, demo_db, clock):
    # GIVEN a run waiting at step 1 (Sub. Evapor = Kasubag Perencanaan), opened by the Kasubag 5 minutes later
    run_id = _run(demo_db, clock)
    step_id = _open_step(demo_db, run_id, clock)
    clock.advance(minutes=5)
    dialog = _dialog(qtbot, demo_db, "kasubag_renkeu", step_id, clock)
    # THEN the screen says what to do, by whom, against which standard, and Selesai is not yet possible
    assert dialog.run_label.text() == RUN_TITLE
    assert dialog.sop_label.text() == "SOP Pemantauan Kinerja (uji keputusan)"
    assert dialog.position_label.text() == "Langkah 1 · langkah ke-1 dari 6"
    assert dialog.actor_label.text() == "Sub. Evapor (peran Kasubag Perencanaan)"
    assert dialog.timer_label.text() == "Berjalan: 5 menit (standar 15 menit)"
    assert dialog.timer.isActive()
    assert [r.check.text() for r in dialog.checklist.rows] == ["Hasil Pengukuran Kinerja"]
    assert dialog.finish_button.isVisible() and not dialog.finish_button.isEnabled()
    assert not dialog.approve_button.isVisible() and not dialog.return_button.isVisible()

    # WHEN the unticked step's Selesai is clicked anyway
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    # THEN nothing happened
    assert step_detail(demo_db, step_id, now=clock.now).finished_at is None

    # WHEN the item is ticked, a note written and Selesai clicked
    _tick(qtbot, dialog, 0)
    assert step_detail(demo_db, step_id, now=clock.now).checklist[0].checked
    assert dialog.checklist.rows[0].who.text() == "dicentang oleh Andi Prasetyo, S.E., M.M."
    assert dialog.finish_button.isEnabled()
    qtbot.keyClicks(dialog.notes, "Bahan rapat sudah disiapkan")
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    # THEN the step is finished with the note, and step 2 waits for the Tim SAKIP
    done = step_detail(demo_db, step_id, now=clock.now)
    assert done.finished_at is not None and done.notes == "Bahan rapat sudah disiapkan"
    tim = people_of(demo_db)[Role.TIM_SAKIP]
    assert [(i.step_number, i.role) for i in inbox(demo_db, tim, now=clock.now) if i.run_id == run_id] == [
        ("2", Role.TIM_SAKIP)
    ]
    # ... the screen turns read-only and says where the work went; the Kasubag is also in the Tim
    assert not dialog.finish_button.isVisible() and not dialog.checklist.rows[0].check.isEnabled()
    assert not dialog.timer.isActive()
    assert dialog.message.text() == "Diteruskan ke langkah 2 (Tim SAKIP). Langkah itu juga giliran Anda."
    assert dialog.banner.text().startswith("Selesai oleh Andi Prasetyo, S.E., M.M. pada 1 Sep 2025 09.05")

    # WHEN he opens that next step from here
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    # THEN the same window shows step 2, ready to work on
    assert dialog.position_label.text() == "Langkah 2 · langkah ke-2 dari 6"
    assert dialog.finish_button.isVisible() and not dialog.finish_button.isEnabled()
    assert not dialog.next_button.isVisible() and not dialog.message.isVisible()


def test_returning_needs_a_reason_and_sends_the_work_back(qtbot, demo_db, clock, modals: Modals):
    # GIVEN the run at step 4, the Camat's decision (approve → 5, return → 3); the SOP numbers its steps 1, 2, 1,
    # 2, 3, 4, and the buttons say the SOP's own numbers (issue 13 §4): approve → "3", return → "1"
    run_id = _run(demo_db, clock, actions=3)
    step_id = _open_step(demo_db, run_id, clock)
    dialog = _dialog(qtbot, demo_db, "camat", step_id, clock)
    # THEN both ways and where they lead are shown; approving waits for the checklist, returning does not
    assert dialog.approve_button.text() == "Setujui → langkah 3"
    assert dialog.return_button.text() == "Kembalikan → langkah 1…"
    assert not dialog.approve_button.isEnabled() and dialog.return_button.isEnabled()
    assert not dialog.finish_button.isVisible()
    problems: list[str] = []

    # WHEN he returns it, first without a reason, then with one
    def give_reason(reason_dialog):
        assert isinstance(reason_dialog, ReasonDialog)
        assert reason_dialog.save_button.text() == "Kembalikan"
        qtbot.mouseClick(reason_dialog.save_button, Qt.MouseButton.LeftButton)
        problems.append(reason_dialog.problem_text())
        qtbot.keyClicks(reason_dialog.text_edit, "Rekomendasi belum memuat IKU 2")
        qtbot.mouseClick(reason_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(give_reason)
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)

    # THEN the empty reason was refused in the prompt, and the reasoned return went back to step 3
    assert problems == ["Tulis alasan pengembalian."]
    run = run_timeline(demo_db, run_id, now=clock.now)
    returned = next(e for e in run.entries if e.step_run_id == step_id)
    assert (returned.outcome, returned.reason) == ("RETURNED", "Rekomendasi belum memuat IKU 2")
    last = run.entries[-1]
    assert (last.position, last.visit, last.role, last.finished_at) == (3, 2, Role.SEKRETARIS, None)
    assert dialog.message.text() == "Diteruskan ke langkah 1 (Sekretaris)."  # the SOP's number of position 3
    assert dialog.banner.text().endswith("Alasan: Rekomendasi belum memuat IKU 2")
    assert not dialog.return_button.isVisible()


def test_pausing_asks_why_shows_it_and_stops_the_timer(qtbot, demo_db, clock, modals: Modals):
    # GIVEN step 1 open for 10 minutes
    run_id = _run(demo_db, clock)
    step_id = _open_step(demo_db, run_id, clock)
    clock.advance(minutes=10)
    dialog = _dialog(qtbot, demo_db, "kasubag_renkeu", step_id, clock)
    assert dialog.pause_button.text() == "Jeda…" and not dialog.banner.isVisible()

    # WHEN he pauses it with a reason
    def reason(reason_dialog):
        qtbot.keyClicks(reason_dialog.text_edit, "Menunggu data dari Seksi Pemerintahan")
        qtbot.mouseClick(reason_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(reason)
    qtbot.mouseClick(dialog.pause_button, Qt.MouseButton.LeftButton)

    # THEN the reason is shown, the button offers to go on, and the timer stands still while time passes
    assert dialog.banner.isVisible() and dialog.banner.text() == "Dijeda: Menunggu data dari Seksi Pemerintahan"
    assert dialog.pause_button.text() == "Lanjutkan"
    assert not dialog.timer.isActive()
    clock.advance(hours=3)
    dialog.refresh()
    assert dialog.timer_label.text() == "Dijeda pada: 10 menit (standar 15 menit)"

    # WHEN he resumes and works 6 more minutes
    qtbot.mouseClick(dialog.pause_button, Qt.MouseButton.LeftButton)
    assert not dialog.banner.isVisible() and dialog.timer.isActive()
    clock.advance(minutes=6)
    # THEN the running label counts on without the pause, and says when the standard is passed
    qtbot.waitUntil(lambda: dialog.timer_label.text().startswith("Berjalan: 16 menit"), timeout=3000)
    assert dialog.timer_label.text() == "Berjalan: 16 menit (standar 15 menit) — melebihi standar"
    assert dialog.timer_label.styleSheet() == OVER_STYLE


def test_an_attached_file_and_a_reference_are_kept_with_the_item(qtbot, demo_db, clock, modals: Modals, tmp_path):
    # GIVEN step 1 and a scanned file on the computer
    run_id = _run(demo_db, clock)
    step_id = _open_step(demo_db, run_id, clock)
    dialog = _dialog(qtbot, demo_db, "kasubag_renkeu", step_id, clock)
    scan = tmp_path / "hasil pengukuran TW II.pdf"
    scan.write_bytes(b"%PDF-1.4 hasil pengukuran")
    row = dialog.checklist.rows[0]
    assert not row.open_button.isVisible() and row.file_label.text() == "belum ada berkas"

    # WHEN he types a reference, then attaches the file through the file dialog
    qtbot.keyClicks(row.link, "Nota dinas 070/12/35.07.23/2025")
    qtbot.keyClick(row.link, Qt.Key.Key_Return)
    modals.answer(choose_file(scan))
    qtbot.mouseClick(row.attach_button, Qt.MouseButton.LeftButton)

    # THEN both are stored with the item, which the evidence ticks
    item = step_detail(demo_db, step_id, now=clock.now).checklist[0]
    assert (item.link, item.attachment_name, item.checked) == (
        "Nota dinas 070/12/35.07.23/2025",
        "hasil pengukuran TW II.pdf",
        True,
    )
    assert row.file_label.text() == "hasil pengukuran TW II.pdf" and row.open_button.isVisible()
    assert row.attach_button.text() == "Ganti berkas…" and dialog.finish_button.isEnabled()
    # ... and "Buka" gets the same bytes back under the file's own name
    copy = dialog.attachment_copy(0)
    assert copy.name == "hasil pengukuran TW II.pdf" and copy.read_bytes() == b"%PDF-1.4 hasil pengukuran"


def test_someone_of_another_role_only_looks(qtbot, demo_db, clock):
    # GIVEN step 1, which belongs to the Kasubag Perencanaan
    run_id = _run(demo_db, clock)
    step_id = _open_step(demo_db, run_id, clock)
    # WHEN a staff member opens it
    dialog = _dialog(qtbot, demo_db, "staf_umum", step_id, clock)
    # THEN he sees it read-only, with whose turn it is
    assert dialog.banner.text().startswith(
        "Langkah ini dikerjakan oleh Kasubag Perencanaan; Anda hanya dapat melihatnya."
    )
    assert not any(b.isVisible() for b in (dialog.finish_button, dialog.pause_button, dialog.approve_button))
    assert not dialog.checklist.rows[0].check.isEnabled() and dialog.checklist.rows[0].link.isReadOnly()
    assert not dialog.checklist.rows[0].attach_button.isVisible() and dialog.notes.isReadOnly()
    assert not dialog.timer.isActive()


def test_a_day_standard_counts_working_days(qtbot, demo_db, clock):
    # GIVEN an SOP whose first step has "2 hari", started on Friday 15 Agustus 2025 at 09.00 WIB
    definition = decision_definition()
    steps = (replace(definition.steps[0], time="2 hari"), *definition.steps[1:])
    sop_id = create_sop(
        demo_db, people_of(demo_db)[Role.KASUBAG_PERENCANAAN], replace(definition, code="UJI-HARI", steps=steps)
    )
    friday = SteppingClock(dt.datetime(2025, 8, 15, 2, 0))
    run_id = start_run(demo_db, people_of(demo_db)[Role.CAMAT], sop_id, RUN_TITLE, 2025, 3, clock=friday)
    step_id = _open_step(demo_db, run_id, friday)
    # WHEN the Kasubag looks at it on Tuesday 19 Agustus (16-17 weekend, 17 and 18 national days off)
    clock.now = dt.datetime(2025, 8, 19, 3, 0)
    dialog = _dialog(qtbot, demo_db, "kasubag_renkeu", step_id, clock)
    # THEN one working day has passed, against a standard of working days
    assert dialog.standard_label.text() == "2 hari kerja"
    assert dialog.timer_label.text() == "Berjalan: 1 hari kerja (standar 2 hari kerja)"
    # WHEN it is still open on Thursday 21 Agustus
    clock.now = dt.datetime(2025, 8, 21, 3, 0)
    dialog.refresh()
    # THEN three working days are over the standard, in red
    assert dialog.timer_label.text() == "Berjalan: 3 hari kerja (standar 2 hari kerja) — melebihi standar"
    assert dialog.timer_label.styleSheet() == OVER_STYLE
