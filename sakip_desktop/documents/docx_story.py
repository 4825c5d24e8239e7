"""A PDF story (reportlab flowables) written as a Word document, so the Word file has what the PDF has.

Each flowable becomes its Word counterpart: a heading of the daftar isi (`TocHeading`) a Heading 1/2/3, a paragraph
a paragraph in the same alignment and weight (a bullet a List Bullet, a caption the Caption style), a table printed
from a `TableSpec` a Word table from that spec (`docx_tables`), any other table a Word table of the same widths
(a signature block, the kop), a picture the picture, a chart (a reportlab Drawing) or any other drawn flowable a
PNG of exactly what the PDF draws (`kit.raster`), the daftar isi a Word TOC field. A change of page template is a
new Word section (numbering i, ii, … or 1, 2, …; landscape pages), a page break a page break.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import ActionFlowable

from sakip_desktop.documents.docx_kit import footer, header_text, page_numbering, page_setup, text_width, watermark
from sakip_desktop.documents.docx_tables import add_spec_table, row_props, shade, table_frame
from sakip_desktop.documents.kit.base import DocSetup
from sakip_desktop.documents.kit.raster import flowable_png
from sakip_desktop.documents.tablespec import is_spec_part, spec_of

_ALIGN = {TA_CENTER: 1, TA_RIGHT: 2, TA_JUSTIFY: 3}
_STYLE_OF = {"chapter": "Heading 1", "section": "Heading 2", "sub": "Heading 3", "caption": "Caption",
             "caption_long": "Caption"}  # fmt: skip


@dataclass(frozen=True)
class PageKind:
    """What a page template of the PDF is in Word: its orientation, numbering and footer."""

    landscape: bool = False
    numbering: str | None = "decimal"  # 'lowerRoman', 'decimal'; None: no footer at all (a cover)


class StoryWriter:
    """Writes flowables into a python-docx document (see the module). `kinds` maps the PDF's page template names
    to `PageKind`s; `first` is the template of the first page; `special` maps a flowable class to a writer."""

    def __init__(
        self,
        doc: Any,
        setup: DocSetup,
        kinds: dict[str, PageKind],
        first: str,
        *,
        footer_text: str = "",
        header: str = "",
        mark: str = "DRAF",
        special: dict[type, Callable[[Any, Any], None]] | None = None,
    ) -> None:
        self.doc, self.setup, self.kinds = doc, setup, kinds
        self.footer_text, self.header, self.mark = footer_text, header, mark  # mark: the watermark with a header
        self.special = special or {}
        self.template, self.pending = first, first
        self.break_next = False
        self._numbering: str | None = None
        self._dress(doc.sections[0], kinds[first])

    # --- pages ---------------------------------------------------------------------------------------

    def _dress(self, section: Any, kind: PageKind) -> None:
        page_setup(section, self.setup, landscape=kind.landscape)
        if kind.numbering is None:
            footer(section, "", numbered=False)
        else:
            restart = kind.numbering != self._numbering and self._numbering is not None
            page_numbering(section, kind.numbering, 1 if restart or self._numbering is None else None)
            self._numbering = kind.numbering
            footer(section, self.footer_text)
        header_text(section, self.header)
        if self.header:
            watermark(section, self.mark)

    def _page_break(self) -> None:
        from docx.enum.section import WD_SECTION

        if self.pending != self.template:
            self.template = self.pending
            self._dress(self.doc.add_section(WD_SECTION.NEW_PAGE), self.kinds[self.template])
            self.break_next = False
        else:
            self.break_next = True

    @property
    def width(self) -> float:
        """The text width of the current section in points."""
        return text_width(self.doc.sections[-1])

    def _starts_page(self, paragraph: Any) -> Any:
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        return paragraph

    # --- flowables -----------------------------------------------------------------------------------

    def write(self, story: Sequence[Any], container: Any = None) -> None:
        """Write `story` into `container` (the document when None, or a table cell)."""
        for f in story:
            self.flowable(f, container)

    def flowable(self, f: Any, container: Any = None) -> None:
        """Write one flowable (see the module)."""
        box = self.doc if container is None else container
        handler = next((h for cls, h in self.special.items() if isinstance(f, cls)), None)
        if handler is not None:
            handler(self, f)
        elif isinstance(f, ActionFlowable) and getattr(f, "action", ("",))[0] == "nextPageTemplate":
            self.pending = f.action[1]
        elif isinstance(f, CondPageBreak) or is_spec_part(f):
            return  # layout only; a spec's caption and notes come with its table
        elif isinstance(f, PageBreak):
            if container is None:  # a page break inside a table cell means nothing
                self._page_break()
        elif isinstance(f, Spacer):
            self._spacer(box, f.height)
        elif isinstance(f, KeepTogether):
            start = len(box._element.findall(f"{{{_W}}}p")) if container is not None else len(_blocks(self.doc))
            self.write(f._content, container)
            if container is None:
                _keep_together(_blocks(self.doc)[start:])
        elif isinstance(f, Paragraph):
            self.paragraph(box, f)
        elif isinstance(f, Table):
            self.table(box, f)
        elif isinstance(f, Image):
            self._picture(box, f)
        elif isinstance(f, Flowable):
            self._drawn(box, f)

    def _spacer(self, box: Any, height: float) -> None:
        from docx.shared import Pt

        if height < 14:
            return
        p = self._starts_page(box.add_paragraph())
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(max(height - 2, 0)), Pt(1)

    def paragraph(self, box: Any, f: Paragraph, style: str | None = None) -> Any:
        """A paragraph in the PDF's alignment and weight; a bullet, caption or heading in the document's style."""
        from docx.shared import Pt

        st = f.style
        style = style or _STYLE_OF.get(st.name) or ("List Bullet" if getattr(f, "bulletText", None) else None)
        p = self._starts_page(box.add_paragraph(style=style))
        if style is None:
            fmt = p.paragraph_format
            p.alignment = _ALIGN.get(st.alignment, 0)
            fmt.left_indent = Pt(st.leftIndent) if st.leftIndent else None
            fmt.space_before, fmt.space_after = Pt(st.spaceBefore or 0), Pt(st.spaceAfter or 0)
        for text, bold, underline, size, brk in _runs(f):
            if brk:
                p.add_run().add_break()
                continue
            run = p.add_run(text)
            if style is None or style == "List Bullet":
                run.bold = bold or None
                run.underline = underline or None
                run.font.size = Pt(size) if size != 11 else None
        return p

    def heading(self, text: str, level: int, style: str | None = None) -> Any:
        """A heading paragraph (Heading `level`, or `style`), starting a page when one is due."""
        return self._starts_page(self.doc.add_paragraph(text, style=style or f"Heading {min(level, 3)}"))

    def table(self, box: Any, t: Table) -> None:
        """A spec's table from its spec; any other table as a table of the same widths and cells."""
        from docx.shared import Pt

        if box is self.doc and (self.break_next or _ends_with_table(self.doc)):
            # a page break needs a paragraph to carry it; and two tables with nothing between them are one
            # table to Word and LibreOffice (a signature block would join the table above it)
            gap = self._starts_page(box.add_paragraph())
            gap.paragraph_format.space_after, gap.paragraph_format.line_spacing = Pt(0), Pt(2)
        spec = spec_of(t)
        widths = [float(w) for w in t._colWidths]
        if spec is not None:
            add_spec_table(box, spec, widths)
            return
        rows = t._cellvalues
        if box is self.doc and _text_box(t):
            self._box(t, widths[0])
            return
        table = box.add_table(rows=len(rows), cols=len(widths))
        table_frame(table, widths, grid=bool(t._linecmds), align=str(getattr(t, "hAlign", "CENTER")))
        covered = _merge(table, t, len(rows), len(widths))
        fills = _fills(t, len(rows), len(widths))
        for r, values in enumerate(rows):
            row_props(table.rows[r], header=r < int(getattr(t, "repeatRows", 0) or 0))
            for c, value in enumerate(values):
                if (r, c) not in covered:
                    self._cell(table.cell(r, c), value)
                    if (r, c) in fills:
                        shade(table.cell(r, c), fills[(r, c)])

    def _box(self, t: Table, width: float) -> None:
        """A borderless one-cell table of paragraphs (a signature block) as paragraphs indented to the same place:
        Word keeps them as text, the way a person would type them."""
        from docx.shared import Pt

        room = max(self.width - width, 0.0)
        left = {"RIGHT": room, "LEFT": 0.0}.get(str(getattr(t, "hAlign", "CENTER")).upper(), room / 2)
        if getattr(t, "spaceBefore", 0):
            self._spacer(self.doc, max(float(t.spaceBefore), 14))
        start = len(self.doc.paragraphs)
        value = t._cellvalues[0][0]
        self.write(value if isinstance(value, list | tuple) else [value])
        for p in self.doc.paragraphs[start:]:
            p.paragraph_format.left_indent, p.paragraph_format.right_indent = Pt(left), Pt(room - left)
            p.paragraph_format.keep_with_next = True

    def _cell(self, cell: Any, value: Any) -> None:
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, str):
                if item:
                    cell.add_paragraph(item)
            elif item is not None:
                self.flowable(item, cell)
        blocks = list(cell._tc.iterchildren())
        paragraphs = [b for b in blocks if b.tag.endswith("}p")]
        if len(paragraphs) > 1 and not paragraphs[0].xpath("string(.)"):
            cell._tc.remove(paragraphs[0])  # the empty paragraph every new cell has
        if not cell._tc[-1].tag.endswith("}p"):
            cell.add_paragraph()  # a cell ends with a paragraph

    def _picture(self, box: Any, f: Image) -> None:
        from docx.shared import Pt

        data = f._file.getvalue() if hasattr(getattr(f, "_file", None), "getvalue") else None
        if data is None:
            self._drawn(box, f)
            return
        p = self._starts_page(box.add_paragraph())
        p.alignment = {"LEFT": 0, "RIGHT": 2}.get(str(f.hAlign).upper(), 1)
        try:
            p.add_run().add_picture(io.BytesIO(data), width=Pt(f.drawWidth))
        except Exception:  # a format Word cannot hold (python-docx reads PNG, JPEG, GIF, BMP, TIFF): drawn instead
            p._p.getparent().remove(p._p)
            self._drawn(box, f)

    def _drawn(self, box: Any, f: Flowable) -> None:
        """A chart or any other drawn flowable as a picture of what the PDF draws."""
        from docx.shared import Pt

        png, w, h = flowable_png(f, self.width)
        if h <= 1:
            return
        p = self._starts_page(box.add_paragraph())
        p.alignment = 1
        p.paragraph_format.keep_with_next = False
        p.add_run().add_picture(io.BytesIO(png), width=Pt(min(w, self.width)))


def _runs(f: Paragraph) -> list[tuple[str, bool, bool, float, bool]]:
    """(text, bold, underlined, size, line break) per fragment of a reportlab paragraph."""
    out = []
    for frag in getattr(f, "frags", []) or []:
        if getattr(frag, "lineBreak", False):
            out.append(("", False, False, 0.0, True))
            continue
        name = str(getattr(frag, "fontName", ""))
        bold = bool(getattr(frag, "bold", 0)) or "Bold" in name
        underline = any(line[1] == "underline" for line in getattr(frag, "us_lines", []) or [])
        out.append((str(getattr(frag, "text", "")), bold, underline, float(getattr(frag, "fontSize", 11)), False))
    return out


def plain_text(f: Paragraph, line_break: str = " ") -> str:
    """A reportlab paragraph's text, its line breaks as `line_break`."""
    return "".join(line_break if brk else text for text, _b, _u, _s, brk in _runs(f)).strip()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _blocks(doc: Any) -> list[Any]:
    """The paragraphs and tables of the document's body, in order."""
    return [b for b in doc.element.body.iterchildren() if not b.tag.endswith("}sectPr")]


def _ends_with_table(doc: Any) -> bool:
    """True when the last block of the document's body is a table."""
    blocks = _blocks(doc)
    return bool(blocks) and blocks[-1].tag.endswith("}tbl")


def _keep_together(blocks: list[Any]) -> None:
    """What the PDF keeps on one page (a KeepTogether) kept together in Word: every paragraph of `blocks`, in the
    tables' rows too, kept with the next, the last one excepted."""
    paragraphs = [p for b in blocks for p in ([b] if b.tag == f"{{{_W}}}p" else b.iter(f"{{{_W}}}p"))]
    for p in paragraphs[:-1]:
        p.get_or_add_pPr().keepNext_val = True


def _text_box(t: Table) -> bool:
    """True for a borderless table of one cell holding only paragraphs and spaces."""
    if t._linecmds or len(t._cellvalues) != 1 or len(t._cellvalues[0]) != 1:
        return False
    value = t._cellvalues[0][0]
    items = value if isinstance(value, list | tuple) else [value]
    return all(isinstance(x, Paragraph | Spacer) for x in items)


def _fills(t: Table, rows: int, cols: int) -> dict[tuple[int, int], str]:
    """The background of each cell a reportlab table paints ('E6E6E6'), the later command winning; white is none."""
    out: dict[tuple[int, int], str] = {}
    for _name, (c1, r1), (c2, r2), colour, *_rest in getattr(t, "_bkgrndcmds", []):
        text = colour if isinstance(colour, str) else getattr(colour, "hexval", lambda: "")()
        fill = str(text).replace("0x", "").lstrip("#").upper()[-6:]
        for r in range(r1 % rows, r2 % rows + 1):
            for c in range(c1 % cols, c2 % cols + 1):
                if fill and fill != "FFFFFF":
                    out[(r, c)] = fill
                else:
                    out.pop((r, c), None)
    return out


def _merge(table: Any, t: Table, rows: int, cols: int) -> set[tuple[int, int]]:
    covered: set[tuple[int, int]] = set()
    for _name, (c1, r1), (c2, r2) in getattr(t, "_spanCmds", []):
        c1, c2 = c1 % cols, c2 % cols
        r1, r2 = r1 % rows, r2 % rows
        if (c1, r1) != (c2, r2):
            table.cell(r1, c1).merge(table.cell(r2, c2))
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    return covered
