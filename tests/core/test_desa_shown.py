"""An indicator over desa as the screens show it (tester finding F13): its realisasi, a share of desa, with two
decimals on the Dasbor as in print ("50,00", not "50"), and the desa not marked yet among what keeps it from
being submitted (the Status tooltip lists them), on a real SQLite file (the demo: IK05 over 14 desa)."""

from __future__ import annotations

import datetime as dt

from sakip_desktop.ops.desa.entry import DesaMark, save_desa_marks
from sakip_desktop.ops.desa.master import list_desa
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import quarter_entries

DAY = dt.date(2026, 1, 8)  # TW IV 2025 is reported on


def _ik05(db):
    return next(e for e in quarter_entries(db, 2025, 4) if e.code == "IK05")


def test_a_share_of_desa_shows_two_decimals_and_names_the_desa_not_marked(demo_db):
    # GIVEN the Kasi Pemerintahan marks 13 of IK05's 14 desa in TW IV, 6 of them meeting the criterion
    desa = list_desa(demo_db, include_inactive=False)
    marks = [DesaMark(d.id, n < 6) for n, d in enumerate(desa[:-1])]
    save_desa_marks(demo_db, actor_for(demo_db, "kasi_pem", DAY), _ik05(demo_db).indicator_id, 2025, 4, marks)
    # THEN the entry names the desa not marked yet among its problems (the Status tooltip shows them)
    entry = _ik05(demo_db)
    assert entry.over_desa and f"1 desa belum diisi ({desa[-1].name})" in entry.problems
    # WHEN the last desa is marked (7 of 14: 50 %)
    save_desa_marks(demo_db, actor_for(demo_db, "kasi_pem", DAY), entry.indicator_id, 2025, 4,
                    [*marks, DesaMark(desa[-1].id, True)])  # fmt: skip
    assert not [p for p in _ik05(demo_db).problems if "desa belum diisi" in p]
    # THEN the Dasbor writes its realisasi with two decimals, as the FPK and the LKj print it
    light = next(i for i in dashboard(demo_db, 2025, 4, DAY).indicators if i.code == "IK05")
    assert light.actual_text == "50,00"
