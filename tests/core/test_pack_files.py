"""'Siapkan paket…' (issue 15 §2): the year's pack written as a folder or a .zip, one PDF per expected document named
'<ESR type> - <title> - <year>.pdf', a cover sheet listing them (read back from the PDF), the lembar salin (.xlsx,
read back), and a failed write that leaves no pack looking complete."""

from __future__ import annotations

import datetime as dt
import resource
import signal
import sqlite3
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip_desktop.cli import main
from sakip_desktop.documents.measure_text import amount_text
from sakip_desktop.documents.pack import prepare_pack, write_folder
from sakip_desktop.documents.xlsx_sheets import number_cell
from sakip_desktop.errors import StorageFailure, StorageFull, ValidationError
from sakip_desktop.ops.measurement.capaian import measure
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack.due import DITOLAK, ItemType
from sakip_desktop.ops.pack.edit import attach_file, save_item_type, set_status
from sakip_desktop.ops.register import list_documents

DAY = dt.date(2025, 10, 15)
SCAN = b"%PDF-1.4\n% pindaian PK bertanda tangan\n"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pack_folder_holds_one_pdf_per_item_a_cover_sheet_and_the_lembar_salin(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    attach_file(demo_db, tim, "pk", 2025, 0, "PK 2025 ttd.pdf", SCAN)
    set_status(demo_db, tim, "e81", 2025, 2, DITOLAK, note="Tanda tangan Bappeda belum ada.")
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    # WHEN the Tim SAKIP prepares the 2025 pack on 15 October 2025 onto the drive
    result = prepare_pack(demo_db, tim, 2025, drive, today=DAY)
    # THEN one folder appears, named for the office and the year, with nothing else beside it
    assert [p.name for p in drive.iterdir()] == ["Paket Kabupaten 2025 - Kecamatan Contoh"]
    names = sorted(p.name for p in result.path.iterdir())
    assert names == sorted(result.files)
    # AND each PDF is named '<ESR type> - <title> - <year>.pdf'; quarterly ones for the quarters ended (TW I–III)
    assert "Perjanjian Kinerja - Perjanjian Kinerja - 2025.pdf" in names
    assert "Laporan Kinerja - Laporan Kinerja - 2025 (DRAF).pdf" in names
    assert "Lainnya - Formulir E.81 TW III - 2025 (DRAF).pdf" in names
    assert "Lainnya - Formulir E.81 TW IV - 2025 (DRAF).pdf" not in names
    assert "Laporan Monev Renaksi - Laporan Kinerja Triwulan TW II - 2025.pdf" in names
    # AND the signed scan attached to the PK is what the pack holds; the program's documents are real PDFs,
    # printed now and entered in the document register
    assert (result.path / "Perjanjian Kinerja - Perjanjian Kinerja - 2025.pdf").read_bytes() == SCAN
    e81 = (result.path / "Lainnya - Formulir E.81 TW III - 2025 (DRAF).pdf").read_bytes()
    assert e81.startswith(b"%PDF") and b"%%EOF" in e81[-1024:]
    assert {(r.kind, r.quarter) for r in list_documents(demo_db, 2025)} >= {("e81", 3), ("lkj", None)}
    # AND the cover sheet lists every expected document with its ESR type, deadline and status, and says
    # which are missing
    cover = _pdf_text(result.path / "00 - Daftar isi paket - 2025.pdf")
    assert "DAFTAR DOKUMEN PAKET KIRIM KE KABUPATEN" in cover and "TAHUN 2025" in cover
    assert "Kecamatan Contoh" in cover
    flat = " ".join(cover.split())
    assert "berkas dilampirkan: PK 2025 ttd.pdf" in flat
    assert "Ditolak" in flat
    assert "TIDAK ADA: belum ada berkas yang dilampirkan" in flat
    assert "28-02-2026" in flat  # the LKj's deadline
    missing = {line.title for line in result.missing}
    assert {"Berita Acara Evaluasi Kinerja", "Perjanjian Kinerja Perubahan"} <= missing
    assert not {"DPA", "Indikator Kinerja Utama", "Rencana Aksi", "Laporan Kinerja"} & missing
    # AND the scan the demo office attached to its DPA is in the pack as it was attached
    assert (result.path / "DPA - DPA - 2025.pdf").read_bytes().startswith(b"%PDF")


def test_the_lembar_salin_gives_the_quarters_figures_in_the_web_forms_order(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    result = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    book = load_workbook(result.path / "Lembar salin capaian triwulan - 2025.xlsx")
    assert book.sheetnames == ["TW I", "TW II", "TW III", "TW IV"]
    sheet = book["TW III"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "Kode")
    assert rows[header][:8] == ["Kode", "Indikator kinerja", "Satuan", "Target TW III", "Realisasi TW III",
                                "Capaian TW III (%)", "Faktor", "Tindak lanjut"]  # fmt: skip
    # THEN each indicator's target, realisasi and capaian are numbers equal to the measurement's
    body = {r[0]: r for r in rows[header + 1 :] if r[0]}
    measured = measure(demo_db, 2025, 3)
    assert set(body) == {r.info.code for r in measured}
    for row in measured:
        line = body[row.info.code]
        assert line[1] == row.info.name
        if row.actual is not None and not row.info.levels:  # as printed (a count over desa: two decimals)
            printed = number_cell(amount_text(row.actual, row.info))
            assert printed is not None and Decimal(str(line[4])) == printed[0]
            assert Decimal(str(line[5])) == row.scale.shown(row.achievement_quarter).quantize(Decimal("0.01"))
    # AND the faktor and tindak lanjut come from the Kasi's narratives of the quarter
    assert any(str(r[6] or "").startswith("Pendukung:") for r in body.values())
    assert any(r[7] for r in body.values())


def test_a_zip_pack_holds_the_same_files(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # GIVEN the office added a second "DPA" line (a DPA Perubahan filed under the same name) with a file on each
    second = save_item_type(demo_db, tim, ItemType("", "DPA", "DPA"))
    attach_file(demo_db, tim, "dpa", 2025, 0, "dpa.pdf", b"%PDF-1.4 murni")
    attach_file(demo_db, tim, second.code, 2025, 0, "dpa-p.pdf", b"%PDF-1.4 perubahan")
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    result = prepare_pack(demo_db, tim, 2025, drive, as_zip=True, today=DAY)
    assert result.path.name == "Paket Kabupaten 2025 - Kecamatan Contoh.zip"
    with zipfile.ZipFile(result.path) as archive:
        assert archive.testzip() is None
        names = [n.split("/", 1)[1] for n in archive.namelist()]
    assert names == list(result.files)
    assert {"DPA - DPA - 2025.pdf", "DPA - DPA - 2025 (2).pdf"} <= set(names)  # neither hides the other
    assert [p.name for p in drive.iterdir()] == [result.path.name]  # no temporary file left beside it


@pytest.fixture
def small_drive():
    """Files of this process may grow to 64 KB only (RLIMIT_FSIZE): writing more fails with EFBIG, as a full or
    FAT-limited flash drive fails mid-file. The signal that would kill the process is ignored."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    yield lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    signal.signal(signal.SIGXFSZ, old)


def test_a_write_that_fails_midway_leaves_the_old_pack_and_no_half_pack(tmp_path, small_drive):
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    old = write_folder(drive, "Paket Kabupaten 2025 - Kecamatan Contoh", {"00 - Daftar isi paket - 2025.pdf": b"lama"})
    files = {"00 - Daftar isi paket - 2025.pdf": b"baru", "IKU - IKU - 2025.pdf": b"x" * 10, "LKj.pdf": b"y" * 200_000}
    small_drive()
    # WHEN the third file does not fit
    with pytest.raises(StorageFull) as failed:
        write_folder(drive, "Paket Kabupaten 2025 - Kecamatan Contoh", files)
    # THEN the message says so in Indonesian and that no half pack was left
    assert "Paket tidak jadi dibuat" in str(failed.value) and "flash disk" in str(failed.value)
    # AND the drive holds the old, complete pack only: no temporary folder, no mix of old and new files
    assert [p.name for p in drive.iterdir()] == [old.name]
    assert [p.name for p in old.iterdir()] == ["00 - Daftar isi paket - 2025.pdf"]
    assert (old / "00 - Daftar isi paket - 2025.pdf").read_bytes() == b"lama"


def test_a_missing_target_is_refused_before_anything_is_printed(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    with pytest.raises(StorageFailure, match="Pasang flash disk"):
        prepare_pack(demo_db, tim, 2025, tmp_path / "tidak-terpasang", today=DAY)
    assert list_documents(demo_db, 2025) == []


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_sakip_paket_siapkan_writes_the_pack(demo_db, tmp_path, capsys):
    password = tmp_path / "sandi.txt"
    password.write_text("analis_kebijakan123\n", encoding="utf-8")
    out = tmp_path / "usb"
    out.mkdir()
    code = main(["paket", "siapkan", "--db", str(demo_db.path), "--year", "2025", "--out", str(out), "--zip",
                 "--date", "2025-10-15", "--as", "analis_kebijakan", "--password-file", str(password)])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "Paket Kabupaten 2025 ditulis ke" in printed
    assert "tidak ada: Laporan Monev Renaksi - Berita Acara Evaluasi Kinerja TW III 2025" in printed
    assert (out / "Paket Kabupaten 2025 - Kecamatan Contoh.zip").is_file()


def _forget_pack(db) -> None:
    """The demo office as one that never opened the pack's tool: its pack records (demo.pack) taken away."""
    with sqlite3.connect(db.path) as con:
        for table in ("pack_file", "pack_item", "pack_item_type"):
            con.execute(f"DELETE FROM {table}")


@pytest.mark.sqlite_only(reason="takes the demo's pack records away with plain sqlite3")
def test_the_programs_document_is_ready_by_itself_once_its_final_printing_is_in_the_register(demo_db):
    from sakip_desktop.documents.catalog import DocRequest, generate
    from sakip_desktop.documents.pack_ready import pack_checklist
    from sakip_desktop.ops.e81.notes import e81_notes, save_notes
    from sakip_desktop.ops.pack.checklist import checklist

    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    _forget_pack(demo_db)  # an office that keeps no status: 'Siap' comes from the register alone

    def status(code: str, quarter: int) -> str:
        return next(
            r.status_label for r in pack_checklist(demo_db, 2025, DAY) if (r.item.code, r.quarter) == (code, quarter)
        )

    # GIVEN the PK of 2025 (made final) and Formulir E.81 of TW II (its rows not yet reviewed: a DRAF) printed
    generate(demo_db, tim, DocRequest("pk", year=2025, day=DAY))
    generate(demo_db, tim, DocRequest("e81", year=2025, quarter=2, day=DAY))
    # THEN the PK is 'Siap' with nobody clicking it; the DRAF E.81 stays 'Belum'
    assert status("pk", 0) == "Siap" and status("e81", 2) == "Belum"
    # WHEN the E.81 rows are reviewed and saved: the printing in the register is of older data, still 'Belum'
    save_notes(demo_db, tim, 2025, 2, {n.key: n.draft or "-" for n in e81_notes(demo_db, 2025, 2)})
    assert status("e81", 2) == "Belum"
    # AND once the final form is printed, it is 'Siap'
    generate(demo_db, tim, DocRequest("e81", year=2025, quarter=2, day=DAY))
    assert status("e81", 2) == "Siap"
    # AND the status is derived, never stored: the stored checklist still says 'Belum', and reading wrote nothing
    assert next(r.status for r in checklist(demo_db, 2025, DAY) if r.item.code == "pk") == "BELUM"
    with sqlite3.connect(demo_db.path) as con:
        audit = con.execute("SELECT COUNT(*) FROM audit_entry").fetchone()[0]
    pack_checklist(demo_db, 2025, DAY)
    with sqlite3.connect(demo_db.path) as con:
        assert con.execute("SELECT COUNT(*) FROM pack_item").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM audit_entry").fetchone()[0] == audit


def test_the_screen_and_the_cover_count_the_same_documents(demo_db, tmp_path):
    from sakip_desktop.documents.pack_ready import pack_checklist
    from sakip_desktop.ops.pack.checklist import pack_count

    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # WHEN the screen counts the 2025 pack on 15 October and the pack is prepared that day
    count = pack_count(pack_checklist(demo_db, 2025, DAY), DAY)
    result = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    # THEN the cover says the same "n dari m", one line per document counted, TW IV (not ended) not counted
    cover = " ".join(_pdf_text(result.path / "00 - Daftar isi paket - 2025.pdf").split())
    assert f"{count.held} dari {count.expected} dokumen ada untuk paket" in cover
    assert (count.expected, count.held) == (len(result.lines), len(result.lines) - len(result.missing))
    assert count.waiting == 4 and not any("TW IV" in line.period for line in result.lines)


def test_a_quarter_pack_holds_only_that_quarters_documents(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # WHEN the Tim prepares the TW III 2025 pack on 15 October 2025
    result = prepare_pack(demo_db, tim, 2025, tmp_path, quarter=3, today=DAY)
    # THEN it holds the quarterly documents of TW III only: no LKj (due February 2026), no PK, no other quarter
    assert result.path.name == "Paket Kabupaten TW III 2025 - Kecamatan Contoh"
    assert {line.period for line in result.lines} == {"TW III 2025"}
    assert "Laporan Kinerja - Laporan Kinerja - 2025 (DRAF).pdf" not in result.files
    assert "Lainnya - Formulir E.81 TW III - 2025 (DRAF).pdf" in result.files
    cover = " ".join(_pdf_text(result.path / "00 - Daftar isi paket - TW III 2025.pdf").split())
    assert "TRIWULAN III TAHUN 2025" in cover and "28-02-2026" not in cover
    book = load_workbook(result.path / "Lembar salin capaian triwulan - TW III 2025.xlsx")
    assert book.sheetnames == ["TW III"]
    # AND the year's pack keeps the yearly documents with their own deadline
    year = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    assert "Laporan Kinerja - Laporan Kinerja - 2025 (DRAF).pdf" in year.files
    # AND a quarter not yet ended is refused with the day its pack can be made
    with pytest.raises(ValidationError, match=r"TW IV 2025 belum berakhir; .* mulai 01-01-2026"):
        prepare_pack(demo_db, tim, 2025, tmp_path, quarter=4, today=DAY)


@pytest.mark.sqlite_only(reason="the kept printings live in a folder beside the office file; a server has none")
def test_a_document_printed_from_the_dokumen_tool_goes_into_the_pack_as_that_very_file(demo_db, tmp_path):
    from sakip_desktop.documents.catalog import DocRequest, generate

    # GIVEN the PK of 2025 printed from the Dokumen tool (as the Kasubag does before the Camat signs it)
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    printed = generate(demo_db, kasubag, DocRequest("pk", year=2025)).pdf
    # WHEN the year's pack is prepared with nothing changed since
    pack = prepare_pack(demo_db, actor_for(demo_db, "analis_kebijakan", DAY), 2025, tmp_path, today=DAY)
    # THEN the pack holds that very printing (same bytes), copied, not printed again
    held = [f.read_bytes() for f in pack.path.glob("*.pdf") if "Perjanjian Kinerja" in f.name]
    assert printed in held


@pytest.mark.sqlite_only(reason="the kept printings live in a folder beside the office file; a server has none")
def test_a_second_pack_copies_the_registered_printings_instead_of_printing_again(demo_db, tmp_path):
    from sakip_desktop.documents.pack_copies import copies_dir
    from sakip_desktop.ops.e81.notes import e81_notes, save_notes

    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    first = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    e81 = "Lainnya - Formulir E.81 TW II - 2025 (DRAF).pdf"
    printed = (first.path / e81).read_bytes()
    register = len(list_documents(demo_db, 2025))
    # WHEN the pack is prepared again with nothing changed (as a .zip this time)
    second = prepare_pack(demo_db, tim, 2025, tmp_path, as_zip=True, today=DAY)
    # THEN each program's document is the very file registered the first time (same checksum), copied, and the
    # register holds no new printing
    with zipfile.ZipFile(second.path) as archive:
        assert archive.read(f"{second.path.stem}/{e81}") == printed
    line = next(x for x in second.lines if x.title == "Formulir E.81" and x.period == "TW II 2025")
    assert line.remark.startswith("cetakan terdaftar versi 1")
    assert len(list_documents(demo_db, 2025)) == register
    # WHEN the E.81 of TW II changes (its rows reviewed and saved), the next pack prints it anew, version 2
    save_notes(demo_db, tim, 2025, 2, {n.key: n.draft or "-" for n in e81_notes(demo_db, 2025, 2)})
    third = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    line = next(x for x in third.lines if x.title == "Formulir E.81" and x.period == "TW II 2025")
    final = "Lainnya - Formulir E.81 TW II - 2025.pdf"  # reviewed: final now, no longer named DRAF
    assert line.remark == "dicetak program, versi 2" and (third.path / final).read_bytes() != printed
    # AND a kept copy that was damaged is not used: the document is printed again
    folder = copies_dir(demo_db)
    assert folder is not None
    for kept in folder.iterdir():
        kept.write_bytes(b"%PDF-rusak")
    fourth = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    assert all(not x.remark.startswith("cetakan terdaftar") for x in fourth.lines)
