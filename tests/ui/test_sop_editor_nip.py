"""The SOP editor refuses an approver NIP that cannot be a NIP (issue #12 §6), saying so in the dialog."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from _sop_fixtures import add_decision_sop, context_for
from PySide6.QtCore import Qt

from sakip_desktop.ops.sop.library import get_definition, list_versions
from ui.sop.editor_dialog import SopEditorDialog
from ui.widgets.dialogs import ReasonDialog


def test_an_impossible_approver_nip_is_refused_in_the_editor(qtbot, demo_db, modals: Modals):
    # GIVEN the editor of an SOP, on its identity page
    sop_id = add_decision_sop(demo_db)
    dialog = SopEditorDialog(context_for(demo_db, "kasubag_renkeu"), sop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.identity_form.lines["approved_by"]
    assert field.placeholderText() == "JABATAN; Nama; Pangkat; NIP. 18 angka"
    # WHEN the approver's NIP is typed with appointment year 1002 and Simpan is pressed
    field.setText("CAMAT CONTOH; Budi Santoso, S.STP.; Pembina (IV/a); NIP. 19720101 100203 1012")
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the dialog says what is wrong with which field, shows that field, and stores nothing
    problem = dialog.problem_text()
    assert problem.startswith("Disahkan oleh: NIP '19720101 100203 1012' tidak sah.")
    assert "angka ke-9 s.d. 14 (100203) bukan tahun dan bulan pengangkatan" in problem
    assert dialog.tabs.currentIndex() == 0 and dialog.focusWidget() is field
    assert dialog.isVisible() and [v.version for v in list_versions(demo_db, sop_id)] == [1]

    # WHEN the NIP is corrected THEN the version is saved with it
    field.setText("CAMAT CONTOH; Budi Santoso, S.STP.; Pembina (IV/a); NIP. 19700101 199503 1 001")

    def write_note(note_dialog):
        assert isinstance(note_dialog, ReasonDialog)
        qtbot.keyClicks(note_dialog.text_edit, "Pengesah diganti")
        qtbot.mouseClick(note_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(write_note)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sorted(v.version for v in list_versions(demo_db, sop_id)) == [1, 2]
    assert get_definition(demo_db, sop_id).identity.approved_by.endswith("NIP. 19700101 199503 1 001")
