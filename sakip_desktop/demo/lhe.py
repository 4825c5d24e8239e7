"""The demo office's LHE: the Inspektorat's evaluation of the year before the story's (2024 in the 2025 story), dated
12 Mei 2025, recorded by the Admin Data with its three rekomendasi; the Sekretaris sets a RATL for each, the Camat
checks the TL LHE matrix, and the RATL move on: one done with its bukti (the Kasubag Perencanaan's Manual IKU), one
under way with a bukti (the Sekretaris's quarterly evaluation), one not started (the Tim's upload to e-SAKIP and
ESR). The days move with `demo.timeline.Story`; what would happen after the anchor is not written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sakip_desktop.demo.timeline import Story, at, wib
from sakip_desktop.ops.lhe.edit import LheInput, review_matrix, save_lhe, save_recommendation
from sakip_desktop.ops.lhe.rules import INSPEKTORAT
from sakip_desktop.ops.monitoring.follow_ups import (
    DONE,
    IN_PROGRESS,
    FollowUpInput,
    add_follow_up,
    add_follow_up_evidence,
    latest_due,
    report_progress,
)
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.storage.database import Database

# The 2025 story's days.
LETTER_DAY = dt.date(2025, 5, 12)
RECORDED = dt.date(2025, 5, 14)
PLANNED = dt.date(2025, 5, 19)
REVIEWED = dt.date(2025, 5, 21)
NUMBER = "700.1.2.2/045/LHE-AKIP/2025"
SCORE = Decimal("68.45")

# (rekomendasi, RATL, PJ username, batas waktu in the 2025 story)
RECOMMENDATIONS = (
    (
        "Menyusun Manual IKU yang memuat definisi operasional, formula dan sumber data setiap indikator kinerja.",
        "Menyusun dan menetapkan Manual IKU Kecamatan beserta definisi operasional setiap indikator.",
        "kasubag_renkeu",
        dt.date(2025, 7, 31),
    ),
    (
        "Melaksanakan evaluasi kinerja internal secara berkala setiap triwulan dan menindaklanjuti hasilnya.",
        "Menyelenggarakan rapat evaluasi kinerja setiap triwulan dengan berita acara dan memantau tindak lanjutnya.",
        "sekcam",
        dt.date(2026, 3, 31),
    ),
    (
        "Mempublikasikan dokumen perencanaan dan LKjIP pada aplikasi e-SAKIP dan ESR tepat waktu.",
        "Mengunggah PK, Renja dan LKjIP ke e-SAKIP Kabupaten dan ESR paling lambat 28 Februari.",
        "analis_kebijakan",
        dt.date(2026, 4, 30),
    ),
)


def add_lhe_history(db: Database, story: Story) -> None:
    """The LHE of the year before the story's, its rekomendasi, RATL, the Camat's check and the progress."""
    letter_day = story.day(LETTER_DAY)
    if not story.happened(wib(story.day(PLANNED), 10)):
        return
    admin = actor_for(db, "admin_data", story.day(RECORDED))
    recorded = at(wib(story.day(RECORDED), 10))
    data = LheInput(INSPEKTORAT, story.text(NUMBER), letter_day, story.year - 1, SCORE, "", "")
    lhe_id = save_lhe(db, admin, data, clock=recorded)
    recs = [save_recommendation(db, admin, lhe_id, text, clock=recorded) for text, *_ in RECOMMENDATIONS]
    people = {p.username: p.id for p in list_people(db, story.day(PLANNED)) if p.username}
    sekcam = actor_for(db, "sekcam", story.day(PLANNED))
    planned = at(wib(story.day(PLANNED), 9))
    actions = []
    for rec, (_text, action, username, due) in zip(recs, RECOMMENDATIONS, strict=True):
        day = min(story.day(due), latest_due(letter_day))
        data_fu = FollowUpInput(action, people[username], day)
        actions.append(add_follow_up(db, sekcam, data_fu, lhe_recommendation_id=rec, clock=planned))
    if story.happened(wib(story.day(REVIEWED), 10)):
        camat = actor_for(db, "camat", story.day(REVIEWED))
        review_matrix(db, camat, lhe_id, clock=at(wib(story.day(REVIEWED), 10)))
    _progress(db, story, actions)


def _progress(db: Database, story: Story, actions: list[int]) -> None:
    """The Kasubag Perencanaan's Manual IKU done, the Sekretaris's evaluation under way (what has happened)."""
    steps = (
        ("kasubag_renkeu", actions[0], dt.date(2025, 6, 16), IN_PROGRESS, 50, "Draf Manual IKU dibahas Tim SAKIP.", ""),
        (
            "kasubag_renkeu",
            actions[0],
            dt.date(2025, 7, 28),
            DONE,
            100,
            "Manual IKU ditetapkan dengan Keputusan Camat dan dibagikan ke setiap seksi.",
            "Manual_IKU_Kecamatan_Contoh.pdf",
        ),
        (
            "sekcam",
            actions[1],
            dt.date(2025, 7, 21),
            IN_PROGRESS,
            50,
            "Rapat evaluasi TW I dan TW II sudah dilaksanakan dengan berita acara.",
            "Berita_Acara_Evaluasi_TW_II.pdf",
        ),
    )
    for username, follow_up, base_day, status, progress, note, filename in steps:
        day = story.day(base_day)
        moment = wib(day, 14)
        if not story.happened(moment):
            continue
        actor = actor_for(db, username, day)
        report_progress(db, actor, follow_up, status, progress, story.text(note), clock=at(moment))
        if filename:
            content = f"%PDF-1.4\n% {filename} ({story.text(note)})\n".encode()
            add_follow_up_evidence(db, actor, follow_up, filename, content, clock=at(moment))
