"""Issue #12 §4, the LKj meets its sistematika (regulations.md §1.3, §1.5), read from the printed PDF:

- Bab III compares realisasi and capaian of n-2, n-1 and n ("–" and a note where the program holds no year), and
  the realisasi with the Renstra's end target and the progress made towards it;
- "Perbandingan dengan standar nasional" only for an indicator the office entered a benchmark for;
- Lampiran 1 is the signed Perjanjian Kinerja itself;
- charts readable on paper (a panel per indicator, names in full), "Gambar n" and "Tabel n" numbered without gaps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from sakip_desktop.documents.lkj.output import render_lkj
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning.renstra import IndicatorInput, update_indicator
from sakip_desktop.ops.planning.views import IndicatorView, planning_tree
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database
from tests._lkj_ready import finish_lkj

DAY = dt.date(2025, 10, 20)
SPM = "SPM 100% (Permendagri 59/2021); rata-rata kabupaten 78,40"


def _pages(db: Database, tmp_path: Path, name: str = "lkj.pdf") -> list[str]:
    out = tmp_path / name
    render_lkj(db, 2025, out, day=dt.date(2026, 1, 20))
    return [page.extract_text() for page in PdfReader(str(out)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body(pages: list[str]) -> str:
    """Everything before Lampiran 1 (the PK reproduced there keeps its own table numbers)."""
    text = "\n".join(pages)
    return text[: text.index("LAMPIRAN 1\nPERJANJIAN KINERJA", text.index("DAFTAR ISI") + 200)]


def _indicator(db: Database, code: str) -> IndicatorView:
    return next(
        i for p in planning_tree(db) for g in p.goals for o in g.objectives for i in o.indicators if i.code == code
    )


def _set_benchmark(db: Database, code: str, benchmark: str) -> None:
    v = _indicator(db, code)
    data = IndicatorInput(
        v.code, v.name, v.unit, v.polarity, v.aggregation, v.definition, v.formula, v.data_source,
        v.responsible_unit_id, v.is_key, v.scale_id, v.baseline, v.sort_order, benchmark=benchmark,
    )  # fmt: skip
    update_indicator(db, actor_for(db, "kasubag_renkeu", DAY), v.id, data)


def test_bab3_compares_n2_n1_n_and_marks_the_years_the_program_does_not_hold(demo_db: Database, tmp_path) -> None:
    # GIVEN the demo office, whose program holds 2025 only (TW I-III)
    pages = _pages(demo_db, tmp_path)
    body = _body(pages)
    # THEN each sasaran has the table of 2023, 2024 and 2025 (s.d. TW III, the year is not final), realisasi and capaian
    assert "Realisasi dan Capaian Sasaran S1 Tahun 2023–2025" in body
    page = next(p for p in pages if "Realisasi dan Capaian Sasaran S1 Tahun 2023–2025" in p)
    assert "2023 2024 2025 (s.d. TW III)" in _flat(page)
    assert "Realisasi Capaian Realisasi Capaian Realisasi Capaian" in _flat(page)
    # AND the earlier years print "–" with a note that says why, once under each table, no drafting text
    assert "– – – – 68,92 99,88%" in _flat(page)
    assert _flat(body).count("Tanda – berarti realisasi tahun 2023 dan 2024 tidak tercatat dalam aplikasi SAKIP.") == 5
    assert "belum tercatat dalam program" not in body and "tuliskan" not in body.lower()


def test_an_earlier_year_the_program_holds_prints_its_realisasi_and_capaian(demo_db: Database, tmp_path) -> None:
    # GIVEN IK01 (last value) with a 2024 target 67,5 and the four quarters of 2024 approved, TW IV 66,85
    ik01 = _indicator(demo_db, "IK01").id
    with demo_db.transaction() as s:
        s.add(m.YearlyTarget(indicator_id=ik01, year=2024, value=Decimal("67.5")))
        for quarter, value in enumerate(("60", "62.5", "64", "66.85"), start=1):
            s.add(m.Realisation(indicator_id=ik01, year=2024, quarter=quarter, value=Decimal(value), status="APPROVED"))
    # WHEN the LKj 2025 is printed
    pages = _pages(demo_db, tmp_path)
    page = _flat(next(p for p in pages if "Realisasi dan Capaian Sasaran S1 Tahun 2023–2025" in p))
    # THEN 2024 shows IK01's realisasi and capaian, 2023 still "–", IK02 (nothing in 2024) "–" in 2024 too
    assert "– – 66,85 99,04% 68,92 99,88%" in page
    assert "Kecamatan % – – – – 75,10 100,13%" in page
    # AND the note says where "–" stands: an indicator without realisasi in a year, all of 2023
    note = "Tanda – berarti realisasi indikator pada tahun itu tidak tercatat dalam aplikasi SAKIP"
    assert f"{note} (tahun 2023 seluruhnya)." in page
    # AND S1's chart shows the capaian per year (2023-2025), not per quarter
    assert "Capaian Indikator Sasaran S1 Tahun 2023–2025 (s.d. TW III)" in _flat("\n".join(pages))


def test_the_renstra_table_shows_the_end_target_and_the_progress_on_a_final_year(demo_db: Database, tmp_path) -> None:
    # GIVEN a not final year: the progress waits for the whole year
    draft = _flat(_body(_pages(demo_db, tmp_path, "draft.pdf")))
    assert "Kemajuan dihitung setelah realisasi tahun 2025 final." in draft
    # WHEN every realisasi of 2025 is approved (TW IV = TW III's value) and every section saved
    finish_lkj(demo_db, 2025)
    body = _flat(_body(_pages(demo_db, tmp_path)))
    # THEN IK01 shows kondisi awal 58,20, target akhir 72,50 (2026), realisasi 68,92, 95,06% of the end target and
    # (68,92 − 58,20) ÷ (72,50 − 58,20) = 74,97% of the way from the kondisi awal
    assert "Kondisi Awal (2020) Target Akhir Renstra (2026) Realisasi 2025" in body
    assert "nilai 58,20 72,50 68,92 95,06% 74,97%" in body
    assert "Kemajuan: (realisasi − kondisi awal) ÷ (target akhir − kondisi awal) × 100%." in body
    assert "Kemajuan dihitung setelah" not in body


def test_standar_nasional_only_where_the_office_entered_a_benchmark(demo_db: Database, tmp_path) -> None:
    # GIVEN no benchmark: no analysis 4 anywhere
    before = _flat(_body(_pages(demo_db, tmp_path, "before.pdf")))
    assert "standar nasional" not in before.lower()
    # WHEN the Kasubag enters a benchmark for IK06 (S3) through the indicator's write road
    _set_benchmark(demo_db, "IK06", SPM)
    body = _flat(_body(_pages(demo_db, tmp_path)))
    # THEN S3 alone has the sub-heading and a table with IK06's realisasi beside the benchmark
    assert body.count("Perbandingan dengan standar nasional") == 1
    start = body.index("Sasaran S3:")
    assert start < body.index("Perbandingan dengan standar nasional") < body.index("Sasaran S4:")
    assert "Realisasi Sasaran S3 Dibanding Standar Nasional/Pembanding" in body
    name = _indicator(demo_db, "IK06").name
    assert re.search(re.escape(name) + r" \S+ [\d.,]+ " + re.escape(SPM), body)
    # AND the change is audited with its Indonesian label
    with demo_db.reading() as s:
        row = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.id == s.scalar(select(func.max(m.AuditEntry.id))))
        ).one()
        assert json.loads(row.new) == {"benchmark": SPM}


def test_lampiran_1_is_the_signed_pk_itself(demo_db: Database, tmp_path) -> None:
    pages = _pages(demo_db, tmp_path)
    start = next(n for n, p in enumerate(pages) if "LAMPIRAN 1\nPERJANJIAN KINERJA" in p and "Daftar Isi" not in p)
    end = next(n for n, p in enumerate(pages) if "LAMPIRAN 2" in p and n > start)
    lampiran = _flat("\n".join(pages[start:end]))
    # THEN it has the kop, the PK's title and number, its statement, both parties and their signatures twice
    assert "PEMERINTAH KABUPATEN CONTOH" in lampiran
    assert "PERJANJIAN KINERJA TAHUN 2025 Nomor: 000.8.3/011/35.99.01/2025" in lampiran
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif" in lampiran
    assert "selaku atasan langsung pihak pertama" in lampiran
    assert lampiran.count("PIHAK KEDUA,") == 2 and lampiran.count("Ardiansyah Nugroho, S.STP., M.Si.") >= 3
    # AND the PK's own tables with the Target figure and the Satuan apart, as the PK document prints them
    assert "Tabel 1. Sasaran, Indikator Kinerja dan Target" in lampiran
    assert "Tabel 2. Program dan Anggaran" in lampiran and "Jumlah 1.813.450.000" in lampiran


def test_tables_and_figures_are_numbered_without_gaps(demo_db: Database, tmp_path) -> None:
    body = _body(_pages(demo_db, tmp_path))
    tables = [int(n) for n in re.findall(r"\bTabel (\d+)\. [A-Z]", body)]
    figures = [int(n) for n in re.findall(r"\bGambar (\d+)\. [A-Z]", body)]
    # THEN Tabel 1, 2, 3, … and Gambar 1, 2, … each once, in order (no "Tabel 3.1.6" after "3.1.3")
    assert tables == list(range(1, len(tables) + 1)) and len(tables) >= 25
    assert figures == list(range(1, len(figures) + 1)) and len(figures) == 7
    assert not re.search(r"Tabel \d+\.\d", body)


def test_charts_print_every_label_in_full(demo_db: Database, tmp_path) -> None:
    pages = _pages(demo_db, tmp_path)
    text = _flat("\n".join(pages))
    figure1 = _flat(next(p for p in pages if "Gambar 1." in p))
    # THEN the sasaran chart names each sasaran whole (wrapped, never cut with "…")
    assert "S5 Meningkatnya partisipasi masyarakat dalam perencanaan pembangunan dan kesejahteraan sosial" in figure1
    # AND S1's chart has one panel per indicator, titled with its full name, each column's capaian printed
    figure2 = _flat(next(p for p in pages if "Gambar 2." in p))
    for name in (
        "Nilai Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (AKIP) Kecamatan",
        "Persentase realisasi anggaran Kecamatan",
        "Jumlah dokumen perencanaan dan pelaporan kinerja yang disampaikan tepat waktu",
    ):
        assert name in figure2
    assert "TW I 99,04% TW II 98,31% TW III 99,88% TW IV –" in figure2  # TW IV: no realisasi yet, no column
    assert "…" not in figure1 + figure2 and "Gambar 2. Capaian s.d. Triwulan Indikator Sasaran S1" in text


def test_a_benchmark_is_one_line_of_at_most_300_characters(demo_db: Database) -> None:
    import pytest

    from sakip_desktop.errors import ValidationError

    # WHEN a benchmark over 300 characters is saved THEN it is refused naming the field
    with pytest.raises(ValidationError, match="paling panjang 300") as caught:
        _set_benchmark(demo_db, "IK06", "x" * 301)
    assert caught.value.field == "benchmark"
    # AND one with line breaks is stored on one line; an update that does not name it keeps it
    _set_benchmark(demo_db, "IK06", "  SPM\n 100%  ")
    v = _indicator(demo_db, "IK06")
    assert v.benchmark == "SPM 100%"
    data = dataclasses.replace(
        IndicatorInput(v.code, "Nama baru", v.unit, v.polarity, v.aggregation), scale_id=v.scale_id
    )
    update_indicator(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), v.id, data)
    assert _indicator(demo_db, "IK06").benchmark == "SPM 100%"


def test_lampiran_1_keeps_the_signed_pk_while_a_pk_perubahan_is_a_draft(demo_db: Database, tmp_path) -> None:
    from sakip_desktop.ops.agreements.revision import start_revision
    from sakip_desktop.ops.agreements.views import list_agreements

    # GIVEN a PK Perubahan of the office started (a draft, not signed yet)
    office = next(a for a in list_agreements(demo_db, 2025) if a.unit_id is None)
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    start_revision(demo_db, kasubag, office.agreement_id, "STRATEGI", "Target AKIP dinaikkan", "000.8.3/120/2025")
    # WHEN the LKj is printed THEN Lampiran 1 is still the signed PK, not the draft
    text = _flat("\n".join(_pages(demo_db, tmp_path)))
    lampiran = text[text.rindex("LAMPIRAN 1 PERJANJIAN KINERJA") :]
    assert "Nomor: 000.8.3/011/35.99.01/2025" in lampiran and "000.8.3/120/2025" not in lampiran


def test_an_lkj_without_a_signed_pk_is_a_draft_and_says_so(demo_db: Database) -> None:
    from sakip_desktop.ops.lkj.sections import lkj_view

    # GIVEN an office whose PK 2025 was never made final (set here on the row: no operation takes a PK back)
    finish_lkj(demo_db, 2025)
    assert lkj_view(demo_db, 2025).is_final
    with demo_db.transaction() as s:
        for row in s.scalars(select(m.PerformanceAgreement).where(m.PerformanceAgreement.unit_id.is_(None))):
            row.status = "DRAFT"
    # THEN the LKj lists it among what keeps it a draft (so it prints DRAF and cannot be marked signed)
    view = lkj_view(demo_db, 2025)
    assert not view.is_final
    assert view.missing == ("Perjanjian Kinerja kantor Tahun 2025 belum ditetapkan (final); Lampiran 1 memuatnya.",)


def test_the_planning_workbook_keeps_a_benchmark_it_does_not_carry(demo_db: Database, tmp_path) -> None:
    import openpyxl

    from sakip_desktop.exchange.rencana.apply import apply_rencana
    from sakip_desktop.exchange.rencana.read import read_rencana
    from sakip_desktop.exchange.rencana.write import export_rencana

    # GIVEN IK01 with a benchmark, and the plan exported with IK01's name changed in the workbook
    _set_benchmark(demo_db, "IK01", SPM)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    wb = openpyxl.load_workbook(path)
    wb["Indikator"]["B2"] = "Nilai AKIP Kecamatan (diubah)"
    wb.save(path)
    # WHEN it is imported
    apply_rencana(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), read_rencana(demo_db, path))
    # THEN the name changed and the benchmark stayed
    ik01 = _indicator(demo_db, "IK01")
    assert ik01.name == "Nilai AKIP Kecamatan (diubah)" and ik01.benchmark == SPM


def test_a_sasaran_with_many_indicators_breaks_its_chart_between_rows(demo_db: Database, tmp_path) -> None:
    from sakip_desktop.domain.achievement import Target
    from sakip_desktop.ops.planning.renstra import add_indicator
    from sakip_desktop.ops.planning.targets import set_year_targets

    # GIVEN S1 with 7 more indicators (10 in all), each with a long name and a 2025 target
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    s1 = next(o.id for p in planning_tree(demo_db) for g in p.goals for o in g.objectives if o.code == "S1")
    long = "Persentase dokumen perencanaan, penganggaran dan pelaporan kinerja perangkat daerah kecamatan yang"
    for n in range(7):
        new = add_indicator(demo_db, kasubag, s1, IndicatorInput(f"IKX{n}", f"{long} tersusun tepat waktu ({n})", "%"))
        set_year_targets(demo_db, kasubag, new, 2025, Target(Decimal(100)), [Target(Decimal(25))] * 4)
    # WHEN the LKj is printed THEN it lays out (a chart taller than a page would not), every panel titled in full
    pages = _pages(demo_db, tmp_path)
    text = _flat("\n".join(pages))
    assert all(f"{long} tersusun tepat waktu ({n})" in text for n in range(7))
    # AND the 5 rows of panels run on over the page after the caption's, a whole row on each page
    caption = next(n for n, p in enumerate(pages) if "Gambar 2." in p)
    axes = [_flat(p).count("(%) TW I ") for p in pages[caption : caption + 2]]  # one per panel
    assert sum(axes) == 10 and all(a % 2 == 0 and a > 0 for a in axes), axes
