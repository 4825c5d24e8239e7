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

from sakip_desktop.documents.kit import DocSetup, Signer, load_setup, office_signer
from sakip_desktop.documents.kit.paper import paper_size
from sakip_desktop.documents.lkj.cells import BUDGET_HEAD, CAPAIAN_HEAD, QUARTERS, capaian_cells, money_cells
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import LkjData
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
    view = view or lkj_view(db, year)
    setup = load_setup(db)
    signed_on = view.signed.signed_on if view.signed else (day or dt.date.today())
    doc = _new_document(setup)
    if not view.is_final:
        _draft_footer(doc)
    _cover(doc, setup, year)
    _kata_pengantar(doc, view, setup, office_signer(db, signed_on), signed_on)
    _chapter(doc, "IKHTISAR EKSEKUTIF")
    _text(doc, view.text("ikhtisar"))
    _chapter(doc, "BAB I PENDAHULUAN")
    _sections(doc, view, ("bab1.latar_belakang", "bab1.tugas_fungsi", "bab1.struktur", "bab1.isu_strategis"))
    _chapter(doc, "BAB II PERENCANAAN KINERJA")
    _text(doc, view.text("bab2.perencanaan"))
    doc.add_heading("2.1 Ringkasan Perjanjian Kinerja", level=2)
    _pk(doc, view)
    _bab3(doc, view)
    _chapter(doc, "BAB IV PENUTUP")
    _sections(doc, view, ("bab4.simpulan", "bab4.langkah"))
    _chapter(doc, "LAMPIRAN 1 PERJANJIAN KINERJA")
    _pk(doc, view)
    _chapter(doc, "LAMPIRAN 2 FORMULIR PENGUKURAN KINERJA")
    _fpk(doc, view.data)
    doc.core_properties.title = f"Laporan Kinerja {setup.profile.office_title} Tahun {year}"
    doc.save(str(out) if isinstance(out, Path) else out)
    return out


def _new_document(setup: DocSetup) -> Any:
    """An empty Word document on the office's paper, Arial 11."""
    import docx
    from docx.shared import Emu, Pt

    doc = docx.Document()
    section = doc.sections[0]
    paper = paper_size(setup.paper)
    section.page_width, section.page_height = Emu(int(paper.width * 12700)), Emu(int(paper.height * 12700))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    return doc


def _draft_footer(doc: Any) -> None:
    """'DRAF' in the footer of every page: unreviewed sections or figures that are not final."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("DRAF — belum final, jangan ditandatangani")
    run.bold = True


def _page_break(doc: Any) -> None:
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _chapter(doc: Any, title: str) -> None:
    """A chapter's Heading 1 on a new page."""
    _page_break(doc)
    doc.add_heading(title, level=1)


def _sections(doc: Any, view: LkjView, keys: tuple[str, ...]) -> None:
    """Narrative sections, each under its Heading 2."""
    for key in keys:
        doc.add_heading(view.section(key).title, level=2)
        _text(doc, view.text(key))


def _cover(doc: Any, setup: DocSetup, year: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    office = setup.profile
    for text, size in (
        ("LAPORAN KINERJA", 24),
        (f"TAHUN {year}", 24),
        (office.office_title.upper(), 16),
        (office.regency_title.upper(), 16),
    ):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.font.size = True, Pt(size)


def _kata_pengantar(doc: Any, view: LkjView, setup: DocSetup, signer: Signer, signed_on: dt.date) -> None:
    """The foreword and, right-aligned under it, the place, date and the Camat's signature block."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _chapter(doc, "KATA PENGANTAR")
    _text(doc, view.text("kata_pengantar"))
    office = setup.profile
    for line, bold in (
        (formats.place_date(office.signing_place or office.name, signed_on), False),
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


def _bab3(doc: Any, view: LkjView) -> None:
    """Bab III: per sasaran its capaian table and the seven analyses, then the realisasi anggaran."""
    data = view.data
    _chapter(doc, "BAB III AKUNTABILITAS KINERJA")
    doc.add_heading("A. Capaian Kinerja Organisasi", level=2)
    _text(doc, view.text("bab3.pengukuran"))
    for n, s in enumerate(data.sasaran, start=1):
        doc.add_heading(f"A.{n} Sasaran {s.code}: {s.statement}", level=2)
        _table(
            doc,
            list(CAPAIAN_HEAD),
            [capaian_cells(k, i) for k, i in enumerate(s.indicators, start=1)],
            [0.9, 6.4, 1.7, 1.6, 1.8, 1.9, 2.2],
        )
        shown = 0
        for a in range(1, 8):
            text = view.text(sasaran_key(s.objective_id, a))
            if not text.strip():
                continue  # nothing to say: the sub-heading is left out, as in the PDF
            shown += 1
            doc.add_heading(f"{shown}. {ANALYSES[a - 1]}", level=3)
            _text(doc, text)
    doc.add_heading("B. Realisasi Anggaran", level=2)
    _text(doc, view.text("bab3.anggaran"))
    _table(
        doc,
        list(BUDGET_HEAD),
        [money_cells(x.code, x.name, x.ceiling, x.spent, x.absorption) for x in data.budget_lines],
        [3.0, 7.5, 2.6, 2.6, 1.8],
    )


def _fpk(doc: Any, data: LkjData) -> None:
    """Lampiran 2: every indicator's target, realisasi per quarter and for the year, and capaian."""
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
                formats.percent(i.achievement),
            ]
            for i in data.indicators
        ],
        [1.2, 5.2, 1.4, 1.3, 1.3, 1.3, 1.3, 1.6, 1.9],
    )


def _pk(doc: Any, view: LkjView) -> None:
    pk = view.data.pk
    _table(
        doc,
        ["Sasaran", "Indikator Kinerja", "Satuan", "Target"],
        [
            [t.objective_code, t.indicator_name, t.unit, formats.amount_range(t.target_low, t.target_high)]
            for t in pk.targets
        ],
        [1.9, 9.7, 2.2, 2.7],
    )
    rows = [[b.code, b.name, formats.rupiah_figure(b.amount)] for b in pk.budgets] + [
        ["", "Jumlah", formats.rupiah_figure(pk.total)]
    ]
    _table(doc, ["Kode", "Program", "Anggaran (Rp)"], rows, [2.2, 10.6, 3.7])
