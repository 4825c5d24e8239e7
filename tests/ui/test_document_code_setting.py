"""Pengaturan › Umum: the office may ask for the register's code on printed documents (issue #12 §1)."""

from __future__ import annotations

import io
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader
from PySide6.QtCore import Qt

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings
from ui.context import AppContext
from ui.settings.general_page import GeneralPage


def _footer(db) -> str:
    pdf, _ = catalog.preview(db, DocRequest(kind="pk", year=2025))
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_the_document_code_is_printed_only_when_ticked(qtbot, demo_db) -> None:
    # GIVEN the administrator on Pengaturan › Umum: the box is off by default, and the PK prints no code
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu"), year=2025, quarter=3)
    page = GeneralPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.document_code.isChecked() and not get_settings(demo_db).print_document_code
    assert "Kode dokumen" not in _footer(demo_db)
    # WHEN the box is ticked and saved
    qtbot.mouseClick(page.document_code, Qt.MouseButton.LeftButton)
    assert page.save()
    # THEN the setting is stored and the PK's footer carries a small "Kode dokumen"
    assert get_settings(demo_db).print_document_code
    assert "Kode dokumen" in _footer(demo_db)
