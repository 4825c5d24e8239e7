"""The kabupaten's comparison of its kecamatan on paper and in a workbook (issue 17): the ranking with its measure
explained, the kecamatan side by side (capaian, serapan, E.81, LKj, the submission pack), the capaian per sasaran
and, where any kecamatan has one, its LKE score. One set of tables (`TableSpec`) prints the PDF summary for the
Bupati and writes the .xlsx, so both carry the same figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from sakip_desktop.documents.kit import DocSetup, build_pdf, frame_width, para, styles, title_block
from sakip_desktop.documents.kit.charts import achievement_bars
from sakip_desktop.documents.kit.paper import Margins
from sakip_desktop.documents.tablespec import TableSpec, pdf_table, sheet_table
from sakip_desktop.documents.xlsx_sheets import workbook_bytes
from sakip_desktop.domain import formats
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.kabupaten.comparison import Comparison
from sakip_desktop.ops.kabupaten.figures import KecamatanFigures
from sakip_desktop.ops.org.office import OfficeProfile

QUARTER_WORDS = ("I", "II", "III", "IV")


def _pct(value) -> str:
    return formats.percent(value, 2)


def _data_date(row: KecamatanFigures) -> str:
    when = row.kecamatan.data_date
    return formats.long_date(when.date()) if when else "-"


def _lkj_text(row: KecamatanFigures) -> str:
    parts = [row.lkj.text if row.lkj else "-"]
    if row.lkj_signed_on:
        parts.append(f"ditandatangani {row.lkj_signed_on:%d-%m-%Y}")
    return "; ".join(parts)


def ranking_table(cmp: Comparison) -> TableSpec:
    """The kecamatan from the highest capaian, with the measure under the table."""
    rows = tuple(
        (
            str(line.rank) if line.rank else "-",
            line.figures.name,
            line.figures.kecamatan.region_code,
            _pct(line.figures.achievement),
            line.figures.band or "-",
            _pct(line.figures.absorption),
        )
        for line in cmp.ranking
    )
    return TableSpec(
        key="Peringkat",
        caption=f"Peringkat Capaian Kinerja Kecamatan s.d. {cmp.period}",
        header_rows=(("Peringkat", "Kecamatan", "Kode wilayah", "Capaian (%)", "Kategori", "Serapan anggaran (%)"),),
        rows=rows,
        widths=(2.0, None, 2.4, 2.6, 2.8, 3.2),
        align="CLCRCR",
        numeric=frozenset({0, 3, 5}),
        notes=(cmp.measure,),
    )


def comparison_table(cmp: Comparison) -> TableSpec:
    """The kecamatan side by side: capaian, serapan, E.81 of the quarter, the LKj of the year before, the pack."""
    rows = tuple(
        (
            r.name,
            r.kecamatan.region_code,
            _pct(r.achievement),
            f"{r.indicators - r.no_data} dari {r.indicators}",
            _pct(r.absorption),
            formats.amount(r.spent),
            formats.amount(r.ceiling),
            r.e81.text if r.e81 else "-",
            _lkj_text(r),
            f"{r.pack_text}; {r.late_documents} terlambat",
            _data_date(r),
        )
        for r in cmp.rows
    )
    quarter = QUARTER_WORDS[cmp.quarter - 1]
    return TableSpec(
        key="Perbandingan",
        caption=f"Perbandingan Kecamatan s.d. {cmp.period}",
        header_rows=(
            (
                "Kecamatan",
                "Kode wilayah",
                "Capaian (%)",
                "Indikator berdata",
                "Serapan (%)",
                "Realisasi anggaran (Rp)",
                "Pagu (Rp)",
                f"Formulir E.81 TW {quarter}",
                f"LKj {cmp.year - 1}",
                "Paket dokumen ke kabupaten",
                "Data sampai",
            ),
        ),
        rows=rows,
        widths=(3.2, 1.9, 1.8, 1.8, 1.7, 2.6, 2.6, 3.2, 3.2, 3.4, 2.4),
        align="LCRCRRRLLLC",
        numeric=frozenset({2, 4, 5, 6}),
        size=7.5,
        long=True,
        notes=(
            "Capaian dan serapan seperti dasbor Camat kecamatan itu; status E.81, LKj dan paket dari daftar paket "
            "dokumen kecamatan. 'Data sampai': perubahan terakhir dalam cadangan yang diimpor.",
        ),
    )


def objectives_table(cmp: Comparison) -> TableSpec:
    """Capaian per sasaran: each kecamatan a heading row over its sasaran."""
    rows: list[tuple[str, ...]] = []
    groups = set()
    for r in cmp.rows:
        groups.add(len(rows))
        rows.append(("", f"{r.name} ({r.kecamatan.region_code})", "", ""))
        rows += [(o.code, o.statement, _pct(o.achievement), o.band or "-") for o in r.objectives]
    return TableSpec(
        key="Capaian per sasaran",
        caption=f"Capaian Kinerja per Sasaran s.d. {cmp.period}",
        header_rows=(("Kode", "Sasaran", "Capaian (%)", "Kategori"),),
        rows=tuple(rows),
        widths=(1.6, None, 2.6, 2.8),
        align="CLRC",
        numeric=frozenset({2}),
        group_rows=frozenset(groups),
        long=True,
    )


def lke_table(cmp: Comparison) -> TableSpec:
    """The LKE self-assessment score of each kecamatan that has one for the year."""
    rows = tuple((r.name, r.kecamatan.region_code, r.lke or "belum ada") for r in cmp.rows)
    return TableSpec(
        key="LKE",
        caption=f"Penilaian Mandiri SAKIP (LKE) Tahun {cmp.year}",
        header_rows=(("Kecamatan", "Kode wilayah", "Nilai LKE"),),
        rows=rows,
        widths=(5.0, 2.4, None),
        align="LCL",
    )


def tables(cmp: Comparison) -> list[TableSpec]:
    """Every table of the summary, in order (the LKE only when a kecamatan has one)."""
    found = [ranking_table(cmp), comparison_table(cmp), objectives_table(cmp)]
    return [*found, lke_table(cmp)] if cmp.has_lke else found


def regency_profile(cmp: Comparison) -> OfficeProfile:
    """The kabupaten as a document's owner ('Kabupaten Contoh' of the kecamatan loaded)."""
    regency = cmp.rows[0].kecamatan.regency if cmp.rows else "Kabupaten"
    kind, _, name = regency.partition(" ")
    return OfficeProfile(regency_kind=kind or "Kabupaten", regency_name=name, name="")


def write_xlsx(cmp: Comparison, path: Path) -> None:
    """The comparison as a workbook: one sheet per table."""
    subtitle = f"{regency_profile(cmp).regency_title} · {cmp.period} · dibuat {formats.long_date(cmp.today)}"
    sheets = [sheet_table(spec, subtitle, page_width_cm=26.0) for spec in tables(cmp)]
    write_atomically(path, workbook_bytes(sheets))


def _story(cmp: Comparison, setup: DocSetup) -> list[Flowable]:
    st = styles(10)
    width = frame_width(setup, "landscape")
    regency = regency_profile(cmp).regency_title.upper()
    story: list[Flowable] = title_block(
        [
            "RINGKASAN KINERJA KECAMATAN",
            regency,
            f"TRIWULAN {QUARTER_WORDS[cmp.quarter - 1]} TAHUN {cmp.year}",
        ],
        st,
    )
    story.append(
        para(
            f"Disusun dari data {len(cmp.rows)} kecamatan yang cadangannya telah diimpor ke basis data kabupaten, "
            f"keadaan {formats.long_date(cmp.today)}. Setiap angka sama dengan yang ditampilkan program SAKIP Desktop "
            "di kecamatan itu sendiri.",
            st.justify,
        )
    )
    story.append(Spacer(1, 0.3 * cm))
    bars = [(line.figures.name, line.figures.achievement, line.figures.band_colour) for line in cmp.ranking]
    story.append(achievement_bars(bars, width, title=f"Capaian kinerja s.d. {cmp.period} (%)"))
    for spec in tables(cmp):
        story += pdf_table(spec, width)
    return story


def summary_setup(cmp: Comparison, logo: bytes | None) -> DocSetup:
    """The page of the summary: A4 landscape, the kabupaten's lambang daerah (as every kecamatan's kop has it)."""
    return DocSetup(profile=regency_profile(cmp), logo=logo, paper="A4", margins=Margins.from_cm(2.0, 2.0, 2.0, 2.0))


def write_pdf(cmp: Comparison, setup: DocSetup, path: Path) -> int:
    """The printed summary for the Bupati (landscape); returns the page count."""
    note = f"Ringkasan kinerja kecamatan {cmp.period} · dicetak {dt.date.today():%d-%m-%Y}"
    return build_pdf(
        setup,
        _story(cmp, setup),
        path,
        title=f"Ringkasan Kinerja Kecamatan {cmp.period}",
        orientation="landscape",
        kop="none",
        footer_note=note,
    )
