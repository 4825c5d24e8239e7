"""Master data operations: people, units, acting, office profile and settings, with their audit trail."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sakip_desktop.domain.roles import ActingKind, Employment, Role, UnitKind
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.audit.trail import list_audit
from sakip_desktop.ops.org import acting, office, people, units
from sakip_desktop.ops.org.auth import actor_for


@pytest.fixture
def admin(demo_db):
    return actor_for(demo_db, "kasubag_renkeu")


def _unit_id(db, code):
    return next(u.id for u in units.list_units(db) if u.code == code)


def _new_person(**changes) -> people.PersonInput:
    base = people.PersonInput(
        name="Rina Marlina",
        employment=Employment.PNS,
        active_from=dt.date(2025, 9, 1),
        back_title="S.Sos.",
        nip="19900512 201503 2 004",
        grade="III/b",
        position="Analis Pemerintahan",
    )
    return people.PersonInput(**{**base.__dict__, **changes})


def _audit(db, operation):
    return [e for e in list_audit(db) if e.operation == operation]


def test_add_person_is_stored_and_audited(demo_db, admin):
    view = people.add_person(demo_db, admin, _new_person(username="rina", password="rahasia1"))
    assert view.full_name == "Rina Marlina, S.Sos." and view.nip == "199005122015032004"
    assert view.rank == "Penata Muda Tk. I (III/b)"
    entries = _audit(demo_db, "Tambah pegawai")
    assert len(entries) == 1 and entries[0].actor_name.startswith("Andi Prasetyo")
    assert entries[0].old is None and entries[0].new["nip"] == "199005122015032004"
    assert "rahasia1" not in json.dumps(entries[0].new)


def test_edit_records_only_what_changed(demo_db, admin):
    person = next(p for p in people.list_people(demo_db) if p.username == "staf_umum")
    data = _new_person(
        name=person.name,
        nip=person.nip,
        grade=person.grade,
        back_title=person.back_title,
        active_from=person.active_from,
        position="Pengelola Arsip",
        unit_id=person.unit_id,
        roles=person.roles,
        username=person.username,
    )
    people.update_person(demo_db, admin, person.id, data)
    (entry,) = _audit(demo_db, "Ubah data pegawai")
    assert entry.old == {"position": "Pengadministrasi Umum"}
    assert entry.new == {"position": "Pengelola Arsip"}
    assert entry.summary == "jabatan: Pengadministrasi Umum → Pengelola Arsip"


def test_invalid_nip_is_refused_and_nothing_is_written(demo_db, admin):
    before = len(people.list_people(demo_db))
    with pytest.raises(ValidationError, match="NIP harus 18 angka") as caught:
        people.add_person(demo_db, admin, _new_person(nip="1990051220150320"))
    assert caught.value.field == "nip"
    assert len(people.list_people(demo_db)) == before and _audit(demo_db, "Tambah pegawai") == []


def test_duplicate_nip_is_refused(demo_db, admin):
    taken = next(p.nip for p in people.list_people(demo_db) if p.username == "camat")
    with pytest.raises(ValidationError, match="sudah dipakai oleh Ardiansyah Nugroho"):
        people.add_person(demo_db, admin, _new_person(nip=taken))


def test_pppk_needs_no_grade_and_pns_does(demo_db, admin):
    view = people.add_person(
        demo_db, admin, _new_person(employment=Employment.PPPK, nip="199409212024212003", grade="")
    )
    assert view.grade == "" and view.rank == ""
    with pytest.raises(ValidationError, match="wajib diisi untuk PNS"):
        people.add_person(demo_db, admin, _new_person(grade="", nip="19900512 201503 2 005"))


def test_a_second_camat_at_the_same_time_is_refused_but_a_successor_is_not(demo_db, admin):
    with pytest.raises(ValidationError, match="Peran Camat sudah dipegang Ardiansyah Nugroho"):
        people.add_person(demo_db, admin, _new_person(roles=(people.RoleRef(Role.CAMAT),)))
    camat = next(p for p in people.list_people(demo_db) if p.username == "camat")
    people.update_person(
        demo_db,
        admin,
        camat.id,
        people.PersonInput(
            **{
                **people.PersonInput(
                    name=camat.name, employment=camat.employment, active_from=camat.active_from
                ).__dict__,
                "front_title": camat.front_title,
                "back_title": camat.back_title,
                "nip": camat.nip,
                "grade": camat.grade,
                "position": camat.position,
                "unit_id": camat.unit_id,
                "roles": camat.roles,
                "username": camat.username,
                "active_to": dt.date(2025, 8, 31),
            }
        ),
    )
    successor = people.add_person(demo_db, admin, _new_person(roles=(people.RoleRef(Role.CAMAT),)))
    assert successor.roles == (people.RoleRef(Role.CAMAT),)


def test_kasi_role_needs_a_seksi(demo_db, admin):
    with pytest.raises(ValidationError, match="harus disertai seksi"):
        people.add_person(demo_db, admin, _new_person(roles=(people.RoleRef(Role.KASI),)))


def test_only_an_administrator_may_change_master_data(demo_db):
    camat = actor_for(demo_db, "camat")
    with pytest.raises(PermissionDenied, match="Hanya untuk Administrator"):
        people.add_person(demo_db, camat, _new_person())


def test_the_last_administrator_cannot_drop_the_flag(demo_db, admin):
    staf = next(p for p in people.list_people(demo_db) if p.username == "staf_renkeu")
    me = next(p for p in people.list_people(demo_db) if p.username == "kasubag_renkeu")

    def without_admin(p):
        return people.PersonInput(
            name=p.name,
            employment=p.employment,
            active_from=p.active_from,
            front_title=p.front_title,
            back_title=p.back_title,
            nip=p.nip,
            grade=p.grade,
            position=p.position,
            unit_id=p.unit_id,
            roles=p.roles,
            username=p.username,
            is_admin=False,
        )

    people.update_person(demo_db, admin, staf.id, without_admin(staf))
    with pytest.raises(ValidationError, match="administrator aktif terakhir"):
        people.update_person(demo_db, admin, me.id, without_admin(me))


def test_units_add_edit_and_delete_rules(demo_db, admin):
    new_id = units.add_unit(demo_db, admin, units.UnitInput(name="Seksi Kebersihan", kind=UnitKind.SEKSI))
    assert any(u.code == "SEKSI_KEBERSIHAN" for u in units.list_units(demo_db))
    with pytest.raises(ValidationError, match="Kode unit SEKSI_KEBERSIHAN sudah dipakai"):
        units.add_unit(demo_db, admin, units.UnitInput(name="Seksi Lain", kind=UnitKind.SEKSI, code="SEKSI_KEBERSIHAN"))
    with pytest.raises(ValidationError, match="Unit bernama 'seksi kebersihan' sudah ada"):
        units.add_unit(demo_db, admin, units.UnitInput(name="seksi kebersihan", kind=UnitKind.SEKSI, code="LAIN"))
    with pytest.raises(ValidationError, match=r"masih dipakai oleh .*pegawai"):
        units.delete_unit(demo_db, admin, _unit_id(demo_db, "SEKSI_PEMERINTAHAN"))
    units.delete_unit(demo_db, admin, new_id)
    assert all(u.id != new_id for u in units.list_units(demo_db))


def test_a_unit_cannot_be_placed_under_its_own_sub_unit(demo_db, admin):
    sekretariat = _unit_id(demo_db, "SEKRETARIAT")
    subbag = _unit_id(demo_db, "SUBBAG_UMUM")
    with pytest.raises(ValidationError, match="unit bawahannya") as caught:
        units.update_unit(
            demo_db,
            admin,
            sekretariat,
            units.UnitInput(name="Sekretariat", kind=UnitKind.SEKRETARIAT, parent_id=subbag),
        )
    assert caught.value.field == "parent_id"


def test_head_count_counts_people_in_service_on_the_day(demo_db):
    trantib = {u.code: u for u in units.list_units(demo_db, dt.date(2025, 7, 1))}["SEKSI_TRANTIB"]
    later = {u.code: u for u in units.list_units(demo_db, dt.date(2025, 8, 1))}["SEKSI_TRANTIB"]
    assert trantib.people_count == later.people_count == 1  # the old Kasi until 14 Juli, then the new one


def test_acting_assignment_rules(demo_db, admin):
    kasi = next(p for p in people.list_people(demo_db) if p.username == "kasi_pem")
    with pytest.raises(ValidationError, match="Pilih pegawai") as caught:
        acting.add_acting(
            demo_db,
            admin,
            acting.ActingInput(person_id=None, kind=ActingKind.PLT, role=Role.CAMAT, start=dt.date(2025, 9, 1)),
        )
    assert caught.value.field == "person_id"
    with pytest.raises(ValidationError, match="harus punya tanggal selesai"):
        acting.add_acting(
            demo_db,
            admin,
            acting.ActingInput(person_id=kasi.id, kind=ActingKind.PLH, role=Role.SEKRETARIS, start=dt.date(2025, 9, 1)),
        )
    acting_id = acting.add_acting(
        demo_db,
        admin,
        acting.ActingInput(
            person_id=kasi.id,
            kind=ActingKind.PLT,
            role=Role.SEKRETARIS,
            start=dt.date(2025, 9, 1),
            position="Sekretaris Kecamatan",
            decree="800/1/2025",
        ),
    )
    listed = next(a for a in acting.list_acting(demo_db) if a.id == acting_id)
    assert listed.title == "Plt. Sekretaris Kecamatan" and listed.active_on(dt.date(2026, 1, 1))
    assert actor_for(demo_db, "kasi_pem", dt.date(2025, 9, 2)).has(Role.SEKRETARIS)


def test_office_profile_and_settings_validation(demo_db, admin):
    profile = office.get_profile(demo_db)
    with pytest.raises(ValidationError, match="Kode pos harus 5 angka") as caught:
        office.update_profile(demo_db, admin, office.OfficeProfile(**{**profile.__dict__, "postal_code": "651"}))
    assert caught.value.field == "postal_code"
    updated = office.update_profile(demo_db, admin, office.OfficeProfile(**{**profile.__dict__, "phone": "(0341) 1"}))
    assert updated.phone == "(0341) 1"
    with pytest.raises(ValidationError, match="berjumlah 18"):
        office.update_settings(demo_db, admin, office.OfficeSettings(nip_grouping="8-6-1"))
    office.update_settings(demo_db, admin, office.OfficeSettings(paper_size="F4", idle_lock_minutes=3))
    assert office.get_settings(demo_db).paper_size == "F4"
    with pytest.raises(ValidationError, match="harus gambar PNG atau JPEG"):
        office.set_logo(demo_db, admin, b"GIF89a....", "logo.gif")
