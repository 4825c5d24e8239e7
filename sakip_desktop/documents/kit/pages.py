"""Page furniture shared by printed documents: "Halaman X dari Y" footers and the "DRAF" watermark.

The total page count is only known once every page is laid out, so the canvas keeps each finished
page and paints the footers when the document is saved (the usual two-pass reportlab recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

import sakip_desktop.documents.kit.fonts as fonts

FooterPainter = Callable[[Canvas, int, int], None]


def counting_canvas(paint_footer: FooterPainter, pages: list[int] | None = None) -> type[Canvas]:
    """A Canvas class for `doc.build(canvasmaker=...)` that calls `paint_footer(canvas, page, total)`
    on every page once the total is known; the total is appended to `pages` when given."""

    class CountingCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this every page would name Helvetica, a font the PDF does not embed.
            fonts.register_fonts()
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.REGULAR
            super().__init__(*args, **kwargs)
            self._finished: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._finished.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._finished)
            for number, state in enumerate(self._finished, start=1):
                self.__dict__.update(state)
                paint_footer(self, number, total)
                super().showPage()
            if pages is not None:
                pages.append(total)
            super().save()

    return CountingCanvas


def page_number_text(page: int, total: int) -> str:
    """'Halaman 2 dari 5'."""
    return f"Halaman {page} dari {total}"


def simple_footer(left_text: str, *, left: float, right: float, baseline: float, size: float = 8) -> FooterPainter:
    """A footer with `left_text` at the left margin and "Halaman X dari Y" at the right margin.

    `left` and `right` are the x positions of the margins, `baseline` the y of the text.
    """

    def paint(canvas: Canvas, page: int, total: int) -> None:
        number = page_number_text(page, total)
        room = right - left - stringWidth(number, fonts.REGULAR, size) - 24
        text = left_text
        while text and stringWidth(text, fonts.REGULAR, size) > room:
            text = text[:-2].rstrip() + "…"
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, size)
        canvas.setFillGray(0.25)
        canvas.drawString(left, baseline, text)
        canvas.drawRightString(right, baseline, number)
        canvas.restoreState()

    return paint


DRAFT_WORD = "DRAF"
DRAFT_PREFIX = f"{DRAFT_WORD} · "  # how a draft's footer note starts


def paint_draft_mark(canvas: Canvas) -> None:
    """A large, light "DRAF" across the page: the paper is not the final document."""
    width, height = canvas._pagesize
    size = min(width, height) / 4
    canvas.saveState()
    canvas.setFont(fonts.BOLD, size)
    canvas.setFillGray(0.5)
    canvas.setFillAlpha(0.18)  # painted over the page's text, so it must stay see-through
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -size / 3, DRAFT_WORD)
    canvas.restoreState()
