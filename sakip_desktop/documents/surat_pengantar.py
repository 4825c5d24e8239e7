"""Surat pengantar: the cover letter that sends a document to the Bupati, Bappeda or Inspektorat.

Kop; place and date at the top right; Nomor (the agenda number of the outgoing register, in the office's format),
Sifat, Lampiran and Hal ("Penyampaian …") on the left with the addressee (Kepada Yth. … di – Tempat) on the right;
the body; the Camat's (or Plt./Plh.'s) signature as of the letter's date; the Tembusan list at the bottom left.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from sakip_desktop.documents import kit
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.letters import get_letter
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import Signer, office_signer
from sakip_desktop.storage.database import Database

KIND = "surat-pengantar"


@dataclass(frozen=True)
class LetterDoc:
    """Everything the cover letter prints."""

    letter_id: int
    agenda_number: str
    letter_date: dt.date
    recipient: str
    recipient_place: str
    subject: str
    attachment: str
    nature: str
    copies_to: tuple[str, ...]
    document_title: str
    office_title: str
    signer: Signer


def letter_data(db: Database, letter_id: int) -> LetterDoc:
    """The register entry, the office and the Camat (or Plt./Plh.) on the letter's date."""
    letter = get_letter(db, letter_id)
    if letter.minutes_of is not None:
        raise ValidationError(
            f"Nomor {letter.agenda_number} adalah nomor berita acara evaluasi kinerja, bukan surat pengantar; "
            "cetak berita acaranya dari rapat evaluasi.",
            field="letter_id",
        )
    profile = get_profile(db)
    return LetterDoc(
        letter_id=letter.id,
        agenda_number=letter.agenda_number,
        letter_date=letter.letter_date,
        recipient=letter.recipient,
        recipient_place=profile.regency_name,
        subject=letter.subject,
        attachment=letter.attachment,
        nature=letter.nature,
        copies_to=letter.copies_to,
        document_title=letter.document_title,
        office_title=profile.office_title,
        signer=office_signer(db, letter.letter_date),
    )


def prepare_letter(db: Database, request: DocRequest) -> Prepared:
    """The cover letter of register entry `request.letter_id`."""
    if request.letter_id is None:
        raise ValidationError("Pilih surat dari register surat keluar (--letter ID).", field="letter_id")
    doc = letter_data(db, request.letter_id)
    return Prepared(
        kind=KIND,
        title=f"Surat Pengantar {doc.agenda_number}",
        subject_key=f"surat:{doc.letter_id}",
        year=doc.letter_date.year,
        quarter=None,
        data=doc,
        build=build_letter,
    )


_FLAT = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
]


def _addressee(doc: LetterDoc, st: kit.Styles) -> list:
    """Kepada / Yth. … / di – / TEMPAT; a long addressee wraps under itself, not under 'Yth.'."""
    yth = stringWidth("Yth. ", st.body.fontName, st.body.fontSize)
    hanging = ParagraphStyle("yth", parent=st.body, leftIndent=yth, firstLineIndent=-yth)
    place = ParagraphStyle("tempat", parent=st.body, leftIndent=1.4 * cm)
    return [
        kit.para("Kepada", st.body),
        kit.para(f"Yth. {doc.recipient}", hanging),
        kit.para("di –", st.body),
        kit.para("TEMPAT", place),
    ]


def _copies(doc: LetterDoc, width: float) -> list:
    """'Tembusan:' and the numbered addressees, bottom left, a size smaller than the body."""
    if not doc.copies_to:
        return []
    st = kit.styles(10)
    rows = [[kit.para(f"{i}.", st.body), kit.para(c, st.body)] for i, c in enumerate(doc.copies_to, start=1)]
    table = Table(rows, colWidths=[0.7 * cm, width - 0.7 * cm], hAlign="LEFT")
    table.setStyle(TableStyle(_FLAT))
    return [Spacer(1, 18), Paragraph("<u>Tembusan:</u>", st.body), Spacer(1, 2), table]


def subject_line(subject: str) -> str:
    """The Hal of a cover letter: 'Penyampaian …' (the register may hold only what is sent, 'Laporan Kinerja …')."""
    subject = " ".join(subject.split()).rstrip(".")
    if subject.lower().startswith("penyampaian"):
        return subject[0].upper() + subject[1:]
    return f"Penyampaian {subject}"


def build_letter(setup: kit.DocSetup, doc: LetterDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the cover letter as a portrait PDF; return the page count."""
    st = kit.styles(11)
    width = kit.frame_width(setup)
    right_width = width * 0.40
    right = ParagraphStyle("right", parent=st.body, alignment=TA_RIGHT)
    story: list = [kit.para(kit.place_date(setup, doc.letter_date), right), Spacer(1, 10)]
    fields = kit.field_table(
        [
            ("Nomor", doc.agenda_number),
            ("Sifat", doc.nature or "Biasa"),
            ("Lampiran", doc.attachment or "-"),
            ("Hal", subject_line(doc.subject)),
        ],
        width - right_width - 0.6 * cm,
        st,
        label_width=2.2 * cm,
    )
    head = Table([[fields, "", _addressee(doc, st)]], colWidths=[width - right_width - 0.6 * cm, 0.6 * cm, right_width])
    head.setStyle(TableStyle(_FLAT))
    story += [head, Spacer(1, 18)]
    # The register names the document with its version ("… (versi 2)"); the letter names the document only.
    what = re.sub(r"\s*\(versi \d+\)$", "", doc.document_title) or doc.subject
    if what.lower().startswith("penyampaian "):
        what = what[len("penyampaian ") :]
    if doc.office_title.lower() not in what.lower():
        what = f"{what} {doc.office_title}"
    body = ParagraphStyle("letter-body", parent=st.justify, firstLineIndent=1.25 * cm, leading=st.body.fontSize * 1.5)
    story.append(
        kit.para(
            f"Bersama ini kami sampaikan {what} sebagaimana terlampir, untuk dapat "
            "dipergunakan sebagai bahan pemantauan dan evaluasi akuntabilitas kinerja.",
            body,
        )
    )
    story.append(kit.para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih.", body))
    story.append(kit.with_paraf(setup, kit.signature_block(setup, doc.signer, width=8.5 * cm), 8.5 * cm, width))
    story += _copies(doc, width * 0.6)
    return kit.build_pdf(
        setup, story, out, title=f"Surat Pengantar {doc.agenda_number}", kop="first", footer_note=footer_note
    )
