"""The document kit: kop surat, signature blocks, tables and the page template of official documents.

API (stable; other document modules build on it)::

    setup = kit.load_setup(db, paper=None, margins=None)  # DocSetup: profile, logo, paper, margins, NIP grouping
    st = kit.styles(size=11)                              # Styles: body, justify, small, bold, title, subtitle,
                                                          #   heading, cell, cell_c/r/b/bc/br, head
    kit.para(text, style)                                 # Paragraph with the text escaped (plain text in, no markup)
    kit.kop(setup, width)                                 # the kop surat flowable (logo left, rule thick+thin)
    kit.title_block(["PERJANJIAN KINERJA", "TAHUN 2025"], st)   # centred bold title lines
    kit.field_table([("Nama", "…"), ("Jabatan", "…")], width, st)  # "Nama : …" rows
    kit.data_table(header_rows, rows, widths, align="CLLRR", size=9, total_rows=1, spans=[...])
        # a grid table; the header rows repeat on every page, a row is never cut; str cells become Paragraphs;
        # keep_with_next=[row, ...] keeps a group heading row on the page of the row below it
    kit.signature_block(setup, signer, place_date=kit.place_date(setup, day), width=...)  # one signer, right side
    kit.two_party_block(setup, left=pihak_kedua, right=pihak_pertama, place_date=..., left_label="PIHAK KEDUA,")
    kit.group_spans(column_cells, column=1)  # SPANs merging a cell with the None cells below it
    kit.paraf_boxes(["Sekretaris", "Kasubag Perencanaan"], st)   # small boxes for a reviewer's initials
    kit.with_paraf(setup, signature, signature_width, width)    # the office's paraf boxes left of a signature
    kit.orientation_break("landscape")                    # [NextPageTemplate, PageBreak]: the next page turns
    pages = kit.build_pdf(setup, story, out, title="…", orientation="portrait", kop="first" | "every" | "none",
                          footer_note="Versi 2 · data 3fa1c9d2")   # returns the page count; footer "Halaman x dari y"
    kit.frame_width(setup, "landscape")                   # the writable width for tables

    Signer / office_signer(db, day) / person_signer(db, person_id) / role_signer(db, role, day) come from
    sakip_desktop.ops.org.signers and are re-exported here. Numbers and dates: sakip_desktop.domain.formats.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents.kit.base import DocSetup, Styles, load_setup, para, place_date, styles, title_block
from sakip_desktop.documents.kit.blocks import (
    DoubleRule,
    column_numbers,
    data_table,
    field_table,
    group_spans,
    kop,
    kop_lines,
    kop_parts,
    paraf_boxes,
    signature_block,
    two_party_block,
    with_paraf,
)
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX, counting_canvas, page_number_text, paint_draft_mark
from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.ops.org.signers import Signer, office_signer, person_signer, role_signer

__all__ = [
    "DocSetup",
    "DoubleRule",
    "Signer",
    "Styles",
    "build_pdf",
    "column_numbers",
    "data_table",
    "field_table",
    "frame_width",
    "group_spans",
    "kop",
    "kop_lines",
    "load_setup",
    "office_signer",
    "orientation_break",
    "para",
    "paraf_boxes",
    "person_signer",
    "place_date",
    "role_signer",
    "signature_block",
    "styles",
    "title_block",
    "two_party_block",
    "with_paraf",
]

_kop = kop  # build_pdf's `kop` argument shadows the function


def _pagesize(setup: DocSetup, orientation: str) -> tuple[float, float]:
    paper = paper_size(setup.paper)
    if orientation not in ("portrait", "landscape"):
        raise ValueError(f"orientation {orientation!r}")
    return paper.landscape if orientation == "landscape" else paper.portrait


def frame_width(setup: DocSetup, orientation: str = "portrait") -> float:
    """The writable width of a page in `orientation`."""
    return setup.margins.frame(_pagesize(setup, orientation))[2]


def orientation_break(orientation: str) -> list[Flowable]:
    """Flowables that start a new page in `orientation` ("portrait" or "landscape")."""
    return [NextPageTemplate(orientation), PageBreak()]


def _footer(setup: DocSetup, note: str) -> Any:
    def paint(canvas: Canvas, page: int, total: int) -> None:
        width = canvas._pagesize[0]
        left, right = setup.margins.left, width - setup.margins.right
        baseline = min(setup.margins.bottom / 2, 1.2 * cm)
        number = page_number_text(page, total)
        room = right - left - stringWidth(number, fonts.REGULAR, 8) - 24
        # A long title first gets a smaller face (down to 6,5 pt), and is shortened only when even that is too wide.
        size = max(6.5, min(8.0, 8 * room / max(stringWidth(note, fonts.REGULAR, 8), 1)))
        text = _fit_note(note, room * 8 / size)
        if note.startswith(DRAFT_PREFIX):
            paint_draft_mark(canvas)
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, size)
        canvas.setFillGray(0.3)
        canvas.drawString(left, baseline, text)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.drawRightString(right, baseline, number)
        canvas.restoreState()

    return paint


def _fit_note(note: str, room: float) -> str:
    """`note` shortened to `room` points (at 8 pt): its longest ' · ' part (the title) is cut first, so a short
    part ("DRAF", the "Kode dokumen" an office may ask for) stays readable."""
    parts = note.split(" · ")
    while stringWidth(" · ".join(parts), fonts.REGULAR, 8) > room:
        i = max(range(len(parts)), key=lambda k: len(parts[k]))
        if len(parts[i]) <= 2:
            break
        parts[i] = parts[i].rstrip("…")[:-1].rstrip() + "…"
    return " · ".join(parts)


def build_pdf(
    setup: DocSetup,
    story: list[Flowable],
    out: Path | BinaryIO,
    *,
    title: str,
    orientation: str = "portrait",
    kop: str = "first",
    footer_note: str = "",
    subject: str = "",
) -> int:
    """Lay out `story` on the office's paper and write the PDF to `out`; return the page count.

    `kop` "first" puts the kop surat above the story, "every" paints it at the top of every page,
    "none" leaves it out. Pages can turn with `orientation_break()`. The footer carries
    `footer_note` on the left and "Halaman x dari y" on the right; a note starting "DRAF · " also puts the
    "DRAF" watermark on every page.
    """
    fonts.register_fonts()
    templates = []
    for name in (orientation, "landscape" if orientation == "portrait" else "portrait"):
        size = _pagesize(setup, name)
        x, y, w, h = setup.margins.frame(size)
        on_page: Callable[[Canvas, Any], None] = _no_op
        if kop == "every":
            parts = kop_parts(setup, w)
            heights = [part.wrap(w, h)[1] for part in parts]
            h -= sum(heights)

            def paint_kop(
                canvas: Canvas,
                _doc: Any,
                parts: list[Flowable] = parts,
                heights: list[float] = heights,
                x: float = x,
                top: float = y + h,
            ) -> None:
                top += sum(heights)
                for part, part_h in zip(parts, heights, strict=True):
                    top -= part_h
                    part.drawOn(canvas, x, top)

            on_page = paint_kop

        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"isi-{name}")
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPage=on_page))
    if kop == "first":
        story = [_kop(setup, frame_width(setup, orientation)), *story]
    counted: list[int] = []
    doc = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=_pagesize(setup, orientation),
        title=title,
        author=setup.profile.office_title,
        subject=subject or title,
        creator="SAKIP Desktop",
    )
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=counting_canvas(_footer(setup, footer_note), counted))
    return counted[0]


def _no_op(_canvas: Canvas, _doc: Any) -> None:
    return None
