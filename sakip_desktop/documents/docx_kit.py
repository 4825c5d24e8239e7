"""Word (.docx) pieces shared by documents written for Word: the office's page (paper, margins, typeface,
Indonesian as the document language), the document's own heading and caption styles, fields Word fills in
(daftar isi, page number), sections for a new numbering or a landscape page, and a `TableSpec` as a Word table.

A table is as wide as the PDF's (the column widths the PDF laid out, never wider than the text), its header rows
repeat on every page and carry the same merged cells, no row is cut across pages, numbers are never wrapped, and
the total rows are bold on a light fill. python-docx is imported inside the functions: the program should not pay
for it at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents.kit.base import DocSetup
from sakip_desktop.documents.kit.paper import paper_size

LANGUAGE = "id-ID"
TWIPS = 20  # per point
CELL_MARGINS = {"top": 2.5, "left": 3, "bottom": 3.5, "right": 3}  # points, as `kit.data_table` pads its cells
HEADINGS = {1: (14, True), 2: (11.5, False), 3: (11, False)}  # level: (size, centred)


def word_font() -> str:
    """The face Word should use for the office's typeface: Liberation Sans has Arial's metrics, Serif Times'."""
    return "Times New Roman" if fonts.FAMILY == "LiberationSerif" else "Arial"


def element(tag: str, **attrs: str) -> Any:
    """A new WordprocessingML element `tag` ('w:…') with `attrs` (names without the 'w:')."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    made = OxmlElement(tag)
    for key, value in attrs.items():
        made.set(qn(f"w:{key}"), value)
    return made


def child(parent: Any, tag: str, *successors: str) -> Any:
    """`parent`'s child `tag` (w:...), made when missing and put before the first of `successors` (the schema's
    order: Word refuses a file whose elements are out of order)."""
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = element(tag)
        parent.insert_element_before(found, *successors)
    return found


_SETTINGS_AFTER_UPDATE = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
_SECT_AFTER_PGNUM = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                     "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")  # fmt: skip


def new_document(setup: DocSetup) -> Any:
    """An empty document on the office's paper and margins, in its typeface, in Indonesian, with the styles."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    page_setup(doc.sections[0], setup, landscape=False)
    _language(doc)
    _styles(doc)
    # Word fills the daftar isi and the page numbers when the file is opened.
    child(doc.settings.element, "w:updateFields", *_SETTINGS_AFTER_UPDATE).set(qn("w:val"), "true")
    return doc


def page_setup(section: Any, setup: DocSetup, *, landscape: bool) -> None:
    """`section` on the office's paper (turned when `landscape`) with the office's margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    paper = paper_size(setup.paper)
    width, height = paper.landscape if landscape else paper.portrait
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    m = setup.margins
    section.top_margin, section.bottom_margin = Pt(m.top), Pt(m.bottom)
    section.left_margin, section.right_margin = Pt(m.left), Pt(m.right)
    section.header_distance = Pt(min(m.top / 2, 34))
    section.footer_distance = Pt(min(m.bottom / 2, 34))


def text_width(section: Any) -> float:
    """The writable width of `section` in points."""
    return float((section.page_width - section.left_margin - section.right_margin) / 12700)


def _language(doc: Any) -> None:
    """Indonesian for every run (spelling, hyphenation, dates in fields), in the defaults and each style."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def set_font(style_or_run: Any, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """A style's or run's face by name (the theme's fonts removed, so Word does not put Calibri back)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style_or_run.font
    font.name = name
    rfonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)


def _styles(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    face = word_font()
    normal = doc.styles["Normal"]
    set_font(normal, face, 11)
    normal.paragraph_format.space_after = Pt(5.5)
    normal.paragraph_format.line_spacing = 1.15
    for level, (size, centred) in HEADINGS.items():
        style = doc.styles[f"Heading {level}"]
        set_font(style, face, size, bold=True)
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        fmt.space_before, fmt.space_after = Pt(0 if centred else 10), Pt(14 if centred else 5)
        fmt.keep_with_next = True
    for name, size in (("Caption", 9), ("TOC Heading", 14), ("List Bullet", 11), ("Title", 24)):
        style = doc.styles[name]
        set_font(style, face, size, bold=name in ("Caption", "TOC Heading", "Title"))
        style.font.italic = False
    caption = doc.styles["Caption"].paragraph_format
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.space_before, caption.space_after, caption.keep_with_next = Pt(6), Pt(4), True
    doc.styles["TOC Heading"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A field (`instruction`, e.g. 'PAGE') in `paragraph`, showing `shown` until Word updates it."""
    paragraph._p.append(_field_run("begin"))
    run = paragraph.add_run()
    instr = element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph._p.append(_field_run("separate"))
    paragraph.add_run(shown)
    paragraph._p.append(_field_run("end"))


def _field_run(kind: str) -> Any:
    run = element("w:r")
    char = element("w:fldChar", fldCharType=kind)
    if kind == "begin":
        char.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}dirty", "true")
    run.append(char)
    return run


def add_toc(doc: Any, entries: Sequence[tuple[int, str, str]], width: float) -> None:
    """A real table of contents field (the heading levels `entries` has) whose shown text is `entries` (level, text,
    page), so a reader that does not update fields still shows the daftar isi; Word refreshes it on opening."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    rows = list(entries) or [(0, "Daftar isi: klik kanan di sini lalu pilih Perbarui Bidang.", "")]
    depth = min(max(level for level, _t, _p in rows) + 1, 3)  # the levels the PDF's daftar isi lists
    for n, (level, text, page) in enumerate(rows):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.left_indent, fmt.space_after = Pt(18 * level), Pt(3)
        fmt.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if n == 0:
            p._p.append(_field_run("begin"))
            instr = element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f' TOC \\o "1-{depth}" \\h \\z \\u '
            run = element("w:r")
            run.append(instr)
            p._p.append(run)
            p._p.append(_field_run("separate"))
        run = p.add_run(f"{text}\t{page}")
        run.bold = level == 0
        if n == len(rows) - 1:
            p._p.append(_field_run("end"))


def page_numbering(section: Any, fmt: str | None, start: int | None) -> None:
    """Number `section`'s pages in `fmt` ('lowerRoman', 'decimal'; None keeps it) from `start` (None: go on)."""
    pg = child(section._sectPr, "w:pgNumType", *_SECT_AFTER_PGNUM)
    if fmt:
        pg.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fmt", fmt)
    key = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start"
    if start is not None:
        pg.set(key, str(start))
    else:
        pg.attrib.pop(key, None)  # a new section copies the one before it, restart included


def footer(section: Any, text: str, *, numbered: bool = True) -> None:
    """`section`'s own footer: `text` on the left, the page number (a PAGE field) on the right, a rule above."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    f = section.footer
    f.is_linked_to_previous = False
    p = f.paragraphs[0]
    p.text = ""
    p.style = "Normal"  # the Footer style's own tab stops would catch the tab
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.tab_stops.add_tab_stop(Pt(text_width(section)), WD_TAB_ALIGNMENT.RIGHT)
    border = child(p._p.get_or_add_pPr(), "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind",
                    "w:jc")  # fmt: skip
    border.append(element("w:top", val="single", sz="4", space="4", color="999999"))
    if text:
        run = p.add_run(text)
        run.font.size = Pt(8)
    if numbered:
        p.add_run("\t")
        add_field(p, "PAGE", "1")


def header_text(section: Any, text: str) -> None:
    """`section`'s own header: `text` centred and bold (the DRAF mark)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    h = section.header
    h.is_linked_to_previous = False
    p = h.paragraphs[0]
    p.text = ""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = p.add_run(text)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(10), RGBColor(0x80, 0x80, 0x80)


# Word's own watermark: a VML WordArt text in the header, drawn behind the text of every page of the section.
_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>'
    '<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
    '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:{w}pt;height:{h}pt;rotation:315;z-index:-251657216;'
    "mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver" stroked="f">'
    '<v:fill opacity=".5"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>'
    "</v:shape></w:pict></w:r>"
)


def watermark(section: Any, text: str) -> None:
    """A large, light `text` across every page of `section` (Word's watermark, as the PDF's DRAF mark); call
    after `header_text`, whose header it is drawn in."""
    from xml.sax.saxutils import quoteattr

    from docx.oxml import parse_xml

    side = min(section.page_width, section.page_height) / 12700 * 0.75
    n = len(section.part.document.sections)  # one shape id per section's header
    xml = _WATERMARK.format(
        n=n, spid=2048 + n, w=round(side), h=round(side / 3), font=word_font(), text=quoteattr(text)[1:-1]
    )
    section.header.paragraphs[0]._p.append(parse_xml(xml))
