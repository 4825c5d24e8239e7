"""One quarter's realisasi through the real widgets, on a copy of the demo office at TW IV 2025: the Kasi
Pemerintahan enters and submits, the Sekretaris verifies one and returns one, the Kasi fixes and resubmits,
the Camat approves, the values lock, and the Camat revises one with a reason. Plus the Format Isian round
trip through the entry screen's buttons.

Set SAKIP_SHOTS to a folder to keep a PNG of every screen (e.g. SAKIP_SHOTS=/tmp/cycle_shots)."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from _sop_fixtures import press
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPlainTextEdit, QTableView, QWidget

from sakip_desktop.domain.realisation import Status
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries, revisions
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.cycle._common import LOCKED_NOTE
from ui.cycle.approve_page import ApprovePage
from ui.cycle.entry_page import EntryPage
from ui.cycle.isian import IsianPreviewDialog, change_lines
from ui.cycle.revision_page import RevisionDialog
from ui.cycle.verify_page import VerifyPage
from ui.widgets import files
from ui.widgets.colours import LATE_COLOUR as RETURNED_COLOUR
from ui.widgets.dialogs import ReasonDialog, TextDialog

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported in January; nobody is acting for anyone that week
SHOTS = os.environ.get("SAKIP_SHOTS")
RETURN_REASON = "IK05: angka belum sesuai hasil monitoring 14 desa; periksa kembali rekap desa."
NARRATIVE = (
    "Pendampingan rutin oleh Seksi Pemerintahan ke desa-desa",
    "Satu desa berganti sekretaris desa pada bulan November",
    "Bimbingan teknis administrasi untuk sekretaris desa baru pada Januari 2026",
)


def context_for(db: Database, username: str) -> AppContext:
    """`username` logged in on 8 January 2026, working on TW IV 2025."""
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=4, today=lambda: DAY)


def pemerintahan(db: Database) -> int:
    return next(u.id for u in list_units(db) if u.code == "SEKSI_PEMERINTAHAN")


def stored(db: Database, code: str):
    return next(e for e in quarter_entries(db, 2025, 4) if e.code == code)


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    """Keep a picture of the screen when SAKIP_SHOTS names a folder."""
    if SHOTS:
        QTest.qWait(20)  # pending layouts and row heights, as the screen would have drawn them
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_row(qtbot, view: QTableView, code: str) -> None:
    """Click the row whose Kode is `code`, as a person would."""
    codes = texts(view, 0)
    assert code in codes, f"{code} not in {codes}"
    rect = view.visualRect(view.model().index(codes.index(code), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_row_plain(qtbot, view: QTableView, row: int) -> None:
    """Click a row by its position (tables without a Kode column)."""
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_over(qtbot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def read_listing(into: list[str], name: str | None = None) -> Callable[[QWidget], None]:
    """A handler that reads a scrollable refusal (intro and text) and closes it."""

    def handle(window: QWidget) -> None:
        assert isinstance(window, TextDialog), type(window)
        intro = window.findChildren(QLabel)[0].text()
        into.append(f"{window.windowTitle()}\n{intro}")
        into.append(window.text.toPlainText())
        if name:
            shot(window, name)
        press("Tutup")(window)

    return handle


def status_of(page: EntryPage, code: str) -> str:
    return texts(page.table, 6)[texts(page.table, 0).index(code)]


# ---- the whole quarter --------------------------------------------------------------------------------------


def test_one_quarter_from_entry_to_approval(qtbot, demo_db, modals: Modals, tmp_path, monkeypatch):
    # GIVEN the Kasi Pemerintahan at TW IV 2025, nothing entered yet
    kasi = context_for(demo_db, "kasi_pem")
    page = show(qtbot, EntryPage(kasi, pemerintahan(demo_db)))
    assert "Realisasi Seksi Pemerintahan — TW IV 2025" in page.title.text()
    assert texts(page.table, 0) == ["IK04", "IK05"]
    assert texts(page.table, 6) == ["Belum diisi", "Belum diisi"]
    assert not page.form.save_button.isEnabled()  # nothing chosen yet
    shot(page, "01_entry_empty")

    # WHEN he enters IK04 (target 6): 7 pembinaan, the same capaian as TW III, so no narrative is needed
    click_row(qtbot, page.table, "IK04")
    assert page.form.title.text().startswith("<b>IK04</b>")
    type_over(qtbot, page.form.value_edit, "7")
    assert page.form.capaian_label.text() == "116,67%"
    click(qtbot, page.form.save_button)
    # THEN it is stored as a draft and the table shows it
    assert stored(demo_db, "IK04").value == Decimal(7) and stored(demo_db, "IK04").status is Status.DRAFT
    assert texts(page.table, 4)[0] == "7" and texts(page.table, 5)[0] == "116,67%"

    # WHEN he adds the attendance list as bukti dukung and opens it again
    scan = tmp_path / "daftar hadir pembinaan.pdf"
    scan.write_bytes(b"%PDF-1.4 daftar hadir")
    asked: list[str] = []

    def choose(_parent, _title, folder, _filter):
        asked.append(folder)
        return [str(scan)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    click(qtbot, page.form.add_button)
    # AND the dialog opened where files were last taken from (else Documents), and now remembers this folder
    # (issue 13 §7: it opened in the home folder every time)
    assert len(asked) == 1 and files.start_folder() == tmp_path
    # THEN it is listed, and "Buka" hands the program a copy with the same bytes
    assert texts(page.form.evidence.table, 0) == ["daftar hadir pembinaan.pdf"]
    opened: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(Path(url.toLocalFile()))))
    click_row_plain(qtbot, page.form.evidence.table, 0)
    click(qtbot, page.form.evidence.open_button)
    assert [p.read_bytes() for p in opened] == [scan.read_bytes()]

    # WHEN he enters IK05 below its target (85,71 against 92,86) without a narrative
    click_row(qtbot, page.table, "IK05")
    type_over(qtbot, page.form.value_edit, "85,71")
    # THEN the form says at once that the narrative is now required
    assert page.form.capaian_label.text() == "92,30%"
    assert page.form.capaian_note.text() == (
        "Capaian 92,30% di bawah target triwulan: faktor pendukung, faktor penghambat dan upaya/tindak lanjut "
        "wajib diisi."
    )
    click(qtbot, page.form.save_button)
    assert stored(demo_db, "IK05").value == Decimal("85.71")
    assert status_of(page, "IK05") == "Draf (belum lengkap)"
    click(qtbot, page.form.add_button)  # its bukti dukung too ("Bukti dukung wajib", issue 13 §5)

    # WHEN he submits anyway THEN the refusal lists the problem in a scrollable window and nothing is submitted
    refusal: list[str] = []
    modals.answer(read_listing(refusal, "02_submit_refused"))
    click(qtbot, page.submit_button)
    assert modals.pending == 0
    assert refusal[0].startswith("Belum dapat diajukan\nRealisasi Seksi Pemerintahan TW IV 2025 belum dapat diajukan:")
    assert refusal[1] == (
        "- IK05 Persentase desa dengan administrasi pemerintahan desa yang tertib: capaian 92,30% di bawah target "
        "triwulan; isi faktor pendukung, faktor penghambat dan upaya/tindak lanjut"
    )
    assert stored(demo_db, "IK05").status is Status.DRAFT

    # WHEN he writes the narrative, saves, and submits, confirming
    for edit, text in zip(
        (page.form.supporting_edit, page.form.inhibiting_edit, page.form.follow_up_edit), NARRATIVE, strict=True
    ):
        type_over(qtbot, edit, text)
    assert page.form.capaian_note.isHidden()  # the narrative is complete
    click(qtbot, page.form.save_button)
    asked: list[str] = []
    modals.answer(lambda box: (asked.append(box.text()), press("Ajukan")(box)))
    click(qtbot, page.submit_button)
    # THEN both go to the Sekretaris and the form turns read-only
    assert "ke Sekretaris?" in asked[0] and "(2 indikator)" in asked[0]
    assert page.message.text() == "2 realisasi TW IV 2025 diajukan ke Sekretaris."
    assert texts(page.table, 6) == ["Diajukan", "Diajukan"]
    assert page.form.value_edit.isReadOnly() and not page.form.save_button.isEnabled()
    assert page.form.note.text().startswith("Sudah diajukan ke Sekretaris")
    assert not page.submit_button.isEnabled()
    shot(page, "03_entry_submitted")

    # GIVEN the Sekretaris's verification page
    sekcam = context_for(demo_db, "sekcam")
    verify_page = show(qtbot, VerifyPage(sekcam))
    assert texts(verify_page.table, 0) == ["IK04", "IK05"]
    assert not verify_page.verify_button.isEnabled()
    # WHEN she reads IK04 and ticks the three items with a note
    click_row(qtbot, verify_page.table, "IK04")
    assert "daftar hadir pembinaan.pdf" in texts(verify_page.detail.evidence.table, 0)
    assert "116,67%" in verify_page.detail.text.toPlainText()
    for box in verify_page.boxes:
        tick(qtbot, box)
    qtbot.keyClicks(verify_page.note_edit, "Sesuai daftar hadir")
    assert texts(verify_page.table, 7) == ["✔ lengkap", "0 dari 3"]
    assert verify_page.verify_button.text() == "Verifikasi yang dicentang lengkap (1)"
    click_row(qtbot, verify_page.table, "IK05")
    assert "Satu desa berganti sekretaris desa" in verify_page.detail.text.toPlainText()
    shot(verify_page, "04_verify")
    click(qtbot, verify_page.verify_button)
    # THEN IK04 is verified with her checklist; IK05 still waits
    ik04 = stored(demo_db, "IK04")
    assert ik04.status is Status.VERIFIED and ik04.check is not None and ik04.check.note == "Sesuai daftar hadir"
    assert texts(verify_page.table, 0) == ["IK05"]

    # WHEN she returns IK05, first without a reason
    problems: list[str] = []

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        assert any("IK05" in label.text() for label in dialog.findChildren(QLabel))
        click(qtbot, dialog.save_button)
        problems.append(dialog.problem_text())
        qtbot.keyClicks(dialog.text_edit, RETURN_REASON)
        shot(dialog, "05_return_reason")
        click(qtbot, dialog.save_button)

    click_row(qtbot, verify_page.table, "IK05")
    modals.answer(give_reason)
    click(qtbot, verify_page.return_button)
    # THEN the empty reason was refused in the dialog, and the reasoned return reached the Kasi
    assert problems == ["Tulis alasan pengembalian agar Kasi tahu apa yang harus diperbaiki."]
    assert stored(demo_db, "IK05").status is Status.RETURNED
    assert verify_page.model.rowCount() == 0 and "Tidak ada realisasi" in verify_page.summary.text()

    # GIVEN the Kasi back at his page
    kasi = context_for(demo_db, "kasi_pem")
    page = show(qtbot, EntryPage(kasi, pemerintahan(demo_db)))
    # THEN he sees the return and its reason, marked
    assert texts(page.table, 6) == ["Diverifikasi", "Dikembalikan"]
    assert texts(page.table, 7)[1] == RETURN_REASON
    assert page.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).name() == RETURNED_COLOUR
    click_row(qtbot, page.table, "IK05")
    assert page.form.note.text().startswith(f"Dikembalikan dengan alasan: {RETURN_REASON}")
    assert not page.form.value_edit.isReadOnly()
    shot(page, "06_entry_returned")
    # WHEN he corrects the value and submits again
    type_over(qtbot, page.form.value_edit, "92,86")
    click(qtbot, page.form.save_button)
    modals.answer(press("Ajukan"))
    click(qtbot, page.submit_button)
    # THEN only IK05 went again; IK04 stays verified
    assert page.message.text() == "1 realisasi TW IV 2025 diajukan ke Sekretaris."
    assert stored(demo_db, "IK05").status is Status.SUBMITTED and stored(demo_db, "IK05").value == Decimal("92.86")
    assert stored(demo_db, "IK04").status is Status.VERIFIED

    # WHEN the Sekretaris verifies IK05
    verify_page.refresh()
    assert texts(verify_page.table, 0) == ["IK05"]
    click_row(qtbot, verify_page.table, "IK05")
    for box in verify_page.boxes:
        tick(qtbot, box)
    click(qtbot, verify_page.verify_button)
    assert stored(demo_db, "IK05").status is Status.VERIFIED

    # GIVEN the Camat's approval page
    camat = context_for(demo_db, "camat")
    approve_page = show(qtbot, ApprovePage(camat))
    queue = approve_page.queue
    assert texts(queue.table, 0) == ["IK04", "IK05"]
    click_row(qtbot, queue.table, "IK05")
    assert "92,86%" in queue.detail.text.toPlainText()
    shot(approve_page, "07_approve")
    # WHEN he approves all, confirming
    asked.clear()
    modals.answer(lambda box: (asked.append(box.text()), press("Setujui")(box)))
    click(qtbot, queue.approve_all_button)
    # THEN both are approved and locked
    assert asked[0].startswith("Setujui 2 realisasi TW IV 2025 (IK04, IK05)?")
    assert {stored(demo_db, c).status for c in ("IK04", "IK05")} == {Status.APPROVED}
    assert queue.model.rowCount() == 0 and queue.message.text() == "2 realisasi disetujui dan terkunci."

    # THEN the Kasi's page is read-only with the lock said
    page.refresh()
    click_row(qtbot, page.table, "IK04")
    assert texts(page.table, 6) == ["Disetujui", "Disetujui"]
    assert page.form.note.text() == LOCKED_NOTE and LOCKED_NOTE.startswith("Terkunci — sudah disetujui")
    assert page.form.value_edit.isReadOnly() and page.form.supporting_edit.isReadOnly()
    assert not page.form.save_button.isEnabled() and not page.form.add_button.isEnabled()
    assert page.form.evidence.open_button.isEnabled() is False  # nothing chosen in the list yet
    assert not page.submit_button.isEnabled()
    shot(page, "08_entry_locked")

    # WHEN the Camat revises IK04 from 7 to 8, first without a reason
    approve_page.setCurrentWidget(approve_page.revisions)
    revision_page = approve_page.revisions
    assert texts(revision_page.table, 0) == ["IK04", "IK05"]
    click_row(qtbot, revision_page.table, "IK04")
    assert revision_page.history_model.rowCount() == 0

    def revise_it(dialog: QWidget) -> None:
        assert isinstance(dialog, RevisionDialog)
        type_over(qtbot, dialog.value_edit, "8")
        click(qtbot, dialog.save_button)
        problems.append(dialog.problem_text())
        qtbot.keyClicks(dialog.reason_edit, "Satu pembinaan di Desa Sumberejo belum tercatat")
        shot(dialog, "09_revision_dialog")
        click(qtbot, dialog.save_button)

    problems.clear()
    modals.answer(revise_it)
    click(qtbot, revision_page.revise_button)
    # THEN the empty reason was refused, and the revision keeps old, new and reason
    assert problems == ["Tulis alasan revisi; alasan tercatat bersama nilai lama dan baru."]
    (revision,) = revisions(demo_db, stored(demo_db, "IK04").realisation_id)
    assert (revision.old_value, revision.new_value) == (Decimal(7), Decimal(8))
    assert revision.reason == "Satu pembinaan di Desa Sumberejo belum tercatat"
    assert revision.revised_by == camat.actor.name
    assert stored(demo_db, "IK04").status is Status.APPROVED and stored(demo_db, "IK04").value == Decimal(8)
    assert texts(revision_page.history, 1) == ["7"] and texts(revision_page.history, 2) == ["8"]
    assert texts(revision_page.history, 3) == ["Satu pembinaan di Desa Sumberejo belum tercatat"]
    assert "1 revisi" in revision_page.history_title.text()
    shot(approve_page, "10_revisions")


# ---- Format Isian through the entry page ---------------------------------------------------------------------


def _fill(path: Path, values: dict[str, dict[str, object]]) -> None:
    """Type into the exported workbook as the Kasi would in Excel: by column title, on the row of each Kode."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["Seksi Pemerintahan"]
    header = next(r for r in ws.iter_rows(max_row=20) if any(c.value == "Kode" for c in r))
    columns = {c.value: c.column for c in header if c.value}
    rows = {ws.cell(row=r, column=columns["Kode"]).value: r for r in range(header[0].row + 1, ws.max_row + 1)}
    for code, cells in values.items():
        for title, value in cells.items():
            ws.cell(row=rows[code], column=columns[title], value=value)
    wb.save(path)


def test_format_isian_round_trip_through_the_entry_page(qtbot, demo_db, modals: Modals, tmp_path, monkeypatch):
    # GIVEN the Kasi Pemerintahan's page at TW IV 2025 and a folder to save in
    kasi = context_for(demo_db, "kasi_pem")
    page = show(qtbot, EntryPage(kasi, pemerintahan(demo_db)))
    path = tmp_path / "isian.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))

    # WHEN he exports the Format Isian
    told: list[str] = []
    modals.answer(lambda box: (told.append(box.text()), press("Tutup")(box)))
    click(qtbot, page.export_button)
    # THEN the workbook is written and he is told where
    assert path.is_file() and str(path) in told[0] and "(2 indikator)" in told[0]

    # WHEN he fills it in Excel (a decimal comma typed as text) and imports it
    _fill(
        path,
        {
            "IK04": {"Realisasi TW": 7},
            "IK05": {
                "Realisasi TW": "85,71",
                "Faktor pendukung": NARRATIVE[0],
                "Faktor penghambat": NARRATIVE[1],
                "Upaya/tindak lanjut": NARRATIVE[2],
            },
        },
    )
    seen: dict[str, list[str]] = {}
    seen_changes: list = []

    def check_preview(dialog: QWidget) -> None:
        assert isinstance(dialog, IsianPreviewDialog)
        seen["codes"] = texts(dialog.table, 2)
        seen_changes.extend(dialog.preview.changes)
        seen["shown"] = texts(dialog.table, 4)
        shot(dialog, "11_isian_preview")
        click(qtbot, dialog.apply_button)

    modals.answer(check_preview)
    click(qtbot, page.import_button)
    # THEN the preview listed old → new per row, and "Terapkan" stored both
    assert seen["codes"] == ["IK04", "IK05"]
    assert seen["shown"][0] == "Realisasi: (kosong) → 7"
    assert seen["shown"][1].splitlines() == [
        "Realisasi: (kosong) → 85,71",
        f"Faktor pendukung: (kosong) → “{NARRATIVE[0]}”",
        f"Faktor penghambat: (kosong) → “{NARRATIVE[1]}”",
        "Upaya/tindak lanjut: (kosong) → “Bimbingan teknis administrasi untuk sekretaris desa baru pada Januari…”",
    ]
    # ... in full on hover
    assert f"Upaya/tindak lanjut: (kosong) → “{NARRATIVE[2]}”" in change_lines(seen_changes[1], short=False)
    assert stored(demo_db, "IK04").value == Decimal(7) and stored(demo_db, "IK05").value == Decimal("85.71")
    assert stored(demo_db, "IK05").narrative.inhibiting == NARRATIVE[1]
    assert page.message.text() == "Format Isian diimpor: 2 realisasi diperbarui."
    assert texts(page.table, 4) == ["7", "85,71"]

    # WHEN he changes IK04 to 8 in the file but cancels the preview THEN nothing changes
    _fill(path, {"IK04": {"Realisasi TW": 8}})
    modals.answer(press("Batal"))
    click(qtbot, page.import_button)
    assert stored(demo_db, "IK04").value == Decimal(7)

    # WHEN the file holds a word where a number belongs THEN the refusal names sheet, row and column
    _fill(path, {"IK04": {"Realisasi TW": "tujuh"}, "IK05": {"Realisasi TW": "-3"}})
    refusal: list[str] = []
    modals.answer(read_listing(refusal, "12_isian_refused"))
    click(qtbot, page.import_button)
    assert "Berkas isian.xlsx tidak diimpor karena ada 2 kesalahan:" in refusal[0]
    assert "lembar 'Seksi Pemerintahan', baris 9, kolom 'Realisasi TW': 'tujuh' bukan angka." in refusal[1]
    assert "baris 10, kolom 'Realisasi TW': '-3' tidak boleh negatif." in refusal[1]
    assert stored(demo_db, "IK04").value == Decimal(7)


# ---- smaller behaviours ------------------------------------------------------------------------------------------


def test_unsaved_typing_is_not_lost_when_another_row_is_chosen(qtbot, demo_db, modals: Modals):
    # GIVEN the Kasi typing IK04's value without saving
    page = show(qtbot, EntryPage(context_for(demo_db, "kasi_pem"), pemerintahan(demo_db)))
    click_row(qtbot, page.table, "IK04")
    type_over(qtbot, page.form.value_edit, "6")
    # WHEN he clicks IK05 and chooses "Batal" THEN he stays on IK04 with what he typed
    modals.answer(press("Batal"))
    click_row(qtbot, page.table, "IK05")
    assert page.form.entry.code == "IK04" and page.form.value_edit.text() == "6"
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [0]
    # WHEN he clicks IK05 again and chooses "Simpan" THEN IK04 is saved and IK05 is shown
    modals.answer(press("Simpan"))
    click_row(qtbot, page.table, "IK05")
    assert stored(demo_db, "IK04").value == Decimal(6)
    assert page.form.entry.code == "IK05" and page.form.value_edit.text() == ""

    # WHEN he types IK05's value and another screen changes the work meanwhile THEN his typing stays
    type_over(qtbot, page.form.value_edit, "85,71")
    page.ctx.signals.work_changed.emit()
    assert page.form.value_edit.text() == "85,71" and page.form.dirty
    # WHEN he moves to TW III before saving THEN he is asked, and "Simpan" stores it in TW IV
    modals.answer(press("Simpan"))
    page.ctx.set_period(2025, 3)
    assert stored(demo_db, "IK05").value == Decimal("85.71")
    assert "TW III 2025" in page.title.text() and page.form.entry.quarter == 3


def test_a_bad_number_is_refused_and_the_cursor_goes_to_it(qtbot, demo_db, modals: Modals):
    page = show(qtbot, EntryPage(context_for(demo_db, "kasi_pem"), pemerintahan(demo_db)))
    click_row(qtbot, page.table, "IK04")
    type_over(qtbot, page.form.value_edit, "1.500")  # a thousands dot or a decimal point? ask
    assert page.form.capaian_label.text().endswith("angka belum benar</span>")
    told: list[str] = []
    modals.answer(lambda box: (told.append(box.text()), press("OK")(box)))
    click(qtbot, page.form.save_button)
    assert told and told[0].startswith("Realisasi: '1.500' meragukan")
    assert stored(demo_db, "IK04").realisation_id is None
    assert page.focusWidget() is page.form.value_edit


def test_a_new_period_redraws_the_pages(qtbot, demo_db):
    kasi = context_for(demo_db, "kasi_pem")
    page = show(qtbot, EntryPage(kasi, pemerintahan(demo_db)))
    kasi.set_period(2025, 2)
    assert "TW II 2025" in page.title.text() and texts(page.table, 6) == ["Disetujui", "Disetujui"]
    sekcam = context_for(demo_db, "sekcam")
    verify_page = show(qtbot, VerifyPage(sekcam))
    sekcam.set_period(2025, 3)  # demo: TW III submitted by most units
    assert "IK04" in texts(verify_page.table, 0) and "TW III 2025" in verify_page.title.text()


@pytest.mark.parametrize("page_class", [EntryPage, VerifyPage])
def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, demo_db, page_class):
    ctx = context_for(demo_db, "kasi_pem" if page_class is EntryPage else "sekcam")
    ctx.set_period(2025, 3)
    page = EntryPage(ctx, pemerintahan(demo_db)) if page_class is EntryPage else VerifyPage(ctx)
    show(qtbot, page)
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)
