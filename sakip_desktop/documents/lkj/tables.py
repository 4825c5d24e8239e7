"""The LKj's printed tables as plain data (`catalog.SheetTable`), for the .xlsx export.

Built from the `LkjDoc` the PDF is built from, with the same cell texts (`formats.percent`, `formats.rupiah_figure`,
`IndicatorResult.show`) and the same captions: Tabel 1 ringkasan capaian; Tabel 2.1/2.2 the PK;
per sasaran Tabel 3.n.1 capaian, 3.n.2 perbandingan tahun, 3.n.3 Renstra, 3.n.6 efisiensi, 3.n.7
program penunjang; the realisasi anggaran per program/kegiatan/sub kegiatan; Lampiran 2 the FPK.
"""

from __future__ import annotations

from sakip_desktop.documents.lkj import cells
from sakip_desktop.documents.lkj.build import LkjDoc
from sakip_desktop.documents.request import Prepared, Row, SheetTable
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import LkjData, SasaranResult


def _ringkasan(data: LkjData, year: int, subtitle: str) -> SheetTable:
    rows: list[Row] = [
        (s.code, s.statement, str(len(s.indicators)), formats.percent(s.achievement), s.band_label or "-")
        for s in data.sasaran
    ]
    rows.append(
        (
            None,
            "Rata-rata capaian organisasi",
            str(len(data.indicators)),
            formats.percent(data.achievement),
            data.band_label or "-",
        )
    )
    return SheetTable(
        "Tabel 1",
        f"Tabel 1. Ringkasan Capaian Kinerja Tahun {year}",
        subtitle,
        (("Kode", "Sasaran Strategis", "Jumlah Indikator", "Capaian", "Kategori"),),
        tuple(rows),
        (8, 60, 12, 12, 14),
        numeric=frozenset({2, 3}),
        total_rows=1,
    )


def _pk(data: LkjData, year: int, subtitle: str) -> list[SheetTable]:
    pk = data.pk
    rows: list[tuple[str | None, ...]] = []
    last, n = None, 0
    for t in pk.targets:
        if t.objective_code != last:
            last, n = t.objective_code, 0
            rows.append((t.objective_code, t.objective_statement, None, None))
        n += 1
        target = formats.amount_range(t.target_low, t.target_high)
        rows.append((f"{t.objective_code}.{n}", t.indicator_name, t.unit, target))
    budget: list[Row] = [
        (str(i), b.code, b.name, formats.rupiah_figure(b.amount)) for i, b in enumerate(pk.budgets, start=1)
    ]
    budget.append((None, None, "Jumlah", formats.rupiah_figure(pk.total)))
    return [
        SheetTable(
            "Tabel 2.1",
            f"Tabel 2.1 Sasaran Strategis, Indikator Kinerja dan Target Tahun {year}",
            subtitle,
            (("No", "Sasaran Strategis / Indikator Kinerja", "Satuan", "Target"),),
            tuple(rows),
            (8, 70, 14, 14),
            numeric=frozenset({3}),
        ),
        SheetTable(
            "Tabel 2.2",
            f"Tabel 2.2 Program dan Anggaran Tahun {year}",
            subtitle,
            (("No", "Kode", "Program", "Anggaran (Rp)"),),
            tuple(budget),
            (6, 12, 60, 20),
            numeric=frozenset({0, 3}),
            total_rows=1,
        ),
    ]


def _sasaran(data: LkjData, year: int, s: SasaranResult, n: int, subtitle: str) -> list[SheetTable]:
    """The tables of one sasaran in the order of Bab III: 3.n.1, 3.n.2, 3.n.3, then 3.n.6 and 3.n.7 when there."""
    sub = f"{subtitle} – Sasaran {s.code}: {s.statement}"
    out = [_capaian(year, s, n, sub), _history(data, year, s, n, sub), _renstra(year, s, n, sub)]
    if s.budget is not None:
        out.append(_efficiency(s, n, sub))
    if s.programs:
        out.append(_programs(s, n, sub))
    return out


def _capaian(year: int, s: SasaranResult, n: int, sub: str) -> SheetTable:
    rows: list[Row] = [tuple(cells.capaian_cells(k, i)) for k, i in enumerate(s.indicators, start=1)]
    rows.append(
        (None, "Rata-rata capaian sasaran", None, None, None, formats.percent(s.achievement), s.band_label or "-")
    )
    return SheetTable(
        f"Tabel 3.{n}.1",
        f"Tabel 3.{n}.1 Capaian Indikator Kinerja Sasaran {s.code} Tahun {year}",
        sub,
        (cells.CAPAIAN_HEAD,),
        tuple(rows),
        (5, 50, 12, 12, 12, 12, 14),
        numeric=frozenset({0, 3, 4, 5}),
        total_rows=1,
    )


def _history(data: LkjData, year: int, s: SasaranResult, n: int, sub: str) -> SheetTable:
    head = tuple(cells.history_head(data, year))
    history = [tuple(cells.history_cells(i, data.history_years)) for i in s.indicators]
    return SheetTable(
        f"Tabel 3.{n}.2",
        f"Tabel 3.{n}.2 Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya",
        sub,
        (head,),
        tuple(history),
        (50, *[14] * (len(head) - 1)),
        numeric=frozenset(range(1, len(head))),
    )


def _renstra(year: int, s: SasaranResult, n: int, sub: str) -> SheetTable:
    renstra = [tuple(cells.renstra_cells(i)) for i in s.indicators]
    return SheetTable(
        f"Tabel 3.{n}.3",
        f"Tabel 3.{n}.3 Realisasi Dibanding Target Akhir Renstra",
        sub,
        (tuple(cells.renstra_head(year)),),
        tuple(renstra),
        (50, 18, 16, 16),
        numeric=frozenset({1, 2, 3}),
    )


def _efficiency(s: SasaranResult, n: int, sub: str) -> SheetTable:
    b = s.budget
    assert b is not None
    return SheetTable(
        f"Tabel 3.{n}.6",
        f"Tabel 3.{n}.6 Efisiensi Penggunaan Anggaran Sasaran {s.code}",
        sub,
        (cells.EFFICIENCY_HEAD,),
        (tuple(cells.efficiency_cells(b)),),
        (16, 20, 20, 14, 14),
        numeric=frozenset(range(5)),
    )


def _programs(s: SasaranResult, n: int, sub: str) -> SheetTable:
    programs = [tuple(cells.money_cells(p.code, p.name, p.ceiling, p.spent_to_date, p.absorption)) for p in s.programs]
    return SheetTable(
        f"Tabel 3.{n}.7",
        f"Tabel 3.{n}.7 Program Penunjang Sasaran {s.code}",
        sub,
        (cells.PROGRAM_HEAD,),
        tuple(programs),
        (12, 55, 18, 18, 12),
        numeric=frozenset({2, 3, 4}),
    )


def _anggaran(data: LkjData, subtitle: str) -> SheetTable:
    rows: list[Row] = [
        tuple(cells.money_cells(line.code, "    " * line.level + line.name, line.ceiling, line.spent, line.absorption))
        for line in data.budget_lines
    ]
    t = data.budget.total
    _code, *total = cells.money_cells("", "Jumlah", t.ceiling, t.spent_to_date, t.absorption)
    rows.append((None, *total))
    number = f"3.{len(data.sasaran) + 1}"
    return SheetTable(
        f"Tabel {number}",
        f"Tabel {number} Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan",
        subtitle,
        (cells.BUDGET_HEAD,),
        tuple(rows),
        (16, 62, 18, 18, 10),
        numeric=frozenset({2, 3, 4}),
        total_rows=1,
    )


def _fpk(data: LkjData, subtitle: str) -> SheetTable:
    rows: list[tuple[str | None, ...]] = []
    for s in data.sasaran:
        rows.append((s.code, s.statement, *[None] * 10))
        for n, i in enumerate(s.indicators, start=1):
            *line, status = cells.fpk_cells(f"{s.code}.{n}", i)
            rows.append((*line, status or None))
    return SheetTable(
        "Lampiran 2",
        "Lampiran 2 Formulir Pengukuran Kinerja",
        subtitle,
        (cells.FPK_HEAD,),
        tuple(rows),
        (8, 50, 12, 11, 10, 10, 10, 10, 12, 11, 14, 30),
        numeric=frozenset(range(3, 10)),
    )


def lkj_tables(prepared: Prepared) -> list[SheetTable]:
    """Every table the LKj prints, one per sheet, in the order of the document."""
    doc: LkjDoc = prepared.data
    data, year = doc.view.data, doc.view.year
    subtitle = f"Laporan Kinerja {data.office.office_title} Tahun {year}"
    out = [_ringkasan(data, year, subtitle), *_pk(data, year, subtitle)]
    for n, s in enumerate(data.sasaran, start=1):
        out += _sasaran(data, year, s, n, subtitle)
    return [*out, _anggaran(data, subtitle), _fpk(data, subtitle)]
