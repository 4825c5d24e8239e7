"""Issue #10: approved realisasi and locked quarters change only through the revision operations, and a
finalised PK, a signed LKj year and a finalised berita acara are never overwritten by the normal edit
operations: each is refused with an Indonesian message and the stored rows stay byte-for-byte the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import select

from sakip_desktop.domain.achievement import Target
from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.exchange.isian.preview import IsianChange, IsianPreview, apply_isian, stored_input
from sakip_desktop.exchange.rencana.apply import apply_rencana
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import export_rencana
from sakip_desktop.ops.agreements.pk import (
    AgreementEdit,
    delete_draft,
    finalise_agreement,
    refresh_agreement,
    update_agreement,
)
from sakip_desktop.ops.agreements.revision import start_revision
from sakip_desktop.ops.agreements.views import get_agreement
from sakip_desktop.ops.lkj.sections import mark_signed, save_section, unlock
from sakip_desktop.ops.monitoring.evaluation import (
    MeetingInput,
    add_guest,
    add_participants,
    delete_meeting,
    finalise_meeting,
    remove_participant,
    save_discussion,
    set_attendance,
    update_meeting,
)
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning.targets import set_year_targets
from sakip_desktop.ops.realisation.entry import (
    LOCKED_MESSAGE,
    CheckInput,
    add_evidence,
    approve,
    quarter_entries,
    remove_evidence,
    return_to_kasi,
    revise,
    save_realisation,
    verify,
)
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database
from tests._lkj_ready import finish_lkj

DAY = dt.date(2025, 10, 20)  # after the demo's Plh. Camat days: the Camat acts in person
YEAR = 2025
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def who(db: Database, username: str):
    return actor_for(db, username, DAY)


def entry(db: Database, code: str, quarter: int):
    return next(e for e in quarter_entries(db, YEAR, quarter) if e.code == code)


def fingerprint(db: Database, *tables: str) -> str:
    """A hash of every row of `tables`, read straight from the file."""
    digest = hashlib.sha256()
    with db.plain_reading() as conn:
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


REALISATION_TABLES = ("realisation", "realisation_evidence", "verification_check", "quarterly_target")


def test_an_approved_realisasi_changes_only_through_a_revision(demo_db):
    # GIVEN IK04 TW II of Seksi Pemerintahan, approved by the Camat (demo), with a bukti dukung file attached
    kasi, sekcam, camat = who(demo_db, "kasi_pem"), who(demo_db, "sekcam"), who(demo_db, "camat")
    approved = entry(demo_db, "IK04", 2)
    rid = approved.realisation_id
    with demo_db.transaction() as s:  # the file came with the realisasi before it was approved
        s.add(
            m.RealisationEvidence(
                realisation_id=rid, filename="daftar hadir.pdf", size=4, sha256="0" * 64, data=b"%PDF",
                added_by="Kasi", added_at=dt.datetime(2025, 7, 3),
            )
        )  # fmt: skip
    with demo_db.reading() as s:
        evidence_id = s.scalar(select(m.RealisationEvidence.id).where(m.RealisationEvidence.realisation_id == rid))
    before = fingerprint(demo_db, *REALISATION_TABLES)
    stored = None
    with demo_db.reading() as s:
        stored = stored_input(s.get(m.Realisation, rid))
    file_change = IsianChange(
        "Seksi Pemerintahan",
        7,
        approved.indicator_id,
        "IK04",
        approved.name,
        "Seksi Pemerintahan",
        rid,
        stored,
        dataclasses.replace(stored, value=Decimal(9)),
    )
    attempts = {
        "isi realisasi": lambda: save_realisation(demo_db, kasi, approved.indicator_id, YEAR, 2, Decimal(9), **EMPTY),
        "tambah bukti": lambda: add_evidence(demo_db, kasi, rid, "foto.jpg", b"\xff\xd8foto"),
        "hapus bukti": lambda: remove_evidence(demo_db, kasi, evidence_id),
        "verifikasi lagi": lambda: verify(demo_db, sekcam, [rid], {rid: CheckInput(True, True, True, "")}),
        "kembalikan (Sekretaris)": lambda: return_to_kasi(demo_db, sekcam, [rid], "Cek lagi"),
        "kembalikan (Camat)": lambda: return_to_kasi(demo_db, camat, [rid], "Cek lagi"),
        "setujui lagi": lambda: approve(demo_db, camat, [rid]),
        # a Format Isian read before the approval, applied after it
        "impor Format Isian": lambda: apply_isian(
            demo_db, kasi, IsianPreview("isian.xlsx", "Kecamatan Contoh", YEAR, 2, ("SEKSI_PEMERINTAHAN",),
                                        (file_change,), 0)),
        "ubah target TW II": lambda: set_year_targets(
            demo_db, who(demo_db, "kasubag_renkeu"), approved.indicator_id, YEAR, Target(Decimal(24)),
            [Target(Decimal(6)), Target(Decimal(7)), Target(Decimal(6)), Target(Decimal(6))]),
    }  # fmt: skip
    for what, attempt in attempts.items():
        # WHEN anyone tries to change it by a normal operation
        with pytest.raises(ValidationError) as refused:
            attempt()
        # THEN it is refused, saying the quarter is approved and locked
        assert "disetujui" in refused.value.message and "terkunci" in refused.value.message, what
    assert LOCKED_MESSAGE.endswith("ubah melalui revisi dengan alasan.")
    # and nothing of the realisasi, its checks, files or targets changed
    assert fingerprint(demo_db, *REALISATION_TABLES) == before
    # WHEN the Sekretaris revises it with a reason THEN the value changes and it stays approved
    revise(demo_db, sekcam, rid, Decimal(9), "Rekap desa terlambat masuk")
    after = entry(demo_db, "IK04", 2)
    assert after.value == Decimal(9) and after.status.name == "APPROVED"
    assert [(r.old_value, r.new_value) for r in after.revisions] == [(approved.value, Decimal(9))]


def test_a_planning_workbook_read_before_an_approval_cannot_change_the_locked_target(demo_db, tmp_path):
    # GIVEN a TW III realisasi the Sekretaris verified (demo) and the planning workbook of the office, read now
    verified = next(e for e in quarter_entries(demo_db, YEAR, 3) if e.status.name == "VERIFIED")
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    preview = read_rencana(demo_db, path)
    # in which that indicator's TW III target is changed (as a person would, in the file)
    targets = []
    for t in preview.data.targets:
        if t.indicator_code == verified.code and t.year == YEAR:
            quarters = list(t.quarters)
            quarters[2] = Target(quarters[2].low + 1, quarters[2].high and quarters[2].high + 1)
            t = dataclasses.replace(t, quarters=tuple(quarters))
        targets.append(t)
    changed = dataclasses.replace(preview, data=dataclasses.replace(preview.data, targets=tuple(targets)))
    # WHEN the Camat approves that realisasi before the import is applied
    approve(demo_db, who(demo_db, "camat"), [verified.realisation_id])
    before = fingerprint(demo_db, "quarterly_target", "yearly_target", "indicator", "audit_entry")
    # THEN applying the import is refused whole, naming the quarter and the indicator
    with pytest.raises(ValidationError) as refused:
        apply_rencana(demo_db, who(demo_db, "kasubag_renkeu"), changed)
    assert refused.value.message == (
        f"Target TW III {verified.code} tahun {YEAR} tidak dapat diubah: realisasi TW III sudah disetujui Camat dan "
        "terkunci. Berkas tidak diimpor."
    )
    assert fingerprint(demo_db, "quarterly_target", "yearly_target", "indicator", "audit_entry") == before
    # while the same workbook without that change still imports
    apply_rencana(demo_db, who(demo_db, "kasubag_renkeu"), preview)


def test_a_finalised_pk_is_never_overwritten_only_revised_by_a_pk_perubahan(demo_db):
    # GIVEN the office's PK 2025, made final (demo)
    kasubag = who(demo_db, "kasubag_renkeu")
    detail = get_agreement(demo_db, 1)
    assert detail.status == "FINAL" and detail.unit_id is None
    tables = ("performance_agreement", "agreement_target", "agreement_budget")
    before = fingerprint(demo_db, *tables)
    attempts = {
        "ubah": lambda: update_agreement(demo_db, kasubag, 1, AgreementEdit.of(detail, place="Kota Lain")),
        "perbarui dari data": lambda: refresh_agreement(demo_db, kasubag, 1),
        "hapus": lambda: delete_draft(demo_db, kasubag, 1),
        "tetapkan lagi": lambda: finalise_agreement(demo_db, who(demo_db, "camat"), 1),
    }
    for what, attempt in attempts.items():
        # WHEN the Kasubag (or the Camat) tries a normal edit
        with pytest.raises(ValidationError) as refused:
            attempt()
        # THEN it is refused: the PK is final, make a PK Perubahan
        assert "sudah ditetapkan" in refused.value.message and "PK Perubahan" in refused.value.message, what
    assert fingerprint(demo_db, *tables) == before
    # WHEN a PK Perubahan is started THEN it is a new draft version, and the final one is unchanged
    new_id = start_revision(demo_db, kasubag, 1, "MUTASI", "Pergantian Camat", "")
    assert new_id != 1 and get_agreement(demo_db, new_id).status == "DRAFT"
    assert get_agreement(demo_db, 1) == detail


def test_a_signed_lkj_year_is_never_overwritten_until_the_camat_unlocks_it(demo_db):
    # GIVEN the LKj 2025 with a conclusion, signed by the Camat
    kasubag, camat = who(demo_db, "kasubag_renkeu"), who(demo_db, "camat")
    save_section(demo_db, kasubag, YEAR, "bab4.simpulan", "Kinerja baik.")
    finish_lkj(demo_db, YEAR)  # issue #12: only a reviewed LKj with final figures may be marked signed
    mark_signed(demo_db, camat, YEAR, dt.date(2026, 1, 30))
    before = fingerprint(demo_db, "lkj_section")
    # WHEN anyone edits a section, or signs it again
    for attempt in (
        lambda: save_section(demo_db, kasubag, YEAR, "bab4.simpulan", "Kinerja sangat baik."),
        lambda: save_section(demo_db, who(demo_db, "sekcam"), YEAR, "bab4.simpulan", ""),
        lambda: mark_signed(demo_db, camat, YEAR, dt.date(2026, 2, 2)),
    ):
        with pytest.raises(UserError) as refused:
            attempt()
        # THEN it is refused: the LKj is signed, ask the Camat to unlock it
        assert str(refused.value) == (
            "LKj Tahun 2025 sudah ditandatangani Camat pada 30 Januari 2026; teksnya tidak dapat diubah lagi. "
            "Minta Camat membuka kunci bila perlu revisi."
        )
    assert fingerprint(demo_db, "lkj_section") == before
    # WHEN the Camat unlocks it with a reason THEN the text can be revised
    unlock(demo_db, camat, YEAR, "Salah angka di Bab III")
    assert save_section(demo_db, kasubag, YEAR, "bab4.simpulan", "Kinerja sangat baik.").text == "Kinerja sangat baik."


def test_a_finalised_berita_acara_is_never_overwritten(demo_db):
    # GIVEN the demo's evaluation meeting, finalised (its berita acara printed and signed)
    sekcam = who(demo_db, "sekcam")
    with demo_db.reading() as s:
        meeting = s.scalars(select(m.EvaluationMeeting).where(m.EvaluationMeeting.status == "FINAL")).first()
        meeting_id = meeting.id
        participant = s.scalar(select(m.MeetingParticipant.id).where(m.MeetingParticipant.meeting_id == meeting_id))
        indicator = s.scalar(select(m.Indicator.id).limit(1))
        person = s.scalar(select(m.Person.id).order_by(m.Person.id.desc()).limit(1))
        data = MeetingInput(meeting.year, meeting.period_kind, meeting.period_no, meeting.held_on, place="Aula baru")
    tables = ("evaluation_meeting", "meeting_participant", "meeting_discussion")
    before = fingerprint(demo_db, *tables)
    attempts = {
        "ubah rapat": lambda: update_meeting(demo_db, sekcam, meeting_id, data),
        "hapus rapat": lambda: delete_meeting(demo_db, sekcam, meeting_id),
        "finalkan lagi": lambda: finalise_meeting(demo_db, sekcam, meeting_id),
        "tambah peserta": lambda: add_participants(demo_db, sekcam, meeting_id, [person]),
        "tambah tamu": lambda: add_guest(demo_db, sekcam, meeting_id, "Kepala Desa Contoh", "Desa Contoh"),
        "catat kehadiran": lambda: set_attendance(demo_db, sekcam, participant, False),
        "hapus peserta": lambda: remove_participant(demo_db, sekcam, participant),
        "ubah pembahasan": lambda: save_discussion(demo_db, sekcam, meeting_id, indicator, "Dibahas ulang", ""),
    }
    for what, attempt in attempts.items():
        # WHEN the Sekretaris tries to change it
        with pytest.raises(ValidationError) as refused:
            attempt()
        # THEN it is refused: the meeting is final
        assert refused.value.message.startswith("Rapat evaluasi ini sudah final"), what
    assert fingerprint(demo_db, *tables) == before
    # while its tindak lanjut can still be added and followed
    add_follow_up(demo_db, sekcam, FollowUpInput("Perbaiki rekap desa", person, dt.date(2025, 12, 1)),
                  meeting_id=meeting_id)  # fmt: skip
