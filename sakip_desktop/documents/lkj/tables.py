"""Every table the LKj prints, written once as a `TableSpec` (`documents.tablespec`).

The chapters (`chapters`, `bab3`) print each spec with `tablespec.pdf_table`; the Word file (`lkj.docx`) and the
.xlsx export (`lkj.sheets`) take the specs from that same story, so the three show the same tables, captions,
numbers and totals. While the year is not final the titles and the
year columns say "s.d. TW n" (`cells.year_label`).

The ringkasan capaian; the PK's two tables; per sasaran its capaian, efisiensi and program penunjang (the
perbandingan tahun and Renstra tables are in `compare_specs`); the realisasi anggaran per program, kegiatan and sub
kegiatan; Lampiran 2 the FPK. The caller numbers them (running "Tabel n", `chapters.numbered`).
"""

from __future__ import annotations

from sakip_desktop.documents.lkj import cells
from sakip_desktop.documents.request import Row
from sakip_desktop.documents.tablespec import TableSpec
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import LkjData, SasaranResult
from sakip_desktop.ops.measurement.budget import BudgetLine, efficiency_note
from sakip_desktop.ops.measurement.budget_links import LINK_NOTE


def _spec(number: str, title: str, **kw: object) -> TableSpec:
    return TableSpec(key=f"Tabel {number.rstrip('.')}", caption=f"Tabel {number} {title}", **kw)  # type: ignore[arg-type]


def ringkasan_spec(data: LkjData, number: str = "1.") -> TableSpec:
    """Tabel 1: each sasaran's indicators, capaian and category, and the office's rata-rata."""
    rows: list[Row] = [
        (s.code, s.statement, str(len(s.indicators)), formats.percent(s.achievement), s.band_label or "-")
        for s in data.sasaran
    ]
    rows.append(
        ("", "Rata-rata capaian organisasi", str(len(data.indicators)), formats.percent(data.achievement),
         data.band_label or "-")
    )  # fmt: skip
    return TableSpec(
        key=f"Tabel {number.rstrip('.')}",
        caption=f"Tabel {number} Ringkasan Capaian Kinerja {cells.period_label(data)}",
        header_rows=(("Kode", "Sasaran Strategis", "Jumlah Indikator", "Capaian", "Kategori"),),
        rows=tuple(rows),
        widths=(1.2, None, 2.0, 2.3, 2.3),
        align="CLCRC",
        numeric=frozenset({2, 3}),
        total_rows=1,
    )


def pk_target_spec(data: LkjData, prefix: str) -> TableSpec:
    """Tabel 2.1 (and L1.1): sasaran as group rows over their indicators with satuan and target."""
    rows: list[Row] = []
    groups: set[int] = set()
    last, n = None, 0
    for t in data.pk.targets:
        if t.objective_code != last:
            last, n = t.objective_code, 0
            groups.add(len(rows))
            rows.append((t.objective_code, t.objective_statement, None, None))
        n += 1
        rows.append(
            (f"{t.objective_code}.{n}", t.indicator_name, t.unit, formats.amount_range(t.target_low, t.target_high))
        )
    return _spec(
        f"{prefix}.1",
        f"Sasaran Strategis, Indikator Kinerja dan Target Tahun {data.year}",
        header_rows=(("No", "Sasaran Strategis / Indikator Kinerja", "Satuan", "Target"),),
        rows=tuple(rows),
        widths=(1.4, None, 2.5, 2.5),
        align="CLCR",
        numeric=frozenset({3}),
        group_rows=frozenset(groups),
        long=True,
    )


def pk_budget_spec(data: LkjData, prefix: str) -> TableSpec:
    """Tabel 2.2 (and L1.2): the PK's programs and anggaran with the Jumlah; its source as a note."""
    pk = data.pk
    rows: list[Row] = [(str(i), b.code, b.name, formats.rupiah_figure(b.amount)) for i, b in enumerate(pk.budgets, 1)]
    rows.append(("", "", "Jumlah", formats.rupiah_figure(pk.total)))
    return _spec(
        f"{prefix}.2",
        f"Program dan Anggaran Tahun {data.year}",
        header_rows=(("No", "Kode", "Program", "Anggaran (Rp)"),),
        rows=tuple(rows),
        widths=(1.0, 2.2, None, 4.0),
        align="CLLR",
        numeric=frozenset({0, 3}),
        total_rows=1,
        notes=(f"Sumber: {pk.source}.",),
        long=True,
    )


def capaian_spec(data: LkjData, s: SasaranResult, number: str) -> TableSpec:
    """A sasaran's indicators: target, realisasi, capaian, category, and the sasaran's rata-rata."""
    rows: list[Row] = [tuple(cells.capaian_cells(k, i)) for k, i in enumerate(s.indicators, start=1)]
    rows.append(("", "Rata-rata capaian sasaran", "", "", "", formats.percent(s.achievement), s.band_label or "-"))
    return _spec(
        number,
        f"Capaian Indikator Kinerja Sasaran {s.code} {cells.period_label(data)}",
        header_rows=(cells.CAPAIAN_HEAD,),
        rows=tuple(rows),
        widths=(0.8, None, 1.8, 1.9, 1.9, 2.2, 2.7),
        align="CLCRRRC",
        numeric=frozenset({0, 3, 4, 5}),
        total_rows=1,
    )


def efficiency_spec(s: SasaranResult, number: str, data: LkjData | None = None) -> TableSpec | None:
    """The capaian, pagu, realisasi, serapan and efisiensi of a sasaran's programs (None without programs). While
    the year is not final (`data`) the serapan is against the budget plan s.d. TW n, the period of the capaian, and
    the plan has its column; the formula is the note under the table."""
    if s.budget is None:
        return None
    final = data is None or data.measure.final
    head, row = cells.efficiency_head(), cells.efficiency_cells(s.budget)
    widths: tuple[float | None, ...] = (None,) * 5
    if not final:
        assert data is not None
        at = cells.QUARTERS[data.measure.measured_to - 1]
        head, row = cells.efficiency_head(at), cells.efficiency_cells(s.budget, planned=True)
        widths = (2.4, None, None, None, 2.6, 2.2)
    note = efficiency_note(data.measure.measured_to, data.measure.final) if data is not None else ""
    return _spec(
        number,
        f"Efisiensi Penggunaan Anggaran Sasaran {s.code}",
        header_rows=(tuple(head),),
        rows=(tuple(row),),
        widths=widths,
        align="R" * len(head),
        numeric=frozenset(range(len(head))),
        notes=(note,) if note else (),
    )


def programs_spec(s: SasaranResult, number: str) -> TableSpec | None:
    """The programs serving a sasaran (None when none is linked)."""
    if not s.programs:
        return None
    rows = tuple(
        tuple(cells.money_cells(p.code, _part(p), p.ceiling, p.spent_to_date, p.absorption)) for p in s.programs
    )
    shared = any(p.sub_codes for p in s.programs)
    return _spec(
        number,
        f"Program Penunjang Sasaran {s.code}",
        header_rows=(cells.PROGRAM_HEAD,),
        rows=rows,
        widths=(1.8, None, 3.1, 3.1, 2.4),
        align="LLRRR",
        numeric=frozenset({2, 3, 4}),
        notes=(LINK_NOTE,) if shared else (),
    )


def _part(p: BudgetLine) -> str:
    """A program's name, and when the sasaran has only a part of it, which sub kegiatan (as the FPK says it)."""
    return p.name + (f" (bagian: sub kegiatan {', '.join(p.sub_codes)})" if p.sub_codes else "")


def anggaran_spec(data: LkjData, number: str) -> TableSpec:
    """Bab III.B: realisasi anggaran per program (shaded), kegiatan and sub kegiatan (indented), and the Jumlah."""
    lines = data.budget_lines
    rows: list[Row] = [
        tuple(cells.money_cells(x.code, "\u00a0" * 4 * x.level + x.name, x.ceiling, x.spent, x.absorption))
        for x in lines
    ]
    t = data.budget.total
    rows.append(tuple(cells.money_cells("", "Jumlah", t.ceiling, t.spent_to_date, t.absorption)))
    return _spec(
        number,
        "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan",
        header_rows=(cells.BUDGET_HEAD,),
        rows=tuple(rows),
        widths=(2.7, None, 2.9, 2.9, 1.9),
        align="LLRRR",
        numeric=frozenset({2, 3, 4}),
        total_rows=1,
        shaded_rows=frozenset(r for r, x in enumerate(lines) if x.level == 0),
        size=8,
        long=True,
    )


def fpk_spec(data: LkjData) -> TableSpec:
    """Lampiran 2, the Formulir Pengukuran Kinerja: sasaran as group rows over their indicators."""
    rows: list[Row] = []
    groups: set[int] = set()
    for s in data.sasaran:
        groups.add(len(rows))
        rows.append((s.code, s.statement, *[None] * 10))
        for n, i in enumerate(s.indicators, start=1):
            *line, status = cells.fpk_cells(f"{s.code}.{n}", i)
            rows.append((*line, status or None))
    head = list(cells.FPK_HEAD)
    head[8] = "Realisasi Tahun" if data.measure.final else f"Realisasi {cells.year_label(data).rsplit(' ', 1)[0]}"
    return TableSpec(
        key="Lampiran 2",
        caption=f"Lampiran 2 Formulir Pengukuran Kinerja {cells.period_label(data)}",
        header_rows=(tuple(head),),
        rows=tuple(rows),
        widths=(1.2, None, 1.6, 1.6, *[1.5] * 4, 1.8, 1.9, 2.2, 3.2),
        align="CLCRRRRRRRCL",
        numeric=frozenset(range(3, 10)),
        group_rows=frozenset(groups),
        size=8,
        caption_shown=False,  # the lampiran's heading names it
    )
