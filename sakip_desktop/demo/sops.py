"""The demo office's SOPs: all shipped templates adopted, past runs finished, some under way."""

from __future__ import annotations

import datetime as dt
import random

from sakip_desktop.demo.timeline import ADMINISTRATOR, at, person
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.library import adopt_templates, get_definition, run_title
from sakip_desktop.ops.sop.simulate import SteppingClock, walk_run
from sakip_desktop.sop.definition import StepKind, load_templates
from sakip_desktop.sop.stdtime import TimeUnit
from sakip_desktop.storage.database import Database

# Who acts for each role in the demo's runs (usernames of resources/demo/kecamatan_contoh.toml).
DEMO_PEOPLE = {
    Role.CAMAT: "camat",
    Role.SEKRETARIS: "sekcam",
    Role.TIM_SAKIP: "analis_kebijakan",
    Role.KASUBAG_PERENCANAAN: "kasubag_renkeu",
    Role.KASUBAG_UMUM: "kasubag_umum",
    Role.KASI: "kasi_pem",
    Role.STAF: "staf_renkeu",
    Role.ADMIN_DATA: "admin_data",
}
# The administrator adopts every shipped template before the first run (UTC; 09.00 WIB).
ADOPTED_AT = dt.datetime(2025, 4, 1, 2, 0)
# Past quarters: when their runs started (UTC; 08.00 WIB on a working day after the quarter ended).
PAST = ((1, dt.datetime(2025, 4, 14, 1, 0)), (2, dt.datetime(2025, 7, 7, 1, 0)))


def _pace(definition, rng: random.Random):
    """How long each step took in the demo: around its standard time, sometimes over it."""

    def minutes(position: int) -> float:
        standard = definition.steps[position - 1].standard_time
        factor = rng.choice((0.6, 0.8, 0.9, 1.0, 1.1, 1.5))
        if standard is None:
            return 20 * factor
        if standard.unit is TimeUnit.DAYS:
            return standard.low * 24 * 60 * factor
        return standard.limit_minutes * factor

    return minutes


def add_sop_history(db: Database, *, now: dt.datetime | None = None) -> None:
    """The administrator adopts every template; two finished runs each (TW I and II 2025), four of TW III under way."""
    now = now or utcnow()
    admin = person(db, ADMINISTRATOR, ADOPTED_AT)
    sop_ids = adopt_templates(db, admin, [t.code for t in load_templates()], clock=at(ADOPTED_AT))
    day = dt.date(2025, 9, 1)
    people = {role: actor_for(db, username, day) for role, username in DEMO_PEOPLE.items()}
    rng = random.Random(2025)
    for index, sop_id in enumerate(sop_ids):
        definition = get_definition(db, sop_id)
        has_decision = any(s.kind is StepKind.DECISION for s in definition.steps)
        for quarter, start in PAST:
            clock = SteppingClock(start + dt.timedelta(hours=index))
            walk_run(
                db,
                sop_id,
                people,
                clock,
                title=run_title(definition.identity.name, 2025, quarter),
                year=2025,
                quarter=quarter,
                returns=int(has_decision and quarter == 1),
                step_minutes=_pace(definition, rng),
            )
        if index % 3 == 0:  # work under way: one waiting since yesterday, the others for a few minutes
            done = min(2 + index % 2, len(definition.steps) - 1)
            waiting = dt.timedelta(days=1, hours=2) if index == 0 else dt.timedelta(minutes=5)
            clock = SteppingClock(now - waiting - dt.timedelta(minutes=25 * done))
            walk_run(
                db,
                sop_id,
                people,
                clock,
                title=run_title(definition.identity.name, 2025, 3),
                year=2025,
                quarter=3,
                stop_before=done,
                step_minutes=lambda _p: 25,
            )
