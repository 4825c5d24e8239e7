"""The printed SOP sheet: every shipped template on A4 and F4, written as a real PDF and read back."""

from __future__ import annotations

import dataclasses
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader

from sakip_desktop.documents.kit.paper import Margins, paper_size
from sakip_desktop.documents.sop_sheet.layout import layout_flow
from sakip_desktop.documents.sop_sheet.routes import route
from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet
from sakip_desktop.errors import ValidationError
from sakip_desktop.paths import resources_dir
from sakip_desktop.sop.definition import SopDefinition, Step, StepKind, load_templates, validate

TEMPLATES = load_templates()
PAPERS = {"A4": (842.0, 595.0), "F4": (935.4, 609.4)}  # landscape, points
FLOW_HEADINGS = ("No.", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan")


def norm(text: str) -> str:
    """Whitespace-normalised, with words hyphenated at a line end joined again."""
    return " ".join(re.sub(r"-\n\s*", "", text).split())


def build(definition: SopDefinition, paper: str = "A4", **kwargs) -> tuple[int, PdfReader, list[str]]:
    buffer = io.BytesIO()
    count = build_sop_sheet(definition, buffer, paper=paper, **kwargs)
    buffer.seek(0)
    reader = PdfReader(buffer)
    return count, reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def logo() -> bytes:
    return (resources_dir() / "demo" / "logo_kabupaten_contoh.png").read_bytes()


def longest() -> SopDefinition:
    return max(TEMPLATES, key=lambda d: (len(d.steps), len(d.actors)))


def forty_steps() -> SopDefinition:
    """The longest template stretched to 40 steps over all its pelaksana, with two return branches."""
    base = longest()
    keys = [a.key for a in base.actors]
    steps = []
    for i in range(1, 41):
        steps.append(
            Step(
                number=str(i),
                activity=f"Langkah uji nomor {i}: memeriksa berkas dan meneruskannya kepada pelaksana berikutnya.",
                actor=keys[(i * 3) % len(keys)],
                inputs=("Berkas uji", f"Lembar kendali {i}"),
                time="15 menit",
                output=f"Berkas uji tahap {i}",
            )
        )
    steps[11] = dataclasses.replace(steps[11], kind=StepKind.DECISION, on_return=10)  # returns on its page
    steps[33] = dataclasses.replace(steps[33], kind=StepKind.DECISION, on_return=3)  # returns pages back
    return validate(dataclasses.replace(base, steps=tuple(steps)))


def test_templates_are_shipped():
    assert TEMPLATES, "resources/sops/ holds no template"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("definition", TEMPLATES, ids=lambda d: d.code)
def test_sheet_of_every_template(definition: SopDefinition, paper: str, logo: bytes):
    # GIVEN a shipped template WHEN its sheet is printed on landscape paper
    count, reader, pages = build(definition, paper, logo=logo)
    text = norm("\n".join(pages))

    # THEN the identity page and the flowchart are all there, in text a reader can find
    assert count == len(reader.pages) >= 2
    assert norm(definition.identity.name) in text
    assert "Nomor SOP" in text and "Dasar Hukum" in text and "Pencatatan dan Pendataan" in text
    flow = norm("\n".join(pages[1:]))
    for actor in definition.actors:
        assert norm(actor.label) in flow, actor.label
    numbers = [line.strip() for page in pages[1:] for line in page.splitlines()]
    for step in definition.steps:
        assert step.number in numbers, f"step number {step.number!r} is not printed in the No. column"
        assert norm(step.activity)[:25] in flow, step.activity
    assert "Mulai" in flow and "Selesai" in flow

    # AND every page is landscape paper of the right size, numbered, with Liberation Sans embedded
    width, height = PAPERS[paper]
    for number, (page, page_text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        assert float(page.mediabox.width) == pytest.approx(width, abs=1)
        assert float(page.mediabox.height) == pytest.approx(height, abs=1)
        assert f"Halaman {number} dari {count}" in page_text
        fonts = page["/Resources"]["/Font"]
        names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
        assert names and all("LiberationSans" in n for n in names), names
        for font in fonts.values():
            assert "/FontFile2" in font.get_object()["/FontDescriptor"], "font not embedded"
    for page_text in pages[1:]:
        assert all(h in norm(page_text) for h in FLOW_HEADINGS)


def test_missing_logo_and_own_office_lines():
    # GIVEN no logo and the office's own header lines
    definition = TEMPLATES[0]
    count, reader, pages = build(definition, logo=None, office_lines=("Pemerintah Kabupaten Contoh", "Kecamatan Uji"))
    # THEN the identity page is printed without an image and with those lines
    assert count >= 2
    assert "/XObject" not in reader.pages[0]["/Resources"]
    assert "PEMERINTAH KABUPATEN CONTOH" in pages[0] and "KECAMATAN UJI" in pages[0]


def test_logo_is_printed(logo: bytes):
    _, reader, _ = build(TEMPLATES[0], logo=logo)
    assert "/XObject" in reader.pages[0]["/Resources"]


def test_a_bad_logo_or_paper_is_refused(tmp_path: Path):
    with pytest.raises(ValidationError):
        build_sop_sheet(TEMPLATES[0], tmp_path / "x.pdf", logo=b"bukan gambar")
    with pytest.raises(ValidationError):
        build_sop_sheet(TEMPLATES[0], tmp_path / "x.pdf", paper="Letter")


def test_writes_to_a_path(tmp_path: Path):
    target = tmp_path / "sop.pdf"
    count = build_sop_sheet(TEMPLATES[0], target, paper="F4")
    assert target.read_bytes().startswith(b"%PDF") and len(PdfReader(target).pages) == count


def test_forty_steps_span_pages_with_the_heading_on_each():
    # GIVEN a 40-step SOP WHEN printed on A4
    definition = forty_steps()
    count, _, pages = build(definition)
    flow_pages = [norm(p) for p in pages[1:]]
    # THEN the flowchart takes several pages, each starting with the same heading rows
    assert len(flow_pages) >= 3 and count == len(pages)
    for page in flow_pages:
        assert all(h in page for h in FLOW_HEADINGS)
        assert all(norm(a.label) in page for a in definition.actors)
    # AND every step is printed once, on one page, in order
    seen = []
    for index, page in enumerate(flow_pages):
        for i in range(1, 41):
            if f"Langkah uji nomor {i}:" in page:
                seen.append((i, index))
    assert [i for i, _ in seen] == list(range(1, 41))
    assert [p for _, p in seen] == sorted(p for _, p in seen)
    assert f"Halaman {count} dari {count}" in pages[-1]


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("definition", [*TEMPLATES, forty_steps()], ids=lambda d: d.code)
def test_flowchart_geometry(definition: SopDefinition, paper: str):
    # GIVEN the layout of the flowchart on the paper's writable area
    _, _, width, height = Margins().frame(paper_size(paper).landscape)
    layout = route(definition, layout_flow(definition, width, height))
    cols = layout.columns
    keys = [a.key for a in definition.actors]
    assert cols.total == pytest.approx(width)
    letters: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, page in enumerate(layout.pages):
        # THEN each page fits, each symbol sits inside its own pelaksana cell
        assert page.height <= height + 0.01
        for row in page.rows:
            symbol = row.symbol
            k = keys.index(definition.steps[row.position - 1].actor)
            assert symbol is not None
            assert cols.actor_left(k) < symbol.left and symbol.right < cols.actor_left(k) + cols.actor_width(k)
            assert row.top < symbol.top and symbol.bottom < row.bottom
        # AND every arrow stays inside the table on its page
        for arrow in page.arrows:
            for x, y in arrow.points:
                assert 0 <= x <= cols.total and 0 <= y <= page.height
        for shape in page.shapes:
            if shape.kind in ("offpage", "onpage"):
                letters[shape.text].append((index, shape.cx))
    # AND connectors come in lettered pairs; a page break's pair sits in one column on consecutive pages
    for letter, places in letters.items():
        assert len(places) == 2, letter
    breaks = [layout.pages[i].bottom_strip for i in range(len(layout.pages) - 1)]
    assert all(b is not None for b in breaks)
    # AND each decision has its "Tidak" branch, and every step but the last flows on
    labels = [a.label for page in layout.pages for a in page.arrows]
    decisions = sum(s.kind is StepKind.DECISION for s in definition.steps)
    assert labels.count("Tidak") == decisions
    assert sum(len(page.arrows) for page in layout.pages) >= len(definition.steps) + 1 + decisions


def test_text_with_markup_characters_is_printed_as_written():
    base = TEMPLATES[0]
    step = dataclasses.replace(base.steps[0], activity="Memeriksa <draft> & menandatangani R&D 100% > target")
    definition = dataclasses.replace(base, steps=(step, *base.steps[1:]))
    _, _, pages = build(definition)
    assert "Memeriksa <draft> & menandatangani R&D 100% > target" in norm("\n".join(pages))
