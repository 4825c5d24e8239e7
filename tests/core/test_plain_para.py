"""A cell's plain text drawn as one line without reportlab's parser (kit/plain_para.py) prints exactly as the
Paragraph of the same text: the same pages, pixel for pixel, for every kind of text the documents hold."""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.kit.plain_para import PlainParagraph

TEXTS = [
    "77,73%",  # a number, right-aligned
    "1.485.650.000",
    "\u00a0" * 8 + "Penyediaan Gaji dan Tunjangan ASN",  # a sub kegiatan indented with no-break spaces
    "  spasi   di   tengah  ",  # blanks collapsed as a paragraph collapses them
    "Persentase desa yang menyampaikan laporan pertanggungjawaban dana desa tepat waktu ke kecamatan",  # wraps
    "Baris satu\nbaris dua",  # a line break kept
    "Kode&<ISI>",  # markup characters printed as they are
    "Seorang_dengan_kata_yang_sangat_panjang_sekali_tanpa_spasi",  # a word longer than its column
]


def _style(name: str, alignment: int, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, fontSize=9, leading=10.8,
                          alignment=alignment, **extra)  # fmt: skip


def _pdf(path: Path, make) -> Path:
    fonts.register_fonts()
    styles = [_style("l", 0), _style("c", TA_CENTER), _style("r", TA_RIGHT), _style("j", TA_JUSTIFY),
              _style("i", 0, leftIndent=12, firstLineIndent=6)]  # fmt: skip
    rows = [[make(text, style) for style in styles] for text in TEXTS]
    bullet = make("Butir dengan tanda", _style("b", TA_JUSTIFY, leftIndent=16, bulletIndent=4))
    bullet.bulletText = "•"  # set after the paragraph is made, as the LKj's narrative does
    story = [Table(rows, colWidths=[90, 80, 70, 100, 110]), bullet]
    story += [make(text, _style("body", TA_JUSTIFY, spaceBefore=4, spaceAfter=6)) for text in TEXTS]
    SimpleDocTemplate(str(path), invariant=1).build(story)
    return path


def _pixels(pdf: Path) -> bytes:
    pages = subprocess.run(["pdftoppm", "-r", "150", "-gray", str(pdf)], capture_output=True, check=True).stdout
    assert len(pages) > 100_000  # the pages themselves, not an empty output
    return pages


def test_plain_paragraphs_print_exactly_as_paragraphs(tmp_path):
    plain = _pdf(tmp_path / "plain.pdf", PlainParagraph)
    full = _pdf(tmp_path / "full.pdf", lambda text, style: Paragraph(escape(text).replace("\n", "<br/>"), style))
    assert _pixels(plain) == _pixels(full)


def test_a_plain_paragraph_is_one_line_only_when_it_fits():
    style = _style("l", 0)
    short, long = PlainParagraph("77,73%", style), PlainParagraph(TEXTS[4], style)
    assert short.lines_at(60) == ["77,73%"] and short.one_line
    lines = long.lines_at(120)
    assert len(lines) > 1 and not long.one_line and " ".join(lines) == TEXTS[4]
    # AND what reads a paragraph's insides (the Word export) gets them
    assert "".join(frag.text for frag in short.frags) == "77,73%"
