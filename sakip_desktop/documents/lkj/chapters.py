"""The LKj's cover, front matter (kata pengantar, ikhtisar eksekutif, daftar isi), Bab I and Bab II.

Bab III, Bab IV and the lampiran are in `lkj_bab3`; the page layout in `lkj_layout`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field, replace

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Image, Paragraph, Spacer

from sakip_desktop.documents.kit import DocSetup, Signer, Styles, fonts, para, place_date, signature_block
from sakip_desktop.documents.lkj import tables
from sakip_desktop.documents.lkj.layout import BODY, FRONT, DaftarIsi, next_page, toc_heading
from sakip_desktop.documents.tablespec import TableSpec, pdf_table
from sakip_desktop.ops.agreements.views import AgreementDetail
from sakip_desktop.ops.desa.fraction import Breakdown
from sakip_desktop.ops.lkj.sections import LkjView


class Numbering:
    """The running numbers of the LKj's tables and figures: Tabel 1, 2, 3, … and Gambar 1, 2, … through the whole
    document, in the order they are laid out (a table left out takes no number)."""

    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def table(self) -> int:
        """The next table's number."""
        self.tables += 1
        return self.tables

    def figure(self) -> int:
        """The next figure's number."""
        self.figures += 1
        return self.figures


@dataclass(frozen=True)
class Ctx:
    """What every chapter builder needs."""

    setup: DocSetup
    view: LkjView
    st: Styles
    width: float  # portrait frame width
    land_width: float  # landscape frame width
    signer: Signer
    day: dt.date
    agreement: AgreementDetail | None = None  # the office's PK of the year, printed whole as Lampiran 1
    numbers: Numbering = field(default_factory=Numbering)
    desa: tuple[Breakdown, ...] = ()  # the per-desa breakdown of each indicator over desa (Bab III, analysis 1)

    @property
    def year(self) -> int:
        """The report year."""
        return self.view.year


def _styles(st: Styles) -> dict[str, ParagraphStyle]:
    return {
        "chapter": ParagraphStyle("chapter", parent=st.title, fontSize=14, leading=19, spaceAfter=14),
        "section": ParagraphStyle("section", parent=st.heading, fontSize=11.5, spaceBefore=10, spaceAfter=5),
        "sub": ParagraphStyle("sub", parent=st.heading, fontSize=11, spaceBefore=8, spaceAfter=4),
        "caption": ParagraphStyle(
            "caption",
            parent=st.small,
            fontName=fonts.BOLD,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=st.justify, leftIndent=16, bulletIndent=4, spaceAfter=2, bulletFontName=fonts.REGULAR
        ),
    }


def extra(ctx: Ctx) -> dict[str, ParagraphStyle]:
    """The LKj's own heading, caption and bullet styles."""
    return _styles(ctx.st)


def narrative(text: str, ctx: Ctx) -> list[Flowable]:
    """A section's text: paragraphs split at blank lines, lines starting with '- ' as bullets."""
    out: list[Flowable] = []
    bullet = extra(ctx)["bullet"]
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip().split("\n") if line.strip()]
        prose: list[str] = []
        for line in lines:
            if line.lstrip().startswith("- "):
                if prose:
                    out.append(para(" ".join(prose), ctx.st.justify))
                    prose = []
                item = para(line.lstrip()[2:], bullet)
                item.bulletText = "•"
                out.append(item)
            else:
                prose.append(line.strip())
        if prose:
            out.append(para("\n".join(prose), ctx.st.justify))
    return out


def caption(text: str, ctx: Ctx) -> Paragraph:
    """A caption centred above a table or chart, kept on the page of what follows."""
    return para(text, extra(ctx)["caption"])


def table_caption(title: str, ctx: Ctx) -> Paragraph:
    """'Tabel n. `title`' with the next table number."""
    return caption(f"Tabel {ctx.numbers.table()}. {title}", ctx)


def figure_caption(title: str, ctx: Ctx) -> Paragraph:
    """'Gambar n. `title`' with the next figure number."""
    return caption(f"Gambar {ctx.numbers.figure()}. {title}", ctx)


def long_caption(title: str, ctx: Ctx) -> list[Flowable]:
    """'Tabel n. `title`' above a table that may run over pages: it starts on this page when 4 cm are left."""
    style = ParagraphStyle("caption_long", parent=extra(ctx)["caption"], keepWithNext=0)
    return [CondPageBreak(4 * cm), para(f"Tabel {ctx.numbers.table()}. {title}", style)]


def numbered(spec: TableSpec, ctx: Ctx) -> TableSpec:
    """`spec` with the next running table number: caption 'Tabel 5. <title>', sheet 'Tabel 5' (whatever number the
    spec was made with)."""
    n = ctx.numbers.table()
    title = spec.caption.split(" ", 2)[2] if spec.caption.startswith("Tabel ") else spec.caption
    return replace(spec, key=f"Tabel {n}", caption=f"Tabel {n}. {title}")


def cover(ctx: Ctx) -> list[Flowable]:
    """The cover: LAPORAN KINERJA TAHUN X, the logo, KECAMATAN Y, KABUPATEN Z."""
    p = ctx.setup.profile
    big = ParagraphStyle("cv1", fontName=fonts.BOLD, fontSize=24, leading=32, alignment=TA_CENTER)
    mid = ParagraphStyle("cv2", fontName=fonts.BOLD, fontSize=16, leading=22, alignment=TA_CENTER)
    out: list[Flowable] = [Spacer(1, 2.5 * cm), para("LAPORAN KINERJA", big), para(f"TAHUN {ctx.year}", big)]
    out.append(Spacer(1, 2.2 * cm))
    if ctx.setup.logo:
        try:
            w, h = ImageReader(io.BytesIO(ctx.setup.logo)).getSize()
            side = 5 * cm
            scale = min(side / w, side / h)
            out.append(Image(io.BytesIO(ctx.setup.logo), width=w * scale, height=h * scale))
        except Exception:  # a broken logo must not stop the report; the kop validation reports it elsewhere
            out.append(Spacer(1, 5 * cm))
    else:
        out.append(Spacer(1, 5 * cm))
    out += [Spacer(1, 2.5 * cm), para(p.office_title.upper(), mid), para(p.regency_title.upper(), mid)]
    out += [Spacer(1, 3 * cm), para(f"{ctx.year + 1}", mid)]
    return out


def front_matter(ctx: Ctx) -> list[Flowable]:
    """Kata pengantar (signed by the Camat), ikhtisar eksekutif and daftar isi, numbered i, ii, …."""
    chapter = extra(ctx)["chapter"]
    view = ctx.view
    out: list[Flowable] = next_page(FRONT)
    out.append(toc_heading("KATA PENGANTAR", chapter, 0, "Kata Pengantar"))
    out += narrative(view.text("kata_pengantar"), ctx)
    out.append(signature_block(ctx.setup, ctx.signer, place_date=place_date(ctx.setup, ctx.day), width=8.5 * cm))
    out += next_page(FRONT)
    out.append(toc_heading("IKHTISAR EKSEKUTIF", chapter, 0, "Ikhtisar Eksekutif"))
    out += narrative(view.text("ikhtisar"), ctx)
    out += pdf_table(numbered(tables.ringkasan_spec(view.data), ctx), ctx.width)
    out += next_page(FRONT)
    out.append(toc_heading("DAFTAR ISI", chapter, 0, "Daftar Isi"))
    out.append(DaftarIsi())
    return out


def sections_chapter(ctx: Ctx, heading: str, toc_title: str, keys: tuple[str, ...]) -> list[Flowable]:
    """A chapter of narrative sections only: its heading on a new page, then each section's title and text."""
    s = extra(ctx)
    out: list[Flowable] = next_page(BODY)
    out.append(toc_heading(heading, s["chapter"], 0, toc_title))
    for key in keys:
        section = ctx.view.section(key)
        out.append(toc_heading(section.title, s["section"], 1))
        out += narrative(section.text, ctx)
    return out


def bab1(ctx: Ctx) -> list[Flowable]:
    """Bab I Pendahuluan: latar belakang, tugas dan fungsi, struktur organisasi, isu strategis."""
    keys = ("bab1.latar_belakang", "bab1.tugas_fungsi", "bab1.struktur", "bab1.isu_strategis")
    return sections_chapter(ctx, "BAB I\nPENDAHULUAN", "BAB I PENDAHULUAN", keys)


def bab2(ctx: Ctx) -> list[Flowable]:
    """Bab II Perencanaan Kinerja: the plan and the PK summary tables."""
    s = extra(ctx)
    out: list[Flowable] = next_page(BODY)
    out.append(toc_heading("BAB II\nPERENCANAAN KINERJA", s["chapter"], 0, "BAB II PERENCANAAN KINERJA"))
    out += narrative(ctx.view.text("bab2.perencanaan"), ctx)
    out.append(toc_heading("2.1 Ringkasan Perjanjian Kinerja", s["section"], 1))
    out += pk_tables(ctx)
    return out


def pk_tables(ctx: Ctx) -> list[Flowable]:
    """The PK's two tables in summary (Bab II): sasaran/indikator/target and program/anggaran. Lampiran 1 prints the
    signed PK itself (`lampiran_pk`)."""
    data = ctx.view.data
    out = pdf_table(numbered(tables.pk_target_spec(data, "2"), ctx), ctx.width)
    out.append(Spacer(1, 8))
    return out + pdf_table(numbered(tables.pk_budget_spec(data, "2"), ctx), ctx.width)
