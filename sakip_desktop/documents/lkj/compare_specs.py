"""The LKj's comparison tables of Bab III (analyses 2–4), written once as `TableSpec`s for the PDF, the .xlsx and the
Word file (`documents.tablespec`):

- Perbandingan realisasi dan capaian n-2, n-1, n (`history_spec`): a year over its Realisasi and Capaian; a year
  the program holds no realisasi for prints "–" and a note says so;
- Realisasi dibanding target akhir Renstra (`renstra_spec`): kondisi awal, target akhir, realisasi n, capaian
  against the end target and the progress from the kondisi awal, the formula in a note;
- Perbandingan dengan standar nasional (`benchmark_spec`): only the indicators the office entered a benchmark for;
  None when the sasaran has none (the sub-heading is then left out).

Figures are printed as everywhere in the LKj (`IndicatorResult.show`, `formats.percent`). `number` is the table's
running number in the document ("Tabel 7.").
"""

from __future__ import annotations

from collections.abc import Sequence

from sakip_desktop.documents.request import Row
from sakip_desktop.documents.tablespec import TableSpec
from sakip_desktop.domain import formats
from sakip_desktop.ops.lkj.data import IndicatorResult, SasaranResult
from sakip_desktop.ops.lkj.history import LkjHistory

ABSENT = "–"  # a year the program holds no realisasi for


def _years(years: Sequence[int]) -> str:
    text = [str(y) for y in years]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " dan " + text[-1]


def _missing(h: LkjHistory, i: IndicatorResult) -> list[bool]:
    """Per earlier year: True where the table prints "–" for `i` (no realisasi of it that year)."""
    return [not c.held or f.actual is None for c, f in zip(h.columns[:-1], h.of(i).years, strict=False)]


def history_notes(h: LkjHistory, indicators: Sequence[IndicatorResult]) -> tuple[str, ...]:
    """What the reader needs to read the table: where "–" stands and why, and which year is not final."""
    out = []
    absent = h.absent_years
    partly = any(m and c.held for i in indicators for c, m in zip(h.columns, _missing(h, i), strict=False))
    if partly:
        whole = f" (tahun {_years(absent)} seluruhnya)" if absent else ""
        out.append(
            f"Tanda {ABSENT} berarti realisasi indikator pada tahun itu tidak tercatat dalam aplikasi SAKIP{whole}."
        )
    elif absent:
        out.append(f"Tanda {ABSENT} berarti realisasi tahun {_years(absent)} tidak tercatat dalam aplikasi SAKIP.")
    open_years = [c.label for c in h.columns if c.held and not c.final]
    if open_years:
        out.append(
            "Tahun yang belum final (realisasi TW IV belum lengkap atau belum disetujui Camat) diukur s.d. triwulan "
            f"terakhir yang terisi terhadap target s.d. triwulan itu: {'; '.join(open_years)}."
        )
    return tuple(out)


def _history_row(h: LkjHistory, i: IndicatorResult) -> Row:
    line: list[str] = [i.name, i.unit]
    for missing, figure in zip(_missing(h, i), h.of(i).years[:-1], strict=True):
        line += [ABSENT, ABSENT] if missing else [i.show(figure.actual), formats.percent(figure.achievement)]
    return (*line, i.show(i.actual), formats.percent(i.achievement))


def history_spec(h: LkjHistory, s: SasaranResult, number: int) -> TableSpec:
    """Realisasi and capaian of each indicator of `s` in n-2, n-1 and n: a year over two columns."""
    top: list[str] = ["Indikator Kinerja", "Satuan"]
    bottom: list[str] = ["", ""]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1)]
    for n, c in enumerate(h.columns):
        top += [c.label, ""]
        bottom += ["Realisasi", "Capaian"]
        merges.append((0, 2 + 2 * n, 0, 3 + 2 * n))
    k = 2 * len(h.columns)
    return TableSpec(
        key=f"Tabel {number}",
        caption=f"Tabel {number}. Realisasi dan Capaian Sasaran {s.code} Tahun {h.columns[0].year}–{h.year}",
        header_rows=(tuple(top), tuple(bottom)),
        rows=tuple(_history_row(h, i) for i in s.indicators),
        widths=(None, 1.5, *[1.7] * k),
        align="LC" + "R" * k,
        numeric=frozenset(range(2, 2 + k)),
        header_merges=tuple(merges),
        notes=history_notes(h, s.indicators),
        size=8.5,
    )


def _renstra_row(h: LkjHistory, i: IndicatorResult, end_year: int | None) -> Row:
    r = h.of(i)
    target = i.show(r.renstra_target)
    if r.renstra_year is not None and r.renstra_year != end_year:
        target += f" ({r.renstra_year})"
    return (
        i.name,
        i.unit,
        i.show(r.baseline),
        target,
        i.show(i.actual),
        formats.percent(r.renstra_achievement),
        formats.percent(r.progress),
    )


def renstra_spec(
    h: LkjHistory, s: SasaranResult, number: int, base_year: int | None, end_year: int | None
) -> TableSpec:
    """Each indicator of `s` against the Renstra's end target: kondisi awal, target akhir, realisasi of n, capaian
    against the end target and the progress from the kondisi awal."""
    notes = [
        "Capaian thd target akhir: realisasi dibanding target akhir Renstra, dengan rumus capaian sesuai polaritas "
        "indikator. Kemajuan: (realisasi − kondisi awal) ÷ (target akhir − kondisi awal) × 100%."
    ]
    if not h.columns[-1].final:
        notes.append(f"Kemajuan dihitung setelah realisasi tahun {h.year} final.")
    head = (
        "Indikator Kinerja",
        "Satuan",
        f"Kondisi Awal ({base_year})" if base_year else "Kondisi Awal",
        f"Target Akhir Renstra ({end_year})" if end_year else "Target Akhir Renstra",
        f"Realisasi {h.columns[-1].label}",
        "Capaian thd Target Akhir",
        "Kemajuan dari Kondisi Awal",
    )
    return TableSpec(
        key=f"Tabel {number}",
        caption=f"Tabel {number}. Realisasi Sasaran {s.code} Dibanding Target Akhir Renstra",
        header_rows=(head,),
        rows=tuple(_renstra_row(h, i, end_year) for i in s.indicators),
        widths=(None, 1.5, 1.9, 2.1, 2.1, 2.0, 2.0),
        align="LCRRRRR",
        numeric=frozenset({2, 4, 5, 6}),
        notes=tuple(notes),
        size=8.5,
    )


def benchmark_spec(h: LkjHistory, s: SasaranResult, number: int) -> TableSpec | None:
    """The indicators of `s` with a benchmark: realisasi of n beside it (None when no indicator of `s` has one)."""
    indicators = h.benchmarked(s)
    if not indicators:
        return None
    return TableSpec(
        key=f"Tabel {number}",
        caption=f"Tabel {number}. Realisasi Sasaran {s.code} Dibanding Standar Nasional/Pembanding",
        header_rows=(
            ("Indikator Kinerja", "Satuan", f"Realisasi {h.columns[-1].label}", "Standar Nasional / Pembanding"),
        ),
        rows=tuple((i.name, i.unit, i.show(i.actual), h.of(i).benchmark) for i in indicators),
        widths=(None, 1.5, 2.4, 5.5),
        align="LCRL",
        numeric=frozenset({2}),
    )
