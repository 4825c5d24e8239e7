"""Planning data on the demo office: the Renstra tree, indicators, targets and their checks, through the operations."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sakip_desktop.domain.achievement import Aggregation, Polarity, Target
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.renstra import (
    IndicatorInput,
    NodeInput,
    PlanInput,
    add_goal,
    add_indicator,
    add_objective,
    add_plan,
    delete_goal,
    delete_indicator,
    delete_objective,
    delete_plan,
    update_indicator,
)
from sakip_desktop.ops.planning.targets import set_renstra_targets, set_year_targets
from sakip_desktop.ops.planning.views import indicator_targets, planning_tree
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)


def who(db, username: str = "kasubag_renkeu"):
    return actor_for(db, username, DAY)


def kasubag(db):
    """The Kasubag Perencanaan without the administrator flag: the role alone must be enough."""
    import dataclasses

    return dataclasses.replace(who(db), is_admin=False)


def objective_id(db, code: str) -> int:
    return next(o.id for p in planning_tree(db) for g in p.goals for o in g.objectives if o.code == code)


def indicator_id(db, code: str) -> int:
    return next(
        i.id for p in planning_tree(db) for g in p.goals for o in g.objectives for i in o.indicators if i.code == code
    )


_FIRST_OWN_ENTRY = {"id": 0}


@pytest.fixture(autouse=True)
def _audit_of_this_test_only(request):
    """The demo office is entered through these same operations: `audit_rows` reads only what a test wrote."""
    _FIRST_OWN_ENTRY["id"] = 0
    if "demo_db" in request.fixturenames:
        with request.getfixturevalue("demo_db").reading() as s:
            _FIRST_OWN_ENTRY["id"] = (s.scalar(select(func.max(m.AuditEntry.id))) or 0) + 1


def audit_rows(db, operation: str) -> list[m.AuditEntry]:
    with db.reading() as s:
        rows = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.operation == operation, m.AuditEntry.id >= _FIRST_OWN_ENTRY["id"])
        ).all()
        s.expunge_all()
        return list(rows)


def unit(db, code: str) -> int:
    return next(u.id for u in list_units(db) if u.code == code)


def test_the_tree_holds_the_demo_renstra(demo_db):
    # GIVEN the demo office WHEN the tree is read
    [plan] = planning_tree(demo_db)
    # THEN it has the Renstra 2021-2026 with 3 tujuan, 5 sasaran and 12 indicators, IK04 under S2
    assert (plan.start_year, plan.end_year, len(plan.goals)) == (2021, 2026, 3)
    objectives = [o for g in plan.goals for o in g.objectives]
    assert [o.code for o in objectives] == ["S1", "S2", "S3", "S4", "S5"]
    assert sum(len(o.indicators) for o in objectives) == 12
    ik04 = next(i for o in objectives for i in o.indicators if i.code == "IK04")
    assert ik04.responsible_unit == "Seksi Pemerintahan" and ik04.realisations > 0


def test_kasubag_adds_a_sasaran_an_indicator_and_its_targets(demo_db):
    # GIVEN the Kasubag Perencanaan (role only, not administrator) and tujuan T1
    actor = kasubag(demo_db)
    goal = next(g for g in planning_tree(demo_db)[0].goals if g.code == "T1")
    # WHEN they add sasaran S6 and an IKU under it with Renstra, yearly and quarterly targets
    sasaran = add_objective(demo_db, actor, goal.id, NodeInput("S6", "  Meningkatnya   kualitas arsip  ", 9))
    new = add_indicator(
        demo_db,
        actor,
        sasaran,
        IndicatorInput(
            code="ik13",
            name="Persentase arsip tertata",
            unit="%",
            polarity=Polarity.POSITIVE,
            aggregation=Aggregation.LAST_VALUE,
            definition="Arsip yang tertata dibagi seluruh arsip",
            formula="tertata / seluruh × 100",
            data_source="Register arsip",
            responsible_unit_id=unit(demo_db, "SUBBAG_UMUM"),
            is_key=True,
            baseline=Decimal("40"),
        ),
    )
    set_renstra_targets(demo_db, actor, new, {2025: Decimal(60), 2026: Decimal(70)})
    problems = set_year_targets(
        demo_db, actor, new, 2025, Target(Decimal(60)), [Target(Decimal(v)) for v in (15, 30, 45, 60)]
    )
    # THEN the tree shows them, the targets read back and agree (no problems)
    assert problems == []
    node = next(o for g in planning_tree(demo_db)[0].goals for o in g.objectives if o.id == sasaran)
    assert node.statement == "Meningkatnya kualitas arsip"
    [ind] = node.indicators
    assert (ind.code, ind.is_key, ind.responsible_unit, ind.baseline) == (
        "IK13",
        True,
        "Sub Bagian Umum dan Kepegawaian",
        Decimal(40),
    )
    targets = indicator_targets(demo_db, new, 2025)
    assert targets.renstra == {2025: Decimal(60), 2026: Decimal(70)}
    assert targets.plan_years == (2021, 2022, 2023, 2024, 2025, 2026)
    assert targets.yearly == Target(Decimal(60))
    assert [t.low for t in targets.quarterly] == [15, 30, 45, 60]
    assert targets.problems == ()
    # ... and every write left an audit entry naming what changed
    [added] = audit_rows(demo_db, "Tambah indikator kinerja")
    assert added.entity == "indicator" and json.loads(added.new)["code"] == "IK13"
    assert added.actor_name == actor.name
    assert len(audit_rows(demo_db, "Tambah sasaran")) == 1
    assert len(audit_rows(demo_db, "Simpan target Renstra")) == 2
    assert [r.entity for r in audit_rows(demo_db, "Simpan target tahunan dan triwulan")] == [
        "yearly_target",
        *["quarterly_target"] * 4,
    ]


def test_inconsistent_quarters_are_saved_and_the_problems_returned(demo_db):
    # GIVEN a new cumulative indicator with a yearly target of 100
    actor = who(demo_db)
    new = add_indicator(
        demo_db, actor, objective_id(demo_db, "S1"), IndicatorInput("IK20", "Jumlah dokumen", "dokumen")
    )
    # WHEN its quarters add up to 90 and TW IV is left empty, then TW IV is filled with 10 more than needed
    first = set_year_targets(
        demo_db, actor, new, 2025, Target(Decimal(100)), [Target(Decimal(v)) for v in (20, 30, 40)] + [None]
    )
    second = set_year_targets(
        demo_db, actor, new, 2025, Target(Decimal(100)), [Target(Decimal(v)) for v in (20, 30, 40, 20)]
    )
    # THEN both are saved and the problems say what is wrong, in Indonesian, also when read back
    assert first == ["target TW IV belum diisi"]
    assert second == ["jumlah target TW I–IV = 110, tidak sama dengan target tahunan 100"]
    stored = indicator_targets(demo_db, new, 2025)
    assert [t.low for t in stored.quarterly] == [20, 30, 40, 20]
    assert list(stored.problems) == second


def test_removals_that_would_lose_data_are_refused(demo_db):
    actor = who(demo_db)
    # GIVEN IK04 with realisasi, sasaran S2 with indicators, tujuan T1 with sasaran and the plan with tujuan
    # WHEN each is removed THEN each is refused with the reason, and nothing is gone
    with pytest.raises(ValidationError, match=r"IK04 tidak dapat dihapus karena sudah memiliki \d+ data realisasi"):
        delete_indicator(demo_db, actor, indicator_id(demo_db, "IK04"))
    with pytest.raises(ValidationError, match=r"Sasaran S2 tidak dapat dihapus karena masih memiliki 2 indikator"):
        delete_objective(demo_db, actor, objective_id(demo_db, "S2"))
    goal = next(g for g in planning_tree(demo_db)[0].goals if g.code == "T1")
    with pytest.raises(ValidationError, match="Tujuan T1 tidak dapat dihapus karena masih memiliki 2 sasaran"):
        delete_goal(demo_db, actor, goal.id)
    with pytest.raises(ValidationError, match="tidak dapat dihapus karena masih berisi 3 tujuan"):
        delete_plan(demo_db, actor, planning_tree(demo_db)[0].id)
    assert indicator_id(demo_db, "IK04") and objective_id(demo_db, "S2")
    assert audit_rows(demo_db, "Hapus indikator kinerja") == []


def test_an_indicator_without_realisasi_is_removed_with_its_targets(demo_db):
    # GIVEN a new indicator with targets
    actor = who(demo_db)
    new = add_indicator(demo_db, actor, objective_id(demo_db, "S1"), IndicatorInput("IK21", "Uji", "dokumen"))
    set_year_targets(demo_db, actor, new, 2025, Target(Decimal(4)), [Target(Decimal(1))] * 4)
    # WHEN it is removed
    delete_indicator(demo_db, actor, new)
    # THEN it and its targets are gone, and the removal is audited
    with demo_db.reading() as s:
        assert s.get(m.Indicator, new) is None
        assert s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == new)).all() == []
        assert s.scalars(select(m.QuarterlyTarget)).all()  # the demo's others remain
    [row] = audit_rows(demo_db, "Hapus indikator kinerja")
    assert json.loads(row.old)["code"] == "IK21" and row.new is None


def test_a_kasi_may_not_change_planning_data(demo_db):
    # GIVEN the Kasi Pemerintahan
    kasi = who(demo_db, "kasi_pem")
    # WHEN they try to add an indicator or change a target THEN permission is denied and nothing is written
    with pytest.raises(PermissionDenied, match="Kasubag Perencanaan"):
        add_indicator(demo_db, kasi, objective_id(demo_db, "S2"), IndicatorInput("IK30", "Uji", "desa"))
    with pytest.raises(PermissionDenied):
        set_renstra_targets(demo_db, kasi, indicator_id(demo_db, "IK04"), {2026: Decimal(1)})
    with pytest.raises(PermissionDenied):
        add_plan(demo_db, kasi, PlanInput("Renstra 2027-2031", 2027, 2031))
    assert "IK30" not in [i.code for o in planning_tree(demo_db)[0].goals for s in o.objectives for i in s.indicators]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (IndicatorInput("", "Nama", "%"), "code", "Kode indikator wajib diisi"),
        (IndicatorInput("IK04", "Nama", "%"), "code", "Kode indikator IK04 sudah dipakai"),
        (IndicatorInput("IK40", "  ", "%"), "name", "Nama indikator wajib diisi"),
        (IndicatorInput("IK40", "Nama", ""), "unit", "Satuan wajib diisi"),
        (IndicatorInput("IK40", "Nama", "%", baseline=Decimal(-1)), "baseline", "Baseline tidak boleh negatif"),
    ],
)
def test_indicator_input_is_checked_field_by_field(demo_db, data, field, message):
    # GIVEN bad input WHEN the indicator is added THEN the error names the field
    with pytest.raises(ValidationError, match=message) as caught:
        add_indicator(demo_db, who(demo_db), objective_id(demo_db, "S1"), data)
    assert caught.value.field == field


def test_target_checks(demo_db):
    actor = who(demo_db)
    ik04 = indicator_id(demo_db, "IK04")
    # WHEN a Renstra target lies outside 2021-2026 THEN it is refused with the field of that year
    with pytest.raises(ValidationError, match="Tahun 2030 di luar periode Renstra 2021–2026") as caught:
        set_renstra_targets(demo_db, actor, ik04, {2030: Decimal(5)})
    assert caught.value.field == "renstra_2030"
    # WHEN a range is upside down THEN it is refused
    with pytest.raises(ValidationError, match="batas atas") as caught:
        set_year_targets(demo_db, actor, ik04, 2026, Target(Decimal(90), Decimal(80)), [])
    assert caught.value.field == "yearly"
    # WHEN the target of an approved quarter (demo 2025 TW I) is changed THEN it is refused: the quarter is locked
    before = indicator_targets(demo_db, ik04, 2025)
    changed = [Target(before.quarterly[0].low + 1), *before.quarterly[1:]]
    with pytest.raises(ValidationError, match="realisasi TW I sudah disetujui Camat") as caught:
        set_year_targets(demo_db, actor, ik04, 2025, before.yearly, changed)
    assert caught.value.field == "q1"
    assert before.locked_quarters == (1, 2)
    # ... while TW IV (not approved) may change
    problems = set_year_targets(
        demo_db, actor, ik04, 2025, before.yearly, [*before.quarterly[:3], Target(before.quarterly[3].low + 1)]
    )
    assert problems and "tidak sama dengan target tahunan" in problems[0]


def test_a_plan_and_goal_can_be_added(demo_db):
    # GIVEN the Kasubag WHEN a new Renstra and a tujuan are added THEN the tree lists the newer plan first
    actor = who(demo_db)
    plan = add_plan(demo_db, actor, PlanInput("Renstra 2027-2031", 2027, 2031, "Visi", "Misi satu\n\n Misi dua "))
    add_goal(demo_db, actor, plan, NodeInput("T1", "Tujuan baru"))
    first = planning_tree(demo_db)[0]
    assert (first.id, first.mission, [g.code for g in first.goals]) == (plan, "Misi satu\nMisi dua", ["T1"])
    with pytest.raises(ValidationError, match="Kode tujuan t1 sudah dipakai di Renstra ini") as caught:
        add_goal(demo_db, actor, plan, NodeInput("t1", "Lagi"))
    assert caught.value.field == "code"
    with pytest.raises(ValidationError, match="tidak boleh sebelum") as caught:
        add_plan(demo_db, actor, PlanInput("Salah", 2031, 2027))
    assert caught.value.field == "end_year"


def test_an_indicator_moves_and_changes(demo_db):
    # GIVEN IK04 WHEN its name changes THEN only the changed fields are audited
    actor = who(demo_db)
    ik04 = indicator_id(demo_db, "IK04")
    view = next(
        i for p in planning_tree(demo_db) for g in p.goals for o in g.objectives for i in o.indicators if i.id == ik04
    )
    data = IndicatorInput(
        view.code, "Nama baru", view.unit, view.polarity, view.aggregation, view.definition, view.formula,
        view.data_source, view.responsible_unit_id, view.is_key, view.scale_id, view.baseline, view.sort_order,
    )  # fmt: skip
    update_indicator(demo_db, actor, ik04, data)
    [row] = audit_rows(demo_db, "Ubah indikator kinerja")
    assert json.loads(row.old) == {"name": view.name} and json.loads(row.new) == {"name": "Nama baru"}
