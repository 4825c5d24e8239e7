"""The narratives of a quarter's realisasi (faktor pendukung, penghambat, upaya/tindak lanjut) as the quarterly
report prints them, read through the ORM so the documents never touch the models."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Indicator, Realisation


@dataclass(frozen=True)
class QuarterNarrative:
    """One indicator's narratives of a quarter (texts as stored; empty when not written)."""

    code: str
    name: str
    supporting: str
    inhibiting: str
    follow_up: str


def quarter_narratives(db: Database, year: int, quarter: int) -> list[QuarterNarrative]:
    """Every realisasi of TW `quarter` of `year` with its narratives, by indicator code."""
    with db.reading() as s:
        rows = s.execute(
            select(
                Indicator.code,
                Indicator.name,
                Realisation.supporting_factors,
                Realisation.inhibiting_factors,
                Realisation.follow_up,
            )
            .join(Indicator, Indicator.id == Realisation.indicator_id)
            .where(Realisation.year == year, Realisation.quarter == quarter)
            .order_by(Indicator.code)
        ).all()
    return [QuarterNarrative(*row) for row in rows]
