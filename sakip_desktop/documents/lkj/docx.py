"""The LKj as a Word document (.docx) for offices that finish the text in Word.

Same content as the PDF (cover, kata pengantar with the signature, ikhtisar, Bab I-IV with the tables
of the seven analyses, lampiran), with real Heading 1/2/3 styles (Word builds its own daftar isi from
them: References > Table of Contents), real tables and page breaks. Charts are left out: Word users
insert their own. python-docx is imported lazily so the program starts without it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, BinaryIO

from sakip_desktop.documents.kit import load_setup, office_signer
from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.documents.lkj.bab3 import QUARTERS
from sakip_desktop.documents.lkj.chapters import pct, rupiah_plain
from sakip_desktop.domain.formats import place_date
from sakip_desktop.ops.lkj.data import plain
from sakip_desktop.ops.lkj.drafts import ANALYSES, sasaran_key
from sakip_desktop.ops.lkj.sections import LkjView, lkj_view
from sakip_desktop.storage.database import Database


def _text(doc: Any, text: str) -> None:
    for block in text.replace("\r\n", "\n").split("\n\n"):
        for line in [x for x in block.split("\n") if x.strip()]:
            if line.lstrip().startswith("- "):
                doc.add_paragraph(line.lstrip()[2:], style="List Bullet")
            else:
                doc.add_paragraph(line.strip())


def _table(doc: Any, head: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
    """A grid table with a bold header row that repeats on every page; `widths` in cm per column."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header = table.rows[0]._tr
    from docx.oxml.ns import qn
    from docx.oxml.shared import OxmlElement

    props = header.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    props.append(repeat)  # the header row repeats on every page in Word
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    doc.add_paragraph()


def write_lkj_docx(
    db: Database, year: int, out: Path | BinaryIO, *, day: dt.date | None = None, view: LkjView | None = None
) -> Path | BinaryIO:
    """Write the LKj of `year` to `out` (.docx path or buffer) and return it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    view = view or lkj_view(db, year)
    setup = load_setup(db)
    data = view.data
    signed_on = view.signed.signed_on if view.signed else (day or dt.date.today())
    signer = office_signer(db, signed_on)
    doc = docx.Document()
    section = doc.sections[0]
    paper = paper_size(setup.paper)
    section.page_width, section.page_height = int(paper.width * 12700), int(paper.height * 12700)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)

    def page_break() -> None:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def centred(text: str, size: int, bold: bool = True) -> None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.font.size = bold, Pt(size)

    office = setup.profile
    centred("LAPORAN KINERJA", 24)
    centred(f"TAHUN {year}", 24)
    centred(office.office_title.upper(), 16)
    centred(office.regency_title.upper(), 16)
    page_break()
    doc.add_heading("KATA PENGANTAR", level=1)
    _text(doc, view.text("kata_pengantar"))
    for line, bold in (
        (place_date(office.signing_place or office.name, signed_on), False),
        (f"{signer.jabatan},", False),
        ("\n\n\n", False),
        (signer.name, True),
        (signer.rank, False),
        (setup.nip_text(signer.nip) if signer.nip else "", False),
    ):
        if line:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(line)
            run.bold = run.underline = bold
    page_break()
    doc.add_heading("IKHTISAR EKSEKUTIF", level=1)
    _text(doc, view.text("ikhtisar"))
    page_break()
    doc.add_heading("BAB I PENDAHULUAN", level=1)
    for key in ("bab1.latar_belakang", "bab1.tugas_fungsi", "bab1.struktur", "bab1.isu_strategis"):
        doc.add_heading(view.section(key).title, level=2)
        _text(doc, view.text(key))
    page_break()
    doc.add_heading("BAB II PERENCANAAN KINERJA", level=1)
    _text(doc, view.text("bab2.perencanaan"))
    doc.add_heading("2.1 Ringkasan Perjanjian Kinerja", level=2)
    _pk(doc, view)
    page_break()
    doc.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    doc.add_heading("A. Capaian Kinerja Organisasi", level=2)
    _text(doc, view.text("bab3.pengukuran"))
    for n, s in enumerate(data.sasaran, start=1):
        doc.add_heading(f"A.{n} Sasaran {s.code}: {s.statement}", level=2)
        _table(
            doc,
            ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"],
            [
                [str(k), i.name, i.unit, i.target_text, i.show(i.actual), pct(i.achievement), i.band_label or "-"]
                for k, i in enumerate(s.indicators, start=1)
            ],
            [0.9, 6.4, 1.7, 1.6, 1.8, 1.9, 2.2],
        )
        for a in range(1, 8):
            doc.add_heading(f"{a}. {ANALYSES[a - 1]}", level=3)
            _text(doc, view.text(sasaran_key(s.objective_id, a)))
    doc.add_heading("B. Realisasi Anggaran", level=2)
    _text(doc, view.text("bab3.anggaran"))
    _table(
        doc,
        ["Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"],
        [
            [x.code, x.name, rupiah_plain(x.ceiling), rupiah_plain(x.spent), pct(x.absorption)]
            for x in data.budget_lines
        ],
        [3.0, 7.5, 2.6, 2.6, 1.8],
    )
    page_break()
    doc.add_heading("BAB IV PENUTUP", level=1)
    for key in ("bab4.simpulan", "bab4.langkah"):
        doc.add_heading(view.section(key).title, level=2)
        _text(doc, view.text(key))
    page_break()
    doc.add_heading("LAMPIRAN 1 PERJANJIAN KINERJA", level=1)
    _pk(doc, view)
    page_break()
    doc.add_heading("LAMPIRAN 2 FORMULIR PENGUKURAN KINERJA", level=1)
    _table(
        doc,
        ["Kode", "Indikator Kinerja", "Target", *QUARTERS, "Realisasi", "Capaian"],
        [
            [
                i.code,
                i.name,
                i.target_text,
                *[i.show(v) for v in i.quarter_actuals],
                i.show(i.actual),
                pct(i.achievement),
            ]
            for i in data.indicators
        ],
        [1.2, 5.2, 1.4, 1.3, 1.3, 1.3, 1.3, 1.6, 1.9],
    )
    doc.core_properties.title = f"Laporan Kinerja {office.office_title} Tahun {year}"
    doc.save(str(out) if isinstance(out, Path) else out)
    return out


def _pk(doc: Any, view: LkjView) -> None:
    pk = view.data.pk
    _table(
        doc,
        ["Sasaran", "Indikator Kinerja", "Satuan", "Target"],
        [[t.objective_code, t.indicator_name, t.unit, pct_free(t.target_low, t.target_high)] for t in pk.targets],
        [1.9, 9.7, 2.2, 2.7],
    )
    rows = [[b.code, b.name, rupiah_plain(b.amount)] for b in pk.budgets] + [["", "Jumlah", rupiah_plain(pk.total)]]
    _table(doc, ["Kode", "Program", "Anggaran (Rp)"], rows, [2.2, 10.6, 3.7])


def pct_free(low, high) -> str:
    """A target as printed: '70' or '40 - 45'."""
    return plain(low) if high is None else f"{plain(low)} - {plain(high)}"
