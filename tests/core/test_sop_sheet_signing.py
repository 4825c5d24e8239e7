"""The SOP sheet as the Sekretaris reads it before the Camat signs (issue #12 §6): 'Disahkan oleh' is a signature
block with a valid NIP, dates have no leading zero, an adopted SOP carries the office's own identity, and the
"Tidak" label sits on its return arrow whose lane keeps clear of the column borders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from sakip_desktop.documents.kit import fonts
from sakip_desktop.documents.kit.paper import Margins, paper_size
from sakip_desktop.documents.sop_sheet.draw import LABEL_SIZE
from sakip_desktop.documents.sop_sheet.layout import FlowLayout, layout_flow
from sakip_desktop.documents.sop_sheet.routes import route
from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet
from sakip_desktop.domain.nip import format_nip
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import office_signer
from sakip_desktop.ops.sop.library import create_sop, get_definition, list_sops, save_version
from sakip_desktop.sop.approver import check_approver
from sakip_desktop.sop.definition import SopDefinition, StepKind, load_templates

TEMPLATES = {t.code: t for t in load_templates()}
BAD_NIP = "19720101 100203 1012"  # appointment year 1002 (the Kutasari seed)


def page_text(definition: SopDefinition, tmp_path: Path, page: int = 1, **kwargs) -> str:
    """The printed text of one page, as `pdftotext -layout` reads it."""
    target = tmp_path / "sop.pdf"
    build_sop_sheet(definition, target, **kwargs)
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def cell_lines(text: str, start: str, count: int) -> list[str]:
    """The right-hand column of the identity page from the line holding `start` (the value column)."""
    rows = text.splitlines()
    first = next(i for i, row in enumerate(rows) if start in row)
    column = rows[first].index(start)
    return [" ".join(row[column - 25 :].split()) for row in rows[first : first + count]]


def with_approver(text: str) -> SopDefinition:
    base = TEMPLATES["KARANGPLOSO-PENGUKURAN-KINERJA"]
    return dataclasses.replace(base, identity=dataclasses.replace(base.identity, approved_by=text))


# --- a) "Disahkan oleh" is a signature block ---------------------------------------------------------------


def test_disahkan_oleh_prints_jabatan_space_name_pangkat_and_grouped_nip(tmp_path: Path):
    # GIVEN an approver written as the program writes it
    definition = with_approver("CAMAT UJI; Budi Santoso, S.STP.; Pembina (IV/a); NIP. 197001011995031001")
    # WHEN the sheet is printed
    text = page_text(definition, tmp_path)
    lines = lines_of(text)
    # THEN jabatan, name, pangkat and the grouped NIP stand on lines of their own, in that order
    at = {what: next(i for i, line in enumerate(lines) if line.endswith(what)) for what in ("CAMAT UJI,",)}
    for what in ("Budi Santoso, S.STP.", "Pembina (IV/a)", "NIP. 19700101 199503 1 001"):
        at[what] = next(i for i, line in enumerate(lines) if line.endswith(what))
    order = [at[w] for w in ("CAMAT UJI,", "Budi Santoso, S.STP.", "Pembina (IV/a)", "NIP. 19700101 199503 1 001")]
    assert order == sorted(order) and len(set(order)) == 4, lines
    # AND there is room to sign between the jabatan and the name
    assert order[1] - order[0] >= 3
    assert "197001011995031001" not in text and ";" not in " ".join(lines[order[0] : order[3] + 1])


def test_the_name_is_bold(tmp_path: Path):
    from pypdf import PdfReader

    target = tmp_path / "sop.pdf"
    build_sop_sheet(with_approver("CAMAT UJI; Budi Santoso, S.STP.; Pembina (IV/a); NIP. 197001011995031001"), target)
    page = PdfReader(target).pages[0]
    seen: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            seen.append((text.strip(), str(font.get("/BaseFont", "")) if font else ""))

    page.extract_text(visitor_text=visit)
    name_fonts = {font for text, font in seen if "Budi Santoso" in text}
    assert name_fonts and all("Bold" in f for f in name_fonts), seen


def test_a_seed_approver_is_split_into_jabatan_and_name(tmp_path: Path):
    text = page_text(TEMPLATES["KARANGPLOSO-PENGUKURAN-KINERJA"], tmp_path)
    lines = lines_of(text)
    assert any(line.endswith("CAMAT KARANGPLOSO,") for line in lines), lines
    assert any(line.endswith("DYAH EKAWATI NW, SH., M.Si.") for line in lines), lines
    assert any(line.endswith("NIP. 19650430 198502 2 003") for line in lines), lines


def test_an_invalid_nip_is_never_printed(tmp_path: Path):
    # GIVEN the Kutasari seed, whose approver NIP says the Camat was appointed in 1002
    seed = TEMPLATES["KUTASARI-LAPORAN-PENGUKURAN-PERKIN-DAN-EVALUASI-KINERJA"]
    assert BAD_NIP in seed.identity.approved_by
    # WHEN its sheet is printed THEN the name is, the impossible NIP is not
    text = page_text(seed, tmp_path)
    assert "CAHYONO" in text
    assert "100203" not in text.replace(" ", "") and "NIP" not in text


def test_an_invalid_nip_is_refused_where_the_sop_is_saved(demo_db):
    # GIVEN the Kasubag Perencanaan, who maintains the SOP library
    kasubag = actor_for(demo_db, "kasubag_renkeu", dt.date(2025, 9, 1))
    bad = f"CAMAT CONTOH; Budi Santoso; Pembina; NIP. {BAD_NIP}"
    # THEN the check says what is wrong, in Indonesian, and points at the field
    with pytest.raises(ValidationError) as refused:
        check_approver(bad)
    assert refused.value.field == "approved_by"
    assert "Disahkan oleh: NIP" in refused.value.message and "tidak sah" in refused.value.message
    assert "100203" in refused.value.message
    # AND neither a new SOP nor a new version with that NIP is stored
    definition = dataclasses.replace(with_approver(bad), code="UJI-NIP")
    with pytest.raises(ValidationError, match="Disahkan oleh: NIP"):
        create_sop(demo_db, kasubag, definition)
    sop = next(s for s in list_sops(demo_db) if s.template_code == "KARANGPLOSO-PENGUKURAN-KINERJA")
    edited = get_definition(demo_db, sop.id)
    edited = dataclasses.replace(edited, identity=dataclasses.replace(edited.identity, approved_by=bad))
    with pytest.raises(ValidationError, match="Disahkan oleh: NIP"):
        save_version(demo_db, kasubag, sop.id, edited, "NIP salah")
    assert all(s.code != "UJI-NIP" for s in list_sops(demo_db))
    # AND a valid one is accepted
    good = bad.replace(BAD_NIP, "19700101 199503 1 001")
    assert check_approver(good) == good


# --- b) dates without a leading zero -----------------------------------------------------------------------


def test_dates_print_without_a_leading_zero(tmp_path: Path):
    seed = TEMPLATES["KALIPARE-PENYUSUNAN-LAPORAN-KINERJA"]
    assert seed.identity.created.startswith("01 ")
    text = page_text(seed, tmp_path)
    assert "1 Januari 2016" in text and "1 Agustus 2019" in text
    assert "01 Januari" not in text and "01 Agustus" not in text


# --- c) an adopted SOP prints the office's identity --------------------------------------------------------


def test_an_adopted_sop_prints_the_offices_identity(demo_db, tmp_path: Path):
    # GIVEN the demo office, which adopted the Karangploso templates
    profile = get_profile(demo_db)
    sop = next(s for s in list_sops(demo_db) if s.template_code == "KARANGPLOSO-PENGUKURAN-KINERJA")
    definition = get_definition(demo_db, sop.id)
    camat = office_signer(demo_db, dt.date(2025, 4, 1))
    lines = (f"PEMERINTAH {profile.regency_title.upper()}", f"KANTOR KECAMATAN {profile.name.upper()}")
    # WHEN its sheet is printed as the office prints it
    text = page_text(definition, tmp_path, office_lines=lines)
    flat = " ".join(text.split())
    # THEN the approver is the office's own Camat, with name, pangkat and grouped NIP
    assert f"CAMAT {profile.name.upper()}," in flat
    assert camat.name in flat and camat.rank in flat
    assert "NIP. " + format_nip(camat.nip) in flat
    assert "Tanggal Pembuatan 1 April 2025" in flat
    # AND the seed office's Camat, number and date appear only in the small "Disusun dari" line
    source = next(i for i, line in enumerate(text.splitlines()) if "Disusun dari SOP Pengukuran Kinerja" in line)
    rest = "\n".join(line for i, line in enumerate(text.splitlines()) if i not in (source, source + 1))
    assert "Disusun dari SOP Pengukuran Kinerja Nomor 070/ /35.07.23/2018" in flat
    assert "Kecamatan Karangploso" in flat and "DYAH EKAWATI" in flat
    for seed_text in ("DYAH", "KARANGPLOSO", "Karangploso", "070/", "2 Januari 2018", "19650430"):
        assert seed_text not in rest, seed_text


# --- d) "Tidak" on its arrow, lanes clear of the column borders ---------------------------------------------

LANE_CLEAR = 5.0  # at least this far from a column border


def decision_variants() -> list[SopDefinition]:
    """Every template, plus each template with a process step made a decision returning two steps back."""
    out = list(TEMPLATES.values())
    for template in TEMPLATES.values():
        for position in range(3, len(template.steps)):
            steps = list(template.steps)
            if steps[position - 1].kind is StepKind.PROCESS:
                steps[position - 1] = dataclasses.replace(
                    steps[position - 1], kind=StepKind.DECISION, on_return=position - 2
                )
                out.append(dataclasses.replace(template, code=f"{template.code}-K{position}", steps=tuple(steps)))
    return out


def layouts() -> list[tuple[str, FlowLayout]]:
    out = []
    for paper in ("A4", "F4"):
        _, _, width, height = Margins().frame(paper_size(paper).landscape)
        out += [(f"{d.code}/{paper}", route(d, layout_flow(d, width, height))) for d in decision_variants()]
    return out


def test_tidak_sits_on_its_outgoing_arrow_and_lanes_keep_clear_of_borders():
    fonts.register_fonts("sans")
    label_w = stringWidth("Tidak", fonts.ITALIC, LABEL_SIZE)
    checked = lanes = 0
    for name, layout in layouts():
        borders = [layout.columns.left(i) for i in range(len(layout.columns.widths) + 1)]
        for page in layout.pages:
            for arrow in page.arrows:
                p = arrow.points
                if len(p) == 4 and p[0][1] == p[1][1] and p[1][0] == p[2][0] and p[2][1] == p[3][1]:
                    lanes += 1
                    gap = min(abs(p[1][0] - b) for b in borders)
                    assert gap >= LANE_CLEAR - 1e-6, f"{name}: a lane runs {gap:.1f} pt from a column border"
                if arrow.label != "Tidak" or p[0][1] != p[1][1]:
                    continue  # a bottom exit ("Tidak" under the diamond) is not what this test is about
                checked += 1
                assert arrow.label_at is not None
                x, baseline, align = arrow.label_at
                left, right = (x - label_w, x) if align == "right" else (x, x + label_w)
                (x0, y0), (x1, _) = p[0], p[1]
                low, high = sorted((x0, x1))
                on_line = low - 0.5 <= left and right <= high + 0.5 and abs(baseline - y0) <= 8.0
                beside_lane = len(p) == 4 and min(abs(left - x1), abs(right - x1)) <= 3.0
                beside_lane = beside_lane and abs(baseline - y0) <= 11.0
                assert on_line or beside_lane, f"{name}: 'Tidak' at {arrow.label_at} is not on {p[:2]}"
                if on_line and beside_lane is False and len(p) == 4:
                    assert not any(left < b < right for b in borders), f"{name}: 'Tidak' crosses a column border"
    assert checked > 20 and lanes > 20
