"""What waits for each role in "Menunggu Anda" beside its SOP steps, in every open period at once, on the demo office
(2025: TW I-II approved, TW III submitted or verified, TW IV empty).

Issue 13 §1: the count followed the quarter chosen in the status bar, so once a Kasi entered TW IV everyone opened on
TW IV and was told nothing waited while TW III was unverified. These tests pinned the old per-quarter counts
(`waiting_work(db, grant, person, year, quarter)`); they now ask the same questions of every open period.

Issue 15 §2: the Camat and the Tim SAKIP are also reminded of the documents of the submission pack past their
deadline. The demo office sent its pack (`demo.pack`) but for the E.81 and the Laporan Kinerja Triwulan of TW III
2025 (due 10 Oktober, the quarter still under review) and, on DAY, the Berita Acara Evaluasi of TW III (due 15
Oktober): the whole lists below hold that reminder, of the year with no quarter, before the year's quarters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.pack_reads import late_documents
from sakip_desktop.ops.home.waiting_work import PACK_TOOL, WorkItem, open_periods, waiting_work
from sakip_desktop.ops.monitoring.telaah import save_review
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import approve, quarter_entries, return_to_kasi, save_realisation

DAY = dt.date(2025, 10, 20)  # TW III 2025 is reported on; TW IV is under way (outside the Plh. Camat days)
JANUARY = dt.date(2026, 1, 12)  # TW IV 2025 is reported on
YEAR = 2025
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}
# The demo's pack documents late on DAY (issue 15 §2): what the Camat and the Tim are reminded of.
LATE_ON_DAY = {
    ("Laporan Kinerja Triwulan", "TW III 2025"),
    ("Formulir E.81", "TW III 2025"),
    ("Berita Acara Evaluasi Kinerja", "TW III 2025"),
}
LATE_PACK = WorkItem("3 dokumen paket Kabupaten 2025 lewat batas waktu", PACK_TOOL, 3, YEAR)


def who(db, username: str):
    return actor_for(db, username, DAY)


def work(db, username: str, role: Role, today: dt.date = DAY) -> list[WorkItem]:
    actor = who(db, username)
    grant = next(g for g in actor.grants if g.role is role)
    return waiting_work(db, grant, actor.person_id, today)


def texts(items: list[WorkItem]) -> list[str]:
    return [i.text for i in items]


def statuses(db, quarter: int, unit_id: int | None = None) -> list[Status | None]:
    return [e.status for e in quarter_entries(db, YEAR, quarter, unit_id)]


def unit_id(db, code: str) -> int:
    return next(u.id for u in list_units(db) if u.code == code)


def test_the_camat_approves_the_verified_and_the_sekretaris_verifies_the_submitted(demo_db):
    # GIVEN the demo TW III: some realisasi verified, the rest submitted
    verified = statuses(demo_db, 3).count(Status.VERIFIED)
    submitted = statuses(demo_db, 3).count(Status.SUBMITTED)
    assert verified and submitted
    # WHEN the Camat and the Sekretaris look THEN each sees the count of their own step, with its tool and period
    assert WorkItem(
        f"{verified} realisasi TW III 2025 menunggu persetujuan Anda", "Persetujuan realisasi", verified, YEAR, 3
    ) in work(demo_db, "camat", Role.CAMAT)
    assert work(demo_db, "sekcam", Role.SEKRETARIS) == [
        WorkItem(
            f"{submitted} realisasi TW III 2025 menunggu verifikasi Anda", "Verifikasi realisasi", submitted, 2025, 3
        )
    ]
    # AND a Kasi whose TW III is all sent has nothing to fill while TW IV is still under way
    assert work(demo_db, "kasi_pem", Role.KASI) == []


def test_a_kasi_starting_tw_iv_hides_nothing_of_tw_iii(demo_db):
    # GIVEN TW III waiting for the Sekretaris and the Camat, and a Kasi who enters a TW IV realisasi early
    pem = unit_id(demo_db, "SEKSI_PEMERINTAHAN")
    first = quarter_entries(demo_db, YEAR, 4, pem)[0]
    save_realisation(demo_db, who(demo_db, "kasi_pem"), first.indicator_id, YEAR, 4, Decimal(1), **EMPTY)
    # WHEN the Sekretaris and the Camat look
    sekretaris = work(demo_db, "sekcam", Role.SEKRETARIS)
    camat = work(demo_db, "camat", Role.CAMAT)
    # THEN TW III still waits for both (the bug: they were told nothing waited)
    assert [(i.year, i.quarter, i.tool) for i in sekretaris] == [(YEAR, 3, "Verifikasi realisasi")]
    assert (YEAR, 3, "Persetujuan realisasi") in [(i.year, i.quarter, i.tool) for i in camat]
    # AND the quarter one unit started is open for the others: theirs wait to be filled, with its period
    kesos = work(demo_db, "kasi_kesos", Role.KASI)
    assert [(i.tool, i.year, i.quarter) for i in kesos] == [("Isi realisasi", YEAR, 4)]
    assert kesos[0].text.endswith("indikator TW IV 2025 belum diisi realisasinya")


def test_a_quarter_opens_when_it_is_reported_on(demo_db):
    # GIVEN the empty TW IV
    assert set(statuses(demo_db, 4)) == {None}
    assert open_periods(demo_db, DAY) == [(YEAR, 3)]
    # WHEN January comes, when TW IV is reported on
    assert open_periods(demo_db, JANUARY) == [(YEAR, 3), (YEAR, 4)]
    pem = len(statuses(demo_db, 4, unit_id(demo_db, "SEKSI_PEMERINTAHAN")))
    # THEN each unit's indicators wait to be filled
    assert work(demo_db, "kasi_pem", Role.KASI, JANUARY) == [
        WorkItem(f"{pem} indikator TW IV 2025 belum diisi realisasinya", "Isi realisasi", pem, YEAR, 4)
    ]
    # AND the Sekretaris's TW III does not go away
    assert [i.quarter for i in work(demo_db, "sekcam", Role.SEKRETARIS, JANUARY)] == [3]


def test_an_approved_quarter_closes(demo_db):
    # GIVEN TW III open
    assert (YEAR, 3) in open_periods(demo_db, JANUARY)
    # WHEN the Sekretaris verifies and the Camat approves every TW III realisasi
    from sakip_desktop.ops.realisation.review import CheckInput, verify

    sent = [e.realisation_id for e in quarter_entries(demo_db, YEAR, 3) if e.status is Status.SUBMITTED]
    verify(demo_db, who(demo_db, "sekcam"), sent, dict.fromkeys(sent, CheckInput(True, True, True)))
    approve(demo_db, who(demo_db, "camat"), [e.realisation_id for e in quarter_entries(demo_db, YEAR, 3)])
    # THEN TW III is finished: only TW IV is open, and nothing of TW III waits for anyone
    assert open_periods(demo_db, JANUARY) == [(YEAR, 4)]
    assert work(demo_db, "sekcam", Role.SEKRETARIS, JANUARY) == []
    assert [i.tool for i in work(demo_db, "camat", Role.CAMAT, JANUARY) if i.quarter == 3] == []


def test_the_kasubag_and_the_staff_fill_for_the_unit_they_belong_to(demo_db):
    # GIVEN the indicators of the Sub Bagian Perencanaan dan Keuangan in TW IV, reported on in January
    own = len(statuses(demo_db, 4, unit_id(demo_db, "SUBBAG_PERENCANAAN")))
    assert own
    expected = [WorkItem(f"{own} indikator TW IV 2025 belum diisi realisasinya", "Isi realisasi", own, YEAR, 4)]
    # WHEN its Kasubag and its staff member look THEN both see them
    assert work(demo_db, "kasubag_renkeu", Role.KASUBAG_PERENCANAAN, JANUARY) == expected
    assert work(demo_db, "staf_renkeu", Role.STAF, JANUARY) == expected


def test_drafts_and_returned_realisasi_are_told_apart_oldest_first(demo_db):
    # GIVEN a TW IV draft and a TW III realisasi returned by the Sekretaris, both of Seksi Pemerintahan
    pem = unit_id(demo_db, "SEKSI_PEMERINTAHAN")
    kasi = who(demo_db, "kasi_pem")
    first = quarter_entries(demo_db, YEAR, 4, pem)[0]
    save_realisation(demo_db, kasi, first.indicator_id, YEAR, 4, Decimal(1), **EMPTY)
    sent = next(e for e in quarter_entries(demo_db, YEAR, 3, pem) if e.status is Status.SUBMITTED)
    return_to_kasi(demo_db, who(demo_db, "sekcam"), [sent.realisation_id], "Bukti dukung belum ada")
    # WHEN the Kasi looks (one list, whatever quarter the status bar shows)
    items = work(demo_db, "kasi_pem", Role.KASI)
    # THEN the returned TW III comes first, then TW IV's missing and draft ones, each its own item
    missing = len(statuses(demo_db, 4, pem)) - 1
    assert texts(items) == [
        "1 realisasi TW III 2025 dikembalikan untuk diperbaiki",
        f"{missing} indikator TW IV 2025 belum diisi realisasinya",
        "1 realisasi TW IV 2025 masih draf, belum diajukan",
    ]
    assert {i.tool for i in items} == {"Isi realisasi"}
    # AND a draft is not yet the Tim's to review, while TW III's sent ones are (beside the late pack documents)
    tim = work(demo_db, "analis_kebijakan", Role.TIM_SAKIP)
    assert [(i.tool, i.quarter) for i in tim] == [(PACK_TOOL, None), ("Pemantauan", 3)]


def test_the_tim_reviews_what_was_sent_and_not_yet_reviewed(demo_db):
    # GIVEN TW III: every realisasi sent, none reviewed; and the demo's pack documents of TW III still to upload
    sent = [e for e in quarter_entries(demo_db, YEAR, 3) if e.status in (Status.SUBMITTED, Status.VERIFIED)]
    assert {(d.title, d.period) for d in late_documents(demo_db, DAY)} == LATE_ON_DAY
    assert work(demo_db, "analis_kebijakan", Role.TIM_SAKIP) == [
        LATE_PACK,
        WorkItem(
            f"{len(sent)} indikator TW III 2025 sudah diajukan realisasinya tetapi belum ditelaah Tim",
            "Pemantauan",
            len(sent),
            YEAR,
            3,
        ),
    ]
    # WHEN the Tim writes one telaah THEN one fewer waits; the pack's reminder stays as it was
    save_review(demo_db, who(demo_db, "analis_kebijakan"), sent[0].indicator_id, YEAR, 3, "Capaian wajar.")
    after = work(demo_db, "analis_kebijakan", Role.TIM_SAKIP)
    assert after[0] == LATE_PACK and after[1].count == len(sent) - 1


def test_the_camats_work_of_several_periods_comes_oldest_first(demo_db):
    # GIVEN the demo's rekomendasi proposed in TW II and not yet decided, and TW III verified realisasi
    items = work(demo_db, "camat", Role.CAMAT)
    # THEN both wait, the TW II rekomendasi first, each for its own tool and period; the year's late pack documents
    # (of no quarter) come before the year's quarters
    assert [(i.tool, i.year, i.quarter) for i in items] == [
        (PACK_TOOL, YEAR, None),
        ("Rekomendasi", YEAR, 2),
        ("Persetujuan realisasi", YEAR, 3),
    ]
    assert items[0] == LATE_PACK and items[0].period == "2025"
    assert items[1].text == "1 rekomendasi TW II 2025 menunggu keputusan Anda" and items[1].period == "TW II 2025"


def test_an_approval_takes_the_item_away_from_the_camat(demo_db):
    # GIVEN the verified TW III realisasi
    ids = [e.realisation_id for e in quarter_entries(demo_db, YEAR, 3) if e.status is Status.VERIFIED]
    # WHEN the Camat approves them
    approve(demo_db, who(demo_db, "camat"), ids)
    # THEN nothing waits for his approval any more
    assert [i.tool for i in work(demo_db, "camat", Role.CAMAT) if i.tool == "Persetujuan realisasi"] == []


def test_a_draft_pk_waits_for_the_camat_but_not_for_a_plh(demo_db):
    # GIVEN the office's PK 2025 back in draft
    from sakip_desktop.storage import models as m

    with demo_db.transaction() as s:
        pk = s.query(m.PerformanceAgreement).filter_by(year=YEAR, unit_id=None).one()
        pk.status = "DRAFT"
    camat = who(demo_db, "camat")
    # WHEN the Camat and a Plh. Camat look
    own = waiting_work(demo_db, camat.grants[0], camat.person_id, DAY)
    plh = waiting_work(demo_db, RoleGrant(Role.CAMAT, acting=ActingKind.PLH), None, DAY)
    # THEN only the Camat, who has the 'Perjanjian Kinerja' tool, is asked to make it final, first (it is the year's)
    pk_item = WorkItem("1 Perjanjian Kinerja 2025 masih draf, menunggu penetapan Anda", "Perjanjian Kinerja", 1, YEAR)
    assert own[0] == pk_item and pk_item.period == "2025"
    assert pk_item not in plh and plh


def test_a_kasi_starting_tw_iv_does_not_move_everyone_to_tw_iv(demo_db):
    from sakip_desktop.ops.home.overview import default_period

    # GIVEN an office whose reporting year (2026) has no targets: the window opens on the work under way, TW III
    late = dt.date(2026, 11, 22)
    assert default_period(demo_db, late) == (YEAR, 3)
    # WHEN one Kasi enters a TW IV realisasi early
    pem = unit_id(demo_db, "SEKSI_PEMERINTAHAN")
    first = quarter_entries(demo_db, YEAR, 4, pem)[0]
    save_realisation(demo_db, who(demo_db, "kasi_pem"), first.indicator_id, YEAR, 4, Decimal(1), **EMPTY)
    # THEN everyone still opens on TW III, the earliest quarter not yet approved (it was the latest with data: TW IV)
    assert default_period(demo_db, late) == (YEAR, 3)
