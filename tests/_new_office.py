"""A kecamatan just made by the new-office wizard, for the Langkah awal tests (core and UI)."""

from __future__ import annotations

import datetime as dt

from sakip_desktop.domain.roles import Employment
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.ops.org.people import PersonInput
from sakip_desktop.ops.org.setup import NewOffice, create_office
from sakip_desktop.storage.database import Database

TODAY = dt.date(2026, 1, 5)


def new_office(db: Database) -> None:
    """A kecamatan just made by the wizard: the standard units and its administrator, nothing else."""
    admin = PersonInput(
        name="Dyah Ekawati",
        employment=Employment.PNS,
        active_from=TODAY,
        nip="196504301985022003",
        grade="III/d",
        position="Kepala Sub Bagian Perencanaan dan Keuangan",
        username="dyah.ekawati",
        is_admin=True,
        password="rahasia123",
    )
    profile = OfficeProfile(regency_kind="Kabupaten", regency_name="Malang", name="Karangploso")
    create_office(db, NewOffice(profile=profile, admin=admin))
