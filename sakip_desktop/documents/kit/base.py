"""Kit foundations: the office's print setup (DocSetup) and paragraph styles. See kit.py for the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

import sakip_desktop.documents.kit.fonts as fonts
from sakip_desktop.documents.kit.paper import Margins, paper_size
from sakip_desktop.documents.kit.plain_para import PlainParagraph
from sakip_desktop.domain.formats import place_date as _place_date
from sakip_desktop.domain.nip import format_nip
from sakip_desktop.ops.org.office import OfficeProfile, get_logo, get_profile, get_settings
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class DocSetup:
    """What every document of an office needs besides its own data."""

    profile: OfficeProfile
    logo: bytes | None
    paper: str = "A4"
    margins: Margins = field(default_factory=Margins)
    nip_grouping: tuple[int, ...] | None = (8, 6, 1, 3)
    paraf: tuple[str, ...] = ()  # who initials beside the head's signature (office setting)

    def nip_text(self, nip: str) -> str:
        """'NIP. 19700101 199503 1 001' grouped per the office setting."""
        return "NIP. " + format_nip(nip, self.nip_grouping)


def load_setup(db: Database, paper: str | None = None, margins: Margins | None = None) -> DocSetup:
    """The office profile, logo and print settings; `paper`/`margins` override the settings."""
    settings = get_settings(db)
    fonts.register_fonts(settings.document_font)
    grouping = tuple(int(x) for x in settings.nip_grouping.split("-")) if settings.nip_grouping else None
    chosen = paper_size(paper or settings.paper_size).name
    return DocSetup(
        profile=get_profile(db),
        logo=get_logo(db),
        paper=chosen,
        margins=margins
        or Margins.from_cm(
            settings.margin_top_cm, settings.margin_bottom_cm, settings.margin_left_cm, settings.margin_right_cm
        ),
        nip_grouping=grouping,
        paraf=tuple(x.strip() for x in settings.paraf_labels.split(";") if x.strip()),
    )


def place_date(setup: DocSetup, day: dt.date) -> str:
    """'Contoh, 17 Januari 2025' with the office's signing place."""
    return _place_date(setup.profile.signing_place or setup.profile.name, day)


# --- styles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a document, all set in Liberation Sans (Arial metrics)."""

    body: ParagraphStyle
    justify: ParagraphStyle
    small: ParagraphStyle
    bold: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_c: ParagraphStyle
    cell_r: ParagraphStyle
    cell_b: ParagraphStyle
    cell_bc: ParagraphStyle
    cell_br: ParagraphStyle
    head: ParagraphStyle


def styles(size: float = 11, cell_size: float = 9) -> Styles:
    """Styles for body text of `size` points and table cells of `cell_size` points."""
    fonts.register_fonts()
    # bulletFontName too: a numbered item's bullet would otherwise be set in (unembedded) Helvetica.
    body = ParagraphStyle(
        "body", fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, fontSize=size, leading=size * 1.35
    )
    cell = ParagraphStyle(
        "cell", fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, fontSize=cell_size, leading=cell_size * 1.2
    )
    bold = ParagraphStyle("bold", parent=body, fontName=fonts.BOLD)
    return Styles(
        body=body,
        justify=ParagraphStyle("justify", parent=body, alignment=TA_JUSTIFY, spaceAfter=size * 0.5),
        small=ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.3),
        bold=bold,
        title=ParagraphStyle("title", parent=bold, fontSize=size + 2, leading=(size + 2) * 1.3, alignment=TA_CENTER),
        subtitle=ParagraphStyle("subtitle", parent=bold, alignment=TA_CENTER),
        heading=ParagraphStyle("heading", parent=bold, spaceBefore=size * 0.6, spaceAfter=size * 0.4),
        cell=cell,
        cell_c=ParagraphStyle("cell_c", parent=cell, alignment=TA_CENTER),
        cell_r=ParagraphStyle("cell_r", parent=cell, alignment=TA_RIGHT),
        cell_b=ParagraphStyle("cell_b", parent=cell, fontName=fonts.BOLD),
        cell_bc=ParagraphStyle("cell_bc", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
        cell_br=ParagraphStyle("cell_br", parent=cell, fontName=fonts.BOLD, alignment=TA_RIGHT),
        head=ParagraphStyle("head", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain `text` (line breaks kept); one that fits its width is drawn without being parsed."""
    return PlainParagraph(str(text), style)


def title_block(lines: Sequence[str], st: Styles, space_after: float = 12) -> list[Flowable]:
    """Centred bold title lines, the first one larger."""
    out: list[Flowable] = [para(lines[0], st.title)] + [para(line, st.subtitle) for line in lines[1:]]
    return [*out, Spacer(1, space_after)]
