"""The SOP editor: steps inserted, moved and removed with their branches kept right; bad times refused."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from _sop_fixtures import add_decision_sop, context_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.sop.library import get_definition, list_versions
from sakip_desktop.sop.definition import StepKind
from ui.sop.editor_dialog import SopEditorDialog
from ui.sop.editor_models import (
    ACTIVITY,
    ACTOR,
    APPROVE,
    KIND,
    LABEL,
    RETURN,
    ROLE,
    TIME,
    after_insert,
    after_remove,
    after_swap,
)
from ui.widgets.dialogs import ReasonDialog

DECISION = 4  # the Camat checks the recommendation; returning goes back to step 3


def _editor(qtbot, db, username: str = "kasubag_renkeu") -> tuple[SopEditorDialog, int]:
    sop_id = add_decision_sop(db)
    dialog = SopEditorDialog(context_for(db, username), sop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, sop_id


def _cell(dialog: SopEditorDialog, position: int, column: int):
    return dialog.steps.index(position - 1, column).data()


def _save_with_note(qtbot, dialog: SopEditorDialog, modals: Modals, note: str) -> None:
    def write_note(note_dialog):
        assert isinstance(note_dialog, ReasonDialog) and note_dialog.windowTitle() == "Simpan versi baru"
        qtbot.keyClicks(note_dialog.text_edit, note)
        qtbot.mouseClick(note_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(write_note)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_branch_targets_follow_the_steps_they_point_at():
    # Inserting at 3 moves old steps 3.. down; removing 2 moves later ones up; swapping 3 and 4 trades them
    assert [after_insert(t, 3) for t in (None, 1, 2, 3, 6)] == [None, 1, 2, 4, 7]
    assert [after_remove(t, 2) for t in (None, 1, 3, 6)] == [None, 1, 2, 5]
    assert [after_swap(t, 3, 4) for t in (None, 2, 3, 4, 5)] == [None, 2, 4, 3, 5]


def test_inserting_a_step_keeps_the_decision_pointing_at_the_same_step(qtbot, demo_db, modals: Modals):
    # GIVEN the editor on the SOP whose step 4 returns to step 3
    dialog, sop_id = _editor(qtbot, demo_db)
    assert _cell(dialog, DECISION, KIND) == "Keputusan"
    assert _cell(dialog, DECISION, RETURN) == "langkah 3" and _cell(dialog, DECISION, APPROVE) == "langkah berikutnya"
    assert _cell(dialog, 1, ACTOR) == "Sub. Evapor"

    # WHEN a step is inserted before step 3 and filled in, its time typed into the cell
    dialog.step_table.selectRow(2)
    qtbot.mouseClick(dialog.insert_step_button, Qt.MouseButton.LeftButton)
    assert dialog.current_position() == 3 and _cell(dialog, 3, ACTIVITY) == ""
    dialog.steps.setData(dialog.steps.index(2, ACTIVITY), "Sekretaris memeriksa kelengkapan telaah Tim.")
    dialog.step_table.setCurrentIndex(dialog.steps.index(2, TIME))
    dialog.step_table.edit(dialog.steps.index(2, TIME))
    cell_editor = dialog.step_table.viewport().findChild(QLineEdit)
    qtbot.keyClicks(cell_editor, "10 menit")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.step_table.state() == dialog.step_table.State.NoState)  # committed
    # THEN the decision moved to 5 and still returns to the recommendation step, now 4
    assert _cell(dialog, 3, TIME) == "10 menit"
    assert _cell(dialog, 5, KIND) == "Keputusan" and _cell(dialog, 5, RETURN) == "langkah 4"
    assert _cell(dialog, 3, ACTOR) == "Sekretaris"  # the new step is done by the selected step's pelaksana

    # WHEN it is saved with a note of what changed
    _save_with_note(qtbot, dialog, modals, "Menambah pemeriksaan kelengkapan oleh Sekretaris")

    # THEN version 2 is stored with the new step and the branch right
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_version == 2
    stored = get_definition(demo_db, sop_id)
    assert len(stored.steps) == 7 and stored.steps[2].activity == "Sekretaris memeriksa kelengkapan telaah Tim."
    assert stored.steps[2].time == "10 menit" and stored.steps[2].actor == "sekretaris"
    assert (stored.steps[4].kind, stored.steps[4].on_return) == (StepKind.DECISION, 4)
    assert list_versions(demo_db, sop_id)[0].note == "Menambah pemeriksaan kelengkapan oleh Sekretaris"


def test_a_branch_target_cannot_be_removed_and_moving_keeps_branches(qtbot, demo_db):
    # GIVEN the editor; step 3 is where the decision returns to
    dialog, _sop_id = _editor(qtbot, demo_db)
    # WHEN step 3 is to be removed
    dialog.step_table.selectRow(2)
    qtbot.mouseClick(dialog.remove_step_button, Qt.MouseButton.LeftButton)
    # THEN it is refused with the way out, and the steps stay
    assert dialog.problem_text() == (
        "Langkah 3 menjadi tujuan cabang langkah 4. Ubah dulu tujuan cabang itu, lalu hapus langkahnya."
    )
    assert dialog.steps.rowCount() == 6
    # WHEN step 3 is moved down below the decision
    dialog.move_step(1)
    # THEN the decision (now 3) still returns to the same step (now 4)
    assert dialog.current_position() == 4
    assert _cell(dialog, 3, KIND) == "Keputusan" and _cell(dialog, 3, RETURN) == "langkah 4"
    # WHEN step 1 is removed (no branch points at it)
    dialog.step_table.selectRow(0)
    dialog.remove_step()
    # THEN the later branch moves up with its step
    assert dialog.steps.rowCount() == 5 and _cell(dialog, 2, RETURN) == "langkah 3"


def test_an_unknown_time_is_refused_in_the_editor_and_nothing_is_saved(qtbot, demo_db, modals: Modals):
    # GIVEN the editor, with step 2's time changed to words that are no time
    dialog, sop_id = _editor(qtbot, demo_db)
    dialog.tabs.setCurrentIndex(0)
    dialog.steps.setData(dialog.steps.index(1, TIME), "secepatnya")
    # WHEN Simpan is pressed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the dialog says which step and how to write a time, shows that step, and stores nothing
    assert dialog.problem_text() == (
        "Langkah ke-2: Waktu 'secepatnya' tidak dikenali; tulis mis. '15 menit', '1 jam', '2-3 hari'."
    )
    assert dialog.tabs.currentIndex() == 2 and dialog.current_position() == 2
    assert dialog.isVisible() and [v.version for v in list_versions(demo_db, sop_id)] == [1]


def test_saving_without_a_change_or_with_a_broken_pelaksana_is_refused(qtbot, demo_db):
    # GIVEN the editor
    dialog, _sop_id = _editor(qtbot, demo_db)
    # WHEN Simpan is pressed without changing anything
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN it says so (no note is asked)
    assert dialog.problem_text() == "Tidak ada perubahan dibanding versi terakhir."
    # WHEN the Camat's pelaksana column, still used by steps 4 and 5, is to be removed
    dialog.actor_table.selectRow(0)
    dialog.remove_actor()
    # THEN it is refused
    assert (
        dialog.problem_text() == "Pelaksana 'Camat' masih mengerjakan langkah 4, 5. Ganti dulu pelaksana langkah itu."
    )
    assert dialog.actors.rowCount() == 4


def test_pelaksana_changes_reach_the_steps(qtbot, demo_db, modals: Modals):
    # GIVEN the editor
    dialog, sop_id = _editor(qtbot, demo_db)
    # WHEN the Sub. Evapor column is renamed, its key changed, and its role kept
    row = 3
    dialog.actors.setData(dialog.actors.index(row, LABEL), "Kasubag Evapor")
    dialog.actors.setData(dialog.actors.index(row, 0), "kasubag_evapor")
    # THEN its steps show the new heading
    assert _cell(dialog, 1, ACTOR) == "Kasubag Evapor" and _cell(dialog, 6, ACTOR) == "Kasubag Evapor"
    assert dialog.actors.index(row, ROLE).data() == "Kasubag Perencanaan"
    # WHEN saved
    _save_with_note(qtbot, dialog, modals, "Judul kolom pelaksana disesuaikan")
    # THEN the steps point at the renamed key
    stored = get_definition(demo_db, sop_id)
    assert stored.steps[0].actor == "kasubag_evapor" and stored.actor("kasubag_evapor").role is Role.KASUBAG_PERENCANAAN


def test_people_who_do_not_keep_the_library_only_read(qtbot, demo_db, qtmodeltester):
    # GIVEN a staff member opening the editor
    dialog, _sop_id = _editor(qtbot, demo_db, "staf_umum")
    # THEN there is no Simpan, nothing is editable, and the window says so
    assert not dialog.save_button.isVisible()
    assert dialog.windowTitle().startswith("Lihat SOP")
    index = dialog.steps.index(0, ACTIVITY)
    assert not dialog.steps.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.steps.setData(index, "diubah")
    assert dialog.identity_form.lines["name"].isReadOnly()
    qtmodeltester.check(dialog.steps)
    qtmodeltester.check(dialog.actors)
