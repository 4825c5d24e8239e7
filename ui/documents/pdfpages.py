"""PDF pages as images for the preview and the printer, and the PDF itself when the printer writes a PDF file.

QtPdf is not part of PySide6-Essentials, and PySide6-Addons 6.12 does not carry it either, so pages
are rasterised with pypdfium2 (PDFium in a wheel, Apache-2.0/BSD). It is imported on first use, so
start-up does not pay for it. A QPainter cannot draw a PDF's vectors; where the "printer" is a PDF file
(Qt's "Cetak ke berkas (PDF)"), the document's own PDF is written instead: vector pages, its own paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

F4_MM = QSizeF(215, 330)


class PdfPages:
    """An opened PDF: page count, page size in points, and a page rendered to a QImage at a scale."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium  # lazy: only when a document is shown or printed

        self._pdf = bytes(pdf)
        self._doc = pdfium.PdfDocument(self._pdf)

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> tuple[float, float]:
        """(width, height) of page `index` in points."""
        return tuple(self._doc[index].get_size())

    def image(self, index: int, scale: float) -> QImage:
        """Page `index` rendered at `scale` pixels per point."""
        bitmap = self._doc[index].render(scale=scale, rev_byteorder=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        channels = bitmap.n_channels
        fmt = QImage.Format.Format_RGB888 if channels == 3 else QImage.Format.Format_RGBA8888
        return QImage(bytes(bitmap.buffer), width, height, stride, fmt).copy()

    def close(self) -> None:
        """Release PDFium's document."""
        self._doc.close()


def page_size_for(paper: str) -> QPageSize:
    """A4 or F4 (215 × 330 mm) for the printer."""
    if paper.upper() == "F4":
        return QPageSize(F4_MM, QPageSize.Unit.Millimeter, "F4", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(QPageSize.PageSizeId.A4)


def prepare_printer(printer: QPrinter, paper: str, pages: PdfPages) -> None:
    """Set the paper of the document and the orientation of its first page on `printer`."""
    width, height = pages.size(0) if len(pages) else (1, 2)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(page_size_for(paper), orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)


def raster_dpi(printer: QPrinter) -> int:
    """The resolution pages are rendered at for `printer`: its own, never more than 300 dpi (a 600 dpi A4 page is
    100 MB of pixels) nor more than the printer takes."""
    return max(72, min(printer.resolution(), 300))


def print_pages(
    printer: QPrinter,
    pages: PdfPages,
    paper: str,
    progress: Callable[[int], bool] | None = None,
    indexes: list[int] | None = None,
) -> int:
    """Print every page (or those of `indexes`) full-page as an image at the printer's resolution (the PDF carries
    its own margins), each on the document's paper; `progress(n)` is told each page done and may return False to
    stop (the job is aborted). Returns the pages printed (0 when stopped or the printer refused)."""
    painter = QPainter()
    dpi = raster_dpi(printer)
    chosen = list(range(len(pages))) if indexes is None else indexes
    for done, index in enumerate(chosen):
        width, height = pages.size(index)
        orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
        printer.setPageLayout(QPageLayout(page_size_for(paper), orientation, QMarginsF(0, 0, 0, 0)))
        if done == 0:
            if not painter.begin(printer):
                return 0
        else:
            printer.newPage()
        image = pages.image(index, dpi / 72)
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        painter.drawImage(target, image)
        if progress is not None and not progress(done + 1):
            printer.abort()
            painter.end()
            return 0
    if painter.isActive():
        painter.end()
    return len(chosen)


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page indexes the print dialog asked for (all, or "Halaman … sampai …")."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage() or count, count)
        return list(range(first - 1, last))
    return list(range(count))


def write_pdf_pages(target: Path, pdf: bytes, indexes: list[int]) -> int:
    """The document's own PDF (only the pages `indexes`) written to `target`: what printing to a PDF file gives,
    vector pages on the document's paper; returns the pages written."""
    import pypdfium2 as pdfium

    from sakip_desktop.files import write_atomically

    source = pdfium.PdfDocument(bytes(pdf))
    try:
        if indexes == list(range(len(source))):
            write_atomically(target, bytes(pdf))
            return len(indexes)
        subset = pdfium.PdfDocument.new()
        try:
            subset.import_pages(source, indexes)
            buffer = io.BytesIO()
            subset.save(buffer)
            write_atomically(target, buffer.getvalue())
        finally:
            subset.close()
        return len(indexes)
    finally:
        source.close()
