"""Evaluasi kinerja on the demo office: a meeting with participants, discussion beside the capaian and tindak
lanjut; finalising freezes it; the person responsible reports progress and bukti; the overdue list."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import update

from sakip_desktop.errors import DatabaseError, PermissionDenied, ValidationError
from sakip_desktop.ops.monitoring.evaluation import (
    MeetingInput,
    add_guest,
    add_participants,
    create_meeting,
    delete_meeting,
    finalise_meeting,
    remove_participant,
    save_discussion,
    set_attendance,
    update_meeting,
)
from sakip_desktop.ops.monitoring.evaluation_views import discussion_rows, list_meetings, meeting_detail, participants
from sakip_desktop.ops.monitoring.follow_up_views import (
    follow_up_detail,
    follow_up_evidence_file,
    follow_ups_for,
    overdue_follow_ups,
)
from sakip_desktop.ops.monitoring.follow_ups import (
    DONE,
    IN_PROGRESS,
    OPEN,
    FollowUpInput,
    add_follow_up,
    add_follow_up_evidence,
    delete_follow_up,
    report_progress,
)
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.evidence import MAX_EVIDENCE_BYTES
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)  # after the new Kasi Trantib took office, outside the Plh. Camat days


def who(db, username: str):
    return actor_for(db, username, DAY)


def new_meeting(db, actor, kind="QUARTER", number=3) -> int:
    data = MeetingInput(2025, kind, number, dt.date(2025, 10, 14), "09.00 WIB", "Aula", "Perpres 29/2014")
    return create_meeting(db, actor, data)


def test_demo_meeting_of_tw2(demo_db):
    # GIVEN the demo office WHEN its meetings are listed
    [meeting] = list_meetings(demo_db, 2025)
    # THEN the TW II meeting is final, chaired by the Camat, with 12 invited and 11 present
    assert meeting.title == "Rapat Evaluasi Kinerja Triwulan II 2025"
    assert meeting.is_final and meeting.chair.startswith("Ardiansyah") and meeting.note_taker.startswith("Fitri")
    assert (meeting.participants, meeting.present, meeting.follow_ups) == (12, 11, 3)
    detail = meeting_detail(demo_db, meeting.id, today=DAY)
    assert [d.code for d in detail.discussions] == ["IK06", "IK08", "IK11", "IK12"]
    assert all(d.measurement is not None and d.measurement.quarter == 2 for d in detail.discussions)
    assert [p.name for p in detail.participants if p.is_guest] == ["Dra. Lestari Handayani"]
    assert all(p.nip for p in detail.participants if not p.is_guest)
    # AND of its three tindak lanjut one is done, one overdue (due 8 Agustus 2025) and one not yet due
    statuses = {f.responsible.split(",")[0]: (f.status, f.days_overdue) for f in detail.follow_ups}
    assert statuses["Nur Aini Rahmawati"] == (DONE, 0)
    assert statuses["Ir. Bambang Setiawan"] == (IN_PROGRESS, (DAY - dt.date(2025, 8, 8)).days)
    assert statuses["Yudi Kurniawan"] == (OPEN, 0)


def test_meeting_with_participants_discussion_and_follow_ups(demo_db):
    # GIVEN the Sekretaris and a member of the Tim
    sekcam, tim = who(demo_db, "sekcam"), who(demo_db, "analis_kebijakan")
    kasi_pem = who(demo_db, "kasi_pem")
    # WHEN the Tim member creates a TW III meeting and adds people of the office and a guest
    meeting = new_meeting(demo_db, tim)
    added = add_participants(demo_db, tim, meeting, [sekcam.person_id, kasi_pem.person_id, sekcam.person_id])
    assert add_participants(demo_db, tim, meeting, [kasi_pem.person_id]) == []  # already there
    guest = add_guest(demo_db, tim, meeting, "H. Sutrisno", "Kepala Desa Sumberejo")
    set_attendance(demo_db, tim, added[1], False)
    # THEN the daftar hadir holds name, jabatan and presence in the order added
    names = [(p.name.split(",")[0], p.title, p.present) for p in participants(demo_db, meeting)]
    assert names == [
        ("Sri Wahyuningsih", "Sekretaris Kecamatan", True),
        ("Drs. Mochammad Syaifudin", "Kepala Seksi Pemerintahan", False),
        ("H. Sutrisno", "Kepala Desa Sumberejo", True),
    ]
    # WHEN the discussion tab is read THEN every indicator measured at TW III is there with its capaian
    rows = discussion_rows(demo_db, meeting)
    assert len(rows) == 12 and all(r.measurement.quarter == 3 for r in rows)
    ik05 = next(r for r in rows if r.code == "IK05")
    save_discussion(demo_db, sekcam, meeting, ik05.indicator_id, "Administrasi desa membaik.", "Dua desa terlambat.")
    # AND a tindak lanjut is set for the Kasi Pemerintahan
    due = dt.date(2025, 11, 14)
    follow_up = add_follow_up(
        demo_db,
        sekcam,
        FollowUpInput("Membina dua desa yang terlambat.", kasi_pem.person_id, due, ik05.indicator_id),
        meeting_id=meeting,
    )
    detail = meeting_detail(demo_db, meeting, today=DAY)
    assert [(d.code, d.problems) for d in detail.discussions] == [("IK05", "Dua desa terlambat.")]
    assert [(f.id, f.action, f.due_on, f.status) for f in detail.follow_ups] == [
        (follow_up, "Membina dua desa yang terlambat.", due, OPEN)
    ]
    # AND it waits in the Kasi's inbox
    assert follow_up in [f.id for f in follow_ups_for(demo_db, kasi_pem.person_id, DAY)]
    # WHEN the guest is removed THEN the list shrinks
    remove_participant(demo_db, tim, guest)
    assert len(participants(demo_db, meeting)) == 2


def test_finalise_needs_chair_note_taker_and_someone_present_then_freezes(demo_db):
    # GIVEN a draft meeting without chair, note-taker or participants
    sekcam, kasi = who(demo_db, "sekcam"), who(demo_db, "kasi_ekbang")
    meeting = new_meeting(demo_db, sekcam, "SEMESTER", 1)
    # WHEN it is finalised THEN every missing part is named
    with pytest.raises(ValidationError) as refused:
        finalise_meeting(demo_db, sekcam, meeting)
    assert "pimpinan rapat" in refused.value.message and "notulis" in refused.value.message
    assert "peserta" in refused.value.message
    # GIVEN the parts are filled in
    camat = who(demo_db, "camat")
    data = MeetingInput(
        2025,
        "SEMESTER",
        1,
        dt.date(2025, 7, 20),
        chair_person_id=camat.person_id,
        note_taker_person_id=sekcam.person_id,
    )
    update_meeting(demo_db, sekcam, meeting, data)
    [participant] = add_participants(demo_db, sekcam, meeting, [kasi.person_id])
    indicator = discussion_rows(demo_db, meeting)[0].indicator_id
    # WHEN it is finalised
    finalise_meeting(demo_db, sekcam, meeting)
    # THEN the meeting, participants and discussion are frozen
    frozen = [
        lambda: update_meeting(demo_db, sekcam, meeting, data),
        lambda: add_participants(demo_db, sekcam, meeting, [camat.person_id]),
        lambda: add_guest(demo_db, sekcam, meeting, "Tamu", ""),
        lambda: set_attendance(demo_db, sekcam, participant, False),
        lambda: remove_participant(demo_db, sekcam, participant),
        lambda: save_discussion(demo_db, sekcam, meeting, indicator, "x", "y"),
        lambda: delete_meeting(demo_db, sekcam, meeting),
        lambda: finalise_meeting(demo_db, sekcam, meeting),
    ]
    for attempt in frozen:
        with pytest.raises(ValidationError, match="sudah final"):
            attempt()
    # AND tindak lanjut can still be added and reported
    follow_up = add_follow_up(
        demo_db, sekcam, FollowUpInput("Laporan semester.", kasi.person_id, dt.date(2025, 8, 1)), meeting_id=meeting
    )
    report_progress(demo_db, kasi, follow_up, IN_PROGRESS, 50, "Separuh jalan.")
    assert meeting_detail(demo_db, meeting, today=DAY).meeting.measured_quarter == 2


def test_progress_is_reported_by_the_responsible_person_only(demo_db):
    # GIVEN a tindak lanjut of the Kasi Ekbang
    sekcam, ekbang, pem = who(demo_db, "sekcam"), who(demo_db, "kasi_ekbang"), who(demo_db, "kasi_pem")
    camat = who(demo_db, "camat")
    meeting = new_meeting(demo_db, sekcam)
    follow_up = add_follow_up(
        demo_db, sekcam, FollowUpInput("Data RKPD.", ekbang.person_id, dt.date(2025, 11, 1)), meeting_id=meeting
    )
    # WHEN another Kasi, the Camat or the Sekretaris report progress THEN it is refused, naming the responsible
    for other in (pem, camat, sekcam):
        with pytest.raises(PermissionDenied, match="Bambang Setiawan"):
            report_progress(demo_db, other, follow_up, IN_PROGRESS, 10, "")
        with pytest.raises(PermissionDenied):
            add_follow_up_evidence(demo_db, other, follow_up, "bukti.pdf", b"%PDF")
    # AND inconsistent reports are refused
    with pytest.raises(ValidationError, match="100%"):
        report_progress(demo_db, ekbang, follow_up, DONE, 80, "Hampir")
    with pytest.raises(ValidationError, match="Keterangan"):
        report_progress(demo_db, ekbang, follow_up, DONE, 100, "")
    with pytest.raises(ValidationError):
        report_progress(demo_db, ekbang, follow_up, IN_PROGRESS, 101, "")
    # WHEN the Kasi Ekbang reports it done
    report_progress(demo_db, ekbang, follow_up, IN_PROGRESS, 60, "Surat dikirim.")
    with pytest.raises(ValidationError, match="sudah dikerjakan"):
        delete_follow_up(demo_db, sekcam, follow_up)
    report_progress(demo_db, ekbang, follow_up, DONE, 100, "Data diterima.")
    # THEN it leaves his inbox, with the time it was done
    assert follow_up not in [f.id for f in follow_ups_for(demo_db, ekbang.person_id, DAY)]
    detail = follow_up_detail(demo_db, follow_up, DAY)
    assert detail.follow_up.status == DONE and detail.follow_up.done_at is not None
    assert detail.follow_up.progress_note == "Data diterima."


def test_evidence_is_stored_with_its_checksum_and_size_limit(demo_db):
    # GIVEN a tindak lanjut of the Kasi Kesos
    sekcam, kesos = who(demo_db, "sekcam"), who(demo_db, "kasi_kesos")
    meeting = new_meeting(demo_db, sekcam)
    follow_up = add_follow_up(
        demo_db, sekcam, FollowUpInput("Foto kegiatan.", kesos.person_id, dt.date(2025, 11, 1)), meeting_id=meeting
    )
    data = b"%PDF-1.4 daftar hadir pembinaan"
    # WHEN she adds a file (chosen with its Windows path)
    evidence = add_follow_up_evidence(demo_db, kesos, follow_up, r"C:\Users\kesos\Documents\daftar_hadir.pdf", data)
    # THEN it is stored under its own name with size and SHA-256, and reads back whole
    [view] = follow_up_detail(demo_db, follow_up, DAY).evidence
    assert (view.filename, view.size, view.sha256) == ("daftar_hadir.pdf", len(data), hashlib.sha256(data).hexdigest())
    assert follow_up_evidence_file(demo_db, evidence).data == data
    # AND empty or too large files are refused with the same words as realisasi bukti
    with pytest.raises(ValidationError, match="kosong"):
        add_follow_up_evidence(demo_db, kesos, follow_up, "kosong.pdf", b"")
    with pytest.raises(ValidationError, match="batasnya 10 MB"):
        add_follow_up_evidence(demo_db, kesos, follow_up, "besar.pdf", b"x" * (MAX_EVIDENCE_BYTES + 1))
    # WHEN the stored bytes are damaged THEN reading the file says so
    with demo_db.transaction() as s:
        s.execute(update(m.FollowUpEvidence).where(m.FollowUpEvidence.id == evidence).values(data=b"rusak"))
    with pytest.raises(DatabaseError, match="checksum"):
        follow_up_evidence_file(demo_db, evidence)


def test_overdue_list_depends_on_today(demo_db):
    # GIVEN the demo's tindak lanjut (the overdue one due 8 Agustus 2025, in progress)
    # WHEN the overdue list is read on the due day THEN nothing is overdue yet
    assert overdue_follow_ups(demo_db, dt.date(2025, 8, 8)) == []
    # WHEN read the day after THEN the Kasi Ekbang's is one day overdue, with its meeting
    [late] = overdue_follow_ups(demo_db, dt.date(2025, 8, 9))
    assert late.responsible == "Ir. Bambang Setiawan" and late.days_overdue == 1 and late.progress == 40
    assert late.meeting_title == "Rapat Evaluasi Kinerja Triwulan II 2025" and late.status == IN_PROGRESS
    # AND a done tindak lanjut is never overdue, whatever the day
    assert all(f.status != DONE for f in overdue_follow_ups(demo_db, dt.date(2030, 1, 1)))


def test_who_may_create_meetings_and_follow_ups(demo_db):
    # GIVEN the Camat and a Kasi outside the Tim
    camat, kasi = who(demo_db, "camat"), who(demo_db, "kasi_ekbang")
    # THEN neither may create a meeting
    for actor in (camat, kasi):
        with pytest.raises(PermissionDenied, match="Sekretaris, Tim SAKIP"):
            new_meeting(demo_db, actor)
    # AND a tindak lanjut needs what, who and by when
    sekcam = who(demo_db, "sekcam")
    meeting = new_meeting(demo_db, sekcam)
    for data, field in (
        (FollowUpInput(" ", kasi.person_id, DAY), "action"),
        (FollowUpInput("x", None, DAY), "responsible_person_id"),
        (FollowUpInput("x", kasi.person_id, None), "due_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            add_follow_up(demo_db, sekcam, data, meeting_id=meeting)
        assert refused.value.field == field
    with pytest.raises(PermissionDenied):
        add_follow_up(demo_db, kasi, FollowUpInput("x", kasi.person_id, DAY), meeting_id=meeting)
