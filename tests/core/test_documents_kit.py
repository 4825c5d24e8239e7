"""The document kit: kop, signature blocks (NIP grouping, PPPK, Plt./Plh.), paper sizes, long tables."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from sakip_desktop.documents import kit
from sakip_desktop.domain.roles import ActingKind, Employment, Role
from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.org.acting import ActingInput, add_acting
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.org.people import list_people
from sakip_desktop.storage.database import Database
from tests.conftest import DEMO_DAY


def _pdf(setup: kit.DocSetup, story: list, **kw) -> tuple[int, PdfReader, list[str]]:
    buffer = io.BytesIO()
    pages = kit.build_pdf(setup, story, buffer, title="Uji", **kw)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    return pages, reader, [p.extract_text() for p in reader.pages]


def _signature_pdf(setup: kit.DocSetup, signer: kit.Signer) -> str:
    story = [kit.signature_block(setup, signer, place_date=kit.place_date(setup, dt.date(2025, 1, 17)))]
    return _pdf(setup, story, kop="none")[2][0]


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("F4", (215, 330))])
def test_kop_on_first_page_and_paper_size(demo_db: Database, paper: str, size_mm: tuple[int, int]) -> None:
    # GIVEN the demo office printing on A4 or F4
    setup = kit.load_setup(demo_db, paper=paper)
    st = kit.styles()
    # WHEN a two-page document is built with the kop on the first page only
    pages, reader, texts = _pdf(
        setup,
        [
            kit.para("Isi halaman satu", st.body),
            *kit.orientation_break("portrait"),
            kit.para("Isi halaman dua", st.body),
        ],
    )
    # THEN the kop names the regency, the office and its contacts, once, and the page has the paper's size
    assert pages == 2
    assert "PEMERINTAH KABUPATEN CONTOH" in texts[0] and "KECAMATAN CONTOH" in texts[0]
    assert "Telepon (0341) 491275" in texts[0] and "Pos-el kec.contoh@contohkab.go.id" in texts[0]
    # AND the address runs jalan, desa, kecamatan, kabupaten, provinsi, kode pos, none abbreviated
    address = " ".join(texts[0].split())
    assert (
        "Jalan Raya Contoh Nomor 17, Desa Karangrejo, Kecamatan Contoh, Kabupaten Contoh, Jawa Timur, 65152" in address
    )
    assert "PEMERINTAH KABUPATEN" not in texts[1]
    assert "Halaman 1 dari 2" in texts[0] and "Halaman 2 dari 2" in texts[1]
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == size_mm


def test_kop_every_page_and_landscape_turn(demo_db: Database) -> None:
    # GIVEN a document that wants the kop on every page and turns to landscape on page 2
    setup = kit.load_setup(demo_db)
    st = kit.styles()
    # WHEN it is built
    _, reader, texts = _pdf(
        setup, [kit.para("Satu", st.body), *kit.orientation_break("landscape"), kit.para("Dua", st.body)], kop="every"
    )
    # THEN both pages carry the kop and the second page lies on its side
    assert all("KECAMATAN CONTOH" in t for t in texts)
    assert float(reader.pages[1].mediabox.width) > float(reader.pages[1].mediabox.height)


def test_missing_logo_still_prints_and_broken_logo_is_refused(demo_db: Database) -> None:
    # GIVEN the office without a logo, and one whose logo is not an image
    setup = replace(kit.load_setup(demo_db), logo=None)
    # WHEN the kop is printed without a logo THEN the text is there all the same
    assert "KECAMATAN CONTOH" in _pdf(setup, [])[2][0]
    # WHEN the logo bytes are garbage THEN a clear Indonesian error names the logo
    with pytest.raises(ValidationError, match="Logo kantor"):
        _pdf(replace(setup, logo=b"bukan gambar"), [])


def test_signature_block_prints_jabatan_name_pangkat_and_grouped_nip(demo_db: Database) -> None:
    # GIVEN the Camat of the demo office on an ordinary day
    setup = kit.load_setup(demo_db)
    camat = kit.office_signer(demo_db, dt.date(2025, 12, 31))
    # WHEN the signature block is printed
    text = _signature_pdf(setup, camat)
    # THEN place and date, "CAMAT CONTOH,", the name, pangkat (golongan) and the NIP grouped 8-6-1-3 appear in order
    nip = camat.nip
    grouped = f"NIP. {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    order = ["Contoh, 17 Januari 2025", "CAMAT CONTOH,", camat.name, "Pembina Tk. I (IV/b)", grouped]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), text


def test_nip_unspaced_when_the_setting_says_so(demo_db: Database) -> None:
    # GIVEN the office prints NIPs without spaces
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), nip_grouping=""))
    setup = kit.load_setup(demo_db)
    camat = kit.office_signer(demo_db, dt.date(2025, 12, 31))
    # WHEN the Camat's block is printed THEN the NIP is one run of 18 digits
    assert f"NIP. {camat.nip}" in _signature_pdf(setup, camat)


def test_pppk_signer_has_no_pangkat_line(demo_db: Database) -> None:
    # GIVEN a PPPK employee of the demo office (no golongan ruang)
    pppk = next(p for p in list_people(demo_db) if p.employment is Employment.PPPK)
    signer = kit.person_signer(demo_db, pppk.id)
    assert signer.rank == ""
    # WHEN the block is printed THEN the name is followed directly by the NIP, with no empty pangkat line
    text = _signature_pdf(kit.load_setup(demo_db), signer)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    name_at = lines.index(signer.name)
    assert lines[name_at + 1].startswith("NIP. ")


def test_plh_and_plt_camat_sign_with_prefix(demo_db: Database) -> None:
    # GIVEN the demo's Plh. Camat (11-15 Agustus 2025) and a Plt. Camat added for December
    setup = kit.load_setup(demo_db)
    plh = kit.office_signer(demo_db, DEMO_DAY)
    sekcam = next(p for p in list_people(demo_db) if any(r.role is Role.SEKRETARIS for r in p.roles))
    add_acting(
        demo_db,
        SYSTEM,
        ActingInput(
            person_id=sekcam.id,
            kind=ActingKind.PLT,
            role=Role.CAMAT,
            start=dt.date(2025, 12, 1),
            end=dt.date(2025, 12, 31),
            decree="800/301/35.99.01/2025",
        ),
    )
    plt = kit.office_signer(demo_db, dt.date(2025, 12, 10))
    # WHEN their blocks are printed THEN the jabatan carries the prefix and the acting person's own name and NIP
    assert "Plh. CAMAT CONTOH," in _signature_pdf(setup, plh)
    text = _signature_pdf(setup, plt)
    assert "Plt. CAMAT CONTOH," in text and sekcam.full_name in text
    # AND outside the assignment the Camat signs in person
    assert kit.office_signer(demo_db, dt.date(2025, 11, 30)).prefix == ""


def test_no_camat_on_the_day_is_a_user_error(demo_db: Database) -> None:
    # GIVEN a day long before anyone held the Camat role THEN asking for the signer says so in Indonesian
    with pytest.raises(UserError, match="Tidak ada Camat"):
        kit.office_signer(demo_db, dt.date(1990, 1, 1))


def test_long_table_repeats_header_and_never_cuts_a_row(demo_db: Database) -> None:
    # GIVEN a table of 150 rows whose middle cell wraps onto two lines
    setup = kit.load_setup(demo_db)
    width = kit.frame_width(setup)
    rows = [
        [
            str(n),
            f"Awal baris {n} dengan uraian yang cukup panjang sehingga pasti terbungkus ke baris kedua Akhir baris {n}",
            "87,50",
        ]
        for n in range(1, 151)
    ]
    table = kit.data_table([["No", "Uraian Kegiatan", "Capaian (%)"]], rows, [30, width - 100, 70], align="CLR")
    # WHEN it is laid out
    pages, _, texts = _pdf(setup, [table], kop="none")
    # THEN it runs over several pages, each starting with the header, and each row is whole on one page
    assert pages >= 3
    assert all("Uraian Kegiatan" in t for t in texts)
    for n in range(1, 151):
        page = next(i for i, t in enumerate(texts) if f"Awal baris {n} " in t)
        assert f"Akhir baris {n}" in texts[page].replace("\n", " "), n


def test_margins_come_from_the_office_settings(demo_db: Database) -> None:
    # GIVEN the office sets a 4 cm left margin (a Perbup rule) WHEN the print setup is read
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), margin_left_cm=4.0, margin_right_cm=3.0))
    setup = kit.load_setup(demo_db, paper="A4")
    # THEN the writable width of an A4 portrait page is 210 - 40 - 30 mm
    assert round(kit.frame_width(setup) / mm) == 140
    # AND a margin outside 1-6 cm is refused with the field named
    with pytest.raises(ValidationError) as info:
        update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), margin_top_cm=0.2))
    assert info.value.field == "margin_top_cm"


def _font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert "/FontFile2" in font.get_object()["/FontDescriptor"], "font not embedded"
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_office_chooses_an_arial_or_a_times_compatible_typeface(demo_db: Database) -> None:
    from sakip_desktop.documents import catalog
    from sakip_desktop.documents.catalog import DocRequest

    request = DocRequest(kind="pk", year=2025, day=dt.date(2025, 1, 31))
    try:
        # GIVEN the default settings WHEN each document is printed THEN it is set in Liberation Sans (Arial
        # metrics) only: no other font, none left unembedded (Helvetica from an unstyled cell or bullet)
        for other in (
            request,
            DocRequest(kind="triwulan", year=2025, quarter=3, day=dt.date(2025, 10, 10)),
            DocRequest(kind="pengukuran", year=2025, quarter=3, day=dt.date(2025, 10, 10)),
            DocRequest(kind="berita-acara", meeting_id=1, day=dt.date(2025, 10, 10)),
        ):
            pdf, _ = catalog.preview(demo_db, other)
            assert _font_names(PdfReader(io.BytesIO(pdf))) == {"LiberationSans", "LiberationSans-Bold"}, other.kind
        # GIVEN the office switches to the serif face WHEN it is printed again THEN only Liberation Serif is embedded
        update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), document_font="serif"))
        pdf, _ = catalog.preview(demo_db, request)
        assert _font_names(PdfReader(io.BytesIO(pdf))) == {"LiberationSerif", "LiberationSerif-Bold"}
        # AND the SOP sheet follows the same setting
        from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet
        from sakip_desktop.ops.sop.library import get_definition, list_sops

        buffer = io.BytesIO()
        sop_id = list_sops(demo_db)[0].id
        build_sop_sheet(get_definition(demo_db, sop_id), buffer, font=get_settings(demo_db).document_font)
        assert _font_names(PdfReader(io.BytesIO(buffer.getvalue()))) <= {
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-Italic",
        }
        # AND an unknown typeface is refused with the field named
        with pytest.raises(ValidationError) as info:
            update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), document_font="bookman"))
        assert info.value.field == "document_font"
    finally:
        kit.fonts.register_fonts("sans")  # the process-wide faces back to the default for the other tests


def test_the_offices_reviewers_initial_beside_the_camats_signature(demo_db: Database) -> None:
    from sakip_desktop.documents import catalog
    from sakip_desktop.documents.catalog import DocRequest

    request = DocRequest(kind="triwulan", year=2025, quarter=3, day=dt.date(2025, 10, 10))
    # GIVEN the default setting WHEN the quarterly report is printed THEN its last page has the paraf boxes of the
    # Sekretaris and the Kasubag Perencanaan beside the Camat's signature
    last = PdfReader(io.BytesIO(catalog.preview(demo_db, request)[0])).pages[-1].extract_text()
    flat = " ".join(last.split())
    assert "Paraf" in flat and "Sekretaris" in flat and "Kasubag Perencanaan" in flat and "CAMAT CONTOH," in flat
    # GIVEN the office lists other reviewers THEN those print
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), paraf_labels=" Kasubag Umum ;; Sekretaris "))
    assert get_settings(demo_db).paraf_labels == "Kasubag Umum; Sekretaris"
    flat = " ".join(PdfReader(io.BytesIO(catalog.preview(demo_db, request)[0])).pages[-1].extract_text().split())
    assert "Kasubag Umum" in flat and "Kasubag Perencanaan" not in flat
    # GIVEN nobody initials THEN no paraf box prints
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), paraf_labels=""))
    flat = " ".join(PdfReader(io.BytesIO(catalog.preview(demo_db, request)[0])).pages[-1].extract_text().split())
    assert "Paraf" not in flat and "CAMAT CONTOH," in flat
    # AND more than four reviewers is refused with the field named
    with pytest.raises(ValidationError) as info:
        update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), paraf_labels="a; b; c; d; e"))
    assert info.value.field == "paraf_labels"


def test_a_trend_chart_with_an_indicator_without_any_capaian_is_drawn() -> None:
    # GIVEN two indicators, one with capaian in TW I and II, one new indicator with none yet
    from decimal import Decimal

    from reportlab.graphics import renderPDF

    from sakip_desktop.documents.kit import charts

    series = [("IK01", [Decimal(80), Decimal(95), None, None]), ("IK61", [None, None, None, None])]
    # WHEN the LKj's trend chart is drawn
    drawing = charts.trend_lines(["TW I", "TW II", "TW III", "TW IV"], series, 400)
    pdf = renderPDF.drawToString(drawing)
    # THEN it is a PDF (an empty line used to stop the whole LKj with an AssertionError in reportlab)
    assert pdf.startswith(b"%PDF")
