"""The narrative footer rows of a quarter's Formulir E.81: faktor pendorong, faktor penghambat, tindak lanjut for the
next quarter and for the next Renja (regulations.md §3.3).

Each row is drafted from the quarter's data: the Kasi's narratives of the TW n realisasi (faktor pendukung,
penghambat, upaya/tindak lanjut; `ops.realisation.narratives`) and the monitoring's rekomendasi of the year up to TW n
that the Camat did not reject. A person reviews the rows in the E.81 screen and saves them (`save_notes`, one
`E81Note` per row, kept per year and quarter); a saved row prints as saved, even when emptied (nothing to report).
As with the LKj, the form prints as final only when every row has been saved by a person and every realisasi of TW I
to TW n is in and approved by the Camat; until then `E81Notes.missing` lists what is left and the paper says DRAF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.ops.measurement.capaian import check_quarter
from sakip_desktop.ops.realisation.narratives import QuarterNarrative, quarter_narratives
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import E81Note, Indicator, Recommendation

# The rows in print order: key and the label the form prints.
ROWS = (
    ("pendorong", "Faktor pendorong keberhasilan pencapaian kinerja"),
    ("penghambat", "Faktor penghambat pencapaian kinerja"),
    ("tl_triwulan", "Tindak lanjut yang diperlukan dalam triwulan berikutnya"),
    ("tl_renja", "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"),
)
KEYS = tuple(k for k, _ in ROWS)
MAX_NOTE = 4000  # characters: a footer row of a one-table form
_FIELDS = ("year", "quarter", "key", "text", "updated_by")


@dataclass(frozen=True)
class NoteView:
    """One footer row: its draft from the data, and the saved text (None until a person saved it)."""

    key: str
    label: str
    draft: str
    saved_text: str | None
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    @property
    def is_saved(self) -> bool:
        """True once a person reviewed and saved the row."""
        return self.saved_text is not None

    @property
    def text(self) -> str:
        """What prints: the saved text, else the draft."""
        return self.saved_text if self.saved_text is not None else self.draft


@dataclass(frozen=True)
class Recommended:
    """A rekomendasi of the monitoring, as the drafts quote it."""

    quarter: int
    code: str  # the indicator's code, '' for the office as a whole
    text: str
    accepted: bool


def _lines(items: Sequence[tuple[str, str]]) -> str:
    """One '- CODE: text' line per non-empty text (each text's own line breaks joined)."""
    out = []
    for code, text in items:
        flat = " ".join(text.split())
        if flat:
            out.append(f"- {code}: {flat}" if code else f"- {flat}")
    return "\n".join(out)


def drafts(narratives: Sequence[QuarterNarrative], recommended: Sequence[Recommended], quarter: int) -> dict[str, str]:
    """The draft of each row from the Kasi's narratives of TW `quarter` and the rekomendasi of the year."""
    this_quarter = [r for r in recommended if r.quarter == quarter]
    accepted = [r for r in recommended if r.accepted]
    next_quarter = _lines([(n.code, n.follow_up) for n in narratives] + [(r.code, r.text) for r in this_quarter])
    return {
        "pendorong": _lines([(n.code, n.supporting) for n in narratives]),
        "penghambat": _lines([(n.code, n.inhibiting) for n in narratives]),
        "tl_triwulan": next_quarter,
        "tl_renja": _lines([(r.code, r.text) for r in accepted]),
    }


def recommendations(db: Database, year: int, quarter: int) -> list[Recommended]:
    """The rekomendasi of `year` up to TW `quarter` the Camat did not reject, oldest first."""
    with db.reading() as s:
        rows = s.execute(
            select(Recommendation.quarter, Indicator.code, Recommendation.text, Recommendation.status)
            .outerjoin(Indicator, Indicator.id == Recommendation.indicator_id)
            .where(Recommendation.year == year, Recommendation.quarter <= quarter, Recommendation.status != "REJECTED")
            .order_by(Recommendation.quarter, Recommendation.id)
        ).all()
    return [Recommended(q, code or "", text, status == "ACCEPTED") for q, code, text, status in rows]


def e81_notes(db: Database, year: int, quarter: int) -> tuple[NoteView, ...]:
    """The four footer rows of TW `quarter` of `year`: drafted, and saved where a person saved them."""
    check_quarter(quarter)
    draft = drafts(quarter_narratives(db, year, quarter), recommendations(db, year, quarter), quarter)
    with db.reading() as s:
        saved = {
            n.key: (n.text, n.updated_by, n.updated_at)
            for n in s.scalars(select(E81Note).where(E81Note.year == year, E81Note.quarter == quarter))
        }
    out = []
    for key, label in ROWS:
        text, by, at = saved.get(key, (None, "", None))
        out.append(NoteView(key, label, draft[key], text, by, at))
    return tuple(out)


def unsaved_lines(notes: Sequence[NoteView]) -> list[str]:
    """'Belum ditinjau dan disimpan: Faktor pendorong …' for each row nobody saved."""
    return [f"Belum ditinjau dan disimpan: {n.label}" for n in notes if not n.is_saved]


def _clean(texts: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(texts) - set(KEYS))
    if unknown:
        raise ValidationError(f"Baris Formulir E.81 '{unknown[0]}' tidak dikenal.", field="key")
    out = {}
    for key, text in texts.items():
        clean = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(clean) > MAX_NOTE:
            label = dict(ROWS)[key]
            raise ValidationError(
                f"{label}: teks terlalu panjang ({len(clean)} karakter; paling banyak {MAX_NOTE}).", field=key
            )
        out[key] = clean
    return out


def save_notes(
    db: Database, actor: Actor, year: int, quarter: int, texts: Mapping[str, str], *, clock: Clock = utcnow
) -> tuple[NoteView, ...]:
    """Operation 'Simpan faktor dan tindak lanjut Formulir E.81': store the rows given (an empty text is stored
    too: the row was reviewed and has nothing to report)."""
    check_quarter(quarter)
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak wajar (2000 sampai 2100).", field="year")
    clean = _clean(texts)
    with write(db, actor, Op.E81_NOTE_SAVE, clock=clock) as tx:
        stored = {
            n.key: n
            for n in tx.session.scalars(select(E81Note).where(E81Note.year == year, E81Note.quarter == quarter))
        }
        for key, text in clean.items():
            row = stored.get(key)
            if row is not None and row.text == text:
                continue
            old = snapshot(row, _FIELDS) if row else None
            if row is None:
                row = E81Note(year=year, quarter=quarter, key=key)
                tx.session.add(row)
            row.text, row.updated_by, row.updated_at = text, actor.name, tx.now
            tx.session.flush()
            tx.audit("e81_note", row.id, old, snapshot(row, _FIELDS))
    return e81_notes(db, year, quarter)


def period_label(year: int, quarter: int) -> str:
    """'TW III 2025'."""
    return f"{quarter_label(quarter)} {year}"
