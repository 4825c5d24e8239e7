"""The Dokumen page: choose a document, preview it page by page, save/print it, and see it in the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter

from sakip_desktop.documents import catalog
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.ops.org.auth import actor_for
from ui.context import AppContext
from ui.documents.page import DocumentsPage
from ui.documents.pdfpages import PdfPages, print_pages
from ui.documents.registers import LetterDialog
from ui.tools import document_tools

DAY = dt.date(2025, 10, 10)


def _page(qtbot, demo_db, opened: list | None = None) -> DocumentsPage:
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3, today=lambda: DAY
    )
    page = DocumentsPage(ctx, open_url=lambda url: opened.append(url) or True if opened is not None else True)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def _choose(page: DocumentsPage, kind: str, quarter: int | None = 3) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    if quarter is not None or kind == "pengukuran":
        page.quarter.setCurrentIndex(page.quarter.findData(quarter))


def test_preview_opens_on_page_one_and_navigates(qtbot, demo_db) -> None:
    # GIVEN the Kasubag Perencanaan on the Dokumen page with the TW III quarterly report chosen
    page = _page(qtbot, demo_db)
    _choose(page, "triwulan", 3)
    # WHEN "Pratinjau" is pressed
    page.preview_button.click()
    dialog = page.preview
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # THEN page 1 of the document shows, with "Halaman 1 dari N"
    total = len(dialog.pages)
    assert total >= 2
    assert dialog.page_label.text() == f"Halaman 1 dari {total}"
    assert not dialog.image.pixmap().isNull() and not dialog.prev_button.isEnabled()
    width_100 = dialog.image.pixmap().width()
    # WHEN the next page is asked for and the zoom set to 150%
    dialog.next_button.click()
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findText("150%"))
    # THEN page 2 shows, larger
    assert dialog.page_label.text() == f"Halaman 2 dari {total}"
    assert dialog.image.pixmap().width() > width_100 * 1.4
    dialog.last_button.click()
    assert dialog.page_label.text() == f"Halaman {total} dari {total}" and not dialog.next_button.isEnabled()
    # AND a preview records nothing in the register
    assert page.registers.document_model.rowCount() == 0
    page.preview.grab().save("/tmp/documents_preview.png")
    dialog.close()


def test_save_pdf_records_in_the_register(qtbot, demo_db, tmp_path: Path) -> None:
    # GIVEN the FPK of TW III on F4 chosen on the page
    page = _page(qtbot, demo_db)
    _choose(page, "pengukuran", 3)
    page.paper.setCurrentText("F4")
    # WHEN it is saved as PDF
    target = page.save_pdf(str(tmp_path / "fpk.pdf"))
    # THEN the file is the document, and the register shows a row with version 1 on F4
    assert target is not None and "FORMULIR PENGUKURAN KINERJA" in PdfReader(target).pages[0].extract_text()
    model = page.registers.document_model
    assert model.rowCount() == 1
    record = model.record(0)
    assert (record.kind, record.version, record.paper) == ("pengukuran", 1, "F4")
    assert "versi 1" in page.status.text()
    page.grab().save("/tmp/documents_page.png")


def test_open_elsewhere_writes_a_file_and_asks_the_desktop(qtbot, demo_db) -> None:
    # GIVEN the office's PK chosen (the demo office has its PKs for 2025)
    opened: list[QUrl] = []
    page = _page(qtbot, demo_db, opened)
    _choose(page, "pk", None)
    assert page.subject.count() >= 1
    # WHEN "Buka di aplikasi lain" is pressed
    page.open_button.click()
    # THEN a PDF was written and handed to the desktop to open
    assert len(opened) == 1 and opened[0].toLocalFile().endswith(".pdf")
    assert PdfReader(opened[0].toLocalFile()).pages[0].extract_text().count("PERJANJIAN KINERJA") >= 1


def test_printing_passes_the_paper_size(qtbot, demo_db, tmp_path: Path) -> None:
    # GIVEN the landscape quarterly report generated on F4
    result = catalog.generate(
        demo_db, SYSTEM, catalog.DocRequest(kind="triwulan", year=2025, quarter=3, paper="F4", day=DAY)
    )
    pages = PdfPages(result.pdf)
    # WHEN it is printed (to a PDF printer instead of the system dialog's choice)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    printed = print_pages(printer, pages, "F4")
    pages.close()
    # THEN every page went to the printer on 215 × 330 mm paper, turned to landscape
    assert printed == result.pages
    size = printer.pageLayout().pageSize().size(printer.pageLayout().pageSize().Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (215, 330)
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Landscape
    assert len(PdfReader(tmp_path / "cetak.pdf").pages) == result.pages


def test_letter_register_add_and_choose_for_surat_pengantar(qtbot, demo_db) -> None:
    # GIVEN the Dokumen page
    page = _page(qtbot, demo_db)
    # WHEN a letter to the Bupati is registered through the dialog
    dialog = LetterDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.subject.setText("Penyampaian Laporan Kinerja Triwulan III Tahun 2025")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.registers.refresh()
    page.registers.letters_changed()
    # THEN it is in the outgoing register with its agenda number (in the demo office's format, after the numbers its
    # berita acara and its surat pengantar took), and can be chosen for a surat pengantar; the berita acara's cannot
    letters = page.registers.letter_model.rows()
    assert {x.agenda_number for x in letters} == {f"000.8/00{n}/35.99.01/2025" for n in (1, 2, 3)}
    _choose(page, "surat-pengantar", None)
    offered = [page.subject.itemText(i) for i in range(page.subject.count())]
    assert len(offered) == 2 and any("000.8/003/35.99.01/2025" in text for text in offered)
    assert not any("000.8/001/" in text for text in offered)
    # AND an empty Hal keeps the dialog open with the message in it
    again = LetterDialog(page.ctx, page)
    qtbot.addWidget(again)
    again.accept()
    assert "Hal" in again.problem_text()


def test_dokumen_tool_is_in_the_planning_roles_only(demo_db) -> None:
    # GIVEN the grants of the Kasubag Perencanaan and of a Kasi THEN only the first has the Dokumen tool
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    kasi = actor_for(demo_db, "kasi_ekbang", DAY)
    ctx = AppContext(db=demo_db, actor=kasubag, year=2025, quarter=3)
    for grant in kasubag.grants:  # Kasubag Perencanaan and Tim SAKIP: a Dokumen tool in each tab
        assert [t for t, _ in document_tools(ctx, grant)] == ["Dokumen"]
    assert [t for g in kasi.grants if g.role.value == "KASI" for t, _ in document_tools(ctx, g)] == []
    register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", "x"))  # the register accepts a system actor
