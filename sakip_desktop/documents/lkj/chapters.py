"""The LKj's cover, front matter (kata pengantar, ikhtisar eksekutif, daftar isi), Bab I and Bab II.

Bab III, Bab IV and the lampiran are in `lkj_bab3`; the page layout in `lkj_layout`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Image, Paragraph, Spacer

from sakip_desktop.documents.kit import DocSetup, Signer, Styles, data_table, fonts, para, place_date, signature_block
from sakip_desktop.documents.lkj.layout import BODY, FRONT, DaftarIsi, next_page, toc_heading
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.sections import LkjView


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
    """'Tabel 3.1 …' centred above a table or chart, kept on the page of what follows."""
    return para(text, extra(ctx)["caption"])


def long_caption(text: str, ctx: Ctx) -> list[Flowable]:
    """The caption of a table that may run over pages: it starts on this page when 4 cm are left."""
    style = ParagraphStyle("caption_long", parent=extra(ctx)["caption"], keepWithNext=0)
    return [CondPageBreak(4 * cm), para(text, style)]


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
    rows = [
        [s.code, s.statement, str(len(s.indicators)), formats.percent(s.achievement), s.band_label or "-"]
        for s in view.data.sasaran
    ]
    data = view.data
    rows.append(["", "Rata-rata capaian organisasi", str(len(data.indicators)), formats.percent(data.achievement),
                 data.band_label or "-"])  # fmt: skip
    w = ctx.width
    out.append(caption(f"Tabel 1. Ringkasan Capaian Kinerja Tahun {ctx.year}", ctx))
    out.append(
        data_table(
            [["Kode", "Sasaran Strategis", "Jumlah Indikator", "Capaian", "Kategori"]],
            rows,
            [1.2 * cm, w - 7.8 * cm, 2 * cm, 2.3 * cm, 2.3 * cm],
            align="CLCRC",
            total_rows=1,
        )
    )
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
    out += pk_tables(ctx, "Tabel 2")
    return out


def pk_tables(ctx: Ctx, prefix: str) -> list[Flowable]:
    """The PK's two tables: sasaran/indikator/target and program/anggaran (Bab II and Lampiran 1)."""
    pk = ctx.view.data.pk
    w = ctx.width
    rows: list[list[str]] = []
    spans = []
    last = None
    n = 0
    for t in pk.targets:
        if t.objective_code != last:
            last, n = t.objective_code, 0
            rows.append([t.objective_code, f"{t.objective_statement}", "", ""])
            spans.append(((1, len(rows)), (3, len(rows))))
        n += 1
        target = formats.amount_range(t.target_low, t.target_high)
        rows.append([f"{t.objective_code}.{n}", t.indicator_name, t.unit, target])
    bold = [("FONTNAME", (0, r), (-1, r), fonts.BOLD) for (_c, r), _ in spans]
    out = long_caption(f"{prefix}.1 Sasaran Strategis, Indikator Kinerja dan Target Tahun {ctx.year}", ctx)
    table = data_table(
        [["No", "Sasaran Strategis / Indikator Kinerja", "Satuan", "Target"]],
        rows,
        [1.4 * cm, w - 6.4 * cm, 2.5 * cm, 2.5 * cm],
        align="CLCR",
        spans=spans,
        extra_style=[("BACKGROUND", (0, r), (-1, r), "#f2f2f2") for (_c, r), _ in spans] + bold,
        keep_with_next=[r for (_c, r), _ in spans],
    )
    out.append(table)
    budget_rows = [[str(i), b.code, b.name, formats.rupiah_figure(b.amount)] for i, b in enumerate(pk.budgets, start=1)]
    budget_rows.append(["", "", "Jumlah", formats.rupiah_figure(pk.total)])
    out.append(Spacer(1, 8))
    out += long_caption(f"{prefix}.2 Program dan Anggaran Tahun {ctx.year}", ctx)
    out.append(
        data_table(
            [["No", "Kode", "Program", "Anggaran (Rp)"]],
            budget_rows,
            [1 * cm, 2.2 * cm, w - 7.2 * cm, 4 * cm],
            align="CLLR",
            total_rows=1,
        )
    )
    out.append(para(f"Sumber: {pk.source}.", ctx.st.small))
    return out
