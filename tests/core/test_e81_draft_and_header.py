"""Findings on Formulir E.81 and the quarter workbooks (issue 15, tester's round): a DRAF workbook says DRAF at the top
of every sheet and in the file's properties (as the PDF's watermark), a final one does not; the E.81 PDF's headers
wrap between words only ("outcome", never "outcom e"), the FPK's headers still render."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from reportlab.platypus import Paragraph

from sakip_desktop.documents import kit
from sakip_desktop.documents.catalog import DocRequest, preview
from sakip_desktop.documents.e81 import e81_data, header_merges, header_rows
from sakip_desktop.documents.e81_pdf import table_rows
from sakip_desktop.documents.kit.plain_para import PlainParagraph
from sakip_desktop.documents.tables_xlsx import write_tables_xlsx
from sakip_desktop.ops.e81.notes import e81_notes, save_notes
from sakip_desktop.ops.org.auth import actor_for

DAY = dt.date(2025, 10, 15)


def _book(db, tmp_path: Path, kind: str, quarter: int):
    path = tmp_path / f"{kind}-{quarter}.xlsx"
    write_tables_xlsx(db, DocRequest(kind, year=2025, quarter=quarter, day=DAY), path)
    return load_workbook(path)


def _title_rows(book) -> list[str]:
    """The first row of each sheet (the title row), its filled cells joined, as a reader sees it at the top."""
    return [" | ".join(str(c.value) for c in ws[1] if c.value) for ws in book.worksheets]


def test_a_draft_workbook_says_draf_at_the_top_of_every_sheet_and_in_its_properties(demo_db, tmp_path):
    # GIVEN TW III 2025 of the demo: realisasi not all approved, E.81 rows not reviewed: every document is a DRAF
    for kind in ("e81", "pengukuran", "triwulan"):
        book = _book(demo_db, tmp_path, kind, 3)
        # THEN every sheet's title row starts with DRAF, its printed pages carry DRAF in the header
        assert all("DRAF" in title.split(" | ") for title in _title_rows(book)), (kind, _title_rows(book))
        assert all("DRAF" in ws.oddHeader.center.text for ws in book.worksheets)
        # AND the file's properties say DRAF
        assert book.properties.title.startswith("DRAF") and book.properties.keywords == "DRAF"


def test_a_final_workbook_carries_no_draf(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # GIVEN TW II 2025: realisasi approved, and the E.81 rows reviewed and saved
    save_notes(demo_db, tim, 2025, 2, {n.key: n.draft or "-" for n in e81_notes(demo_db, 2025, 2)})
    for kind in ("e81", "pengukuran", "triwulan"):
        book = _book(demo_db, tmp_path, kind, 2)
        assert not any("DRAF" in title for title in _title_rows(book)), (kind, _title_rows(book))
        assert not any((ws.oddHeader.center.text or "") for ws in book.worksheets)
        assert "DRAF" not in (book.properties.title or "") and not book.properties.keywords


def _pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_e81_headers_wrap_between_words_only(demo_db, tmp_path):
    # WHEN the E.81 of TW III is printed on A4 landscape
    pdf, _pages = preview(demo_db, DocRequest("e81", year=2025, quarter=3, day=DAY))
    text = _pdf_text(pdf, tmp_path, "e81.pdf")
    # THEN "outcome" prints whole
    assert "(outcome)" in text and "outcom " not in text and "(outcom\n" not in text
    # AND every header title, laid out in its (merged) cell, breaks only between the words it has
    setup = kit.load_setup(demo_db)
    width = kit.frame_width(setup, "landscape")
    rows = table_rows(e81_data(demo_db, 2025, 3, DAY), width)
    span = {(r1, c1): c2 for r1, c1, _r2, c2 in header_merges()}
    titles = header_rows(2025, 3, rp_head="Rp (ribu)")
    checked = 0
    for r, head in enumerate(rows.head):
        for c, cell in enumerate(head):
            title = titles[r][c]
            if not title:
                continue
            lines = _laid_out(cell, sum(rows.widths[c : span.get((r, c), c) + 1]) - 3)  # less the cell's padding
            words = {w for line in lines for w in line.split()}
            assert words == set(title.split()), (title, lines)
            checked += 1
    assert checked > 40


def _laid_out(cell, width: float) -> list[str]:
    """The lines a header cell prints: a text's own lines, or a paragraph's lines wrapped to `width`."""
    if isinstance(cell, str):
        return cell.split("\n")
    if isinstance(cell, PlainParagraph):
        return cell.lines_at(width)
    assert isinstance(cell, Paragraph)
    cell.wrap(width, 10_000)
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
            for line in cell.blPara.lines]  # fmt: skip


def test_the_fpk_headers_still_print(demo_db, tmp_path):
    pdf, _pages = preview(demo_db, DocRequest("pengukuran", year=2025, quarter=3, day=DAY))
    flat = " ".join(_pdf_text(pdf, tmp_path, "fpk.pdf").split())
    assert "Indikator Kinerja" in flat and "Target" in flat and "Realisasi" in flat
