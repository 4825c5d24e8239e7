"""Issue 16 §3: an LHE received, its three rekomendasi followed up through the tindak lanjut engine (RATL, PJ, batas
waktu, progress with bukti, closed) to a printed TL LHE matrix signed by the Camat; read from a real SQLite file and
the PDF's text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from sakip_desktop import cli
from sakip_desktop.demo.timeline import at, wib
from sakip_desktop.documents.catalog import DocRequest, generate
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.waiting_work import LHE_TOOL, waiting_work
from sakip_desktop.ops.lhe.edit import (
    LheInput,
    delete_lhe,
    delete_recommendation,
    review_matrix,
    save_lhe,
    save_recommendation,
)
from sakip_desktop.ops.lhe.reads import follow_up_share
from sakip_desktop.ops.lhe.views import lhe_detail, list_lhe
from sakip_desktop.ops.monitoring.follow_up_views import follow_ups_for, overdue_follow_ups
from sakip_desktop.ops.monitoring.follow_ups import (
    DONE,
    IN_PROGRESS,
    FollowUpInput,
    add_follow_up,
    add_follow_up_evidence,
    report_progress,
    update_follow_up,
)
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 20)  # outside the demo's Plh. Camat days
LETTER = dt.date(2025, 6, 2)
RECS = (
    "Menyelaraskan indikator kinerja kecamatan dengan IKU kabupaten.",
    "Melengkapi bukti dukung pengukuran kinerja triwulanan.",
    "Memanfaatkan hasil evaluasi internal untuk perbaikan perencanaan.",
)


def who(db: Database, username: str, day: dt.date = DAY):
    return actor_for(db, username, day)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def print_matrix(db: Database, tmp_path: Path, name: str, day: dt.date = DAY) -> str:
    made = generate(db, who(db, "sekcam"), DocRequest("tl-lhe-kemenpan", year=2024, day=day))
    path = tmp_path / name
    path.write_bytes(made.pdf)
    return pdf_text(path)


def record_lhe(db: Database) -> tuple[int, list[int]]:
    admin_data = who(db, "admin_data")
    data = LheInput("KEMENPAN", "B/1234/AA.05/2025", LETTER, 2024, Decimal("71.3"))
    lhe_id = save_lhe(db, admin_data, data)
    return lhe_id, [save_recommendation(db, admin_data, lhe_id, text) for text in RECS]


def camat_items(db: Database, day: dt.date = DAY) -> list[str]:
    camat = who(db, "camat", day)
    return [i.text for i in waiting_work(db, RoleGrant(Role.CAMAT), camat.person_id, day) if i.tool == LHE_TOOL]


def test_an_lhe_with_three_rekomendasi_flows_through_follow_up_to_a_printed_matrix(demo_db, tmp_path):
    # GIVEN the Admin Data records the KemenPAN-RB's LHE on 2024 with its three rekomendasi
    lhe_id, recs = record_lhe(demo_db)
    [lhe] = [x for x in list_lhe(demo_db, DAY) if x.id == lhe_id]
    # THEN its predikat is that of its score (71,30 > 70: BB)
    assert (lhe.predikat, lhe.recommendations, lhe.closed) == ("BB", 3, 0)
    # AND the matrix prints as a DRAF, each rekomendasi without a RATL said so
    text = print_matrix(demo_db, tmp_path, "draf.pdf")
    assert "MATRIKS TINDAK LANJUT LAPORAN HASIL EVALUASI AKIP" in text and "Kementerian PANRB" in text
    assert "71,30 / BB (Sangat Baik)" in text and "Belum ditetapkan" in text
    assert "DRAF, belum final: Rekomendasi nomor 1 belum memiliki RATL" in text
    sekcam, sekcam_tim = who(demo_db, "sekcam"), RoleGrant(Role.SEKRETARIS)
    waiting = [i.text for i in waiting_work(demo_db, sekcam_tim, sekcam.person_id, DAY) if i.tool == LHE_TOOL]
    assert waiting == ["3 rekomendasi LHE Kementerian PANRB 2024 belum memiliki RATL"]

    # WHEN the Sekretaris sets a RATL with PJ and batas waktu for each
    ekbang, kesos, pem = who(demo_db, "kasi_ekbang"), who(demo_db, "kasi_kesos"), who(demo_db, "kasi_pem")
    dues = (dt.date(2025, 9, 30), dt.date(2025, 10, 10), dt.date(2025, 12, 31))
    actions = [
        add_follow_up(demo_db, sekcam, FollowUpInput(f"RATL {n}: {text}", pj.person_id, due), lhe_recommendation_id=rec)
        for n, (rec, text, pj, due) in enumerate(zip(recs, RECS, (ekbang, kesos, pem), dues, strict=True), start=1)
    ]
    # THEN each waits in its PJ's "Menunggu Anda", named by its LHE
    [mine] = [f for f in follow_ups_for(demo_db, kesos.person_id, DAY) if f.id == actions[1]]
    assert mine.meeting_title == "Rekomendasi LHE Kementerian PANRB atas tahun 2024"
    # AND the matrix now waits for the Camat's check
    # (two of them already past their batas waktu on 20 Oktober 2025: named too, tester finding F7)
    assert camat_items(demo_db) == [
        "2 tindak lanjut LHE Kementerian PANRB 2024 melewati batas waktu",
        "Matriks TL LHE Kementerian PANRB 2024 menunggu pemeriksaan Anda",
    ]

    # WHEN the PJ report: one done with bukti, one under way with bukti past its batas waktu, one not started
    done = at(wib(dt.date(2025, 9, 26), 10))
    report_progress(demo_db, ekbang, actions[0], DONE, 100, "Indikator diselaraskan dalam Renja perubahan.", clock=done)
    add_follow_up_evidence(demo_db, ekbang, actions[0], "renja_perubahan.pdf", b"%PDF-1.4 renja")
    report_progress(demo_db, kesos, actions[1], IN_PROGRESS, 40, "Bukti TW I-II dilengkapi.")
    add_follow_up_evidence(demo_db, kesos, actions[1], r"C:\Dokumen\bukti_tw2.pdf", b"%PDF-1.4 tw2")
    # THEN the late one shows in the Camat's overdue list
    assert actions[1] in [f.id for f in overdue_follow_ups(demo_db, DAY)]
    assert actions[2] not in [f.id for f in overdue_follow_ups(demo_db, DAY)]

    # WHEN the Camat checks the matrix
    review_matrix(demo_db, who(demo_db, "camat"), lhe_id)
    # THEN it prints final (no DRAF), with every RATL, PJ, batas waktu, status, progress and bukti, and his signature
    text = print_matrix(demo_db, tmp_path, "final.pdf")
    assert "DRAF" not in text
    assert camat_items(demo_db) == ["1 tindak lanjut LHE Kementerian PANRB 2024 melewati batas waktu"]
    for expected in (
        "RATL 1: Menyelaraskan",
        "Selesai (100%): Indikator diselaraskan dalam Renja perubahan. Bukti: renja_perubahan.pdf",
        "Sedang dikerjakan (40%), melewati batas waktu: Bukti TW I-II dilengkapi. Bukti: bukti_tw2.pdf",
        "Belum dimulai (0%) Bukti: belum ada",
        "30 September 2025",
        "CAMAT CONTOH",
    ):
        assert expected in text, expected
    detail = lhe_detail(demo_db, lhe_id, DAY)
    assert [r.closed for r in detail.recommendations] == [True, False, False] and detail.final

    # AND the LKE's read sees one of three rekomendasi closed, on time
    share = follow_up_share(demo_db, 2024, "KEMENPAN")
    assert (share.recommendations, share.with_action, share.closed, share.closed_on_time) == (3, 3, 1, 1)
    assert share.share == Decimal(1) / Decimal(3)

    # WHEN a RATL changes after the check THEN the check is gone and the matrix is a DRAF again
    update_follow_up(demo_db, sekcam, actions[2], FollowUpInput("RATL 3 diperluas.", pem.person_id, dues[2]))
    assert "DRAF, belum final: Matriks belum diperiksa Camat" in print_matrix(demo_db, tmp_path, "lagi.pdf")

    # WHEN the last two are closed THEN every rekomendasi is closed
    report_progress(demo_db, kesos, actions[1], DONE, 100, "Bukti lengkap.", clock=at(wib(DAY, 10)))
    report_progress(demo_db, pem, actions[2], DONE, 100, "Dimanfaatkan dalam Renja 2026.", clock=at(wib(DAY, 11)))
    share = follow_up_share(demo_db, 2024, "KEMENPAN")
    # (the second was closed ten days after its batas waktu)
    assert (share.closed, share.closed_on_time, share.share) == (3, 2, Decimal(1))


def test_an_lhe_is_checked_before_it_is_stored(demo_db):
    # GIVEN the Admin Data
    admin_data = who(demo_db, "admin_data")
    good = LheInput("INSPEKTORAT", "700/9/2024", dt.date(2024, 4, 1), 2023, Decimal("55"))
    for bad, message in (
        (LheInput("BPKP", "1", LETTER, 2024, Decimal(60)), "Pilih pengirim LHE"),
        (LheInput("INSPEKTORAT", " ", LETTER, 2024, Decimal(60)), "Isi nomor LHE"),
        (LheInput("INSPEKTORAT", "1", LETTER, 2024, Decimal("100.5")), "di luar 0–100"),
        (LheInput("INSPEKTORAT", "1", LETTER, 2024, Decimal("60.125")), "dua angka"),
        (LheInput("INSPEKTORAT", "1", dt.date(2023, 12, 1), 2024, Decimal(60)), "tidak cocok dengan tahun"),
        (LheInput("INSPEKTORAT", "1", LETTER, 2024, Decimal(60), "Z"), "Predikat 'Z' tidak dikenal"),
        # the demo office already has the Inspektorat's LHE on 2024
        (LheInput("INSPEKTORAT", "1", LETTER, 2024, Decimal(60)), "sudah dicatat"),
    ):
        # WHEN a wrong letter is recorded THEN it is refused saying what is wrong
        with pytest.raises(ValidationError, match=message):
            save_lhe(demo_db, admin_data, bad)
    # AND a Kasi may not record one
    with pytest.raises(PermissionDenied, match="Catat LHE"):
        save_lhe(demo_db, who(demo_db, "kasi_ekbang"), good)
    # WHEN a good one is recorded THEN its predikat comes from the score (55 > 50: CC)
    lhe_id = save_lhe(demo_db, admin_data, good)
    assert next(x for x in list_lhe(demo_db, DAY) if x.id == lhe_id).predikat_label == "CC (Cukup (Memadai))"
    # AND a rekomendasi without RATL may be deleted, one with a RATL may not, nor its LHE
    rec = save_recommendation(demo_db, admin_data, lhe_id, "Perbaiki pohon kinerja.")
    other = save_recommendation(demo_db, admin_data, lhe_id, "Salah ketik.")
    delete_recommendation(demo_db, admin_data, other)
    sekcam = who(demo_db, "sekcam")
    with pytest.raises(ValidationError, match="tidak boleh mendahuluinya"):
        add_follow_up(
            demo_db, sekcam, FollowUpInput("x", sekcam.person_id, dt.date(2024, 3, 1)), lhe_recommendation_id=rec
        )
    add_follow_up(demo_db, sekcam, FollowUpInput("Susun ulang.", sekcam.person_id, dt.date(2024, 6, 1)),
                  lhe_recommendation_id=rec)  # fmt: skip
    with pytest.raises(ValidationError, match="sudah memiliki RATL"):
        delete_recommendation(demo_db, admin_data, rec)
    with pytest.raises(ValidationError, match="sudah memiliki RATL"):
        delete_lhe(demo_db, admin_data, lhe_id)
    # AND the Camat may not check a matrix with a rekomendasi lacking its RATL
    save_recommendation(demo_db, admin_data, lhe_id, "Rekomendasi kedua.")
    with pytest.raises(ValidationError, match="nomor 2 belum memiliki RATL"):
        review_matrix(demo_db, who(demo_db, "camat"), lhe_id)


def test_the_demo_office_has_the_inspektorats_lhe_of_the_year_before(demo_db):
    # GIVEN the demo office (told for 15 Oktober 2025)
    [lhe] = list_lhe(demo_db, DAY)
    # THEN it holds the Inspektorat's LHE on 2024 with three rekomendasi, its matrix checked by the Camat
    assert (lhe.evaluator, lhe.year, lhe.letter_date, lhe.reviewed) == ("INSPEKTORAT", 2024, dt.date(2025, 5, 12), True)
    detail = lhe_detail(demo_db, lhe.id, DAY)
    states = [(r.actions[0].status, len(r.evidence[r.actions[0].id])) for r in detail.recommendations]
    # AND one RATL done with bukti, one under way with bukti, one not started
    assert states == [("DONE", 1), ("IN_PROGRESS", 1), ("OPEN", 0)] and detail.final


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_sakip_report_tl_lhe_writes_the_matrix(demo_db, tmp_path, capsys):
    # GIVEN the demo office's file and the Camat's password in a file
    secret = tmp_path / "sandi.txt"
    secret.write_text("camat123\n", encoding="utf-8")
    out = tmp_path / "tl-lhe.pdf"
    path = demo_db.path
    demo_db.close()
    # WHEN the matrix of the LHE on 2024 is asked for on the command line
    args = ["report", "tl-lhe", "--db", str(path), "--year", "2024", "--date", "2025-10-20", "--out", str(out)]
    assert cli.main([*args, "--as", "camat", "--password-file", str(secret)]) == 0
    # THEN the PDF holds the three rekomendasi and the Camat's signature, final
    text = pdf_text(out)
    assert "Inspektorat Kabupaten Contoh" in text and "Menyusun Manual IKU" in text and "DRAF" not in text
    assert "Ardiansyah Nugroho" in text and len(PdfReader(out).pages) == 1
    # AND a year without an LHE is refused in words
    args[5] = "2023"
    assert cli.main([*args, "--as", "camat", "--password-file", str(secret)]) != 0
    assert "Belum ada LHE Inspektorat atas tahun 2023 yang dicatat." in capsys.readouterr().err
