"""The LKj as a Word document (.docx) for offices that finish the text in Word: the PDF's own story written as Word.

The Word file is made from the flowables the PDF is laid out from (`build.lkj_story`, written by
`documents.docx_story`), so it has every table with its caption, totals and notes (from the same `TableSpec`),
every chart (as a picture of what the PDF draws), the cover with the logo, the Camat's signature and the lampiran.
On top of that it is a Word document in its own right: chapters and sections in the document's Heading 1/2/3
(restyled in the office's typeface), a real table of contents field for the daftar isi (showing the PDF's daftar
isi until Word refreshes it on opening), page numbers as PAGE fields in the footer (i, ii, … for the front matter,
1, 2, … from Bab I), the office's paper and margins, landscape pages where the PDF turns, and Indonesian as the
document language. An LKj that is not final says DRAF in every page's header and footer, as the PDF does.
python-docx is imported lazily so the program starts without it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from sakip_desktop.documents.docx_kit import add_toc, new_document
from sakip_desktop.documents.docx_story import PageKind, StoryWriter, plain_text
from sakip_desktop.documents.kit import DocSetup, load_setup
from sakip_desktop.documents.kit.pages import DRAFT_PREFIX
from sakip_desktop.documents.lkj.build import KIND, LkjDoc, lkj_story, prepare_lkj
from sakip_desktop.documents.lkj.layout import BODY, COVER, FRONT, LANDSCAPE, DaftarIsi, TocHeading, build
from sakip_desktop.documents.request import DocRequest
from sakip_desktop.ops.lkj.sections import LkjView
from sakip_desktop.storage.database import Database

KINDS = {
    COVER: PageKind(numbering=None),
    FRONT: PageKind(numbering="lowerRoman"),
    BODY: PageKind(numbering="decimal"),
    LANDSCAPE: PageKind(landscape=True, numbering="decimal"),
}
DRAFT_HEADER = "DRAF — belum final, jangan ditandatangani"


def write_lkj_docx(
    db: Database, year: int, out: Path | BinaryIO, *, day: dt.date | None = None, view: LkjView | None = None
) -> Path | BinaryIO:
    """Write the LKj of `year` to `out` (.docx path or buffer) and return it: the document the PDF of the same
    request is (`prepare_lkj`: the year's view, the signed PK, the signer and the day); `view` replaces the view."""
    doc: LkjDoc = prepare_lkj(db, DocRequest(KIND, year=year, day=day)).data
    if view is not None:
        doc = replace(doc, view=view)
    document = lkj_document(load_setup(db), doc)
    document.save(str(out) if isinstance(out, Path) else out)
    return out


def _titles(setup: DocSetup, doc: LkjDoc) -> tuple[str, str]:
    """The document's title and its footer text, as the PDF prints them."""
    title = f"Laporan Kinerja {setup.profile.office_title} Tahun {doc.view.year}"
    footer = f"{setup.profile.office_title} · Laporan Kinerja Tahun {doc.view.year}"
    return title, (f"{DRAFT_PREFIX}{footer}" if not doc.view.is_final else footer)


def lkj_document(setup: DocSetup, doc: LkjDoc) -> Any:
    """The python-docx Document of the LKj (see the module)."""
    title, footer = _titles(setup, doc)
    contents: list[tuple[int, str, str]] = []
    # Laid out once as the PDF is, for the daftar isi's page numbers shown until Word updates the field.
    build(setup, lkj_story(doc, setup), io.BytesIO(), title=title, footer=footer, draft=False, contents=contents)
    document = new_document(setup)
    writer = StoryWriter(
        document,
        setup,
        KINDS,
        COVER,
        footer_text=footer,
        header=DRAFT_HEADER if not doc.view.is_final else "",
        special={TocHeading: _heading, DaftarIsi: lambda w, _f: add_toc(w.doc, contents, w.width)},
    )
    writer.write(lkj_story(doc, setup))
    props = document.core_properties
    props.title, props.author, props.subject, props.language = title, setup.profile.office_title, title, "id-ID"
    return document


def _heading(writer: StoryWriter, f: TocHeading) -> None:
    """A daftar isi heading as Heading 1/2/3 on one line ('BAB III AKUNTABILITAS KINERJA'); the daftar isi's own
    heading in the TOC Heading style, so the daftar isi does not list itself."""
    text = plain_text(f)
    style = "TOC Heading" if text.upper() == "DAFTAR ISI" else None
    writer.heading(text, f.toc_level + 1, style)
