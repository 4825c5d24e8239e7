"""A RATL of an LHE rekomendasi past its batas waktu is named in the Camat's "Menunggu Anda", with the LHE and
the tool that handles it, like an overdue tindak lanjut of a meeting (tester finding F7), on a real SQLite file
(the demo's Inspektorat LHE on 2024: RATL due 31 Juli 2025 done, 31 Maret 2026 under way, 30 April 2026 open)."""

from __future__ import annotations

import datetime as dt

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.waiting_work import LHE_TOOL, waiting_work
from sakip_desktop.ops.org.auth import actor_for


def _lhe_items(db, role: Role, username: str, day: dt.date) -> list[tuple[str, int | None]]:
    person = actor_for(db, username, day).person_id
    return [(i.text, i.year) for i in waiting_work(db, RoleGrant(role), person, day) if i.tool == LHE_TOOL]


def test_overdue_ratl_of_an_lhe_are_named_for_the_camat(demo_db):
    # GIVEN the demo's LHE, none of its RATL late on 15 Oktober 2025
    assert _lhe_items(demo_db, Role.CAMAT, "camat", dt.date(2025, 10, 15)) == []
    # WHEN the batas waktu of 31 Maret 2026 has passed THEN the Camat's list names the one RATL late
    assert _lhe_items(demo_db, Role.CAMAT, "camat", dt.date(2026, 4, 2)) == [
        ("1 tindak lanjut LHE Inspektorat 2024 melewati batas waktu", 2024)
    ]
    # AND after 30 April 2026 both RATL not done (the done one is not counted)
    assert _lhe_items(demo_db, Role.CAMAT, "camat", dt.date(2026, 12, 7)) == [
        ("2 tindak lanjut LHE Inspektorat 2024 melewati batas waktu", 2024)
    ]
    # AND the Sekretaris's list is unchanged by it (his RATL to set only)
    assert _lhe_items(demo_db, Role.SEKRETARIS, "sekcam", dt.date(2026, 12, 7)) == []
