"""Smaller findings seen on screen: a seksi named once, file dialogs that start where the person works."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QFileDialog

import ui.widgets.files as files
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.role_tab import RoleTab

DEMO_DAY = dt.date(2025, 8, 13)


def test_the_kasis_indicator_title_names_his_seksi_once(qtbot, demo_db):
    # GIVEN the Kasi Kesejahteraan Sosial's window
    ctx = AppContext(demo_db, actor_for(demo_db, "kasi_kesos", DEMO_DAY), 2025, 3, today=lambda: DEMO_DAY)
    window = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(window)
    window.show()
    tab = next(t for t in window.role_tabs if t.title == "Kasi Kesejahteraan Sosial")
    window.tabs.setCurrentWidget(tab)
    assert isinstance(tab, RoleTab)
    # THEN the title over his indicators says "Seksi Kesejahteraan Sosial", not "seksi Seksi Kesejahteraan Sosial"
    text = tab.indicator_title.text()
    assert text.startswith("Indikator kinerja Seksi Kesejahteraan Sosial: ") and "seksi Seksi" not in text


def test_file_dialogs_start_in_documents_then_in_the_last_folder_used(qtbot, tmp_path, monkeypatch):
    # GIVEN a person whose Documents folder is known, and no folder used yet in this program
    documents = tmp_path / "Dokumen"
    documents.mkdir()
    monkeypatch.setattr(files, "documents_dir", lambda: documents)
    monkeypatch.setattr(files, "_last_folder", [])
    flash = tmp_path / "FLASHDISK"
    flash.mkdir()
    (flash / "bukti.pdf").write_bytes(b"%PDF-1.4 bukti")
    # WHEN a file dialog opens (e.g. "Tambah bukti dukung", "Pilih berkas cadangan")
    first = files._dialog(None, "Tambah bukti dukung", None)
    qtbot.addWidget(first)
    # THEN it starts in Documents, not in the program's folder
    assert Path(first.directory().absolutePath()) == documents
    # WHEN a file on the flash drive is chosen in it
    first.setFileMode(QFileDialog.FileMode.ExistingFile)
    first.selectFile(str(flash / "bukti.pdf"))
    assert files.taken(first) == flash / "bukti.pdf"
    # THEN the next file dialog starts where that file was
    following = files._dialog(None, "Pilih berkas cadangan", None)
    qtbot.addWidget(following)
    assert Path(following.directory().absolutePath()) == flash and files.start_folder() == flash
