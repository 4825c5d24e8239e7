"""The Formulir E.81 screen (issue 15 §1): the Tim SAKIP reviews the drafted faktor and tindak lanjut rows, saves
them and prints the form, which carries the saved text; a Kasi outside the Tim may read but not save; the
settings screen holds the Bappeda official who signs "Dievaluasi"."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from sakip_desktop.ops.e81.notes import e81_notes
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings
from ui.context import AppContext
from ui.documents.e81_page import E81Page
from ui.tools import tools_for

DAY = dt.date(2025, 10, 10)


def _page(qtbot, db, username: str) -> E81Page:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    page = E81Page(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.open_after = False
    return page


def test_the_tim_sakip_saves_the_rows_and_prints_the_form_with_them(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.show()
    # GIVEN TW III shown with its drafts, nothing saved: the screen says why the form is still a DRAF
    assert page.chosen == (2025, 3)
    drafts = {n.key: n.draft for n in e81_notes(demo_db, 2025, 3)}
    assert page.edits["pendorong"].toPlainText() == drafts["pendorong"] != ""
    assert "Masih tercetak DRAF" in page.state.text() and "Faktor pendorong" in page.state.text()
    page.grab().save(str(tmp_path / "e81_page.png"))
    # WHEN the Tim SAKIP rewrites the faktor pendorong and saves
    page.edits["pendorong"].setPlainText("Koordinasi Seksi dan desa berjalan rutin setiap bulan.")
    page.save_button.click()
    # THEN the four rows are stored in her name and the screen says so
    saved = e81_notes(demo_db, 2025, 3)
    assert all(n.is_saved for n in saved)
    assert saved[0].text == "Koordinasi Seksi dan desa berjalan rutin setiap bulan."
    assert "Disimpan oleh" in page.marks["pendorong"].text()
    assert "Faktor pendorong" not in page.state.text()  # only the approvals are left
    # AND the PDF made from the screen prints the saved text, and the .xlsx holds one sheet
    page.ask_path = lambda title, name, filt: tmp_path / name
    pdf = page.make_pdf()
    assert pdf is not None and pdf.exists()
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Koordinasi Seksi dan desa berjalan rutin setiap bulan." in " ".join(text.split())
    xlsx = page.make_xlsx()
    assert xlsx is not None and Path(xlsx).stat().st_size > 0


def test_a_kasi_outside_the_tim_reads_but_cannot_save(qtbot, demo_db):
    page = _page(qtbot, demo_db, "kasi_ekbang")
    assert page.edits["pendorong"].isReadOnly() and not page.save_button.isEnabled()


def test_the_screen_is_a_tool_of_the_tim_sakip_and_the_kasubag_perencanaan(demo_db):
    from sakip_desktop.domain.roles import Role
    from sakip_desktop.ops.base import RoleGrant

    for role in (Role.TIM_SAKIP, Role.KASUBAG_PERENCANAAN):
        assert "Formulir E.81" in [t.title for t in tools_for(RoleGrant(role))]
    assert "Formulir E.81" not in [t.title for t in tools_for(RoleGrant(Role.KASI))]


def test_the_settings_screen_keeps_the_bappeda_official(qtbot, demo_db):
    from ui.settings.general_page import GeneralPage

    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3)
    page = GeneralPage(ctx)
    qtbot.addWidget(page)
    page.e81["e81_evaluator_name"].setText("Dra. Ratna Sari")
    page.e81["e81_evaluator_nip"].setText("197001011995032001")
    assert page.save()
    stored = get_settings(demo_db)
    assert (stored.e81_evaluator_name, stored.e81_evaluator_nip) == ("Dra. Ratna Sari", "197001011995032001")


def test_saving_the_pdf_and_the_xlsx_says_where_the_file_went_with_buka_folder(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.show()
    opened: list[Path] = []
    page.reveal = opened.append
    target = tmp_path / "Kiriman Bappeda"
    target.mkdir()
    page.ask_path = lambda title, name, filt: target / name
    assert not page.folder_button.isVisible()
    # WHEN the Tim saves the PDF
    pdf = page.make_pdf()
    # THEN the screen says where it went (the full path) and that it is in the register, and offers "Buka folder"
    assert pdf is not None and pdf.exists()
    assert f"PDF disimpan ke {pdf}" in page.saved.text() and "versi 1" in page.saved.text()
    assert page.folder_button.isVisible() and page.folder_button.text() == "Buka folder"
    page.folder_button.click()
    assert opened == [target]
    # AND the .xlsx likewise
    xlsx = page.make_xlsx()
    assert xlsx is not None and f"Berkas Excel disimpan ke {xlsx}" in page.saved.text()
    # AND the submission pack takes the very PDF saved here (the registered printing) instead of printing it again
    from sakip_desktop.documents.pack import prepare_pack

    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    result = prepare_pack(demo_db, page.ctx.actor, 2025, drive, quarter=3, today=DAY)
    line = next(x for x in result.lines if x.title == "Formulir E.81")
    assert line.remark.startswith("cetakan terdaftar versi 1")
    assert (result.path / line.file_name).read_bytes() == pdf.read_bytes()


def test_a_saved_pdf_is_told_with_its_path_and_buka_folder(qtbot, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.widgets import files

    asked: list[str] = []

    class Desktop:  # the file manager is not started in tests: what it was asked to open is kept
        @staticmethod
        def openUrl(url) -> bool:
            asked.append(url.toLocalFile())
            return True

    monkeypatch.setattr(files, "QDesktopServices", Desktop)
    monkeypatch.setattr(files.sys, "platform", "linux")
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.open_after = True
    page.show()
    page.ask_path = lambda title, name, filt: tmp_path / name
    # WHEN the Tim saves the E.81 PDF
    pdf = page.make_pdf()
    # THEN the program's one "file saved" notice says where it went, and "Buka folder" opens its folder
    box = page.saved_box
    assert pdf is not None and isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == f"Formulir E.81 2025 TW 3 (PDF) disimpan di:\n{pdf}"
    next(b for b in box.buttons() if b.text() == "Buka folder").click()
    assert asked == [str(tmp_path)]


def test_every_reason_for_the_draf_shows_the_approvals_first_and_none_is_cut(qtbot, demo_db):
    from sakip_desktop.ops.e81.form import e81_form

    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.show()
    qtbot.wait(50)
    missing = e81_form(demo_db, 2025, 3).missing
    lines = page.state.text().splitlines()
    # THEN the realisasi waiting for the Camat comes first, the four unsaved rows share one line, none left out
    assert lines[0] == "Masih tercetak DRAF karena:"
    assert "belum disetujui Camat" in lines[1] and len(lines) == 3
    assert all(label.split(": ")[-1] in page.state.text() for label in missing)
    # AND the label has the room its wrapped text needs (never squeezed to fewer lines)
    assert page.state.height() >= page.state.heightForWidth(page.state.width())
