"""What waits for each role in "Menunggu Anda" beside its SOP steps, in every open period at once, on the demo office
(2025: TW I-II approved, TW III submitted or verified, TW IV empty).

Issue 13 §1: the count followed the quarter chosen in the status bar, so once a Kasi entered TW IV everyone opened on
TW IV and was told nothing waited while TW III was unverified. These tests pinned the old per-quarter counts
(`waiting_work(db, grant, person, year, quarter)`); they now ask the same questions of every open period.

Issue 15 §2: the Camat and the Tim SAKIP are also reminded of the documents of the submission pack past their
deadline. The demo office sent its pack (`demo.pack`) but for the E.81 and the Laporan Kinerja Triwulan of TW III
2025 (due 10 Oktober, the quarter still under review) and, on DAY, the Berita Acara Evaluasi of TW III (due 15
Oktober): the whole lists below hold that reminder, of the year with no quarter, before the year's quarters.

Tester T2-3: the open quarters came from the reporting year alone, so in a new year without targets the Kasi was not
told that last year's TW IV was still to fill; they now reach back over every year with targets. Tester T2-2: a late
pack document was dropped a year after its deadline; it is now reminded of until it is uploaded."""

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


# --- T2-3: the open periods reach back over the years held ---------------------------------------------------

LATER = dt.date(2026, 11, 22)  # a new year with no targets of its own; 2025's TW IV never filled


def _hold_a_year_before(db, unit_code: str, quarters: range) -> int:
    """Copy the unit's 2025 targets to 2024, with the realisasi of `quarters` approved; the number of indicators."""
    from sakip_desktop.storage import models as m

    unit = unit_id(db, unit_code)
    with db.transaction() as s:
        targets = (
            s.query(m.YearlyTarget)
            .join(m.Indicator, m.Indicator.id == m.YearlyTarget.indicator_id)
            .filter(m.YearlyTarget.year == YEAR, m.Indicator.responsible_unit_id == unit)
            .all()
        )
        for t in targets:
            s.add(m.YearlyTarget(indicator_id=t.indicator_id, year=YEAR - 1, value=t.value, value_high=t.value_high))
            for q in quarters:
                s.add(m.Realisation(indicator_id=t.indicator_id, year=YEAR - 1, quarter=q, value=Decimal(1),
                                    status=Status.APPROVED.value))  # fmt: skip
    return len(targets)


def test_last_years_tw_iv_still_waits_in_the_new_year(demo_db):
    # GIVEN the demo's 2025 with TW IV never filled, looked at in November 2026 (2026 plans nothing)
    pem = len(statuses(demo_db, 4, unit_id(demo_db, "SEKSI_PEMERINTAHAN")))
    # WHEN the open periods are read THEN every ended quarter of 2025 not yet approved is open (the bug: TW IV was
    # dropped because the quarters were taken from the reporting year 2026 alone)
    assert open_periods(demo_db, LATER) == [(YEAR, 3), (YEAR, 4)]
    # AND the Kasi whose TW III is all sent is told to fill TW IV 2025, with its period
    assert work(demo_db, "kasi_pem", Role.KASI, LATER) == [
        WorkItem(f"{pem} indikator TW IV 2025 belum diisi realisasinya", "Isi realisasi", pem, YEAR, 4)
    ]
    # AND the Sekretaris still verifies TW III 2025
    assert [(i.year, i.quarter) for i in work(demo_db, "sekcam", Role.SEKRETARIS, LATER)] == [(YEAR, 3)]


def test_an_earlier_year_held_stays_open_until_done_oldest_first(demo_db):
    # GIVEN 2024 held for the Seksi Pemerintahan: its targets, TW I-III approved, TW IV never filled
    held = _hold_a_year_before(demo_db, "SEKSI_PEMERINTAHAN", range(1, 4))
    # WHEN the office looks on DAY (October 2025) THEN TW IV 2024 is open, before TW III 2025
    assert open_periods(demo_db, DAY) == [(YEAR - 1, 4), (YEAR, 3)]
    assert work(demo_db, "kasi_pem", Role.KASI) == [
        WorkItem(f"{held} indikator TW IV 2024 belum diisi realisasinya", "Isi realisasi", held, YEAR - 1, 4)
    ]
    # AND another unit, which planned nothing in 2024, is told nothing of 2024
    assert work(demo_db, "kasi_kesos", Role.KASI) == []


def test_a_finished_year_adds_nothing(demo_db):
    from sakip_desktop.ops.measurement.year import measure_year
    from sakip_desktop.storage import models as m

    # GIVEN 2024 held and finished: every quarter of every planned indicator approved
    _hold_a_year_before(demo_db, "SEKSI_PEMERINTAHAN", range(1, 5))
    assert measure_year(demo_db, YEAR - 1).final
    # THEN it opens no period
    assert open_periods(demo_db, DAY) == [(YEAR, 3)]
    # AND once 2025 is finished too (TW III approved, TW IV entered and approved), nothing is open in 2026
    with demo_db.transaction() as s:
        for r in s.query(m.Realisation).filter_by(year=YEAR, quarter=3):
            r.status = Status.APPROVED.value
        for t in s.query(m.YearlyTarget).filter_by(year=YEAR):
            s.add(m.Realisation(indicator_id=t.indicator_id, year=YEAR, quarter=4, value=t.value,
                                status=Status.APPROVED.value))  # fmt: skip
    assert measure_year(demo_db, YEAR).final
    assert open_periods(demo_db, LATER) == []
    assert work(demo_db, "kasi_pem", Role.KASI, LATER) == []


# --- T2-2: a late pack document is reminded until it is uploaded ---------------------------------------------


def test_a_late_pack_document_is_reminded_until_it_is_uploaded_however_late(demo_db):
    from sakip_desktop.ops.pack.checklist import checklist
    from sakip_desktop.ops.pack.due import DIUNGGAH
    from sakip_desktop.ops.pack.edit import set_status

    # GIVEN the demo's TW III 2025 documents never sent, looked at more than a year after their deadline
    late = late_documents(demo_db, LATER)
    # THEN they are still reminded of (the bug: dropped a year after their deadline)
    assert {(d.title, d.period) for d in late} >= LATE_ON_DAY
    # AND "Menunggu Anda" counts for 2025 what the Paket page of 2025 shows late
    page = sum(1 for r in checklist(demo_db, YEAR, LATER) if r.overdue)
    camat = [i for i in work(demo_db, "camat", Role.CAMAT, LATER) if i.tool == PACK_TOOL and i.year == YEAR]
    assert [i.count for i in camat] == [page] and page >= len(LATE_ON_DAY)
    # WHEN the E.81 of TW III 2025 is uploaded THEN it is no longer reminded of
    tim = actor_for(demo_db, "analis_kebijakan", LATER)
    set_status(demo_db, tim, "e81", YEAR, 3, DIUNGGAH, uploaded_on=LATER)
    after = {(d.title, d.period) for d in late_documents(demo_db, LATER)}
    assert ("Formulir E.81", "TW III 2025") not in after
    assert ("Laporan Kinerja Triwulan", "TW III 2025") in after


def test_an_earlier_years_pack_kept_by_the_office_stays_reminded(demo_db):
    # GIVEN 2025's pack kept by the office with TW III's documents never sent, looked at in 2028 (two years on)
    years_on = dt.date(2028, 3, 1)
    # THEN they are still reminded of, with their year
    assert {(d.title, d.period) for d in late_documents(demo_db, years_on)} >= LATE_ON_DAY
