"""A desa's kode lies under the kecamatan's kode wilayah, and a desa added after a quarter was submitted is not
listed in that quarter as "belum diisi" (tester finding F3), on a real SQLite file (the demo: IK05 over 14 desa,
TW III 2025 verified, TW IV not entered yet)."""

from __future__ import annotations

import datetime as dt

import pytest

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.desa.fraction import MISSING, period_breakdowns
from sakip_desktop.ops.desa.map_reads import desa_maps
from sakip_desktop.ops.desa.master import DesaInput, add_desa, list_desa, update_desa
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import quarter_entries

DAY = dt.date(2025, 10, 15)


def test_a_desa_code_outside_the_kecamatan_is_refused(demo_db):
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    with pytest.raises(ValidationError) as refused:
        add_desa(demo_db, admin, DesaInput("Sukamaju Baru", "35.99.01.2015"))
    assert "tidak berada di wilayah kecamatan ini" in str(refused.value)
    assert "harus diawali 35.07.19." in str(refused.value) and "Sukamaju Baru (35.99.01.2015)" in str(refused.value)
    assert [d.name for d in list_desa(demo_db)].count("Sukamaju Baru") == 0
    # a kode under the kecamatan's is taken; changing an existing desa to a foreign kode is refused too
    new = add_desa(demo_db, admin, DesaInput("Sukamaju Baru", "35.07.19.2015"))
    with pytest.raises(ValidationError, match=r"harus diawali 35\.07\.19\."):
        update_desa(demo_db, admin, new, DesaInput("Sukamaju Baru", "35.07.20.2015"))


def test_a_desa_added_after_a_submitted_quarter_counts_from_the_quarters_still_entered(demo_db):
    # GIVEN IK05's TW III realisasi past submission, 14 desa marked
    entry = next(e for e in quarter_entries(demo_db, 2025, 3) if e.code == "IK05")
    assert entry.status.value in {"SUBMITTED", "VERIFIED", "APPROVED"}
    # WHEN a desa is added
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    add_desa(demo_db, admin, DesaInput("Sukamaju Baru", "35.07.19.2015"))
    # THEN TW III's per-desa list and the Dasbor's map keep the 14 desa counted then, none "belum diisi"
    third = next(b for b in period_breakdowns(demo_db, 2025, 3) if b.code == "IK05")
    assert len(third.rows) == 14 and "Sukamaju Baru" not in [d.name for d in third.rows]
    assert all(d.state != MISSING for d in third.rows)
    spots = next(mp for mp in desa_maps(demo_db, 2025, 3) if mp.code == "IK05").spots
    assert len(spots) == 14 and mp_missing(spots) == 0
    # AND TW IV, not entered yet, lists all 15 desa, the new one unfilled
    fourth = next(b for b in period_breakdowns(demo_db, 2025, 4) if b.code == "IK05")
    assert len(fourth.rows) == 15 and fourth.rows[-1].name == "Sukamaju Baru" and fourth.rows[-1].state == MISSING
    assert len(next(mp for mp in desa_maps(demo_db, 2025, 4) if mp.code == "IK05").spots) == 15


def mp_missing(spots) -> int:
    return sum(1 for s in spots if s.state == MISSING)
