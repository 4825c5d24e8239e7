"""Who may give whom a role: nobody gives himself one, every change waits for the Camat, a Plt./Plh. has its SK,
and a password an administrator chose is replaced by its owner at the first login."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from sakip_desktop.domain.roles import ActingKind, Employment, Role
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.home.waiting_work import ROLE_CHANGES_TOOL, waiting_work
from sakip_desktop.ops.org import acting, people
from sakip_desktop.ops.org.auth import actor_for, change_own_password, login, password_change_required
from sakip_desktop.ops.org.office import OfficeProfile
from sakip_desktop.ops.org.role_changes import acknowledge_role_changes, pending_role_changes
from sakip_desktop.ops.org.setup import NewOffice, create_office
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 20)  # nobody acts for anyone that day in the demo office


def _count(db: Database, table: str) -> int:
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _plt_camat(person_id: int | None, decree: str = "800/301/35.99.01/2025") -> acting.ActingInput:
    return acting.ActingInput(
        person_id=person_id,
        kind=ActingKind.PLT,
        role=Role.CAMAT,
        start=dt.date(2025, 10, 1),
        end=dt.date(2025, 12, 31),
        position="Camat Contoh",
        decree=decree,
    )


def _as_input(view: people.PersonView, **changes) -> people.PersonInput:
    data = people.PersonInput(
        name=view.name,
        employment=view.employment,
        active_from=view.active_from,
        front_title=view.front_title,
        back_title=view.back_title,
        nip=view.nip,
        grade=view.grade,
        position=view.position,
        unit_id=view.unit_id,
        active_to=view.active_to,
        roles=view.roles,
        username=view.username,
        is_admin=view.is_admin,
    )
    return dataclasses.replace(data, **changes)


def _person(db: Database, username: str) -> people.PersonView:
    return next(p for p in people.list_people(db) if p.username == username)


@pytest.mark.sqlite_only(reason="counts rows in the office file with plain sqlite3")
def test_a_staf_with_the_administrator_flag_cannot_make_himself_plt_camat(demo_db):
    # GIVEN the Staf Perencanaan, who has the administrator flag
    staf = actor_for(demo_db, "staf_renkeu", DAY)
    assert staf.is_admin and not staf.has(Role.CAMAT)
    before = (_count(demo_db, "acting_assignment"), _count(demo_db, "role_change"), _count(demo_db, "audit_entry"))
    # WHEN he appoints himself Plt. Camat
    with pytest.raises(PermissionDenied, match="tidak dapat menunjuk diri sendiri"):
        acting.add_acting(demo_db, staf, _plt_camat(staf.person_id))
    # THEN nothing is written and he is still no Camat
    after = (_count(demo_db, "acting_assignment"), _count(demo_db, "role_change"), _count(demo_db, "audit_entry"))
    assert after == before
    assert not actor_for(demo_db, "staf_renkeu", dt.date(2025, 11, 1)).has(Role.CAMAT)
    # AND turning an assignment of someone else into his own is refused as well
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    sekcam = _person(demo_db, "sekcam")
    acting_id = acting.add_acting(demo_db, admin, _plt_camat(sekcam.id))
    with pytest.raises(PermissionDenied):
        acting.update_acting(demo_db, staf, acting_id, _plt_camat(staf.person_id))
    assert next(a for a in acting.list_acting(demo_db) if a.id == acting_id).person_id == sekcam.id


def test_an_administrator_cannot_give_himself_a_role_but_may_drop_one(demo_db):
    # GIVEN the Staf Perencanaan (administrator) editing his own record
    staf = actor_for(demo_db, "staf_renkeu", DAY)
    me = _person(demo_db, "staf_renkeu")
    # WHEN he ticks the Camat role for himself THEN it is refused and his roles stay
    with pytest.raises(PermissionDenied, match="tidak dapat memberi diri sendiri peran"):
        people.update_person(demo_db, staf, me.id, _as_input(me, roles=(*me.roles, people.RoleRef(Role.CAMAT))))
    assert _person(demo_db, "staf_renkeu").roles == me.roles
    # WHEN another administrator gives him the Tim SAKIP role THEN it is stored
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    people.update_person(demo_db, admin, me.id, _as_input(me, roles=(*me.roles, people.RoleRef(Role.TIM_SAKIP))))
    assert people.RoleRef(Role.TIM_SAKIP) in _person(demo_db, "staf_renkeu").roles
    # AND he may give it up again himself
    people.update_person(demo_db, staf, me.id, _as_input(me))
    assert _person(demo_db, "staf_renkeu").roles == me.roles


def test_the_administrator_flag_comes_from_another_administrator_and_the_camat_hears_of_it(demo_db):
    # GIVEN the Kasubag Umum, no administrator
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    umum = _person(demo_db, "kasubag_umum")
    assert not umum.is_admin
    # WHEN an administrator gives him the flag THEN he is one, and the Camat's list says who did it
    people.update_person(demo_db, admin, umum.id, _as_input(umum, is_admin=True))
    assert actor_for(demo_db, "kasubag_umum", DAY).is_admin
    camat = actor_for(demo_db, "camat", DAY)
    (change,) = pending_role_changes(demo_db, camat.person_id)
    assert change.description == f"Hak administrator diberikan kepada {umum.full_name}".rstrip(".") + "."
    assert change.by_name == admin.name
    # WHEN the Staf Perencanaan drops his own flag THEN he cannot take it back: that takes another administrator
    me = _person(demo_db, "staf_renkeu")
    people.update_person(demo_db, actor_for(demo_db, "staf_renkeu", DAY), me.id, _as_input(me, is_admin=False))
    with pytest.raises(PermissionDenied):
        people.update_person(demo_db, actor_for(demo_db, "staf_renkeu", DAY), me.id, _as_input(me))


@pytest.mark.sqlite_only(reason="counts rows in the office file with plain sqlite3")
def test_a_plt_needs_the_number_of_its_sk(demo_db):
    # GIVEN an administrator appointing the Sekretaris Plt. Camat
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    sekcam = _person(demo_db, "sekcam")
    before = _count(demo_db, "acting_assignment")
    # WHEN the decree number is left empty (or blank) THEN the appointment is refused at that field
    for decree in ("", "   "):
        with pytest.raises(ValidationError, match="Nomor SK") as caught:
            acting.add_acting(demo_db, admin, _plt_camat(sekcam.id, decree=decree))
        assert caught.value.field == "decree"
    assert _count(demo_db, "acting_assignment") == before


@pytest.mark.sqlite_only(reason="changes the office file with plain sqlite3")
def test_role_and_acting_changes_wait_in_the_camats_menunggu_anda_until_acknowledged(demo_db):
    # GIVEN a quiet office: nothing waits for the Camat about roles
    camat = actor_for(demo_db, "camat", DAY)
    grant = next(g for g in camat.grants if g.role is Role.CAMAT)
    assert pending_role_changes(demo_db, camat.person_id) == []
    # WHEN an administrator gives the Staf Umum the Admin Data role, and makes the Sekretaris Plt. Camat
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    umum = _person(demo_db, "staf_umum")
    people.update_person(demo_db, admin, umum.id, _as_input(umum, roles=(*umum.roles, people.RoleRef(Role.ADMIN_DATA))))
    sekcam = _person(demo_db, "sekcam")
    acting.add_acting(demo_db, admin, _plt_camat(sekcam.id))
    # THEN the Camat sees who gave whom which role, in order
    changes = pending_role_changes(demo_db, camat.person_id)
    assert [c.description for c in changes] == [
        f"Peran Admin Data diberikan kepada {umum.full_name}.",
        f"{sekcam.full_name} ditunjuk sebagai Plt. Camat Contoh (peran Camat), 1 Oktober 2025 s.d. "
        "31 Desember 2025, SK 800/301/35.99.01/2025.",
    ]
    assert {c.by_name for c in changes} == {admin.name}
    # AND "Menunggu Anda" says so
    items = waiting_work(demo_db, grant, camat.person_id, DAY)  # every open period (issue 13 §1)
    assert [(i.text, i.tool) for i in items if i.tool == ROLE_CHANGES_TOOL] == [
        ("2 perubahan peran, Plt./Plh. atau akun yang perlu Anda ketahui", ROLE_CHANGES_TOOL)
    ]
    # WHEN a further change comes after he read the list, and he acknowledges what he read
    people.update_person(demo_db, admin, umum.id, _as_input(umum))
    assert acknowledge_role_changes(demo_db, camat, changes[-1].id) == 2
    # THEN only the newer change still waits
    assert [c.description for c in pending_role_changes(demo_db, camat.person_id)] == [
        f"Peran Admin Data dicabut dari {umum.full_name}."
    ]
    # AND the acknowledgement is in the audit trail
    conn = sqlite3.connect(demo_db.path)
    try:
        ops = [r[0] for r in conn.execute("SELECT operation FROM audit_entry ORDER BY id DESC LIMIT 3")]
    finally:
        conn.close()
    assert "Tandai perubahan peran diketahui" in ops


def test_a_change_about_the_camat_himself_waits_for_another_camat(demo_db):
    # GIVEN the Sekretaris made Plt. Camat by an administrator
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    sekcam = _person(demo_db, "sekcam")
    acting.add_acting(demo_db, admin, _plt_camat(sekcam.id))
    plt = actor_for(demo_db, "sekcam", dt.date(2025, 11, 3))
    assert plt.has(Role.CAMAT)
    # WHEN the Plt. Camat looks at his list and acknowledges everything he may
    assert pending_role_changes(demo_db, plt.person_id) == []
    assert acknowledge_role_changes(demo_db, plt, 10**9) == 0
    # THEN his own appointment still waits for the Camat
    camat = actor_for(demo_db, "camat", DAY)
    assert len(pending_role_changes(demo_db, camat.person_id)) == 1
    # AND only a Camat may acknowledge at all
    with pytest.raises(PermissionDenied):
        acknowledge_role_changes(demo_db, admin, 10**9)


def _new_office(admin_password: str = "rahasia123") -> NewOffice:
    return NewOffice(
        profile=OfficeProfile(regency_kind="Kabupaten", regency_name="Malang", name="Karangploso"),
        admin=people.PersonInput(
            name="Dyah Ekawati",
            employment=Employment.PNS,
            active_from=dt.date(2024, 1, 2),
            nip="19650430 198502 2 003",
            grade="IV/a",
            position="Camat Karangploso",
            roles=(people.RoleRef(Role.CAMAT),),
            username="dyah",
            is_admin=True,
            password=admin_password,
        ),
    )


def test_a_password_set_by_an_administrator_is_replaced_at_the_first_login(empty_db):
    # GIVEN a new office: its first administrator chose his own password in the wizard
    create_office(empty_db, _new_office())
    admin = login(empty_db, "dyah", "rahasia123")
    assert not password_change_required(empty_db, "dyah")
    # WHEN he adds a person with an initial password
    people.add_person(
        empty_db,
        admin,
        people.PersonInput(
            name="Rina Marlina",
            employment=Employment.PPPK,
            active_from=dt.date(2024, 3, 1),
            nip="199409212024212003",
            username="rina",
            password="awal12345",
        ),
    )
    # THEN Rina can log in with it, but must replace it before working
    rina = login(empty_db, "rina", "awal12345")
    assert password_change_required(empty_db, "rina")
    # AND the new one must differ from the one the administrator knows
    with pytest.raises(ValidationError, match="harus berbeda"):
        change_own_password(empty_db, rina, "awal12345", "awal12345")
    change_own_password(empty_db, rina, "awal12345", "rahasiaRina1")
    assert not password_change_required(empty_db, "rina")
    # WHEN the administrator resets it THEN it must be replaced again, and the Camat hears of it
    view = _person(empty_db, "rina")
    people.update_person(empty_db, admin, view.id, _as_input(view, password="reset12345"))
    assert password_change_required(empty_db, "rina")
    texts = [c.description for c in pending_role_changes(empty_db, None)]
    assert texts == [
        "Akun masuk 'rina' dibuat untuk Rina Marlina dengan kata sandi awal.",
        "Kata sandi Rina Marlina diatur ulang oleh administrator.",
    ]
    # AND a person setting his own password in his record is not asked again
    me = _person(empty_db, "dyah")
    people.update_person(empty_db, admin, me.id, _as_input(me, password="baruDyah123"))
    assert not password_change_required(empty_db, "dyah")


@pytest.mark.sqlite_only(reason="changes the office file with plain sqlite3")
def test_demo_passwords_are_exempt_only_while_the_office_is_the_demo(demo_db):
    # GIVEN the demo office, whose passwords are printed on its login screen
    assert not password_change_required(demo_db, "camat")
    # WHEN the same file stops being the demo office
    conn = sqlite3.connect(demo_db.path)
    try:
        with conn:
            conn.execute("UPDATE office SET is_demo = 0")
    finally:
        conn.close()
    # THEN every demo password must be replaced at the next login
    assert all(password_change_required(demo_db, u) for u in ("camat", "sekcam", "kasi_pem", "staf_renkeu"))


def test_a_role_change_about_a_name_ending_in_a_degree_reads_with_one_full_stop(demo_db):
    # GIVEN the Staf Umum, whose name ends in a degree with its own full stop
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    umum = _person(demo_db, "staf_umum")
    people.update_person(demo_db, admin, umum.id, _as_input(umum, back_title="S.Sos., M.M."))
    umum = _person(demo_db, "staf_umum")
    assert umum.full_name.endswith("M.M.")
    # WHEN an administrator gives him the Admin Data role
    people.update_person(demo_db, admin, umum.id, _as_input(umum, roles=(*umum.roles, people.RoleRef(Role.ADMIN_DATA))))
    # THEN the Camat reads one sentence with one full stop at its end
    camat = actor_for(demo_db, "camat", DAY)
    assert pending_role_changes(demo_db, camat.person_id)[-1].description == (
        f"Peran Admin Data diberikan kepada {umum.full_name}"
    )
