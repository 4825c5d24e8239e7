"""Giving a generated document to the user: built off the GUI thread (`build`), printed through the system print
dialog on the document's paper (`print_request`: with progress, entered in the document register only once printed),
or written to a temporary folder to open in the computer's PDF program."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from sakip_desktop.documents.catalog import DocRequest, Generated, build_unrecorded, record_built
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.database import Database
from ui.background import run_busy
from ui.documents.pdfpages import PdfPages, chosen_pages, prepare_printer, print_pages, write_pdf_pages
from ui.errors import attempt
from ui.widgets.files import remember_folder, start_folder, tell_saved

T = TypeVar("T")


def build(parent: QWidget, action: Callable[[], T]) -> T:
    """Build a document with `action` in a worker thread; the window keeps painting (an LKj takes seconds)."""
    return run_busy(parent, "Menyusun dokumen…", action)


def wait_cursor(action: Callable[[], T]) -> T:
    """Run `action` on the GUI thread with the wait cursor shown (painting pages onto the printer)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return action()
    finally:
        QGuiApplication.restoreOverrideCursor()


def print_request(parent: QWidget, db: Database, actor: Actor, request: DocRequest, title: str) -> Generated | None:
    """Build the requested document, print it through the print dialog (titled `title`) on its own paper, and only
    then enter it in the document register; None when the dialog was cancelled, printing stopped or failed."""
    ok, built = attempt(parent, lambda: build(parent, lambda: build_unrecorded(db, request)))
    if not ok or built is None or not print_pdf(parent, built.pdf, built.paper, title, built.prepared.title):
        return None
    ok, result = attempt(parent, lambda: record_built(db, actor, built))
    return result if ok else None


def print_pdf(parent: QWidget, pdf: bytes, paper: str, title: str, document: str = "Dokumen") -> bool:
    """Ask the print dialog and print `pdf` (titled `document`); True once every chosen page has gone out."""
    pages = PdfPages(pdf)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document)
        prepare_printer(printer, paper, pages)
        if not QPrinterInfo.availablePrinterNames():  # only "Cetak ke berkas (PDF)": offer a file, not a folder
            printer.setOutputFileName(
                str(start_folder() / (re.sub(r"[^0-9A-Za-z.]+", "-", document).strip("-") + ".pdf"))
            )
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        dialog.setMinMax(1, max(1, len(pages)))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return send_to_printer(parent, printer, pages, pdf, paper)
    finally:
        pages.close()


def send_to_printer(parent: QWidget | None, printer: QPrinter, pages: PdfPages, pdf: bytes, paper: str) -> bool:
    """Print on `printer` as the print dialog left it: to a PDF file, the document's own (vector) PDF; to a
    printer, each page at the printer's resolution on the document's paper, with a progress window that can stop
    the job. True when every chosen page went out."""
    chosen = chosen_pages(printer, len(pages))
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        target = Path(printer.outputFileName())
        written = wait_cursor(lambda: write_pdf_pages(target, pdf, chosen))
        remember_folder(target.parent)
        if written == len(chosen) and parent is not None:  # "Cetak ke berkas": say where the file went
            tell_saved(parent, f"{printer.docName() or 'Dokumen'} (PDF)", target)
        return written == len(chosen)
    progress = QProgressDialog("Menyiapkan pencetakan…", "Batal", 0, len(chosen), parent)
    progress.setWindowTitle("Mencetak")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)

    def step(done: int) -> bool:
        progress.setLabelText(f"Mencetak halaman {done} dari {len(chosen)}…")
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        printed = print_pages(printer, pages, paper, step, chosen)
    finally:
        progress.close()
    return printed == len(chosen) and printer.printerState() != QPrinter.PrinterState.Error


def temp_pdf(name: str, pdf: bytes) -> Path:
    """Write `pdf` as `name` in the program's temporary documents folder; the path to open."""
    folder = Path(tempfile.gettempdir()) / "sakip-dokumen"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(pdf)
    return target
