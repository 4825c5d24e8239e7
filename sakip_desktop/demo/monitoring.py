"""The demo office's pemantauan and evaluasi of the quarter reported on, once its monitoring is over by the demo's
anchor, else of the quarter before (TW II 2025 in the 2025 story): the Tim's telaah, two rekomendasi (one accepted
by the Camat), the evaluation meeting (15 Juli 2025 in the story) with its daftar hadir, pembahasan and three tindak
lanjut, and the surat pengantar that sends the quarter's report to the Bupati, in the outgoing register.

The tindak lanjut are one done, one overdue (due 8 Agustus 2025 in the story, but never more than ten weeks nor less
than one week before the anchor) and one not yet due: a month after the anchor (at the earliest 30 September 2025 in
the story, at the latest a year after the meeting, as every batas waktu). The story's days move with
`demo.timeline.Story`; a monitoring not finished by the anchor (early in TW II) is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sakip_desktop.demo.timeline import Story, at, wib
from sakip_desktop.domain import formats
from sakip_desktop.ops.base import Actor, Clock, utcnow
from sakip_desktop.ops.letters import (
    LetterInput,
    LetterSettings,
    lampiran_text,
    register_letter,
    update_letter_settings,
)
from sakip_desktop.ops.monitoring.evaluation import (
    MeetingInput,
    add_guest,
    add_participants,
    create_meeting,
    finalise_meeting,
    save_discussion,
    set_attendance,
)
from sakip_desktop.ops.monitoring.evaluation_views import participants
from sakip_desktop.ops.monitoring.follow_ups import (
    DONE,
    IN_PROGRESS,
    FollowUpInput,
    add_follow_up,
    add_follow_up_evidence,
    latest_due,
    report_progress,
)
from sakip_desktop.ops.monitoring.minutes import update_team_decree
from sakip_desktop.ops.monitoring.telaah import add_recommendation, decide_recommendation, monitoring_sheet, save_review
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.people import PersonView, list_people
from sakip_desktop.storage.database import Database

# The 2025 story: its quarter, and its days (moved by `_Monitoring`).
QUARTER = 2
MEETING_DAY = dt.date(2025, 7, 15)
OVERDUE_DUE = dt.date(2025, 8, 8)
NOT_BEFORE = dt.date(2025, 9, 30)  # the not-yet-due batas waktu at the earliest
LAST_DAY = dt.date(2025, 8, 1)  # the last work of the story: the Kasi Ekbang's report
TEAM_DECREE = "188.4/05/35.99.01/2025"
MOST_OVERDUE = dt.timedelta(weeks=10)
ROMAN = ("I", "II", "III", "IV")

REVIEWS = {
    "IK02": "Serapan anggaran s.d. TW II sesuai rencana penarikan dana; belanja modal masih menunggu proses "
    "pengadaan dan perlu dipantau pada TW III.",
    "IK06": "Nilai IKM stabil. Survei TW II dilakukan pada 120 responden; unsur waktu pelayanan masih terendah.",
    "IK08": "Pengaduan yang belum tertangani naik dibanding TW I; sebagian besar terkait administrasi "
    "kependudukan yang harus dirujuk ke Dinas Dukcapil.",
    "IK09": "Kejadian gangguan trantib menurun berkat patroli rutin bersama Polsek dan Koramil.",
    "IK11": "Realisasi bergantung pada penetapan RKPD; data akomodasi usulan belum final dari Bappeda.",
}
DISCUSSIONS = {
    "IK06": ("Peserta sepakat waktu layanan PATEN menjadi unsur yang paling dikeluhkan.", "Petugas loket terbatas."),
    "IK08": (
        "Pengaduan administrasi kependudukan dibahas bersama; perlu alur rujukan yang jelas ke Dukcapil.",
        "Belum ada SOP rujukan pengaduan ke perangkat daerah lain.",
    ),
    "IK11": (
        "Usulan Musrenbang yang diakomodasi baru sebagian terdata.",
        "Data dari Bappeda belum diterima; koordinasi belum terjadwal.",
    ),
    "IK12": ("Pembinaan lembaga kemasyarakatan berjalan sesuai rencana aksi.", ""),
}
PARTICIPANTS = (
    "camat",
    "sekcam",
    "kasubag_renkeu",
    "kasubag_umum",
    "kasi_pem",
    "kasi_ekbang",
    "kasi_trantib",
    "kasi_kesos",
    "kasi_pelayanan",
    "analis_kebijakan",
    "staf_renkeu",
)
ABSENT = ("kasubag_umum",)


@dataclass(frozen=True)
class _Monitoring:
    """The monitoring story told of one quarter: its year and quarter, and its days."""

    story: Story
    quarter: int

    @classmethod
    def of(cls, story: Story) -> _Monitoring:
        """The reported quarter's monitoring once its story is over by the anchor, else the quarter before's."""
        latest = cls(story, story.quarter)
        if story.quarter == 1 or story.happened(wib(latest.day(LAST_DAY), 10)):
            return latest
        return cls(story, story.quarter - 1)

    @property
    def year(self) -> int:
        return self.story.year

    def day(self, base: dt.date) -> dt.date:
        """The day of the 2025 story `base`, in this telling."""
        return base + self.story.quarter_shift(self.quarter, QUARTER)

    def clock(self, base: dt.date, hour: int) -> Clock:
        """Demo writes are stamped on the day they would have happened, at `hour` WIB."""
        return at(wib(self.day(base), hour))

    @property
    def label(self) -> str:
        """'TW II 2025'."""
        return f"TW {ROMAN[self.quarter - 1]} {self.year}"

    @property
    def next_label(self) -> str:
        """The quarter after: 'TW III'."""
        return f"TW {ROMAN[self.quarter % 4]}"


def _telaah(db: Database, tell: _Monitoring, sheet: dict[str, Any]) -> int:
    """The Tim's telaah, the Sekretaris's two rekomendasi and the Camat's decision; returns the accepted one."""
    tim = actor_for(db, "analis_kebijakan", tell.day(dt.date(2025, 7, 8)))
    sekcam = actor_for(db, "sekcam", tell.day(dt.date(2025, 7, 10)))
    camat = actor_for(db, "camat", tell.day(dt.date(2025, 7, 11)))
    year, quarter = tell.year, tell.quarter
    for code, text in REVIEWS.items():
        if code in sheet:
            shown = sheet[code].measurement.achievement_to_date
            lead = f"Capaian s.d. TW {ROMAN[quarter - 1]} {formats.percent(shown)}. " if shown is not None else ""
            clock = tell.clock(dt.date(2025, 7, 8), 10)
            save_review(db, tim, sheet[code].indicator_id, year, quarter, lead + text, clock=clock)
    ik08 = sheet["IK08"].indicator_id if "IK08" in sheet else None
    accepted = add_recommendation(
        db,
        sekcam,
        year,
        quarter,
        "Susun alur rujukan pengaduan administrasi kependudukan ke Dinas Dukcapil dan pantau penyelesaiannya "
        "setiap bulan.",
        ik08,
        clock=tell.clock(dt.date(2025, 7, 10), 9),
    )
    add_recommendation(
        db,
        sekcam,
        year,
        quarter,
        "Setiap seksi melengkapi bukti dukung realisasi paling lambat lima hari kerja setelah triwulan berakhir.",
        clock=tell.clock(dt.date(2025, 7, 10), 10),
    )
    decided = tell.clock(dt.date(2025, 7, 11), 8)
    decide_recommendation(db, camat, accepted, True, "Segera dilaksanakan.", clock=decided)
    return accepted


def _meeting(
    db: Database, tell: _Monitoring, sekcam: Actor, people: dict[str, PersonView], sheet: dict[str, Any]
) -> int:
    """The evaluation meeting: its daftar hadir and pembahasan; returns its id."""
    editing, held_on = tell.clock(MEETING_DAY, 11), tell.day(MEETING_DAY)
    meeting = create_meeting(
        db,
        sekcam,
        MeetingInput(
            year=tell.year,
            period_kind="QUARTER",
            period_no=tell.quarter,
            held_on=held_on,
            time_text="09.00 WIB s.d. selesai",
            place="Aula Kantor Kecamatan",
            basis="Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah; Keputusan Camat tentang Tim SAKIP Kecamatan.",
            summary=f"Capaian kinerja {tell.label} secara umum baik. Perhatian khusus pada penanganan pengaduan "
            "masyarakat yang tidak tertangani dan pendataan usulan Musrenbang Kecamatan yang diakomodasi dalam RKPD.",
            chair_person_id=people["camat"].id,
            note_taker_person_id=people["staf_renkeu"].id,
        ),
        clock=editing,
    )
    wanted = [people[u].id for u in PARTICIPANTS if u in people and people[u].active_on(held_on)]
    add_participants(db, sekcam, meeting, wanted, clock=editing)
    add_guest(db, sekcam, meeting, "Dra. Lestari Handayani", "Kepala Sub Bidang Evaluasi, Bappeda", clock=editing)
    absent = {people[u].id for u in ABSENT if u in people}
    for p in participants(db, meeting):
        if p.person_id in absent:
            set_attendance(db, sekcam, p.id, False, clock=editing)
    for code, (said, problems) in DISCUSSIONS.items():
        if code in sheet:
            save_discussion(db, sekcam, meeting, sheet[code].indicator_id, said, problems, clock=editing)
    return meeting


def _dues(tell: _Monitoring) -> tuple[dt.date, dt.date]:
    """The batas waktu of the overdue tindak lanjut and of the one not yet due (see the module notes)."""
    story = tell.story
    overdue = min(max(tell.day(OVERDUE_DUE), story.today - MOST_OVERDUE), story.today - dt.timedelta(weeks=1))
    overdue = max(overdue, tell.day(MEETING_DAY) + dt.timedelta(days=1))
    # A batas waktu lies within a year of the meeting (ops.monitoring.follow_ups.check_due).
    not_yet_due = min(
        max(tell.day(NOT_BEFORE), story.present.date() + dt.timedelta(days=30)), latest_due(tell.day(MEETING_DAY))
    )
    return overdue, not_yet_due


def _follow_ups(
    db: Database,
    tell: _Monitoring,
    sekcam: Actor,
    people: dict[str, PersonView],
    sheet: dict[str, Any],
    meeting: int,
    accepted: int,
) -> tuple[int, int]:
    """The meeting's three tindak lanjut, then the meeting made final; returns the (done, overdue) ones."""
    editing = tell.clock(MEETING_DAY, 11)
    overdue_due, not_yet_due = _dues(tell)

    def follow(username: str, action: str, due: dt.date, code: str, rec: int | None = None) -> int:
        data = FollowUpInput(action, people[username].id, due, sheet[code].indicator_id if code in sheet else None)
        return add_follow_up(db, sekcam, data, meeting_id=meeting, recommendation_id=rec, clock=editing)

    schedule = f"Menyusun jadwal pembinaan lembaga kemasyarakatan {tell.next_label}."
    done = follow("kasi_kesos", schedule, tell.day(dt.date(2025, 7, 31)), "IK12")
    follow(
        "kasi_pelayanan",
        "Menyusun alur rujukan pengaduan administrasi kependudukan ke Dinas Dukcapil.",
        not_yet_due,
        "IK08",
        accepted,
    )
    overdue = follow(
        "kasi_ekbang", "Meminta data usulan Musrenbang yang diakomodasi dalam RKPD ke Bappeda.", overdue_due, "IK11"
    )
    finalise_meeting(db, sekcam, meeting, clock=tell.clock(MEETING_DAY, 15))
    return done, overdue


def _progress(db: Database, tell: _Monitoring, done: int, overdue: int) -> None:
    """The Kasi Kesos reports his tindak lanjut done with its bukti; the Kasi Ekbang his under way."""
    kesos = actor_for(db, "kasi_kesos", tell.day(dt.date(2025, 7, 28)))
    reported = tell.clock(dt.date(2025, 7, 28), 14)
    label = tell.next_label
    text = f"Jadwal pembinaan {label} ditetapkan dan dibagikan ke lembaga kemasyarakatan."
    report_progress(db, kesos, done, DONE, 100, text, clock=reported)
    schedule = f"Jadwal pembinaan lembaga kemasyarakatan {label} {tell.year}\n".encode()
    filename = f"jadwal_pembinaan_tw{tell.quarter % 4 + 1}.txt"
    add_follow_up_evidence(db, kesos, done, filename, schedule, clock=reported)
    ekbang = actor_for(db, "kasi_ekbang", tell.day(LAST_DAY))
    report_progress(
        db,
        ekbang,
        overdue,
        IN_PROGRESS,
        40,
        "Surat permintaan data sudah dikirim; menunggu jawaban Bappeda.",
        clock=tell.clock(LAST_DAY, 10),
    )


def _numbering(db: Database, tell: _Monitoring) -> None:
    """The administrator sets the office's numbering (the classification and region code its PKs carry) and the
    number of the Keputusan Camat on the Tim SAKIP, which every berita acara cites."""
    admin = actor_for(db, "kasubag_renkeu", tell.day(dt.date(2025, 7, 1)))
    numbering = LetterSettings("000.8/{seq:03d}/{kode}/{tahun}", "35.99.01")
    update_letter_settings(db, admin, numbering, clock=tell.clock(dt.date(2025, 7, 1), 9))
    decree = tell.story.text(TEAM_DECREE)
    update_team_decree(db, admin, decree, clock=tell.clock(dt.date(2025, 7, 1), 9))


def _cover_letter(db: Database, tell: _Monitoring) -> None:
    """The Kasubag Umum registers the surat pengantar that sends the quarter's report to the Bupati, three days
    after the meeting."""
    day = tell.day(MEETING_DAY) + dt.timedelta(days=3)
    letter = LetterInput(
        letter_date=day,
        recipient="Bupati Contoh",
        subject=f"Penyampaian Laporan Pengukuran Kinerja Triwulan {ROMAN[tell.quarter - 1]} Tahun {tell.year}",
        attachment=lampiran_text(1),
        copies_to=("Kepala Bappeda Kabupaten Contoh", "Inspektur Kabupaten Contoh"),
    )
    register_letter(db, actor_for(db, "kasubag_umum", day), letter, clock=at(wib(day, 9)))


def add_monitoring_history(db: Database, *, now: dt.datetime | None = None) -> None:
    """Write the demo's telaah, rekomendasi and evaluation meeting (see the module notes) as told at `now` (UTC)."""
    tell = _Monitoring.of(Story.at(now or utcnow()))
    if not tell.story.happened(wib(tell.day(LAST_DAY), 10)):
        return
    _numbering(db, tell)
    sheet = {r.measurement.info.code: r for r in monitoring_sheet(db, tell.year, tell.quarter)}
    accepted = _telaah(db, tell, sheet)
    sekcam = actor_for(db, "sekcam", tell.day(dt.date(2025, 7, 10)))
    people = {p.username: p for p in list_people(db, tell.day(MEETING_DAY)) if p.username}
    meeting = _meeting(db, tell, sekcam, people, sheet)
    done, overdue = _follow_ups(db, tell, sekcam, people, sheet, meeting, accepted)
    _progress(db, tell, done, overdue)
    _cover_letter(db, tell)
