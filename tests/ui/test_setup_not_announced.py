"""Issue 13 leftover: the Camat's first login does not announce the setting up of the office itself (every person,
role and account the administrator recorded) as "perubahan peran"; what changes afterwards is announced."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _new_office import new_office

from sakip_desktop.domain.roles import Employment, Role
from sakip_desktop.ops.org import people
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.role_changes import SETUP_ACKNOWLEDGED_BY
from sakip_desktop.storage import models as m
from ui.context import AppContext
from ui.main_window import MainWindow

DAY = dt.date(2026, 1, 12)


def _person(name: str, username: str, role: Role) -> people.PersonInput:
    return people.PersonInput(
        name=name,
        employment=Employment.NON_ASN,
        active_from=dt.date(2026, 1, 1),
        roles=(people.RoleRef(role),),
        username=username,
        password="awal12345",
    )


def _announced(window: MainWindow) -> list[str]:
    return [b.text() for b in window.role_tabs[0].waiting.buttons if "perubahan peran" in b.text()]


def test_the_setup_is_not_announced_to_the_camat_but_later_changes_are(qtbot, empty_db):
    # GIVEN a new office whose administrator records the Camat and the Sekretaris with their roles and logins
    new_office(empty_db)
    admin = login(empty_db, "dyah.ekawati", "rahasia123")
    people.add_person(empty_db, admin, _person("Budi Hartono", "budi", Role.CAMAT))
    people.add_person(empty_db, admin, _person("Sri Lestari", "sri", Role.SEKRETARIS))
    # WHEN the Camat logs in for the first time
    camat = login(empty_db, "budi", "awal12345")
    ctx = AppContext(db=empty_db, actor=camat, year=2026, quarter=1, today=lambda: DAY)
    window = MainWindow(ctx, get_profile(empty_db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # THEN "Menunggu Anda" does not list the setting up as role changes to acknowledge
    assert _announced(window) == []
    # AND the setup's changes are kept, noted as known from the setup
    with empty_db.reading() as s:
        kept = s.query(m.RoleChange.description, m.RoleChange.acknowledged_by).all()
    assert ("Peran Sekretaris diberikan kepada Sri Lestari.", SETUP_ACKNOWLEDGED_BY) in kept
    # WHEN, after his first login, the administrator gives the Sekretaris the administrator flag
    sri = next(p for p in people.list_people(empty_db) if p.username == "sri")
    data = people.PersonInput(
        name=sri.name, employment=sri.employment, active_from=sri.active_from, roles=sri.roles,
        username=sri.username, is_admin=True,
    )  # fmt: skip
    people.update_person(empty_db, admin, sri.id, dataclasses.replace(data))
    ctx.signals.work_changed.emit()
    # THEN the Camat is told
    assert len(_announced(window)) == 1 and "1 perubahan peran" in _announced(window)[0]
