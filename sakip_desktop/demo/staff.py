"""The demo office set up as an office would: the new-office wizard makes the office and its first administrator
(the Kasubag Perencanaan), who adds the seksi, the people with their roles and logins, and the Plh. Camat of
August; when the Kasi Trantib leaves in July he ends his service and adds his successor. The Camat acknowledges
each day's changes of roles; those about the Camat himself wait for the Plh. Camat. (Days of the 2025 story, moved
by `demo.timeline.Story`; a change that would come after the demo's anchor is not made.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sakip_desktop.demo.timeline import (
    ADMINISTRATOR,
    BASE_ANCHOR,
    CAMAT,
    SETUP_DAY,
    WIB,
    Story,
    at,
    date_of,
    person,
    wib,
)
from sakip_desktop.domain.roles import ActingKind, Employment, Role, UnitKind
from sakip_desktop.ops.org.acting import ActingInput, add_acting
from sakip_desktop.ops.org.office import EDITABLE_FIELDS, OfficeProfile
from sakip_desktop.ops.org.people import PersonInput, RoleRef, add_person, list_people, update_person
from sakip_desktop.ops.org.role_changes import acknowledge_role_changes, pending_role_changes
from sakip_desktop.ops.org.setup import NewOffice, create_office
from sakip_desktop.ops.org.units import UnitInput, add_unit, list_units
from sakip_desktop.paths import resources_dir
from sakip_desktop.storage.database import Database

DEMO_LOGO = "demo/logo_kabupaten_contoh.png"


def _person_input(
    p: dict[str, Any], units: dict[str, int], setup: dt.date, *, end: dt.date | None = None
) -> PersonInput:
    """What the administrator types for the demo person `p` (his unit left out while it does not exist yet)."""
    unit_id = units.get(p["unit"])
    return PersonInput(
        name=p["name"],
        employment=Employment(p["employment"]),
        active_from=date_of(p["active_from"]) or setup,
        front_title=p["front_title"],
        back_title=p["back_title"],
        nip=p["nip"],
        grade=p["grade"],
        position=p["position"],
        unit_id=unit_id,
        active_to=end,
        roles=tuple(RoleRef(Role(r), unit_id if Role(r).per_unit else None) for r in p["roles"]),
        username=p["key"],
        is_admin=bool(p.get("is_admin")),
        password=p["password"],
    )


def _create_office(db: Database, data: dict[str, Any], admin: dict[str, Any], setup: dt.date) -> None:
    """The new-office wizard: the office, its standard units, the paper size, the logo and the administrator."""
    office = data["office"]
    logo = resources_dir() / DEMO_LOGO
    new = NewOffice(
        profile=OfficeProfile(**{f: office[f] for f in EDITABLE_FIELDS}),
        admin=_person_input(admin, {}, setup),
        paper_size=office.get("paper_size", "A4"),
        logo=logo.read_bytes() if logo.exists() else None,
        logo_filename=logo.name if logo.exists() else "",
    )
    create_office(db, new, now=wib(setup, 8), demo=True)


def _add_units(db: Database, data: dict[str, Any], setup: dt.date) -> dict[str, int]:
    """The units the wizard did not make; returns the id of every unit by code."""
    admin = person(db, ADMINISTRATOR, wib(setup, 8, 30))
    units = {u.code: u.id for u in list_units(db, setup)}
    for order, u in enumerate(data["units"]):
        if u["code"] in units:
            continue
        parent = units[u["parent"]] if u.get("parent") else None
        unit = UnitInput(
            name=u["name"], kind=UnitKind(u["kind"]), parent_id=parent, code=u["code"], sort_order=order * 10
        )
        units[u["code"]] = add_unit(db, admin, unit, clock=at(wib(setup, 8, 30)))
    return units


def _staff_changes(
    data: dict[str, Any], admin_key: str, setup: dt.date
) -> list[tuple[dt.datetime, str, dict[str, Any]]]:
    """When the administrator adds each person, ends a service, or appoints a Plt./Plh., in time order.

    People already in service at the set-up are added that morning, a successor the day before he starts, whoever
    leaves on his last day (before his successor is added), a Plt./Plh. three days before the appointment starts.
    """
    events: list[tuple[dt.datetime, str, dict[str, Any]]] = []
    for n, p in enumerate(p for p in data["people"] if p["key"] != admin_key):
        start, end = date_of(p["active_from"]) or setup, date_of(p.get("active_to"))
        added = wib(setup, 9, n) if start <= setup else wib(start - dt.timedelta(days=1), 9)
        events.append((added, "add", p))
        if end is not None:
            events.append((wib(end, 8), "end", p))
    for a in data.get("acting", []):
        start = date_of(a["start"]) or setup
        events.append((wib(start - dt.timedelta(days=3), 10), "acting", a))
    return sorted(events, key=lambda e: e[0])


def _apply_change(
    db: Database, moment: dt.datetime, what: str, item: dict[str, Any], units: dict[str, int], setup: dt.date
) -> None:
    admin = person(db, ADMINISTRATOR, moment)
    if what == "add":
        add_person(db, admin, _person_input(item, units, setup), clock=at(moment))
    elif what == "end":
        found = next(p for p in list_people(db) if p.username == item["key"])
        ended = replace(_person_input(item, units, setup, end=date_of(item["active_to"])), password=None)
        update_person(db, admin, found.id, ended, clock=at(moment))
    else:
        people = {p.username: p.id for p in list_people(db)}
        role = Role(item["role"])
        acting = ActingInput(
            person_id=people[item["person"]],
            kind=ActingKind(item["kind"]),
            role=role,
            start=date_of(item["start"]) or setup,
            end=date_of(item.get("end")),
            unit_id=units[item["unit"]] if role.per_unit else None,
            position=item.get("position", ""),
            decree=item.get("decree", ""),
        )
        add_acting(db, admin, acting, clock=at(moment))


def _acknowledge(db: Database, username: str, moment: dt.datetime) -> None:
    """The Camat (or Plh. Camat) `username` reads the changes waiting for him and marks them known."""
    reader = person(db, username, moment)
    waiting = pending_role_changes(db, reader.person_id)
    if waiting:
        acknowledge_role_changes(db, reader, waiting[-1].id, clock=at(moment))


def add_office_and_staff(db: Database, data: dict[str, Any], story: Story | None = None) -> None:
    """Write the demo office, its units, people and Plt./Plh. into a new, empty database (see the module notes)."""
    story = story or Story.of(BASE_ANCHOR)
    setup = story.day(SETUP_DAY)
    admin = next(p for p in data["people"] if p["key"] == ADMINISTRATOR)
    _create_office(db, data, admin, setup)
    units = _add_units(db, data, setup)
    placed = replace(_person_input(admin, units, setup), password=None)  # the wizard left his unit empty
    me = person(db, ADMINISTRATOR, wib(setup, 8, 45))
    assert me.person_id is not None
    update_person(db, me, me.person_id, placed, clock=at(wib(setup, 8, 45)))
    changes = [c for c in _staff_changes(data, admin["key"], setup) if story.happened(c[0])]
    for n, (moment, what, item) in enumerate(changes):
        _apply_change(db, moment, what, item, units, setup)
        day = (moment + WIB).date()
        last_of_day = n + 1 == len(changes) or (changes[n + 1][0] + WIB).date() != day
        if last_of_day and story.happened(wib(day, 14)):
            _acknowledge(db, CAMAT, wib(day, 14))
    for a in data.get("acting", []):  # the changes about the Camat himself: for the Plh. Camat to know
        start = wib(date_of(a["start"]) or setup, 9)
        if a["role"] == Role.CAMAT.value and story.happened(start):
            _acknowledge(db, a["person"], start)
