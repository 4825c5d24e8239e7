"""The LKj's sections and the draft text of each, assembled from the year's data and the Kasi's narratives.

Pure functions of `LkjData` (no database). A draft pre-fills a section the office has not written yet.
Text conventions the printers understand: paragraphs are separated by a blank line; a line starting
with "- " is a bullet item.

A draft holds only report text. What the office still has to supply (a gap in the data, an instruction to the
writer) goes in the section's `notes`, which the LKj editor shows highlighted and which are never printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip_desktop.domain.formats import percent, rupiah
from sakip_desktop.ops.lkj.data import IndicatorResult, LkjData, SasaranResult

ANALYSES = (
    "Perbandingan target dan realisasi kinerja tahun ini",
    "Perbandingan realisasi dan capaian dengan tahun-tahun sebelumnya",
    "Perbandingan realisasi dengan target jangka menengah (Renstra)",
    "Perbandingan dengan standar nasional (jika ada)",
    "Analisis penyebab keberhasilan/kegagalan dan alternatif solusi",
    "Analisis efisiensi penggunaan sumber daya",
    "Program/kegiatan yang menunjang keberhasilan atau kegagalan",
)


@dataclass(frozen=True)
class SectionDef:
    """A section of the LKj: its key (stored with the year), where it sits, its title and its draft."""

    key: str
    chapter: str  # "Pendahuluan", "Bab I", ... as the editor groups them
    title: str
    draft: str
    notes: tuple[str, ...] = ()  # what is still missing or to be written: shown in the editor, never printed


def pct(value: Decimal | None) -> str:
    """'87,50%' or 'belum dapat diukur'."""
    return percent(value, missing="belum dapat diukur")


def _join(parts: Sequence[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _unit(i: IndicatorResult) -> str:
    """The satuan after a value: '%' joined, a word after a space, nothing when empty."""
    return "%" if i.unit == "%" else (f" {i.unit}" if i.unit else "")


def _indicator_line(i: IndicatorResult, year: int) -> str:
    unit = _unit(i)
    return (
        f"{i.name}: target {i.target_text}{unit}, realisasi {i.show(i.actual)}{unit}, "
        f"capaian {pct(i.achievement)}" + (f" ({i.band_label})" if i.band_label else "")
    )


def _clause(text: str) -> str:
    """A sentence the Kasi wrote, as a clause inside a '; '-joined line (its closing full stop dropped)."""
    return text.strip().rstrip(".").rstrip()


def _covered(data: LkjData) -> str:
    """What the rata-rata counts: 'Rata-rata capaian kinerja seluruh sasaran' only when every indicator has data for
    the whole year, else how many sasaran and indicators it covers and to which quarter."""
    sasaran = sum(1 for s in data.sasaran if s.achievement is not None)
    rated = len(data.indicators) - data.measure.excluded
    period = "" if data.measure.final else f" {data.measure.period.removesuffix(f' {data.year}')}"
    if data.measure.final and sasaran == len(data.sasaran) and not data.measure.excluded:
        return "Rata-rata capaian kinerja seluruh sasaran"
    return f"Rata-rata capaian kinerja{period} atas {sasaran} sasaran dengan {rated} indikator yang sudah ada datanya"


def _incomplete_note(data: LkjData) -> str:
    missing = data.incomplete
    if not missing:
        return ""
    # Named, not coded: the reader of the LKj does not know the office's internal indicator codes.
    if len(missing) == len(data.indicators):
        which = f"seluruh {len(missing)} indikator"
    elif len(missing) <= 3:
        which = "indikator " + ", ".join(i.name for i in missing)
    else:
        which = f"{len(missing)} dari {len(data.indicators)} indikator"
    return (
        f"Realisasi {which} belum lengkap atau belum disetujui Camat untuk seluruh triwulan tahun {data.year}; "
        "angka yang dicetak adalah realisasi yang tercatat saat ini."
    )


def _front(data: LkjData) -> list[SectionDef]:
    o = data.office
    year = data.year
    n_ind = len(data.indicators)
    total = data.budget.total
    kata = _join(
        [
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan karunia-Nya "
            f"Laporan Kinerja {o.office_title} Tahun {year} dapat diselesaikan.",
            "Laporan Kinerja ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
            f"{o.office_title} dalam mencapai sasaran strategis yang telah ditetapkan dalam Perjanjian Kinerja "
            f"Tahun {year}, sesuai Peraturan Pemerintah Nomor 8 Tahun 2006, Peraturan Presiden Nomor 29 Tahun "
            "2014 dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.",
            "Kami menyadari laporan ini masih memiliki kekurangan. Saran dan masukan sangat kami harapkan untuk "
            "perbaikan kinerja di masa mendatang. Kepada semua pihak yang telah membantu penyusunan laporan ini "
            "kami sampaikan terima kasih.",
        ]
    )
    per_sasaran = [f"{s.label}: capaian {pct(s.achievement)} ({s.band_label or '-'})" for s in data.sasaran]
    ikhtisar = _join(
        [
            f"Pada Tahun {year} {o.office_title} menetapkan {len(data.sasaran)} sasaran strategis yang diukur "
            f"dengan {n_ind} indikator kinerja. {_covered(data)} adalah "
            f"{pct(data.achievement)} dengan kategori {data.band_label or '-'}.",
            "Capaian per sasaran strategis:\n" + _bullets(per_sasaran),
            f"Untuk mencapai kinerja tersebut tersedia anggaran {rupiah(total.ceiling)} dengan realisasi "
            f"{rupiah(total.spent_to_date)} atau {pct(total.absorption)}.",
        ]
    )
    gap = _incomplete_note(data)
    return [
        SectionDef("kata_pengantar", "Pendahuluan", "Kata Pengantar", kata),
        SectionDef("ikhtisar", "Pendahuluan", "Ikhtisar Eksekutif", ikhtisar, (gap,) if gap else ()),
    ]


def _bab1(data: LkjData) -> list[SectionDef]:
    o = data.office
    latar = _join(
        [
            f"{o.office_title} merupakan perangkat daerah {o.regency_title} yang dipimpin oleh Camat dan "
            "berkedudukan di bawah serta bertanggung jawab kepada Bupati melalui Sekretaris Daerah "
            "(Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan).",
            "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah, setiap entitas akuntabilitas kinerja menyusun Laporan Kinerja tahunan yang "
            "menyajikan capaian kinerja atas Perjanjian Kinerja yang telah ditetapkan.",
        ]
    )
    tugas = _join(
        [
            "Camat mempunyai tugas menyelenggarakan urusan pemerintahan umum, mengoordinasikan kegiatan "
            "pemberdayaan masyarakat, ketenteraman dan ketertiban umum, penerapan dan penegakan Perda dan Perkada, "
            "pemeliharaan prasarana dan sarana pelayanan umum, penyelenggaraan kegiatan pemerintahan di tingkat "
            "Kecamatan, serta membina dan mengawasi penyelenggaraan pemerintahan Desa/Kelurahan.",
            "Rincian tugas dan fungsi ditetapkan dalam Peraturan Bupati tentang kedudukan, susunan organisasi, "
            "tugas dan fungsi serta tata kerja Kecamatan.",
        ]
    )
    units = [f"{u.name} ({u.people_count} orang)" for u in data.units]
    struktur = _join(
        [
            f"Susunan organisasi {o.office_title} terdiri atas:",
            _bullets(units),
            f"Jumlah pegawai seluruhnya {sum(u.people_count for u in data.units)} orang.",
        ]
    )
    weak = [s for s in data.sasaran if s.achievement is not None and s.achievement < Decimal(91)]
    issues = []
    for s in weak:
        inhibiting = [c.inhibiting for i in s.indicators for c in i.causes if c.inhibiting]
        issues.append(f"{s.label} (capaian {pct(s.achievement)})" + (f": {inhibiting[-1]}" if inhibiting else ""))
    isu = _join(
        [
            "Permasalahan utama yang dihadapi organisasi pada tahun ini:",
            _bullets(issues) if issues else "- (tuliskan isu strategis organisasi)",
        ]
    )
    return [
        SectionDef("bab1.latar_belakang", "Bab I", "1.1 Latar Belakang", latar),
        SectionDef("bab1.tugas_fungsi", "Bab I", "1.2 Tugas dan Fungsi", tugas),
        SectionDef("bab1.struktur", "Bab I", "1.3 Struktur Organisasi", struktur),
        SectionDef("bab1.isu_strategis", "Bab I", "1.4 Isu Strategis", isu),
    ]


def _bab2(data: LkjData) -> list[SectionDef]:
    p = data.plan
    parts = []
    if p is not None:
        parts.append(f'{p.name} menetapkan visi: "{p.vision}".')
        if p.missions:
            parts.append("Misi:\n" + _bullets(p.missions))
        if p.goals:
            parts.append("Tujuan:\n" + _bullets([f"{c} {t}" for c, t in p.goals]))
    parts.append(
        f"Perjanjian Kinerja Tahun {data.year} memuat {len(data.pk.targets)} indikator kinerja dari "
        f"{len(data.sasaran)} sasaran strategis dengan anggaran {rupiah(data.pk.total)}. Ringkasan di bawah ini "
        f"disusun dari {data.pk.source}."
    )
    return [SectionDef("bab2.perencanaan", "Bab II", "Perencanaan Kinerja", _join(parts))]


Drafted = tuple[str, tuple[str, ...]]  # a section's report text and its notes for the editor


def _history_text(s: SasaranResult, data: LkjData) -> Drafted:
    lines, gaps = [], []
    for i in s.indicators:
        points = [f"{p.year}: {i.show(p.actual)} (capaian {pct(p.achievement)})" for p in i.history]
        if points:
            lines.append(f"{i.name}: " + "; ".join(points) + f"; {data.year}: {i.show(i.actual)}.")
            continue
        gaps.append(f"{i.name}: realisasi tahun-tahun sebelumnya belum diisi.")
        if i.baseline is not None:
            lines.append(
                f"{i.name}: kondisi awal Renstra {i.show(i.baseline)}, realisasi {data.year} {i.show(i.actual)}."
            )
    return _bullets(lines), tuple(gaps)


def _analyses(s: SasaranResult, data: LkjData) -> list[Drafted]:
    year = data.year
    a1 = _join(
        [
            f"Sasaran {s.label} diukur dengan {len(s.indicators)} indikator. Rata-rata capaian sasaran ini pada "
            f"Tahun {year} adalah {pct(s.achievement)} dengan kategori {s.band_label or '-'}.",
            _bullets([_indicator_line(i, year) for i in s.indicators]),
        ]
    )
    a2 = _history_text(s, data)
    renstra = []
    for i in s.indicators:
        if i.renstra_final_target is None:
            renstra.append(f"{i.name}: target akhir Renstra belum ditetapkan.")
        else:
            renstra.append(
                f"{i.name}: realisasi s.d. {year} {i.show(i.actual)} dibanding target akhir Renstra "
                f"({i.renstra_final_year}) {i.show(i.renstra_final_target)}, atau {pct(i.renstra_achievement)}."
            )
    a3 = _bullets(renstra)
    a4_note = (
        "Standar nasional/pembanding (standar pelayanan minimal, rata-rata kecamatan lain di kabupaten, capaian "
        "provinsi) diisi pada formulir indikator di Perencanaan; bila diisi, tabel perbandingannya dicetak di bagian "
        "ini, dan uraian dapat ditulis di sini. Indikator sasaran ini: "
        + "; ".join(f"{i.name} (realisasi {year} {i.show(i.actual)}{_unit(i)})" for i in s.indicators)
    )
    causes = []
    for i in s.indicators:
        for c in i.causes[-2:]:
            bits = [
                f"pendukung: {_clause(c.supporting)}" if c.supporting else "",
                f"penghambat: {_clause(c.inhibiting)}" if c.inhibiting else "",
                f"upaya: {_clause(c.follow_up)}" if c.follow_up else "",
            ]
            causes.append(f"{i.name} (TW {['I', 'II', 'III', 'IV'][c.quarter - 1]}) " + "; ".join(b for b in bits if b))
    a5_notes = () if causes else ("Belum ada uraian faktor pendukung/penghambat dari seksi penanggung jawab.",)
    b = s.budget
    if b is None:
        a6 = "Tidak ada program yang dihubungkan dengan sasaran ini, sehingga efisiensi tidak dapat dihitung."
    else:
        a6 = (
            f"Capaian kinerja sasaran {pct(b.achievement)} dicapai dengan penyerapan anggaran {pct(b.absorption_plan)} "
            f"({rupiah(b.spent_to_date)} dari rencana {rupiah(b.planned)}; pagu {rupiah(b.ceiling)}), sehingga "
            "tingkat efisiensi "
            f"{pct(b.efficiency)}. Nilai di atas 100% berarti capaian kinerja lebih tinggi dari penyerapan anggaran."
        )
    if s.programs:
        progs = [
            f"{p.code} {p.name.title()}: pagu {rupiah(p.ceiling)}, realisasi {rupiah(p.spent_to_date)} "
            f"({pct(p.absorption)})"
            + (f"; kegiatan: {'; '.join(s.activities[p.code])}" if s.activities[p.code] else "")
            for p in s.programs
        ]
        a7 = "Program yang menunjang sasaran ini:\n" + _bullets(progs)
    else:
        a7 = "Sasaran ini didukung oleh kegiatan rutin seksi tanpa program tersendiri."
    return [(a1, ()), a2, (a3, ()), ("", (a4_note,)), (_bullets(causes), a5_notes), (a6, ()), (a7, ())]


def _bab3(data: LkjData) -> list[SectionDef]:
    bands = ", ".join(
        f"{b.label} (≥ {percent(b.minimum)})" if b.minimum.is_finite() else b.label for b in data.scale.bands
    )
    out = [
        SectionDef(
            "bab3.pengukuran",
            "Bab III",
            "Pengukuran Kinerja",
            _join(
                [
                    "Capaian kinerja dihitung dengan membandingkan realisasi dengan target: untuk indikator positif "
                    "realisasi dibagi target dikali 100%, untuk indikator negatif (makin kecil makin baik) "
                    "(2 x target - realisasi) dibagi target dikali 100%.",
                    f"Kategori capaian: {bands}.",
                ]
            ),
        )
    ]
    for s in data.sasaran:
        for n, (text, notes) in enumerate(_analyses(s, data), start=1):
            key = sasaran_key(s.objective_id, n)
            out.append(SectionDef(key, f"Bab III {s.code}", f"{n}. {ANALYSES[n - 1]}", text, notes))
    t = data.budget.total
    lines = [
        f"{p.code} {p.name.title()}: pagu {rupiah(p.ceiling)}, realisasi {rupiah(p.spent_to_date)} "
        f"({pct(p.absorption)})"
        for p in data.budget.programs
    ]
    out.append(
        SectionDef(
            "bab3.anggaran",
            "Bab III",
            "B. Realisasi Anggaran",
            _join(
                [
                    f"Pagu anggaran {data.office.office_title} Tahun {data.year} sebesar {rupiah(t.ceiling)} dengan "
                    f"realisasi {rupiah(t.spent_to_date)} atau {pct(t.absorption)}. Rinciannya per program:",
                    _bullets(lines),
                ]
            ),
        )
    )
    return out


def _bab4(data: LkjData) -> list[SectionDef]:
    best = max(data.sasaran, key=lambda s: s.achievement or Decimal(0))
    worst = min(data.sasaran, key=lambda s: s.achievement or Decimal(0))
    simpulan = (
        f"Secara umum kinerja {data.office.office_title} Tahun {data.year} berada pada kategori "
        f"{data.band_label or '-'} dengan rata-rata capaian {pct(data.achievement)}. Capaian tertinggi pada "
        f"sasaran {best.label} ({pct(best.achievement)}) dan terendah pada sasaran {worst.label} "
        f"({pct(worst.achievement)})."
    )
    steps = []
    for i in data.indicators:
        if i.causes and i.causes[-1].follow_up and (i.achievement is None or i.achievement < Decimal(100)):
            steps.append(i.causes[-1].follow_up)
    langkah = (
        _join(["Langkah yang akan dilakukan untuk meningkatkan kinerja di masa mendatang:", _bullets(steps)])
        if steps
        else ""
    )
    return [
        SectionDef("bab4.simpulan", "Bab IV", "4.1 Simpulan", simpulan),
        SectionDef(
            "bab4.langkah", "Bab IV", "4.2 Langkah ke Depan", langkah, () if steps else ("Tuliskan langkah perbaikan.",)
        ),
    ]


def sasaran_key(objective_id: int, analysis: int) -> str:
    """The key of a sasaran's analysis narrative, e.g. 'bab3.s12.a5'."""
    return f"bab3.s{objective_id}.a{analysis}"


DRAFTERS: tuple[Callable[[LkjData], list[SectionDef]], ...] = (_front, _bab1, _bab2, _bab3, _bab4)


def section_defs(data: LkjData) -> list[SectionDef]:
    """Every section of the year's LKj in print order, each with its draft."""
    return [d for drafter in DRAFTERS for d in drafter(data)]
