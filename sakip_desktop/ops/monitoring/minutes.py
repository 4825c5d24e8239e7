"""The numbers a berita acara evaluasi kinerja prints: its own agenda number from the outgoing register (taken when
the meeting is made final) and the number of the Keputusan Camat on the Tim SAKIP (an office setting, empty by
default: the berita acara then leaves that line out of its Dasar).
"""

from __future__ import annotations

import datetime as dt
import json

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, utcnow, write
from sakip_desktop.ops.letters import LetterInput, add_to_register
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import EvaluationMeeting, OutgoingLetter, Setting

DECREE_KEY = "tim_sakip_decree"
MINUTES_RECIPIENT = "Arsip Tim SAKIP"


def register_minutes(tx: Tx, meeting_id: int, held_on: dt.date, title: str) -> str:
    """Inside the operation that makes a meeting final: its berita acara takes the next number of the outgoing
    register (dated the meeting day, addressed to the Tim's archive) and the meeting keeps the link. Returns the
    agenda number; a meeting already numbered keeps its number."""
    meeting = tx.session.get_one(EvaluationMeeting, meeting_id)
    if meeting.minutes_letter_id is not None:
        letter = tx.session.get(OutgoingLetter, meeting.minutes_letter_id)
        if letter is not None:
            return letter.agenda_number
    row = add_to_register(tx, LetterInput(held_on, MINUTES_RECIPIENT, title))
    meeting.minutes_letter_id = row.id  # audited as the register entry (its Hal names the berita acara)
    return row.agenda_number


def minutes_number(db: Database, meeting_id: int) -> str:
    """The agenda number of a meeting's berita acara, or '' when it has none (a draft, or made final before the
    berita acara was numbered)."""
    with db.reading() as s:
        meeting = s.get(EvaluationMeeting, meeting_id)
        letter_id = meeting.minutes_letter_id if meeting is not None else None
        letter = s.get(OutgoingLetter, letter_id) if letter_id is not None else None
        return letter.agenda_number if letter is not None else ""


def team_decree(db: Database) -> str:
    """The number of the Keputusan Camat on the Tim SAKIP ('' when the office has not set it)."""
    with db.reading() as s:
        row = s.get(Setting, DECREE_KEY)
        return str(json.loads(row.value)) if row is not None else ""


def update_team_decree(db: Database, actor: Actor, number: str, *, clock: Clock = utcnow) -> str:
    """Operation 'Ubah nomor Keputusan Tim SAKIP' (administrator): the number every berita acara cites in its
    Dasar; empty leaves the line out."""
    number = " ".join(number.split())
    if len(number) > 120:
        raise ValidationError(
            "Nomor Keputusan Camat tentang Tim SAKIP terlalu panjang (paling banyak 120 huruf).", field="team_decree"
        )
    with write(db, actor, Op.TEAM_DECREE_UPDATE, clock=clock) as tx:
        row = tx.session.get(Setting, DECREE_KEY)
        old = json.loads(row.value) if row is not None else ""
        if old == number:
            return number
        if row is None:
            tx.session.add(Setting(key=DECREE_KEY, value=json.dumps(number)))
        else:
            row.value = json.dumps(number)
        tx.audit("setting", None, {DECREE_KEY: old or None}, {DECREE_KEY: number or None})
    return number
