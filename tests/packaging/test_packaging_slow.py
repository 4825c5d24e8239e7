"""The program as an office gets it: the wheel installed outside the checkout, and the frozen one-folder build
(installer/build.py, PyInstaller) with its portable zip, each run headless as the Windows release is smoke-run.

Slow (a wheel build, a fresh virtual environment with the program's dependencies, a PyInstaller build): CI runs
them with `-m slow`. They install what they need themselves and skip only when the package index cannot be
reached.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest
from _packaging_env import BIN, EXE, ROOT, Frozen, Installed, freeze, install_wheel, office_env, pip, run
from pypdf import PdfReader

import sakip_desktop
from sakip_desktop.storage.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures"
DEMO_YEAR = "2025"  # tests/conftest.py tells every demo for 15 Oktober 2025 (SAKIP_DEMO_DATE)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("office-pc")
    assert not root.resolve().is_relative_to(ROOT)  # outside the checkout, so nothing can come from it
    return install_wheel(root)


@pytest.fixture(scope="module")
def frozen(installed: Installed) -> Frozen:
    return freeze(installed)


def _password_file(folder: Path) -> str:
    path = folder / "sandi.txt"
    path.write_text("sekcam123\n", encoding="utf-8")  # the demo Sekretaris Camat's password
    return str(path)


def _lkj_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages[:3])


def _demo_and_lkj(sakip: str, folder: Path, env: dict[str, str]) -> str:
    """`sakip demo create`, then `sakip report lkj` of it; the first pages' text of the LKj."""
    db, pdf = folder / "kantor-contoh.db", folder / "lkj.pdf"
    run([sakip, "demo", "create", str(db)], cwd=folder, env=env)
    args = ["report", "lkj", "--db", str(db), "--as", "sekcam", "--password-file", _password_file(folder)]
    run([sakip, *args, "--year", DEMO_YEAR, "--out", str(pdf)], cwd=folder, env=env)
    return _lkj_text(pdf)


def _screenshot(program: list[str], folder: Path, env: dict[str, str]) -> Path:
    shot = folder / "layar.png"
    run([*program, "--demo", "--screenshot", str(shot)], cwd=folder, env=env, timeout=300)
    assert shot.is_file() and shot.stat().st_size > 20_000  # a painted main window, not an empty picture
    return shot


def test_the_wheel_works_installed_outside_the_checkout(installed: Installed):
    # GIVEN the wheel installed into a fresh virtual environment outside the checkout
    env, folder = installed.env(), installed.root / "kerja"
    folder.mkdir()
    # WHEN the program looks for its shipped files THEN they are the wheel's copy in site-packages
    where = run(
        [installed.tool("python"), "-c", "from sakip_desktop import paths; print(paths.resources_dir())"], folder, env
    )
    resources = Path(where.strip().splitlines()[-1])
    assert resources.is_relative_to(installed.venv) and (resources / "demo" / "kecamatan_contoh.toml").is_file()
    # WHEN `sakip demo create` and `sakip report lkj` run THEN the demo LKj is printed
    text = _demo_and_lkj(installed.tool("sakip"), folder, env)
    assert "Kecamatan Contoh" in text and DEMO_YEAR in text
    # AND the program starts with a fresh demo and paints its main window
    _screenshot([installed.tool("sakip-desktop")], folder, env)
    # AND it reports the version of the package metadata
    version = run(
        [installed.tool("python"), "-c", "from sakip_desktop import paths; print(paths.app_metadata().version)"],
        folder,
        env,
    )
    assert version.strip().splitlines()[-1] == sakip_desktop.__version__


def test_an_editable_install_finds_the_checkouts_own_resources(installed: Installed):
    # GIVEN the sources installed editable (as dev.py does) into another fresh environment, without dependencies
    target = installed.root / "venv-editable"
    venv.EnvBuilder(with_pip=True).create(target)
    python = str(target / BIN / f"python{EXE}")
    pip(python, ["install", "--quiet", "--no-deps", "-e", str(installed.root / "source")], cwd=installed.root)
    # WHEN the program looks for its shipped files THEN it finds the source tree's top-level resources/ folder
    code = "from sakip_desktop import paths; print(paths.resources_dir()); print(paths.app_metadata().version)"
    lines = run([python, "-c", code], installed.root, installed.env()).strip().splitlines()
    assert Path(lines[-2]) == installed.root / "source" / "resources"
    assert lines[-1] == sakip_desktop.__version__


def test_building_the_wheel_gives_no_license_deprecation_warning(installed: Installed):
    # GIVEN the wheel's build output (setuptools, verbose) THEN no line warns that the license form is deprecated
    warnings = [line for line in installed.build_log.lower().splitlines() if "licen" in line and "deprecat" in line]
    assert warnings == []


def test_the_frozen_program_and_its_command_run_headless(frozen: Frozen, installed: Installed):
    # GIVEN the one-folder frozen build with both programs
    folder = installed.root / "beku"
    folder.mkdir()
    home = installed.root / "home-beku"
    env = office_env(home)
    assert Path(frozen.program("SAKIP Desktop")).is_file() and Path(frozen.program("sakip")).is_file()
    # WHEN the windowed program starts with a fresh demo THEN it paints its window into the PNG
    _screenshot([frozen.program("SAKIP Desktop")], folder, env)
    # AND the demo went into the per-user data folder of that home, not beside the program
    assert list(home.rglob("kantor-contoh.db")) and not (frozen.folder / "data").exists()
    # WHEN the frozen `sakip` writes the demo and prints its LKj THEN the PDF holds the demo office's report
    text = _demo_and_lkj(frozen.program("sakip"), folder, env)
    assert "Kecamatan Contoh" in text and DEMO_YEAR in text
    # AND the Word export finds python-docx's templates in the bundle (they are read beside its modules)
    docx = folder / "lkj.docx"
    db = str(folder / "kantor-contoh.db")
    run(
        [
            frozen.program("sakip"),
            "report",
            "lkj",
            "--db",
            db,
            "--year",
            DEMO_YEAR,
            "--format",
            "docx",
            "--out",
            str(docx),
        ],
        folder,
        env,
    )
    with zipfile.ZipFile(docx) as word:
        assert "Kecamatan Contoh" in word.read("word/document.xml").decode("utf-8")
    # AND the year's pack is laid out with a helper process: the frozen program started again as a helper is one
    # (multiprocessing.freeze_support in the entry script), not a second program that exits or opens a window
    drive = folder / "flashdisk"
    drive.mkdir()
    sandi = folder / "sandi-tim.txt"
    sandi.write_text("analis_kebijakan123\n", encoding="utf-8")
    out = run(
        [frozen.program("sakip"), "paket", "siapkan", "--db", db, "--year", DEMO_YEAR, "--out", str(drive),
         "--as", "analis_kebijakan", "--password-file", str(sandi)],
        folder,
        {**env, "SAKIP_LAYOUT_WORKERS": "1"},
    )  # fmt: skip
    assert "Layout helper" not in out and "layout helper" not in out, out
    (pack,) = drive.iterdir()
    assert len([p for p in pack.iterdir() if p.suffix == ".pdf"]) > 10
    # AND the kabupaten's PostgreSQL driver is in the bundle: a server that is not there is reported as such
    # (loaded by name through the URL, so only the spec's hidden imports bring it)
    refused = subprocess.run(
        [frozen.program("sakip"), "kabupaten", "import", "--url", "postgresql://sakip@127.0.0.1:9/none", db],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and "tidak dapat dihubungi" in refused.stderr, refused.stderr


def _unzip(archive: Path, target: Path) -> Path:
    """Unpack keeping the executable bits (as Explorer's 'Extract all' needs none on Windows)."""
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
        for info in zipped.infolist():
            mode = info.external_attr >> 16
            if mode & stat.S_IXUSR:
                os.chmod(target / info.filename, mode)
        top = zipped.namelist()[0].split("/")[0]
    return target / top


def test_the_portable_zip_keeps_its_data_beside_the_program(frozen: Frozen, installed: Installed):
    # GIVEN the portable zip unpacked onto a "flash drive"
    drive = installed.root / "flashdisk"
    program = _unzip(frozen.portable_zip, drive)
    home = installed.root / "home-portabel"
    # WHEN the program starts with a fresh demo there
    _screenshot([str(program / "SAKIP Desktop")], drive, office_env(home))
    # THEN the database is in the 'data' folder beside the program, and nothing went to the PC's data folder
    assert (program / "data" / "kantor-contoh.db").is_file()
    assert not home.exists() or not list(home.rglob("*.db"))


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema_v*.db")))
def test_the_frozen_program_upgrades_every_released_schema_keeping_every_record(
    fixture: str, frozen: Frozen, installed: Installed
):
    # GIVEN a copy of an office database written by a released schema
    folder = installed.root / f"upgrade-{Path(fixture).stem}"
    folder.mkdir()
    copy = folder / "sakip.db"
    shutil.copy2(FIXTURES / fixture, copy)
    old_version = int(fixture.removeprefix("schema_v").removesuffix(".db"))
    before = _counts(copy)
    env = office_env(installed.root / "home-upgrade")
    # WHEN the frozen program opens it (any verb that opens the file)
    run([frozen.program("sakip"), "sop", "list", "--db", str(copy)], cwd=folder, env=env)
    # THEN it was backed up at the old version first
    backups = list((folder / "cadangan").glob(f"sakip-sebelum-upgrade-v{old_version}-*.db"))
    assert len(backups) == 1 and _counts(backups[0]) == before
    # AND the file is at the newest schema, sound, its audit trail whole
    check = subprocess.run(
        [frozen.program("sakip"), "check", "--db", str(copy)], env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"Versi skema   : {SCHEMA_VERSION}" in check.stdout
    # AND no table lost a record
    after = _counts(copy)
    lost = {table: (count, after.get(table)) for table, count in before.items() if after.get(table, -1) < count}
    assert lost == {}
