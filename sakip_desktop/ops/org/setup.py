"""Creating a new office: the first-run wizard's one operation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sakip_desktop import __version__
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import SYSTEM, Tx, snapshot, utcnow, write
from sakip_desktop.ops.org.office import (
    EDITABLE_FIELDS,
    OfficeProfile,
    OfficeSettings,
    check_logo,
    has_office,
    store_settings,
    validate_profile,
    validate_settings,
)
from sakip_desktop.ops.org.people import PersonInput, apply_person, check_person_fields, validate_person
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import MetaValue, Office, Person, Unit

# Units every kecamatan has; the wizard creates them so the first person has somewhere to belong.
STANDARD_UNITS = (
    ("PIMPINAN", "Pimpinan", "PIMPINAN", None),
    ("SEKRETARIAT", "Sekretariat", "SEKRETARIAT", None),
    ("SUBBAG_PERENCANAAN", "Sub Bagian Perencanaan dan Keuangan", "SUBBAGIAN", "SEKRETARIAT"),
    ("SUBBAG_UMUM", "Sub Bagian Umum dan Kepegawaian", "SUBBAGIAN", "SEKRETARIAT"),
)


@dataclass(frozen=True)
class NewOffice:
    """Everything the first-run wizard collects."""

    profile: OfficeProfile
    admin: PersonInput
    paper_size: str = "A4"
    logo: bytes | None = None
    logo_filename: str = ""


def record_file_facts(tx: Tx) -> None:
    """Note in the file which program version made it and when."""
    tx.session.add(MetaValue(key="created_by_version", value=__version__))
    tx.session.add(MetaValue(key="created_at", value=tx.now.isoformat(timespec="seconds")))


def check_new_office(new: NewOffice) -> NewOffice:
    """Every check of the wizard's input that needs no database (the wizard calls it per page)."""
    if new.admin.password is None:
        raise ValidationError("Isi kata sandi administrator.", field="password")
    if new.logo is not None:
        check_logo(new.logo, new.logo_filename)
    validate_settings(OfficeSettings(paper_size=new.paper_size))
    return replace(new, profile=validate_profile(new.profile), admin=check_person_fields(new.admin))


def create_office(db: Database, new: NewOffice, *, now: dt.datetime | None = None, demo: bool = False) -> None:
    """Operation 'Buat kantor baru': the office, its standard units, settings and first administrator.

    Only allowed on a database that has no office yet. `demo` makes the demo office (`demo.office`): its
    passwords are printed on its login screen, so the administrator's too must be replaced should the file ever
    stop being the demo (the demo itself is exempt, `ops.org.auth`).
    """
    if has_office(db):
        raise ValidationError("Basis data ini sudah berisi data kantor.")
    new = check_new_office(new)
    profile = new.profile
    settings = OfficeSettings(paper_size=new.paper_size)
    clock = (lambda: now) if now is not None else utcnow
    with write(db, SYSTEM, Op.OFFICE_CREATE, clock=clock) as tx:
        office = Office(
            **{f: getattr(profile, f) for f in EDITABLE_FIELDS},
            logo=new.logo,
            logo_filename=new.logo_filename if new.logo else "",
            is_demo=demo,
        )
        tx.session.add(office)
        units: dict[str, Unit] = {}
        for order, (code, name, kind, parent) in enumerate(STANDARD_UNITS):
            unit = Unit(
                code=code, name=name, kind=kind, parent_id=units[parent].id if parent else None, sort_order=order * 10
            )
            tx.session.add(unit)
            tx.session.flush()
            units[code] = unit
        store_settings(tx, settings)
        record_file_facts(tx)
        admin = validate_person(tx.session, new.admin, None)
        person = Person(name=admin.name, active_from=admin.active_from)
        tx.session.add(person)
        apply_person(tx, person, admin)
        if demo and person.account is not None:
            person.account.must_change_password = True
        tx.session.flush()
        tx.audit("office", office.id, None, snapshot(office, EDITABLE_FIELDS))
