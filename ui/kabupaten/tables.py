"""The columns of the kabupaten's tables: the comparison, the ranking, capaian per sasaran, the import log."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain import formats
from sakip_desktop.ops.kabupaten.comparison import RankLine
from sakip_desktop.ops.kabupaten.figures import KecamatanFigures, SasaranFigure
from sakip_desktop.ops.kabupaten.importing import STATUS_WORDS, ImportOutcome
from sakip_desktop.ops.kabupaten.sources import LogLine
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.table import Column


def _pct(value: Decimal | None) -> str:
    return formats.percent(value, 2)


def _key(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(-1)


def _late(row: KecamatanFigures) -> str | None:
    late = (row.e81 and row.e81.overdue) or (row.lkj and row.lkj.overdue)
    return LATE_COLOUR if late else None


COMPARISON: list[Column[KecamatanFigures]] = [
    Column("Kecamatan", lambda r: r.kecamatan.office_name, width=150),
    Column("Kode wilayah", lambda r: r.kecamatan.region_code, width=90),
    Column("Capaian (%)", lambda r: _pct(r.achievement), lambda r: _key(r.achievement), True, width=110),
    Column("Kategori", lambda r: r.band or "-", width=90),
    Column("Indikator berdata", lambda r: f"{r.indicators - r.no_data} dari {r.indicators}", width=110),
    Column("Serapan (%)", lambda r: _pct(r.absorption), lambda r: _key(r.absorption), True, width=90),
    Column("Formulir E.81", lambda r: r.e81.text if r.e81 else "-", background=_late, width=210),
    Column(
        "LKj tahun lalu",
        lambda r: (
            (r.lkj.text if r.lkj else "-") + (f"; ditandatangani {r.lkj_signed_on:%d-%m-%Y}" if r.lkj_signed_on else "")
        ),
        background=_late,
        width=210,
    ),
    Column("Paket dokumen", lambda r: f"{r.pack_text}; {r.late_documents} terlambat", width=230),
    Column(
        "Data sampai",
        lambda r: formats.long_date(r.kecamatan.data_date.date()) if r.kecamatan.data_date else "-",
        lambda r: r.kecamatan.data_date,
        width=130,
    ),
]

LKE: Column[KecamatanFigures] = Column("Nilai LKE", lambda r: r.lke or "belum ada", width=260)

RANKING: list[Column[RankLine]] = [
    Column("Peringkat", lambda r: str(r.rank) if r.rank else "-", width=80),
    Column("Kecamatan", lambda r: r.figures.kecamatan.title, width=240),
    Column("Capaian", lambda r: _pct(r.figures.achievement), align_right=True, width=100),
    Column("Kategori", lambda r: r.figures.band or "-", width=100),
    Column("Serapan anggaran", lambda r: _pct(r.figures.absorption), align_right=True, width=120),
]


@dataclass(frozen=True)
class SasaranLine:
    """One sasaran of one kecamatan, a row of 'Capaian per sasaran'."""

    kecamatan: str
    sasaran: SasaranFigure


OBJECTIVES: list[Column[SasaranLine]] = [
    Column("Kecamatan", lambda r: r.kecamatan, width=150),
    Column("Kode", lambda r: r.sasaran.code, width=50),
    Column("Sasaran", lambda r: r.sasaran.statement, width=420),
    Column("Capaian", lambda r: _pct(r.sasaran.achievement), lambda r: _key(r.sasaran.achievement), True, width=90),
    Column("Kategori", lambda r: r.sasaran.band or "-", width=100),
]

LOG: list[Column[LogLine]] = [
    Column("Waktu (UTC)", lambda r: f"{r.imported_at:%d-%m-%Y %H.%M}", lambda r: r.imported_at, width=120),
    Column("Oleh", lambda r: r.imported_by, width=140),
    Column("Kecamatan", lambda r: f"{r.office_name} ({r.region_code})", width=180),
    Column("Tindakan", lambda r: r.action, width=70),
    Column(
        "Data sampai",
        lambda r: formats.long_date(r.data_date.date()) if r.data_date else "-",
        lambda r: r.data_date,
        width=130,
    ),
    Column("Berkas", lambda r: r.file_name, width=260),
    Column("Checksum (SHA-256)", lambda r: r.sha256, width=200),
]

OUTCOMES: list[Column[ImportOutcome]] = [
    Column("Berkas", lambda r: r.path.name, tooltip=lambda r: str(r.path), width=220),
    Column("Hasil", lambda r: STATUS_WORDS[r.status], width=100, background=lambda r: None if r.ok else LATE_COLOUR),
    Column("Keterangan", lambda r: r.message, width=420),
]
