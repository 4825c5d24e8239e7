"""The demo office's desa and kelurahan, and its indicator over desa (IK05, "Persentase desa dengan administrasi
pemerintahan desa yang tertib", 14 desa): the Kasubag Perencanaan enters the desa and defines IK05 as counted over
them on the planning day; each quarter the Kasi Pemerintahan marks every desa as meeting the criterion or not,
with a note for those that do not, so the realisasi of the data file (78,57 = 11 of 14, 85,71 = 12 of 14) follows
from the marks.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sakip_desktop.demo.timeline import ADMINISTRATOR, PLANNING_DAY, Story, at, person, wib
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.desa.entry import DesaMark, save_desa_marks, set_indicator_over_desa
from sakip_desktop.ops.desa.master import DesaInput, add_desa, list_desa
from sakip_desktop.ops.realisation.entry import add_evidence
from sakip_desktop.storage.database import Database

INDICATOR = "IK05"
CRITERION = (
    "Buku administrasi umum, penduduk, keuangan dan pembangunan serta laporan desa lengkap dan mutakhir "
    "menurut hasil monitoring Kecamatan"
)
# (kode wilayah, nama, jenis, kepala desa / lurah)
DESA = (
    ("35.07.19.1001", "Karangrejo", "kelurahan", "Bambang Sutrisno, S.Sos."),
    ("35.07.19.2001", "Sumberagung", "desa", "H. Slamet Riyadi"),
    ("35.07.19.2002", "Tegalsari", "desa", "Sri Wahyuni"),
    ("35.07.19.2003", "Kedungsari", "desa", "Mujiono"),
    ("35.07.19.2004", "Sidomulyo", "desa", "Agus Prasetyo, S.E."),
    ("35.07.19.2005", "Wonorejo", "desa", "Suparman"),
    ("35.07.19.2006", "Banjarsari", "desa", "Siti Aminah"),
    ("35.07.19.2007", "Ngadirejo", "desa", "Eko Santoso"),
    ("35.07.19.2008", "Purwodadi", "desa", "Sugeng Widodo"),
    ("35.07.19.2009", "Mojosari", "desa", "Hartono"),
    ("35.07.19.2010", "Kalisongo", "desa", "Dwi Lestari, S.Pd."),
    ("35.07.19.2011", "Sukorejo", "desa", "Rahmat Hidayat"),
    ("35.07.19.2012", "Gunungsari", "desa", "Joko Susilo"),
    ("35.07.19.2013", "Jatirejo", "desa", "Ahmad Fauzi"),
)
# The desa that fall short first, and why (the first ones catch up as the year goes on).
SHORT = (
    ("Gunungsari", "Buku administrasi pembangunan belum dimutakhirkan sejak 2024."),
    ("Kalisongo", "Laporan realisasi APBDes semester belum disampaikan."),
    ("Jatirejo", "Buku administrasi penduduk belum lengkap (mutasi penduduk belum dicatat)."),
    ("Mojosari", "Inventaris aset desa belum diperbarui."),
)


def add_desa_master(db: Database, indicators: dict[str, int], story: Story) -> None:
    """The Kasubag Perencanaan enters the desa and defines IK05 as counted over them, on the planning day."""
    moment = wib(story.day(PLANNING_DAY), 15)
    admin = person(db, ADMINISTRATOR, moment)
    for code, name, kind, head in DESA:
        add_desa(db, admin, DesaInput(name, code, kind, head), clock=at(moment))
    set_indicator_over_desa(db, admin, indicators[INDICATOR], True, CRITERION, clock=at(moment))


def marks_for(value: Decimal, desa: list[tuple[int, str]]) -> list[DesaMark]:
    """Marks giving `value` percent of the desa: the first of SHORT fall short until the count is reached."""
    met = int((value * len(desa) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    short = dict(SHORT[: max(len(desa) - met, 0)])
    return [DesaMark(desa_id, name not in short, short.get(name, "")) for desa_id, name in desa]


def enter_desa_marks(db: Database, actor: Actor, realisation_id: int, r: dict[str, Any], when: dt.datetime) -> None:
    """For the indicator over desa: the person entering the realisasi marks each desa (with one desa's bukti)."""
    if r["indicator"] != INDICATOR:
        return
    desa = [(d.id, d.name) for d in list_desa(db, include_inactive=False)]
    marks = marks_for(Decimal(r["value"]), desa)
    indicator_id = _indicator_of(db, realisation_id)
    save_desa_marks(db, actor, indicator_id, r["year"], r["quarter"], marks, clock=at(when))
    first = next(m for m in marks if not m.meets)
    period = f"TW{r['quarter']}-{r['year']}"
    note = f"Berita acara monitoring administrasi desa {period}, Kecamatan Contoh (berkas contoh).\n".encode()
    add_evidence(db, actor, realisation_id, f"monitoring-desa-{period}.txt", note, desa_id=first.desa_id,
                 clock=at(when))  # fmt: skip


def _indicator_of(db: Database, realisation_id: int) -> int:
    from sakip_desktop.storage import models as m

    with db.reading() as s:
        row = s.get(m.Realisation, realisation_id)
        assert row is not None
        return row.indicator_id
