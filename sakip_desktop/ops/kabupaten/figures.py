"""One kecamatan's row of the kabupaten's comparison (issue 17): what it holds, whichever way it was read
(`comparison.kecamatan_figures`: the office's own reads on its schema; `across`: a few reads over every schema)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain import formats
from sakip_desktop.ops.kabupaten.sources import Kecamatan
from sakip_desktop.ops.pack.checklist import ChecklistRow
from sakip_desktop.storage.database import Database

E81_CODE, LKJ_CODE = "e81", "lkj"  # the pack's lines of Formulir E.81 and of the LKj


@dataclass(frozen=True)
class Submission:
    """A document the kabupaten expects from the kecamatan: its status and deadline as the pack's checklist says."""

    status: str  # 'Diunggah 03-03-2026', 'Belum', …
    deadline: str  # '10-10-2025 (terlambat)'
    overdue: bool

    @property
    def text(self) -> str:
        """'Belum · batas 10-10-2025 (terlambat)'."""
        return f"{self.status} · batas {self.deadline}"


@dataclass(frozen=True)
class SasaranFigure:
    """One sasaran of one kecamatan: its capaian to date as the Camat's dasbor shows it."""

    code: str
    statement: str
    achievement: Decimal | None  # shown (with the office's cap)
    band: str


@dataclass(frozen=True)
class KecamatanFigures:
    """One kecamatan's row of the comparison."""

    kecamatan: Kecamatan
    achievement: Decimal | None  # the office's rata-rata capaian s.d. TW n, as its dasbor shows it
    band: str
    band_colour: str  # '#rrggbb' of the band (grey without one), for the bars of the summary
    average: str  # how the office takes its rata-rata (`OBJECTIVES` or 'indicators')
    indicators: int
    no_data: int  # indicators without realisasi in TW n
    pending: int  # indicators whose realisasi are not all approved
    objectives: tuple[SasaranFigure, ...]
    ceiling: int  # pagu
    spent: int  # realisasi anggaran s.d. TW n
    absorption: Decimal | None  # serapan thd pagu (%)
    e81: Submission | None  # Formulir E.81 of TW n (None when the office's list has no such line)
    lkj: Submission | None  # the LKj of the year before
    lkj_signed_on: dt.date | None
    pack_text: str  # '11 dari 21 dokumen ada untuk paket'
    late_documents: int
    lke: str  # 'Penilaian mandiri 72,50 (BB), ditandatangani'; '' when the file has no LKE of the year

    @property
    def name(self) -> str:
        """'Kecamatan Sukamaju'."""
        return f"Kecamatan {self.kecamatan.office_name}"


def submission(rows: list[ChecklistRow], code: str, quarter: int) -> Submission | None:
    """The pack's line `code` of TW `quarter` (0: a yearly line) as the comparison shows it; None when the office's
    list has no such line."""
    row = next((r for r in rows if r.item.code == code and r.quarter == quarter), None)
    return None if row is None else Submission(row.status_label, row.deadline_text, row.overdue)


def lke_text(db: Database, year: int, today: dt.date) -> str:
    """The LKE self-assessment of `year` in words, '' when the file holds none."""
    from sqlalchemy import select

    from sakip_desktop.ops.lke.views import lke_view  # the LKE's full view, only for a kecamatan that has one
    from sakip_desktop.storage.models import LkeAssessment

    with db.reading() as s:  # the full view gathers the year's facts: only for a kecamatan that has an LKE
        if s.scalars(select(LkeAssessment.id).where(LkeAssessment.year == year)).first() is None:
            return ""
    view = lke_view(db, year, today=today)
    if view.assessment_id is None:
        return ""
    signed = "ditandatangani" if view.signed else "belum ditandatangani"
    return f"Penilaian mandiri {formats.number(view.score.total, 2)} ({view.score.band.label}), {signed}"
