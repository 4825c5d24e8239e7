"""Test data for qualitative targets: a Seksi Pemerintahan indicator on the demo's Predikat SAKIP scale.

Made through the real operations (planning, qualitative scales, yearly targets), as the Kasubag Perencanaan
would: target BB for the year, CC B B BB by quarter (nilai akhir).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.renstra import IndicatorInput, add_indicator
from sakip_desktop.ops.planning.targets import set_year_targets
from sakip_desktop.ops.planning.views import planning_tree
from sakip_desktop.ops.realisation.qualitative import list_scales
from sakip_desktop.storage.database import Database

CODE = "IK60"
NAME = "Predikat SAKIP kecamatan"
PREDIKAT = ("D", "C", "CC", "B", "BB", "A", "AA")
RANK = {label: rank for rank, label in enumerate(PREDIKAT, start=1)}
DAY = dt.date(2025, 10, 20)


def add_qualitative_indicator(db: Database, unit_code: str = "SEKSI_PEMERINTAHAN") -> int:
    """Add IK60 (Predikat SAKIP scale, nilai akhir) for `unit_code` with 2025 targets; returns its id."""
    actor = dataclasses.replace(actor_for(db, "kasubag_renkeu", DAY), is_admin=False)
    [scale] = [s for s in list_scales(db) if s.name == "Predikat SAKIP"]
    unit = next(u.id for u in list_units(db) if u.code == unit_code)
    objective = planning_tree(db)[0].goals[0].objectives[0].id
    new = add_indicator(
        db,
        actor,
        objective,
        IndicatorInput(
            CODE, NAME, "predikat", aggregation=Aggregation.LAST_VALUE, scale_id=scale.id, responsible_unit_id=unit
        ),
    )
    quarters = [Target(Decimal(RANK[label])) for label in ("CC", "B", "B", "BB")]
    assert set_year_targets(db, actor, new, 2025, Target(Decimal(RANK["BB"])), quarters) == []
    return new
