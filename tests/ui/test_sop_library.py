"""The SOP library page: adopting a template, starting a run, .xlsx out and in, the printed sheet."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import Modals, modals, read_and_close, table_texts  # noqa: F401  (fixtures)
from _sop_fixtures import (  # noqa: F401  (fixtures)
    PEMANTAUAN,
    PEMANTAUAN_OWN,
    bare_db,
    bare_template,
    choose_file,
    context_for,
    press,
)
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.sop.library import get_definition, list_sops, list_versions
from sakip_desktop.ops.sop.views import list_runs
from ui.sop.library_dialogs import ANNUAL, AdoptDialog, StartRunDialog
from ui.sop.library_page import SopLibraryPage
from ui.sop.step_dialog import StepDialog
from ui.widgets.dialogs import TextDialog
from ui.widgets.forms import select_data

CODE, NAME, VERSION, STEPS, RUNNING, FINISHED, ACTIVE = range(7)
TITLE, SOP, STATUS, CURRENT, ROLE = range(5)
HAS_SHEET = importlib.util.find_spec("sakip_desktop.documents.sop_sheet.sheet") is not None


def _page(qtbot, db, username: str = "kasubag_renkeu") -> SopLibraryPage:
    page = SopLibraryPage(context_for(db, username))
    qtbot.addWidget(page)
    page.resize(1180, 720)
    page.show()
    return page


def _adopt_pemantauan(qtbot, page: SopLibraryPage, modals: Modals) -> None:
    def tick_and_adopt(dialog):
        assert isinstance(dialog, AdoptDialog)
        assert PEMANTAUAN in dialog.checks
        dialog.checks[PEMANTAUAN].setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(tick_and_adopt)
    qtbot.mouseClick(page.adopt_button, Qt.MouseButton.LeftButton)


def test_adopting_a_template_and_starting_a_run_opens_the_first_step(qtbot, bare_db, modals: Modals):
    # GIVEN an office with no SOP yet, and its Kasubag Perencanaan (an administrator) on the library page
    page = _page(qtbot, bare_db)
    assert page.sop_model.rowCount() == 0 and not page.start_button.isEnabled()

    # WHEN he adopts the Pemantauan Kinerja template
    _adopt_pemantauan(qtbot, page, modals)

    # THEN the office has it, selected, as version 1 with its six steps
    assert table_texts(page.sop_table, CODE) == [PEMANTAUAN_OWN]
    assert table_texts(page.sop_table, VERSION) == ["1"] and table_texts(page.sop_table, STEPS) == ["6"]
    assert table_texts(page.sop_table, ACTIVE) == ["Aktif"]
    assert page.selected_sop().code == PEMANTAUAN_OWN and page.start_button.isEnabled()
    assert page.note.text() == "1 SOP diadopsi dari templat."
    seen: dict[str, str] = {}

    # WHEN he starts a run: the title follows the period until he writes his own
    def start(dialog):
        assert isinstance(dialog, StartRunDialog)
        seen["suggested"] = dialog.title_edit.text()
        select_data(dialog.quarter_combo, ANNUAL)
        seen["annual"] = dialog.title_edit.text()
        select_data(dialog.quarter_combo, 3)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def first_step(dialog):
        assert isinstance(dialog, StepDialog)
        seen["step"] = dialog.position_label.text()
        seen["finish"] = str(dialog.finish_button.isVisible())
        dialog.reject()

    modals.answer(start)
    modals.answer(first_step)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)

    # THEN the first step opened for him, since it is his role's (Sub. Evapor)
    assert seen == {
        "suggested": "Pemantauan kinerja Triwulan III 2025",
        "annual": "Pemantauan kinerja Tahun 2025",
        "step": "Langkah 1 · langkah ke-1 dari 6",
        "finish": "True",
    }
    # ... and the run is listed under the SOP, waiting for the Kasubag Perencanaan
    (run,) = list_runs(bare_db)
    assert (run.title, run.status) == ("Pemantauan kinerja Triwulan III 2025", "RUNNING")
    assert table_texts(page.run_table, TITLE) == ["Pemantauan kinerja Triwulan III 2025"]
    assert table_texts(page.run_table, STATUS) == ["Berjalan"]
    assert table_texts(page.run_table, ROLE) == ["Kasubag Perencanaan"]
    assert table_texts(page.sop_table, RUNNING) == ["1"]


def test_an_exported_workbook_edited_in_excel_comes_back_as_a_new_version(qtbot, bare_db, modals, tmp_path):
    # GIVEN the adopted Pemantauan Kinerja, exported through the save dialog
    page = _page(qtbot, bare_db)
    _adopt_pemantauan(qtbot, page, modals)
    workbook = tmp_path / "pemantauan.xlsx"
    modals.answer(choose_file(workbook))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert workbook.exists() and page.note.text() == f"SOP Pemantauan kinerja diekspor ke {workbook}."

    # WHEN someone changes step 2's time in the workbook and it is imported, confirming a new version
    wb = load_workbook(workbook)
    steps = wb["Langkah"]
    time_column = [c.value for c in steps[1]].index("Waktu") + 1
    steps.cell(row=3, column=time_column, value="2 jam")
    wb.save(workbook)
    questions: list[str] = []

    def confirm(box):
        questions.append(box.text())
        press("Simpan sebagai versi baru")(box)

    modals.answer(choose_file(workbook))
    modals.answer(confirm)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)

    # THEN the SOP has version 2 with the new time, noted as imported
    assert f"sudah punya SOP berkode {PEMANTAUAN_OWN}" in questions[0]
    (sop,) = list_sops(bare_db)
    assert sop.version == 2 and get_definition(bare_db, sop.id).steps[1].time == "2 jam"
    assert list_versions(bare_db, sop.id)[0].note == "Diimpor dari pemantauan.xlsx"
    assert table_texts(page.sop_table, VERSION) == ["2"]

    # WHEN the same file is imported under another code
    identity = wb["Identitas"]
    code_row = next(r for r in identity.iter_rows(min_row=2) if r[0].value == "Kode")
    code_row[1].value = "PEMANTAUAN-KINERJA-SALINAN"
    wb.save(workbook)
    page.import_xlsx(workbook)
    # THEN it becomes a second SOP of the office, selected
    assert sorted(table_texts(page.sop_table, CODE)) == [PEMANTAUAN_OWN, "PEMANTAUAN-KINERJA-SALINAN"]
    assert page.selected_sop().code == "PEMANTAUAN-KINERJA-SALINAN"


def test_a_wrong_workbook_is_refused_with_every_problem_listed(qtbot, bare_db, modals, tmp_path):
    # GIVEN an exported SOP whose workbook gets a bad time and an unknown pelaksana
    page = _page(qtbot, bare_db)
    _adopt_pemantauan(qtbot, page, modals)
    workbook = page.export_xlsx(tmp_path / "rusak.xlsx")
    wb = load_workbook(workbook)
    steps = wb["Langkah"]
    header = [c.value for c in steps[1]]
    steps.cell(row=2, column=header.index("Waktu") + 1, value="sebentar")
    steps.cell(row=4, column=header.index("Pelaksana") + 1, value="lurah")
    wb.save(workbook)
    shown: list[str] = []

    def read(dialog):
        assert isinstance(dialog, TextDialog)
        shown.append(dialog.text.toPlainText())
        dialog.reject()

    # WHEN it is imported
    modals.answer(read)
    assert page.import_xlsx(workbook) is None
    # THEN both problems are listed with their sheet and row, and nothing changed
    assert "lembar 'Langkah', baris 2" in shown[0] and "sebentar" in shown[0]
    assert "lembar 'Langkah', baris 4" in shown[0] and "lurah" in shown[0]
    assert [s.version for s in list_sops(bare_db)] == [1]


@pytest.mark.skipif(not HAS_SHEET, reason="sakip_desktop/documents/sop_sheet/sheet.py is not there yet")
def test_the_sop_sheet_is_printed_to_pdf(qtbot, bare_db, modals, tmp_path):
    # GIVEN the adopted SOP
    page = _page(qtbot, bare_db)
    _adopt_pemantauan(qtbot, page, modals)
    pdf = tmp_path / "lembar.pdf"
    # WHEN the sheet is printed through the save dialog, and the offer to open it declined
    modals.answer(choose_file(pdf))
    modals.answer(press("Tutup"))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN a PDF is written whose header names this office, not Karangploso where the template came from
    assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    office = get_profile(bare_db).name.upper()
    assert f"KANTOR KECAMATAN {office}" in text and "KANTOR KECAMATAN KARANGPLOSO" not in text
    assert "Pemantauan Kinerja" in text
    assert page.note.text().startswith("Lembar SOP Pemantauan kinerja (")


def test_deactivating_stops_new_runs_but_keeps_the_sop(qtbot, demo_db):
    # GIVEN the demo office's library (every template adopted, with history)
    page = _page(qtbot, demo_db)
    assert page.select_sop(next(s.id for s in list_sops(demo_db) if s.code == PEMANTAUAN_OWN))
    # WHEN the Pemantauan Kinerja SOP is deactivated
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    # THEN it stays listed as Nonaktif, cannot be started, and can be activated again
    assert page.selected_sop().code == PEMANTAUAN_OWN and not page.selected_sop().active
    assert table_texts(page.sop_table, ACTIVE)[table_texts(page.sop_table, CODE).index(PEMANTAUAN_OWN)] == "Nonaktif"
    assert not page.start_button.isEnabled() and page.toggle_button.text() == "Aktifkan"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert page.selected_sop().active and page.start_button.isEnabled()


def test_runs_can_be_filtered_and_staff_only_look(qtbot, demo_db):
    # GIVEN a staff member on the demo office's library
    page = _page(qtbot, demo_db, "staf_umum")
    # THEN he may look but not change the library or start runs
    assert page.edit_button.text() == "Lihat…" and page.edit_button.isEnabled()
    for button in (page.adopt_button, page.import_button, page.toggle_button, page.start_button):
        assert not button.isEnabled(), button.text()
    # WHEN all SOPs' finished runs are shown
    select_data(page.scope_combo, "all")
    select_data(page.status_combo, "DONE")
    # THEN the finished runs of every SOP in the demo's history are listed, and only those
    assert set(table_texts(page.run_table, STATUS)) == {"Selesai"}
    assert page.run_model.rowCount() == len(list_runs(demo_db, status="DONE")) > len(list_sops(demo_db))
    assert page.run_count.text() == f"{page.run_model.rowCount()} pelaksanaan"


def test_cancelling_the_save_dialog_exports_nothing(qtbot, bare_db, modals):
    # GIVEN the library with one SOP
    page = _page(qtbot, bare_db)
    _adopt_pemantauan(qtbot, page, modals)

    # WHEN the save dialog is cancelled
    def cancel(dialog):
        dialog.reject()

    modals.answer(cancel)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    # THEN nothing is said to be exported
    assert page.note.text() == "1 SOP diadopsi dari templat."
