"""The printed tables of each document kind as plain data (`catalog.SheetTable`), for the .xlsx export.

Each function reads the `Prepared.data` the PDF builder reads (the PK's `AgreementDetail`, the FPK's
`PengukuranDoc`, …) and lays out the same cells under the same headers; nothing is measured again.
The LKj's tables are in `lkj.tables`; the catalog (`documents.catalog.KINDS`) lists them by kind.
"""

from __future__ import annotations

from sakip_desktop.documents import pengukuran, triwulan
from sakip_desktop.documents.berita_acara import BeritaAcaraDoc
from sakip_desktop.documents.pengukuran import PengukuranDoc
from sakip_desktop.documents.pk import target_figure
from sakip_desktop.documents.request import Prepared, Row, SheetTable
from sakip_desktop.documents.triwulan import TriwulanDoc
from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import ROMAN, quarter_label
from sakip_desktop.ops.agreements.views import AgreementDetail

TW = ("TW I", "TW II", "TW III", "TW IV")


def period_text(year: int, quarter: int | None, through: int | None = None) -> str:
    """'Triwulan III Tahun 2025', 'Tahun 2025', or a year not yet final 'Tahun 2025 s.d. TW III (DRAF)'."""
    if quarter is None and through is not None:
        return f"Tahun {year} s.d. {TW[through - 1]} (DRAF)"
    return f"Tahun {year}" if quarter is None else f"Triwulan {ROMAN[quarter - 1]} Tahun {year}"


def pk_tables(prepared: Prepared) -> list[SheetTable]:
    """PK lampiran: table 1 (sasaran, indikator, target) and table 2 (program/sub kegiatan, anggaran)."""
    pk: AgreementDetail = prepared.data
    subtitle = f"{pk.title.title().replace('Pk ', 'PK ')} – {pk.scope}"
    rows: list[Row] = []
    previous = None
    for line in pk.targets:
        objective = f"{line.objective_code} {line.objective}" if line.objective != previous else None
        previous = line.objective
        indicator = line.indicator + (" (IKU)" if line.is_key else "")
        # As the PK prints it: the figure alone ('70', '92,50', a level's label), the satuan in its own column.
        satuan = "-" if line.qualitative or not line.satuan.strip() else line.satuan.strip()
        rows.append((str(line.no), objective, indicator, target_figure(line), satuan))
    label = "Program" if pk.unit_id is None else "Kegiatan / Sub Kegiatan"
    brows: list[Row] = [
        (str(b.no), f"{b.code} {b.name}".strip(), formats.rupiah_figure(b.amount), b.note or None) for b in pk.budget
    ]
    brows.append(("Jumlah", None, formats.rupiah_figure(pk.budget_total), None))
    return [
        SheetTable(
            "Tabel 1",
            "Tabel 1. Sasaran, Indikator Kinerja dan Target",
            subtitle,
            (("No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"),),
            tuple(rows),
            (6, 45, 55, 12, 12),
            numeric=frozenset({0, 3}),
        ),
        SheetTable(
            "Tabel 2",
            "Tabel 2. Program dan Anggaran",
            subtitle,
            (("No", label, "Anggaran (Rp)", "Keterangan"),),
            tuple(brows),
            (8, 70, 18, 18),
            numeric=frozenset({0, 2}),
            total_rows=1,
        ),
    ]


def pengukuran_tables(prepared: Prepared) -> list[SheetTable]:
    """FPK: A. capaian kinerja sasaran (with the mean) and B. realisasi anggaran program (with the Jumlah)."""
    doc: PengukuranDoc = prepared.data
    subtitle = f"{doc.office_title} – {period_text(doc.year, doc.quarter, doc.through)}"
    return [
        _pengukuran_capaian(doc, subtitle),
        _pengukuran_budget(doc, subtitle),
        *pengukuran.desa_sheets(doc, subtitle),
    ]


def _pengukuran_capaian(doc: PengukuranDoc, subtitle: str) -> SheetTable:
    return pengukuran.capaian_sheet(doc, subtitle)  # the PDF's table A as data (one row builder, `measure_rows`)


def _pengukuran_budget(doc: PengukuranDoc, subtitle: str) -> SheetTable:
    return pengukuran.budget_sheet(doc, subtitle)  # the PDF's table B as data


def triwulan_tables(prepared: Prepared) -> list[SheetTable]:
    """Laporan triwulan: A. capaian per indikator TW I–IV and B. realisasi anggaran per triwulan."""
    doc: TriwulanDoc = prepared.data
    subtitle = f"{doc.office_title} – {period_text(doc.year, doc.quarter)}"
    return [_triwulan_capaian(doc, subtitle), _triwulan_budget(doc, subtitle)]


def _triwulan_capaian(doc: TriwulanDoc, subtitle: str) -> SheetTable:
    return triwulan.capaian_sheet(doc, subtitle)  # the PDF's table A as data (one row builder, `measure_rows`)


def _triwulan_budget(doc: TriwulanDoc, subtitle: str) -> SheetTable:
    at = quarter_label(doc.quarter)
    bhead1: tuple[str, ...] = ("No", "Program", "Anggaran (Rp)", "Realisasi Anggaran (Rp)", "", "", "")
    bhead1 += (f"Jumlah s.d. {at} (Rp)", "Serapan (%)")
    bhead2 = ("", "", "", *TW, "", "")
    brows = [
        (b.no or None, b.program, b.ceiling, *(s or None for s in b.spent), b.to_date, b.absorption) for b in doc.budget
    ]
    if brows:  # as printed: the last line is the Jumlah, its label under No
        brows[-1] = ("Jumlah", None, *brows[-1][2:])
    bmerges = (*((0, c, 1, c) for c in (0, 1, 2, 7, 8)), (0, 3, 0, 6))
    return SheetTable(
        "B Realisasi Anggaran",
        "B. Realisasi Anggaran per Triwulan",
        subtitle,
        (bhead1, bhead2),
        tuple(brows),
        (6, 50, 17, 16, 16, 16, 16, 18, 11),
        numeric=frozenset({0, *range(2, 9)}),
        header_merges=bmerges,
        total_rows=1,
    )


def berita_acara_tables(prepared: Prepared) -> list[SheetTable]:
    """Berita acara: 3. pembahasan capaian, 5. tindak lanjut, and the lampiran daftar hadir."""
    doc: BeritaAcaraDoc = prepared.data
    held = f"{doc.weekday} {formats.long_date(doc.held_on)}"
    subtitle = f"{doc.office_title} – Rapat Evaluasi Kinerja {doc.period}, {held}"
    talks = tuple(
        (str(n), d.indicator, d.target, d.actual, d.capaian, d.discussion or "-")
        for n, d in enumerate(doc.discussions, start=1)
    )
    follow = tuple((str(n), f.action, f.responsible, f.due) for n, f in enumerate(doc.follow_ups, start=1))
    present = tuple(
        (str(n), p.name, p.title or "-", None, None if p.present else "Tidak hadir")
        for n, p in enumerate(doc.participants, start=1)
    )
    return [
        SheetTable(
            "3 Pembahasan",
            f"3. Pembahasan Capaian Kinerja (s.d. {doc.quarter_label})",
            subtitle,
            (("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Pembahasan"),),
            talks,
            (5, 45, 11, 11, 12, 60),
            numeric=frozenset({0, 2, 3, 4}),
        ),
        SheetTable(
            "5 Tindak Lanjut",
            "5. Tindak Lanjut",
            subtitle,
            (("No", "Tindak Lanjut", "Penanggung Jawab", "Batas Waktu"),),
            follow,
            (5, 60, 32, 20),
            numeric=frozenset({0}),
        ),
        SheetTable(
            "Daftar Hadir",
            f"Daftar Hadir Rapat Evaluasi Kinerja {doc.period}",
            subtitle,
            (("No", "Nama", "Jabatan / Instansi", "Tanda Tangan", "Keterangan"),),
            present,
            (5, 38, 42, 20, 14),
            numeric=frozenset({0}),
        ),
    ]
