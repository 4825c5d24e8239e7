"""The LKj page: edit a section, save it, build the PDF and the Word file; the Camat's lock."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import TODAY, read_and_close
from pypdf import PdfReader
from PySide6.QtCore import Qt

from sakip_desktop.ops.lkj.sections import lkj_view
from sakip_desktop.ops.org.auth import actor_for
from tests._lkj_ready import finish_lkj
from ui.context import AppContext
from ui.documents.preview import PreviewDialog
from ui.lkj.page import KEY_ROLE, LkjPage


def _page(qtbot, db, username: str) -> LkjPage:
    ctx = AppContext(db=db, actor=actor_for(db, username, TODAY), year=2025, quarter=3, today=lambda: TODAY)
    page = LkjPage(ctx)
    page.open_after = False
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def _select(page: LkjPage, key: str) -> None:
    root = page.tree.invisibleRootItem()
    for g in range(root.childCount()):
        group = root.child(g)
        for i in range(group.childCount()):
            if group.child(i).data(0, KEY_ROLE) == key:
                page.tree.setCurrentItem(group.child(i))
                return
    raise AssertionError(key)


def test_edit_save_and_build_pdf(qtbot, demo_db, tmp_path) -> None:
    # GIVEN the Kasubag Perencanaan on the LKj page of 2025, showing the draft of the simpulan
    page = _page(qtbot, demo_db, "kasubag_renkeu")
    _select(page, "bab4.simpulan")
    assert "99,61%" in page.editor.toPlainText()
    page.grab().save(str(tmp_path / "lkj_page.png"))
    # WHEN the text is typed and saved
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Kinerja Kecamatan Contoh tahun 2025 baik.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # THEN it is stored, marked in the list, and still shown
    assert lkj_view(demo_db, 2025).text("bab4.simpulan") == "Kinerja Kecamatan Contoh tahun 2025 baik."
    assert page.tree.currentItem().text(0).startswith("●")
    assert page.editor.toPlainText() == "Kinerja Kecamatan Contoh tahun 2025 baik."
    # WHEN "Buat PDF" writes to a chosen file
    page.ask_path = lambda _t, name, _f: tmp_path / name
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    # THEN the PDF has the saved text
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "LKj 2025.pdf")).pages)
    assert "Kinerja Kecamatan Contoh tahun 2025 baik." in text
    # AND "Ekspor Word" writes a .docx
    qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "LKj 2025.docx").stat().st_size > 10000


def test_use_draft_replaces_the_editor_text(qtbot, demo_db) -> None:
    # GIVEN a section whose editor text was cleared
    page = _page(qtbot, demo_db, "kasubag_renkeu")
    _select(page, "ikhtisar")
    page.editor.setPlainText("")
    # WHEN "Gunakan draf" is clicked
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    # THEN the draft is back
    assert "sasaran strategis" in page.editor.toPlainText()


def test_camat_signs_and_saving_is_refused(qtbot, demo_db, modals) -> None:
    # GIVEN the Camat (on a day without a Plh.) marks the LKj signed, once it is finished (issue #12)
    finish_lkj(demo_db, 2025)
    camat = _page(qtbot, demo_db, "camat")
    assert camat.sign(dt.date(2026, 2, 20))
    assert "terkunci" in camat.state.text() and not camat.sign_button.isEnabled()
    # WHEN the Kasubag opens the page
    page = _page(qtbot, demo_db, "kasubag_renkeu")
    _select(page, "bab4.simpulan")
    # THEN the editor is read-only and Simpan is disabled
    assert page.editor.isReadOnly() and not page.save_button.isEnabled()
    # AND a save forced anyway is refused with a message naming the date
    messages: list[str] = []
    modals.answer(read_and_close(messages))
    assert not page.save()
    assert "20 Februari 2026" in messages[0]


def test_preview_shows_the_pages(qtbot, demo_db) -> None:
    # GIVEN the Sekretaris on the LKj page
    page = _page(qtbot, demo_db, "sekcam")
    # WHEN "Pratinjau" is clicked
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(PreviewDialog)
    # THEN the preview window shows the first of the LKj's pages
    assert dialog is not None and dialog.isVisible()
    assert dialog.page_label.text().startswith("Halaman 1 dari ") and len(dialog.pages) > 10
    dialog.accept()


def test_the_editor_counts_what_is_missing_and_highlights_the_gaps(qtbot, demo_db, modals, tmp_path) -> None:
    # GIVEN the demo's 2025: no section reviewed yet, TW IV not approved
    page = _page(qtbot, demo_db, "kasubag_renkeu")
    view = lkj_view(demo_db, 2025)
    # THEN the page says how much is still missing and that the LKj prints as DRAF
    assert "0 dari 46 bagian sudah ditinjau" in page.state.text()
    assert "58 hal belum lengkap (dicetak DRAF)" in page.state.text()
    assert "Realisasi TW IV belum disetujui Camat" in page.state.toolTip()
    # AND a section with a gap shows it highlighted above the editor, not in the text that is printed
    s2 = view.data.sasaran[1]
    _select(page, f"bab3.s{s2.objective_id}.a5")
    assert page.notes.isVisible() and "Belum ada uraian faktor pendukung/penghambat" in page.notes.text()
    assert "Belum ada uraian" not in page.editor.toPlainText()
    assert page.tree.currentItem().toolTip(0)
    page.grab().save(str(tmp_path / "lkj_notes.png"))
    # AND a section without a gap shows no note
    _select(page, "kata_pengantar")
    assert not page.notes.isVisible()
    # WHEN the section is saved, the count drops by one
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "1 dari 46 bagian sudah ditinjau" in page.state.text() and "57 hal belum lengkap" in page.state.text()
    # WHEN the Camat tries to mark it signed THEN the refusal lists what is missing
    camat = _page(qtbot, demo_db, "camat")
    messages: list[str] = []
    modals.answer(read_and_close(messages))
    assert not camat.sign(dt.date(2026, 2, 20))
    assert "57 hal yang belum selesai" in messages[0] and "Realisasi TW IV belum disetujui Camat" in messages[0]
