"""The annual LKj: data of the seven analyses, drafts, saved sections, the signature lock and the PDF."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from sakip_desktop.documents.lkj.output import build_lkj, render_lkj
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.lkj.drafts import sasaran_key
from sakip_desktop.ops.lkj.sections import LkjLocked, lkj_view, mark_signed, save_section, unlock
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.register import list_documents
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Realisation, YearlyTarget
from tests._lkj_ready import finish_lkj

SIGN_DAY = dt.date(2026, 2, 20)


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


@pytest.fixture
def kasubag(demo_db: Database):
    return login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")


@pytest.fixture
def camat(demo_db: Database):
    return login(demo_db, "camat", "camat123")


def test_data_holds_the_demo_figures_for_the_seven_analyses(demo_db: Database) -> None:
    # GIVEN the demo office (2025, TW I-III entered, TW IV empty)
    # WHEN the LKj data of 2025 is gathered
    data = lkj_data(demo_db, 2025)
    # THEN IK01 shows its latest value 68,92 against the target 69 s.d. TW III and the Renstra's end target 72,5 (2026)
    # (issue #12, one year rule: the year is not final, so s.d. TW III against the target s.d. TW III, as the FPK)
    ik01 = next(i for i in data.indicators if i.code == "IK01")
    assert ik01.actual == Decimal("68.92") and ik01.target.low == Decimal("69")
    assert ik01.renstra_final_year == 2026 and ik01.renstra_final_target == Decimal("72.5")
    assert ik01.baseline == Decimal("58.20")
    assert ik01.causes and "68,92" in ik01.causes[-1].supporting
    # AND TW IV is reported missing, TW III unapproved, so the draft can warn
    assert ik01.missing_quarters == (4,) and ik01.unapproved_quarters == (3,)
    # AND each sasaran knows its programs; S1's efficiency compares capaian with serapan over one period (issue #12
    # §3: s.d. TW III both sides, the serapan against the plan s.d. TW III: 100,01 / 103,65 × 100, was > 100 against
    # the whole pagu)
    s1 = data.sasaran[0]
    assert [p.code for p in s1.programs] == ["7.01.01"]
    assert s1.budget is not None and s1.budget.efficiency.quantize(Decimal("0.01")) == Decimal("96.49")


def test_previous_years_enter_analysis_two(demo_db: Database) -> None:
    # GIVEN a target and a realisasi of IK01 for 2024
    with demo_db.transaction() as s:
        ind = s.query(Realisation).filter_by(year=2025, quarter=1).first().indicator_id
        s.add(YearlyTarget(indicator_id=ind, year=2024, value=Decimal("67.5")))
        s.add(Realisation(indicator_id=ind, year=2024, quarter=4, value=Decimal("66.85"), status="APPROVED"))
    # WHEN the 2025 data is gathered
    data = lkj_data(demo_db, 2025)
    # THEN 2024 is a history year with its realisasi and capaian
    assert data.history_years == (2024,)
    point = next(i for i in data.indicators if i.indicator_id == ind).history[0]
    assert point.year == 2024 and point.actual == Decimal("66.85")
    assert point.achievement.quantize(Decimal("0.01")) == Decimal("99.04")


def test_drafts_carry_the_numbers_in_indonesian_format(demo_db: Database) -> None:
    # GIVEN nothing saved yet
    view = lkj_view(demo_db, 2025)
    # THEN the drafts fill every section: the ikhtisar has the office's capaian and the budget in Rupiah
    # (issue #12: a section with nothing to print yet, e.g. no national standard, has notes for the editor instead)
    assert all((s.draft or s.notes) and not s.is_saved for s in view.sections)
    ikhtisar = view.text("ikhtisar")
    # (issue #12, one year rule: the office's rata-rata s.d. TW III, 99,61% as the FPK prints it)
    assert "99,61%" in ikhtisar and "Rp1.813.450.000,00" in ikhtisar
    # AND analysis 1 of S1 names IK01's target, realisasi and capaian; analysis 5 quotes the Kasi
    s1 = view.data.sasaran[0]
    a1 = view.text(sasaran_key(s1.objective_id, 1))
    assert "target 69 nilai, realisasi 68,92 nilai, capaian 99,88%" in a1
    assert "upaya: Melengkapi kertas kerja pengukuran" in view.text(sasaran_key(s1.objective_id, 5))


def test_saved_text_survives_and_is_printed(demo_db: Database, kasubag, tmp_path: Path) -> None:
    # GIVEN the Kasubag writes the benchmark of S1
    s1 = lkj_view(demo_db, 2025).data.sasaran[0]
    key = sasaran_key(s1.objective_id, 4)
    save_section(demo_db, kasubag, 2025, key, "Rata-rata nilai AKIP kecamatan se-Kabupaten Contoh 64,10.")
    # WHEN the view is read again and the PDF built
    view = lkj_view(demo_db, 2025)
    pdf = render_lkj(demo_db, 2025, tmp_path / "lkj.pdf", day=SIGN_DAY)
    # THEN the text is saved and printed in Bab III
    assert view.section(key).is_saved and view.section(key).updated_by
    assert any("se-Kabupaten Contoh 64,10" in t for t in _text(tmp_path / "lkj.pdf"))
    # AND saving an empty text returns the section to its draft
    save_section(demo_db, kasubag, 2025, key, "  ")
    assert not lkj_view(demo_db, 2025).section(key).is_saved
    assert pdf.pages > 10


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_pdf_has_chapters_contents_numbers_and_signature(demo_db: Database, kasubag, tmp_path: Path, paper) -> None:
    # WHEN the LKj is built and recorded
    out = tmp_path / f"lkj-{paper}.pdf"
    result = build_lkj(demo_db, kasubag, 2025, out, paper=paper, day=SIGN_DAY)
    pages = _text(out)
    reader = PdfReader(str(out))
    # THEN the pages have the paper's size (A4 297 mm, F4 330 mm tall)
    height_mm = float(reader.pages[1].mediabox.height) / 72 * 25.4
    assert round(height_mm) == {"A4": 297, "F4": 330}[paper]
    # AND the cover, the chapters and the lampiran are there
    text = "\n".join(pages)
    assert "LAPORAN KINERJA" in pages[0] and "TAHUN 2025" in pages[0] and "KABUPATEN CONTOH" in pages[0]
    for heading in ("BAB I", "PENDAHULUAN", "BAB II", "PERENCANAAN KINERJA", "BAB III", "AKUNTABILITAS KINERJA",
                    "BAB IV", "PENUTUP", "LAMPIRAN 1", "LAMPIRAN 2", "FORMULIR PENGUKURAN KINERJA"):  # fmt: skip
        assert heading in text, heading
    # AND the daftar isi gives the page numbers printed on the pages where the headings really are
    toc = next(p for p in pages if "DAFTAR ISI" in p)
    listed = dict(re.findall(r"^(.+)\n([ivx]+|\d+)\n \.", toc, flags=re.MULTILINE))
    printed = {p.splitlines()[1].strip(): p for p in pages[1:]}  # line 1 is the footer, line 2 the number
    assert listed["Kata Pengantar"] == "i" and listed["BAB I PENDAHULUAN"] == "1"
    for entry, heading in (("BAB III AKUNTABILITAS KINERJA", "AKUNTABILITAS KINERJA"), ("BAB IV PENUTUP", "PENUTUP"),
                           ("Lampiran 2 Formulir Pengukuran Kinerja", "FORMULIR PENGUKURAN KINERJA")):  # fmt: skip
        assert heading in printed[listed[entry]], entry
    assert len(listed) >= 20
    # AND capaian and money in Indonesian format, the Camat's signature with NIP and date
    assert "99,88%" in text and "1.813.450.000" in text  # IK01 s.d. TW III (issue #12, one year rule)
    assert "Contoh, 20 Februari 2026" in pages[1] and "CAMAT CONTOH," in pages[1]
    assert re.search(r"NIP\. \d{8} \d{6} \d \d{3}", pages[1])
    # AND the register has the document; its version and data hash stay there, off the paper (issue #12)
    record = list_documents(demo_db, 2025, "lkj")[0]
    assert record.pages == result.pages == len(pages) and record.paper == paper == result.paper
    assert f"Data {record.short_hash}" not in pages[2] and "Laporan Kinerja Tahun 2025" in pages[2]


def test_signing_locks_the_year(demo_db: Database, kasubag, camat) -> None:
    # GIVEN a saved section
    save_section(demo_db, kasubag, 2025, "bab4.simpulan", "Kinerja baik.")
    finish_lkj(demo_db, 2025)  # issue #12: only a reviewed LKj with final figures may be marked signed
    # WHEN a Kasubag tries to sign, it is refused; the Camat marks it signed
    with pytest.raises(PermissionDenied):
        mark_signed(demo_db, kasubag, 2025, SIGN_DAY)
    mark_signed(demo_db, camat, 2025, SIGN_DAY)
    # THEN saving is refused with the date in the message, and the text is unchanged
    with pytest.raises(LkjLocked, match="20 Februari 2026"):
        save_section(demo_db, kasubag, 2025, "bab4.simpulan", "Diubah.")
    view = lkj_view(demo_db, 2025)
    assert view.signed.signed_on == SIGN_DAY and view.text("bab4.simpulan") == "Kinerja baik."
    # AND the Camat can lift the lock for a revision, after which saving works again
    unlock(demo_db, camat, 2025, "Revisi angka TW IV")
    save_section(demo_db, kasubag, 2025, "bab4.simpulan", "Kinerja baik sekali.")
    assert lkj_view(demo_db, 2025).text("bab4.simpulan") == "Kinerja baik sekali."


def test_signed_date_is_printed_after_signing(demo_db: Database, camat, tmp_path: Path) -> None:
    # GIVEN the Camat marked the LKj signed on 27 Februari 2026
    finish_lkj(demo_db, 2025)
    mark_signed(demo_db, camat, 2025, dt.date(2026, 2, 27))
    # WHEN it is printed again (another day asked for)
    render_lkj(demo_db, 2025, tmp_path / "x.pdf", day=dt.date(2026, 3, 5))
    # THEN the signature carries the signing date
    assert "Contoh, 27 Februari 2026" in _text(tmp_path / "x.pdf")[1]
