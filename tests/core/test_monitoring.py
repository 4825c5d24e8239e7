"""Pemantauan on the demo office: the Tim's telaah beside the capaian, the Sekretaris's rekomendasi, the Camat's
decision, and who may do which."""

from __future__ import annotations

import datetime as dt

import pytest

from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.audit.trail import list_audit
from sakip_desktop.ops.monitoring.follow_up_views import recommendation_follow_ups
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up
from sakip_desktop.ops.monitoring.telaah import (
    ACCEPTED,
    PROPOSED,
    REJECTED,
    add_recommendation,
    decide_recommendation,
    delete_recommendation,
    monitoring_sheet,
    recommendations,
    save_review,
    update_recommendation,
)
from sakip_desktop.ops.org.auth import actor_for

DAY = dt.date(2025, 10, 20)  # outside the Sekcam's Plh. Camat days


def who(db, username: str):
    return actor_for(db, username, DAY)


def row(db, code: str, quarter: int = 3):
    return next(r for r in monitoring_sheet(db, 2025, quarter) if r.measurement.info.code == code)


def test_demo_has_telaah_and_recommendations_of_tw2(demo_db):
    # GIVEN the demo office
    # WHEN the monitoring sheet of TW II 2025 is read
    sheet = monitoring_sheet(demo_db, 2025, 2)
    # THEN every measured indicator is listed with its capaian, five with the Tim's telaah
    assert len(sheet) == 12
    written = [r for r in sheet if r.text]
    assert len(written) == 5
    assert all(r.measurement.achievement_to_date is not None for r in written)
    assert {r.reviewed_by for r in written} == {"Wulan Sari Dewi, S.IP., M.AP."}
    # AND two rekomendasi: one accepted (with a tindak lanjut made from it), one waiting for the Camat
    recs = recommendations(demo_db, 2025, 2)
    assert [r.status for r in recs] == [ACCEPTED, PROPOSED]
    assert recs[0].subject.startswith("IK08") and recs[1].subject == "Umum"
    assert recs[0].follow_ups == 1


def test_tim_writes_updates_and_clears_a_telaah(demo_db):
    # GIVEN a member of the Tim SAKIP (the Analis Kebijakan) and an indicator without telaah in TW III
    tim = who(demo_db, "analis_kebijakan")
    before = row(demo_db, "IK04")
    assert before.text == ""
    # WHEN she writes a telaah, then changes it
    first = save_review(demo_db, tim, before.indicator_id, 2025, 3, "  Pembinaan desa sesuai jadwal.\r\n ")
    again = save_review(demo_db, tim, before.indicator_id, 2025, 3, "Pembinaan desa melampaui jadwal.")
    # THEN there is one telaah, the latest text, trimmed, by her, beside the capaian
    assert first == again
    after = row(demo_db, "IK04")
    assert after.text == "Pembinaan desa melampaui jadwal."
    assert after.reviewed_by == tim.name
    assert after.measurement.info.code == "IK04"
    # AND both writes are in the audit trail
    mine = [e for e in list_audit(demo_db) if e.entity == "monitoring_review" and e.entity_id == first]
    assert [e.operation for e in mine] == ["Simpan telaah", "Simpan telaah"]
    # WHEN she empties it THEN the telaah is gone
    assert save_review(demo_db, tim, before.indicator_id, 2025, 3, "   ") is None
    assert row(demo_db, "IK04").text == ""


def test_only_the_tim_writes_telaah(demo_db):
    # GIVEN a Kasi who is not in the Tim SAKIP
    kasi = who(demo_db, "kasi_ekbang")
    indicator = row(demo_db, "IK11").indicator_id
    # WHEN he tries to write a telaah THEN it is refused, naming who may
    with pytest.raises(PermissionDenied, match="Tim SAKIP"):
        save_review(demo_db, kasi, indicator, 2025, 3, "Telaah")
    assert row(demo_db, "IK11").text == ""


def test_telaah_refuses_a_wrong_quarter_and_a_too_long_text(demo_db):
    tim = who(demo_db, "analis_kebijakan")
    indicator = row(demo_db, "IK01").indicator_id
    with pytest.raises(ValidationError):
        save_review(demo_db, tim, indicator, 2025, 5, "Telaah")
    with pytest.raises(ValidationError, match="terlalu panjang"):
        save_review(demo_db, tim, indicator, 2025, 3, "x" * 4001)


def test_sekretaris_recommends_and_camat_accepts_or_rejects(demo_db):
    # GIVEN the Sekretaris and the Camat
    sekcam, camat = who(demo_db, "sekcam"), who(demo_db, "camat")
    indicator = row(demo_db, "IK09").indicator_id
    # WHEN the Sekretaris writes one rekomendasi for an indicator and one general, and edits the first
    one = add_recommendation(demo_db, sekcam, 2025, 3, "Tingkatkan patroli malam.", indicator)
    two = add_recommendation(demo_db, sekcam, 2025, 3, "Rapat koordinasi bulanan.")
    update_recommendation(demo_db, sekcam, one, "Tingkatkan patroli malam hari.", indicator)
    # AND the Camat accepts the first and rejects the second with a note
    decide_recommendation(demo_db, camat, one, True)
    with pytest.raises(ValidationError, match="Catatan"):
        decide_recommendation(demo_db, camat, two, False, "  ")
    decide_recommendation(demo_db, camat, two, False, "Sudah ada rapat staf mingguan.")
    # THEN both carry the decision, who made it and the note
    recs = {r.id: r for r in recommendations(demo_db, 2025, 3)}
    assert recs[one].status == ACCEPTED and recs[one].text == "Tingkatkan patroli malam hari."
    assert recs[one].subject.startswith("IK09")
    assert recs[two].status == REJECTED and recs[two].decision_note == "Sudah ada rapat staf mingguan."
    assert recs[two].decided_by == camat.name and recs[two].decided_at is not None
    # AND a decided rekomendasi can no longer be changed, deleted or decided again
    with pytest.raises(ValidationError, match="sudah diterima"):
        update_recommendation(demo_db, sekcam, one, "Lain")
    with pytest.raises(ValidationError):
        delete_recommendation(demo_db, sekcam, two)
    with pytest.raises(ValidationError):
        decide_recommendation(demo_db, camat, one, False, "berubah pikiran")


def test_roles_of_recommendations(demo_db):
    # GIVEN a rekomendasi written by the Sekretaris
    sekcam, camat, tim = who(demo_db, "sekcam"), who(demo_db, "camat"), who(demo_db, "analis_kebijakan")
    rec = add_recommendation(demo_db, sekcam, 2025, 3, "Perbaiki bukti dukung.")
    # THEN the Camat cannot write one, the Tim cannot decide, the Sekretaris cannot decide her own
    with pytest.raises(PermissionDenied):
        add_recommendation(demo_db, camat, 2025, 3, "x")
    with pytest.raises(PermissionDenied):
        decide_recommendation(demo_db, tim, rec, True)
    with pytest.raises(PermissionDenied):
        decide_recommendation(demo_db, sekcam, rec, True)
    # AND an empty rekomendasi is refused, naming the field
    with pytest.raises(ValidationError) as refused:
        add_recommendation(demo_db, sekcam, 2025, 3, " ")
    assert refused.value.field == "text"


def test_only_an_accepted_recommendation_becomes_a_follow_up(demo_db):
    # GIVEN a proposed rekomendasi and a Kasi to carry it out
    sekcam, camat = who(demo_db, "sekcam"), who(demo_db, "camat")
    indicator = row(demo_db, "IK09").indicator_id
    rec = add_recommendation(demo_db, sekcam, 2025, 3, "Tambah titik patroli.", indicator)
    kasi = who(demo_db, "kasi_trantib")
    data = FollowUpInput("Menambah titik patroli di pasar.", kasi.person_id, dt.date(2025, 11, 30))
    # WHEN it is turned into a tindak lanjut before the Camat accepts it THEN that is refused
    with pytest.raises(ValidationError, match="diterima Camat"):
        add_follow_up(demo_db, sekcam, data, recommendation_id=rec)
    # WHEN the Camat accepts it THEN it becomes a tindak lanjut of its indicator, in the Kasi's name
    decide_recommendation(demo_db, camat, rec, True)
    follow_up = add_follow_up(demo_db, sekcam, data, recommendation_id=rec)
    [view] = recommendation_follow_ups(demo_db, [rec], DAY)
    assert view.id == follow_up and view.indicator.startswith("IK09")
    assert view.responsible_person_id == kasi.person_id
    assert view.meeting_title == "Rekomendasi TW III 2025"
