"""Berita Acara Evaluasi Kinerja from an evaluation meeting (regulations.md §5, suggested minimum), portrait.

Kop; BERITA ACARA with the period and its number from the outgoing register (given when the meeting is made final;
a dotted line for the hand until then); "Pada hari ini …" with day, date, time and place; 1. Dasar (the meeting's
basis and, when the office set its number, the Keputusan Camat on the Tim SAKIP),
2. Peserta, 3. Pembahasan per indikator (target, realisasi, capaian to date), 4. Permasalahan,
5. Tindak lanjut with who and when, 6. Kesimpulan; signatures of the note-taker (left) and the chair
(right); lampiran: daftar hadir with a signature column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from sakip_desktop.documents import kit
from sakip_desktop.documents.measure_text import DASH, amount_text, capaian_text, no_data_notes, target_text
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.domain import formats
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.measurement.year import NO_DATA, rated
from sakip_desktop.ops.monitoring.evaluation_views import DiscussionRow, meeting_detail
from sakip_desktop.ops.monitoring.minutes import minutes_number, team_decree
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import Signer, person_signer
from sakip_desktop.storage.database import Database

KIND = "berita-acara"


@dataclass(frozen=True)
class BaDiscussion:
    """One indicator discussed."""

    indicator: str
    target: str
    actual: str
    capaian: str
    discussion: str
    problems: str


@dataclass(frozen=True)
class BaFollowUp:
    """One tindak lanjut: what, who, by when."""

    action: str
    responsible: str
    due: str


@dataclass(frozen=True)
class BaParticipant:
    """A line of the daftar hadir."""

    name: str
    title: str
    present: bool


@dataclass(frozen=True)
class BeritaAcaraDoc:
    """Everything the berita acara prints."""

    office_title: str
    meeting_id: int
    year: int
    period: str  # 'Triwulan II 2025'
    number: str  # agenda number of the outgoing register, '' before the meeting is final
    quarter_label: str  # 'TW II'
    weekday: str
    held_on: dt.date
    time_text: str
    place: str
    basis: tuple[str, ...]  # the items of the Dasar
    summary: str
    chair: Signer | None
    note_taker: Signer | None
    participants: tuple[BaParticipant, ...]
    discussions: tuple[BaDiscussion, ...]
    follow_ups: tuple[BaFollowUp, ...]
    final: bool
    notes: tuple[str, ...] = ()  # under the pembahasan: how many indicators are "belum ada data"


def _discussion(d: DiscussionRow) -> BaDiscussion:
    """One indicator as discussed; without realisasi in the quarter it is "belum ada data" (`year.rated`)."""
    row = rated([d.measurement])[0] if d.measurement else None
    if row is None:
        target = actual = capaian = DASH
    else:
        target = target_text(row.target_to_date, row.info)
        actual = amount_text(row.actual_to_date if row.has_data else None, row.info)
        capaian = capaian_text(row, row.achievement_to_date) if row.has_data else NO_DATA
    return BaDiscussion(d.name, target, actual, capaian, d.discussion, d.problems)


def berita_acara_data(db: Database, meeting_id: int) -> BeritaAcaraDoc:
    """Read the meeting (ops.evaluation_views) and turn it into printed text."""
    detail = meeting_detail(db, meeting_id)
    m = detail.meeting
    discussions = [_discussion(d) for d in detail.discussions]
    from sakip_desktop.domain.periods import quarter_label

    profile = get_profile(db)
    return BeritaAcaraDoc(
        office_title=profile.office_title,
        meeting_id=m.id,
        year=m.year,
        period=m.period,
        number=minutes_number(db, m.id),
        quarter_label=quarter_label(m.measured_quarter),
        weekday=format_date(m.held_on, "EEEE", locale=formats.LOCALE),
        held_on=m.held_on,
        time_text=m.time_text,
        place=m.place,
        basis=basis_items(m.basis, team_decree(db), profile.name, profile.office_title),
        summary=m.summary,
        chair=person_signer(db, m.chair_person_id, m.chair_title or None) if m.chair_person_id else None,
        note_taker=person_signer(db, m.note_taker_person_id, m.note_taker_title or None)
        if m.note_taker_person_id
        else None,
        participants=tuple(BaParticipant(p.name, p.title, p.present) for p in detail.participants),
        discussions=tuple(discussions),
        follow_ups=tuple(BaFollowUp(f.action, f.responsible, formats.long_date(f.due_on)) for f in detail.follow_ups),
        final=m.is_final,
        notes=no_data_notes([d.measurement for d in detail.discussions if d.measurement]),
    )


def _is_team_decree(item: str) -> bool:
    low = item.lower()
    return "keputusan camat" in low and ("tim sakip" in low or "sistem akuntabilitas" in low)


def basis_items(basis: str, decree: str, office_name: str, office_title: str) -> tuple[str, ...]:
    """The Dasar as items (the meeting's basis split at ';' and line ends). With the Keputusan Camat number set, that
    decree is cited with its number, in place of an unnumbered mention of it."""
    items = [" ".join(x.split()).rstrip(".") for x in basis.replace("\n", ";").split(";")]
    items = [x for x in items if x]
    if not decree:
        return tuple(items)
    cited = (
        f"Keputusan Camat {office_name} Nomor {decree} tentang Tim Sistem Akuntabilitas Kinerja Instansi "
        f"Pemerintah (SAKIP) {office_title}"
    )
    at = next((n for n, x in enumerate(items) if _is_team_decree(x)), len(items))
    return (*items[:at], cited, *items[at + 1 :])


def prepare_berita_acara(db: Database, request: DocRequest) -> Prepared:
    """The berita acara of meeting `request.meeting_id`."""
    if request.meeting_id is None:
        raise ValidationError("Pilih rapat evaluasi (--meeting ID).", field="meeting_id")
    doc = berita_acara_data(db, request.meeting_id)
    return Prepared(
        kind=KIND,
        title=f"Berita Acara Evaluasi Kinerja {doc.period}",
        subject_key=f"rapat:{doc.meeting_id}",
        year=doc.year,
        quarter=None,
        data=doc,
        build=build_berita_acara,
    )


def _numbered(items: list[str], st: kit.Styles) -> list:
    style = ParagraphStyle("ba-item", parent=st.body, leftIndent=16, bulletIndent=0, spaceAfter=2)
    if not items:
        return [Paragraph("Tidak ada.", ParagraphStyle("ba-none", parent=st.body, leftIndent=16))]
    return [Paragraph(text, style, bulletText=f"{n}.") for n, text in enumerate(items, start=1)]


def _heading(text: str, st: kit.Styles) -> list:
    """A section heading that never stays alone at the foot of a page: with less than 3 cm left it starts
    the next page (a KeepTogether with a long table would move the whole table over instead)."""
    return [CondPageBreak(3 * cm), kit.para(text, st.heading)]


def _basis(doc: BeritaAcaraDoc, st: kit.Styles, indent: ParagraphStyle) -> list:
    """One item as a paragraph; several as a., b., c."""
    if len(doc.basis) <= 1:
        return [kit.para(doc.basis[0] if doc.basis else "-", indent)]
    style = ParagraphStyle("ba-basis", parent=st.justify, leftIndent=32, bulletIndent=16, spaceAfter=2)
    last = len(doc.basis)
    return [
        Paragraph(escape(f"{text};" if n < last else f"{text}."), style, bulletText=f"{chr(96 + n)}.")
        for n, text in enumerate(doc.basis, start=1)
    ]


def _body(doc: BeritaAcaraDoc, st: kit.Styles, width: float) -> list:
    indent = ParagraphStyle("ba-indent", parent=st.justify, leftIndent=16)
    present = sum(1 for p in doc.participants if p.present)
    time = f", pukul {doc.time_text}" if doc.time_text else ""
    story: list = [
        kit.para(
            f"Pada hari ini {doc.weekday} tanggal {formats.long_date(doc.held_on)}{time}, bertempat di "
            f"{doc.place or doc.office_title}, telah dilaksanakan rapat evaluasi kinerja {doc.office_title} "
            f"periode {doc.period}, dengan hasil sebagai berikut:",
            st.justify,
        ),
        kit.para("1. Dasar", st.heading),
        *_basis(doc, st, indent),
        kit.para("2. Peserta", st.heading),
    ]
    chair = f", dipimpin oleh {doc.chair.name} ({doc.chair.position.title()})" if doc.chair else ""
    story.append(
        kit.para(f"Rapat dihadiri oleh {present} orang peserta sebagaimana daftar hadir terlampir{chair}.", indent)
    )
    story += _heading(f"3. Pembahasan Capaian Kinerja (s.d. {doc.quarter_label})", st)
    rows = [
        [str(n), d.indicator, d.target, d.actual, d.capaian, d.discussion or "-"]
        for n, d in enumerate(doc.discussions, start=1)
    ] or [["", "Tidak ada indikator yang dibahas.", "", "", "", ""]]
    fixed = [0.8 * cm, 1.7 * cm, 1.7 * cm, 1.6 * cm]
    rest = width - sum(fixed)
    story.append(
        kit.data_table(
            [["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Pembahasan"]],
            rows,
            [fixed[0], rest * 0.42, *fixed[1:], rest * 0.58],
            align="CLRRRL",
            size=9,
        )
    )
    story += [kit.para("Catatan: " + note, st.small) for note in doc.notes]
    story += _heading("4. Permasalahan", st)
    story += _numbered(
        [f"<b>{escape(d.indicator)}</b>: {escape(d.problems)}" for d in doc.discussions if d.problems], st
    )
    story += _heading("5. Tindak Lanjut", st)
    frows = [[str(n), f.action, f.responsible, f.due] for n, f in enumerate(doc.follow_ups, start=1)]
    frows = frows or [["", "Tidak ada tindak lanjut.", "", ""]]
    fw = [0.8 * cm, 4.6 * cm, 3.4 * cm]
    story.append(
        kit.data_table(
            [["No", "Tindak Lanjut", "Penanggung Jawab", "Batas Waktu"]],
            frows,
            [fw[0], width - sum(fw), fw[1], fw[2]],
            align="CLLC",
            size=9,
        )
    )
    story += _heading("6. Kesimpulan", st)
    story.append(kit.para(doc.summary or "-", indent))
    story.append(Spacer(1, 6))
    story.append(kit.para("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.", st.justify))
    return story


def _signatures(setup: kit.DocSetup, doc: BeritaAcaraDoc, width: float) -> list:
    blank = Signer(position="", name="……………………………")
    return [
        kit.two_party_block(
            setup,
            left=doc.note_taker or blank,
            right=doc.chair or blank,
            place_date=kit.place_date(setup, doc.held_on),
            left_label="Notulis,",
            right_label="Pimpinan Rapat,",
            width=width,
        )
    ]


def _attendance(doc: BeritaAcaraDoc, st: kit.Styles, width: float) -> list:
    story: list = kit.title_block(
        ["DAFTAR HADIR", f"RAPAT EVALUASI KINERJA {doc.period.upper()}", doc.office_title.upper()], st, space_after=8
    )
    story.append(
        kit.field_table(
            [
                ("Hari/Tanggal", f"{doc.weekday}, {formats.long_date(doc.held_on)}"),
                ("Waktu", doc.time_text or "-"),
                ("Tempat", doc.place or "-"),
            ],
            width,
            st,
        )
    )
    story.append(Spacer(1, 8))
    cell = kit.styles(cell_size=9)
    left = ParagraphStyle("sig-l", parent=cell.cell, alignment=TA_LEFT)
    right = ParagraphStyle("sig-r", parent=cell.cell, alignment=TA_RIGHT)
    rows = []
    for n, p in enumerate(doc.participants, start=1):
        # Signatures zig-zag left and right so neighbours do not sign over each other.
        # Whoever was absent gets no line to sign (the Keterangan says why).
        mark = Paragraph(f"{n}. ………………", left if n % 2 else right) if p.present else ""
        rows.append([str(n), p.name, p.title or "-", mark, "" if p.present else "Tidak hadir"])
    fw = [0.8 * cm, 4.8 * cm, 2.4 * cm]
    widths = [fw[0], (width - sum(fw)) * 0.45, (width - sum(fw)) * 0.55, fw[1] - 0.6 * cm, fw[2] + 0.6 * cm]
    table = kit.data_table(
        [["No", "Nama", "Jabatan / Instansi", "Tanda Tangan", "Keterangan"]], rows, widths, align="CLLLC", size=9
    )
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)])
    return [*story, table]


def build_berita_acara(setup: kit.DocSetup, doc: BeritaAcaraDoc, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the berita acara and its daftar hadir as a portrait PDF; return the page count."""
    st = kit.styles(11)
    width = kit.frame_width(setup)
    story: list = kit.title_block(
        [
            "BERITA ACARA",
            f"EVALUASI KINERJA {doc.period.upper()}",
            doc.office_title.upper(),
            f"Nomor: {doc.number or '……………………………'}",
        ],
        st,
        space_after=12,
    )
    *body, closing = _body(doc, st, width)
    # The closing sentence goes with the signatures, so they never stand alone on an otherwise empty page.
    story += [*body, KeepTogether([closing, *_signatures(setup, doc, width)])]
    story.append(PageBreak())
    lampiran = ParagraphStyle("lampiran", parent=st.small, alignment=TA_LEFT)
    story.append(kit.para(f"Lampiran Berita Acara Evaluasi Kinerja {doc.period}", lampiran))
    story.append(Spacer(1, 6))
    story += _attendance(doc, st, width)
    if not doc.final:
        footer_note = f"DRAF · {footer_note}"
    return kit.build_pdf(
        setup, story, out, title=f"Berita Acara Evaluasi Kinerja {doc.period}", kop="first", footer_note=footer_note
    )
