"""The LKj's Bab III Akuntabilitas Kinerja (A. capaian per sasaran with the seven analyses, B. realisasi
anggaran), Bab IV Penutup and the lampiran (Perjanjian Kinerja, Formulir Pengukuran Kinerja)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from sakip_desktop.documents.desa_tables import desa_spec
from sakip_desktop.documents.kit import charts, para
from sakip_desktop.documents.lkj import cells, compare_specs, tables
from sakip_desktop.documents.lkj.chapters import (
    Ctx,
    extra,
    figure_caption,
    narrative,
    numbered,
    sections_chapter,
)
from sakip_desktop.documents.lkj.lampiran_pk import lampiran_pk
from sakip_desktop.documents.lkj.layout import BODY, LANDSCAPE, next_page, toc_heading
from sakip_desktop.documents.tablespec import pdf_table, spec_of
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.lkj.data import SasaranResult
from sakip_desktop.ops.lkj.drafts import ANALYSES, sasaran_key


def _capaian_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    out = pdf_table(numbered(tables.capaian_spec(ctx.view.data, s, "0"), ctx), ctx.width)
    # an indicator over desa: which desa met its criterion and which did not, under the capaian
    ids = {i.indicator_id for i in s.indicators}
    period = f"{quarter_label(ctx.view.data.measure.measured_to)} {ctx.view.year}"
    for b in ctx.desa:
        if b.indicator_id in ids:
            out += pdf_table(numbered(desa_spec(b, period, "Desa"), ctx), ctx.width)
    return out


def _history_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    return pdf_table(compare_specs.history_spec(ctx.view.history, s, ctx.numbers.table()), ctx.width)


def _renstra_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    plan = ctx.view.data.plan
    base, end = (plan.start_year - 1, plan.end_year) if plan else (None, None)
    spec = compare_specs.renstra_spec(ctx.view.history, s, ctx.numbers.table(), base, end)
    return pdf_table(spec, ctx.width)


def _benchmark_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    if not ctx.view.history.benchmarked(s):
        return []  # no benchmark entered: analysis 4 is left out (unless the office wrote its text)
    spec = compare_specs.benchmark_spec(ctx.view.history, s, ctx.numbers.table())
    return pdf_table(spec, ctx.width) if spec else []


def _efficiency_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    spec = tables.efficiency_spec(s, "0", ctx.view.data)
    return pdf_table(numbered(spec, ctx), ctx.width) if spec else []


def _program_table(ctx: Ctx, s: SasaranResult) -> list[Flowable]:
    spec = tables.programs_spec(s, "0")
    return pdf_table(numbered(spec, ctx), ctx.width) if spec else []


def sasaran_chart(ctx: Ctx, s: SasaranResult) -> tuple[int, list[Flowable]]:
    """The capaian of each indicator of `s` as small multiples, and the analysis it illustrates: per year n-2..n
    (analysis 2) when the program holds an earlier year, else s.d. each quarter of the year (analysis 1)."""
    h, scale = ctx.view.history, ctx.view.data.scale

    def colour(value: Decimal | None) -> str:
        band = scale.band(value)
        return band.colour if band else "#9e9e9e"

    if any(c.held for c in h.columns[:-1]):
        categories = [str(c.year) for c in h.columns]
        panels = [
            (
                i.name,
                [
                    (f.achievement if c.held else None, colour(f.achievement))
                    for c, f in zip(h.columns, h.of(i).years, strict=True)
                ],
            )
            for i in s.indicators
        ]
        now = h.columns[-1]
        period = f"{h.columns[0].year}–{now.label}"
        title, analysis = f"Capaian Indikator Sasaran {s.code} Tahun {period}", 2
    else:
        categories = list(cells.QUARTERS)
        panels = [(i.name, [(v, colour(v)) for v in i.quarter_achievements]) for i in s.indicators]
        title, analysis = f"Capaian s.d. Triwulan Indikator Sasaran {s.code} Tahun {ctx.year}", 1
    return analysis, [figure_caption(title, ctx), *charts.small_multiples(panels, categories, ctx.width)]


def _kept(block: list[Flowable]) -> int:
    """How many flowables of `block` stay with the analysis heading: up to its first table."""
    return next((n + 1 for n, f in enumerate(block) if spec_of(f) is not None), len(block))


def _sasaran(ctx: Ctx, s: SasaranResult, n: int) -> list[Flowable]:
    st = extra(ctx)
    out: list[Flowable] = [CondPageBreak(6 * cm)]
    short = s.statement if len(s.statement) <= 70 else s.statement[:69].rsplit(" ", 1)[0] + " …"
    out.append(toc_heading(f"A.{n} Sasaran {s.code}: {s.statement}", st["section"], 1, f"A.{n} {s.code} {short}"))
    # built in the order they print: the running table numbers follow the page
    blocks = {
        1: _capaian_table(ctx, s),
        2: _history_table(ctx, s),
        3: _renstra_table(ctx, s),
        4: _benchmark_table(ctx, s),
        6: _efficiency_table(ctx, s),
        7: _program_table(ctx, s),
    }
    charted, chart = sasaran_chart(ctx, s)
    blocks[charted] += chart
    shown = 0
    for a in range(1, 8):
        body = narrative(ctx.view.text(sasaran_key(s.objective_id, a)), ctx)
        block = blocks.get(a, [])
        if not body and not block:
            continue  # nothing to say (e.g. no national standard entered): the sub-heading is left out
        shown += 1
        heading = para(f"{shown}. {ANALYSES[a - 1]}", st["sub"])
        keep = _kept(block) if block else 1
        out.append(KeepTogether([heading, *(block or body)[:keep]]))
        out += ([*block[keep:], Spacer(1, 4), *body]) if block else body[1:]
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
    out.append(figure_caption(f"Capaian Kinerja per Sasaran Strategis {cells.period_label(data)}", ctx))
    out.append(charts.achievement_bars(bars, ctx.width, label_chars=48, wrap=True))
    for n, s in enumerate(data.sasaran, start=1):
        out += _sasaran(ctx, s, n)
    out.append(CondPageBreak(8 * cm))
    out.append(toc_heading("B. Realisasi Anggaran", st["section"], 1))
    out += narrative(ctx.view.text("bab3.anggaran"), ctx)
    items = [(p.code, p.ceiling, p.spent_to_date) for p in data.budget.programs]
    out.append(figure_caption(f"Pagu dan Realisasi Anggaran per Program {cells.period_label(data)}", ctx))
    out.append(charts.absorption_bars(items, ctx.width * 0.9))
    out += pdf_table(numbered(tables.anggaran_spec(data, "0"), ctx), ctx.width)
    return out


def bab4(ctx: Ctx) -> list[Flowable]:
    """Bab IV Penutup: simpulan and the steps ahead."""
    return sections_chapter(ctx, "BAB IV\nPENUTUP", "BAB IV PENUTUP", ("bab4.simpulan", "bab4.langkah"))


def lampiran(ctx: Ctx) -> list[Flowable]:
    """Lampiran 1 the signed Perjanjian Kinerja itself; Lampiran 2 the Formulir Pengukuran Kinerja (landscape)."""
    st = extra(ctx)
    out: list[Flowable] = next_page(BODY)
    out.append(toc_heading("LAMPIRAN 1\nPERJANJIAN KINERJA", st["chapter"], 0, "Lampiran 1 Perjanjian Kinerja"))
    out += lampiran_pk(ctx)
    out += next_page(LANDSCAPE)
    title = "LAMPIRAN 2\nFORMULIR PENGUKURAN KINERJA"
    out.append(toc_heading(title, st["chapter"], 0, "Lampiran 2 Formulir Pengukuran Kinerja"))
    out += pdf_table(tables.fpk_spec(ctx.view.data), ctx.land_width)
    return out
