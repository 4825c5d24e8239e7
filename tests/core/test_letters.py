"""Outgoing letters: the agenda-number format and its example, sifat / lampiran / tembusan, the printed letter."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import (
    LetterInput,
    LetterSettings,
    check_format,
    get_letter,
    lampiran_text,
    letter_settings,
    next_number_example,
    register_letter,
    update_letter_settings,
)
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import AuditEntry

DAY = dt.date(2025, 10, 14)
# The demo office numbers its letters as its PKs (classification, number, region code, year); its berita acara of
# 15 Juli 2025 took number 1 of 2025 when the meeting was made final.
DEMO_FORMAT, CODE = "000.8/{seq:03d}/{kode}/{tahun}", "35.99.01"


def _flat(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("fmt", "says"),
    [
        ("050/{nomor}/{kode}/{tahun}", "Isian {nomor} pada format nomor agenda tidak dikenal"),
        ("050/{seq}/{Kode}", "Isian {Kode}"),
        ("050/{}/{tahun}", "Isian {}"),
        ("050/{kode}/{tahun}", "harus memuat {seq}"),
        ("050/{seq/{tahun}", "harus berpasangan"),
        ("   ", "wajib diisi"),
        ("050/{seq}/{kode:03d}", "tidak sah"),
    ],
)
def test_a_bad_format_is_refused_naming_the_problem(demo_db: Database, fmt: str, says: str) -> None:
    # GIVEN the stored (default) format
    before = letter_settings(demo_db)
    # WHEN the administrator saves a bad format THEN it is refused with the problem named, on the format field
    with pytest.raises(ValidationError) as info:
        update_letter_settings(demo_db, SYSTEM, LetterSettings(fmt, "35.99.01"))
    assert says in info.value.message and info.value.field == "agenda_format"
    # AND nothing was stored
    assert letter_settings(demo_db) == before


def test_good_formats_pass_and_the_allowed_list_is_named() -> None:
    # GIVEN formats using every placeholder, a zero-padded number and literal braces THEN they pass
    assert check_format(" 005/{seq:03d}/{kode}/{bulan}/{tahun} ") == "005/{seq:03d}/{kode}/{bulan}/{tahun}"
    assert check_format("{{A}}-{seq}") == "{{A}}-{seq}"
    # AND an unknown placeholder's message lists what may be used
    with pytest.raises(ValidationError, match=r"\{seq\}, \{kode\}, \{tahun\}, \{bulan\}"):
        check_format("{no}/{seq}")


def test_next_number_example_follows_the_register_without_saving(demo_db: Database) -> None:
    # GIVEN two letters registered in 2025 under the demo office's format (after its berita acara, number 1)
    for subject in ("Laporan TW III", "Laporan PK"):
        register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", subject))
    typed = LetterSettings("005/{seq:03d}/{kode}/{bulan}/{tahun}", "35.99.01")
    # WHEN the example for a typed (unsaved) format is asked for a day in 2025 and one in 2026
    # THEN it shows the fifth number of 2025 (the demo registered 1 and 2, this test 3 and 4) and the first of 2026
    assert next_number_example(demo_db, typed, dt.date(2025, 11, 3)) == "005/005/35.99.01/XI/2025"
    assert next_number_example(demo_db, typed, dt.date(2026, 1, 5)) == "005/001/35.99.01/I/2026"
    # AND nothing was stored: the next letter still uses the office's format
    third = register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", "Laporan LKj"))
    assert third.agenda_number == f"000.8/005/{CODE}/2025"
    # AND a bad typed format gives the same message as saving it would
    with pytest.raises(ValidationError, match=r"\{no\}"):
        next_number_example(demo_db, LetterSettings("{no}/{seq}", ""), DAY)


def test_saving_the_format_is_audited_and_only_for_the_administrator(demo_db: Database) -> None:
    # GIVEN a Kasi THEN changing the format is refused
    kasi = actor_for(demo_db, "kasi_ekbang", DAY)
    with pytest.raises(PermissionDenied):
        update_letter_settings(demo_db, kasi, LetterSettings("005/{seq}/{kode}/{tahun}", "X"))
    # WHEN the administrator saves a new format and code
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    update_letter_settings(demo_db, admin, LetterSettings("005/{seq}/{kode}/{tahun}", " 35.99.01 "))
    # THEN the settings hold it (code trimmed) and the audit trail names who changed what, old and new
    assert letter_settings(demo_db) == LetterSettings("005/{seq}/{kode}/{tahun}", "35.99.01")
    with demo_db.reading() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.operation == "Ubah format nomor surat")).all()
        entries = [(r.actor_name, json.loads(r.old or "{}"), json.loads(r.new)) for r in rows]
    old = {"letter_agenda_format": DEMO_FORMAT}
    assert (admin.name, old, {"letter_agenda_format": "005/{seq}/{kode}/{tahun}"}) in entries
    assert any(new == {"letter_office_code": "35.99.01"} for _, _, new in entries)


def test_lampiran_text_spells_the_count() -> None:
    # GIVEN counts of attachments THEN the Lampiran line spells them the Indonesian way
    assert lampiran_text(1) == "1 (satu) berkas"
    assert lampiran_text(2, "  eksemplar ") == "2 (dua) eksemplar"
    assert lampiran_text(11, "") == "11 (sebelas) berkas"
    assert lampiran_text(0) == "-"


def test_sifat_lampiran_and_tembusan_are_kept_and_printed(demo_db: Database) -> None:
    # GIVEN a letter marked Segera, with two attachments and three copies (one blank line typed between)
    letter = register_letter(
        demo_db,
        SYSTEM,
        LetterInput(
            DAY,
            "Bupati Contoh",
            "Penyampaian Laporan Kinerja Triwulan III Tahun 2025",
            lampiran_text(2),
            nature="Segera",
            copies_to=("Sekretaris Daerah Kabupaten Contoh", "  ", "Inspektur  Kabupaten Contoh", "Arsip"),
        ),
    )
    # THEN the register keeps them (blank lines dropped, spaces tidied)
    kept = get_letter(demo_db, letter.id)
    assert kept.nature == "Segera" and kept.attachment == "2 (dua) berkas"
    assert kept.copies_to == ("Sekretaris Daerah Kabupaten Contoh", "Inspektur Kabupaten Contoh", "Arsip")
    # WHEN the cover letter is printed
    flat = _flat(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    # THEN the Nomor/Sifat/Lampiran/Hal block, the addressee with 'di – TEMPAT' and the numbered Tembusan show,
    # the Tembusan after the signature
    assert f"Nomor : 000.8/003/{CODE}/2025 Sifat : Segera Lampiran : 2 (dua) berkas Hal : Penyampaian" in flat
    assert "Kepada Yth. Bupati Contoh di – TEMPAT" in flat
    tembusan = "Tembusan: 1. Sekretaris Daerah Kabupaten Contoh 2. Inspektur Kabupaten Contoh 3. Arsip"
    assert tembusan in flat
    assert flat.index("NIP. ") < flat.index("Tembusan:")


def test_a_plain_letter_is_biasa_without_tembusan_and_a_bad_sifat_is_refused(demo_db: Database) -> None:
    # GIVEN a letter registered without sifat, lampiran or tembusan
    letter = register_letter(demo_db, SYSTEM, LetterInput(DAY, "Inspektur Kabupaten Contoh", "Laporan"))
    flat = _flat(catalog.preview(demo_db, DocRequest(kind="surat-pengantar", letter_id=letter.id))[0])
    # THEN it prints Sifat Biasa, Lampiran '-' and no Tembusan heading
    assert "Sifat : Biasa Lampiran : -" in flat and "Tembusan" not in flat
    # WHEN a sifat outside the list is given THEN it is refused naming the choices, and nothing is registered
    with pytest.raises(ValidationError, match="Biasa, Segera, Penting, Rahasia") as info:
        register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", "Hal", nature="Kilat"))
    assert info.value.field == "nature"
    with pytest.raises(ValidationError, match="Tembusan baris 1"):
        register_letter(demo_db, SYSTEM, LetterInput(DAY, "Bupati Contoh", "Hal", copies_to=("x" * 251,)))
    assert get_letter(demo_db, letter.id).seq == 3  # 1 and 2 of 2025 are the demo's berita acara and surat pengantar
    assert next_number_example(demo_db, letter_settings(demo_db), DAY) == f"000.8/004/{CODE}/2025"
