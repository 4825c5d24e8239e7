"""The LKj narrative of a year: sections saved by the office, drafts for the rest, and the Camat's signature lock.

Each section is one `LkjSection` row (year, key). A section without a row prints its draft (see
`lkj_drafts`); saving an empty text deletes the row, so the section goes back to its draft. Where the draft
itself is empty (nothing to report, e.g. no national standard) and nothing is written, saving the empty text
stores it, so the section counts as reviewed and prints nothing.

A section counts as reviewed only when a person saved it; the figures are final only when every indicator's
TW IV realisasi is in and every realisasi approved (`measurement.year`, the rule the FPK prints by). Until both
hold, `LkjView.missing` lists what is left, the LKj prints as DRAF and
the lock is refused with that list.

The lock: when the Camat has signed the printed LKj, "Tandai sudah ditandatangani" stores a row with
the reserved key `_signed` (text: the signing date, ISO) in the same table, so the lock travels with
the year's sections in a backup and is audited like them. While it exists every save is refused. The
Camat can lift it again ("Buka kunci") with a reason, for a revision that will be signed anew.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.ops.lkj.data import LkjData, check_year, lkj_data
from sakip_desktop.ops.lkj.drafts import SectionDef, section_defs
from sakip_desktop.ops.lkj.history import LkjHistory, lkj_history
from sakip_desktop.ops.measurement.rows import APPROVED
from sakip_desktop.ops.measurement.year import RowState
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import LkjSection, PerformanceAgreement

SIGNED_KEY = "_signed"
MAX_SECTION = 20000  # characters: several pages, far more than a section needs
_FIELDS = ("year", "key", "text", "updated_by")


class LkjLocked(UserError):
    """The year's LKj has been signed; its text can no longer change."""


@dataclass(frozen=True)
class SignedInfo:
    """Who marked the year's LKj signed, and the date on the signed paper."""

    signed_on: dt.date
    marked_by: str
    marked_at: dt.datetime | None


@dataclass(frozen=True)
class SectionView:
    """A section as the editor shows it: the saved text, or the draft when nothing is saved."""

    key: str
    chapter: str
    title: str
    draft: str
    saved_text: str | None
    updated_by: str
    updated_at: dt.datetime | None
    notes: tuple[str, ...] = ()  # gaps and instructions for the writer (never printed)

    @property
    def is_saved(self) -> bool:
        """True when the office has written this section."""
        return self.saved_text is not None

    @property
    def text(self) -> str:
        """What is printed: the saved text, or the draft."""
        return self.saved_text if self.saved_text is not None else self.draft


@dataclass(frozen=True)
class LkjView:
    """The year's LKj: data, sections in print order, the lock, and the comparisons of analyses 2–4."""

    year: int
    data: LkjData
    sections: tuple[SectionView, ...]
    signed: SignedInfo | None
    history: LkjHistory
    pk_final: bool = True  # the office's PK of the year is FINAL (signed): Lampiran 1 prints it

    def text(self, key: str) -> str:
        """The printed text of a section ('' for an unknown key)."""
        return next((s.text for s in self.sections if s.key == key), "")

    def section(self, key: str) -> SectionView:
        """The section with `key`."""
        return next(s for s in self.sections if s.key == key)

    @property
    def unreviewed(self) -> tuple[SectionView, ...]:
        """Sections nobody has saved yet (they print their draft)."""
        return tuple(s for s in self.sections if not s.is_saved)

    @property
    def missing(self) -> tuple[str, ...]:
        """What keeps the LKj a draft, one line each (Indonesian); empty when it may be signed. The figures are
        final by the year rule the FPK prints by (`measurement.year`, `LkjData.measure`)."""
        measure = self.data.measure
        out = [_open_line(s, measure.through) for s in measure.open_rows]
        if not self.pk_final:
            out.append(f"Perjanjian Kinerja kantor Tahun {self.year} belum ditetapkan (final); Lampiran 1 memuatnya.")
        out += [f"Bagian belum ditinjau dan disimpan: {s.chapter} — {s.title}" for s in self.unreviewed]
        return tuple(out)

    @property
    def is_final(self) -> bool:
        """True when every section is reviewed and every figure is final."""
        return not self.missing


def _open_line(state: RowState, through: int) -> str:
    """'Realisasi TW IV belum disetujui Camat: <indikator>' (or the earlier quarters still waiting)."""
    waiting = "TW IV"
    if through == 4 and state.has_data:
        waiting = ", ".join(quarter_label(q) for q, s in enumerate(state.row.statuses, start=1) if s != APPROVED)
    return f"Realisasi {waiting} belum disetujui Camat: {state.row.info.name}"


@dataclass(frozen=True)
class _Row:
    text: str
    updated_by: str
    updated_at: dt.datetime | None


def _signed(row: LkjSection | None) -> SignedInfo | None:
    return None if row is None else _signature(row)


def _signature(row: LkjSection) -> SignedInfo:
    """The lock stored in the reserved `_signed` row."""
    return SignedInfo(dt.date.fromisoformat(row.text), row.updated_by, row.updated_at)


def signed_info(db: Database, year: int) -> SignedInfo | None:
    """The signature lock of `year`, or None while the LKj can still be edited."""
    with db.reading() as s:
        return _signed(
            s.scalars(select(LkjSection).where(LkjSection.year == year, LkjSection.key == SIGNED_KEY)).first()
        )


def _office_pk_final(session: Session, year: int) -> bool:
    """True when the office (not a unit) has a FINAL Perjanjian Kinerja of `year`."""
    final = select(PerformanceAgreement.id).where(
        PerformanceAgreement.year == year,
        PerformanceAgreement.unit_id.is_(None),
        PerformanceAgreement.status == "FINAL",
    )
    return session.scalar(final.limit(1)) is not None


def lkj_view(db: Database, year: int, data: LkjData | None = None) -> LkjView:
    """The LKj of `year` with every section (saved or drafted); `data` saves gathering it again."""
    data = data or lkj_data(db, year)
    with db.reading() as s:
        stored = {r.key: r for r in s.scalars(select(LkjSection).where(LkjSection.year == year))}
        signed = _signed(stored.get(SIGNED_KEY))
        pk_final = _office_pk_final(s, year)
        rows = {k: _Row(r.text, r.updated_by, r.updated_at) for k, r in stored.items()}
    sections = []
    for d in section_defs(data):
        row = rows.get(d.key)
        sections.append(
            SectionView(
                d.key,
                d.chapter,
                d.title,
                d.draft,
                row.text if row else None,
                row.updated_by if row else "",
                row.updated_at if row else None,
                d.notes,
            )
        )
    return LkjView(year, data, tuple(sections), signed, lkj_history(db, data), pk_final)


def _refuse_when_signed(session: Session, year: int) -> None:
    row = session.scalars(select(LkjSection).where(LkjSection.year == year, LkjSection.key == SIGNED_KEY)).first()
    if row is not None:
        info = _signature(row)
        raise LkjLocked(
            f"LKj Tahun {year} sudah ditandatangani Camat pada {long_date(info.signed_on)}; teksnya tidak dapat "
            "diubah lagi. Minta Camat membuka kunci bila perlu revisi."
        )


def _known_key(db: Database, year: int, key: str) -> SectionDef:
    for d in section_defs(lkj_data(db, year)):
        if d.key == key:
            return d
    raise ValidationError(f"Bagian LKj '{key}' tidak dikenal untuk tahun {year}.", field="key")


def save_section(db: Database, actor: Actor, year: int, key: str, text: str, *, clock: Clock = utcnow) -> SectionView:
    """Operation 'Simpan bagian LKj': store the text of one section; an empty text returns it to its draft."""
    check_year(year)
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_SECTION:
        raise ValidationError(
            f"Teks bagian terlalu panjang ({len(text):,} karakter; paling banyak {MAX_SECTION:,}).".replace(",", "."),
            field="text",
        )
    d = _known_key(db, year, key)
    with write(db, actor, Op.LKJ_SECTION_SAVE, clock=clock) as tx:
        _refuse_when_signed(tx.session, year)
        row = tx.session.scalars(select(LkjSection).where(LkjSection.year == year, LkjSection.key == key)).first()
        old = snapshot(row, _FIELDS) if row else None
        # An empty text clears a written section back to its draft; where the draft is empty too (nothing to
        # report) and nothing is written, it marks the section reviewed instead.
        if not text and (d.draft or (row is not None and row.text)):
            if row is not None:
                tx.session.delete(row)
                tx.audit("lkj_section", row.id, old, None)
            return SectionView(d.key, d.chapter, d.title, d.draft, None, "", None, d.notes)
        if row is None:
            row = LkjSection(year=year, key=key)
            tx.session.add(row)
        row.text = text
        row.updated_by = actor.name
        row.updated_at = tx.now
        tx.session.flush()
        tx.audit("lkj_section", row.id, old, snapshot(row, _FIELDS))
        return SectionView(d.key, d.chapter, d.title, d.draft, text, actor.name, tx.now, d.notes)


def mark_signed(db: Database, actor: Actor, year: int, signed_on: dt.date, *, clock: Clock = utcnow) -> SignedInfo:
    """Operation 'Tandai LKj sudah ditandatangani' (Camat): lock the year's LKj text."""
    check_year(year)
    if signed_on.year < year:
        raise ValidationError(
            f"Tanggal tanda tangan {long_date(signed_on)} lebih awal dari tahun laporan {year}.", field="signed_on"
        )
    with write(db, actor, Op.LKJ_SIGN, clock=clock) as tx:
        _refuse_when_signed(tx.session, year)
        _refuse_when_unfinished(lkj_view(db, year))
        row = LkjSection(
            year=year, key=SIGNED_KEY, text=signed_on.isoformat(), updated_by=actor.name, updated_at=tx.now
        )
        tx.session.add(row)
        tx.session.flush()
        tx.audit("lkj_section", row.id, None, snapshot(row, _FIELDS))
        return SignedInfo(signed_on, actor.name, tx.now)


class LkjUnfinished(ValidationError):
    """The LKj still has unreviewed sections or figures that are not final; `missing` lists them."""

    def __init__(self, year: int, missing: tuple[str, ...]) -> None:
        shown = "\n".join(f"- {line}" for line in missing[:_LISTED])
        more = f"\n- … dan {len(missing) - _LISTED} lagi" if len(missing) > _LISTED else ""
        super().__init__(
            f"LKj Tahun {year} belum dapat ditandai sudah ditandatangani; masih ada {len(missing)} hal yang belum "
            f"selesai:\n{shown}{more}",
            field="year",
        )
        self.missing = missing


_LISTED = 30  # lines of the refusal that name what is missing; the rest are counted


def _refuse_when_unfinished(view: LkjView) -> None:
    if view.missing:
        raise LkjUnfinished(view.year, view.missing)


def unlock(db: Database, actor: Actor, year: int, reason: str, *, clock: Clock = utcnow) -> None:
    """Operation 'Buka kunci LKj' (Camat): allow a revision of a signed LKj, with the reason audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tuliskan alasan membuka kunci LKj.", field="reason")
    with write(db, actor, Op.LKJ_UNLOCK, clock=clock) as tx:
        row = tx.session.scalars(
            select(LkjSection).where(LkjSection.year == year, LkjSection.key == SIGNED_KEY)
        ).first()
        if row is None:
            raise ValidationError(f"LKj Tahun {year} belum ditandai sudah ditandatangani.", field="year")
        old = snapshot(row, _FIELDS)
        tx.session.delete(row)
        tx.audit("lkj_section", row.id, old, {"alasan_buka_kunci": reason})
