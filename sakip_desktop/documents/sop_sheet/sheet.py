"""The printed SOP sheet: identity page and flowchart table (regulations.md §7), landscape.

The identity page follows the SOP AP pattern: logo and office on the left; Nomor SOP, dates,
Disahkan oleh and Nama SOP on the right; then the six-part grid (Dasar Hukum … Pencatatan dan
Pendataan). The flowchart pages carry one pelaksana column per actor, with the heading rows
repeated on every sheet and off-page connectors where the flow crosses a sheet.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageBreak, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus import TableStyle as TStyle

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.kit.pages import counting_canvas, simple_footer
from sakip_desktop.documents.kit.paper import Margins, paper_size
from sakip_desktop.documents.sop_sheet.draw import FlowchartPage
from sakip_desktop.documents.sop_sheet.layout import layout_flow
from sakip_desktop.documents.sop_sheet.routes import route
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.definition import SopDefinition

IDENTITY_SIZE = 10.0
IDENTITY_SIZES = (10.0, 9.5, 9.0, 8.5)
LOGO_HEIGHT = 62.0
FOOTER_SIZE = 8.0


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "sop-id", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.22, bulletFontName=fonts.REGULAR
    )
    return {
        "text": base,
        "bold": ParagraphStyle("sop-id-bold", parent=base, fontName=fonts.BOLD),
        "head": ParagraphStyle("sop-id-head", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER),
        "office": ParagraphStyle(
            "sop-id-office",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=size + 2,
            leading=(size + 2) * 1.25,
            alignment=TA_CENTER,
        ),
        "item": ParagraphStyle("sop-id-item", parent=base, leftIndent=16, bulletIndent=0),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(" ".join(text.split())), style)


def _numbered(items: tuple[str, ...], styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    """'1. …', '2. …' with hanging indent; '-' for an empty list."""
    if not items:
        return [_p("-", styles["text"])]
    return [Paragraph(escape(" ".join(t.split())), styles["item"], bulletText=f"{n}.") for n, t in enumerate(items, 1)]


def _logo(logo: bytes, max_width: float) -> Image | None:
    try:
        reader = ImageReader(io.BytesIO(logo))
        w, h = reader.getSize()
    except Exception as exc:  # reportlab/PIL raise a variety of errors for a bad image
        raise ValidationError(
            "Berkas logo tidak dapat dibaca sebagai gambar (pakai PNG atau JPG).", field="logo"
        ) from exc
    scale = min(LOGO_HEIGHT / h, max_width / w)
    return Image(io.BytesIO(logo), width=w * scale, height=h * scale)


def identity_table(
    definition: SopDefinition,
    width: float,
    logo: bytes | None,
    office_lines: tuple[str, str] | None,
    size: float = IDENTITY_SIZE,
) -> Table:
    """The identity page as one bordered table, set in `size` points."""
    st = _styles(size)
    ident = definition.identity
    half = width / 2
    label_w = 0.3 * half
    lines = office_lines or (ident.regency_name, ident.unit_name)
    left: list = []
    if logo:
        left += [_logo(logo, half - 20), Spacer(1, 8)]
    left += [_p(line.upper(), st["office"]) for line in lines if line.strip()]
    approved = escape(" ".join(ident.approved_by.split())).replace(" NIP", "<br/>NIP")
    rows = [
        [left, _p("Nomor SOP", st["text"]), _p(ident.number, st["text"])],
        ["", _p("Tanggal Pembuatan", st["text"]), _p(ident.created, st["text"])],
        ["", _p("Tanggal Revisi", st["text"]), _p(ident.revised, st["text"])],
        ["", _p("Tanggal Efektif", st["text"]), _p(ident.effective, st["text"])],
        ["", _p("Disahkan oleh", st["text"]), Paragraph(approved, st["text"])],
        ["", _p("Nama SOP", st["bold"]), _p(ident.name, st["bold"])],
    ]
    grid = [
        ("Dasar Hukum", ident.legal_basis, "Kualifikasi Pelaksana", ident.qualifications),
        ("Keterkaitan", ident.related, "Peralatan/Perlengkapan", ident.equipment),
        ("Peringatan", ident.warnings, "Pencatatan dan Pendataan", ident.records),
    ]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.7, "black"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # the empty span cells, else Helvetica is named
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (0, 5)),
        ("VALIGN", (0, 0), (0, 5), "MIDDLE"),
        ("ALIGN", (0, 0), (0, 5), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for left_title, left_items, right_title, right_items in grid:
        r = len(rows)
        rows.append([_p(left_title, st["head"]), _p(right_title, st["head"]), ""])
        rows.append([_numbered(left_items, st), _numbered(right_items, st), ""])
        style += [
            ("SPAN", (1, r), (2, r)),
            ("SPAN", (1, r + 1), (2, r + 1)),
            ("BACKGROUND", (0, r), (-1, r), "#e0e0e0"),
        ]
    return Table(rows, colWidths=[half, label_w, half - label_w], style=TStyle(style))


def _fitting_identity(
    definition: SopDefinition, width: float, height: float, logo: bytes | None, office_lines: tuple[str, str] | None
) -> Table:
    """The identity table at the largest size (10 down to 8,5 pt) that keeps it on one page.

    A very long Dasar Hukum may still need a second page; the table then breaks between rows.
    """
    for size in IDENTITY_SIZES:
        table = identity_table(definition, width, logo, office_lines, size)
        if table.wrap(width, height)[1] <= height:
            break
    return table


def build_sop_sheet(
    definition: SopDefinition,
    out: Path | BinaryIO,
    *,
    paper: str = "A4",
    logo: bytes | None = None,
    office_lines: tuple[str, str] | None = None,
    font: str = "sans",
) -> int:
    """Write the SOP sheet of `definition` as a landscape PDF to `out`; return the number of pages.

    `paper` is "A4" or "F4"; `logo` is PNG/JPG bytes of the lambang daerah (left out when None);
    `office_lines` replaces the identity's regency and unit lines in the header; `font` is the office's
    document typeface ("sans", Arial metrics, or "serif", Times metrics).
    Raises `ValidationError` for an unknown paper or an unreadable logo, `UserError` when the
    table cannot fit the paper (too many pelaksana, or one step longer than a page).
    """
    fonts.register_fonts(font)
    pagesize = paper_size(paper).landscape
    margins = Margins()
    x, y, width, height = margins.frame(pagesize)
    layout = route(definition, layout_flow(definition, width, height))

    story: list = [_fitting_identity(definition, width, height, logo, office_lines)]
    for page in range(len(layout.pages)):
        story += [PageBreak(), FlowchartPage(layout, page)]

    name = " ".join(definition.identity.name.split())
    title = name if name.upper().startswith("SOP ") else f"SOP {name}"
    footer = simple_footer(title, left=x, right=x + width, baseline=margins.bottom / 2, size=FOOTER_SIZE)
    counted: list[int] = []
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=title,
        author=definition.identity.unit_name or "SAKIP Desktop",
        subject=definition.identity.number,
        creator="SAKIP Desktop",
    )
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="isi")
    doc.addPageTemplates([PageTemplate(id="sop", frames=[frame])])
    doc.build(story, canvasmaker=counting_canvas(footer, counted))
    return counted[0]
