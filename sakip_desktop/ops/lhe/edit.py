"""Writes of the LHE: record (or correct) a letter received, its rekomendasi, and the Camat's mark that the TL LHE
matrix was checked. The RATL of a rekomendasi, its PJ, deadline, progress and bukti are tindak lanjut
(`ops.monitoring.follow_ups`, with `lhe_recommendation_id`); adding, changing or deleting one, or changing the
rekomendasi, takes the Camat's mark away again (`clear_review`), so a matrix prints final only as he saw it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from sakip_desktop.domain import formats
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.lhe.rules import EVALUATORS, check_predikat, check_score
from sakip_desktop.ops.monitoring.telaah import clean_text
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

_LHE_FIELDS = ("evaluator", "number", "letter_date", "year", "score", "predikat", "note")
_REC_FIELDS = ("lhe_id", "sort_order", "text")


@dataclass(frozen=True)
class LheInput:
    """What the letter says: who evaluated, its number and date, the year evaluated, the score and predikat (empty:
    the predikat of the score)."""

    evaluator: str
    number: str
    letter_date: dt.date | None
    year: int
    score: Decimal | None
    predikat: str = ""
    note: str = ""


def get_lhe(tx: Tx, lhe_id: int) -> m.Lhe:
    """The LHE, or `NotFound`."""
    row = tx.session.get(m.Lhe, lhe_id)
    if row is None:
        raise NotFound("LHE tidak ditemukan (mungkin sudah dihapus).")
    return row


def _recommendation(tx: Tx, recommendation_id: int) -> m.LheRecommendation:
    row = tx.session.get(m.LheRecommendation, recommendation_id)
    if row is None:
        raise NotFound("Rekomendasi LHE tidak ditemukan (mungkin sudah dihapus).")
    return row


def _checked(data: LheInput) -> LheInput:
    if data.evaluator not in EVALUATORS:
        raise ValidationError("Pilih pengirim LHE: Inspektorat atau Kementerian PANRB.", field="evaluator")
    number = " ".join((data.number or "").split())
    if not number:
        raise ValidationError("Isi nomor LHE.", field="number")
    if len(number) > 120:
        raise ValidationError(f"Nomor LHE terlalu panjang ({len(number)} karakter; paling banyak 120).", "number")
    if not 2000 <= data.year <= 2100:
        raise ValidationError(f"Tahun yang dievaluasi {data.year} tidak wajar.", field="year")
    if data.letter_date is None:
        raise ValidationError("Isi tanggal LHE.", field="letter_date")
    if not data.year <= data.letter_date.year <= data.year + 2:
        raise ValidationError(
            f"Tanggal LHE {formats.long_date(data.letter_date)} tidak cocok dengan tahun yang dievaluasi "
            f"{data.year}: LHE terbit pada tahun itu atau sesudahnya (paling lambat {data.year + 2}).",
            field="letter_date",
        )
    score = check_score(data.score)
    predikat = check_predikat(data.predikat, score)
    note = clean_text(data.note, "Catatan LHE", "note", required=False)
    return LheInput(data.evaluator, number, data.letter_date, data.year, score, predikat, note)


def save_lhe(db: Database, actor: Actor, data: LheInput, *, lhe_id: int | None = None, clock: Clock = utcnow) -> int:
    """Operation 'Catat LHE' (Tim SAKIP, Sekretaris, Admin Data): a new letter, or a correction of one (`lhe_id`).
    One LHE per evaluator and year evaluated. Returns the id."""
    data = _checked(data)
    with write(db, actor, Op.LHE_SAVE, clock=clock) as tx:
        twin = tx.session.scalar(
            select(m.Lhe.id).where(
                m.Lhe.evaluator == data.evaluator, m.Lhe.year == data.year, m.Lhe.id != (lhe_id or 0)
            )
        )
        if twin is not None:
            who = EVALUATORS[data.evaluator]
            raise ValidationError(f"LHE {who} atas tahun {data.year} sudah dicatat; ubah yang ada.", field="year")
        if lhe_id is None:
            row = m.Lhe(created_by=actor.name, created_at=tx.now, reviewed_by="", updated_by="")
            old = None
        else:
            row = get_lhe(tx, lhe_id)
            old = snapshot(row, _LHE_FIELDS)
            row.updated_by, row.updated_at = actor.name, tx.now
        assert data.letter_date is not None  # checked
        row.evaluator, row.number, row.letter_date, row.year = data.evaluator, data.number, data.letter_date, data.year
        row.score, row.predikat, row.note = data.score or Decimal(0), data.predikat, data.note
        if lhe_id is None:
            tx.session.add(row)
            tx.session.flush()
        tx.audit("lhe", row.id, old, snapshot(row, _LHE_FIELDS))
        return row.id


def _follow_up_count(tx: Tx, recommendation_ids: list[int]) -> int:
    if not recommendation_ids:
        return 0
    found = select(func.count(m.FollowUp.id)).where(m.FollowUp.lhe_recommendation_id.in_(recommendation_ids))
    return int(tx.session.scalar(found) or 0)


def delete_lhe(db: Database, actor: Actor, lhe_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus LHE': a letter recorded by mistake, with its rekomendasi, while none has a RATL."""
    with write(db, actor, Op.LHE_DELETE, clock=clock) as tx:
        row = get_lhe(tx, lhe_id)
        recs = list(tx.session.scalars(select(m.LheRecommendation).where(m.LheRecommendation.lhe_id == lhe_id)))
        if _follow_up_count(tx, [r.id for r in recs]):
            raise ValidationError(
                "Rekomendasi LHE ini sudah memiliki RATL; hapus RATL-nya dulu atau perbaiki LHE-nya.", field="lhe"
            )
        for rec in recs:
            tx.audit("lhe_recommendation", rec.id, snapshot(rec, _REC_FIELDS), None)
            tx.session.delete(rec)
        tx.audit("lhe", row.id, snapshot(row, _LHE_FIELDS), None)
        tx.session.delete(row)


def save_recommendation(
    db: Database,
    actor: Actor,
    lhe_id: int,
    text: str,
    *,
    recommendation_id: int | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Simpan rekomendasi LHE': a new rekomendasi (after the others) or a corrected text. Returns the id."""
    text = clean_text(text, "Isi rekomendasi", "text")
    with write(db, actor, Op.LHE_RECOMMENDATION_SAVE, clock=clock) as tx:
        lhe = get_lhe(tx, lhe_id)
        if recommendation_id is None:
            last = tx.session.scalar(
                select(func.max(m.LheRecommendation.sort_order)).where(m.LheRecommendation.lhe_id == lhe_id)
            )
            row = m.LheRecommendation(lhe_id=lhe_id, sort_order=(last or 0) + 1, text=text)
            tx.session.add(row)
            tx.session.flush()
            tx.audit("lhe_recommendation", row.id, None, snapshot(row, _REC_FIELDS))
        else:
            row = _recommendation(tx, recommendation_id)
            if row.lhe_id != lhe_id:
                raise ValidationError("Rekomendasi ini milik LHE lain.", field="lhe")
            old = snapshot(row, _REC_FIELDS)
            row.text = text
            tx.audit("lhe_recommendation", row.id, old, snapshot(row, _REC_FIELDS))
        clear_review(tx, lhe.id)
        return row.id


def delete_recommendation(db: Database, actor: Actor, recommendation_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus rekomendasi LHE': one entered by mistake, while it has no RATL."""
    with write(db, actor, Op.LHE_RECOMMENDATION_DELETE, clock=clock) as tx:
        row = _recommendation(tx, recommendation_id)
        if _follow_up_count(tx, [row.id]):
            raise ValidationError("Rekomendasi ini sudah memiliki RATL; hapus RATL-nya dulu.", field="text")
        tx.audit("lhe_recommendation", row.id, snapshot(row, _REC_FIELDS), None)
        tx.session.delete(row)
        clear_review(tx, row.lhe_id)


def review_matrix(db: Database, actor: Actor, lhe_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Tandai matriks TL LHE diperiksa' (the Camat): every rekomendasi has its RATL; the matrix then
    prints without DRAF, until a rekomendasi or RATL changes."""
    with write(db, actor, Op.LHE_MATRIX_REVIEW, clock=clock) as tx:
        row = get_lhe(tx, lhe_id)
        recs = list(
            tx.session.scalars(
                select(m.LheRecommendation)
                .where(m.LheRecommendation.lhe_id == lhe_id)
                .order_by(m.LheRecommendation.sort_order, m.LheRecommendation.id)
            )
        )
        if not recs:
            raise ValidationError("LHE ini belum memiliki rekomendasi; matriks belum dapat diperiksa.", "lhe")
        with_action = set(
            tx.session.scalars(
                select(m.FollowUp.lhe_recommendation_id).where(
                    m.FollowUp.lhe_recommendation_id.in_([r.id for r in recs])
                )
            )
        )
        missing = [str(n) for n, r in enumerate(recs, start=1) if r.id not in with_action]
        if missing:
            raise ValidationError(
                f"Rekomendasi nomor {', '.join(missing)} belum memiliki RATL; lengkapi dulu sebelum diperiksa.", "lhe"
            )
        old = {"reviewed_by": row.reviewed_by, "reviewed_at": snapshot(row, ("reviewed_at",))["reviewed_at"]}
        row.reviewed_by, row.reviewed_at = actor.name, tx.now
        tx.audit("lhe", row.id, old, {"reviewed_by": row.reviewed_by, **snapshot(row, ("reviewed_at",))})


def clear_review(tx: Tx, lhe_id: int) -> None:
    """Take the Camat's mark off the matrix of `lhe_id` (its rekomendasi or a RATL changed), audited."""
    row = tx.session.get(m.Lhe, lhe_id)
    if row is None or row.reviewed_at is None:
        return
    old = {"reviewed_by": row.reviewed_by, **snapshot(row, ("reviewed_at",))}
    row.reviewed_by, row.reviewed_at = "", None
    tx.audit("lhe", row.id, old, {"reviewed_by": "", "reviewed_at": None})


def lhe_of_recommendation(tx: Tx, recommendation_id: int) -> m.Lhe:
    """The LHE a rekomendasi belongs to; `NotFound` for a rekomendasi that is gone."""
    rec = _recommendation(tx, recommendation_id)
    return get_lhe(tx, rec.lhe_id)


__all__ = [
    "LheInput",
    "clear_review",
    "delete_lhe",
    "delete_recommendation",
    "get_lhe",
    "lhe_of_recommendation",
    "review_matrix",
    "save_lhe",
    "save_recommendation",
]
