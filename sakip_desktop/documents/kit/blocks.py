"""Kit building blocks: kop surat, tables, signature blocks and paraf boxes. See kit.py for the API."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents.kit.base import DocSetup, Styles, para, styles
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.ops.org.signers import Signer

LOGO_HEIGHT = 2.1 * cm
GRID_COLOR = "#000000"
HEAD_FILL = "#e6e6e6"
TOTAL_FILL = "#f2f2f2"
SIGN_SPACE = 2.0 * cm


# --- kop ------------------------------------------------------------------------------------


class DoubleRule(Flowable):
    """The kop's thick rule with a thin one under it."""

    def __init__(self, width: float, thick: float = 2.2, thin: float = 0.6, gap: float = 1.6) -> None:
        super().__init__()
        self.width, self.thick, self.thin, self.gap = width, thick, thin, gap
        self.height = thick + gap + thin + 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(self.thick)
        top = self.height - self.thick / 2
        c.line(0, top, self.width, top)
        c.setLineWidth(self.thin)
        low = top - self.thick / 2 - self.gap - self.thin / 2
        c.line(0, low, self.width, low)


def _logo_image(logo: bytes, max_width: float) -> Image:
    try:
        w, h = ImageReader(io.BytesIO(logo)).getSize()
    except Exception as exc:  # PIL/reportlab raise many kinds of errors for a broken image
        message = "Logo kantor tidak dapat dibaca sebagai gambar (pakai PNG atau JPG)."
        raise ValidationError(message, field="logo") from exc
    scale = min(LOGO_HEIGHT / h, max_width / w)
    return Image(io.BytesIO(logo), width=w * scale, height=h * scale)


def kop_lines(profile: OfficeProfile) -> tuple[str, str, list[str]]:
    """(PEMERINTAH KABUPATEN X, KECAMATAN Y, address lines) as printed on the kop."""
    first = f"PEMERINTAH {profile.regency_title.upper()}"
    second = profile.office_title.upper()
    # Jalan/nomor, desa, kecamatan, kabupaten, provinsi, kode pos (regulations.md §6.4), none abbreviated.
    place = [
        profile.address,
        f"Desa {profile.village}" if profile.village else "",
        profile.office_title,
        profile.regency_title,
    ]
    tail = ", ".join(x for x in (profile.province, profile.postal_code) if x)
    address = ", ".join(x for x in place if x)
    if tail:
        address = f"{address}, {tail}" if address else tail
    contact = []
    if profile.phone:
        contact.append(f"Telepon {profile.phone}")
    if profile.fax:
        contact.append(f"Faksimile {profile.fax}")
    web = []
    if profile.website:
        web.append(f"Laman {profile.website}")
    if profile.email:
        web.append(f"Pos-el {profile.email}")
    lines = [line for line in (address, ", ".join(contact), ", ".join(web)) if line]
    return first, second, lines


def kop(setup: DocSetup, width: float) -> Flowable:
    """The kop surat: the logo on the left, the office centred, a thick and a thin rule below."""
    return KeepTogether(kop_parts(setup, width))


def kop_parts(setup: DocSetup, width: float) -> list[Flowable]:
    fonts.register_fonts()
    first, second, lines = kop_lines(setup.profile)
    side = 2.4 * cm
    s1 = ParagraphStyle("kop1", fontName=fonts.BOLD, fontSize=14, leading=17, alignment=TA_CENTER)
    s2 = ParagraphStyle("kop2", fontName=fonts.BOLD, fontSize=17, leading=21, alignment=TA_CENTER)
    s3 = ParagraphStyle("kop3", fontName=fonts.REGULAR, fontSize=9, leading=11, alignment=TA_CENTER)
    room = width - 2 * side
    fitted: list[str] = []
    for line in lines:
        # A contact line too long for one row breaks between its items, not inside an address.
        if stringWidth(line, fonts.REGULAR, 9) > room and ", " in line and line.startswith(("Laman", "Telepon")):
            fitted += line.split(", ")
        else:
            fitted.append(line)
    text = [para(first, s1), para(second, s2)] + [para(line, s3) for line in fitted]
    logo: Any = _logo_image(setup.logo, side - 4) if setup.logo else ""
    table = Table([[logo, text, ""]], colWidths=[side, width - 2 * side, side])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ]
        )
    )
    return [table, DoubleRule(width), Spacer(1, 10)]


# --- tables ---------------------------------------------------------------------------------


def field_table(pairs: Sequence[tuple[str, str]], width: float, st: Styles, label_width: float = 3 * cm) -> Table:
    """'Nama    : …' rows without borders."""
    rows = [[para(label, st.body), para(":", st.body), para(value, st.body)] for label, value in pairs]
    table = Table(rows, colWidths=[label_width, 0.4 * cm, width - label_width - 0.4 * cm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # else Helvetica is named, unembedded
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def data_table(
    header_rows: Sequence[Sequence[Any]],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    align: str | None = None,
    size: float = 9,
    total_rows: int = 0,
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    extra_style: Sequence[tuple] = (),
    keep_with_next: Sequence[int] = (),
) -> Table:
    """A bordered table whose header rows repeat on every page; rows are never cut across pages.

    `align` has one letter per column (L, C or R) for the body cells; str cells become Paragraphs
    (wrapped), other cells (flowables) pass through. The last `total_rows` rows are set bold on a
    light fill. `spans` are reportlab SPAN ranges ((col, row), (col, row)) in table coordinates; a
    page never breaks inside a vertical span, so a sasaran merged over its indicators moves whole.
    `keep_with_next` lists rows (table coordinates) that stay on the page of the row below them: a
    group heading row (a sasaran above its indicators) never sits alone at the foot of a page.
    """
    st = styles(cell_size=size)
    align = align or "L" * len(widths)
    by_align = {"L": st.cell, "C": st.cell_c, "R": st.cell_r}
    bold_align = {"L": st.cell_b, "C": st.cell_bc, "R": st.cell_br}

    def cell(value: Any, col: int, bold: bool) -> Any:
        if value is None:
            return ""
        if isinstance(value, str):
            return para(value, (bold_align if bold else by_align)[align[col]])
        return value

    head = [[para(v, st.head) if isinstance(v, str) else (v or "") for v in r] for r in header_rows]
    n = len(rows)
    body = [[cell(v, c, i >= n - total_rows) for c, v in enumerate(r)] for i, r in enumerate(rows)]
    nh = len(head)
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID_COLOR),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, nh - 1), HEAD_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if total_rows and n:
        style.append(("BACKGROUND", (0, nh + n - total_rows), (-1, -1), TOTAL_FILL))
    style += [("SPAN", a, b) for a, b in spans]
    last = nh + n - 1
    style += [("NOSPLIT", (0, r), (-1, r + 1)) for r in keep_with_next if nh <= r < last]
    style += list(extra_style)
    table = Table(head + body, colWidths=list(widths), repeatRows=nh, splitInRow=0, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


Span = tuple[tuple[int, int], tuple[int, int]]


def group_spans(cells: Sequence[Any], column: int, header_rows: int = 1) -> list[Span]:
    """SPAN ranges that merge a column's cell with the None cells below it (a sasaran over its indicators)."""
    spans, start = [], None
    for i, value in enumerate([*cells, "end"]):
        if value is not None:
            if start is not None and i - 1 > start:
                spans.append(((column, start + header_rows), (column, i - 1 + header_rows)))
            start = i
    return spans


def column_numbers(count: int) -> list[str]:
    """The '(1) (2) …' row printed under a header in Indonesian forms."""
    return [f"({i})" for i in range(1, count + 1)]


# --- signatures -----------------------------------------------------------------------------


def _outer() -> list:
    """The style of the one-cell tables that hold a signature grid; the font is named so no Helvetica is pulled
    in unembedded (read when built: the office's typeface may change)."""
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
    ]


def _signature_cell(setup: DocSetup, signer: Signer, st: Styles, label: str | None) -> list[Flowable]:
    centre = ParagraphStyle("sig", parent=st.body, alignment=TA_CENTER)
    out: list[Flowable] = []
    if label:
        out.append(para(label, centre))
    out.append(para(f"{signer.jabatan},", centre))
    out.append(Spacer(1, SIGN_SPACE))
    out.append(Paragraph(f"<b><u>{escape(signer.name)}</u></b>", centre))
    if signer.rank:
        out.append(para(signer.rank, centre))
    if signer.nip:
        out.append(para(setup.nip_text(signer.nip), centre))
    return out


def signature_block(
    setup: DocSetup,
    signer: Signer,
    *,
    place_date: str | None = None,
    width: float = 8 * cm,
    label: str | None = None,
    align: str = "RIGHT",
    size: float = 11,
) -> Flowable:
    """One signature: [place, date], [label], JABATAN, space for the wet signature, name bold underlined,
    pangkat (golongan) when there is one, 'NIP. …' when there is one; kept on one page."""
    st = styles(size)
    cell = [para(place_date, ParagraphStyle("pd", parent=st.body, alignment=TA_CENTER))] if place_date else []
    cell += _signature_cell(setup, signer, st, label)
    table = Table([[cell]], colWidths=[width], hAlign=align)
    table.setStyle(TableStyle(_outer()))
    # One table row never splits across pages, so the block needs no KeepTogether (which does not nest well).
    table.spaceBefore = 12
    return table


def two_party_block(
    setup: DocSetup,
    *,
    left: Signer,
    right: Signer,
    place_date: str | None = None,
    left_label: str = "PIHAK KEDUA,",
    right_label: str = "PIHAK PERTAMA,",
    width: float = 16 * cm,
    size: float = 11,
) -> Flowable:
    """Two signatures side by side (PK: Pihak Kedua left, Pihak Pertama right; place and date above the right)."""
    st = styles(size)
    centre = ParagraphStyle("pd2", parent=st.body, alignment=TA_CENTER)
    half = width / 2
    # Rows: place and date (right), labels and jabatan, the space to sign, names; names stay level even when
    # one jabatan wraps. The grid sits in a one-cell table so it never splits across pages.
    heads = [_signature_cell(setup, signer, st, label) for signer, label in ((left, left_label), (right, right_label))]
    rows = [
        ["", para(place_date or "", centre)],
        [heads[0][: -_tail(left)], heads[1][: -_tail(right)]],
        [heads[0][-_tail(left) :], heads[1][-_tail(right) :]],
    ]
    grid = Table(rows, colWidths=[half, half])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ]
        )
    )
    table = Table([[grid]], colWidths=[width])
    table.setStyle(TableStyle(_outer()))
    table.spaceBefore = 12
    return table


def _tail(signer: Signer) -> int:
    """How many paragraphs of a signature cell are the name and what follows it (name, pangkat, NIP)."""
    return 1 + bool(signer.rank) + bool(signer.nip)


def paraf_boxes(labels: Sequence[str], st: Styles | None = None, box: float = 2.6 * cm) -> Flowable:
    """A row of small boxes, one per reviewer, for initials (paraf) before the head signs."""
    return KeepTogether([Spacer(1, 10), _paraf_table(labels, st or styles(), box)])


def _paraf_table(labels: Sequence[str], st: Styles, box: float) -> Table:
    head = [para(label, st.cell_c) for label in labels]
    table = Table(
        [[para("Paraf", st.cell_bc)] + [""] * (len(labels) - 1), head, [""] * len(labels)],
        colWidths=[box] * len(labels),
        rowHeights=[None, None, 1.1 * cm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("SPAN", (0, 0), (-1, 0)),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def with_paraf(setup: DocSetup, signature: Flowable, signature_width: float, width: float) -> Flowable:
    """The head's signature on the right and, on its left, the paraf boxes of the office's reviewers (the office
    setting `paraf_labels`); the signature alone when nobody initials. One row, so the two never part."""
    if not setup.paraf:
        return signature
    boxes = _paraf_table(setup.paraf, styles(), min(2.6 * cm, (width - signature_width) / len(setup.paraf)))
    row = Table([[boxes, signature]], colWidths=[width - signature_width, signature_width])
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ]
        )
    )
    return row
