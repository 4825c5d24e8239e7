"""The office's stable identity (issue 17): a kode wilayah and a random UUID in every office file."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org import office
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.backup import make_backup
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.restore import inspect_backup
from sakip_desktop.storage.sqlitefile import backup_file
from tests._new_office import new_office

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _identity_in_file(path: Path) -> tuple[str, str]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT region_code, uuid FROM office").fetchone()
    finally:
        conn.close()


def test_a_new_office_gets_a_random_uuid_and_each_office_its_own(tmp_path):
    # GIVEN two offices made by the wizard's operation in two files
    made = []
    for name in ("satu.db", "dua.db"):
        db = Database.open(tmp_path / name, create=True)
        new_office(db)
        made.append(office.get_identity(db))
        db.close()
    # THEN each has a random (version 4) UUID, and they differ
    assert all(UUID.fullmatch(i.uuid) for i in made)
    assert made[0].uuid != made[1].uuid


def test_the_demo_office_has_a_plausible_kode_wilayah(demo_db):
    identity = office.get_identity(demo_db)
    assert identity.region_code == "35.07.19"
    assert UUID.fullmatch(identity.uuid)
    assert office.get_profile(demo_db).region_code == "35.07.19"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("35.07.19", "35.07.19"), ("  33.03.12 ", "33.03.12"), ("", "")],
)
def test_profil_kantor_stores_a_kode_wilayah_of_the_kemendagri_shape(demo_db, typed, stored):
    admin = actor_for(demo_db, "kasubag_renkeu")  # the demo's administrator
    profile = office.get_profile(demo_db)
    updated = office.update_profile(demo_db, admin, office.OfficeProfile(**{**profile.__dict__, "region_code": typed}))
    assert updated.region_code == stored
    assert office.get_identity(demo_db).region_code == stored


@pytest.mark.parametrize("typed", ["3507", "35.7.19", "35.07.019", "35-07-19", "35.07.00", "ab.cd.ef", "35.07.19.2001"])
def test_a_kode_wilayah_of_another_shape_is_refused_in_indonesian_and_nothing_changes(demo_db, typed):
    admin = actor_for(demo_db, "kasubag_renkeu")  # the demo's administrator
    profile = office.get_profile(demo_db)
    with pytest.raises(ValidationError) as caught:
        office.update_profile(demo_db, admin, office.OfficeProfile(**{**profile.__dict__, "region_code": typed}))
    assert caught.value.field == "region_code"
    assert f"Kode wilayah '{typed.strip()}' tidak sah" in caught.value.message
    assert "mis. 35.07.19" in caught.value.message
    assert office.get_identity(demo_db).region_code == "35.07.19"


def test_the_wizard_rule_requires_the_kode_wilayah():
    with pytest.raises(ValidationError, match="Kode wilayah kecamatan wajib diisi"):
        office.check_region_code("  ", required=True)
    assert office.check_region_code("33.03.12", required=True) == "33.03.12"


def test_an_older_file_gets_a_uuid_by_migration_and_an_empty_kode_wilayah(tmp_path):
    # GIVEN two copies of the same schema-8 office file (written before the identity existed)
    ids = []
    for name in ("a.db", "b.db"):
        copy = tmp_path / name
        copy.write_bytes((FIXTURES / "schema_v8.db").read_bytes())
        # WHEN the program opens (and so upgrades) each
        Database.open(copy).close()
        ids.append(_identity_in_file(copy))
    # THEN each office got its own random UUID; the kode wilayah waits for the office to enter it
    assert all(region == "" and UUID.fullmatch(uid) for region, uid in ids)
    assert ids[0][1] != ids[1][1]


def test_the_uuid_stays_when_the_file_is_opened_again_and_backed_up(demo_template, tmp_path):
    copy = tmp_path / "kantor.db"
    backup_file(demo_template, copy)
    before = _identity_in_file(copy)
    Database.open(copy).close()
    assert _identity_in_file(copy) == before
    # WHEN it is backed up as `sakip backup` does
    (tmp_path / "flash").mkdir()
    result = make_backup(copy, tmp_path / "flash")
    # THEN the backup result and the backup's preview carry the identity
    assert (result.region_code, result.office_uuid) == before
    preview = inspect_backup(result.path)
    assert (preview.region_code, preview.office_uuid) == before


def test_a_backup_of_an_older_schema_shows_no_identity(tmp_path):
    old = tmp_path / "lama.db"
    old.write_bytes((FIXTURES / "schema_v8.db").read_bytes())
    preview = inspect_backup(old)
    assert (preview.region_code, preview.office_uuid) == ("", "")
    assert preview.needs_upgrade
