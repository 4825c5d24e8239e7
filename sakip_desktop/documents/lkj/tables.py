"""The LKj's printed tables as plain data (`catalog.SheetTable`), for the .xlsx export.

Built from the `LkjDoc` the PDF is built from, with the same cell texts (`pct`, `rupiah_plain`,
`IndicatorResult.show`) and the same captions: Tabel 1 ringkasan capaian; Tabel 2.1/2.2 the PK;
per sasaran Tabel 3.n.1 capaian, 3.n.2 perbandingan tahun, 3.n.3 Renstra, 3.n.6 efisiensi, 3.n.7
program penunjang; the realisasi anggaran per program/kegiatan/sub kegiatan; Lampiran 2 the FPK.
"""

from __future__ import annotations

from sakip_desktop.documents.catalog import Prepared, SheetTable, register_tables
from sakip_desktop.documents.lkj.bab3 import QUARTERS, _status
from sakip_desktop.documents.lkj.build import LkjDoc
from sakip_desktop.documents.lkj.chapters import pct, rupiah_plain
from sakip_desktop.ops.lkj.data import LkjData, SasaranResult, plain


def _ringkasan(data: LkjData, year: int, subtitle: str) -> SheetTable:
    rows = [
        (s.code, s.statement, str(len(s.indicators)), pct(s.achievement), s.band_label or "-") for s in data.sasaran
    ]
    rows.append(
        (None, "Rata-rata capaian organisasi", str(len(data.indicators)), pct(data.achievement), data.band_label or "-")
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
        target = plain(t.target_low) if t.target_high is None else f"{plain(t.target_low)} - {plain(t.target_high)}"
        rows.append((f"{t.objective_code}.{n}", t.indicator_name, t.unit, target))
    budget = [(str(i), b.code, b.name, rupiah_plain(b.amount)) for i, b in enumerate(pk.budgets, start=1)]
    budget.append((None, None, "Jumlah", rupiah_plain(pk.total)))
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
    sub = f"{subtitle} – Sasaran {s.code}: {s.statement}"
    rows = [
        (str(k), i.name, i.unit, i.target_text, i.show(i.actual), pct(i.achievement), i.band_label or "-")
        for k, i in enumerate(s.indicators, start=1)
    ]
    rows.append((None, "Rata-rata capaian sasaran", None, None, None, pct(s.achievement), s.band_label or "-"))
    out = [
        SheetTable(
            f"Tabel 3.{n}.1",
            f"Tabel 3.{n}.1 Capaian Indikator Kinerja Sasaran {s.code} Tahun {year}",
            sub,
            (("No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"),),
            tuple(rows),
            (5, 50, 12, 12, 12, 12, 14),
            numeric=frozenset({0, 3, 4, 5}),
            total_rows=1,
        )
    ]
    years = data.history_years
    base_year = f"Kondisi Awal ({data.plan.start_year - 1})" if data.plan else "Kondisi Awal"
    head = ("Indikator Kinerja", base_year, *[f"Realisasi {y}" for y in years], f"Realisasi {year}", f"Capaian {year}")
    history = []
    for i in s.indicators:
        by_year = {p.year: p for p in i.history}
        cells = [i.show(by_year[y].actual) if y in by_year else "-" for y in years]
        history.append((i.name, i.show(i.baseline), *cells, i.show(i.actual), pct(i.achievement)))
    out.append(
        SheetTable(
            f"Tabel 3.{n}.2",
            f"Tabel 3.{n}.2 Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya",
            sub,
            (head,),
            tuple(history),
            (50, *[14] * (len(head) - 1)),
            numeric=frozenset(range(1, len(head))),
        )
    )
    renstra = [
        (
            i.name,
            i.show(i.renstra_final_target) + (f" ({i.renstra_final_year})" if i.renstra_final_year else ""),
            i.show(i.actual),
            pct(i.renstra_achievement),
        )
        for i in s.indicators
    ]
    out.append(
        SheetTable(
            f"Tabel 3.{n}.3",
            f"Tabel 3.{n}.3 Realisasi Dibanding Target Akhir Renstra",
            sub,
            (("Indikator Kinerja", "Target Akhir Renstra", f"Realisasi s.d. {year}", "Capaian thd Renstra"),),
            tuple(renstra),
            (50, 18, 16, 16),
            numeric=frozenset({1, 2, 3}),
        )
    )
    b = s.budget
    if b is not None:
        out.append(
            SheetTable(
                f"Tabel 3.{n}.6",
                f"Tabel 3.{n}.6 Efisiensi Penggunaan Anggaran Sasaran {s.code}",
                sub,
                (("Capaian Kinerja", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Efisiensi"),),
                (
                    (
                        pct(b.achievement),
                        rupiah_plain(b.ceiling),
                        rupiah_plain(b.spent_to_date),
                        pct(b.absorption),
                        pct(b.efficiency),
                    ),
                ),
                (16, 20, 20, 14, 14),
                numeric=frozenset(range(5)),
            )
        )
    if s.programs:
        programs = [
            (p.code, p.name, rupiah_plain(p.ceiling), rupiah_plain(p.spent_to_date), pct(p.absorption))
            for p in s.programs
        ]
        out.append(
            SheetTable(
                f"Tabel 3.{n}.7",
                f"Tabel 3.{n}.7 Program Penunjang Sasaran {s.code}",
                sub,
                (("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"),),
                tuple(programs),
                (12, 55, 18, 18, 12),
                numeric=frozenset({2, 3, 4}),
            )
        )
    return out


def _anggaran(data: LkjData, subtitle: str) -> SheetTable:
    rows = [
        (
            line.code,
            "    " * line.level + line.name,
            rupiah_plain(line.ceiling),
            rupiah_plain(line.spent),
            pct(line.absorption),
        )
        for line in data.budget_lines
    ]
    t = data.budget.total
    rows.append((None, "Jumlah", rupiah_plain(t.ceiling), rupiah_plain(t.spent_to_date), pct(t.absorption)))
    number = f"3.{len(data.sasaran) + 1}"
    return SheetTable(
        f"Tabel {number}",
        f"Tabel {number} Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan",
        subtitle,
        (("Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"),),
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
            rows.append(
                (
                    f"{s.code}.{n}",
                    i.name,
                    i.unit,
                    i.target_text,
                    *[i.show(v) for v in i.quarter_actuals],
                    i.show(i.actual),
                    pct(i.achievement),
                    i.band_label or "-",
                    _status(i) or None,
                )
            )
    head = (
        "No",
        "Sasaran / Indikator Kinerja",
        "Satuan",
        "Target",
        *QUARTERS,
        "Realisasi Tahun",
        "Capaian",
        "Kategori",
        "Keterangan",
    )
    return SheetTable(
        "Lampiran 2",
        "Lampiran 2 Formulir Pengukuran Kinerja",
        subtitle,
        (head,),
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


register_tables("lkj", lkj_tables)
