"""Page layout of the LKj: a cover without number, front matter numbered i, ii, …, the chapters 1, 2, …,
landscape pages for wide tables, and a daftar isi with the real page numbers, all in one layout pass.

The chapters are numbered from 1 whatever the length of the front matter, and every heading of the
daftar isi is known (with its text) before layout; only the page numbers are not. So the daftar isi
reserves one line per heading and draws each of its pages as a PDF form (XObject) that is filled in
when the whole document has been laid out and every heading's page is known. A second layout pass
(reportlab's multiBuild) would double the time of a 100-page report.

Headings that belong in the daftar isi are made with `toc_heading`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph

from sakip_desktop.documents.kit import DocSetup, fonts
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX, paint_draft_mark
from sakip_desktop.documents.kit.paper import paper_size

COVER, FRONT, BODY, LANDSCAPE = "cover", "front", "body", "landscape"

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(n: int) -> str:
    """'i', 'ii', 'iv', … (lower case, as front matter is numbered)."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def page_label(number: int) -> str:
    """A page number as printed: negative numbers are front matter (roman), positive the chapters."""
    return roman(-number) if number < 0 else str(number)


class TocHeading(Paragraph):
    """A heading that appears in the daftar isi at `level` (0 chapters, 1 sections). Never split."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, toc_text: str | None = None) -> None:
        super().__init__(escape(text).replace("\n", "<br/>"), style)
        self.toc_level = level
        self.toc_text = toc_text or text

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a heading moves to the next page whole


def toc_heading(text: str, style: ParagraphStyle, level: int = 0, toc_text: str | None = None) -> TocHeading:
    """A heading paragraph that is listed in the daftar isi."""
    return TocHeading(text, style, level, toc_text)


def _level_font(level: int) -> tuple[str, float, float]:
    """Font, size and indent of a daftar isi line (read when drawn: the office's typeface may change)."""
    return ((fonts.BOLD, 11, 0.0), (fonts.REGULAR, 10, 18.0), (fonts.REGULAR, 10, 36.0))[min(level, 2)]


ROW = 17.0  # points per line of the daftar isi


class DaftarIsi(Flowable):
    """The daftar isi: one line per heading of the story, painted once all pages are known.

    `rows` is shared by the parts of a daftar isi that runs over several pages; each part draws the
    form named after its first row.
    """

    def __init__(self, rows: list[tuple[int, str]] | None = None, start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.rows = rows if rows is not None else []
        self.start = start
        self.end = end

    def _stop(self) -> int:
        return len(self.rows) if self.end is None else self.end

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = ROW * (self._stop() - self.start)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit = int(availHeight // ROW)
        if fit <= 0:
            return []
        cut = self.start + fit
        return [DaftarIsi(self.rows, self.start, cut), DaftarIsi(self.rows, cut, self.end)]

    @property
    def form_name(self) -> str:
        """The PDF form this part draws."""
        return f"daftar-isi-{self.start}"

    def draw(self) -> None:
        doc = getattr(self.canv, "_lkj_doc", None)
        if doc is not None:
            doc.toc_parts.append((self.form_name, self.start, self._stop(), self.width))
        self.canv.doForm(self.form_name)


def paint_daftar_isi(canv: Any, rows: list[tuple[int, str]], numbers: list[int], parts: list) -> None:
    """Define each daftar isi part's form: text, dotted leader, page number right-aligned."""
    for name, start, stop, width in parts:
        height = ROW * (stop - start)
        canv.beginForm(name, 0, 0, width, height)
        for i in range(start, stop):
            level, text = rows[i]
            font, size, indent = _level_font(level)
            label = page_label(numbers[i]) if i < len(numbers) else "?"
            y = height - ROW * (i - start + 1) + 4
            room = width - indent - stringWidth("0000", font, size) - 8
            while text and stringWidth(text, font, size) > room:
                text = text[:-2].rstrip() + "…"
            canv.setFont(font, size)
            canv.drawString(indent, y, text)
            canv.drawRightString(width, y, label)
            start_dots = indent + stringWidth(text, font, size) + 6
            end_dots = width - stringWidth(label, font, size) - 6
            dot = stringWidth(" .", font, size)
            if end_dots > start_dots:
                canv.drawRightString(end_dots, y, " ." * int((end_dots - start_dots) // dot))
        canv.endForm()


def next_page(template: str) -> list[Flowable]:
    """Start a new page laid out by `template` (FRONT, BODY or LANDSCAPE)."""
    return [NextPageTemplate(template), PageBreak()]


class LkjDocTemplate(BaseDocTemplate):
    """Numbers front matter and chapters separately and fills the daftar isi at the end."""

    def __init__(self, out: Any, setup: DocSetup, footer: str, draft: bool = False, **kw: Any) -> None:
        paper = paper_size(setup.paper)
        super().__init__(out, pagesize=paper.portrait, **kw)
        self.footer = f"{DRAFT_PREFIX}{footer}" if draft else footer
        self.draft = draft
        self.setup = setup
        self._starts: dict[str, int] = {}
        self.toc_rows: list[tuple[int, str]] = []
        self.toc_numbers: list[int] = []
        self.toc_parts: list[tuple[str, int, int, float]] = []
        templates = []
        for name, size in ((COVER, paper.portrait), (FRONT, paper.portrait), (BODY, paper.portrait)):
            templates.append(self._template(name, size))
        templates.append(self._template(LANDSCAPE, paper.landscape))
        self.addPageTemplates(templates)

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        x, y, w, h = self.setup.margins.frame(size)
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"f-{name}")
        return PageTemplate(
            id=name, frames=[frame], pagesize=size, onPage=self._paint_footer, onPageEnd=self._paint_draft_mark
        )

    def _paint_draft_mark(self, canvas: Any, doc: Any) -> None:
        # After the page's content, so the page's own text comes first when the PDF is read as text.
        if self.draft:
            paint_draft_mark(canvas)

    def number(self) -> int | None:
        """The number of the current page as the daftar isi records it (None on the cover)."""
        kind = self.pageTemplate.id
        if kind == COVER:
            return None
        if kind == FRONT:
            start = self._starts.setdefault(FRONT, self.page)
            return -(self.page - start + 1)
        start = self._starts.setdefault(BODY, self.page)
        return self.page - start + 1

    def _paint_footer(self, canvas: Any, doc: Any) -> None:
        canvas._lkj_doc = self
        number = self.number()
        if number is None:
            return
        width = canvas._pagesize[0]
        left, right = self.setup.margins.left, width - self.setup.margins.right
        baseline = min(self.setup.margins.bottom / 2, 1.2 * cm)
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.4)
        canvas.line(left, baseline + 10, right, baseline + 10)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillGray(0.3)
        canvas.drawString(left, baseline, self.footer)
        canvas.setFont(fonts.REGULAR, 10)
        canvas.setFillGray(0)
        canvas.drawRightString(right, baseline, page_label(number))
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, TocHeading):
            self.toc_numbers.append(self.number() or 0)
            key = f"h{len(self.toc_numbers)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level=min(flowable.toc_level, 2))

    def _endBuild(self) -> None:
        # Every page is laid out: fill the daftar isi's forms before the file is written.
        paint_daftar_isi(self.canv, self.toc_rows, self.toc_numbers, self.toc_parts)
        super()._endBuild()


def build(
    setup: DocSetup,
    story: list[Flowable],
    out: Path | BinaryIO,
    *,
    title: str,
    footer: str,
    draft: bool = False,
    contents: list[tuple[int, str, str]] | None = None,
) -> int:
    """Lay out the LKj in one pass (the daftar isi filled at the end) and return the page count; a `draft` has
    the "DRAF" watermark on every page and "DRAF" in its footer. `contents`, when given, receives the daftar isi
    as printed: (level, text, page label) per line."""
    fonts.register_fonts()
    doc = LkjDocTemplate(
        str(out) if isinstance(out, Path) else out,
        setup,
        footer,
        draft,
        title=title,
        author=setup.profile.office_title,
        subject=title,
        creator="SAKIP Desktop",
        initialFontName=fonts.REGULAR,  # otherwise every page names Helvetica, a font the PDF does not embed
    )
    doc.toc_rows[:] = [(f.toc_level, f.toc_text) for f in story if isinstance(f, TocHeading)]
    for f in story:
        if isinstance(f, DaftarIsi):
            f.rows = doc.toc_rows
    doc.build(story)
    if contents is not None:
        contents += [(lvl, text, page_label(n)) for (lvl, text), n in zip(doc.toc_rows, doc.toc_numbers, strict=False)]
    return doc.page
