"""The kabupaten's comparison of its kecamatan (issue 17), on a real PostgreSQL server: every figure equals the one
the kecamatan's own dasbor shows; the ranking and its measure; one kecamatan opened read-only; the .xlsx and PDF."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip_desktop.documents.kabupaten import summary_setup, write_pdf, write_xlsx
from sakip_desktop.errors import DatabaseReadOnly
from sakip_desktop.ops.home.dashboard import dashboard
from sakip_desktop.ops.kabupaten import across
from sakip_desktop.ops.kabupaten.comparison import compare, kecamatan_figures, rank
from sakip_desktop.ops.kabupaten.importing import LOADED, import_files
from sakip_desktop.ops.kabupaten.sources import READ_ONLY_MESSAGE, kecamatan_list, open_kecamatan, regency_logo
from sakip_desktop.ops.org import office
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack.checklist import checklist
from sakip_desktop.storage import consolidate
from sakip_desktop.storage.database import Database
from tests._kabupaten_files import backup_of, office_file, scale_figures, vary_office
from tests.conftest import DEMO_ANCHOR


@pytest.fixture(scope="module")
def kabupaten(pg_server, demo_template, tmp_path_factory):
    """Three kecamatan from the demo with their own identities and figures, imported: (url, their files)."""
    folder = tmp_path_factory.mktemp("kabupaten")
    name = pg_server.create_database()
    url = pg_server.url(name)
    offices = {}
    for code, kecamatan, factor in (("35.07.21", "Sukamaju", None), ("35.07.22", "Sukaraja", "0.8"),
                                    ("35.07.23", "Sidomulyo", "0.9")):  # fmt: skip
        path = office_file(demo_template, folder / kecamatan, name=kecamatan, region_code=code)
        if factor:
            scale_figures(path, factor)
        offices[code] = path
    files = [backup_of(path, folder / f"flash-{code}") for code, path in offices.items()]
    assert [o.status for o in import_files(url, files, imported_by="Rina")] == [LOADED] * 3
    yield url, offices
    pg_server.drop_database(name)


def test_every_figure_is_the_one_the_kecamatan_dasbor_shows(kabupaten):
    url, offices = kabupaten
    # WHEN the kabupaten compares its kecamatan for TW III 2025
    cmp = compare(url, 2025, 3, DEMO_ANCHOR)
    assert [r.kecamatan.region_code for r in cmp.rows] == list(offices)
    # THEN each row's figures are those of the kecamatan's own dasbor and checklist, read from its own file
    for row in cmp.rows:
        db = Database.open(offices[row.kecamatan.region_code])
        try:
            board = dashboard(db, 2025, 3, DEMO_ANCHOR)
            pack = checklist(db, 2025, DEMO_ANCHOR)
        finally:
            db.close()
        assert row.achievement == board.scale.shown(board.office.achievement) is not None
        assert [(o.code, o.achievement) for o in row.objectives] == [(o.code, o.shown) for o in board.objectives]
        assert (row.ceiling, row.spent, row.absorption) == (
            board.budget.total.ceiling,
            board.budget.total.spent_to_date,
            board.budget.total.absorption,
        )
        e81 = next(r for r in pack if r.item.code == "e81" and r.quarter == 3)
        assert row.e81 is not None and (row.e81.status, row.e81.deadline) == (e81.status_label, e81.deadline_text)
        assert row.indicators == len(board.indicators) and row.no_data == board.no_data
    # the three differ: the scaled kecamatan have lower capaian and serapan
    by_code = {r.kecamatan.region_code: r for r in cmp.rows}
    assert by_code["35.07.22"].achievement < by_code["35.07.23"].achievement < by_code["35.07.21"].achievement
    assert by_code["35.07.22"].absorption < by_code["35.07.21"].absorption


def test_the_ranking_goes_from_the_highest_capaian_and_says_its_measure(kabupaten):
    url, _ = kabupaten
    cmp = compare(url, 2025, 3, DEMO_ANCHOR)
    assert [(line.rank, line.figures.kecamatan.office_name) for line in cmp.ranking] == [
        (1, "Sukamaju"),
        (2, "Sidomulyo"),
        (3, "Sukaraja"),
    ]
    assert cmp.measure.startswith("Peringkat menurut rata-rata capaian kinerja s.d. TW III 2025")
    assert "dasbor Camat masing-masing kecamatan" in cmp.measure and "serapan anggaran" in cmp.measure
    # a year without data: nobody is ranked, and nothing breaks
    empty = compare(url, 2019, 1, DEMO_ANCHOR)
    assert [line.rank for line in empty.ranking] == [None, None, None]


def test_kecamatan_equal_in_capaian_and_serapan_share_their_place(kabupaten):
    # GIVEN the comparison and a fourth kecamatan with exactly Sukamaju's figures
    url, _ = kabupaten
    cmp = compare(url, 2025, 3, DEMO_ANCHOR)
    first = cmp.ranking[0].figures
    twin = replace(first, kecamatan=replace(first.kecamatan, region_code="35.07.20", office_name="Kembar"))
    # WHEN they are ranked THEN the two share place 1 and the next is 3 (1, 1, 3, 4), whatever their kode
    ranked = [(line.rank, line.figures.kecamatan.office_name) for line in rank((*cmp.rows, twin))]
    assert ranked == [(1, "Kembar"), (1, "Sukamaju"), (3, "Sidomulyo"), (4, "Sukaraja")]
    assert "peringkatnya sama" in cmp.measure


def test_a_kecamatan_opened_from_the_kabupaten_refuses_every_change(kabupaten):
    url, _ = kabupaten
    kecamatan = kecamatan_list(url)[0]
    db = open_kecamatan(url, kecamatan)
    try:
        admin = actor_for(db, "kasubag_renkeu", DEMO_ANCHOR)
        profile = office.get_profile(db)
        with pytest.raises(DatabaseReadOnly) as refused:
            office.update_profile(db, admin, office.OfficeProfile(**{**profile.__dict__, "phone": "0"}))
        assert refused.value.message == READ_ONLY_MESSAGE
        # the server itself refuses a write that goes past the program
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        with pytest.raises(DBAPIError, match="read-only transaction"), db.engine.begin() as conn:
            conn.execute(text("UPDATE office SET phone = '0'"))
        assert office.get_profile(db).phone == profile.phone
    finally:
        db.close()


def test_the_comparison_exports_to_xlsx_and_prints_a_summary(kabupaten, tmp_path):
    url, _ = kabupaten
    cmp = compare(url, 2025, 3, DEMO_ANCHOR)
    write_xlsx(cmp, tmp_path / "perbandingan.xlsx")
    wb = load_workbook(tmp_path / "perbandingan.xlsx")
    assert wb.sheetnames[:3] == ["Peringkat", "Perbandingan", "Capaian per sasaran"]
    cells = [[c.value for c in row] for row in wb["Peringkat"].iter_rows()]
    first = next(row for row in cells if row[0] == 1)
    assert first[1] == "Kecamatan Sukamaju" and first[2] == "35.07.21"
    # percentages are numbers in the sheet ('99,61%' is 99.61 shown with a % sign), equal to the comparison's
    assert Decimal(str(first[3])) == cmp.ranking[0].figures.achievement.quantize(Decimal("0.01"))
    assert any(str(v).startswith("Peringkat menurut rata-rata capaian") for row in cells for v in row if v)
    pages = write_pdf(cmp, summary_setup(cmp, regency_logo(url, kecamatan_list(url))), tmp_path / "ringkasan.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "ringkasan.pdf").pages)
    assert pages >= 1
    assert "RINGKASAN KINERJA KECAMATAN" in text and "KABUPATEN CONTOH" in text and "TRIWULAN III TAHUN 2025" in text
    for row in cmp.rows:
        assert f"Kecamatan {row.kecamatan.office_name}" in text
    top = cmp.ranking[0].figures.achievement
    assert f"{top:.2f}".replace(".", ",") + "%" in text


@pytest.fixture(scope="module")
def varied(pg_server, demo_template, tmp_path_factory):
    """Three kecamatan whose figures, packs, LKj and settings differ (one with an LKE self-assessment): the url."""
    folder = tmp_path_factory.mktemp("varied")
    name = pg_server.create_database()
    url = pg_server.url(name)
    files = []
    for code, kecamatan, factor, average in (("35.07.31", "Ngadirejo", None, None),
                                             ("35.07.32", "Wonorejo", "0.7", "indicators"),
                                             ("35.07.33", "Sumberejo", "1.2", "objectives")):  # fmt: skip
        path = office_file(demo_template, folder / kecamatan, name=kecamatan, region_code=code)
        if factor:
            scale_figures(path, factor)
        if average:
            vary_office(path, average=average, with_lke=average == "indicators")
        files.append(backup_of(path, folder / f"flash-{code}"))
    assert [o.status for o in import_files(url, files, imported_by="Rina")] == [LOADED] * 3
    yield url
    pg_server.drop_database(name)


@pytest.mark.parametrize("year, quarter", [(2025, 3), (2025, 1), (2024, 4), (2025, 4), (2019, 2)])
def test_the_fast_comparison_equals_each_kecamatan_read_with_its_own_reads(varied, year, quarter):
    # WHEN the kabupaten compares (a few reads over every schema at once)
    fast = compare(varied, year, quarter, DEMO_ANCHOR)
    # THEN every column of every kecamatan is what the office's own reads give on its schema (the reference)
    listed = kecamatan_list(varied)
    assert [r.kecamatan for r in fast.rows] == listed and len(listed) == 3
    for row, kecamatan in zip(fast.rows, listed, strict=True):
        db = open_kecamatan(varied, kecamatan)
        try:
            assert row == kecamatan_figures(db, kecamatan, year, quarter, DEMO_ANCHOR), kecamatan.title
        finally:
            db.close()
    if (year, quarter) == (2025, 3):  # the data differ where the comparison shows them
        by_name = {r.kecamatan.office_name: r for r in fast.rows}
        assert by_name["Wonorejo"].lke.startswith("Penilaian mandiri") and by_name["Ngadirejo"].lke == ""
        assert by_name["Wonorejo"].e81 != by_name["Ngadirejo"].e81
        assert by_name["Wonorejo"].lkj_signed_on is not None and by_name["Ngadirejo"].lkj_signed_on is None
        assert by_name["Wonorejo"].average == "indicators" and by_name["Sumberejo"].average == "objectives"
        assert len({r.achievement for r in fast.rows}) == 3 and len({r.pack_text for r in fast.rows}) == 2


def test_the_fast_checklist_is_the_offices_own(varied):
    engine = consolidate.kabupaten_engine(varied)
    try:
        with engine.begin() as conn:
            listed, reads = across.read_all(conn, 2025, 3)
    finally:
        engine.dispose()
    for kecamatan, rows in zip(listed, reads, strict=True):
        db = open_kecamatan(varied, kecamatan)
        try:
            for year in (2025, 2024):
                own = [replace(r, printed=None) for r in checklist(db, year, DEMO_ANCHOR)]
                assert across._checklist(rows, year, DEMO_ANCHOR) == own, (kecamatan.title, year)
        finally:
            db.close()
