"""The Word LKj is the PDF's LKj (issue #12 §5, one table, three outputs): read the real .docx with python-docx, and
the real PDF and the Word file converted by LibreOffice with pypdf."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader

from sakip_desktop.documents.catalog import prepare
from sakip_desktop.documents.docx_story import plain_text
from sakip_desktop.documents.kit import load_setup
from sakip_desktop.documents.lkj.build import lkj_story
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.documents.lkj.layout import TocHeading
from sakip_desktop.documents.lkj.output import render_lkj
from sakip_desktop.documents.request import DocRequest
from sakip_desktop.documents.tablespec import collect
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.storage.database import Database

DAY = dt.date(2026, 2, 20)
CAPTION = re.compile(r"^Tabel \d+[\d.]*\.? \S")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_lines(path: Path) -> list[str]:
    return [_flat(line) for page in PdfReader(str(path)).pages for line in page.extract_text().split("\n")]


def _captioned_tables(document: docx.document.Document) -> list[tuple[str, object]]:
    """(caption, table) for every table right under a paragraph 'Tabel n …', in document order."""
    out, previous = [], None
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table) and previous is not None and CAPTION.match(previous.text):
            out.append((_flat(previous.text), block))
        previous = block if isinstance(block, docx.text.paragraph.Paragraph) else None
    return out


def test_word_lkj_has_every_table_caption_and_field_of_the_pdf(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo office's LKj 2025 (a DRAF: TW IV not in) printed as PDF
    render_lkj(demo_db, 2025, tmp_path / "lkj.pdf", day=DAY)
    pdf_captions = [line for line in _pdf_lines(tmp_path / "lkj.pdf") if CAPTION.match(line)]
    # WHEN it is exported to Word
    document = docx.Document(str(write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=DAY)))
    # THEN every table of the PDF is there, under the same caption, in the same order
    tables = _captioned_tables(document)
    assert len(pdf_captions) >= 28
    assert [caption for caption, _t in tables] == pdf_captions
    # AND a sasaran's capaian table ends with its Rata-rata row, the realisasi anggaran with its Jumlah, both bold
    cells = {c.text: c for _cap, t in tables for row in t.rows for c in row.cells}
    for label in ("Rata-rata capaian sasaran", "Rata-rata capaian organisasi", "Jumlah"):
        assert cells[label].paragraphs[0].runs[0].bold, label
    # AND every chart of the PDF is a picture (and the logo on the cover)
    figures = [p.text for p in document.paragraphs if p.text.startswith("Gambar ")]
    assert figures and len(document.inline_shapes) >= len(figures) + 1
    # AND the document speaks Indonesian, has a table of contents field and page numbers as fields
    lang = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "id-ID"
    instructions = " ".join(t.text for t in document.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2"' in instructions  # chapters and sections, as the PDF's daftar isi
    footers = " ".join(t.text for s in document.sections for t in s.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in footers
    # AND the chapters are the document's own Heading 1, restyled in the office's typeface (not Calibri in blue)
    h1 = document.styles["Heading 1"]
    assert h1.font.name == "Arial" and str(h1.font.color.rgb) == "000000"
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters[:2] == ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF"]
    _assert_page(document, demo_db)


def _assert_page(document: docx.document.Document, demo_db: Database) -> None:
    """The office's paper and margins on every section, every table within the text, numbers unbroken."""
    settings = get_settings(demo_db)
    for section in document.sections:
        assert abs(section.left_margin - Cm(settings.margin_left_cm)) < Cm(0.01)
        assert abs(section.top_margin - Cm(settings.margin_top_cm)) < Cm(0.01)
        assert {round(section.page_width / Cm(1)), round(section.page_height / Cm(1))} == {21, 30}  # A4
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape, "Lampiran 2 (the FPK) turns the page as in the PDF"
    widest = max(s.page_width - s.left_margin - s.right_margin for s in document.sections)
    for table in document.tables:
        grid = sum(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol")))
        assert grid * 635 <= widest + Cm(0.05)  # twips to EMU
    money = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == "1.813.450.000")
    assert money._tc.tcPr.find(qn("w:noWrap")) is not None


def test_a_draft_lkj_says_draf_and_s_d_tw_in_word(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo's 2025, measured s.d. TW III
    document = docx.Document(str(write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=DAY)))
    # THEN every page's header says DRAF, a DRAF watermark lies across it, and the footer starts with it
    assert all("DRAF" in s.header.paragraphs[0].text for s in document.sections)
    assert all('string="DRAF"' in s.header._element.xml for s in document.sections)
    assert document.sections[1].footer.paragraphs[0].text.startswith("DRAF · ")
    # AND the year's titles and columns say up to which quarter the figures go
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Ringkasan Capaian Kinerja s.d. TW III 2025" in " ".join(captions)
    heads = {c.text for t in document.tables for c in t.rows[0].cells}
    assert "Realisasi s.d. TW III" in heads
    # AND the ikhtisar counts what its rata-rata covers instead of "seluruh sasaran"
    text = " ".join(p.text for p in document.paragraphs)
    assert "seluruh sasaran" not in text
    assert "Rata-rata capaian kinerja s.d. TW III atas 5 sasaran dengan 12 indikator yang sudah ada datanya" in text


def _numbers(demo_db: Database) -> tuple[list[str], list[str]]:
    """The headings of the LKj and every figure of its tables' numeric columns, as the PDF prints them."""
    prepared = prepare(demo_db, DocRequest("lkj", year=2025, day=DAY))
    story = lkj_story(prepared.data, load_setup(demo_db))
    headings = [plain_text(f) for f in story if isinstance(f, TocHeading)]
    figures = [v for spec in collect(story) for row in spec.rows for c, v in enumerate(row) if c in spec.numeric and v]
    return headings, figures


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_prints_the_word_lkj_as_the_pdf(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the LKj as PDF and as Word, the Word file printed to PDF by LibreOffice
    pdf = render_lkj(demo_db, 2025, tmp_path / "lkj.pdf", day=DAY)
    write_lkj_docx(demo_db, 2025, tmp_path / "word.docx", day=DAY)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "lo-out"), str(tmp_path / "word.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    word_pages = PdfReader(str(tmp_path / "lo-out" / "word.pdf")).pages
    # THEN it has as many pages, give or take two: the same paper, margins, typeface metrics (Liberation = Arial)
    # and page breaks, but Word lays out justified lines and cell padding by its own rules; two pages is less than
    # a chapter, the smallest part that could go missing, and a missing table is caught by the text below
    assert abs(len(word_pages) - pdf.pages) <= 2, (len(word_pages), pdf.pages)
    word = _flat(" ".join(p.extract_text() for p in word_pages))
    printed = _flat(" ".join(_pdf_lines(tmp_path / "lkj.pdf")))
    # AND every table caption, every section heading and every figure of every table of the PDF is in it
    for caption in (line for line in _pdf_lines(tmp_path / "lkj.pdf") if CAPTION.match(line)):
        assert caption in word, caption
    headings, figures = _numbers(demo_db)
    for text in headings:
        assert _flat(text) in printed and _flat(text) in word, text
    missing = [f for f in figures if f not in word]
    assert len(figures) > 200 and not missing, missing[:10]
