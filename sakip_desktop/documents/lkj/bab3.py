"""The LKj's Bab III Akuntabilitas Kinerja (A. capaian per sasaran with the seven analyses, B. realisasi
anggaran), Bab IV Penutup and the lampiran (Perjanjian Kinerja, Formulir Pengukuran Kinerja)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from sakip_desktop.documents.kit import charts, data_table, para
from sakip_desktop.documents.lkj.chapters import (
    Ctx,
    caption,
    extra,
    long_caption,
    narrative,
    pct,
    pk_tables,
    rupiah_plain,
    sections_chapter,
)
from sakip_desktop.documents.lkj.layout import BODY, LANDSCAPE, next_page, toc_heading
from sakip_desktop.ops.lkj.data import SasaranResult
from sakip_desktop.ops.lkj.drafts import ANALYSES, sasaran_key

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")


def _capaian_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    w = ctx.width
    rows = [
        [f"{n}", i.name, i.unit, i.target_text, i.show(i.actual), pct(i.achievement), i.band_label or "-"]
        for n, i in enumerate(s.indicators, start=1)
    ]
    rows.append(["", "Rata-rata capaian sasaran", "", "", "", pct(s.achievement), s.band_label or "-"])
    return [
        caption(f"Tabel {number} Capaian Indikator Kinerja Sasaran {s.code} Tahun {ctx.year}", ctx),
        data_table(
            [["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"]],
            rows,
            [0.8 * cm, w - 11.3 * cm, 1.8 * cm, 1.9 * cm, 1.9 * cm, 2.2 * cm, 2.7 * cm],
            align="CLCRRRC",
            total_rows=1,
        ),
    ]


def _history_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    years = ctx.view.data.history_years
    w = ctx.width
    plan = ctx.view.data.plan
    base_year = f"Kondisi Awal ({plan.start_year - 1})" if plan else "Kondisi Awal"
    head = ["Indikator Kinerja", base_year, *[f"Realisasi {y}" for y in years], f"Realisasi {ctx.year}"]
    head.append(f"Capaian {ctx.year}")
    rows = []
    for i in s.indicators:
        by_year = {p.year: p for p in i.history}
        cells = [i.show(by_year[y].actual) if y in by_year else "-" for y in years]
        rows.append([i.name, i.show(i.baseline), *cells, i.show(i.actual), pct(i.achievement)])
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
        cats = list(QUARTERS)
        series = [(i.name, list(i.quarter_achievements)) for i in s.indicators]
        title = f"Capaian s.d. triwulan per indikator Tahun {ctx.year}"
    return [charts.trend_lines(cats, series, ctx.width * 0.92, title=title)]


def _renstra_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    w = ctx.width
    rows = [
        [
            i.name,
            f"{i.show(i.renstra_final_target)}" + (f" ({i.renstra_final_year})" if i.renstra_final_year else ""),
            i.show(i.actual),
            pct(i.renstra_achievement),
        ]
        for i in s.indicators
    ]
    return [
        caption(f"Tabel {number} Realisasi Dibanding Target Akhir Renstra", ctx),
        data_table(
            [["Indikator Kinerja", "Target Akhir Renstra", f"Realisasi s.d. {ctx.year}", "Capaian thd Renstra"]],
            rows,
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
            [["Capaian Kinerja", "Pagu (Rp)", "Realisasi (Rp)", "Serapan", "Efisiensi"]],
            [
                [
                    pct(b.achievement),
                    rupiah_plain(b.ceiling),
                    rupiah_plain(b.spent_to_date),
                    pct(b.absorption),
                    pct(b.efficiency),
                ]
            ],
            [w / 5] * 5,
            align="RRRRR",
        ),
    ]


def _program_table(ctx: Ctx, s: SasaranResult, number: str) -> list[Flowable]:
    if not s.programs:
        return []
    w = ctx.width
    rows = [
        [p.code, p.name, rupiah_plain(p.ceiling), rupiah_plain(p.spent_to_date), pct(p.absorption)] for p in s.programs
    ]
    return [
        caption(f"Tabel {number} Program Penunjang Sasaran {s.code}", ctx),
        data_table(
            [["Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"]],
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
    for a in range(1, 8):
        heading = para(f"{a}. {ANALYSES[a - 1]}", st["sub"])
        body = narrative(ctx.view.text(sasaran_key(s.objective_id, a)), ctx)
        block = tables.get(a, [])
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
    rows = []
    for line in data.budget_lines:
        name = ("\u00a0" * 4 * line.level) + line.name
        rows.append([line.code, name, rupiah_plain(line.ceiling), rupiah_plain(line.spent), pct(line.absorption)])
    t = data.budget.total
    rows.append(["", "Jumlah", rupiah_plain(t.ceiling), rupiah_plain(t.spent_to_date), pct(t.absorption)])
    bold = [("BACKGROUND", (0, r + 1), (-1, r + 1), "#f2f2f2") for r, x in enumerate(data.budget_lines) if x.level == 0]
    title = f"Tabel 3.{len(data.sasaran) + 1} Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan"
    out += long_caption(title, ctx)
    out.append(
        data_table(
            [["Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"]],
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
        for n, i in enumerate(s.indicators, start=1):
            quarters = [i.show(v) for v in i.quarter_actuals]
            rows.append([f"{s.code}.{n}", i.name, i.unit, i.target_text, *quarters, i.show(i.actual),
                         pct(i.achievement), i.band_label or "-", _status(i)])  # fmt: skip
    head = ["No", "Sasaran / Indikator Kinerja", "Satuan", "Target", *QUARTERS, "Realisasi Tahun", "Capaian"]
    head += ["Kategori", "Keterangan"]
    fixed = [1.2, 1.6, 1.6] + [1.5] * 4 + [1.8, 1.9, 2.2, 3.2]
    widths = [fixed[0] * cm, w - sum(fixed) * cm] + [x * cm for x in fixed[1:]]
    shade = [("BACKGROUND", (0, r), (-1, r), "#f2f2f2") for (_c, r), _ in spans]
    out.append(data_table([head], rows, widths, align="CLCRRRRRRRCL", size=8, spans=spans, extra_style=shade,
                          keep_with_next=[r for (_c, r), _ in spans]))  # fmt: skip
    return out


def _status(i) -> str:
    notes = []
    if i.missing_quarters:
        notes.append("belum diisi: " + ", ".join(QUARTERS[q - 1] for q in i.missing_quarters))
    if i.unapproved_quarters:
        notes.append("belum disetujui: " + ", ".join(QUARTERS[q - 1] for q in i.unapproved_quarters))
    return "; ".join(notes)
