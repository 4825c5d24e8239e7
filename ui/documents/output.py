"""Giving a generated document to the user: built off the GUI thread (`build`), printed through the system print
dialog on the document's paper, or written to a temporary folder to open in the computer's PDF program."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from sakip_desktop.documents.catalog import Generated
from ui.background import run_busy
from ui.documents.pdfpages import PdfPages, prepare_printer, print_pages

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


def print_generated(parent: QWidget, result: Generated, title: str) -> None:
    """Print a generated document through the system print dialog (titled `title`) on the document's paper."""
    pages = PdfPages(result.pdf)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, result.record.paper, pages)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            wait_cursor(lambda: print_pages(printer, pages, result.record.paper))
    finally:
        pages.close()


def temp_pdf(name: str, pdf: bytes) -> Path:
    """Write `pdf` as `name` in the program's temporary documents folder; the path to open."""
    folder = Path(tempfile.gettempdir()) / "sakip-dokumen"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(pdf)
    return target
