"""Where the program finds its files and keeps its data, and what the Windows installer promises about that data.

The slow tests beside this file build the wheel and the frozen program for real; these check, quickly, the parts
each of those relies on: the shipped folder in this checkout, the version from the metadata, the portable
marker, and an installer script that never names the office's data folder for deletion.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import sakip_desktop
from sakip_desktop import paths

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "sakip.iss"


def test_the_checkout_finds_every_kind_of_shipped_file():
    # GIVEN this source checkout (no SAKIP_RESOURCES, no packaged copy beside the code)
    # WHEN the shipped folder is looked up THEN it is the repository's resources/ with all its kinds of file
    folder = paths.resources_dir()
    assert folder == ROOT / "resources"
    for kind, pattern in [("sops", "*.toml"), ("demo", "*.toml"), ("fonts", "*.ttf"), ("help", "*.md")]:
        assert list((folder / kind).glob(pattern)), kind
    assert paths.icon_path().is_file()


def test_the_about_box_version_is_the_package_metadata_built_from_the_one_version():
    # GIVEN the installed package (dev.py installs it editable) WHEN its metadata is read
    about = paths.app_metadata()
    # THEN name and version are the program's, and the version is sakip_desktop.__version__ (pyproject.toml
    # takes it from there: `dynamic = ["version"]`)
    assert about.name == "SAKIP Desktop"
    assert about.version == sakip_desktop.__version__
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "sakip_desktop.__version__"}


def test_a_marker_beside_the_program_keeps_the_data_beside_it(tmp_path):
    # GIVEN a program folder (as a portable zip unpacks on a flash drive) without the marker
    assert paths.portable_data_dir(tmp_path) is None
    # WHEN the marker file lies beside the executable
    (tmp_path / paths.PORTABLE_MARKER).write_text("portabel\n", encoding="utf-8")
    # THEN the data folder is the 'data' folder beside the program
    assert paths.portable_data_dir(tmp_path) == tmp_path / "data"
    # AND a program run from Python sources keeps using the per-user data folder
    assert paths.program_dir() is None
    assert paths.default_db_path().parent == paths.data_dir() != tmp_path / "data"


def _sections(text: str) -> dict[str, list[str]]:
    """The entries of each [Section] of an Inno Setup script (comments and blank lines left out)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#", "{", "//")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_the_installer_never_deletes_the_office_data():
    # GIVEN the installer script
    sections = _sections(ISS.read_text(encoding="utf-8"))
    # THEN the uninstaller deletes nothing beyond what it installed, and the upgrade's clean-up stays in the
    # program folder (the old version's libraries)
    assert sections.get("UninstallDelete", []) == []
    assert sections["InstallDelete"] and all('Name: "{app}\\' in entry for entry in sections["InstallDelete"])
    # AND no entry of any section points into the per-user data folder where the database and backups live
    for entries in sections.values():
        for entry in entries:
            assert "{localappdata}\\{#AppName}" not in entry or entry.startswith("MsgBox"), entry
    # AND the program is installed elsewhere than that data folder: per user under %LOCALAPPDATA%\Programs
    setup = dict(entry.split("=", 1) for entry in sections["Setup"])
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    assert setup["PrivilegesRequired"] == "lowest" and setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])


def test_the_installer_is_told_everything_it_uses_by_the_build(tmp_path):
    # GIVEN the defines installer/build.py hands to ISCC (from the package metadata and icon)
    spec = importlib.util.spec_from_file_location("sakip_installer_build", ROOT / "installer" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    defines = build.iscc_defines(tmp_path / "dist", tmp_path / "work")
    # THEN every {#Name} the script uses is either defined there or in the script itself
    text = ISS.read_text(encoding="utf-8")
    used = set(re.findall(r"\{#(\w+)\}", text))
    own = set(re.findall(r"^#define (\w+)", text, flags=re.MULTILINE))
    assert used - own <= set(defines), used - own - set(defines)
    assert defines["AppName"] == paths.APP_NAME and defines["AppVersion"] == sakip_desktop.__version__
    # AND the installer's icon is made from the program's one icon
    assert Path(defines["IconFile"]).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an .ico file
    assert build.version_numbers("0.2.0rc1") == (0, 2, 0, 0)
