"""The submission pack to the kabupaten (issue 15 §2): the checklist by ESR type with deadlines, statuses set by the
Tim SAKIP or the Admin Data with their history, the office's own list, the overdue items, and `sakip paket`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sakip_desktop.cli import main
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import NotFound, PermissionDenied, ValidationError
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home import pack_reads
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.home.waiting_work import PACK_TOOL, waiting_work
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack.checklist import checklist, history, item_types, overdue_items
from sakip_desktop.ops.pack.due import DITERIMA, DITOLAK, DIUNGGAH, ESR_TYPES, ItemType
from sakip_desktop.ops.pack.edit import attach_file, remove_item_type, save_item_type, set_status

DAY = dt.date(2025, 10, 15)


def _row(rows, code: str, quarter: int = 0):
    return next(r for r in rows if r.item.code == code and r.quarter == quarter)


def test_the_checklist_of_a_year_names_esr_types_and_deadlines(demo_db):
    # WHEN the office looks at 2025 on 15 October 2025 with the default list
    rows = checklist(demo_db, 2025, DAY)
    # THEN every item carries one of the 19 ESR types; quarterly items come once per quarter
    assert {r.item.esr_type for r in rows} <= set(ESR_TYPES)
    assert [r.period for r in rows if r.item.code == "e81"] == ["TW I 2025", "TW II 2025", "TW III 2025", "TW IV 2025"]
    codes = {r.item.code for r in rows}
    assert {"pk", "pk-perubahan", "iku", "renaksi", "pengukuran-tw", "triwulan", "e81", "lkj", "sop-data", "lhe",
            "tl-lhe", "berita-acara"} <= codes  # fmt: skip
    # AND the deadlines follow the kabupaten's rules: LKj by 28 February of the next year, E.81 by the 10th after
    # the quarter, the PK in January
    assert _row(rows, "lkj").deadline == dt.date(2026, 2, 28)
    assert _row(rows, "e81", 3).deadline == dt.date(2025, 10, 10)
    assert _row(rows, "pk").deadline == dt.date(2025, 1, 31)
    # AND what is past its deadline and not uploaded is late; an optional PK Perubahan never is
    assert _row(rows, "e81", 3).overdue and not _row(rows, "e81", 4).overdue and not _row(rows, "lkj").overdue
    assert not _row(rows, "pk-perubahan").overdue
    # AND a document the program prints says so; one the office attaches says which file it holds, or none yet
    assert _row(rows, "lkj").source_text.startswith("Dibuat program")
    assert _row(rows, "dpa").source_text == "Berkas: DPA 2025.pdf"  # the demo's DPA, sent in January
    assert _row(rows, "berita-acara", 3).source_text == "Belum ada berkas"


def test_statuses_are_set_with_their_history_and_a_rejection_needs_the_verifikators_note(demo_db):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    admin_data = actor_for(demo_db, "admin_data", DAY)
    # WHEN the Tim SAKIP marks the LKj uploaded on a date and the Admin Data marks it accepted
    item = set_status(demo_db, tim, "e81", 2025, 3, DIUNGGAH, uploaded_on=dt.date(2025, 10, 9))
    set_status(demo_db, admin_data, "e81", 2025, 3, DITOLAK, note="Kolom 13 kosong; unggah ulang.")
    # THEN a rejection without a note is refused, in Indonesian
    with pytest.raises(ValidationError, match="catatan verifikator"):
        set_status(demo_db, tim, "e81", 2025, 3, DITOLAK, note="  ")
    # AND the checklist shows the rejection with its note, no longer late once accepted later
    row = _row(checklist(demo_db, 2025, DAY), "e81", 3)
    assert (row.status, row.note, row.overdue) == (DITOLAK, "Kolom 13 kosong; unggah ulang.", True)
    assert row.status_label == "Ditolak 09-10-2025"
    set_status(demo_db, tim, "e81", 2025, 3, DITERIMA)
    assert not _row(checklist(demo_db, 2025, DAY), "e81", 3).overdue
    # AND the history keeps every change with who made it
    lines = history(demo_db, item)
    assert [line.what for line in lines] == [
        "Diunggah 09-10-2025",
        "Ditolak: Kolom 13 kosong; unggah ulang.",
        "Diterima",
    ]
    assert lines[1].by == admin_data.name
    # AND a Kasi may not set a status; a quarter on a yearly item is refused
    with pytest.raises(PermissionDenied):
        set_status(demo_db, actor_for(demo_db, "kasi_ekbang", DAY), "e81", 2025, 3, DIUNGGAH)
    with pytest.raises(ValidationError, match="tahunan"):
        set_status(demo_db, tim, "lkj", 2025, 2, DIUNGGAH)


def test_an_attached_scan_makes_the_item_ready_and_is_kept_with_its_checksum(demo_db):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    with pytest.raises(ValidationError, match="bukan PDF"):
        attach_file(demo_db, tim, "dpa", 2025, 0, "dpa.docx", b"PK\x03\x04 word")
    # GIVEN the Berita Acara Evaluasi of TW III, not yet sent (the demo's other documents are)
    attach_file(demo_db, tim, "berita-acara", 2025, 3, "C:\\Scan\\BA Evaluasi TW III.pdf", b"%PDF-1.4 ba")
    row = _row(checklist(demo_db, 2025, DAY), "berita-acara", 3)
    assert row.status_label == "Siap" and row.source_text == "Berkas: BA Evaluasi TW III.pdf"
    assert [line.what for line in history(demo_db, row.item_id or 0)] == [
        "Berkas dilampirkan: BA Evaluasi TW III.pdf",
        "Siap",
    ]


def test_the_office_edits_its_list_of_expected_documents(demo_db):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # WHEN the office adds the Renja, moves the LKj deadline to 31 March and drops the PK Perubahan
    added = save_item_type(demo_db, tim, ItemType("", "Rencana Kerja", "Renja/RKT", due_months=0, due_day=15))
    lkj = next(t for t in item_types(demo_db) if t.code == "lkj")
    save_item_type(demo_db, tim, lkj._replace(due_months=14, due_day=31))
    remove_item_type(demo_db, tim, "pk-perubahan")
    # THEN the checklist follows the office's list
    rows = checklist(demo_db, 2025, DAY)
    assert _row(rows, added.code).item.esr_type == "Renja/RKT"
    assert _row(rows, added.code).deadline == dt.date(2025, 1, 15)
    assert _row(rows, "lkj").deadline == dt.date(2026, 3, 31)
    assert "pk-perubahan" not in {r.item.code for r in rows}
    # AND wrong lines are refused with words saying what is wrong
    with pytest.raises(ValidationError, match="ESR"):
        save_item_type(demo_db, tim, ItemType("", "Pohon kinerja", "Pohon Kinerja"))
    with pytest.raises(ValidationError, match="triwulan"):
        save_item_type(demo_db, tim, ItemType("", "E.81 tahunan", "Lainnya", "e81"))
    with pytest.raises(NotFound):
        remove_item_type(demo_db, tim, "pk-perubahan")


def _stored(db) -> tuple[int, int, int]:
    """Rows of the pack's tables and of the audit trail: what a write would add."""
    import sqlite3

    with sqlite3.connect(db.path) as con:
        counts = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("pack_item_type", "pack_item",
                                                                                    "audit_entry")]  # fmt: skip
    return counts[0], counts[1], counts[2]


def _forget_pack(db) -> None:
    """The demo office as one that never opened the pack's tool: its pack records (demo.pack) taken away."""
    import sqlite3

    with sqlite3.connect(db.path) as con:
        for table in ("pack_file", "pack_item", "pack_item_type"):
            con.execute(f"DELETE FROM {table}")


@pytest.mark.sqlite_only(reason="counts rows in the office file with plain sqlite3")
def test_late_documents_wait_for_the_camat_and_the_tim_from_the_list_and_deadlines_alone(demo_db):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    camat = actor_for(demo_db, "camat", DAY)
    today = dt.date(2026, 3, 5)
    _forget_pack(demo_db)
    before = _stored(demo_db)
    # GIVEN an office that never opened the pack's tool: no status and no list stored
    assert before[:2] == (0, 0)
    # WHEN the first screen, the Dasbor and the other screens read the late documents
    late = overdue_items(demo_db, today)
    assert pack_reads.late_documents(demo_db, today) == late
    # THEN the required documents of 2025 and 2026 past their deadline (however long ago) are listed from the
    # default list and its deadlines alone, oldest deadline first
    assert {d.year for d in late} == {2025, 2026}
    titles = {(d.title, d.period) for d in late}
    assert {("Perjanjian Kinerja", "2026"), ("Laporan Kinerja", "2025"), ("Formulir E.81", "TW IV 2025")} <= titles
    assert ("Perjanjian Kinerja", "2025") in titles  # due 31-01-2025: more than a year ago, still not uploaded
    assert [d.deadline for d in late] == sorted(d.deadline for d in late) and all(d.deadline < today for d in late)
    # AND the Camat's and the Tim's "Menunggu Anda" (opening the pack's tool) and the Camat's Dasbor show them; a
    # Kasi is not told
    for role, person in ((Role.CAMAT, camat.person_id), (Role.TIM_SAKIP, tim.person_id)):
        items = [i for i in waiting_work(demo_db, RoleGrant(role), person, today) if i.tool == PACK_TOOL]
        assert [(i.text, i.year) for i in items] == [
            (f"{sum(d.year == y for d in late)} dokumen paket Kabupaten {y} lewat batas waktu", y) for y in (2025, 2026)
        ]
    kasi = actor_for(demo_db, "kasi_ekbang", DAY)
    assert not [i for i in waiting_work(demo_db, kasi.grants[0], kasi.person_id, today) if i.tool == PACK_TOOL]
    assert dashboard(demo_db, 2025, 4, today).late_documents == tuple(late)
    checklist(demo_db, 2025, today)
    # AND reading wrote nothing: no list, no status, no audit line
    assert _stored(demo_db) == before
    # WHEN the Tim records the 2025 LKj uploaded and the kabupaten accepts the E.81 of TW IV, they leave the list
    set_status(demo_db, tim, "lkj", 2025, 0, DIUNGGAH, uploaded_on=dt.date(2026, 2, 27))
    set_status(demo_db, tim, "e81", 2025, 4, DITERIMA)
    after = overdue_items(demo_db, today)
    assert len(after) == len(late) - 2 and "Laporan Kinerja" not in {d.title for d in after if d.year == 2025}


def test_an_upload_after_the_deadline_stays_recorded_as_late(demo_db):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # WHEN the E.81 of TW III (due 10-10-2025) is uploaded on 12-10-2025, and the TW II one on time
    item = set_status(demo_db, tim, "e81", 2025, 3, DIUNGGAH, uploaded_on=dt.date(2025, 10, 12))
    set_status(demo_db, tim, "e81", 2025, 2, DIUNGGAH, uploaded_on=dt.date(2025, 7, 9))
    rows = checklist(demo_db, 2025, DAY)
    # THEN it is no longer waiting, but the record says it was uploaded late; the one on time says nothing of it
    late = _row(rows, "e81", 3)
    assert not late.overdue and late.uploaded_late
    assert late.status_label == "Diunggah terlambat (12-10-2025)"
    assert late.deadline_text == "10-10-2025 (diunggah terlambat)"
    assert _row(rows, "e81", 2).status_label == "Diunggah 09-07-2025" and not _row(rows, "e81", 2).uploaded_late
    # AND it stays so once the kabupaten accepts it, in the checklist and in the history
    set_status(demo_db, tim, "e81", 2025, 3, DITERIMA)
    assert _row(checklist(demo_db, 2025, DAY), "e81", 3).status_label == "Diterima, diunggah terlambat (12-10-2025)"
    assert [line.what for line in history(demo_db, item)] == ["Diunggah terlambat 12-10-2025", "Diterima"]


def _pw(tmp_path: Path, password: str) -> str:
    path = tmp_path / "sandi.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_sakip_paket_sets_a_status_and_lists_the_checklist(demo_db, tmp_path, capsys):
    db_path = str(demo_db.path)
    who = ["--as", "analis_kebijakan", "--password-file", _pw(tmp_path, "analis_kebijakan123")]
    assert main(["paket", "status", "--db", db_path, "--year", "2025", "--item", "e81", "--tw", "2", "--status",
                 "ditolak", "--note", "Tanda tangan belum ada.", *who]) == 0  # fmt: skip
    assert main(["paket", "daftar", "--db", db_path, "--year", "2025", "--date", "2025-10-15"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "[e81]" in x and "TW II" in x)
    assert "Ditolak" in line and "TERLAMBAT" in line and "Tanda tangan belum ada." in line
    # AND a rejection without a note fails with the reason, exit status 1
    assert main(["paket", "status", "--db", db_path, "--year", "2025", "--item", "e81", "--tw", "2", "--status",
                 "ditolak", *who]) == 1  # fmt: skip
    assert "catatan verifikator" in capsys.readouterr().err


@pytest.mark.sqlite_only(reason="runs `sakip paket daftar --db FILE` on the office file")
def test_sakip_paket_lists_a_quarters_pack_with_the_count_of_its_cover(demo_db, capsys):
    assert main(["paket", "daftar", "--db", str(demo_db.path), "--year", "2025", "--tw", "3", "--date",
                 "2025-10-15"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Paket kirim ke Kabupaten TW III 2025: 4 dokumen; 3 dari 4 dokumen ada untuk paket"
    assert "[e81]" in out and "[lkj]" not in out and "TW II 2025" not in out
