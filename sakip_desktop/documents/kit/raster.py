"""A flowable of a printed document as a PNG picture, for files that cannot hold reportlab's vector drawings (the
Word LKj's charts): the flowable is drawn on a one-page PDF of its own size, exactly as on paper, and PDFium
(pypdfium2, already used for the preview) turns that page into pixels. reportlab's own bitmap renderer needs a
C extension the program does not ship.

pypdfium2 and Pillow are imported inside the function: the program should not pay for them at start-up.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

import sakip_desktop.documents.kit.fonts as fonts


def flowable_png(flowable: Any, width: float, dpi: int = 200) -> tuple[bytes, float, float]:
    """(PNG bytes, width, height in points) of `flowable` laid out `width` points wide, at `dpi`."""
    import pypdfium2 as pdfium

    fonts.register_fonts()
    w, h = flowable.wrap(width, 10_000)
    w, h = max(w, 1.0), max(h, 1.0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(w, h), initialFontName=fonts.REGULAR)
    flowable.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    try:
        image = pdf[0].render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", dpi=(dpi, dpi))
    finally:
        pdf.close()
    return out.getvalue(), w, h
