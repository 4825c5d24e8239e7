"""User text is printed exactly as typed in every document: tags, ampersands and entities come out literally (never
as bold, a font size or an image), and a 300-character unbroken word wraps inside the page instead of crashing the
build or running off the paper."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, register_letter
from sakip_desktop.ops.lkj.sections import lkj_view, save_section
from sakip_desktop.storage.database import Database
from tests.core.documents_fixtures import make_meeting

MARKUP = '<font size=80>X</font><img src="/etc/x.png">&amp; <b>tebal</b> & Co'
PERSON = "<b>Ardi</b> & <i>Nugroho</i>"
LONG = "W" * 300  # one word: the widest letter, 300 times
SIGN_DAY = dt.date(2025, 7, 10)


def _squeezed(text: str) -> str:
    """Without any whitespace, case folded: line breaks a wrap put inside a word do not matter."""
    return "".join(text.split()).casefold()


def _printed(pdf: bytes) -> str:
    """The document's text, squeezed (see `_squeezed`)."""
    reader = PdfReader(io.BytesIO(pdf))
    return _squeezed("".join(page.extract_text() for page in reader.pages))


def _text_off_the_page(pdf: bytes) -> list[tuple[int, str]]:
    """Every run of printed text whose box leaves its page, as (page number, text)."""
    document = pdfium.PdfDocument(pdf)
    off = []
    try:
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            for i in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(i)
                if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                    off.append((number + 1, textpage.get_text_bounded(left, bottom, right, top)[:40]))
            textpage.close()
            page.close()
    finally:
        document.close()
    return off


@pytest.fixture
def marked_up(demo_db: Database) -> Database:
    """The demo office with markup typed into its name, the Camat's name, an indicator and its narratives."""
    meeting = make_meeting(demo_db)
    conn = sqlite3.connect(demo_db.path)
    with conn:
        conn.execute("UPDATE office SET name = ?", (MARKUP,))
        conn.execute(
            "UPDATE person SET name = ? WHERE id = (SELECT person_id FROM account WHERE username = 'camat')", (PERSON,)
        )
        conn.execute("UPDATE performance_agreement SET first_party_name = ? WHERE year = 2025", (PERSON,))
        conn.execute("UPDATE indicator SET name = ? WHERE code = 'IK04'", (f"{MARKUP} {LONG}",))
        conn.execute(
            """UPDATE realisation SET supporting_factors = ?, inhibiting_factors = ?
                WHERE year = 2025 AND quarter = 2
                  AND indicator_id = (SELECT id FROM indicator WHERE code = 'IK04')""",
            (f"Didukung {MARKUP}", LONG),
        )
        conn.execute(
            "UPDATE meeting_discussion SET discussion = ?, problems = ? WHERE meeting_id = ?",
            (f"Dibahas {MARKUP}", LONG, meeting),
        )
        conn.execute("UPDATE evaluation_meeting SET summary = ? WHERE id = ?", (f"{MARKUP} {LONG}", meeting))
    conn.close()
    demo_db.meeting_id = meeting  # type: ignore[attr-defined]  (handed to the test)
    return demo_db


@pytest.mark.sqlite_only(reason="types markup into the office file with plain sqlite3")
def test_markup_and_a_300_character_word_print_literally_in_every_document(marked_up: Database) -> None:
    db = marked_up
    letter = register_letter(db, SYSTEM, LetterInput(dt.date(2025, 10, 14), f"Bupati {MARKUP}", f"Laporan {LONG}"))
    first_section = lkj_view(db, 2025).sections[0].key
    save_section(db, SYSTEM, 2025, first_section, f"Ringkasan {MARKUP}\n{LONG}")
    documents = {
        "pk": (DocRequest(kind="pk", year=2025), [MARKUP, LONG, PERSON]),
        "pengukuran": (DocRequest(kind="pengukuran", year=2025, quarter=2, day=SIGN_DAY), [MARKUP, LONG, PERSON]),
        "triwulan": (
            DocRequest(kind="triwulan", year=2025, quarter=2, day=SIGN_DAY),
            [MARKUP, LONG, PERSON, f"Didukung {MARKUP}"],
        ),
        "berita-acara": (
            DocRequest(kind="berita-acara", meeting_id=db.meeting_id),  # type: ignore[attr-defined]
            [MARKUP, LONG, f"Dibahas {MARKUP}"],
        ),
        "surat-pengantar": (DocRequest(kind="surat-pengantar", letter_id=letter.id), [f"Bupati {MARKUP}", LONG]),
        "lkj": (DocRequest(kind="lkj", year=2025), [f"Ringkasan {MARKUP}", LONG, MARKUP]),
    }
    for kind, (request, texts) in documents.items():
        # WHEN the document is printed
        pdf, pages = catalog.preview(db, request)
        printed = _printed(pdf)
        # THEN each piece of typed text is in it exactly as typed
        for text in texts:
            assert _squeezed(text) in printed, (kind, text[:40])
        # AND nothing was taken as markup: no 80-point X followed by bold text, no image
        assert _squeezed("X&tebal") not in printed, kind
        # AND the long word wrapped inside the paper
        assert _text_off_the_page(pdf) == [], kind
        assert pages < 40, kind
