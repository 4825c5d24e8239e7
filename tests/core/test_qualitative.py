"""Qualitative targets: the capaian rule, scales and levels, and a qualitative indicator through targets,
realisasi and measurement on the demo office."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.domain.qualitative import level_label, qualitative_achievement, rank_of
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.measurement.capaian import measure
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.renstra import IndicatorInput, add_indicator
from sakip_desktop.ops.planning.targets import set_year_targets
from sakip_desktop.ops.planning.views import indicator_targets, planning_tree
from sakip_desktop.ops.realisation.entry import save_realisation
from sakip_desktop.ops.realisation.qualitative import ScaleInput, add_scale, delete_scale, list_scales, update_scale

DAY = dt.date(2025, 10, 20)
PREDIKAT = ("D", "C", "CC", "B", "BB", "A", "AA")
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


# --- the rule -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (4, 5, Decimal(80)),  # realisasi B against target BB
        (5, 5, Decimal(100)),  # target met
        (7, 5, Decimal(140)),  # AA against BB: above 100, like any positive indicator
        (1, 3, Decimal(100) / 3),  # D against CC, unrounded
    ],
)
def test_qualitative_capaian_is_rank_over_rank(actual, target, expected):
    # GIVEN the ranks of realisasi and target WHEN capaian is computed THEN it is rank / rank × 100
    assert qualitative_achievement(actual, target) == expected


def test_qualitative_capaian_needs_both_ranks():
    assert qualitative_achievement(None, 5) is None
    assert qualitative_achievement(4, None) is None
    assert qualitative_achievement(4, 0) is None


def test_labels_only_for_whole_ranks_of_the_scale():
    levels = dict(enumerate(PREDIKAT, start=1))
    assert level_label(levels, Decimal("5")) == "BB"
    assert level_label(levels, Decimal("5.00")) == "BB"
    assert level_label(levels, Decimal("4.5")) is None  # an average between two levels
    assert level_label(levels, Decimal(9)) is None
    assert level_label(levels, None) is None
    assert rank_of(Decimal("3.0")) == 3


# --- scales and a qualitative indicator on the demo office --------------------------------------------------


def kasubag(db):
    return dataclasses.replace(actor_for(db, "kasubag_renkeu", DAY), is_admin=False)


def test_the_demo_has_the_predikat_sakip_scale(demo_db):
    [scale] = list_scales(demo_db)
    assert scale.name == "Predikat SAKIP"
    assert tuple(level.label for level in scale.levels) == PREDIKAT
    assert [level.rank for level in scale.levels] == list(range(1, 8))
    assert scale.levels_text == "D < C < CC < B < BB < A < AA"


def test_scales_are_checked_and_kept_consistent(demo_db):
    actor = kasubag(demo_db)
    # WHEN a scale with one level, a repeated level or a taken name is added THEN it is refused on its field
    for data, field, message in [
        (ScaleInput("Opini BPK", ("WTP",)), "labels", "paling sedikit dua tingkat"),
        (ScaleInput("Opini BPK", ("TMP", "WDP", "wdp")), "labels", "'wdp' tertulis dua kali"),
        (ScaleInput("predikat sakip", ("A", "B")), "name", "sudah ada"),
    ]:
        with pytest.raises(ValidationError, match=message) as caught:
            add_scale(demo_db, actor, data)
        assert caught.value.field == field
    # WHEN a good one is added, its levels renamed and one added on top THEN it reads back lowest first
    opini = add_scale(demo_db, actor, ScaleInput("Opini BPK", (" TMP ", "TW", "WDP", "", "WTP")))
    update_scale(demo_db, actor, opini, ScaleInput("Opini BPK", ("TMP", "TW", "WDP", "WTP", "WTP-DPP")))
    scale = next(s for s in list_scales(demo_db) if s.id == opini)
    assert scale.levels_text == "TMP < TW < WDP < WTP < WTP-DPP"
    # WHEN a Kasi tries THEN permission is denied
    with pytest.raises(PermissionDenied):
        add_scale(demo_db, actor_for(demo_db, "kasi_pem", DAY), ScaleInput("X", ("a", "b")))
    # WHEN an indicator uses the scale THEN levels may not be removed and the scale may not be deleted
    add_indicator(demo_db, actor, _objective(demo_db), _qualitative("IK50", opini))
    with pytest.raises(ValidationError, match="tidak boleh dikurangi"):
        update_scale(demo_db, actor, opini, ScaleInput("Opini BPK", ("TMP", "WTP")))
    with pytest.raises(ValidationError, match="dipakai indikator IK50"):
        delete_scale(demo_db, actor, opini)


def _objective(db) -> int:
    return planning_tree(db)[0].goals[0].objectives[0].id  # S1


def _qualitative(code: str, scale_id: int, aggregation: Aggregation = Aggregation.LAST_VALUE) -> IndicatorInput:
    return IndicatorInput(code, "Predikat SAKIP kecamatan", "predikat", aggregation=aggregation, scale_id=scale_id)


def test_a_qualitative_indicator_is_planned_entered_and_measured_by_level(demo_db):
    actor = kasubag(demo_db)
    [scale] = list_scales(demo_db)
    # GIVEN a qualitative indicator on the Predikat SAKIP scale (cumulative makes no sense for levels)
    with pytest.raises(ValidationError, match="Nilai akhir") as caught:
        add_indicator(demo_db, actor, _objective(demo_db), _qualitative("IK60", scale.id, Aggregation.CUMULATIVE))
    assert caught.value.field == "aggregation"
    subbag = next(u.id for u in list_units(demo_db) if u.code == "SUBBAG_PERENCANAAN")
    new = add_indicator(
        demo_db,
        actor,
        _objective(demo_db),
        dataclasses.replace(_qualitative("IK60", scale.id), responsible_unit_id=subbag),
    )
    # WHEN its targets are a rank that is no level THEN they are refused; BB (5) is taken
    with pytest.raises(ValidationError, match="salah satu tingkat skala kualitatifnya"):
        set_year_targets(demo_db, actor, new, 2025, Target(Decimal(8)), [])
    with pytest.raises(ValidationError, match="bukan rentang"):
        set_year_targets(demo_db, actor, new, 2025, Target(Decimal(4), Decimal(5)), [])
    problems = set_year_targets(
        demo_db, actor, new, 2025, Target(Decimal(5)), [Target(Decimal(r)) for r in (3, 4, 4, 5)]
    )
    assert problems == []  # nilai akhir: TW IV = the year
    assert [lv.label for lv in indicator_targets(demo_db, new, 2025).levels] == list(PREDIKAT)
    # WHEN a realisasi that is no rank is entered THEN it is refused; B (4) in TW IV is taken
    with pytest.raises(ValidationError, match="salah satu tingkat") as caught:
        save_realisation(demo_db, actor, new, 2025, 4, Decimal("4.5"), **EMPTY)
    assert caught.value.field == "value"
    save_realisation(demo_db, actor, new, 2025, 4, Decimal(4), **EMPTY)
    # THEN measurement gives 4 / 5 × 100 = 80 and names the levels
    row = next(r for r in measure(demo_db, 2025, 4) if r.info.code == "IK60")
    assert row.achievement_quarter == Decimal(80)
    assert row.info.value_text(row.actual) == "B"
    assert row.info.value_text(row.year_target.low) == "BB"
    numeric = next(r for r in measure(demo_db, 2025, 4) if r.info.code == "IK04")
    assert numeric.info.value_text(numeric.year_target.low) is None
