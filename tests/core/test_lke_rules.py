"""Each rule proposing an LKE answer, on facts stated here: a well-kept office gets the best answer, and the one
fact each rule reads, spoiled, gives the answer and the reason the office would check."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from sakip_desktop.ops.lke.facts import Facts, Part, SopFacts, quarters_ended
from sakip_desktop.ops.lke.proposal import ladder
from sakip_desktop.ops.lke.rules import RULES, one_month_after
from sakip_desktop.ops.lke.template import shipped_template

ALL = Part(12, 12)
SOPS = SopFacts(("Pengumpulan data kinerja per triwulan",), 40, 0)
GOOD = Facts(
    year=2025, today=dt.date(2026, 2, 20), quarters_due=(1, 2, 3, 4), dpa_date=dt.date(2025, 1, 6),
    plan="Renstra 2021-2026", indicators=12, iku=Part(6, 6), iku_count=6, yearly_targets=ALL, renstra_targets=ALL,
    quarter_targets=ALL, benchmarks=ALL, office_pk_signed_on=dt.date(2025, 1, 31), pk_revisions=("Mutasi Kasi",),
    unit_pks=Part(8, 8), pk_budget_lines=3, entered=Part(48, 48), approved=Part(48, 48), with_evidence=Part(48, 48),
    with_narrative=Part(48, 48), verified_checks=Part(48, 48), units_entering=Part(6, 6), reporting_sops=SOPS,
    collecting_sops=SOPS, evaluating_sops=SOPS, collecting_runs=Part(4, 4), meetings=Part(4, 4), meetings_final=4,
    meeting_participants=40, meeting_discussions=48, follow_ups=Part(5, 5), recommendations=Part(2, 2),
    recommendations_decided=Part(2, 2), reviews=Part(4, 4), triwulan_printed=Part(4, 4), e81_printed=Part(4, 4),
    lkj_printed=True, lkj_signed_on=dt.date(2026, 2, 10), published=Part(3, 3), lkj_published=True,
    team_decree="188.4/05/2025", lkj_target_actual=ALL, lkj_renstra=ALL, lkj_history=ALL, lkj_causes=ALL,
    lkj_efficiency=Part(5, 5), achievement=Decimal("101.5"), lhe_follow_up=Part(3, 3),
    lhe_scores=((2023, Decimal("62.1")), (2024, Decimal("66.4"))),
)  # fmt: skip
HALF = Part(1, 2)
NO_SOPS = SopFacts((), 0, 0)
# rule code -> (facts changed, the answer proposed, words of the reason)
CASES: dict[str, tuple[dict[str, object], str, str]] = {
    "renstra": ({"plan": ""}, "T", "Tidak ada Renstra tahun 2025"),
    "rencana-aksi": ({"quarter_targets": Part(11, 12)}, "T", "11 dari 12"),
    "pk-ditetapkan": ({"office_pk_signed_on": None}, "T", "belum ditetapkan"),
    "pk-tepat-waktu": ({"office_pk_signed_on": dt.date(2025, 2, 7)}, "T",
                       "32 hari setelah DPA disahkan 6 Januari 2025"),
    "publikasi-perencanaan": ({"published": Part(2, 3)}, "T", "2 dari 3"),
    "iku-ada": ({"iku_count": 0}, "T", "0 dari 12"),
    "iku-smart": ({"iku": Part(3, 6)}, "C", "3 dari 6 (50%)"),
    "target": ({"renstra_targets": Part(9, 12)}, "B", "9 dari 12 (75%)"),
    "target-triwulan": ({"quarter_targets": Part(6, 12)}, "C", "6 dari 12"),
    "anggaran-sasaran": ({"lkj_efficiency": Part(4, 5)}, "BB", "4 dari 5 (80%)"),
    "capaian": ({"achievement": Decimal("87.25")}, "BB", "87,25%"),
    "telaah": ({"reviews": Part(1, 4)}, "D", "1 dari 4 (25%)"),
    "pk-perubahan": ({"pk_revisions": ()}, "", "Tidak ada PK Perubahan"),
    "pk-unit": ({"unit_pks": Part(6, 8)}, "B", "6 dari 8 (75%)"),
    "sop-pengumpulan": ({"collecting_sops": NO_SOPS}, "T", "Tidak ada SOP pengumpulan data kinerja yang aktif"),
    "definisi-iku": ({"iku": Part(5, 6)}, "T", "5 dari 6"),
    "verifikasi": ({"verified_checks": Part(40, 48)}, "T", "40 dari 48"),
    "pengukuran-berkala": ({"entered": Part(47, 48)}, "T", "47 dari 48"),
    "persetujuan": ({"approved": Part(24, 36)}, "T", "24 dari 36 (67%)"),
    "sop-pelaporan-tepat-waktu": ({"reporting_sops": SopFacts(("Pelaporan",), 181, 43)}, "B", "138 dari 181 (76%)"),
    "bukti-dukung": ({"with_evidence": Part(0, 48)}, "E", "0 dari 48 (0%)"),
    "berjenjang": ({"approved": Part(24, 36)}, "CC", "24 dari 36"),
    "pengumpulan-berkala": ({"collecting_runs": Part(2, 3)}, "CC", "2 dari 3 (67%)"),
    "aplikasi": ({"entered": Part(0, 0)}, "", "Belum ada triwulan yang berakhir"),
    "analisis-faktor": ({"with_narrative": Part(13, 36)}, "D", "13 dari 36 (36%)"),
    "berita-acara": ({"meetings": Part(1, 3)}, "D", "1 dari 3 (33%)"),
    "tindak-lanjut": ({"follow_ups": HALF}, "C", "1 dari 2 (50%)"),
    "rekomendasi-diputuskan": ({"recommendations_decided": Part(0, 0)}, "", "Belum ada rekomendasi tahun ini"),
    "unit-mengukur": ({"units_entering": Part(5, 6)}, "BB", "5 dari 6 (83%)"),
    "lkj-ada": ({"lkj_printed": False}, "T", "belum dicetak"),
    "laporan-triwulan": ({"triwulan_printed": Part(3, 4)}, "T", "3 dari 4"),
    "lkj-ditandatangani": ({"lkj_signed_on": None}, "T", "belum ditandatangani"),
    "lkj-diunggah": ({"lkj_published": None}, "", "Batas waktu unggah LKj belum tiba"),
    "e81": ({"e81_printed": Part(0, 4)}, "T", "0 dari 4"),
    "lkj-target-realisasi": ({"lkj_target_actual": Part(11, 12)}, "A", "11 dari 12 (92%)"),
    "lkj-renstra": ({"lkj_renstra": Part(0, 0)}, "", "Belum ada indikator dalam LKj"),
    "lkj-tahun-lalu": ({"lkj_history": Part(0, 12)}, "E", "0 dari 12"),
    "lkj-pembanding": ({"benchmarks": Part(0, 12)}, "E", "standar nasional/pembanding: 0 dari 12"),
    "lkj-penyebab": ({"lkj_causes": Part(8, 12)}, "CC", "8 dari 12 (67%)"),
    "lkj-efisiensi": ({"lkj_efficiency": Part(3, 5)}, "CC", "3 dari 5 (60%)"),
    "tim-sakip": ({"team_decree": " "}, "T", "belum diisi"),
    "evaluasi-internal": ({"meetings_final": 0}, "T", "tahun 2025: 0"),
    "penilaian-mandiri": ({}, "Y", "diisi di SAKIP Desktop"),
    "sop-evaluasi": ({"evaluating_sops": NO_SOPS}, "T", "Tidak ada SOP evaluasi/pemantauan yang aktif"),
    "evaluasi-berkala": ({"reviews": Part(2, 4)}, "C", "2 dari 4"),
    "pendalaman": ({"meeting_discussions": 4}, "D", "4 dari 12 (33%)"),
    "sop-evaluasi-tepat-waktu": ({"evaluating_sops": SopFacts(("Evaluasi",), 99, 20)}, "B", "79 dari 99 (80%)"),
    "rekomendasi-tuntas": ({"recommendations": Part(0, 1)}, "E", "0 dari 1"),
    "tl-lhe": ({"lhe_follow_up": Part(2, 3)}, "CC",
               "LHE atas tahun 2024 yang tuntas ditindaklanjuti tepat waktu: 2 dari 3"),
    "nilai-akip-naik": ({"lhe_scores": ((2023, Decimal(70)), (2024, Decimal(66)))}, "D", "Nilai AKIP 2023: 70,00"),
}  # fmt: skip
BEST_WHEN_GOOD = {"pk-perubahan": "A", "nilai-akip-naik": "A", "capaian": "AA"}


def test_every_rule_has_its_case_and_serves_a_criterion_of_the_88_2021_template():
    codes = {c.code: c.kind for c in shipped_template().criteria}
    assert set(CASES) == {r.code for r in RULES}
    assert len({r.criterion for r in RULES}) == len(RULES)
    assert all(r.criterion in codes for r in RULES)
    # and a Y/T criterion gets Y or T, a scale criterion a scale answer (for the good office)
    for rule in RULES:
        answer = rule.decide(GOOD).answer
        assert answer in (("Y", "T") if codes[rule.criterion] == "YT" else ("AA", "A", "BB", "B", "CC", "C", "D", "E"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_each_rule_proposes_from_its_facts(rule):
    # GIVEN a well-kept office THEN the rule proposes the best answer of its criterion, with nothing to change
    good = rule.decide(GOOD)
    assert good.answer == BEST_WHEN_GOOD.get(rule.code, "AA" if good.answer not in ("Y", "T") else "Y")
    assert good.reason
    # WHEN the fact it reads is spoiled THEN it proposes the expected answer and says why, and what would help
    changes, expected, words = CASES[rule.code]
    bad = rule.decide(dataclasses.replace(GOOD, **changes))
    assert bad.answer == expected
    assert words in bad.reason
    if changes and expected not in ("Y", "AA") and rule.code != "pk-perubahan":  # no PK Perubahan: nothing owed
        assert bad.change


def test_the_ladder_and_the_month_after_the_dpa():
    assert [ladder(Decimal(x)) for x in (100, 95, 85, 75, 65, 55, 1, 0)] == ["AA", "A", "BB", "B", "CC", "C", "D", "E"]
    assert one_month_after(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert one_month_after(dt.date(2024, 12, 15)) == dt.date(2025, 1, 15)
    # and the PK signed on the last day allowed is on time
    on_limit = dataclasses.replace(GOOD, dpa_date=dt.date(2024, 12, 31), office_pk_signed_on=dt.date(2025, 1, 31))
    assert next(r for r in RULES if r.code == "pk-tepat-waktu").decide(on_limit).answer == "Y"


def test_quarters_count_once_they_have_ended():
    assert quarters_ended(2025, dt.date(2025, 10, 15)) == (1, 2, 3)
    assert quarters_ended(2025, dt.date(2025, 3, 31)) == ()
    assert quarters_ended(2025, dt.date(2026, 1, 1)) == (1, 2, 3, 4)
