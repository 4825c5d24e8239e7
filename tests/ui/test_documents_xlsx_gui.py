"""The Dokumen page's "Ekspor Excel…": the chosen document's tables to .xlsx, not recorded in the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.register import list_documents
from ui.context import AppContext
from ui.documents.page import DocumentsPage

DAY = dt.date(2025, 10, 10)


def _page(qtbot, demo_db) -> DocumentsPage:
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3, today=lambda: DAY
    )
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def test_ekspor_excel_writes_the_tables_of_the_chosen_document(qtbot, demo_db, tmp_path: Path, monkeypatch) -> None:
    # GIVEN the quarterly report of TW III chosen on the Dokumen page, and a save dialog answered with a file name
    page = _page(qtbot, demo_db)
    page.kind.setCurrentIndex(page.kind.findData("triwulan"))
    page.quarter.setCurrentIndex(page.quarter.findData(3))
    target = tmp_path / "laporan-tw3"  # typed without the extension
    asked: list[str] = []

    def answer(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    # WHEN "Ekspor Excel…" is clicked
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    # THEN the dialog suggested an .xlsx name, the workbook holds the report's two tables, and the page says so
    assert asked and asked[0].endswith(".xlsx") and "TW-III" in asked[0]
    written = target.with_suffix(".xlsx")
    wb = load_workbook(written)
    assert wb.sheetnames == ["A Capaian Kinerja", "B Realisasi Anggaran"]
    assert wb["A Capaian Kinerja"]["A2"].value == "Kecamatan Contoh – Triwulan III Tahun 2025"
    assert "Diekspor 2 tabel" in page.status.text() and "tidak dicatat" in page.status.text()
    # AND nothing went into the document register (an export is not a paper for signature)
    assert list_documents(demo_db) == [] and page.registers.document_model.rowCount() == 0
    page.grab().save("/tmp/documents_xlsx_page.png")


def test_ekspor_excel_is_off_for_a_letter_and_a_cancelled_dialog_writes_nothing(
    qtbot, demo_db, tmp_path, monkeypatch
) -> None:
    # GIVEN the Dokumen page
    page = _page(qtbot, demo_db)
    # WHEN the surat pengantar is chosen THEN there is no table to export
    page.kind.setCurrentIndex(page.kind.findData("surat-pengantar"))
    assert not page.xlsx_button.isEnabled()
    # WHEN the PK is chosen and the save dialog is cancelled THEN nothing is written
    page.kind.setCurrentIndex(page.kind.findData("pk"))
    assert page.xlsx_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert page.export_xlsx() is None
    assert not any(p.suffix == ".xlsx" for p in tmp_path.iterdir()) and page.status.text() == ""
