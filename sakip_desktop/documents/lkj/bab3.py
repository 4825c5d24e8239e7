"""The LKj's Bab III Akuntabilitas Kinerja (A. capaian per sasaran with the seven analyses, B. realisasi
anggaran), Bab IV Penutup and the lampiran (Perjanjian Kinerja, Formulir Pengukuran Kinerja)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from sakip_desktop.documents.kit import charts, data_table, para
from sakip_desktop.documents.lkj import cells
from sakip_desktop.documents.lkj.chapters import (
    Ctx,
    caption,
    extra,
    long_caption,
    narrative,
    pk_tables,
    sections_chapter,
)
from sakip_desktop.documents.lkj.layout import BODY, LANDSCAPE, next_page, toc_heading
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import SasaranResult
from sakip_desktop.ops.lkj.drafts import ANALYSES, sasaran_key


def _capaian_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    w = ctx.width
    rows = [cells.capaian_cells(n, i) for n, i in enumerate(s.indicators, start=1)]
    rows.append(["", "Rata-rata capaian sasaran", "", "", "", formats.percent(s.achievement), s.band_label or "-"])
    return [
        caption(f"Tabel {number} Capaian Indikator Kinerja Sasaran {s.code} Tahun {ctx.year}", ctx),
        data_table(
            [cells.CAPAIAN_HEAD],
            rows,
            [0.8 * cm, w - 11.3 * cm, 1.8 * cm, 1.9 * cm, 1.9 * cm, 2.2 * cm, 2.7 * cm],
            align="CLCRRRC",
            total_rows=1,
        ),
    ]


def _history_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    w = ctx.width
    head = cells.history_head(ctx.view.data, ctx.year)
    rows = [cells.history_cells(i, ctx.view.data.history_years) for i in s.indicators]
    col = 2.1 * cm
    widths = [w - col * (len(head) - 1)] + [col] * (len(head) - 1)
    return [
        caption(f"Tabel {number} Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya", ctx),
        data_table([head], rows, widths, align="L" + "R" * (len(head) - 1), size=8.5),
    ]


def _trend_chart(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    years = ctx.view.data.history_years
    if years:
        cats = [str(y) for y in years] + [str(ctx.year)]
        series = [
            (i.name, [{p.year: p.achievement for p in i.history}.get(y) for y in years] + [i.achievement])
            for i in s.indicators
        ]
        title = f"Capaian per indikator {cats[0]}-{ctx.year}"
    else:
        cats = list(cells.QUARTERS)
        series = [(i.name, list(i.quarter_achievements)) for i in s.indicators]
        title = f"Capaian s.d. triwulan per indikator Tahun {ctx.year}"
    return [charts.trend_lines(cats, series, ctx.width * 0.92, title=title)]


def _renstra_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    w = ctx.width
    return [
        caption(f"Tabel {number} Realisasi Dibanding Target Akhir Renstra", ctx),
        data_table(
            [cells.renstra_head(ctx.year)],
            [cells.renstra_cells(i) for i in s.indicators],
            [w - 8.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm],
            align="LRRR",
        ),
    ]


def _efficiency_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    b = s.budget
    if b is None:
        return []
    w = ctx.width
    return [
        caption(f"Tabel {number} Efisiensi Penggunaan Anggaran Sasaran {s.code}", ctx),
        data_table(
            [cells.EFFICIENCY_HEAD],
            [cells.efficiency_cells(b)],
            [w / 5] * 5,
            align="RRRRR",
        ),
    ]


def _program_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    if not s.programs:
        return []
    w = ctx.width
    rows = [cells.money_cells(p.code, p.name, p.ceiling, p.spent_to_date, p.absorption) for p in s.programs]
    return [
        caption(f"Tabel {number} Program Penunjang Sasaran {s.code}", ctx),
        data_table(
            [cells.PROGRAM_HEAD],
            rows,
            [1.8 * cm, w - 10.4 * cm, 3.1 * cm, 3.1 * cm, 2.4 * cm],
            align="LLRRR",
        ),
    ]


def _sasaran(ctx: Ctx, s: SasaranResult, n: int) -> list[Flowable]:
    st = extra(ctx)
    out: list[Flowable] = [CondPageBreak(6 * cm)]
    short = s.statement if len(s.statement) <= 70 else s.statement[:69].rsplit(" ", 1)[0] + " …"
    out.append(toc_heading(f"A.{n} Sasaran {s.code}: {s.statement}", st["section"], 1, f"A.{n} {s.code} {short}"))
    tables = {
        1: _capaian_table(ctx, s, f"3.{n}.1"),
        2: _history_table(ctx, s, f"3.{n}.2") + _trend_chart(ctx, s),
        3: _renstra_table(ctx, s, f"3.{n}.3"),
        6: _efficiency_table(ctx, s, f"3.{n}.6"),
        7: _program_table(ctx, s, f"3.{n}.7"),
    }
    shown = 0
    for a in range(1, 8):
        body = narrative(ctx.view.text(sasaran_key(s.objective_id, a)), ctx)
        block = tables.get(a, [])
        if not body and not block:
            continue  # nothing to say (e.g. no national standard entered): the sub-heading is left out
        shown += 1
        heading = para(f"{shown}. {ANALYSES[a - 1]}", st["sub"])
        out.append(KeepTogether([heading, *(block or body[:1])]))
        out += body[1:] if not block else [Spacer(1, 4), *body]
    return out


def bab3(ctx: Ctx) -> list[Flowable]:
    """Bab III: capaian kinerja organisasi (per sasaran, seven analyses) and realisasi anggaran."""
    st = extra(ctx)
    data = ctx.view.data
    out: list[Flowable] = next_page(BODY)
    out.append(toc_heading("BAB III\nAKUNTABILITAS KINERJA", st["chapter"], 0, "BAB III AKUNTABILITAS KINERJA"))
    out.append(toc_heading("A. Capaian Kinerja Organisasi", st["section"], 1))
    out += narrative(ctx.view.text("bab3.pengukuran"), ctx)
    bars = [(f"{s.code} {s.statement}", s.achievement, s.band_colour) for s in data.sasaran]
    out.append(caption(f"Gambar 3.1 Capaian Kinerja per Sasaran Strategis Tahun {ctx.year}", ctx))
    out.append(charts.achievement_bars(bars, ctx.width, label_chars=48))
    for n, s in enumerate(data.sasaran, start=1):
        out += _sasaran(ctx, s, n)
    out.append(CondPageBreak(8 * cm))
    out.append(toc_heading("B. Realisasi Anggaran", st["section"], 1))
    out += narrative(ctx.view.text("bab3.anggaran"), ctx)
    items = [(p.code, p.ceiling, p.spent_to_date) for p in data.budget.programs]
    out.append(caption(f"Gambar 3.2 Pagu dan Realisasi Anggaran per Program Tahun {ctx.year}", ctx))
    out.append(charts.absorption_bars(items, ctx.width * 0.9))
    w = ctx.width
    rows = [
        cells.money_cells(line.code, "\u00a0" * 4 * line.level + line.name, line.ceiling, line.spent, line.absorption)
        for line in data.budget_lines
    ]
    t = data.budget.total
    rows.append(cells.money_cells("", "Jumlah", t.ceiling, t.spent_to_date, t.absorption))
    bold = [("BACKGROUND", (0, r + 1), (-1, r + 1), "#f2f2f2") for r, x in enumerate(data.budget_lines) if x.level == 0]
    title = f"Tabel 3.{len(data.sasaran) + 1} Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan"
    out += long_caption(title, ctx)
    out.append(
        data_table(
            [cells.BUDGET_HEAD],
            rows,
            [2.7 * cm, w - 10.4 * cm, 2.9 * cm, 2.9 * cm, 1.9 * cm],
            align="LLRRR",
            size=8,
            total_rows=1,
            extra_style=bold,
        )
    )
    return out


def bab4(ctx: Ctx) -> list[Flowable]:
    """Bab IV Penutup: simpulan and the steps ahead."""
    return sections_chapter(ctx, "BAB IV\nPENUTUP", "BAB IV PENUTUP", ("bab4.simpulan", "bab4.langkah"))


def lampiran(ctx: Ctx) -> list[Flowable]:
    """Lampiran 1 the PK tables; Lampiran 2 the Formulir Pengukuran Kinerja (landscape)."""
    st = extra(ctx)
    out: list[Flowable] = next_page(BODY)
    out.append(toc_heading("LAMPIRAN 1\nPERJANJIAN KINERJA", st["chapter"], 0, "Lampiran 1 Perjanjian Kinerja"))
    out += pk_tables(ctx, "Tabel L1")
    out += next_page(LANDSCAPE)
    title = "LAMPIRAN 2\nFORMULIR PENGUKURAN KINERJA"
    out.append(toc_heading(title, st["chapter"], 0, "Lampiran 2 Formulir Pengukuran Kinerja"))
    w = ctx.land_width
    rows: list[list[str]] = []
    spans = []
    for s in ctx.view.data.sasaran:
        rows.append([s.code, s.statement] + [""] * 10)
        spans.append(((1, len(rows)), (-1, len(rows))))
        rows += [cells.fpk_cells(f"{s.code}.{n}", i) for n, i in enumerate(s.indicators, start=1)]
    fixed = [1.2, 1.6, 1.6] + [1.5] * 4 + [1.8, 1.9, 2.2, 3.2]
    widths = [fixed[0] * cm, w - sum(fixed) * cm] + [x * cm for x in fixed[1:]]
    shade = [("BACKGROUND", (0, r), (-1, r), "#f2f2f2") for (_c, r), _ in spans]
    heads = [r for (_c, r), _ in spans]
    out.append(
        data_table(
            [cells.FPK_HEAD],
            rows,
            widths,
            align="CLCRRRRRRRCL",
            size=8,
            spans=spans,
            extra_style=shade,
            keep_with_next=heads,
        )
    )
    return out
