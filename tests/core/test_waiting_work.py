"""What waits for each role in "Menunggu Anda" beside its SOP steps, on the demo office (2025: TW III realisasi
submitted or verified, TW IV empty)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.waiting_work import WorkItem, waiting_work
from sakip_desktop.ops.monitoring.telaah import save_review
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import approve, quarter_entries, return_to_kasi, save_realisation

DAY = dt.date(2025, 10, 20)  # outside the Sekretaris's Plh. Camat days
YEAR = 2025
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def who(db, username: str):
    return actor_for(db, username, DAY)


def work(db, username: str, role: Role, quarter: int) -> list[WorkItem]:
    actor = who(db, username)
    grant = next(g for g in actor.grants if g.role is role)
    return waiting_work(db, grant, actor.person_id, YEAR, quarter)


def statuses(db, quarter: int, unit_id: int | None = None) -> list[Status | None]:
    return [e.status for e in quarter_entries(db, YEAR, quarter, unit_id)]


def unit_id(db, code: str) -> int:
    return next(u.id for u in list_units(db) if u.code == code)


def test_tw_iii_the_camat_approves_the_verified_and_the_sekretaris_verifies_the_submitted(demo_db):
    # GIVEN the demo TW III: some realisasi verified, the rest submitted
    verified = statuses(demo_db, 3).count(Status.VERIFIED)
    submitted = statuses(demo_db, 3).count(Status.SUBMITTED)
    assert verified and submitted
    # WHEN the Camat and the Sekretaris look THEN each sees the count of their own step, with its tool
    assert work(demo_db, "camat", Role.CAMAT, 3) == [
        WorkItem(f"{verified} realisasi TW III 2025 menunggu persetujuan Anda", "Persetujuan realisasi", verified)
    ]
    assert work(demo_db, "sekcam", Role.SEKRETARIS, 3) == [
        WorkItem(f"{submitted} realisasi TW III 2025 menunggu verifikasi Anda", "Verifikasi realisasi", submitted)
    ]
    # AND a Kasi whose TW III is all sent has nothing to fill
    assert work(demo_db, "kasi_pem", Role.KASI, 3) == []


def test_an_approval_takes_the_item_away_from_the_camat(demo_db):
    # GIVEN the verified TW III realisasi
    ids = [e.realisation_id for e in quarter_entries(demo_db, YEAR, 3) if e.status is Status.VERIFIED]
    # WHEN the Camat approves them
    approve(demo_db, who(demo_db, "camat"), ids)
    # THEN nothing waits for his approval any more
    assert [i.tool for i in work(demo_db, "camat", Role.CAMAT, 3)] == []


def test_tw_iv_each_unit_fills_its_own_indicators(demo_db):
    # GIVEN the empty TW IV
    assert set(statuses(demo_db, 4)) == {None}
    pem = len(statuses(demo_db, 4, unit_id(demo_db, "SEKSI_PEMERINTAHAN")))
    # WHEN the Kasi Pemerintahan looks THEN his seksi's indicators wait to be filled
    assert work(demo_db, "kasi_pem", Role.KASI, 4) == [
        WorkItem(f"{pem} indikator TW IV 2025 belum diisi realisasinya", "Isi realisasi", pem)
    ]
    # AND nothing waits for the Sekretaris, the Camat or the Tim in TW IV
    assert work(demo_db, "sekcam", Role.SEKRETARIS, 4) == []
    assert work(demo_db, "camat", Role.CAMAT, 4) == []
    assert work(demo_db, "kasubag_renkeu", Role.TIM_SAKIP, 4) == []


def test_the_kasubag_and_the_staff_fill_for_the_unit_they_belong_to(demo_db):
    # GIVEN the indicators of the Sub Bagian Perencanaan dan Keuangan in TW IV
    own = len(statuses(demo_db, 4, unit_id(demo_db, "SUBBAG_PERENCANAAN")))
    assert own
    expected = [WorkItem(f"{own} indikator TW IV 2025 belum diisi realisasinya", "Isi realisasi", own)]
    # WHEN its Kasubag and its staff member look THEN both see them
    assert work(demo_db, "kasubag_renkeu", Role.KASUBAG_PERENCANAAN, 4) == expected
    assert work(demo_db, "staf_renkeu", Role.STAF, 4) == expected


def test_drafts_and_returned_realisasi_are_told_apart(demo_db):
    # GIVEN a TW IV draft and a TW III realisasi returned by the Sekretaris, both of Seksi Pemerintahan
    pem = unit_id(demo_db, "SEKSI_PEMERINTAHAN")
    kasi = who(demo_db, "kasi_pem")
    first = quarter_entries(demo_db, YEAR, 4, pem)[0]
    save_realisation(demo_db, kasi, first.indicator_id, YEAR, 4, Decimal(1), **EMPTY)
    sent = next(e for e in quarter_entries(demo_db, YEAR, 3, pem) if e.status is Status.SUBMITTED)
    return_to_kasi(demo_db, who(demo_db, "sekcam"), [sent.realisation_id], "Bukti dukung belum ada")
    # WHEN the Kasi looks at TW IV and TW III
    tw4 = work(demo_db, "kasi_pem", Role.KASI, 4)
    tw3 = work(demo_db, "kasi_pem", Role.KASI, 3)
    # THEN the draft and the missing one are separate items, and the returned one says so
    missing = len(statuses(demo_db, 4, pem)) - 1
    assert [i.text for i in tw4] == [
        f"{missing} indikator TW IV 2025 belum diisi realisasinya",
        "1 realisasi TW IV 2025 masih draf, belum diajukan",
    ]
    assert tw3 == [WorkItem("1 realisasi TW III 2025 dikembalikan untuk diperbaiki", "Isi realisasi", 1)]
    # AND a draft is not yet the Tim's to review
    assert work(demo_db, "analis_kebijakan", Role.TIM_SAKIP, 4) == []


def test_the_tim_reviews_what_was_sent_and_not_yet_reviewed(demo_db):
    # GIVEN TW III: every realisasi sent, none reviewed
    sent = [e for e in quarter_entries(demo_db, YEAR, 3) if e.status in (Status.SUBMITTED, Status.VERIFIED)]
    assert work(demo_db, "analis_kebijakan", Role.TIM_SAKIP, 3) == [
        WorkItem(
            f"{len(sent)} indikator TW III 2025 sudah diajukan realisasinya tetapi belum ditelaah Tim",
            "Pemantauan",
            len(sent),
        )
    ]
    # WHEN the Tim writes one telaah THEN one fewer waits
    save_review(demo_db, who(demo_db, "analis_kebijakan"), sent[0].indicator_id, YEAR, 3, "Capaian wajar.")
    assert work(demo_db, "analis_kebijakan", Role.TIM_SAKIP, 3)[0].count == len(sent) - 1


def test_the_camat_decides_proposed_rekomendasi_of_the_quarter(demo_db):
    # GIVEN the demo's rekomendasi proposed in TW II and not yet decided
    items = work(demo_db, "camat", Role.CAMAT, 2)
    # THEN it waits for the Camat's decision in the 'Rekomendasi' tool
    assert WorkItem("1 rekomendasi TW II 2025 menunggu keputusan Anda", "Rekomendasi", 1) in items


def test_a_draft_pk_waits_for_the_camat_but_not_for_a_plh(demo_db):
    # GIVEN the office's PK 2025 back in draft
    from sakip_desktop.storage import models as m

    with demo_db.transaction() as s:
        pk = s.query(m.PerformanceAgreement).filter_by(year=YEAR, unit_id=None).one()
        pk.status = "DRAFT"
    camat = who(demo_db, "camat")
    # WHEN the Camat and a Plh. Camat look
    own = waiting_work(demo_db, camat.grants[0], camat.person_id, YEAR, 4)
    plh = waiting_work(demo_db, RoleGrant(Role.CAMAT, acting=ActingKind.PLH), None, YEAR, 4)
    # THEN only the Camat, who has the 'Perjanjian Kinerja' tool, is asked to make it final
    assert own == [WorkItem("1 Perjanjian Kinerja 2025 masih draf, menunggu penetapan Anda", "Perjanjian Kinerja", 1)]
    assert plh == []
