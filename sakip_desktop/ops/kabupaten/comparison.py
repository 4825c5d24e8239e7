"""The kabupaten's comparison of its kecamatan: one row per kecamatan, every figure the one that office's own screens
show.

Per kecamatan: the Camat's dasbor (`ops.home.dashboard`: rata-rata capaian and per sasaran, serapan anggaran), the
submission pack's checklist (`ops.pack.checklist`: Formulir E.81 of the quarter, the LKj of the year before), the
LKj signature (`ops.lkj.sections.signed_info`) and, where the office's file has it, its LKE self-assessment score
(`ops.lke.views`). Nothing here measures anything of its own; it picks, labels and ranks.

`compare` reads every kecamatan at once (`across`: a few queries over all the schemas, then the office's own
computations); `kecamatan_figures` reads one kecamatan through the office's own reads on its schema, the reference
the tests hold `compare` equal to, field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.ops.home.dashboard import Dashboard, dashboard
from sakip_desktop.ops.kabupaten.across import all_figures
from sakip_desktop.ops.kabupaten.figures import (
    E81_CODE,
    LKJ_CODE,
    KecamatanFigures,
    SasaranFigure,
    lke_text,
    submission,
)
from sakip_desktop.ops.kabupaten.sources import Kecamatan
from sakip_desktop.ops.lkj.sections import signed_info
from sakip_desktop.ops.measurement.summary import OBJECTIVES
from sakip_desktop.ops.pack.checklist import checklist, pack_count
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class RankLine:
    """A place in the ranking."""

    rank: int | None  # None: no capaian to rank by
    figures: KecamatanFigures


@dataclass(frozen=True)
class Comparison:
    """The kecamatan side by side for TW `quarter` of `year`."""

    year: int
    quarter: int
    today: dt.date
    rows: tuple[KecamatanFigures, ...]  # by kode wilayah
    ranking: tuple[RankLine, ...]
    measure: str  # the ranking's measure in words
    has_lke: bool  # some kecamatan has an LKE score of the year

    @property
    def period(self) -> str:
        """'TW III 2025'."""
        return f"TW {('I', 'II', 'III', 'IV')[self.quarter - 1]} {self.year}"


def kecamatan_figures(db: Database, kecamatan: Kecamatan, year: int, quarter: int, today: dt.date) -> KecamatanFigures:
    """One kecamatan's figures, read from its own database (schema) with its own reads."""
    board: Dashboard = dashboard(db, year, quarter, today)
    pack_rows = checklist(db, year, today)
    earlier = checklist(db, year - 1, today)
    signed = signed_info(db, year - 1)
    total = board.budget.total
    band = board.office.band
    return KecamatanFigures(
        kecamatan=kecamatan,
        achievement=board.scale.shown(board.office.achievement),
        band=band.label if band else "",
        band_colour=band.colour if band else "#9e9e9e",
        average=board.average,
        indicators=len(board.indicators),
        no_data=board.no_data,
        pending=board.pending,
        objectives=tuple(
            SasaranFigure(o.code, o.statement, o.shown, o.band.label if o.band else "") for o in board.objectives
        ),
        ceiling=total.ceiling,
        spent=total.spent_to_date,
        absorption=total.absorption,
        e81=submission(pack_rows, E81_CODE, quarter),
        lkj=submission(earlier, LKJ_CODE, 0),
        lkj_signed_on=signed.signed_on if signed else None,
        pack_text=pack_count(pack_rows, today).text,
        late_documents=len(board.late_documents),
        lke=lke_text(db, year, today),
    )


def measure_text(rows: tuple[KecamatanFigures, ...], quarter: int, year: int) -> str:
    """The ranking's measure in words, naming the kecamatan that take their rata-rata another way."""
    at = f"TW {('I', 'II', 'III', 'IV')[quarter - 1]} {year}"
    text = (
        f"Peringkat menurut rata-rata capaian kinerja s.d. {at}, angka yang sama dengan dasbor Camat masing-masing "
        "kecamatan: tiap sasaran dinilai dari rata-rata capaian indikatornya terhadap target s.d. triwulan itu, lalu "
        "capaian kantor adalah rata-rata sasarannya. Capaian tertinggi di peringkat 1; bila sama, serapan anggaran "
        "yang lebih tinggi di atas; bila keduanya sama, peringkatnya sama (mis. 1, 2, 2, 4). Kecamatan tanpa data "
        "capaian tidak diberi peringkat."
    )
    others = [r.kecamatan.office_name for r in rows if r.average != OBJECTIVES]
    if others:
        text += (
            " Perhatian: Kecamatan " + ", ".join(others) + " mengambil rata-rata dari seluruh indikator (pengaturan "
            "kantornya), bukan dari rata-rata sasaran."
        )
    return text


def rank(rows: tuple[KecamatanFigures, ...]) -> tuple[RankLine, ...]:
    """The kecamatan from the highest capaian; those without one last, unranked. Kecamatan equal in capaian and in
    serapan share a place and the next place is skipped (1, 2, 2, 4): the order among them is only their kode."""

    def standing(r: KecamatanFigures) -> tuple[Decimal, Decimal]:
        return (-(r.achievement or Decimal(0)), -(r.absorption or Decimal(0)))

    ranked = sorted(
        (r for r in rows if r.achievement is not None), key=lambda r: (*standing(r), r.kecamatan.region_code)
    )
    lines: list[RankLine] = []
    for i, r in enumerate(ranked, start=1):
        tied = bool(lines) and standing(lines[-1].figures) == standing(r)
        lines.append(RankLine(lines[-1].rank if tied else i, r))
    return tuple(lines) + tuple(RankLine(None, r) for r in rows if r.achievement is None)


def compare(
    url: str, year: int, quarter: int, today: dt.date, *, on_progress: Callable[[int, int], None] | None = None
) -> Comparison:
    """Every loaded kecamatan side by side (read-only)."""
    figures = tuple(all_figures(url, year, quarter, today))
    if on_progress is not None:
        on_progress(len(figures), len(figures))
    return Comparison(
        year=year,
        quarter=quarter,
        today=today,
        rows=figures,
        ranking=rank(figures),
        measure=measure_text(figures, quarter, year),
        has_lke=any(r.lke for r in figures),
    )
