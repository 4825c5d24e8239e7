"""Every rule that proposes an LKE answer from the office's records, in one table (`RULES`).

Each rule serves one criterion of the PermenPAN-RB 88/2021 template (by its code, so a kabupaten template that
keeps the codes gets the proposals too), reads only `Facts`, and returns the proposed answer, the reason in words
the office can check, and what would raise it (`Proposal`). A rule that finds nothing to count proposes nothing and
says what is missing. Shares become answers by one ladder (`proposal.ladder`: 100% AA … none E); a Y/T criterion
is Y only when the whole condition holds. Rules that only count a share are written in the table itself.
"""

from __future__ import annotations

import datetime as dt

from sakip_desktop.domain.formats import long_date, number
from sakip_desktop.ops.lke.facts import Facts, Part
from sakip_desktop.ops.lke.proposal import (
    NOTHING,
    Proposal,
    Rule,
    all_rule,
    ladder,
    share_answer,
    share_rule,
    yes_no,
)

_NO_IND, _NO_LKJ, _NO_REAL = "Belum ada indikator.", "Belum ada indikator dalam LKj.", "Belum ada realisasi."
_NO_TW = "Belum ada triwulan yang berakhir."


def renstra(f: Facts) -> Proposal:
    """1.a.2: a Renstra covers the year."""
    reason = f"Renstra yang berlaku tahun {f.year}: {f.plan}." if f.plan else f"Tidak ada Renstra tahun {f.year}."
    return yes_no(bool(f.plan), reason, "Catat Renstra di menu Perencanaan.")


def pk_final(f: Facts) -> Proposal:
    """1.a.6: the office PK of the year is final (signed)."""
    when = f"ditandatangani {long_date(f.office_pk_signed_on)}" if f.office_pk_signed_on else "belum ditetapkan"
    return yes_no(
        f.office_pk_signed_on is not None,
        f"PK kantor tahun {f.year} {when}.",
        "Tetapkan dan tandatangani PK Camat tahun ini.",
    )


def one_month_after(day: dt.date) -> dt.date:
    """The same day a month later (the month's last day when it has no such day)."""
    year, month = day.year + (day.month == 12), day.month % 12 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def pk_on_time(f: Facts) -> Proposal:
    """1.a.7: the PK was signed at most one month after the DPA was approved (regulations.md §2.1)."""
    change = "PK ditandatangani paling lama satu bulan setelah DPA disahkan."
    if f.dpa_date is None:
        return Proposal(NOTHING, "Tanggal pengesahan DPA belum diisi pada penilaian ini.", "Isi tanggal DPA.")
    if f.office_pk_signed_on is None:
        return Proposal("T", f"PK kantor tahun {f.year} belum ditandatangani.", change)
    limit = one_month_after(f.dpa_date)
    days = (f.office_pk_signed_on - f.dpa_date).days
    return yes_no(
        f.office_pk_signed_on <= limit,
        f"PK ditandatangani {long_date(f.office_pk_signed_on)}, {days} hari "
        f"setelah DPA disahkan {long_date(f.dpa_date)} (batas {long_date(limit)}).",
        change,
    )


def iku_set(f: Facts) -> Proposal:
    """1.a.9: the office has IKU."""
    return yes_no(
        f.iku_count > 0,
        f"Indikator yang ditandai IKU: {f.iku_count} dari {f.indicators}.",
        "Tandai indikator kinerja utama (IKU) di Perencanaan.",
    )


def achieved(f: Facts) -> Proposal:
    """1.c.3: the year's targets are met or on track (the office's mean capaian)."""
    if f.achievement is None:
        return Proposal(NOTHING, "Belum ada capaian kinerja tahun ini.", "Isi dan setujui realisasi.")
    answer = ladder(f.achievement)
    return Proposal(
        answer,
        f"Rata-rata capaian kinerja tahun {f.year}: {number(f.achievement, 2)}%.",
        "" if answer == "AA" else "Naikkan capaian indikator yang di bawah target.",
    )


def pk_revised(f: Facts) -> Proposal:
    """1.c.5: PK Perubahan made on a lawful ground, with its reason."""
    if not f.pk_revisions:
        return Proposal(NOTHING, f"Tidak ada PK Perubahan tahun {f.year}; nilai menurut penilaian sendiri.")
    return Proposal(
        "A",
        f"{len(f.pk_revisions)} PK Perubahan dengan alasan tercatat: {f.pk_revisions[0]}",
        "Lampirkan notulen analisis yang mendasari perubahan.",
    )


def _active(names: tuple[str, ...], what: str, change: str) -> Proposal:
    found = f"{what} yang aktif: {'; '.join(names)}." if names else f"Tidak ada {what} yang aktif."
    return yes_no(bool(names), found, change)


def lkj_exists(f: Facts) -> Proposal:
    """3.a.1: the LKj of the year has been printed from the program."""
    return yes_no(
        f.lkj_printed,
        f"LKj tahun {f.year} {'sudah' if f.lkj_printed else 'belum'} dicetak dari program.",
        "Susun dan cetak LKj (menu LKj).",
    )


def lkj_signed(f: Facts) -> Proposal:
    """3.a.3: the LKj is marked signed by the Camat."""
    state = f"ditandatangani {long_date(f.lkj_signed_on)}" if f.lkj_signed_on else "belum ditandatangani"
    return yes_no(f.lkj_signed_on is not None, f"LKj tahun {f.year} {state}.", "Tandai LKj sudah ditandatangani.")


def lkj_published(f: Facts) -> Proposal:
    """3.a.5: the LKj uploaded by its deadline (the submission pack)."""
    if f.lkj_published is None:
        return Proposal(
            NOTHING,
            "Batas waktu unggah LKj belum tiba dan LKj belum tercatat diunggah.",
            "Catat tanggal unggah LKj di Paket Kabupaten.",
        )
    reason = "LKj tercatat diunggah tepat waktu." if f.lkj_published else "LKj tidak diunggah sampai batas waktunya."
    return yes_no(f.lkj_published, reason, "Unggah LKj paling lambat 28 Februari.")


def team(f: Facts) -> Proposal:
    """4.a.2: the Tim SAKIP is set by a decree (its number in the settings)."""
    decree = f.team_decree.strip()
    return yes_no(
        bool(decree),
        f"Keputusan Camat tentang Tim SAKIP: {decree}." if decree else "Nomor Keputusan Tim SAKIP belum diisi.",
        "Isi nomor keputusan Tim SAKIP.",
    )


def evaluated(f: Facts) -> Proposal:
    """4.a.3: internal evaluation held and recorded in a berita acara."""
    return yes_no(
        f.meetings_final > 0,
        f"Rapat evaluasi berberita acara final tahun {f.year}: {f.meetings_final}.",
        "Adakan rapat evaluasi dan finalkan berita acaranya.",
    )


def self_assessed(f: Facts) -> Proposal:
    """4.a.4: the self-assessment is being done (this LKE)."""
    return Proposal("Y", f"Penilaian mandiri LKE tahun {f.year} diisi di SAKIP Desktop.")


def deep(f: Facts) -> Proposal:
    """4.b.3: the berita acara discuss the indicators one by one."""
    part = Part(min(f.meeting_discussions, f.indicators), f.indicators if f.meetings_final else 0)
    return share_answer(
        part,
        "Indikator yang dibahas dalam berita acara rapat evaluasi",
        "Bahas setiap indikator dalam rapat evaluasi.",
        "Belum ada rapat evaluasi final.",
    )


def improving(f: Facts) -> Proposal:
    """4.c.3: the AKIP score of the Inspektorat rose between the last two LHE."""
    if len(f.lhe_scores) < 2:
        return Proposal(NOTHING, "Belum ada dua LHE Inspektorat untuk dibandingkan.", "Catat LHE tahun-tahun lalu.")
    (y1, s1), (y2, s2) = f.lhe_scores[-2:]
    answer = "A" if s2 > s1 else ("C" if s2 == s1 else "D")
    return Proposal(
        answer,
        f"Nilai AKIP {y1}: {number(s1, 2)}; {y2}: {number(s2, 2)}.",
        "" if s2 > s1 else "Tindak lanjuti rekomendasi LHE agar nilai naik.",
    )


def _sop_time(f: Facts, kind: str) -> Part:
    sops = f.reporting_sops if kind == "lapor" else f.evaluating_sops
    return Part(sops.visits - sops.over_standard, sops.visits)


_R = Rule
# fmt: off
RULES: tuple[Rule, ...] = (
    # Perencanaan
    _R("renstra", "1.a.2", "Renstra berlaku", renstra),
    _R("rencana-aksi", "1.a.4", "Rencana aksi dengan target triwulan", all_rule(
        lambda f: f.quarter_targets, "Indikator dengan target triwulan I–IV", "Isi target triwulan setiap indikator.")),
    _R("pk-ditetapkan", "1.a.6", "PK ditetapkan", pk_final),
    _R("pk-tepat-waktu", "1.a.7", "PK paling lama sebulan setelah DPA", pk_on_time),
    _R("publikasi-perencanaan", "1.a.8", "Dokumen perencanaan diunggah tepat waktu", all_rule(
        lambda f: f.published, "PK, IKU dan Rencana Aksi yang tercatat diunggah tepat waktu di Paket Kabupaten",
        "Unggah PK, IKU dan Rencana Aksi sebelum batas waktunya dan catat di Paket Kabupaten.")),
    _R("iku-ada", "1.a.9", "IKU ditetapkan", iku_set),
    _R("iku-smart", "1.b.2", "IKU dengan definisi operasional", share_rule(
        lambda f: f.iku, "IKU dengan definisi operasional, formula dan sumber data terisi",
        "Lengkapi definisi, formula dan sumber data setiap IKU.", "Belum ada IKU.")),
    _R("target", "1.b.3", "Target tahunan dan Renstra", share_rule(
        lambda f: Part(min(f.yearly_targets.have, f.renstra_targets.have), f.indicators),
        "Indikator dengan target tahunan dan target Renstra tahun ini",
        "Isi target tahunan dan target Renstra setiap indikator.", _NO_IND)),
    _R("target-triwulan", "1.b.6", "Target triwulan", share_rule(
        lambda f: f.quarter_targets, "Indikator dengan target triwulan I–IV",
        "Isi target triwulan setiap indikator.", _NO_IND)),
    _R("anggaran-sasaran", "1.b.7", "Anggaran per sasaran", share_rule(
        lambda f: f.lkj_efficiency, "Sasaran yang memiliki program dan anggaran",
        "Kaitkan program/sub kegiatan dengan sasaran melalui PK unit.", "Belum ada sasaran.")),
    _R("capaian", "1.c.3", "Capaian kinerja", achieved),
    _R("telaah", "1.c.4", "Telaah capaian per triwulan", share_rule(
        lambda f: f.reviews, "Triwulan yang berakhir dengan telaah Tim SAKIP",
        "Tulis telaah capaian setiap triwulan (Pemantauan).", _NO_TW)),
    _R("pk-perubahan", "1.c.5", "PK Perubahan beralasan", pk_revised),
    _R("pk-unit", "1.c.7", "PK setiap unit", share_rule(
        lambda f: f.unit_pks, "Unit kerja (Sekretariat, Subbagian, Seksi) dengan PK yang ditetapkan",
        "Susun dan tetapkan PK setiap Sekretariat, Subbagian dan Seksi.", "Belum ada unit kerja.")),
    # Pengukuran
    _R("sop-pengumpulan", "2.a.1", "SOP pengumpulan data aktif", lambda f: _active(
        f.collecting_sops.active, "SOP pengumpulan data kinerja", "Adopsi atau aktifkan SOP pengumpulan data.")),
    _R("definisi-iku", "2.a.2", "Definisi operasional IKU", all_rule(
        lambda f: f.iku, "IKU dengan definisi operasional, formula dan sumber data",
        "Lengkapi definisi operasional setiap IKU.")),
    _R("verifikasi", "2.a.3", "Verifikasi sebelum persetujuan", all_rule(
        lambda f: f.verified_checks, "Realisasi disetujui yang memiliki daftar periksa verifikasi Sekretaris",
        "Verifikasi setiap realisasi sebelum disetujui Camat.")),
    _R("pengukuran-berkala", "2.a.4", "Realisasi setiap triwulan", all_rule(
        lambda f: f.entered, "Realisasi triwulan yang berakhir yang sudah diisi",
        "Isi realisasi setiap indikator setiap triwulan.")),
    _R("persetujuan", "2.a.5", "Realisasi disetujui Camat", all_rule(
        lambda f: f.approved, "Realisasi triwulan yang sudah disetujui Camat",
        "Selesaikan verifikasi dan persetujuan realisasi triwulan.")),
    _R("sop-pelaporan-tepat-waktu", "2.b.1", "Laporan dalam standar waktu SOP", share_rule(
        lambda f: _sop_time(f, "lapor"), "Langkah SOP pengukuran/pelaporan yang selesai dalam standar waktu",
        "Selesaikan langkah SOP pelaporan dalam standar waktunya.", "Belum ada pelaksanaan SOP pelaporan.")),
    _R("bukti-dukung", "2.b.3", "Bukti dukung realisasi", share_rule(
        lambda f: f.with_evidence, "Realisasi dengan bukti dukung", "Unggah bukti dukung setiap realisasi.",
        _NO_REAL)),
    _R("berjenjang", "2.b.4", "Pengukuran berjenjang", share_rule(
        lambda f: f.approved, "Realisasi yang sudah melalui verifikasi dan persetujuan berjenjang",
        "Selesaikan verifikasi dan persetujuan realisasi.", _NO_REAL)),
    _R("pengumpulan-berkala", "2.b.5", "SOP pengumpulan data setiap triwulan", share_rule(
        lambda f: f.collecting_runs, "Triwulan yang berakhir dengan pelaksanaan SOP pengumpulan data yang selesai",
        "Jalankan SOP pengumpulan data setiap triwulan.", _NO_TW)),
    _R("aplikasi", "2.b.6", "Pengukuran dengan aplikasi", share_rule(
        lambda f: f.entered, "Realisasi triwulan yang dicatat dan diukur dalam SAKIP Desktop",
        "Catat seluruh realisasi di SAKIP Desktop.", _NO_TW)),
    _R("analisis-faktor", "2.c.4", "Faktor pendukung/penghambat", share_rule(
        lambda f: f.with_narrative, "Realisasi dengan analisis faktor pendukung/penghambat",
        "Isi faktor pendukung, penghambat dan upaya pada setiap realisasi.", _NO_REAL)),
    _R("berita-acara", "2.c.5", "Berita acara setiap triwulan", share_rule(
        lambda f: f.meetings, "Triwulan yang berakhir dengan berita acara rapat evaluasi final",
        "Adakan rapat evaluasi setiap triwulan dan finalkan berita acaranya.", _NO_TW)),
    _R("tindak-lanjut", "2.c.6", "Tindak lanjut tepat waktu", share_rule(
        lambda f: f.follow_ups, "Tindak lanjut yang jatuh tempo dan selesai tepat waktu",
        "Selesaikan tindak lanjut sebelum batas waktunya.", "Belum ada tindak lanjut yang jatuh tempo tahun ini.")),
    _R("rekomendasi-diputuskan", "2.c.7", "Rekomendasi diputuskan", share_rule(
        lambda f: f.recommendations_decided, "Rekomendasi pemantauan yang sudah diputuskan Camat",
        "Putuskan (terima/tolak) setiap rekomendasi.", "Belum ada rekomendasi tahun ini.")),
    _R("unit-mengukur", "2.c.8", "Unit mengisi realisasinya", share_rule(
        lambda f: f.units_entering, "Unit penanggung jawab indikator yang mengisi realisasinya sendiri",
        "Realisasi diisi oleh pegawai unit penanggung jawabnya.", "Belum ada indikator dengan unit.")),
    # Pelaporan
    _R("lkj-ada", "3.a.1", "LKj tahun yang dinilai", lkj_exists),
    _R("laporan-triwulan", "3.a.2", "Laporan Kinerja Triwulan", all_rule(
        lambda f: f.triwulan_printed, "Triwulan yang berakhir dengan Laporan Kinerja Triwulan tercetak",
        "Cetak Laporan Kinerja Triwulan setiap triwulan (Dokumen).")),
    _R("lkj-ditandatangani", "3.a.3", "LKj ditandatangani", lkj_signed),
    _R("lkj-diunggah", "3.a.5", "LKj diunggah tepat waktu", lkj_published),
    _R("e81", "3.a.6", "Formulir E.81 setiap triwulan", all_rule(
        lambda f: f.e81_printed, "Triwulan yang berakhir dengan Formulir E.81 tercetak",
        "Cetak Formulir E.81 setiap triwulan.")),
    _R("lkj-target-realisasi", "3.b.1", "LKj: target dan realisasi", share_rule(
        lambda f: f.lkj_target_actual, "Indikator LKj dengan target dan realisasi",
        "Isi target dan realisasi setiap indikator.", _NO_LKJ)),
    _R("lkj-renstra", "3.b.2", "LKj: terhadap target Renstra", share_rule(
        lambda f: f.lkj_renstra, "Indikator LKj dengan perbandingan terhadap target akhir Renstra",
        "Isi target Renstra tahun akhir setiap indikator.", _NO_LKJ)),
    _R("lkj-tahun-lalu", "3.b.3", "LKj: terhadap tahun-tahun lalu", share_rule(
        lambda f: f.lkj_history, "Indikator LKj dengan realisasi tahun-tahun sebelumnya",
        "Catat realisasi tahun-tahun sebelumnya.", _NO_LKJ)),
    _R("lkj-pembanding", "3.b.4", "LKj: standar nasional/pembanding", share_rule(
        lambda f: f.benchmarks, "Indikator dengan standar nasional/pembanding",
        "Isi kolom standar nasional/pembanding indikator.", _NO_IND)),
    _R("lkj-penyebab", "3.b.5", "LKj: analisis penyebab", share_rule(
        lambda f: f.lkj_causes, "Indikator LKj dengan analisis penyebab",
        "Isi faktor pendukung/penghambat realisasi.", _NO_LKJ)),
    _R("lkj-efisiensi", "3.b.6", "LKj: efisiensi anggaran", share_rule(
        lambda f: f.lkj_efficiency, "Sasaran LKj dengan analisis efisiensi anggaran",
        "Kaitkan anggaran dengan setiap sasaran.", "Belum ada sasaran dalam LKj.")),
    # Evaluasi internal
    _R("tim-sakip", "4.a.2", "SK Tim SAKIP", team),
    _R("evaluasi-internal", "4.a.3", "Evaluasi internal berberita acara", evaluated),
    _R("penilaian-mandiri", "4.a.4", "Penilaian mandiri LKE", self_assessed),
    _R("sop-evaluasi", "4.a.5", "SOP evaluasi aktif", lambda f: _active(
        f.evaluating_sops.active, "SOP evaluasi/pemantauan", "Adopsi SOP evaluasi kinerja.")),
    _R("evaluasi-berkala", "4.b.1", "Telaah setiap triwulan", share_rule(
        lambda f: f.reviews, "Triwulan yang berakhir dengan telaah capaian",
        "Tulis telaah capaian setiap triwulan.", _NO_TW)),
    _R("pendalaman", "4.b.3", "Pembahasan per indikator", deep),
    _R("sop-evaluasi-tepat-waktu", "4.b.5", "Evaluasi dalam standar waktu SOP", share_rule(
        lambda f: _sop_time(f, "evaluasi"), "Langkah SOP evaluasi/pemantauan yang selesai dalam standar waktu",
        "Selesaikan langkah SOP evaluasi dalam standar waktunya.", "Belum ada pelaksanaan SOP evaluasi.")),
    _R("rekomendasi-tuntas", "4.c.1", "Rekomendasi ditindaklanjuti", share_rule(
        lambda f: f.recommendations, "Rekomendasi yang diterima dan seluruh tindak lanjutnya selesai",
        "Selesaikan tindak lanjut rekomendasi.", "Belum ada rekomendasi yang diterima.")),
    _R("tl-lhe", "4.c.2", "Rekomendasi APIP (LHE) ditindaklanjuti", lambda f: share_answer(
        f.lhe_follow_up, f"Rekomendasi LHE atas tahun {f.year - 1} yang tuntas ditindaklanjuti tepat waktu",
        "Catat RATL setiap rekomendasi LHE dan selesaikan sebelum batas waktunya.",
        f"Belum ada LHE atas tahun {f.year - 1} dengan rekomendasi.")),
    _R("nilai-akip-naik", "4.c.3", "Nilai AKIP meningkat", improving),
)
# fmt: on
