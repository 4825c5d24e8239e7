"""The demo office "Kecamatan Contoh" built from `resources/demo/kecamatan_contoh.toml`."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sakip_desktop.domain.nip import validate_nip
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.ranks import validate_grade
from sakip_desktop.domain.roles import Employment, Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import SYSTEM, write
from sakip_desktop.ops.org.office import OfficeSettings, store_settings
from sakip_desktop.paths import resources_dir
from sakip_desktop.security import hash_password
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DEMO_FILE = "demo/kecamatan_contoh.toml"
DEMO_LOGO = "demo/logo_kabupaten_contoh.png"


@dataclass(frozen=True)
class DemoAccount:
    """A demo login shown on the demo's login screen."""

    username: str
    password: str
    label: str


def load_demo_data(path: Path | None = None) -> dict[str, Any]:
    """The parsed demo data file."""
    path = path or resources_dir() / DEMO_FILE
    with path.open("rb") as fh:
        return tomllib.load(fh)


def demo_accounts(data: dict[str, Any] | None = None) -> list[DemoAccount]:
    """Usernames and passwords of the demo people (only ever shown for the demo office)."""
    data = data or load_demo_data()
    return [
        DemoAccount(p["key"], p["password"], ", ".join(Role(r).label for r in p["roles"]) or p["position"])
        for p in data["people"]
    ]


def _date(value: Any) -> dt.date | None:
    if value in ("", None):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def create_demo(path: Path | str, *, data: dict[str, Any] | None = None, now: dt.datetime | None = None) -> Database:
    """Write the demo office into a new database file at `path` (which must not hold data yet).

    `now` (UTC) places the SOP runs still under way a day or two before it.
    """
    data = data or load_demo_data()
    target = Path(path)
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError(f"Berkas {target} sudah ada; kantor contoh hanya ditulis ke berkas baru.")
    db = Database.open(target, create=True, durable=False)  # a new file: filled fast, synced on close
    try:
        _populate(db, data)
        from sakip_desktop.demo.sops import add_sop_history

        add_sop_history(db, now=now)
        from sakip_desktop.demo.agreements import add_agreements

        add_agreements(db)
        from sakip_desktop.demo.monitoring import add_monitoring_history

        add_monitoring_history(db, now=now)
    except BaseException:
        db.close()
        target.unlink(missing_ok=True)
        raise
    db.close()
    return Database.open(target)


def _populate(db: Database, data: dict[str, Any]) -> None:
    logo_file = resources_dir() / DEMO_LOGO
    with write(db, SYSTEM, Op.DEMO_CREATE) as tx:
        s = tx.session
        office_data = data["office"]
        office = m.Office(
            **{
                k: office_data[k]
                for k in (
                    "regency_kind",
                    "regency_name",
                    "name",
                    "province",
                    "address",
                    "village",
                    "postal_code",
                    "phone",
                    "fax",
                    "email",
                    "website",
                    "signing_place",
                )
            },
            logo=logo_file.read_bytes() if logo_file.exists() else None,
            logo_filename=logo_file.name if logo_file.exists() else "",
            is_demo=True,
        )
        s.add(office)
        store_settings(tx, OfficeSettings(paper_size=office_data.get("paper_size", "A4")))
        from sakip_desktop.ops.org.setup import record_file_facts  # here: the login dialog imports this module

        record_file_facts(tx)

        units: dict[str, m.Unit] = {}
        for order, u in enumerate(data["units"]):
            unit = m.Unit(
                code=u["code"],
                name=u["name"],
                kind=u["kind"],
                sort_order=order * 10,
                parent_id=units[u["parent"]].id if u.get("parent") else None,
            )
            s.add(unit)
            s.flush()
            units[u["code"]] = unit

        people: dict[str, m.Person] = {}
        for p in data["people"]:
            employment = Employment(p["employment"])
            person = m.Person(
                front_title=p["front_title"],
                name=p["name"],
                back_title=p["back_title"],
                employment=employment.value,
                nip=validate_nip(p["nip"], employment),
                grade=validate_grade(p["grade"]),
                position=p["position"],
                unit_id=units[p["unit"]].id,
                active_from=_date(p["active_from"]),
                active_to=_date(p.get("active_to")),
            )
            for role in p["roles"]:
                unit_id = units[p["unit"]].id if Role(role).per_unit else None
                person.roles.append(m.RoleAssignment(role=Role(role).value, unit_id=unit_id))
            # The demo's passwords are printed on its login screen: should the file ever stop being the demo
            # office, each must be replaced at the next login (the demo itself is exempt, ops.auth).
            person.account = m.Account(
                username=p["key"],
                password_hash=hash_password(p["password"]),
                is_admin=bool(p.get("is_admin")),
                must_change_password=True,
            )
            s.add(person)
            people[p["key"]] = person
        s.flush()

        for a in data.get("acting", []):
            s.add(
                m.ActingAssignment(
                    person_id=people[a["person"]].id,
                    kind=a["kind"],
                    role=a["role"],
                    unit_id=units[a["unit"]].id if Role(a["role"]).per_unit else None,
                    position=a.get("position", ""),
                    start=_date(a["start"]),
                    end=_date(a.get("end")),
                    decree=a.get("decree", ""),
                )
            )

        plan_data = data["strategic_plan"]
        plan = m.StrategicPlan(
            name=plan_data["name"],
            start_year=plan_data["start_year"],
            end_year=plan_data["end_year"],
            vision=plan_data.get("vision", ""),
            mission="\n".join(plan_data.get("mission", [])),
        )
        s.add(plan)
        s.flush()
        goals: dict[str, m.Goal] = {}
        for order, g in enumerate(data["goals"]):
            goals[g["code"]] = m.Goal(plan_id=plan.id, code=g["code"], statement=g["statement"], sort_order=order)
            s.add(goals[g["code"]])
        s.flush()
        objectives: dict[str, m.Objective] = {}
        for order, o in enumerate(data["objectives"]):
            objectives[o["code"]] = m.Objective(
                goal_id=goals[o["goal"]].id, code=o["code"], statement=o["statement"], sort_order=order
            )
            s.add(objectives[o["code"]])
        s.flush()
        for sc in data.get("qualitative_scales", []):  # ordered scales, levels lowest first
            scale = m.QualitativeScale(name=sc["name"], description=sc.get("description", ""))
            s.add(scale)
            s.flush()
            for rank, label in enumerate(sc["levels"], start=1):
                s.add(m.QualitativeLevel(scale_id=scale.id, rank=rank, label=label))
        indicators: dict[str, m.Indicator] = {}
        for order, i in enumerate(data["indicators"]):
            ind = m.Indicator(
                objective_id=objectives[i["objective"]].id,
                code=i["code"],
                name=i["name"],
                unit=i["unit"],
                polarity=i["polarity"],
                aggregation=i["aggregation"],
                definition=i.get("definition", ""),
                formula=i.get("formula", ""),
                data_source=i.get("data_source", ""),
                responsible_unit_id=units[i["responsible_unit"]].id,
                is_key=bool(i.get("is_key")),
                baseline=Decimal(i["baseline"]) if i.get("baseline") else None,
                sort_order=order,
            )
            s.add(ind)
            s.flush()
            indicators[i["code"]] = ind
            for year, value in i.get("renstra_targets", {}).items():
                s.add(m.RenstraTarget(indicator_id=ind.id, year=int(year), value=Decimal(value)))
        for t in data["targets"]:
            yearly = m.YearlyTarget(
                indicator_id=indicators[t["indicator"]].id, year=t["year"], value=Decimal(t["target"])
            )
            s.add(yearly)
            s.flush()
            for quarter, value in enumerate(t["quarters"], start=1):
                s.add(m.QuarterlyTarget(yearly_target_id=yearly.id, quarter=quarter, value=Decimal(value)))
        unit_of = {i["code"]: i["responsible_unit"] for i in data["indicators"]}
        for r in data["realisations"]:
            entered_at = r["entered_at"]
            entered_at = entered_at if isinstance(entered_at, dt.datetime) else dt.datetime.fromisoformat(entered_at)
            realisation = m.Realisation(
                indicator_id=indicators[r["indicator"]].id,
                year=r["year"],
                quarter=r["quarter"],
                value=Decimal(r["value"]),
                status=r["status"],
                entered_by_id=people[r["entered_by"]].id,
                entered_at=entered_at,
                supporting_factors=r.get("supporting", ""),
                inhibiting_factors=r.get("inhibiting", ""),
                follow_up=r.get("follow_up", ""),
                **_review_trail(data, r["status"], units[unit_of[r["indicator"]]], entered_at),
            )
            s.add(realisation)
            if r["status"] in ("VERIFIED", "APPROVED"):
                s.flush()
                s.add(
                    m.VerificationCheck(
                        realisation_id=realisation.id,
                        evidence_ok=True,
                        plausible=True,
                        narrative_ok=True,
                        checked_by=realisation.verified_by,
                        checked_at=realisation.verified_at,
                    )
                )

        programs: dict[str, m.Program] = {}
        for p in data["programs"]:
            programs[p["code"]] = m.Program(
                plan_id=plan.id,
                code=p["code"],
                name=p["name"],
                objective_id=objectives[p["objective"]].id if p.get("objective") else None,
            )
            s.add(programs[p["code"]])
        s.flush()
        activities: dict[str, m.Activity] = {}
        for a in data["activities"]:
            activities[a["code"]] = m.Activity(program_id=programs[a["program"]].id, code=a["code"], name=a["name"])
            s.add(activities[a["code"]])
        s.flush()
        for sa in data["sub_activities"]:
            sub = m.SubActivity(
                activity_id=activities[sa["activity"]].id,
                code=sa["code"],
                name=sa["name"],
                unit_id=units[sa["unit"]].id if sa.get("unit") else None,
            )
            s.add(sub)
            s.flush()
            for b in sa.get("budgets", []):
                budget = m.Budget(sub_activity_id=sub.id, year=b["year"], ceiling=int(b["ceiling"]))
                s.add(budget)
                s.flush()
                for quarter, amount in enumerate(b.get("spent", []), start=1):
                    if amount:
                        s.add(m.BudgetSpending(budget_id=budget.id, quarter=quarter, amount=int(amount)))
        s.flush()
        tx.audit("office", office.id, None, {"demo": office_data["name"]})


def _working_days_after(moment: dt.datetime, days: int) -> dt.datetime:
    """`days` working days (Monday to Friday) after `moment`, at the same time."""
    while days:
        moment += dt.timedelta(days=1)
        days -= moment.weekday() < 5
    return moment


def _holder(data: dict[str, Any], roles: tuple[str, ...], unit: m.Unit | None, day: dt.date) -> str:
    """The full name of the demo person holding one of `roles` (in `unit`, when given) on `day`."""
    for p in data["people"]:
        if not set(roles) & set(p["roles"]) or (unit is not None and p["unit"] != unit.code):
            continue
        start, end = _date(p["active_from"]), _date(p.get("active_to"))
        if start is not None and start <= day and (end is None or day <= end):
            return full_name(p["front_title"], p["name"], p["back_title"])
    return ""


def _review_trail(data: dict[str, Any], status: str, unit: m.Unit, entered_at: dt.datetime) -> dict[str, Any]:
    """Who submitted, verified and approved a demo realisasi, and when, as far as its status has gone.

    The Kasi (or the Kasubag of a sub bagian) submits an hour after entry, the Sekretaris verifies two working
    days later, the Camat approves two working days after that.
    """
    trail: dict[str, Any] = {}
    if status in ("SUBMITTED", "VERIFIED", "APPROVED"):
        at = entered_at + dt.timedelta(hours=1)
        heads = ("KASUBAG_PERENCANAAN", "KASUBAG_UMUM") if unit.kind == "SUBBAGIAN" else ("KASI",)
        trail.update(submitted_at=at, submitted_by=_holder(data, heads, unit, at.date()))
    if status in ("VERIFIED", "APPROVED"):
        at = _working_days_after(entered_at, 2)
        trail.update(verified_at=at, verified_by=_holder(data, ("SEKRETARIS",), None, at.date()))
    if status == "APPROVED":
        at = _working_days_after(entered_at, 4)
        trail.update(approved_at=at, approved_by=_holder(data, ("CAMAT",), None, at.date()))
    return trail
