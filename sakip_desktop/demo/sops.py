"""The demo office's SOPs: all shipped templates adopted, past runs finished, some under way, one sent back for
revision."""

from __future__ import annotations

import datetime as dt
import random

from sakip_desktop.demo.timeline import ADMINISTRATOR, Story, at, person
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import Actor, utcnow
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.library import adopt_templates, get_definition, list_sops, run_title
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
# The 2025 story (moved to the demo's year by `demo.timeline.Story`). The administrator adopts every shipped template
# before the first run (UTC; 09.00 WIB).
ADOPTED_AT = dt.datetime(2025, 4, 1, 2, 0)
# Past quarters: when their runs started (UTC; 08.00 WIB on a working day after the quarter ended).
PAST = {1: dt.datetime(2025, 4, 14, 1, 0), 2: dt.datetime(2025, 7, 7, 1, 0), 3: dt.datetime(2025, 10, 6, 1, 0)}
# Whose roles the demo's runs use: the people in service on this day.
PEOPLE_DAY = dt.date(2025, 9, 1)


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


def _people(db: Database, story: Story) -> dict[Role, Actor]:
    day = min(story.day(PEOPLE_DAY), story.today)
    return {role: actor_for(db, username, day) for role, username in DEMO_PEOPLE.items()}


def _past_runs(
    db: Database, story: Story, sop_id: int, index: int, people: dict[Role, Actor], rng: random.Random
) -> None:
    """The SOP's finished runs of the quarters before the reported one; the first sent back once at a decision."""
    definition = get_definition(db, sop_id)
    has_decision = any(s.kind is StepKind.DECISION for s in definition.steps)
    for quarter in range(1, story.quarter):
        start = PAST[quarter] + story.quarter_shift(quarter, quarter)
        walk_run(
            db,
            sop_id,
            people,
            SteppingClock(start + dt.timedelta(hours=index)),
            title=run_title(definition.identity.name, story.year, quarter),
            year=story.year,
            quarter=quarter,
            returns=int(has_decision and quarter == 1),
            step_minutes=_pace(definition, rng),
        )


def add_sop_history(db: Database, *, now: dt.datetime | None = None) -> None:
    """The administrator adopts every template; finished runs of each quarter before the one reported on at `now`
    (UTC), and four of the reported quarter under way (`demo.timeline.Story`)."""
    story = Story.at(now or utcnow())
    adopted_at = min(story.moment(ADOPTED_AT), story.present - dt.timedelta(days=2))
    admin = person(db, ADMINISTRATOR, adopted_at)
    sop_ids = adopt_templates(db, admin, [t.code for t in load_templates()], clock=at(adopted_at))
    people = _people(db, story)
    rng = random.Random(2025)
    for index, sop_id in enumerate(sop_ids):
        _past_runs(db, story, sop_id, index, people, rng)
        if index % 3 == 0:  # work under way: one waiting since yesterday, the others for a few minutes
            definition = get_definition(db, sop_id)
            done = min(2 + index % 2, len(definition.steps) - 1)
            waiting = dt.timedelta(days=1, hours=2) if index == 0 else dt.timedelta(minutes=5)
            walk_run(
                db,
                sop_id,
                people,
                SteppingClock(story.present - waiting - dt.timedelta(minutes=25 * done)),
                title=run_title(definition.identity.name, story.year, story.quarter),
                year=story.year,
                quarter=story.quarter,
                stop_before=done,
                step_minutes=lambda _p: 25,
            )


def add_returned_run(db: Database, *, now: dt.datetime | None = None) -> int | None:
    """A run of the reported quarter sent back at its first decision this morning, waiting for the step before it to
    be redone (the first adopted SOP with a decision and no run under way); its id, None when no SOP fits."""
    story = Story.at(now or utcnow())
    for sop in sorted(list_sops(db), key=lambda v: v.id):
        definition = get_definition(db, sop.id)
        decisions = [n for n, step in enumerate(definition.steps, start=1) if step.kind is StepKind.DECISION]
        if sop.running or not decisions:
            continue
        sop_id = sop.id
        people = _people(db, story)
        return walk_run(
            db,
            sop_id,
            people,
            SteppingClock(story.present - dt.timedelta(hours=3, minutes=20 * decisions[0])),
            title=run_title(definition.identity.name, story.year, story.quarter),
            year=story.year,
            quarter=story.quarter,
            returns=1,
            stop_before=decisions[0],
            step_minutes=lambda _p: 20,
        )
    return None
