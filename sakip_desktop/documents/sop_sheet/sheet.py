"""The printed SOP sheet: identity page and flowchart table (regulations.md §7), landscape.

The identity page follows the SOP AP pattern: logo and office on the left; Nomor SOP, dates,
Disahkan oleh and Nama SOP on the right; then the six-part grid (Dasar Hukum … Pencatatan dan
Pendataan). The flowchart pages carry one pelaksana column per actor, with the heading rows
repeated on every sheet and off-page connectors where the flow crosses a sheet.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageBreak, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus import TableStyle as TStyle

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.kit.base import DocSetup
from sakip_desktop.documents.kit.blocks import signature_block
from sakip_desktop.documents.kit.pages import counting_canvas, simple_footer
from sakip_desktop.documents.kit.paper import Margins, paper_size
from sakip_desktop.documents.sop_sheet.draw import FlowchartPage
from sakip_desktop.documents.sop_sheet.layout import layout_flow
from sakip_desktop.documents.sop_sheet.routes import route
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.ops.org.signers import Signer
from sakip_desktop.sop.approver import parse_approver
from sakip_desktop.sop.definition import BASED_ON, Identity, SopDefinition

IDENTITY_SIZE = 10.0
# (type size, top and bottom cell padding), tried in turn until the identity fits one page
IDENTITY_SIZES = ((10.0, 4.0, 5.0), (9.5, 4.0, 5.0), (9.0, 4.0, 5.0), (8.5, 4.0, 5.0), (8.5, 2.0, 3.0), (8.0, 2.0, 3.0))
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
        "note": ParagraphStyle("sop-id-note", parent=base, fontName=fonts.ITALIC, fontSize=size - 2, leading=size),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(" ".join(text.split())), style)


def _numbered(items: tuple[str, ...], styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    """'1. …', '2. …' with hanging indent; '-' for an empty list."""
    if not items:
        return [_p("-", styles["text"])]
    return [Paragraph(escape(" ".join(t.split())), styles["item"], bulletText=f"{n}.") for n, t in enumerate(items, 1)]


def _date(text: str) -> str:
    """'01 Januari 2016' → '1 Januari 2016' (dates print without a leading zero)."""
    return re.sub(r"\b0([1-9])(?=\s+[A-Za-z])", r"\1", " ".join(text.split()))


def nip_grouping_of(setting: str) -> tuple[int, ...] | None:
    """The office setting `nip_grouping` ('8-6-1-3'; '' for a NIP printed unspaced) as `build_sop_sheet` takes it:
    the one reading for every way a sheet is printed (the SOP page, `sakip report sop`)."""
    return tuple(int(x) for x in setting.split("-")) if setting.strip() else None


def approval_block(ident: Identity, width: float, size: float, nip_grouping: tuple[int, ...] | None) -> Table:
    """'Disahkan oleh' as the kit's signature block: JABATAN, space to sign, name bold and underlined, pangkat,
    NIP grouped. A NIP whose structure is not valid is left out rather than printed."""
    who = parse_approver(ident.approved_by, ident.unit_name)
    position = who.position
    if not position and who.name:
        position = " ".join(
            ["CAMAT", *(w for w in ident.unit_name.upper().split() if w not in ("KANTOR", "KECAMATAN"))]
        )
    signer = Signer(position=position.upper(), name=who.name, rank=who.rank, nip=who.valid_nip)
    setup = DocSetup(profile=OfficeProfile("", "", ""), logo=None, nip_grouping=nip_grouping)
    block = signature_block(setup, signer, width=width, size=size, align="CENTER")
    block.spaceBefore = 0
    return block


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
    nip_grouping: tuple[int, ...] | None = (8, 6, 1, 3),
    padding: tuple[float, float] = (4.0, 5.0),
) -> Table:
    """The identity page as one bordered table, set in `size` points with `padding` (top, bottom) in each cell."""
    st = _styles(size)
    ident = definition.identity
    half = width / 2
    label_w = 0.3 * half
    lines = office_lines or (ident.regency_name, ident.unit_name)
    left: list = []
    if logo:
        left += [_logo(logo, half - 20), Spacer(1, 8)]
    left += [_p(line.upper(), st["office"]) for line in lines if line.strip()]
    approved = approval_block(ident, half - label_w - 10, size, nip_grouping) if ident.approved_by.strip() else ""
    rows = [
        [left, _p("Nomor SOP", st["text"]), _p(ident.number, st["text"])],
        ["", _p("Tanggal Pembuatan", st["text"]), _p(_date(ident.created), st["text"])],
        ["", _p("Tanggal Revisi", st["text"]), _p(_date(ident.revised), st["text"])],
        ["", _p("Tanggal Efektif", st["text"]), _p(_date(ident.effective), st["text"])],
        ["", _p("Disahkan oleh", st["text"]), approved],
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
        ("TOPPADDING", (0, 0), (-1, -1), padding[0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding[1]),
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
    if definition.source.startswith(BASED_ON):  # an adopted template names the SOP it was made from
        style += [("SPAN", (0, len(rows)), (2, len(rows)))]
        rows.append([_p(definition.source, st["note"]), "", ""])
    return Table(rows, colWidths=[half, label_w, half - label_w], style=TStyle(style))


def _fitting_identity(
    definition: SopDefinition,
    width: float,
    height: float,
    logo: bytes | None,
    office_lines: tuple[str, str] | None,
    nip_grouping: tuple[int, ...] | None,
) -> Table:
    """The identity table at the largest size (10 down to 8,5 pt, then tighter cells, then 8 pt) that fits one page.

    A very long Dasar Hukum may still need a second page; the table then breaks between rows.
    """
    for size, top, bottom in IDENTITY_SIZES:
        table = identity_table(definition, width, logo, office_lines, size, nip_grouping, (top, bottom))
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
    nip_grouping: tuple[int, ...] | None = (8, 6, 1, 3),
) -> int:
    """Write the SOP sheet of `definition` as a landscape PDF to `out`; return the number of pages.

    `paper` is "A4" or "F4"; `logo` is PNG/JPG bytes of the lambang daerah (left out when None);
    `office_lines` replaces the identity's regency and unit lines in the header; `font` is the office's
    document typeface ("sans", Arial metrics, or "serif", Times metrics); `nip_grouping` the office's NIP spacing.
    Raises `ValidationError` for an unknown paper or an unreadable logo, `UserError` when the
    table cannot fit the paper (too many pelaksana, or one step longer than a page).
    """
    fonts.register_fonts(font)
    pagesize = paper_size(paper).landscape
    margins = Margins()
    x, y, width, height = margins.frame(pagesize)
    layout = route(definition, layout_flow(definition, width, height))

    story: list = [_fitting_identity(definition, width, height, logo, office_lines, nip_grouping)]
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
