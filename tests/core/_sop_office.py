"""A small office for the SOP lane tests, written through the operations: the wizard's units, three seksi, one
person per lane (two Kasi besides the Kasi Ekbang, a staff member in the Sekretariat and one in a seksi)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sakip_desktop.domain.roles import Employment, Role, UnitKind
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.ops.org.people import PersonInput, RoleRef, add_person
from sakip_desktop.ops.org.setup import NewOffice, create_office
from sakip_desktop.ops.org.units import UnitInput, add_unit, list_units
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 9, 1)
START = dt.date(2020, 1, 2)
SEKSI = ("Seksi Pemerintahan", "Seksi Ekonomi dan Pembangunan", "Seksi Kesejahteraan Sosial")
# username -> (name, unit name, roles (a Kasi's role is held for his unit), is_admin)
PEOPLE = {
    "camat": ("Budi Santoso", "Pimpinan", (Role.CAMAT,)),
    "sekcam": ("Sri Lestari", "Sekretariat", (Role.SEKRETARIS,)),
    "kasubag_renkeu": ("Andi Wijaya", "Sub Bagian Perencanaan dan Keuangan", (Role.KASUBAG_PERENCANAAN,)),
    "kasubag_umum": ("Endah Sari", "Sub Bagian Umum dan Kepegawaian", (Role.KASUBAG_UMUM,)),
    "kasi_pem": ("Hadi Susilo", SEKSI[0], (Role.KASI,)),
    "kasi_ekbang": ("Bambang Riyadi", SEKSI[1], (Role.KASI,)),
    "kasi_kesos": ("Nur Aini", SEKSI[2], (Role.KASI,)),
    "staf_umum": ("Sugeng Raharjo", "Sub Bagian Umum dan Kepegawaian", (Role.STAF,)),
    "staf_kesos": ("Rina Marlina", SEKSI[2], (Role.STAF,)),
    "admin_data": ("Maya Putri", "Sub Bagian Perencanaan dan Keuangan", (Role.ADMIN_DATA, Role.TIM_SAKIP)),
}
PASSWORD = "rahasia-uji-123"


def build_office(path: Path) -> None:
    """Write the office into a new file at `path`."""
    db = Database.open(path, create=True)
    try:
        profile = OfficeProfile(regency_kind="Kabupaten", regency_name="Sukamaju", name="Sukaraja")
        admin = PersonInput(
            name="Administrator Kantor",
            employment=Employment.NON_ASN,
            active_from=START,
            unit_id=None,
            username="admin",
            is_admin=True,
            password=PASSWORD,
        )
        create_office(db, NewOffice(profile=profile, admin=admin), now=dt.datetime(2020, 1, 2, 2, 0))
        system = actor_for(db, "admin", DAY)
        for order, name in enumerate(SEKSI, start=1):
            add_unit(db, system, UnitInput(name=name, kind=UnitKind.SEKSI, sort_order=100 + order))
        units = {u.name: u.id for u in list_units(db)}
        for username, (name, unit, roles) in PEOPLE.items():
            refs = tuple(RoleRef(r, units[unit] if r.per_unit else None) for r in roles)
            data = PersonInput(
                name=name,
                employment=Employment.NON_ASN,
                active_from=START,
                unit_id=units[unit],
                roles=refs,
                username=username,
                password=PASSWORD,
            )
            add_person(db, system, data)
    finally:
        db.close()


def people(db: Database) -> dict[str, Actor]:
    """Every person of the office as an actor on `DAY`."""
    return {username: actor_for(db, username, DAY) for username in (*PEOPLE, "admin")}
