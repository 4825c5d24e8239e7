"""Issue #12 §7, read on the printed pages of the demo office: the berita acara's number, its Keputusan Camat and its
batas waktu, the PK's table 2 right under table 1 and its targets without their satuan, the surat pengantar's number
in the office's format, its Hal and no internal code."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PageObject, PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, list_letters, register_letter
from sakip_desktop.ops.monitoring.evaluation import (
    MeetingInput,
    add_participants,
    create_meeting,
    finalise_meeting,
    set_attendance,
)
from sakip_desktop.ops.monitoring.evaluation_views import list_meetings, participants
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up, update_follow_up
from sakip_desktop.ops.monitoring.minutes import update_team_decree
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database

MEETING_DAY = dt.date(2025, 7, 15)  # the demo's evaluation meeting of TW II 2025
DECREE = "Keputusan Camat Contoh Nomor 188.4/05/35.99.01/2025 tentang Tim Sistem Akuntabilitas Kinerja Instansi"


def _pages(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _demo_meeting(db: Database) -> int:
    [meeting] = list_meetings(db, 2025)
    return meeting.id


def _berita_acara(db: Database, meeting_id: int) -> str:
    return " ".join(_pages(catalog.preview(db, DocRequest(kind="berita-acara", meeting_id=meeting_id))[0]))


def test_the_berita_acara_has_its_register_number_and_cites_the_team_decree(demo_db: Database) -> None:
    # GIVEN the demo's evaluation meeting, made final on 15 Juli 2025, and the office's Keputusan Camat on the Tim
    # WHEN its berita acara is printed
    text = _berita_acara(demo_db, _demo_meeting(demo_db))
    # THEN it carries the number the outgoing register gave it, in the office's format, not a dotted line
    assert "KECAMATAN CONTOH Nomor: 000.8/001/35.99.01/2025" in text and "……" not in text.split("Pada hari")[0]
    [entry] = [x for x in list_letters(demo_db, 2025) if x.minutes_of is not None]
    assert (entry.agenda_number, entry.letter_date) == ("000.8/001/35.99.01/2025", MEETING_DAY)
    assert entry.subject == "Berita Acara Evaluasi Kinerja Triwulan II 2025"
    # AND the Dasar cites the Keputusan Camat with its number (in place of the meeting's unnumbered mention of it)
    assert f"b. {DECREE} Pemerintah (SAKIP) Kecamatan Contoh." in text
    assert "Keputusan Camat tentang Tim SAKIP" not in text
    # WHEN the office clears the number THEN the line is left out and the meeting's own wording stays
    admin = actor_for(demo_db, "kasubag_renkeu", dt.date(2025, 8, 1))
    update_team_decree(demo_db, admin, "")
    text = _berita_acara(demo_db, _demo_meeting(demo_db))
    assert "188.4/05" not in text and "Keputusan Camat tentang Tim SAKIP Kecamatan." in text


def test_a_meeting_made_final_takes_the_next_number_and_a_draft_has_none(demo_db: Database) -> None:
    # GIVEN a new meeting of TW III, still a draft
    sekcam = actor_for(demo_db, "sekcam", dt.date(2025, 10, 10))
    camat = actor_for(demo_db, "camat", dt.date(2025, 10, 10))
    data = MeetingInput(
        year=2025,
        period_kind="QUARTER",
        period_no=3,
        held_on=dt.date(2025, 10, 10),
        place="Aula Kantor Kecamatan",
        chair_person_id=camat.person_id,
        note_taker_person_id=sekcam.person_id,
    )
    meeting = create_meeting(demo_db, sekcam, data)
    # THEN its berita acara has no number yet (a line to fill) and is marked DRAF
    draft = _berita_acara(demo_db, meeting)
    assert "Nomor: ……" in draft and "DRAF" in draft
    # WHEN someone attends and the meeting is made final THEN the berita acara takes the register's next number
    add_participants(demo_db, sekcam, meeting, [camat.person_id])
    set_attendance(demo_db, sekcam, participants(demo_db, meeting)[0].id, True)
    finalise_meeting(demo_db, sekcam, meeting)
    assert "Nomor: 000.8/003/35.99.01/2025" in _berita_acara(demo_db, meeting)
    # AND that number is not offered for a surat pengantar, and printing one for it is refused
    entry = next(x for x in list_letters(demo_db, 2025) if x.minutes_of == meeting)
    assert entry.id not in {x.id for x in list_letters(demo_db, 2025, cover_letters_only=True)}
    with pytest.raises(ValidationError, match="nomor berita acara"):
        catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=entry.id))


def test_a_batas_waktu_lies_between_the_meeting_and_a_year_after_it(demo_db: Database) -> None:
    # GIVEN the demo's meeting of 15 Juli 2025 and its Sekretaris
    meeting = _demo_meeting(demo_db)
    sekcam = actor_for(demo_db, "sekcam", dt.date(2025, 7, 16))
    kasi = actor_for(demo_db, "kasi_pem", dt.date(2025, 7, 16))

    def add(due: dt.date) -> int:
        return add_follow_up(
            demo_db, sekcam, FollowUpInput("Rekap data desa.", kasi.person_id, due), meeting_id=meeting
        )

    # WHEN a batas waktu precedes the meeting THEN it is refused, naming both dates
    with pytest.raises(ValidationError, match="14 Juli 2025 sebelum tanggal rapat evaluasi \\(15 Juli 2025\\)") as e:
        add(dt.date(2025, 7, 14))
    assert e.value.field == "due_on"
    # WHEN it lies more than a year after the meeting THEN it is refused, naming the last allowed day
    with pytest.raises(ValidationError, match="paling lambat 15 Juli 2026"):
        add(dt.date(2025, 7, 15) + dt.timedelta(days=366))
    # THEN the meeting day itself and exactly a year after it are accepted
    add(MEETING_DAY)
    follow_up = add(dt.date(2026, 7, 15))
    # AND changing a tindak lanjut is held to the same rule
    with pytest.raises(ValidationError, match="lebih dari satu tahun"):
        update_follow_up(
            demo_db, sekcam, follow_up, FollowUpInput("Rekap data desa.", kasi.person_id, dt.date(2027, 1, 6))
        )
    # AND the demo's berita acara prints no batas waktu outside that span
    text = _berita_acara(demo_db, meeting)
    section = text.split("5. Tindak Lanjut")[1].split("6. Kesimpulan")[0]
    years = {int(y) for y in re.findall(r"\b(20\d\d)\b", section)}
    assert years <= {2025, 2026}, section


def _baselines(page: PageObject) -> list[float]:
    """Height above the page's bottom edge of every piece of text on the page."""
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return ys


def _footer_line(page: PageObject) -> float:
    return min(_baselines(page))


def _lowest_body_text(page: PageObject) -> float:
    """The lowest line of text above the footer ('Halaman n dari m')."""
    footer = _footer_line(page)
    return min(y for y in _baselines(page) if y > footer + 12)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_pk_runs_table_2_on_under_table_1(demo_db: Database, paper: str) -> None:
    # GIVEN the demo office's PK 2025 WHEN it is printed
    pdf, _ = catalog.preview(demo_db, DocRequest(kind="pk", year=2025, paper=paper))
    reader = PdfReader(io.BytesIO(pdf))
    pages = _pages(pdf)
    # THEN table 2 starts on the page where table 1 ends (the lampiran's first page), not on a page of its own
    starts = [n for n, text in enumerate(pages) if "Tabel 2. Program dan Anggaran" in text]
    assert starts == [1], starts
    # AND when the lampiran runs on to another page, less than a fifth of its first page is left empty at the foot
    # (only the last budget line and the Jumlah go over, with the signatures)
    if len(pages) > 2:
        page = reader.pages[1]
        assert _lowest_body_text(page) - _footer_line(page) < float(page.mediabox.height) / 5
    # AND the Jumlah and both signatures follow table 2
    tail = " ".join(pages[1:])
    assert tail.index("Tabel 2") < tail.index("Jumlah 1.813.450.000") < tail.rindex("PIHAK PERTAMA,")


def test_pk_targets_print_the_figure_with_the_satuan_in_its_own_column(demo_db: Database) -> None:
    # GIVEN the demo office's PK 2025 WHEN it is printed
    lampiran = _pages(catalog.preview(demo_db, DocRequest(kind="pk", year=2025))[0])[1]
    # THEN table 1 has a Satuan column and the Target cells hold the figure alone
    assert "No Sasaran Indikator Kinerja Target Satuan" in lampiran
    assert "(IKU) 70 nilai" in lampiran  # figure, then the satuan cell
    assert "95%" not in lampiran and "4%" not in lampiran and "Kecamatan 95 %" in lampiran


def test_the_surat_pengantar_numbers_in_the_office_format_with_a_proper_hal(demo_db: Database) -> None:
    # GIVEN a letter registered with only what it sends as its subject
    letter = register_letter(
        demo_db, SYSTEM, LetterInput(dt.date(2025, 10, 14), "Bupati Contoh", "Laporan Kinerja Triwulan III Tahun 2025")
    )
    # WHEN the cover letter is printed
    [text] = _pages(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    # THEN its number is in the office's format (as its PKs: classification/number/region code/year)
    assert "Nomor : 000.8/003/35.99.01/2025" in text
    # AND the Hal says what the letter does
    assert "Hal : Penyampaian Laporan Kinerja Triwulan III Tahun 2025" in text
    # AND no internal code (data hash, register version) is printed
    assert "Data " not in text and "Versi" not in text and "Kode dokumen" not in text
    assert not re.search(r"\b(?=[0-9]*[a-f])[0-9a-f]{8}\b", text)
