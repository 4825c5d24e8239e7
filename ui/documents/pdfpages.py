"""PDF pages as images for the preview and the printer.

QtPdf is not part of PySide6-Essentials, and PySide6-Addons 6.12 does not carry it either, so pages
are rasterised with pypdfium2 (PDFium in a wheel, Apache-2.0/BSD). It is imported on first use, so
start-up does not pay for it.
"""

from __future__ import annotations

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


def print_pages(printer: QPrinter, pages: PdfPages, paper: str) -> int:
    """Print every page full-page at the printer's resolution (the PDF carries its own margins); returns pages."""
    painter = QPainter()
    dpi = max(150, min(printer.resolution(), 300))
    for index in range(len(pages)):
        width, height = pages.size(index)
        orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
        layout = QPageLayout(page_size_for(paper), orientation, QMarginsF(0, 0, 0, 0))
        if index == 0:
            printer.setPageLayout(layout)
            if not painter.begin(printer):
                return 0
        else:
            printer.setPageLayout(layout)
            printer.newPage()
        image = pages.image(index, dpi / 72)
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        painter.drawImage(target, image)
    if painter.isActive():
        painter.end()
    return len(pages)
