"""The demo office's Perjanjian Kinerja of its year: the office's PK (Camat with the Bupati) and one for the
Sekretaris and each Kasi with the Camat, all made final at the end of January; the Kasi Trantib's PK was revised (PK
Perubahan, ground MUTASI) when the old Kasi left in July, so the demo shows a superseded version too (when the demo's
anchor is after that; the days are those of the 2025 story, moved by `demo.timeline.Story`).

Every name and number here is made up for the demonstration. The same anchor gives the same demo every time.
"""

from __future__ import annotations

import datetime as dt

from sakip_desktop.demo.timeline import BASE_ANCHOR, Story, at
from sakip_desktop.domain import formats
from sakip_desktop.ops.agreements.common import pk_units
from sakip_desktop.ops.agreements.pk import (
    DEFAULT_STATEMENT,
    AgreementEdit,
    Party,
    create_agreement,
    finalise_agreement,
    update_agreement,
    update_pk_settings,
)
from sakip_desktop.ops.agreements.revision import start_revision
from sakip_desktop.ops.agreements.views import get_agreement
from sakip_desktop.ops.base import Actor, Clock
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.storage.database import Database

BUPATI = Party(name="H. Suryo Atmojo, S.H., M.M.", title="Bupati Contoh")
# The 2025 story (moved to the demo's year by `demo.timeline.Story`).
SIGNED = dt.date(2025, 1, 31)
PREPARED_AT = dt.datetime(2025, 1, 27, 2, 0)  # UTC: 09.00 WIB
FINALISED_AT = dt.datetime(2025, 1, 31, 3, 0)
REVISED_ON = dt.date(2025, 7, 21)
REVISED_AT = dt.datetime(2025, 7, 21, 2, 30)
NUMBERS = {  # unit code (None: the office) -> document number
    None: "000.8.3/011/35.99.01/2025",
    "SEKRETARIAT": "000.8.3/012/35.99.01/2025",
    "SEKSI_PEMERINTAHAN": "000.8.3/013/35.99.01/2025",
    "SEKSI_EKBANG": "000.8.3/014/35.99.01/2025",
    "SEKSI_TRANTIB": "000.8.3/015/35.99.01/2025",
    "SEKSI_KESOS": "000.8.3/016/35.99.01/2025",
    "SEKSI_PELAYANAN": "000.8.3/017/35.99.01/2025",
}
TRANTIB_REASON = (
    "Heru Cahyono, S.H. dimutasi ke Satuan Polisi Pamong Praja per {left}; jabatan Kepala Seksi Ketenteraman "
    "dan Ketertiban Umum dilanjutkan oleh Rizky Firmansyah, S.STP. sejak {left}."
)
TRANTIB_LEFT = dt.date(2025, 7, 15)
TRANTIB_NUMBER = "000.8.3/104/35.99.01/2025"


def _clock(moment: dt.datetime) -> Clock:
    return at(moment)


def _number(db: Database, actor: Actor, agreement_id: int, number: str, moment: dt.datetime) -> None:
    edit = AgreementEdit.of(get_agreement(db, agreement_id), document_number=number)
    update_agreement(db, actor, agreement_id, edit, clock=_clock(moment))


def add_agreements(db: Database, story: Story | None = None) -> None:
    """Write the demo's PKs of the year (see the module notes) into a demo database just built."""
    story = story or Story.of(BASE_ANCHOR)
    signed, prepared_at, finalised_at = story.day(SIGNED), story.moment(PREPARED_AT), story.moment(FINALISED_AT)
    prepare = actor_for(db, "kasubag_renkeu", signed)
    camat = actor_for(db, "camat", signed)
    update_pk_settings(db, prepare, DEFAULT_STATEMENT, BUPATI)
    with db.reading() as s:
        scopes: list[tuple[int | None, str | None]] = [(None, None)] + [(u.id, u.code) for u in pk_units(s)]
    trantib = next(u.id for u in list_units(db) if u.code == "SEKSI_TRANTIB")
    for unit_id, code in scopes:
        agreement_id = create_agreement(db, prepare, story.year, unit_id, signed_on=signed, clock=_clock(prepared_at))
        _number(db, prepare, agreement_id, story.text(NUMBERS.get(code, "")), prepared_at)
        finalise_agreement(db, camat, agreement_id, clock=_clock(finalised_at))
        if unit_id == trantib and story.happened(story.moment(REVISED_AT)):
            _revise(db, story, agreement_id)


def _revise(db: Database, story: Story, agreement_id: int) -> None:
    """The Kasi Trantib's PK Perubahan after the old Kasi left."""
    revised_on, revised_at = story.day(REVISED_ON), story.moment(REVISED_AT)
    reason = TRANTIB_REASON.format(left=formats.long_date(story.day(TRANTIB_LEFT)))
    revised = start_revision(
        db,
        actor_for(db, "kasubag_renkeu", revised_on),
        agreement_id,
        "MUTASI",
        reason,
        story.text(TRANTIB_NUMBER),
        signed_on=revised_on,
        clock=_clock(revised_at),
    )
    finalise_agreement(db, actor_for(db, "camat", revised_on), revised, clock=_clock(revised_at))
