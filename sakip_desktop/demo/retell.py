"""The demo data file retold for one anchor (`demo.timeline.Story`): its 2025 dates and years moved to the year
reported on, and the realisasi as far as the office has come by the anchor.

The data file holds TW I-III of 2025; its TW III rows carry the statuses of a quarter under review (some submitted,
some verified). Told for a reported quarter R: the quarters before R approved, R's realisasi with those statuses,
none after R. TW IV (reported in January-March) repeats TW III's values and entry days a quarter later, with a
narrative. A realisasi the office would enter after the anchor is left out, and the unit's others of that quarter
stay drafts (not submitted).
"""

from __future__ import annotations

import copy
from typing import Any

from sakip_desktop.demo.timeline import BASE_QUARTER, Story, date_of, moment_of

APPROVED, DRAFT = "APPROVED", "DRAFT"


def _moved_day(story: Story, value: Any) -> Any:
    day = date_of(value)
    return value if day is None else story.day(day)


def _people(data: dict[str, Any], story: Story) -> None:
    for p in data["people"]:
        p["active_from"] = _moved_day(story, p["active_from"])
        if "active_to" in p:
            p["active_to"] = _moved_day(story, p["active_to"])
    for a in data.get("acting", []):
        a["start"] = _moved_day(story, a["start"])
        if "end" in a:
            a["end"] = _moved_day(story, a["end"])
        if "decree" in a:
            a["decree"] = story.text(a["decree"])


def _plans(data: dict[str, Any], story: Story) -> None:
    plan = data["strategic_plan"]
    plan["name"] = story.text(plan["name"])
    plan["start_year"] += story.years
    plan["end_year"] += story.years
    for i in data["indicators"]:
        if "renstra_targets" in i:
            i["renstra_targets"] = {str(int(y) + story.years): v for y, v in i["renstra_targets"].items()}
    for t in data["targets"]:
        t["year"] += story.years
    for sa in data["sub_activities"]:
        for b in sa.get("budgets", []):
            b["year"] += story.years


def _realisations(rows: list[dict[str, Any]], story: Story, units: dict[str, str]) -> list[dict[str, Any]]:
    """The realisasi of the quarters up to the reported one, as far as they have gone by the anchor; a unit whose
    entry of a quarter is not complete by then has its entered ones as drafts (`units`: indicator -> unit code)."""
    fresh = {r["indicator"]: r for r in rows if r["quarter"] == BASE_QUARTER}
    told: list[dict[str, Any]] = []
    for r in rows:
        if r["quarter"] <= story.quarter:
            status = APPROVED if r["quarter"] < story.quarter else fresh[r["indicator"]]["status"]
            told.append({**r, "status": status, "entered_at": story.moment(moment_of(r["entered_at"]))})
    if story.quarter > BASE_QUARTER:  # TW IV: TW III's values and days, a quarter later (in the story's year)
        later = story.quarter_shift(story.quarter, BASE_QUARTER)
        told += [
            {
                **r,
                "quarter": story.quarter,
                "entered_at": moment_of(r["entered_at"]) + later,
                "supporting": r.get("supporting") or "Kegiatan akhir tahun berjalan sesuai rencana aksi.",
                "inhibiting": r.get("inhibiting") or "Tidak ada hambatan berarti pada triwulan ini.",
                "follow_up": r.get("follow_up") or "Capaian dipertahankan pada tahun berikutnya.",
            }
            for r in fresh.values()
        ]
    for r in told:
        r["year"] += story.years
    pending = {(units[r["indicator"]], r["quarter"]) for r in told if not story.happened(r["entered_at"])}
    return [
        {**r, "status": DRAFT} if (units[r["indicator"]], r["quarter"]) in pending else r
        for r in told
        if story.happened(r["entered_at"])
    ]


def retold(data: dict[str, Any], story: Story) -> dict[str, Any]:
    """A copy of the demo data `data` told for `story` (see the module notes)."""
    data = copy.deepcopy(data)
    _people(data, story)
    _plans(data, story)
    units = {i["code"]: i["responsible_unit"] for i in data["indicators"]}
    data["realisations"] = _realisations(data["realisations"], story, units)
    return data
