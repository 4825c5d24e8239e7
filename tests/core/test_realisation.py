"""Collecting, verifying and approving realisasi on the demo office: permissions, the narrative rule, the
Kasi -> Sekretaris -> Camat flow, returns, the lock and revisions, bukti dukung."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from sakip_desktop.domain.achievement import Polarity, Target
from sakip_desktop.domain.realisation import Narrative, QuarterFacts, Status, narrative_reason, submission_problems
from sakip_desktop.errors import DatabaseError, PermissionDenied, ValidationError
from sakip_desktop.ops.audit.trail import list_audit
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import (
    LOCKED_MESSAGE,
    MAX_EVIDENCE_BYTES,
    CheckInput,
    RealisationLocked,
    add_evidence,
    approval_queue,
    approve,
    evidence_file,
    quarter_entries,
    remove_evidence,
    return_to_kasi,
    revise,
    revisions,
    save_realisation,
    submit_quarter,
    verification_queue,
    verify,
)
from sakip_desktop.storage import models as m

# After the new Kasi Trantib took office and outside the Sekcam's Plh. Camat days.
DAY = dt.date(2025, 10, 20)
YEAR = 2025
NARRATIVE = {"supporting": "Didukung desa", "inhibiting": "Cuaca buruk", "follow_up": "Jadwal ulang"}
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}
ALL_TICKED = CheckInput(True, True, True, "")


def who(db, username: str):
    return actor_for(db, username, DAY)


def entry(db, code: str, quarter: int):
    return next(e for e in quarter_entries(db, YEAR, quarter) if e.code == code)


def unit_id(db, code: str) -> int:
    return next(u.id for u in list_units(db) if u.code == code)


def count(db, model) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- the rule, without a database -------------------------------------------------------------------


def test_narrative_is_required_below_target_or_below_the_previous_quarter():
    # Capaian 75 < 100: below the quarterly target
    assert narrative_reason(Decimal(75), Decimal(50)) == "capaian 75,00% di bawah target triwulan"
    # Capaian 107,69 >= 100 but below last quarter's 123,08
    assert narrative_reason(Decimal("107.69"), Decimal("123.08")) == (
        "capaian 107,69% turun dari triwulan sebelumnya (123,08%)"
    )
    # At target and not lower than before: no narrative needed
    assert narrative_reason(Decimal(100), Decimal(100)) is None
    assert narrative_reason(Decimal(120), None) is None


def test_a_zero_target_needs_a_manual_capaian_with_justification():
    facts = QuarterFacts(Decimal(0), Target(Decimal(0)), Polarity.NEGATIVE, None, "", Narrative(), None)
    assert submission_problems(facts) == [
        "target triwulan 0 sehingga capaian tidak dapat dihitung; isi capaian manual beserta justifikasinya"
    ]
    done = dataclasses.replace(facts, manual=Decimal(100), justification="Tidak ada kejadian")
    assert submission_problems(done) == []


# --- who may enter ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "code", "allowed"),
    [
        ("kasi_pem", "IK04", True),  # Kasi of the indicator's seksi
        ("kasi_pem", "IK06", False),  # another seksi's indicator
        ("kasi_trantib", "IK09", True),
        ("staf_pelayanan", "IK07", True),  # staff of the unit
        ("staf_pelayanan", "IK04", False),
        ("admin_data", "IK03", True),  # staff of the Sub Bagian Perencanaan (not an administrator)
        ("staf_umum", "IK01", False),  # staff of another sub bagian
        ("kasubag_umum", "IK01", False),  # a Kasubag of another sub bagian
        ("staf_renkeu", "IK06", True),  # an administrator
        ("sekcam", "IK04", False),
        ("camat", "IK04", False),
    ],
)
def test_who_may_enter_realisasi(demo_db, username, code, allowed):
    # GIVEN an indicator of TW IV, not entered yet
    indicator_id = entry(demo_db, code, 4).indicator_id
    actor = who(demo_db, username)
    # WHEN the person saves a value THEN it is stored only for the people of the indicator's unit
    if allowed:
        save_realisation(demo_db, actor, indicator_id, YEAR, 4, Decimal(3), **NARRATIVE)
        assert entry(demo_db, code, 4).value == Decimal(3)
        assert entry(demo_db, code, 4).status is Status.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            save_realisation(demo_db, actor, indicator_id, YEAR, 4, Decimal(3), **NARRATIVE)
        assert entry(demo_db, code, 4).realisation_id is None


def test_a_kasubag_enters_for_their_own_sub_bagian(demo_db):
    # GIVEN the Kasubag Perencanaan without the administrator flag
    kasubag = dataclasses.replace(who(demo_db, "kasubag_renkeu"), is_admin=False)
    # WHEN entering for the sub bagian's own IK01 THEN it is stored; a seksi's IK04 is refused
    save_realisation(demo_db, kasubag, entry(demo_db, "IK01", 4).indicator_id, YEAR, 4, Decimal(70), **EMPTY)
    assert entry(demo_db, "IK01", 4).value == Decimal(70)
    with pytest.raises(PermissionDenied):
        save_realisation(demo_db, kasubag, entry(demo_db, "IK04", 4).indicator_id, YEAR, 4, Decimal(6), **EMPTY)
    # GIVEN the Kasubag Umum placed in Seksi Pemerintahan (a seksi is the Kasi's, not a Kasubag's)
    with demo_db.transaction() as s:
        person = s.get(m.Person, who(demo_db, "kasubag_umum").person_id)
        person.unit_id = unit_id(demo_db, "SEKSI_PEMERINTAHAN")
    with pytest.raises(PermissionDenied):
        ik04 = entry(demo_db, "IK04", 4).indicator_id
        save_realisation(demo_db, who(demo_db, "kasubag_umum"), ik04, YEAR, 4, Decimal(6), **EMPTY)


def test_a_value_must_be_a_non_negative_decimal(demo_db):
    kasi = who(demo_db, "kasi_pem")
    indicator_id = entry(demo_db, "IK04", 4).indicator_id
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        save_realisation(demo_db, kasi, indicator_id, YEAR, 4, Decimal(-1), **EMPTY)
    with pytest.raises(ValidationError, match="harus berupa angka"):
        save_realisation(demo_db, kasi, indicator_id, YEAR, 4, 6.5, **EMPTY)  # type: ignore[arg-type]
    assert entry(demo_db, "IK04", 4).realisation_id is None


def test_a_submitted_or_approved_realisasi_cannot_be_saved(demo_db):
    kasi = who(demo_db, "kasi_pem")
    indicator_id = entry(demo_db, "IK04", 3).indicator_id
    # GIVEN IK04 TW III submitted and TW II approved (demo)
    with pytest.raises(ValidationError, match="sedang diperiksa"):
        save_realisation(demo_db, kasi, indicator_id, YEAR, 3, Decimal(9), **EMPTY)
    with pytest.raises(RealisationLocked) as info:
        save_realisation(demo_db, kasi, indicator_id, YEAR, 2, Decimal(9), **EMPTY)
    assert info.value.message == LOCKED_MESSAGE
    assert LOCKED_MESSAGE == "Data triwulan ini sudah disetujui dan terkunci; ubah melalui revisi dengan alasan."
    assert entry(demo_db, "IK04", 2).value == Decimal(6)


# --- submitting --------------------------------------------------------------------------------------


def test_submit_lists_every_missing_value(demo_db):
    # GIVEN Seksi Pemerintahan TW IV with only IK04 entered
    kasi = who(demo_db, "kasi_pem")
    save_realisation(demo_db, kasi, entry(demo_db, "IK04", 4).indicator_id, YEAR, 4, Decimal(6), **EMPTY)
    # WHEN submitting THEN it is refused naming IK05, and nothing changes status
    with pytest.raises(ValidationError) as info:
        submit_quarter(demo_db, kasi, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), YEAR, 4)
    assert "IK05 Persentase desa dengan administrasi pemerintahan desa yang tertib: realisasi belum diisi" in str(
        info.value
    )
    assert entry(demo_db, "IK04", 4).status is Status.DRAFT


@pytest.mark.usefixtures("evidence_optional")  # submits without bukti dukung (issue 13 §5)
def test_narrative_below_target_and_below_previous_quarter(demo_db):
    kasi = who(demo_db, "kasi_trantib")
    trantib = unit_id(demo_db, "SEKSI_TRANTIB")
    ik09, ik10 = entry(demo_db, "IK09", 4), entry(demo_db, "IK10", 4)
    # Hand calculation (targets from the demo):
    #   IK09 negative, TW IV target 8, realisasi 8: (2*8 - 8) / 8 * 100 = 100.00; TW III (9 vs 8) was 87.50
    #     -> at target and better than before: no narrative needed.
    #   IK10 positive, TW IV target 13, realisasi 14: 14 / 13 * 100 = 107.69; TW III 16 / 13 * 100 = 123.08
    #     -> above target but below the previous quarter: the narrative is required.
    assert entry(demo_db, "IK10", 3).achievement.quantize(Decimal("0.01")) == Decimal("123.08")
    save_realisation(demo_db, kasi, ik09.indicator_id, YEAR, 4, Decimal(8), **EMPTY)
    save_realisation(demo_db, kasi, ik10.indicator_id, YEAR, 4, Decimal(14), supporting="Patroli rutin",
                     inhibiting="", follow_up="")  # fmt: skip
    assert entry(demo_db, "IK09", 4).achievement == Decimal(100)
    assert entry(demo_db, "IK10", 4).achievement.quantize(Decimal("0.01")) == Decimal("107.69")
    # WHEN submitting with IK10's narrative incomplete THEN it is refused, naming IK10 only
    with pytest.raises(ValidationError) as info:
        submit_quarter(demo_db, kasi, trantib, YEAR, 4)
    message = str(info.value)
    assert "IK10" in message and "IK09" not in message
    assert (
        "capaian 107,69% turun dari triwulan sebelumnya (123,08%); isi faktor penghambat dan upaya/tindak lanjut"
    ) in message
    # WHEN the narrative is completed THEN both are submitted with who and when
    save_realisation(demo_db, kasi, ik10.indicator_id, YEAR, 4, Decimal(14), **NARRATIVE)
    submitted = submit_quarter(demo_db, kasi, trantib, YEAR, 4, clock=lambda: dt.datetime(2026, 1, 8, 2, 0))
    assert len(submitted) == 2
    after = entry(demo_db, "IK10", 4)
    assert after.status is Status.SUBMITTED
    assert after.submitted_by == kasi.name and after.submitted_at == dt.datetime(2026, 1, 8, 2, 0)


def test_narrative_below_quarterly_target(demo_db):
    # GIVEN IK12 TW IV: target 4, realisasi 3 -> 3 / 4 * 100 = 75.00 (below 100)
    kasi = who(demo_db, "kasi_kesos")
    save_realisation(demo_db, kasi, entry(demo_db, "IK12", 4).indicator_id, YEAR, 4, Decimal(3), **EMPTY)
    assert entry(demo_db, "IK12", 4).narrative_reason == "capaian 75,00% di bawah target triwulan"
    with pytest.raises(ValidationError) as info:
        submit_quarter(demo_db, kasi, unit_id(demo_db, "SEKSI_KESOS"), YEAR, 4)
    assert "capaian 75,00% di bawah target triwulan; isi faktor pendukung, faktor penghambat dan " in str(info.value)
    assert entry(demo_db, "IK12", 4).status is Status.DRAFT


@pytest.mark.usefixtures("evidence_optional")  # submits without bukti dukung (issue 13 §5)
def test_a_zero_target_requires_manual_capaian_and_justification(demo_db):
    # GIVEN IK12's TW IV target set to 0
    kasi = who(demo_db, "kasi_kesos")
    ik12 = entry(demo_db, "IK12", 4).indicator_id
    with demo_db.transaction() as s:
        yearly = s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == ik12)).one()
        s.execute(
            update(m.QuarterlyTarget)
            .where(m.QuarterlyTarget.yearly_target_id == yearly.id, m.QuarterlyTarget.quarter == 4)
            .values(value=Decimal(0))
        )
    save_realisation(demo_db, kasi, ik12, YEAR, 4, Decimal(2), **NARRATIVE)
    assert entry(demo_db, "IK12", 4).achievement is None  # cannot be computed
    with pytest.raises(ValidationError, match="target triwulan 0"):
        submit_quarter(demo_db, kasi, unit_id(demo_db, "SEKSI_KESOS"), YEAR, 4)
    with pytest.raises(ValidationError, match="justifikasi"):
        save_realisation(demo_db, kasi, ik12, YEAR, 4, Decimal(2), **NARRATIVE, manual_achievement=Decimal(100))
    # WHEN the manual capaian comes with a justification THEN it submits
    save_realisation(demo_db, kasi, ik12, YEAR, 4, Decimal(2), **NARRATIVE, manual_achievement=Decimal(100),
                     manual_justification="Target 0 karena kegiatan dialihkan ke kabupaten")  # fmt: skip
    assert entry(demo_db, "IK12", 4).achievement == Decimal(100)
    submit_quarter(demo_db, kasi, unit_id(demo_db, "SEKSI_KESOS"), YEAR, 4)
    assert entry(demo_db, "IK12", 4).status is Status.SUBMITTED


def test_a_manual_capaian_is_refused_where_capaian_can_be_computed(demo_db):
    kasi = who(demo_db, "kasi_pem")
    with pytest.raises(ValidationError, match="capaian manual hanya diisi bila target TW IV bernilai 0"):
        save_realisation(demo_db, kasi, entry(demo_db, "IK04", 4).indicator_id, YEAR, 4, Decimal(6), **EMPTY,
                         manual_achievement=Decimal(100), manual_justification="x")  # fmt: skip


# --- verify, return, approve, lock ---------------------------------------------------------------------


def submitted_tw4_pemerintahan(db) -> list[int]:
    kasi = who(db, "kasi_pem")
    # IK04: 7 / 6 = 116.67%, as in TW III; IK05: 92.86 / 92.86 = 100%, TW III was 100%: no narrative needed
    ik04 = save_realisation(db, kasi, entry(db, "IK04", 4).indicator_id, YEAR, 4, Decimal(7), **EMPTY)
    ik05 = save_realisation(db, kasi, entry(db, "IK05", 4).indicator_id, YEAR, 4, Decimal("92.86"), **EMPTY)
    for rid in (ik04, ik05):  # "Bukti dukung wajib" (issue 13 §5)
        add_evidence(db, kasi, rid, "daftar hadir.pdf", b"%PDF-1.4 daftar hadir")
    return submit_quarter(db, kasi, unit_id(db, "SEKSI_PEMERINTAHAN"), YEAR, 4)


def test_submit_verify_approve_then_locked(demo_db):
    ids = submitted_tw4_pemerintahan(demo_db)
    sekcam, camat = who(demo_db, "sekcam"), who(demo_db, "camat")
    assert set(ids) <= {e.realisation_id for e in verification_queue(demo_db, YEAR, 4)}
    # WHEN the Camat tries to verify, or the Sekretaris to approve THEN they are refused
    with pytest.raises(PermissionDenied):
        verify(demo_db, camat, ids, {i: ALL_TICKED for i in ids})
    with pytest.raises(PermissionDenied):
        approve(demo_db, sekcam, ids)
    # WHEN one item of one checklist is not ticked THEN nothing is verified and no checklist is stored
    checks_before = count(demo_db, m.VerificationCheck)
    partial = {ids[0]: ALL_TICKED, ids[1]: CheckInput(True, False, True, "angka meragukan")}
    with pytest.raises(ValidationError, match="belum dicentang: angka wajar"):
        verify(demo_db, sekcam, ids, partial)
    assert count(demo_db, m.VerificationCheck) == checks_before
    assert entry(demo_db, "IK04", 4).status is Status.SUBMITTED
    # WHEN everything is ticked THEN both are verified with their checklists
    verify(demo_db, sekcam, ids, {i: (True, True, True, "cocok") for i in ids})
    verified = entry(demo_db, "IK04", 4)
    assert verified.status is Status.VERIFIED and verified.verified_by == sekcam.name
    assert verified.check is not None and verified.check.note == "cocok" and verified.check.checked_by == sekcam.name
    assert set(ids) <= {e.realisation_id for e in approval_queue(demo_db, YEAR, 4)}
    # WHEN the Camat approves THEN they are approved and locked
    approve(demo_db, camat, ids)
    approved = entry(demo_db, "IK04", 4)
    assert approved.status is Status.APPROVED and approved.locked and approved.approved_by == camat.name
    with pytest.raises(RealisationLocked):
        save_realisation(demo_db, who(demo_db, "kasi_pem"), approved.indicator_id, YEAR, 4, Decimal(1), **EMPTY)
    with pytest.raises(RealisationLocked):
        add_evidence(demo_db, who(demo_db, "kasi_pem"), approved.realisation_id, "foto.jpg", b"x")
    with pytest.raises(RealisationLocked):
        return_to_kasi(demo_db, sekcam, [approved.realisation_id], "salah")
    operations = {a.operation for a in list_audit(demo_db)}
    assert {"Isi realisasi", "Ajukan realisasi triwulan", "Verifikasi realisasi", "Setujui realisasi"} <= operations


def test_approve_needs_verification_first(demo_db):
    ids = submitted_tw4_pemerintahan(demo_db)
    with pytest.raises(ValidationError, match="berstatus Diajukan; hanya yang berstatus Diverifikasi dapat disetujui"):
        approve(demo_db, who(demo_db, "camat"), ids)
    assert entry(demo_db, "IK04", 4).status is Status.SUBMITTED


def test_the_sekretaris_returns_with_a_required_reason(demo_db):
    ids = submitted_tw4_pemerintahan(demo_db)
    sekcam, kasi = who(demo_db, "sekcam"), who(demo_db, "kasi_pem")
    with pytest.raises(ValidationError, match="alasan"):
        return_to_kasi(demo_db, sekcam, ids, "   ")
    assert entry(demo_db, "IK04", 4).status is Status.SUBMITTED
    # WHEN returned with a reason THEN the Kasi sees it and may change and submit again
    return_to_kasi(demo_db, sekcam, ids, "Bukti dukung IK04 belum ada")
    returned = entry(demo_db, "IK04", 4)
    assert returned.status is Status.RETURNED and returned.return_reason == "Bukti dukung IK04 belum ada"
    save_realisation(demo_db, kasi, returned.indicator_id, YEAR, 4, Decimal(8), **EMPTY)
    assert entry(demo_db, "IK04", 4).status is Status.RETURNED
    submit_quarter(demo_db, kasi, unit_id(demo_db, "SEKSI_PEMERINTAHAN"), YEAR, 4)
    again = entry(demo_db, "IK04", 4)
    assert again.status is Status.SUBMITTED and again.value == Decimal(8) and again.return_reason == ""


def test_the_camat_returns_only_verified_realisasi(demo_db):
    camat = who(demo_db, "camat")
    # GIVEN IK03 TW III verified and IK04 TW III submitted (demo)
    ik03, ik04 = entry(demo_db, "IK03", 3), entry(demo_db, "IK04", 3)
    with pytest.raises(ValidationError, match="IK04 TW III 2025 berstatus Diajukan"):
        return_to_kasi(demo_db, camat, [ik03.realisation_id, ik04.realisation_id], "Periksa ulang")
    assert entry(demo_db, "IK03", 3).status is Status.VERIFIED  # nothing of the batch was changed
    with pytest.raises(ValidationError, match="alasan"):
        return_to_kasi(demo_db, camat, [ik03.realisation_id], "")
    return_to_kasi(demo_db, camat, [ik03.realisation_id], "Angka tidak sesuai tanda terima")
    returned = entry(demo_db, "IK03", 3)
    assert returned.status is Status.RETURNED and returned.return_reason == "Angka tidak sesuai tanda terima"
    assert returned.verified_by == ""
    with pytest.raises(PermissionDenied):
        return_to_kasi(demo_db, who(demo_db, "kasi_pem"), [ik04.realisation_id], "x")


# --- revisions ---------------------------------------------------------------------------------------


def test_a_locked_value_changes_only_by_revision_with_a_reason(demo_db):
    approved = entry(demo_db, "IK04", 2)  # demo: 6, approved
    rid = approved.realisation_id
    with pytest.raises(PermissionDenied):
        revise(demo_db, who(demo_db, "kasi_pem"), rid, Decimal(7), "salah ketik")
    with pytest.raises(ValidationError, match="alasan"):
        revise(demo_db, who(demo_db, "sekcam"), rid, Decimal(7), " ")
    with pytest.raises(ValidationError, match="belum disetujui"):
        revise(demo_db, who(demo_db, "camat"), entry(demo_db, "IK04", 3).realisation_id, Decimal(7), "x")
    assert revisions(demo_db, rid) == []
    # WHEN the Camat revises with a reason THEN the value changes, stays approved, and old/new/reason are kept
    revise(demo_db, who(demo_db, "camat"), rid, Decimal(7), "Satu pembinaan belum tercatat",
           clock=lambda: dt.datetime(2025, 10, 21, 3, 0))  # fmt: skip
    after = entry(demo_db, "IK04", 2)
    assert after.value == Decimal(7) and after.status is Status.APPROVED
    (revision,) = revisions(demo_db, rid)
    assert (revision.old_value, revision.new_value, revision.reason) == (
        Decimal(6),
        Decimal(7),
        "Satu pembinaan belum tercatat",
    )
    assert revision.revised_by == who(demo_db, "camat").name and revision.revised_at == dt.datetime(2025, 10, 21, 3)
    assert after.revisions == (revision,)
    # The Sekretaris and an administrator may revise too
    revise(demo_db, who(demo_db, "sekcam"), rid, Decimal(8), "Rekap desa terlambat")
    revise(demo_db, who(demo_db, "staf_renkeu"), rid, Decimal(6), "Kembali ke data LHE")
    assert [r.new_value for r in revisions(demo_db, rid)] == [Decimal(7), Decimal(8), Decimal(6)]
    assert any(a.operation == "Revisi realisasi" and a.entity == "realisation_revision" for a in list_audit(demo_db))


# --- bukti dukung ------------------------------------------------------------------------------------


def test_evidence_size_limit_checksum_and_removal(demo_db):
    kasi = who(demo_db, "kasi_pem")
    rid = save_realisation(demo_db, kasi, entry(demo_db, "IK04", 4).indicator_id, YEAR, 4, Decimal(6), **EMPTY)
    before = count(demo_db, m.RealisationEvidence)  # the demo's realisasi carry bukti (issue 13 §5)
    # WHEN a file over 10 MB is added THEN it is refused in Indonesian
    with pytest.raises(ValidationError) as info:
        add_evidence(demo_db, kasi, rid, "scan besar.pdf", b"0" * (MAX_EVIDENCE_BYTES + 1))
    assert "'scan besar.pdf' berukuran 10,0 MB; batasnya 10 MB" in info.value.message
    assert count(demo_db, m.RealisationEvidence) == before
    # WHEN a file of exactly 10 MB comes from a Windows path THEN it is stored with its SHA-256
    data = bytes(range(256)) * (MAX_EVIDENCE_BYTES // 256)
    eid = add_evidence(demo_db, kasi, rid, r"C:\Users\kasi\Dokumen\daftar hadir.pdf", data)
    stored = entry(demo_db, "IK04", 4).evidence
    assert [(e.filename, e.size, e.sha256) for e in stored] == [
        ("daftar hadir.pdf", len(data), hashlib.sha256(data).hexdigest())
    ]
    assert evidence_file(demo_db, eid).data == data
    # WHEN the bytes in the database no longer match THEN reading it says so
    with demo_db.transaction() as s:
        s.execute(update(m.RealisationEvidence).where(m.RealisationEvidence.id == eid).values(data=b"rusak"))
    with pytest.raises(DatabaseError, match="tidak cocok dengan checksum"):
        evidence_file(demo_db, eid)
    with pytest.raises(PermissionDenied):
        remove_evidence(demo_db, who(demo_db, "kasi_kesos"), eid)
    remove_evidence(demo_db, kasi, eid)
    assert entry(demo_db, "IK04", 4).evidence == ()


# --- the demo -----------------------------------------------------------------------------------------


def test_demo_rows_carry_their_trail_and_the_narratives_the_rule_asks_for(demo_db):
    for quarter in (1, 2, 3):
        for e in quarter_entries(demo_db, YEAR, quarter):
            assert e.submitted_by and e.submitted_at, e.code
            if e.status in (Status.VERIFIED, Status.APPROVED):
                assert e.verified_by == "Sri Wahyuningsih, S.Sos., M.M." and e.check is not None
            if e.status is Status.APPROVED:
                assert e.approved_by == "Ardiansyah Nugroho, S.STP., M.Si." and e.approved_at > e.verified_at
            if e.narrative_reason:
                assert e.narrative.missing() == [], (e.code, quarter, e.narrative_reason)
    assert entry(demo_db, "IK09", 2).submitted_by == "Heru Cahyono, S.H."  # the Kasi Trantib of July
    assert entry(demo_db, "IK09", 3).submitted_by == "Rizky Firmansyah, S.STP."
    assert entry(demo_db, "IK12", 2).narrative.inhibiting.startswith("Dua kegiatan pembinaan")
