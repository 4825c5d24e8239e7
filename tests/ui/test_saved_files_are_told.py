"""Issue 13 leftover: saving the LKj (PDF, Word) or a document's PDF says where the file went and offers to open
its folder or the file (one notice for every screen, `ui.widgets.files.tell_saved`); it used to say nothing."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import TODAY
from PySide6.QtWidgets import QMessageBox, QPushButton

import ui.widgets.files as files
from sakip_desktop.ops.org.auth import actor_for
from ui.context import AppContext
from ui.documents.page import DocumentsPage
from ui.lkj.page import LkjPage


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """What the computer was asked to open (the file manager or the PDF program are not started in tests)."""
    asked: list[str] = []

    class Desktop:
        @staticmethod
        def openUrl(url) -> bool:
            asked.append(url.toLocalFile())
            return True

    monkeypatch.setattr(files, "QDesktopServices", Desktop)
    monkeypatch.setattr(files.sys, "platform", "linux")
    return asked


def _ctx(db, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, TODAY), year=2025, quarter=3, today=lambda: TODAY)


def _button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.buttons() if b.text() == text)


def test_the_lkj_in_word_says_where_it_went_and_opens_its_folder(qtbot, demo_db, tmp_path, opened):
    # GIVEN the LKj page, the save dialog answered with a file in a folder of the office's choice
    page = LkjPage(_ctx(demo_db, "kasubag_renkeu"))
    qtbot.addWidget(page)
    page.show()
    target = tmp_path / "laporan" / "LKj 2025.docx"
    target.parent.mkdir()
    page.ask_path = lambda _title, _name, _filter: target
    # WHEN the LKj is exported to Word
    assert page.make_docx() == target
    # THEN a notice names the whole path, with the folder and the file to open, and work goes on (not modal)
    box = page.saved_box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert str(target) in box.text() and box.text().startswith("LKj 2025 (Word) disimpan di:")
    # WHEN "Buka folder" is pressed THEN the file manager is asked for the folder
    _button(box, "Buka folder").click()
    assert opened == [str(target.parent)]


def test_a_documents_pdf_says_where_it_went_and_opens_the_file(qtbot, demo_db, tmp_path, opened):
    page = DocumentsPage(_ctx(demo_db, "kasubag_renkeu"))
    qtbot.addWidget(page)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("pengukuran"))
    page.quarter.setCurrentIndex(page.quarter.findData(3))
    # WHEN the document is saved as PDF
    target = page.save_pdf(str(tmp_path / "fpk.pdf"))
    assert target == Path(tmp_path / "fpk.pdf")
    # THEN the status line and a notice say where, and "Buka berkas" opens it
    assert str(target) in page.status.text()
    box = page.saved_box
    assert isinstance(box, QMessageBox) and box.isVisible() and str(target) in box.text()
    _button(box, "Buka berkas").click()
    assert opened == [str(target)]
