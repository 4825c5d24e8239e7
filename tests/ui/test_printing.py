"""Issue 13 §7, printing: "Cetak…" goes through Qt's print dialog (here, as on Linux, drawn by Qt itself, in
Indonesian); printing to a PDF file gives the document's own vector pages on its own paper (not a 26 MB image, not
blank Letter pages); a printer gets pages at its resolution with a progress window; the document register records a
print only once it has been printed, not when the dialog is cancelled."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QMarginsF, QTimer
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from sakip_desktop.documents import catalog
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.register import list_documents
from ui.context import AppContext
from ui.documents.page import DocumentsPage
from ui.documents.pdfpages import PdfPages, print_pages, raster_dpi
from ui.main_window import MainWindow
from ui.qt_words import QtWords

DAY = dt.date(2025, 10, 10)


def _page(qtbot, demo_db) -> DocumentsPage:
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3, today=lambda: DAY
    )
    page = DocumentsPage(ctx, open_url=lambda url: True)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("pk"))
    return page


def _when_print_dialog(act: Callable[[QPrintDialog], None]) -> QTimer:
    """Call `act` on Qt's print dialog once it is shown (the document is built first, in a worker)."""
    timer = QTimer()

    def look() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintDialog) and w.isVisible()), None
        )
        if dialog is not None:
            timer.stop()
            act(dialog)

    timer.timeout.connect(look)
    timer.start(50)
    return timer


def _to_file(path: Path, offered: list[str]) -> Callable[[QPrintDialog], None]:
    """What a person does in the dialog: "Cetak ke berkas (PDF)" (Qt's only printer without CUPS), a file name,
    the paper left at US Letter, then Cetak."""

    def act(dialog: QPrintDialog) -> None:
        name = dialog.findChild(QLineEdit, "filename")
        offered.append(name.text())
        name.setText(str(path))
        letter = QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Portrait, QMarginsF())
        dialog.printer().setPageLayout(letter)
        dialog.accept()

    return act


def test_printing_to_a_pdf_file_gives_the_documents_own_pages_and_is_recorded_once(qtbot, demo_db, tmp_path):
    # GIVEN the Dokumen page with the office's PK chosen
    page = _page(qtbot, demo_db)
    before = len(list_documents(demo_db))
    target = tmp_path / "cetak.pdf"
    # WHEN Cetak… is pressed and the print dialog prints to a PDF file
    offered: list[str] = []
    timer = _when_print_dialog(_to_file(target, offered))
    page.print_button.click()
    timer.stop()
    # (with no printer installed, the dialog offered a PDF file named after the document, not a folder)
    assert QPrinterInfo.availablePrinterNames() or Path(offered[0]).name.startswith("Perjanjian-Kinerja-Tahun-2025")
    # THEN the file holds the document's own pages: text (vector, not one image per page), its A4 paper, small
    reader = PdfReader(target)
    assert "PERJANJIAN KINERJA" in (reader.pages[0].extract_text() or "")
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == [
        (595, 842)
    ] * len(reader.pages)
    assert target.stat().st_size < 400_000  # the raster print of 3 pages was 2.5 MB
    # AND the register has one line more, the printed file's
    records = list_documents(demo_db)
    assert len(records) == before + 1
    assert records[0].file_sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert records[0].pages == len(reader.pages)
    assert page.status.text().startswith("Dicetak dan tercatat: Perjanjian Kinerja")


def test_a_cancelled_print_is_not_recorded(qtbot, demo_db):
    # GIVEN the Dokumen page with the office's PK chosen
    page = _page(qtbot, demo_db)
    before = len(list_documents(demo_db))
    # WHEN Cetak… is pressed and the print dialog is cancelled
    timer = _when_print_dialog(lambda dialog: dialog.reject())
    page.print_button.click()
    timer.stop()
    # THEN the register says nothing was printed
    assert len(list_documents(demo_db)) == before


def test_a_printer_gets_pages_at_its_resolution_with_progress_and_can_be_stopped(qtbot, demo_db, tmp_path):
    # GIVEN the triwulan report and a printer of 96 dpi (a PDF printer stands in for a real one)
    result = catalog.generate(
        demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), catalog.DocRequest("triwulan", 2025, 3)
    )
    pages = PdfPages(result.pdf)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "raster.pdf"))
    try:
        # THEN pages are rendered at the printer's resolution, not more
        assert raster_dpi(printer) == printer.resolution() == 96
        # WHEN it prints with a progress that counts each page THEN each page is reported
        seen: list[int] = []
        assert print_pages(printer, pages, "A4", lambda n: seen.append(n) or True) == len(pages)
        assert seen == list(range(1, len(pages) + 1))
        # WHEN the progress window's Batal is pressed after page 1 THEN the job stops, nothing counted as printed
        again = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        again.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        again.setOutputFileName(str(tmp_path / "stopped.pdf"))
        assert print_pages(again, pages, "A4", lambda n: n < 1) == 0
    finally:
        pages.close()


def test_qts_own_print_dialog_speaks_indonesian(qtbot):
    # GIVEN the program's translator, as the program installs it
    app = QApplication.instance()
    words = QtWords(app)
    app.installTranslator(words)
    try:
        # WHEN Qt draws its own print dialog
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept: the dialog does not own it
        dialog = QPrintDialog(printer)
        qtbot.addWidget(dialog)
        dialog.show()
        printers = dialog.findChild(QComboBox, "printers")
        buttons = {b.text() for b in dialog.findChildren(QPushButton)}
        # THEN its words are Indonesian
        assert printers.itemText(printers.count() - 1) == "Cetak ke berkas (PDF)"
        assert {"&Cetak", "&Pilihan >>", "&Properti"} <= buttons
        assert QCoreApplication.translate("QPrintSettingsOutput", "Pages from") == "Halaman"
        assert QCoreApplication.translate("QProgressDialog", "Cancel") == "Batal"
        dialog.reject()
    finally:
        app.removeTranslator(words)


def test_menu_shortcuts_read_ctrl_under_the_programs_translator(qtbot, demo_db):
    # GIVEN the program's translator (it once answered "" for words it does not know, so Qt printed "L" for
    # "Ctrl+L": the modifier's name came back empty)
    app = QApplication.instance()
    words = QtWords(app)
    app.installTranslator(words)
    try:
        ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=3, today=lambda: DAY)
        window = MainWindow(ctx, get_profile(demo_db))
        qtbot.addWidget(window)
        berkas = window.menuBar().actions()[0].menu()
        # WHEN the Berkas menu writes its shortcuts THEN they read Ctrl+L and Ctrl+Q
        shown = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in berkas.actions()]
        assert "Ctrl+L" in shown and "Ctrl+Q" in shown
    finally:
        app.removeTranslator(words)
