"""What a Sekretaris Kecamatan checks before the Camat signs: no signature alone on a page, no orphan
heading, the footer keeps the data fingerprint, no internal codes or register notes in the printed text."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
from pypdf import PdfReader

from sakip_desktop.documents import catalog, kit
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.ops.agreements.views import list_agreements
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.storage.database import Database

SIGN_DAY = dt.date(2025, 10, 10)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_signature_pages_carry_the_last_section(demo_db: Database) -> None:
    # GIVEN the demo office's TW III figures (A4 landscape leaves little room under the indicator table)
    for kind, last_heading in (
        ("pengukuran", "B. Realisasi Anggaran Program"),
        ("triwulan", "Persentase usulan Musrenbang Kecamatan"),
    ):
        # WHEN the form is printed on A4
        pdf, _ = catalog.preview(demo_db, DocRequest(kind=kind, year=2025, quarter=3, paper="A4", day=SIGN_DAY))
        pages = _pages(pdf)
        # THEN the page the Camat signs also carries the end of the document's content, not only the signature
        signed = [p for p in pages if "CAMAT CONTOH," in p]
        assert len(signed) == 1, kind
        assert last_heading in signed[0], (kind, signed[0][:200])


def test_footer_keeps_its_long_title_whole_and_no_register_code(demo_db: Database) -> None:
    # GIVEN the Seksi Trantib's PK Perubahan, whose title is long
    unit = next(a.unit_id for a in list_agreements(demo_db, 2025) if a.unit_id and "Ketenteraman" in a.scope)
    # WHEN it is generated (and recorded) for printing
    result = catalog.generate(demo_db, SYSTEM, DocRequest(kind="pk", year=2025, unit_id=unit, paper="A4"))
    pages = _pages(result.pdf)
    # THEN every footer carries the whole title and no register code (issue #12 §1: it stays in the register)
    for text in pages:
        assert "Perjanjian Kinerja Perubahan Tahun 2025 – Seksi Ketenteraman dan Ketertiban Umum" in text
        assert f"Data {result.record.short_hash}" not in text and "Versi" not in text
    assert "…" not in pages[0]


def test_berita_acara_absent_participant_has_no_signing_line(demo_db: Database) -> None:
    # GIVEN the demo's TW II evaluation meeting, where one invited participant was absent
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="berita-acara", meeting_id=1))
    attendance = _pages(pdf)[-1]
    # THEN the absent participant's row says "Tidak hadir" and has no numbered line to sign on
    assert "Tidak hadir" in attendance
    assert "3. ……" in attendance and "4. ……" not in attendance
    # AND the conclusion names the indicators, not the office's internal codes
    assert "(IK08)" not in " ".join(_pages(pdf))


def test_cover_letter_names_the_document_without_register_notes(demo_db: Database) -> None:
    # GIVEN a PK generated (so it is in the document register) and a letter sending it
    record = catalog.generate(demo_db, SYSTEM, DocRequest(kind="pk", year=2025)).record
    letter = register_letter(
        demo_db,
        SYSTEM,
        LetterInput(
            dt.date(2025, 2, 3),
            "Bupati Contoh",
            "Penyampaian Perjanjian Kinerja Tahun 2025",
            document_record_id=record.id,
        ),
    )
    # WHEN the cover letter is printed
    (text,) = _pages(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    # THEN the body names the document once, without "(versi 1)" and without the office twice
    assert "Bersama ini kami sampaikan Perjanjian Kinerja Tahun 2025 – Kecamatan Contoh sebagaimana" in text
    assert "(versi" not in text


def test_lkj_draft_text_has_no_codes_or_doubled_punctuation(demo_db: Database) -> None:
    # GIVEN the demo year, whose TW IV is still empty
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="lkj", year=2025, paper="A4"))
    text = " ".join(_pages(pdf))
    # THEN no internal code is printed (the compiler's note on incomplete indicators is no longer printed at all,
    # issue #12: it is shown in the LKj editor, see tests/core/test_lkj_final.py)
    assert "IK01" not in text
    # AND the Kasi's sentences joined into one line do not leave ".;" behind
    assert ".;" not in text


# --- percentages and grouped tables (issue #5) -------------------------------------------------------------------

ONE_DECIMAL = re.compile(r"(?<![\d,])\d+,\d(?!\d)")  # '75,1' or '2,1%': a value cut to one decimal
WHOLE_PERCENT = re.compile(r"(?<![\d,.])(\d+)%")  # '95%': no decimals at all


def _whole_percent_satuan_values(demo_db: Database) -> set[str]:
    """Targets and realisasi of indicators measured in % that are whole numbers: printed '95%' by the satuan rule."""
    values = set()
    for s in lkj_data(demo_db, 2025).sasaran:
        for i in s.indicators:
            if i.unit != "%":
                continue
            points = [i.actual, i.baseline, i.renstra_final_target, *i.quarter_actuals, *(h.actual for h in i.history)]
            if i.target is not None:
                points += [i.target.low, i.target.high]
            values |= {str(int(v)) for v in points if v is not None and v == v.to_integral_value()}
    return values


def test_lkj_prints_every_percentage_with_two_decimals(demo_db: Database, tmp_path) -> None:
    # GIVEN the demo year, whose IK02 realisasi is 75,1 (%) and whose capaian bands start at 91, 76, 66 and 51
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="lkj", year=2025, paper="A4"))
    text = " ".join(_pages(pdf))
    document = docx.Document(str(write_lkj_docx(demo_db, 2025, tmp_path / "lkj.docx", day=dt.date(2026, 2, 20))))
    word = " ".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    allowed = {"100"} | _whole_percent_satuan_values(demo_db)  # the 100% of the formula and of the chart line
    for name, printed in (("pdf", text), ("docx", word)):
        # THEN no value is cut to one decimal, in the tables or in the drafted narrative
        assert not ONE_DECIMAL.findall(printed), (name, ONE_DECIMAL.findall(printed))
        # AND a percentage without decimals is only a whole satuan value of a %-indicator (target 95%) or 100%
        assert set(WHOLE_PERCENT.findall(printed)) <= allowed, (name, set(WHOLE_PERCENT.findall(printed)) - allowed)
        # AND the realisasi reads as the pengukuran form prints it, the bands with two decimals
        assert "realisasi 75,10%" in printed and "Baik (≥ 76,00%)" in printed, name


def _layout(demo_db: Database, story: list) -> list[str]:
    setup = kit.load_setup(demo_db, paper="A4")
    buffer = io.BytesIO()
    kit.build_pdf(setup, story, buffer, title="Uji", kop="none")
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def _page_of(pages: list[str], marker: str) -> int:
    return next(n for n, p in enumerate(pages) if marker in p)


def _heading_table(width: float, keep: bool) -> tuple[list, int]:
    """40 sasaran heading rows (merged across the row, as LKj Tabel 2.1) each over 1 to 4 indicator rows."""
    rows, spans = [], []
    for g in range(1, 41):
        rows.append([f"G{g}", f"Kepala G{g} sasaran strategis", "", ""])
        spans.append(((1, len(rows)), (3, len(rows))))
        rows += [[f"G{g}.{k}", f"Indikator G{g}.{k} uraian", "%", "87,50"] for k in range(1, g % 4 + 2)]
    heads = [r for (_c, r), _ in spans]
    table = kit.data_table(
        [["No", "Sasaran / Indikator", "Satuan", "Target"]],
        rows,
        [40, width - 160, 60, 60],
        align="CLCR",
        spans=spans,
        keep_with_next=heads if keep else (),
    )
    return [table], 40


def test_group_heading_row_never_sits_alone_at_a_page_foot(demo_db: Database) -> None:
    # GIVEN a long table of sasaran heading rows over their indicators, laid out without keeping them together
    width = kit.frame_width(kit.load_setup(demo_db, paper="A4"))
    story, groups = _heading_table(width, keep=False)
    pages = _layout(demo_db, story)
    alone = [
        g for g in range(1, groups + 1) if _page_of(pages, f"Kepala G{g} ") != _page_of(pages, f"Indikator G{g}.1 ")
    ]
    assert alone, "the table must put a heading at a page foot, or this test proves nothing"
    # WHEN each heading row is kept with the row below it
    story, _ = _heading_table(width, keep=True)
    pages = _layout(demo_db, story)
    # THEN every heading is on the page of its first indicator, the header repeats and no row is lost
    assert len(pages) >= 3
    assert all("Sasaran / Indikator" in p for p in pages)
    for g in range(1, groups + 1):
        assert _page_of(pages, f"Kepala G{g} ") == _page_of(pages, f"Indikator G{g}.1 "), g
        assert f"Indikator G{g}.{g % 4 + 1} " in " ".join(pages), g


def test_sasaran_merged_over_its_indicators_moves_whole_to_the_next_page(demo_db: Database) -> None:
    # GIVEN a long pengukuran-style table: a sasaran cell merged down over its 2 to 5 indicators (kit.group_spans)
    width = kit.frame_width(kit.load_setup(demo_db, paper="A4"))
    rows = []
    for g in range(1, 31):
        for k in range(1, g % 4 + 3):
            rows.append(
                [
                    str(len(rows) + 1),
                    f"Sasaran G{g} akhir" if k == 1 else None,
                    f"Indikator G{g}.{k} dengan uraian yang cukup panjang",
                    "87,50",
                ]
            )
    spans = kit.group_spans([r[1] for r in rows], column=1)
    table = kit.data_table(
        [["No", "Sasaran", "Indikator Kinerja", "Capaian (%)"]],
        rows,
        [30, (width - 100) * 0.4, (width - 100) * 0.6, 70],
        align="CLLR",
        spans=spans,
    )
    # WHEN it is laid out over several pages
    pages = _layout(demo_db, [table])
    # THEN each sasaran and all of its indicators share one page (a group never starts on a page's last line)
    assert len(pages) >= 3 and all("Indikator Kinerja" in p for p in pages)
    for g in range(1, 31):
        page = _page_of(pages, f"Sasaran G{g} akhir")
        assert all(f"Indikator G{g}.{k} " in pages[page] for k in range(1, g % 4 + 3)), g
