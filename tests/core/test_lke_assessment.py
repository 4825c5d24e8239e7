"""The yearly self-assessment of the demo office: the 88/2021 template loaded, answers proposed from the demo's own
records, the projected score and predikat against a hand computation, the gap list, accepting and overriding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.lke.assessment import (
    AnswerInput,
    attach_evidence,
    link_evidence,
    remove_evidence,
    save_answer,
    save_assessment,
    sign,
    unlock,
)
from sakip_desktop.ops.lke.score import rounded
from sakip_desktop.ops.lke.views import evidence_choices, lke_view
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 15)  # the demo's anchor: TW I–III have ended
DPA = dt.date(2025, 1, 6)

# The hand computation. Per sub-component: (weight, number of criteria, the values of the answers the demo's records
# give: Y 100, T 0, AA 100, A 90, BB 80, B 70, CC 60, C 50, D 30, E 0); its score is weight × sum / (n × 100).
HAND = {
    "1.a": (6, 9, [100, 100, 100, 100, 0, 100]),  # Renstra, target TW, PK final, PK ≤ 1 bulan DPA, unggah T, IKU
    "1.b": (9, 8, [100, 100, 100, 100]),  # IKU SMART, target, target TW, anggaran per sasaran
    "1.c": (15, 8, [90, 30, 90, 70]),  # capaian 99,61% A, telaah 1/3 D, PK Perubahan A, PK unit 6/8 B
    "2.a": (6, 5, [100, 100, 100, 100, 0]),  # SOP, definisi, verifikasi, realisasi diisi, disetujui 24/36 T
    "2.b": (9, 7, [70, 100, 60, 60, 100]),  # SOP tepat waktu 76% B, bukti, berjenjang 67%, SOP TW 2/3, aplikasi
    "2.c": (15, 8, [30, 30, 50, 50, 100]),  # faktor 36%, BA 1/3, TL 1/2, rekomendasi 1/2, unit mengisi
    "3.a": (3, 6, [0, 0, 0, 0]),  # LKj belum dicetak/ditandatangani, laporan TW dan E.81 belum dicetak
    "3.b": (Decimal("4.5"), 7, [100, 100, 0, 0, 60, 100]),  # target, Renstra, tahun lalu E, pembanding E, penyebab 67%
    "3.c": (Decimal("7.5"), 5, []),
    "4.a": (5, 5, [100, 100, 100, 100]),  # SK Tim, BA, penilaian mandiri, SOP evaluasi
    "4.b": (Decimal("7.5"), 5, [30, 30, 70]),  # telaah 1/3, pembahasan 4/12, SOP evaluasi tepat waktu 80% B
    "4.c": (Decimal("12.5"), 6, [0, 30]),  # rekomendasi belum tuntas E; rekomendasi LHE 2024 tuntas 1 dari 3 D
}


def hand_total() -> Decimal:
    return sum((Decimal(w) * sum(values) / (n * 100) for w, n, values in HAND.values()), Decimal(0))


@pytest.fixture
def tim(demo_db):
    return actor_for(demo_db, "analis_kebijakan", DAY)


def test_the_demo_gets_proposals_and_the_hand_computed_score(demo_db, tim):
    # GIVEN the demo office, the assessment of 2025 started with the DPA date
    save_assessment(demo_db, tim, 2025, dpa_date=DPA)
    # WHEN the year is read as of the demo's day
    view = lke_view(demo_db, 2025, today=DAY)
    # THEN the 88/2021 template is loaded and at least a third of its criteria get a proposal with a reason
    assert view.template.code == "PERMENPANRB-88-2021" and len(view.lines) == 79
    proposed = [x for x in view.lines if x.proposal and x.proposal.answer]
    assert len(proposed) >= 79 / 3 and all(x.proposal.reason for x in proposed)
    assert "6 Januari 2025" in view.line("1.a.7").proposal.reason
    # and each sub-component, the total and the predikat agree with the hand computation
    for part in view.score.subcomponents:
        w, n, values = HAND[part.code]
        assert rounded(part.score) == rounded(Decimal(w) * sum(values) / (n * 100)), part.code
    assert rounded(view.score.total) == rounded(hand_total()) == Decimal("36.66")
    assert view.score.band.code == "C" and view.score.band.label == "Kurang"


def test_the_gap_list_is_ordered_by_the_points_a_criterion_would_add(demo_db):
    view = lke_view(demo_db, 2025, today=DAY)
    gaps = view.score.gaps
    points = [g.gap for g in gaps]
    assert points == sorted(points, reverse=True) and points[0] > 0
    # an Evaluasi pemanfaatan criterion at 0 is worth 12,5 / 6 points, the most of any
    assert gaps[0].criterion.code == "4.c.1" and rounded(gaps[0].gap) == Decimal("2.08")
    # a criterion already at its best answer is not in the list; what would change a gap is said
    assert "1.b.2" not in {g.criterion.code for g in gaps}
    assert view.line("2.c.5").proposal.change.startswith("Adakan rapat evaluasi")


def test_accepting_and_overriding_a_proposal(demo_db, tim):
    view = lke_view(demo_db, 2025, today=DAY)
    p = view.line("1.a.8").proposal
    # WHEN the Tim overrides the proposal without a reason THEN it is refused in Indonesian and nothing is stored
    with pytest.raises(ValidationError, match=r"berbeda dari usulan program \(T\); tulis alasan"):
        save_answer(demo_db, tim, 2025, AnswerInput("1.a.8", "Y", proposed=p.answer, proposal_reason=p.reason))
    with demo_db.reading() as s:
        assert s.scalar(select(m.LkeAnswer.id)) is None
    # WHEN he overrides with a reason, accepts another and answers a criterion the records cannot speak to
    save_answer(
        demo_db,
        tim,
        2025,
        AnswerInput(
            "1.a.8",
            "Y",
            override_reason="Diunggah 20 Januari; bukti e-SAKIP",
            proposed=p.answer,
            proposal_reason=p.reason,
            rule_code="publikasi",
        ),
    )
    q = view.line("2.c.5").proposal
    save_answer(demo_db, tim, 2025, AnswerInput("2.c.5", q.answer, proposed=q.answer, proposal_reason=q.reason))
    save_answer(demo_db, tim, 2025, AnswerInput("3.c.1", "B", justification="Disposisi Camat atas laporan TW"))
    # THEN the answers count in the projection: +6/9 points for 1.a.8 and 7,5/5 × 0,7 for 3.c.1
    after = lke_view(demo_db, 2025, today=DAY)
    assert after.line("1.a.8").decision == "OVERRIDDEN" and after.line("1.a.8").proposed_then == "T"
    assert after.line("2.c.5").decision == "ACCEPTED" and after.line("3.c.1").decision == "MANUAL"
    before = lke_view(demo_db, 2024, today=DAY)  # another year is untouched
    assert before.assessment_id is None
    gain = after.score.total - view.score.total
    assert rounded(gain) == rounded(Decimal(6) / 9 + Decimal("7.5") / 5 * Decimal("0.7"))
    # and an answer outside the criterion's scale is refused
    with pytest.raises(ValidationError, match=r"tidak ada pada skala kriteria 1\.a\.1"):
        save_answer(demo_db, tim, 2025, AnswerInput("1.a.1", "AA"))


def test_evidence_from_the_records_and_attached_files(demo_db, tim):
    choices = evidence_choices(demo_db, 2025)
    bukti = next(c for c in choices if c[0] == "BUKTI")
    link_evidence(demo_db, tim, 2025, "2.b.3", bukti[0], bukti[1])
    attached = attach_evidence(demo_db, tim, 2025, "4.a.2", "sk-tim-sakip.pdf", b"%PDF-1.4 SK")
    view = lke_view(demo_db, 2025, today=DAY)
    assert [e.source for e in view.line("2.b.3").evidence] == ["BUKTI"]
    assert view.line("4.a.2").evidence[0].filename == "sk-tim-sakip.pdf"
    remove_evidence(demo_db, tim, attached)
    assert lke_view(demo_db, 2025, today=DAY).line("4.a.2").evidence == ()


def test_only_the_camat_signs_and_a_signed_year_is_locked(demo_db, tim):
    camat = actor_for(demo_db, "camat", DAY)
    save_assessment(demo_db, tim, 2025, dpa_date=DPA)
    with pytest.raises(PermissionDenied):
        sign(demo_db, tim, 2025)
    with pytest.raises(PermissionDenied):
        save_answer(demo_db, camat, 2025, AnswerInput("3.c.1", "B"))
    sign(demo_db, camat, 2025)
    assert lke_view(demo_db, 2025, today=DAY).signed
    with pytest.raises(ValidationError, match="sudah ditandatangani Camat"):
        save_answer(demo_db, tim, 2025, AnswerInput("3.c.1", "B"))
    with pytest.raises(ValidationError, match="alasan"):
        unlock(demo_db, camat, 2025, " ")
    unlock(demo_db, camat, 2025, "Perbaikan jawaban 3.c.1")
    save_answer(demo_db, tim, 2025, AnswerInput("3.c.1", "B"))
