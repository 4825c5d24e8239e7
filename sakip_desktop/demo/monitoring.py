"""The demo office's pemantauan and evaluasi of TW II 2025: the Tim's telaah, two rekomendasi (one accepted by the
Camat), and the evaluation meeting of 15 Juli 2025 with its daftar hadir, pembahasan and three tindak lanjut.

The tindak lanjut are one done, one overdue (due 8 Agustus 2025) and one not yet due: its due date is a month
after `now` (at the earliest 30 September 2025, at the latest a year after the meeting, as every batas waktu), so
it stays "not yet due" whenever the demo is opened before June 2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sakip_desktop.demo.timeline import at, wib
from sakip_desktop.domain import formats
from sakip_desktop.ops.base import Actor, Clock, utcnow
from sakip_desktop.ops.letters import LetterSettings, update_letter_settings
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

YEAR, QUARTER = 2025, 2
MEETING_DAY = dt.date(2025, 7, 15)
OVERDUE_DUE = dt.date(2025, 8, 8)
TEAM_DECREE = "188.4/05/35.99.01/2025"

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


def _clock(day: dt.date, hour: int) -> Clock:
    """Demo writes are stamped on the day they would have happened, at `hour` WIB."""
    return at(wib(day, hour))


def _telaah(db: Database, sheet: dict[str, Any]) -> int:
    """The Tim's telaah, the Sekretaris's two rekomendasi and the Camat's decision; returns the accepted one."""
    tim = actor_for(db, "analis_kebijakan", dt.date(2025, 7, 8))
    sekcam = actor_for(db, "sekcam", dt.date(2025, 7, 10))
    camat = actor_for(db, "camat", dt.date(2025, 7, 11))
    for code, text in REVIEWS.items():
        if code in sheet:
            shown = sheet[code].measurement.achievement_to_date
            lead = f"Capaian s.d. TW II {formats.percent(shown)}. " if shown is not None else ""
            save_review(
                db, tim, sheet[code].indicator_id, YEAR, QUARTER, lead + text, clock=_clock(dt.date(2025, 7, 8), 10)
            )
    ik08 = sheet["IK08"].indicator_id if "IK08" in sheet else None
    accepted = add_recommendation(
        db,
        sekcam,
        YEAR,
        QUARTER,
        "Susun alur rujukan pengaduan administrasi kependudukan ke Dinas Dukcapil dan pantau penyelesaiannya "
        "setiap bulan.",
        ik08,
        clock=_clock(dt.date(2025, 7, 10), 9),
    )
    add_recommendation(
        db,
        sekcam,
        YEAR,
        QUARTER,
        "Setiap seksi melengkapi bukti dukung realisasi paling lambat lima hari kerja setelah triwulan berakhir.",
        clock=_clock(dt.date(2025, 7, 10), 10),
    )
    decide_recommendation(db, camat, accepted, True, "Segera dilaksanakan.", clock=_clock(dt.date(2025, 7, 11), 8))
    return accepted


def _meeting(db: Database, sekcam: Actor, people: dict[str, PersonView], sheet: dict[str, Any]) -> int:
    """The evaluation meeting of 15 Juli 2025: its daftar hadir and pembahasan; returns its id."""
    editing = _clock(MEETING_DAY, 11)
    meeting = create_meeting(
        db,
        sekcam,
        MeetingInput(
            year=YEAR,
            period_kind="QUARTER",
            period_no=QUARTER,
            held_on=MEETING_DAY,
            time_text="09.00 WIB s.d. selesai",
            place="Aula Kantor Kecamatan",
            basis="Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah; Keputusan Camat tentang Tim SAKIP Kecamatan.",
            summary="Capaian kinerja TW II 2025 secara umum baik. Perhatian khusus pada penanganan pengaduan "
            "masyarakat yang tidak tertangani dan pendataan usulan Musrenbang Kecamatan yang diakomodasi dalam RKPD.",
            chair_person_id=people["camat"].id,
            note_taker_person_id=people["staf_renkeu"].id,
        ),
        clock=editing,
    )
    wanted = [people[u].id for u in PARTICIPANTS if u in people and people[u].active_on(MEETING_DAY)]
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


def _follow_ups(
    db: Database,
    sekcam: Actor,
    people: dict[str, PersonView],
    sheet: dict[str, Any],
    meeting: int,
    accepted: int,
    not_yet_due: dt.date,
) -> tuple[int, int]:
    """The meeting's three tindak lanjut, then the meeting made final; returns the (done, overdue) ones."""
    editing = _clock(MEETING_DAY, 11)

    def follow(username: str, action: str, due: dt.date, code: str, rec: int | None = None) -> int:
        data = FollowUpInput(action, people[username].id, due, sheet[code].indicator_id if code in sheet else None)
        return add_follow_up(db, sekcam, data, meeting_id=meeting, recommendation_id=rec, clock=editing)

    done = follow(
        "kasi_kesos", "Menyusun jadwal pembinaan lembaga kemasyarakatan TW III.", dt.date(2025, 7, 31), "IK12"
    )
    follow(
        "kasi_pelayanan",
        "Menyusun alur rujukan pengaduan administrasi kependudukan ke Dinas Dukcapil.",
        not_yet_due,
        "IK08",
        accepted,
    )
    overdue = follow(
        "kasi_ekbang", "Meminta data usulan Musrenbang yang diakomodasi dalam RKPD ke Bappeda.", OVERDUE_DUE, "IK11"
    )
    finalise_meeting(db, sekcam, meeting, clock=_clock(MEETING_DAY, 15))
    return done, overdue


def _progress(db: Database, done: int, overdue: int) -> None:
    """The Kasi Kesos reports his tindak lanjut done with its bukti; the Kasi Ekbang his under way."""
    kesos = actor_for(db, "kasi_kesos", dt.date(2025, 7, 28))
    report_progress(
        db,
        kesos,
        done,
        DONE,
        100,
        "Jadwal pembinaan TW III ditetapkan dan dibagikan ke lembaga kemasyarakatan.",
        clock=_clock(dt.date(2025, 7, 28), 14),
    )
    add_follow_up_evidence(
        db,
        kesos,
        done,
        "jadwal_pembinaan_tw3.txt",
        b"Jadwal pembinaan lembaga kemasyarakatan TW III 2025\n",
        clock=_clock(dt.date(2025, 7, 28), 14),
    )
    ekbang = actor_for(db, "kasi_ekbang", dt.date(2025, 8, 1))
    report_progress(
        db,
        ekbang,
        overdue,
        IN_PROGRESS,
        40,
        "Surat permintaan data sudah dikirim; menunggu jawaban Bappeda.",
        clock=_clock(dt.date(2025, 8, 1), 10),
    )


def _numbering(db: Database) -> None:
    """The administrator sets the office's numbering (the classification and region code its PKs carry) and the
    number of the Keputusan Camat on the Tim SAKIP, which every berita acara cites."""
    admin = actor_for(db, "kasubag_renkeu", dt.date(2025, 7, 1))
    numbering = LetterSettings("000.8/{seq:03d}/{kode}/{tahun}", "35.99.01")
    update_letter_settings(db, admin, numbering, clock=_clock(dt.date(2025, 7, 1), 9))
    update_team_decree(db, admin, TEAM_DECREE, clock=_clock(dt.date(2025, 7, 1), 9))


def add_monitoring_history(db: Database, *, now: dt.datetime | None = None) -> None:
    """Write the demo's telaah, rekomendasi and evaluation meeting of TW II 2025 (see the module docstring)."""
    _numbering(db)
    sheet = {r.measurement.info.code: r for r in monitoring_sheet(db, YEAR, QUARTER)}
    accepted = _telaah(db, sheet)
    sekcam = actor_for(db, "sekcam", dt.date(2025, 7, 10))
    people = {p.username: p for p in list_people(db, MEETING_DAY) if p.username}
    meeting = _meeting(db, sekcam, people, sheet)
    # A batas waktu lies within a year of the meeting (ops.monitoring.follow_ups.check_due).
    not_yet_due = min(
        max(dt.date(2025, 9, 30), (now or utcnow()).date() + dt.timedelta(days=30)), latest_due(MEETING_DAY)
    )
    done, overdue = _follow_ups(db, sekcam, people, sheet, meeting, accepted, not_yet_due)
    _progress(db, done, overdue)
