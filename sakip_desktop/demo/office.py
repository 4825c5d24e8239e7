"""The demo office "Kecamatan Contoh" built from `resources/demo/kecamatan_contoh.toml`.

Everything in it is written through the operations the screens use, by the demo person whose work it is, on the
day it would have happened (`demo.timeline`), so every record has its audit trail and the demo walks the real
roads: the office and its people (`demo.staff`), the plans (`demo.planning`), the realisasi and their review
(`demo.realisation`), the SOPs and their runs (`demo.sops`), the PKs (`demo.agreements`), the pemantauan and
evaluation (`demo.monitoring`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.files import replace_atomically
from sakip_desktop.paths import resources_dir
from sakip_desktop.storage.database import Database

if TYPE_CHECKING:
    from sakip_desktop.demo.timeline import Story

DEMO_FILE = "demo/kecamatan_contoh.toml"


@dataclass(frozen=True)
class DemoAccount:
    """A demo login shown on the demo's login screen."""

    username: str
    password: str
    label: str


def load_demo_data(path: Path | None = None) -> dict[str, Any]:
    """The parsed demo data file."""
    path = path or resources_dir() / DEMO_FILE
    with path.open("rb") as fh:
        return tomllib.load(fh)


def demo_accounts(data: dict[str, Any] | None = None) -> list[DemoAccount]:
    """Usernames and passwords of the demo people (only ever shown for the demo office)."""
    data = data or load_demo_data()
    return [
        DemoAccount(p["key"], p["password"], ", ".join(Role(r).label for r in p["roles"]) or p["position"])
        for p in data["people"]
    ]


def create_demo(
    path: Path | str, *, data: dict[str, Any] | None = None, anchor: dt.date | dt.datetime | None = None
) -> Database:
    """Write the demo office into a new database file at `path` (which must not hold data yet) and open it.

    All or nothing: the office is built in a temporary file beside `path`, which takes its name only once
    complete. The demo is told for `anchor` (`demo.timeline.Story.of`: a day, a moment in UTC, or None for now):
    its year and quarter, the SOP runs still under way a day or two before it, the tindak lanjut due around it.
    """
    from sakip_desktop.demo.retell import retold
    from sakip_desktop.demo.timeline import Story

    story = Story.of(anchor)
    data = retold(data or load_demo_data(), story)
    target = Path(path)
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError(f"Berkas {target} sudah ada; kantor contoh hanya ditulis ke berkas baru.")
    target.parent.mkdir(parents=True, exist_ok=True)

    def build(scratch: Path) -> None:
        db = Database.open(scratch, create=True, durable=False)  # a new file: filled fast, synced on close
        try:
            _populate(db, data, story)
        finally:
            db.close()

    replace_atomically(target, build)
    return Database.open(target)


def _populate(db: Database, data: dict[str, Any], story: Story) -> None:
    """The demo office's whole story, in the order an office lives it."""
    from sakip_desktop.demo.agreements import add_agreements
    from sakip_desktop.demo.desa import add_desa_master
    from sakip_desktop.demo.monitoring import add_monitoring_history
    from sakip_desktop.demo.pack import add_pack_history
    from sakip_desktop.demo.planning import add_plans
    from sakip_desktop.demo.realisation import add_realisations
    from sakip_desktop.demo.sops import add_returned_run, add_sop_history
    from sakip_desktop.demo.staff import add_office_and_staff

    add_office_and_staff(db, data, story)
    indicators = add_plans(db, data, story)
    add_desa_master(db, indicators, story)  # the desa and the indicator over them (issue 15 §3)
    add_agreements(db, story)
    add_realisations(db, data, indicators, story)
    add_sop_history(db, now=story.present)
    add_monitoring_history(db, now=story.present)
    from sakip_desktop.demo.lhe import add_lhe_history  # issue 16 §3 (helper lhe): the LHE and its TL LHE matrix

    add_lhe_history(db, story)
    add_pack_history(db, story)  # issue 15 §2: what the office sent the kabupaten (helper demopack)
    add_returned_run(db, now=story.present)
