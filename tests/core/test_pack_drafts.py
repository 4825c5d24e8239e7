"""Nothing unfinished goes to the kabupaten unmarked (tester finding T2-1): an item already sent carries the final
printing that was sent, and every DRAF in the pack says so in its file name, on the cover sheet (read back from the
PDF) and in `sakip paket siapkan`'s output; the lembar salin marks figures the Camat has not yet approved."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip_desktop.cli import main
from sakip_desktop.documents.catalog import DocRequest, generate
from sakip_desktop.documents.pack import prepare_pack
from sakip_desktop.ops.e81.notes import e81_notes, save_notes
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack.due import DITERIMA, DIUNGGAH
from sakip_desktop.ops.pack.edit import set_status
from sakip_desktop.ops.register import list_documents

DAY = dt.date(2025, 10, 15)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.sqlite_only(reason="the kept printings live in a folder beside the office file; a server has none")
def test_an_item_already_sent_carries_the_final_printing_that_was_sent(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # GIVEN E.81 TW II printed as a DRAF, then reviewed and printed final (version 2), and uploaded
    generate(demo_db, tim, DocRequest("e81", year=2025, quarter=2, day=DAY))
    save_notes(demo_db, tim, 2025, 2, {n.key: n.draft or "-" for n in e81_notes(demo_db, 2025, 2)})
    sent = generate(demo_db, tim, DocRequest("e81", year=2025, quarter=2, day=DAY))
    set_status(demo_db, tim, "e81", 2025, 2, DIUNGGAH, uploaded_on=DAY)
    # AND the data changed afterwards (the faktor rows rewritten)
    save_notes(demo_db, tim, 2025, 2, {n.key: "Ditulis ulang." for n in e81_notes(demo_db, 2025, 2)})
    register = [r for r in list_documents(demo_db, 2025, "e81") if r.quarter == 2]
    # WHEN the year's pack is prepared (twice: the second pack prunes the kept printings first)
    prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    result = prepare_pack(demo_db, tim, 2025, tmp_path, today=DAY)
    # THEN the pack holds the very file that was sent (version 2, final), not a new printing of the changed data
    name = "Lainnya - Formulir E.81 TW II - 2025.pdf"
    assert (result.path / name).read_bytes() == sent.pdf
    line = next(x for x in result.lines if x.title == "Formulir E.81" and x.period == "TW II 2025")
    assert not line.draft and line.remark.startswith("cetakan final yang dikirim, versi 2")
    assert [r for r in list_documents(demo_db, 2025, "e81") if r.quarter == 2] == register
    assert "DRAF" not in _pdf_text(result.path / name)


@pytest.mark.sqlite_only(reason="runs `sakip paket siapkan --db FILE` on the office file")
def test_every_draf_in_the_pack_says_so_in_its_name_on_the_cover_and_in_the_output(demo_db, tmp_path, capsys):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    # GIVEN E.81 TW I accepted by the kabupaten, but no final printing of it was ever registered
    set_status(demo_db, tim, "e81", 2025, 1, DIUNGGAH, uploaded_on=dt.date(2025, 4, 9))
    set_status(demo_db, tim, "e81", 2025, 1, DITERIMA)
    # WHEN the year's pack is prepared from the command line
    password = tmp_path / "sandi.txt"
    password.write_text("analis_kebijakan123\n", encoding="utf-8")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["paket", "siapkan", "--db", str(demo_db.path), "--year", "2025", "--out", str(usb), "--date",
                 "2025-10-15", "--as", "analis_kebijakan", "--password-file", str(password)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    folder = next(usb.iterdir())
    names = sorted(p.name for p in folder.iterdir())
    # THEN the E.81 of TW I, printed now from unfinished data, is named as a DRAF (and so is every draft)
    assert "Lainnya - Formulir E.81 TW I - 2025 (DRAF).pdf" in names
    assert "Lainnya - Formulir E.81 TW I - 2025.pdf" not in names
    drafts = [n for n in names if n.endswith(" (DRAF).pdf")]
    for name in names:
        if name.endswith(".pdf") and not name.startswith("00 - "):
            assert ("DRAF ·" in _pdf_text(folder / name)) == (name in drafts), name
    # AND the cover sheet says how many are drafts, which, and marks each line
    cover = _pdf_text(folder / "00 - Daftar isi paket - 2025.pdf")
    assert f"{len(drafts)} dokumen masih DRAF (belum final): " in cover
    top = cover.split("dokumen masih DRAF (belum final): ")[1].split(". ")[0]
    assert "Formulir E.81 TW I 2025" in top and top.count(";") == len(drafts) - 1
    assert cover.count("DRAF") >= 2 * len(drafts)
    # AND so does the command's output
    assert f"PERHATIAN: {len(drafts)} dokumen masih DRAF (belum final)" in out
    assert "DRAF: Lainnya - Formulir E.81 TW I - 2025 (DRAF).pdf" in out


def test_a_quarter_pack_cover_footer_names_the_quarter_in_roman_capitals(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    result = prepare_pack(demo_db, tim, 2025, tmp_path, quarter=3, today=DAY)
    cover = _pdf_text(result.path / "00 - Daftar isi paket - TW III 2025.pdf")
    assert "Paket kirim ke Kabupaten Triwulan III Tahun 2025" in cover and "Iii" not in cover


def test_the_lembar_salin_marks_figures_the_camat_has_not_approved(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    result = prepare_pack(demo_db, tim, 2025, tmp_path, quarter=3, today=DAY)
    book = load_workbook(result.path / "Lembar salin capaian triwulan - TW III 2025.xlsx")
    sheet = book["TW III"]
    top = " ".join(str(c.value) for row in sheet.iter_rows(max_row=3) for c in row if c.value)
    assert "DRAF" in top
    assert "belum disetujui Camat" in top
