"""The shipped SOP templates (resources/sops/*.toml) checked against the seed SOPs they were transcribed from.

The seeds are text extractions of the offices' Word tables (shared/seeds, beside the checkout). Texts in the
templates are kept as written in the seeds, so after the same normalisation (HTML tags stripped, whitespace
collapsed, casefolded) every activity, kelengkapan, waktu, output and keterangan must be found in the seed, and
the activities in the order of the procedure.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.definition import SopDefinition, Step, StepKind, load_template, load_templates, template_dir
from sakip_desktop.sop.stdtime import StandardTime, TimeUnit, parse_standard_time

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

TEMPLATE_FILES = sorted(template_dir().glob("*.toml"))

# Every SOP in the seeds: (seed file, office, title as the seed writes it). The issue called the first Kutasari SOP
# "Mekanisme Pengumpulan Data Kinerja dan Penyusunan Laporan Kinerja"; its Nama SOP in the seed says "… Laporan
# Evaluasi Kinerja", and the seed is authoritative.
KARANGPLOSO, CANDIPURO, AWAYAN, KALIPARE, KUTASARI = (
    "000_bf69575247a88acd.txt",
    "001_87162869774f60d2.txt",
    "002_5daf636721a2d55b.txt",
    "003_c9b1f87be776012b.txt",
    "004_e61aa0ea325c0f3f.txt",
)
SEED_SOPS = [
    (KARANGPLOSO, "karangploso", "Evaluasi Data Kinerja"),
    (KARANGPLOSO, "karangploso", "Pelaporan Kinerja Triwulan"),
    (KARANGPLOSO, "karangploso", "Pemantauan Kinerja"),
    (KARANGPLOSO, "karangploso", "Pengukuran Kinerja"),
    (KARANGPLOSO, "karangploso", "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam"),
    (CANDIPURO, "candipuro", "Pengukuran Data Kinerja"),
    (AWAYAN, "awayan", "Pengumpulan Data Kinerja Per Triwulan"),
    (AWAYAN, "awayan", "Pelaksanaan Pengukuran Kinerja Triwulan"),
    (KALIPARE, "kalipare", "Penyusunan Laporan Kinerja (LKj)"),
    (KUTASARI, "kutasari", "Mekanisme Pengumpulan Data Kinerja dan Penyusunan Laporan Evaluasi Kinerja"),
    (KUTASARI, "kutasari", "Laporan Pengukuran Perjanjian Kinerja dan Evaluasi Kinerja"),
]

# Wording that makes a step a decision (approve goes on, return goes back).
DECISION_WORDING = re.compile(r"jika tidak|bila salah|jika salah|apabila setuju")


def normalise(text: str) -> str:
    """Strip HTML tags and entities, collapse whitespace, casefold: the same for seed and template texts."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()).casefold()


def squeeze(text: str) -> str:
    """`normalise` without any whitespace: identity fields rejoin words the extraction split ("CAM AT")."""
    return "".join(normalise(text).split())


def title_of(name: str) -> str:
    """A normalised SOP name without the seed's "SOP " prefix and " Kecamatan <office> …" suffix."""
    title = re.sub(r"^sop\s+", "", normalise(name))
    return re.sub(r"\s+kecamatan\s.*$", "", title)


def where(template: SopDefinition, position: int) -> str:
    """How a failure names a step."""
    step = template.steps[position - 1]
    return f"{template.code} langkah ke-{position} (nomor {step.number or '-'})"


@cache
def all_templates() -> tuple[SopDefinition, ...]:
    """The templates that load; an invalid file fails its own test below instead of breaking collection."""
    loaded = []
    for path in TEMPLATE_FILES:
        try:
            loaded.append(load_template(path))
        except ValidationError:
            continue
    return tuple(loaded)


def template_by_code(code: str) -> SopDefinition:
    return next(t for t in all_templates() if t.code == code)


@pytest.fixture(scope="module")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed SOPs not found at {SEEDS_DIR} (CI checks them out beside the repository)")
    return SEEDS_DIR


@cache
def seed_text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8"))


@cache
def seed_cells(path: Path) -> frozenset[str]:
    """The normalised table cells of a seed (its lines split on tabs): a mutu baku text is a whole cell."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(cell) for line in lines for cell in line.split("\t"))


def anchor(seed: str, template: SopDefinition) -> int:
    """Where the SOP starts in the normalised seed: its "Nama SOP" row, else its name as a heading; -1 if absent."""
    name = normalise(template.identity.name)
    match = re.search(r"nama sop\s*:?\s*" + re.escape(name), seed)
    return match.start() if match else seed.find(name)


def section(seeds: Path, template: SopDefinition) -> tuple[str, int, int]:
    """The normalised seed and the span of it that belongs to `template` (up to the next SOP of the same seed)."""
    seed = seed_text(seeds / template.source)
    start = anchor(seed, template)
    assert start >= 0, f"{template.code}: name {template.identity.name!r} not found in {template.source}"
    others = [anchor(seed, t) for t in all_templates() if t.source == template.source and t.code != template.code]
    end = min((a for a in others if a > start), default=len(seed))
    return seed, start, end


# --- 1. the templates load, validate and are all there ---------------------------------------------------------------


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.stem)
def test_template_file_validates_and_is_named_after_its_code(path: Path) -> None:
    # WHEN one template file is loaded (load_template validates and raises on anything invalid)
    template = load_template(path)
    # THEN its file name is its code in lower case
    assert path.stem.upper() == template.code, f"{path.name}: code {template.code!r} does not match the file name"


def test_eleven_templates_with_unique_codes() -> None:
    templates = load_templates()
    codes = [t.code for t in templates]
    assert len(templates) == 11, f"expected the 11 seed SOPs, found {len(templates)}: {codes}"
    assert len(set(codes)) == len(codes), f"duplicate codes: {sorted(c for c in codes if codes.count(c) > 1)}"


# --- 2. texts as written in the seed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_step_texts_are_in_the_seed_in_order(template: SopDefinition, seeds_dir: Path) -> None:
    # GIVEN the part of the seed that holds this SOP
    assert (seeds_dir / template.source).is_file(), f"{template.code}: source {template.source!r} is not a seed"
    seed, start, end = section(seeds_dir, template)
    part = seed[start:end]
    problems: list[str] = []
    found_at, found_by = 0, "the start of the SOP"
    for position, step in enumerate(template.steps, start=1):
        # THEN each activity is found at or after the previous one
        if step.activity:
            found = part.find(normalise(step.activity), found_at)
            if found >= 0:
                found_at, found_by = found, f"langkah ke-{position}"
            elif normalise(step.activity) in part:
                problems.append(f"{where(template, position)}: kegiatan is in the seed only before {found_by}")
            else:
                problems.append(f"{where(template, position)}: kegiatan not in the seed: {step.activity!r}")
        # AND the mutu baku texts are in this SOP's part of the seed
        for label, text in mutu_baku(step).items():
            if text and normalise(text) not in part:
                problems.append(f"{where(template, position)}: {label} not in the seed: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_step_texts_are_whole_cells_of_the_seed_table(template: SopDefinition, seeds_dir: Path) -> None:
    # GIVEN the cells of the seed's tables (so a shortened "Telaah Pengukuran" or a "0 menit" is not taken for a part
    # of "Telaah Pengukuran Kinerja" or "10 menit")
    cells = seed_cells(seeds_dir / template.source)
    problems: list[str] = []
    for position, step in enumerate(template.steps, start=1):
        texts = {"kegiatan": step.activity, **mutu_baku(step)}
        for label, text in texts.items():
            if not text or normalise(text) in cells:
                continue
            # a kelengkapan item may be one of the documents a cell lists ("DPA, Laporan Realisasi Anggaran")
            if label.startswith("kelengkapan") and any(
                normalise(text) in (part.strip() for part in re.split(r"[,;]", cell)) for cell in cells
            ):
                continue
            problems.append(f"{where(template, position)}: {label} {text!r} is not a whole cell of the seed's table")
    assert not problems, "\n".join(problems)


def mutu_baku(step: Step) -> dict[str, str]:
    """The kelengkapan items, waktu, output and keterangan of a step, by label."""
    texts = {f"kelengkapan[{i}]": item for i, item in enumerate(step.inputs)}
    return {**texts, "waktu": step.time, "output": step.output, "keterangan": step.note}


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_identity_and_actor_labels_are_in_the_seed(template: SopDefinition, seeds_dir: Path) -> None:
    # GIVEN the seed with all whitespace removed, since identity fields rejoin words the extraction split ("CAM AT")
    seed, start, end = section(seeds_dir, template)
    whole, own = "".join(seed.split()), "".join(seed[start:end].split())
    ident = template.identity
    problems: list[str] = []
    # THEN the header fields (printed above "Nama SOP", or in the closing signature) are in the seed
    for name in ("number", "created", "revised", "effective", "approved_by", "regency_name", "unit_name"):
        text = getattr(ident, name)
        if text and squeeze(text) not in whole:
            problems.append(f"{template.code}: identity.{name} not in the seed: {text!r}")
    # AND the list fields are in this SOP's own part of the seed
    for name in ("legal_basis", "qualifications", "related", "equipment", "warnings", "records"):
        for i, item in enumerate(getattr(ident, name)):
            if squeeze(item) not in own:
                problems.append(f"{template.code}: identity.{name}[{i}] not in this SOP's part of the seed: {item!r}")
    # AND every pelaksana label is a column heading of this SOP's table
    for actor in template.actors:
        if normalise(actor.label) not in seed[start:end]:
            problems.append(f"{template.code}: pelaksana {actor.label!r} is not a column heading of this SOP")
    assert not problems, "\n".join(problems)


# --- 3. every SOP of the seeds has a template ------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "office", "title"), SEED_SOPS, ids=[f"{o}-{t}" for _, o, t in SEED_SOPS])
def test_every_seed_sop_has_a_template(seed: str, office: str, title: str, seeds_dir: Path) -> None:
    # GIVEN a title the seed writes
    assert normalise(title) in seed_text(seeds_dir / seed), f"{title!r} is not in {seed}"
    # THEN exactly one template of that office carries it as its name
    matches = [
        t.code
        for t in all_templates()
        if office in normalise(t.identity.unit_name) and title_of(t.identity.name) == normalise(title)
    ]
    assert len(matches) == 1, f"{office} / {title!r}: expected one template, found {matches}"
    assert template_by_code(matches[0]).source == seed, f"{matches[0]}: source is not {seed}"


def test_no_template_without_a_seed_sop() -> None:
    expected = {(office, normalise(title)) for _, office, title in SEED_SOPS}
    for template in all_templates():
        office = next((o for _, o, _ in SEED_SOPS if o in normalise(template.identity.unit_name)), None)
        assert (office, title_of(template.identity.name)) in expected, f"{template.code}: not an SOP of the seeds"


# --- 4. decisions ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_decisions_follow_the_wording_and_go_back(template: SopDefinition) -> None:
    problems: list[str] = []
    for position, step in enumerate(template.steps, start=1):
        worded = bool(DECISION_WORDING.search(normalise(step.activity)))
        if worded and step.kind is not StepKind.DECISION:
            problems.append(f"{where(template, position)}: the text has a return branch but kind is {step.kind}")
        if step.kind is not StepKind.DECISION:
            continue
        if not worded:
            problems.append(f"{where(template, position)}: DECISION without return wording in the seed text")
        # THEN the return goes back to an earlier step done by someone else
        if step.on_return is None or not 1 <= step.on_return < position:
            problems.append(f"{where(template, position)}: on_return {step.on_return} is not an earlier position")
        elif template.steps[step.on_return - 1].actor == step.actor:
            problems.append(f"{where(template, position)}: on_return {step.on_return} goes back to the same pelaksana")
        # AND on_approve is only written when approval jumps somewhere other than the next step
        if step.on_approve is not None and step.on_approve == position + 1:
            problems.append(f"{where(template, position)}: on_approve {step.on_approve} is just the next step")
    assert not problems, "\n".join(problems)


def test_sops_with_return_wording_have_a_decision() -> None:
    worded = [t.code for t in all_templates() if any(DECISION_WORDING.search(normalise(s.activity)) for s in t.steps)]
    without = [c for c in worded if not any(s.kind is StepKind.DECISION for s in template_by_code(c).steps)]
    assert worded, "no SOP has return wording: the wording check is broken"
    assert not without, f"SOPs whose text has a return branch but no DECISION step: {without}"


# --- 5. standard times and start roles -------------------------------------------------------------------------------


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_standard_time_parses_for_every_step(template: SopDefinition) -> None:
    for position, step in enumerate(template.steps, start=1):
        parsed = step.standard_time  # raises ValidationError on a time that is not a time
        if step.time.strip() in ("", "0", "-"):
            assert parsed is None, f"{where(template, position)}: {step.time!r} should mean no standard time"
        else:
            assert parsed is not None and parsed.low > 0, f"{where(template, position)}: {step.time!r} -> {parsed}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("3 - 5 Hari", StandardTime(3, 5, TimeUnit.DAYS)),
        ("2-3 hari", StandardTime(2, 3, TimeUnit.DAYS)),
        ("15 Menit", StandardTime(15, 15, TimeUnit.MINUTES)),
        ("1 Jam", StandardTime(1, 1, TimeUnit.HOURS)),
    ],
)
def test_written_times_of_the_seeds_normalise(written: str, expected: StandardTime) -> None:
    # GIVEN a waktu as a seed writes it, used by some template step
    steps = [s for t in all_templates() for s in t.steps if s.time == written]
    assert steps, f"no template step has the time {written!r}"
    # THEN it parses to the expected range and unit
    assert parse_standard_time(written) == expected
    assert all(s.standard_time == expected for s in steps)


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.code)
def test_start_roles(template: SopDefinition) -> None:
    first = template.role_of(1)
    assert {first, Role.CAMAT, Role.SEKRETARIS} <= set(template.start_roles), (
        f"{template.code}: start_roles {[r.value for r in template.start_roles]} miss step 1's {first.value}"
    )
