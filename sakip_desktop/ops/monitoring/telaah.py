"""Pemantauan kinerja: the Tim SAKIP's telaah per indicator and quarter, the Sekretaris's rekomendasi and the
Camat's decision on them (accepted or rejected, with a note).

An accepted rekomendasi becomes a tindak lanjut through `ops.follow_ups.add_follow_up(recommendation_id=...)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.measurement.capaian import MeasurementRow, check_quarter, measure
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MAX_TEXT = 4000  # characters: about a page
PROPOSED, ACCEPTED, REJECTED = "PROPOSED", "ACCEPTED", "REJECTED"
STATUS_LABELS = {PROPOSED: "Diajukan", ACCEPTED: "Diterima", REJECTED: "Ditolak"}
_REVIEW_FIELDS = ("indicator_id", "year", "quarter", "text")
_REC_FIELDS = ("year", "quarter", "indicator_id", "text", "status", "decision_note")


def clean_text(text: str, label: str, field: str, *, required: bool = True) -> str:
    """Trimmed text with Windows line ends made plain; refused when required and empty, or over a page long."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise ValidationError(f"{label} belum diisi.", field)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{label} terlalu panjang ({len(text)} karakter; paling banyak {MAX_TEXT}).", field)
    return text


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak wajar.", field="year")


def _indicator(tx: Tx, indicator_id: int) -> m.Indicator:
    row = tx.session.get(m.Indicator, indicator_id)
    if row is None:
        raise NotFound("Indikator tidak ditemukan (mungkin sudah dihapus).")
    return row


# --- telaah ------------------------------------------------------------------------------------------------


def save_review(
    db: Database, actor: Actor, indicator_id: int, year: int, quarter: int, text: str, *, clock: Clock = utcnow
) -> int | None:
    """Operation 'Simpan telaah' (Tim SAKIP): the telaah of one indicator for a quarter; returns its id.

    An empty text removes the telaah (returns None).
    """
    check_quarter(quarter)
    _check_year(year)
    text = clean_text(text, "Telaah", "text", required=False)
    with write(db, actor, Op.REVIEW_SAVE, clock=clock) as tx:
        indicator = _indicator(tx, indicator_id)
        row = tx.session.scalars(
            select(m.MonitoringReview).where(
                m.MonitoringReview.indicator_id == indicator.id,
                m.MonitoringReview.year == year,
                m.MonitoringReview.quarter == quarter,
            )
        ).first()
        old = None if row is None else snapshot(row, _REVIEW_FIELDS)
        if not text:
            if row is not None:
                tx.audit("monitoring_review", row.id, old, None)
                tx.session.delete(row)
            return None
        if row is None:
            row = m.MonitoringReview(indicator_id=indicator.id, year=year, quarter=quarter)
            tx.session.add(row)
        row.text = text
        row.reviewed_by = actor.name
        row.reviewed_at = tx.now
        tx.session.flush()
        tx.audit("monitoring_review", row.id, old, snapshot(row, _REVIEW_FIELDS))
        return row.id


@dataclass(frozen=True)
class ReviewRow:
    """One indicator of the monitoring sheet: its measurement at the quarter and the Tim's telaah."""

    measurement: MeasurementRow
    review_id: int | None
    text: str
    reviewed_by: str
    reviewed_at: dt.datetime | None  # UTC

    @property
    def indicator_id(self) -> int:
        """The indicator."""
        return self.measurement.info.indicator_id


def monitoring_sheet(db: Database, year: int, quarter: int) -> list[ReviewRow]:
    """Every indicator with a target in `year`, measured at TW `quarter`, with its telaah (if written)."""
    rows = measure(db, year, quarter)
    with db.reading() as s:
        reviews = {
            r.indicator_id: r
            for r in s.scalars(
                select(m.MonitoringReview).where(m.MonitoringReview.year == year, m.MonitoringReview.quarter == quarter)
            )
        }
        out = []
        for row in rows:
            r = reviews.get(row.info.indicator_id)
            out.append(
                ReviewRow(
                    measurement=row,
                    review_id=r.id if r else None,
                    text=r.text if r else "",
                    reviewed_by=r.reviewed_by if r else "",
                    reviewed_at=r.reviewed_at if r else None,
                )
            )
        return out


# --- rekomendasi --------------------------------------------------------------------------------------------


def _recommendation(tx: Tx, recommendation_id: int) -> m.Recommendation:
    row = tx.session.get(m.Recommendation, recommendation_id)
    if row is None:
        raise NotFound("Rekomendasi tidak ditemukan (mungkin sudah dihapus).")
    return row


def _still_proposed(row: m.Recommendation, doing: str) -> None:
    if row.status != PROPOSED:
        raise ValidationError(
            f"Rekomendasi ini sudah {STATUS_LABELS[row.status].lower()} Camat; tidak dapat {doing}.", field="status"
        )


def add_recommendation(
    db: Database,
    actor: Actor,
    year: int,
    quarter: int,
    text: str,
    indicator_id: int | None = None,
    *,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Tulis rekomendasi' (Sekretaris): for one indicator or general (`indicator_id` None)."""
    check_quarter(quarter)
    _check_year(year)
    text = clean_text(text, "Rekomendasi", "text")
    with write(db, actor, Op.RECOMMENDATION_ADD, clock=clock) as tx:
        if indicator_id is not None:
            _indicator(tx, indicator_id)
        row = m.Recommendation(
            year=year,
            quarter=quarter,
            indicator_id=indicator_id,
            text=text,
            status=PROPOSED,
            written_by=actor.name,
            written_at=tx.now,
            decided_by="",
            decision_note="",
        )
        tx.session.add(row)
        tx.session.flush()
        tx.audit("recommendation", row.id, None, snapshot(row, _REC_FIELDS))
        return row.id


def update_recommendation(
    db: Database,
    actor: Actor,
    recommendation_id: int,
    text: str,
    indicator_id: int | None = None,
    *,
    clock: Clock = utcnow,
) -> None:
    """Operation 'Ubah rekomendasi' (Sekretaris), while the Camat has not decided on it."""
    text = clean_text(text, "Rekomendasi", "text")
    with write(db, actor, Op.RECOMMENDATION_UPDATE, clock=clock) as tx:
        row = _recommendation(tx, recommendation_id)
        _still_proposed(row, "diubah")
        if indicator_id is not None:
            _indicator(tx, indicator_id)
        old = snapshot(row, _REC_FIELDS)
        row.text, row.indicator_id = text, indicator_id
        tx.audit("recommendation", row.id, old, snapshot(row, _REC_FIELDS))


def delete_recommendation(db: Database, actor: Actor, recommendation_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus rekomendasi' (Sekretaris), while the Camat has not decided on it."""
    with write(db, actor, Op.RECOMMENDATION_DELETE, clock=clock) as tx:
        row = _recommendation(tx, recommendation_id)
        _still_proposed(row, "dihapus")
        tx.audit("recommendation", row.id, snapshot(row, _REC_FIELDS), None)
        tx.session.delete(row)


def decide_recommendation(
    db: Database, actor: Actor, recommendation_id: int, accept: bool, note: str = "", *, clock: Clock = utcnow
) -> None:
    """Operation 'Putuskan rekomendasi' (Camat): accept, or reject with a note saying why."""
    note = clean_text(note, "Catatan", "note", required=not accept)
    with write(db, actor, Op.RECOMMENDATION_ACCEPT if accept else Op.RECOMMENDATION_REJECT, clock=clock) as tx:
        row = _recommendation(tx, recommendation_id)
        _still_proposed(row, "diputuskan lagi")
        old = snapshot(row, _REC_FIELDS)
        row.status = ACCEPTED if accept else REJECTED
        row.decision_note = note
        row.decided_by = actor.name
        row.decided_at = tx.now
        tx.audit("recommendation", row.id, old, snapshot(row, _REC_FIELDS))


@dataclass(frozen=True)
class RecommendationView:
    """A rekomendasi as the screens list it."""

    id: int
    year: int
    quarter: int
    indicator_id: int | None
    indicator: str  # 'IK1.1 Nama indikator', or '' for a general one
    text: str
    status: str  # PROPOSED / ACCEPTED / REJECTED
    written_by: str
    written_at: dt.datetime  # UTC
    decided_by: str
    decided_at: dt.datetime | None  # UTC
    decision_note: str
    follow_ups: int  # tindak lanjut made from it

    @property
    def status_label(self) -> str:
        """'Diajukan', 'Diterima', 'Ditolak'."""
        return STATUS_LABELS[self.status]

    @property
    def subject(self) -> str:
        """The indicator, or 'Umum'."""
        return self.indicator or "Umum"

    @property
    def period(self) -> str:
        """'TW II 2025'."""
        return f"{quarter_label(self.quarter)} {self.year}"


def recommendations(
    db: Database, year: int, quarter: int | None = None, *, status: str | None = None
) -> list[RecommendationView]:
    """The rekomendasi of a year (or one quarter), optionally of one status, oldest first."""
    with db.reading() as s:
        query = select(m.Recommendation).where(m.Recommendation.year == year)
        if quarter is not None:
            query = query.where(m.Recommendation.quarter == quarter)
        if status is not None:
            query = query.where(m.Recommendation.status == status)
        rows = s.scalars(query.order_by(m.Recommendation.quarter, m.Recommendation.id)).all()
        names = {i.id: f"{i.code} {i.name}" for i in s.scalars(select(m.Indicator))}
        counts = dict(
            s.execute(
                select(m.FollowUp.recommendation_id, func.count())
                .where(m.FollowUp.recommendation_id.in_([r.id for r in rows]))
                .group_by(m.FollowUp.recommendation_id)
            ).all()
        )
        return [
            RecommendationView(
                id=r.id,
                year=r.year,
                quarter=r.quarter,
                indicator_id=r.indicator_id,
                indicator=names.get(r.indicator_id, "") if r.indicator_id else "",
                text=r.text,
                status=r.status,
                written_by=r.written_by,
                written_at=r.written_at,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
                decision_note=r.decision_note,
                follow_ups=counts.get(r.id, 0),
            )
            for r in rows
        ]


__all__ = [
    "ACCEPTED",
    "PROPOSED",
    "REJECTED",
    "RecommendationView",
    "ReviewRow",
    "add_recommendation",
    "decide_recommendation",
    "delete_recommendation",
    "monitoring_sheet",
    "recommendations",
    "save_review",
    "update_recommendation",
]
