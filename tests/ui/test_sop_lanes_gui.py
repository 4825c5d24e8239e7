"""SOPs run by the right person, on screen (issue 13 §4): the lane's unit in the editor, the returned step's
banner, the Camat's step 8 of Awayan, the step's own number. Real windows (qtbot, offscreen) on the demo office."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixtures)
from _sop_fixtures import MONDAY_9_WIB, clock, context_for, people_of  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.sop.library import get_definition, list_sops
from sakip_desktop.ops.sop.runs import decide_step, finish_step, start_run, tick_item
from sakip_desktop.ops.sop.simulate import SteppingClock
from sakip_desktop.ops.sop.views import run_timeline, step_detail
from ui.sop.editor_dialog import SopEditorDialog
from ui.sop.editor_models import UNIT
from ui.sop.library_page import SopLibraryPage
from ui.sop.step_dialog import StepDialog
from ui.widgets.dialogs import ReasonDialog

MUSRENBANGCAM = "KARANGPLOSO-PENGUMPULAN-DATA-KINERJA-MUSRENBANGCAM"
AWAYAN = "AWAYAN-PENGUKURAN-KINERJA-TRIWULAN"
KUTASARI = "KUTASARI-LAPORAN-PENGUKURAN-PERKIN-DAN-EVALUASI-KINERJA"


def _sop_id(db, template_code: str) -> int:
    return next(s.id for s in list_sops(db) if s.template_code == template_code)


def _step_dialog(qtbot, db, username: str, step_run_id: int, clock: SteppingClock) -> StepDialog:
    dialog = StepDialog(context_for(db, username), step_run_id, now=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _open(db, run_id: int) -> dict[str, int]:
    return {e.number: e.step_run_id for e in run_timeline(db, run_id).entries if e.finished_at is None}


def _work(db, actor, step_run_id: int, clock: SteppingClock, approve: bool = True, reason: str = "") -> None:
    clock.advance(minutes=15)
    detail = step_detail(db, step_run_id)
    for item in detail.checklist:
        tick_item(db, actor, step_run_id, item.index, True, clock=clock)
    if detail.is_decision:
        decide_step(db, actor, step_run_id, approve, reason, clock=clock)
    else:
        finish_step(db, actor, step_run_id, clock=clock)


def test_the_editor_shows_and_keeps_the_unit_of_a_lane(qtbot, demo_db, modals: Modals):
    # GIVEN the demo's Musrenbangcam SOP opened in the editor by the Kasubag Perencanaan
    sop_id = _sop_id(demo_db, MUSRENBANGCAM)
    dialog = SopEditorDialog(context_for(demo_db, "kasubag_renkeu"), sop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(r for r in range(dialog.actors.rowCount()) if dialog.actors.key_at(r) == "kasi_ekbang")
    # THEN the "Kasi Ekbang" column names its unit
    assert dialog.actors.index(row, UNIT).data() == "Seksi Ekonomi dan Pembangunan"
    # WHEN the lane is moved to the Seksi Pemerintahan and saved
    dialog.actors.setData(dialog.actors.index(row, UNIT), "unit:SEKSI_PEMERINTAHAN")

    def write_note(note_dialog):
        assert isinstance(note_dialog, ReasonDialog)
        qtbot.keyClicks(note_dialog.text_edit, "Musrenbangcam kini di Seksi Pemerintahan")
        qtbot.mouseClick(note_dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(write_note)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # THEN the new version binds it there, and the other lanes keep theirs (none)
    stored = get_definition(demo_db, sop_id)
    assert stored.actor("kasi_ekbang").unit == "SEKSI_PEMERINTAHAN"
    assert all(not a.unit for a in stored.actors if a.key != "kasi_ekbang")


def test_a_returned_step_shows_who_returned_it_when_and_why(qtbot, demo_db, clock):
    # GIVEN a Kutasari run whose step 5 (Kepala Sub Bagian) returned the Sekretariat track to step 3
    who = people_of(demo_db)
    sop_id = _sop_id(demo_db, KUTASARI)
    run_id = start_run(demo_db, who[Role.KASUBAG_PERENCANAAN], sop_id, "Laporan Kinerja 2025", 2025, None, clock=clock)
    for number in ("1", "2"):
        _work(demo_db, who[Role.KASUBAG_PERENCANAAN], _open(demo_db, run_id)[number], clock)
    _work(demo_db, who[Role.STAF], _open(demo_db, run_id)["3"], clock)  # staf_renkeu: the Sekretariat's staff
    _work(demo_db, who[Role.KASUBAG_UMUM], _open(demo_db, run_id)["5"], clock, False, "Tanda tangan Es 4 kurang.")
    # WHEN the staff member opens step 3 again
    dialog = _step_dialog(qtbot, demo_db, "staf_renkeu", _open(demo_db, run_id)["3"], clock)
    # THEN a banner above the step says who returned it, when and why, and the step is his to redo
    assert dialog.return_banner.isVisible()
    text = dialog.return_banner.text()
    assert text.startswith("↩ Dikembalikan oleh Endang Purwanti, S.AP. pada 1 September 2025 pukul 10.")
    assert text.endswith("dari langkah 5. Alasan: Tanda tangan Es 4 kurang.")
    assert dialog.finish_button.isVisible()
    # AND the header gives the SOP's step number, its position, its track and the visit
    assert dialog.position_label.text() == "Langkah 3 · langkah ke-3 dari 17 · jalur Sekretariat · kunjungan ke-2"
    # AND the Seksi track's step 4 (never returned) has no such banner
    other = _step_dialog(qtbot, demo_db, "staf_renkeu", _open(demo_db, run_id)["4"], clock)
    assert not other.return_banner.isVisible()


def test_awayan_step_8_is_the_camats_approval_not_the_sekretaris(qtbot, demo_db, clock):
    # GIVEN an Awayan "Pelaksanaan Pengukuran Kinerja Triwulan" run worked up to step 8
    who = people_of(demo_db)
    sop_id = _sop_id(demo_db, AWAYAN)
    run_id = start_run(demo_db, who[Role.SEKRETARIS], sop_id, "Pengukuran TW III 2025", 2025, 3, clock=clock)
    while "8" not in _open(demo_db, run_id):
        step_run_id = next(iter(_open(demo_db, run_id).values()))
        _work(demo_db, who[step_detail(demo_db, step_run_id).role], step_run_id, clock)
    step_8 = _open(demo_db, run_id)["8"]
    # WHEN the Sekretaris opens it THEN he only looks: no Selesai, no approval screen to open
    sekretaris = _step_dialog(qtbot, demo_db, "sekcam", step_8, clock)
    assert not sekretaris.finish_button.isVisible() and not sekretaris.action_button.isVisible()
    assert sekretaris.banner.text().startswith("Langkah ini dikerjakan oleh Camat;")
    # WHEN the Camat opens it THEN it is his, with the approval screen's button
    camat = _step_dialog(qtbot, demo_db, "camat", step_8, clock)
    assert camat.finish_button.isVisible() and camat.action_button.isVisible()
    assert camat.action_button.text() == "Buka persetujuan realisasi"


def test_only_the_kasi_ekbang_is_offered_to_start_the_musrenbangcam_sop(qtbot, demo_db):
    sop_id = _sop_id(demo_db, MUSRENBANGCAM)
    offered = {}
    for username in ("kasi_kesos", "kasi_pem", "kasi_ekbang"):
        # WHEN a Kasi selects the Musrenbangcam SOP in the library
        page = SopLibraryPage(context_for(demo_db, username))
        qtbot.addWidget(page)
        page.show()
        assert page.select_sop(sop_id)
        offered[username] = page.start_button.isEnabled()
    # THEN only the Kasi of its lane's unit (Ekonomi dan Pembangunan) may start it
    assert offered == {"kasi_kesos": False, "kasi_pem": False, "kasi_ekbang": True}


def test_templates_already_adopted_under_the_offices_code_are_not_offered_again(qtbot, demo_db, modals: Modals):
    # GIVEN the demo office, which adopted every template (under its own codes, CONTOH-…)
    page = SopLibraryPage(context_for(demo_db, "kasubag_renkeu"))
    qtbot.addWidget(page)
    page.show()
    offered: list = []

    def look(dialog):
        offered.extend(t.code for t in dialog.templates)
        dialog.reject()

    # WHEN Adopsi templat is opened THEN no template is offered again
    modals.answer(look)
    qtbot.mouseClick(page.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)
    assert offered == []
