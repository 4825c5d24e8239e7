"""Where things are: the shipped resources, the program's name and version, and the office's data folder.

The one place that knows how the program was installed. The shipped files (`resources/`: SOP templates, the
demo office, fonts, icons, help pages) lie beside the code in every form the program takes:

- a source checkout or an editable install: the repository's top-level `resources/` folder;
- an installed wheel: `sakip_desktop/resources/`, package data put there by setup.py;
- the frozen build (installer/sakip.spec): `sakip_desktop/resources/` in the bundle, as in the wheel.

They are real files on disk in all three (PyInstaller's one-folder build and pip unpack them), and the readers
want file names (reportlab's TTFont, QIcon), so a path is resolved directly rather than through
importlib.resources; that also keeps this module free of imports on the start-up path.

The office's data (database, backups, log) lives in the per-user data folder, or, for the portable build, in
a `data` folder beside the program when a marker file `portabel.txt` lies beside its executable.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "SAKIP Desktop"  # the display name; also names the per-user data folder, so it never changes
DIST_NAME = "sakip-desktop"  # the package name in pyproject.toml, under which the metadata is found
DB_FILENAME = "sakip.db"
PORTABLE_MARKER = "portabel.txt"  # beside the frozen executable: keep the data beside the program
PORTABLE_DATA = "data"

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The shipped `resources/` folder (SAKIP_RESOURCES overrides it)."""
    override = os.environ.get("SAKIP_RESOURCES")
    if override:
        return Path(override)
    packaged = _HERE / "resources"  # an installed wheel, the frozen build
    if packaged.is_dir():
        return packaged
    return _HERE.parent / "resources"  # a checkout, an editable install


def icon_path() -> Path:
    """The program's icon (the window, the frozen executable and the installer are made from this one file)."""
    return resources_dir() / "icons" / "sakip.png"


@dataclass(frozen=True)
class AppMetadata:
    """The program's name, version and summary as the package metadata gives them."""

    name: str
    version: str
    summary: str


def app_metadata() -> AppMetadata:
    """Name, version and summary from the installed package's metadata (pyproject.toml; the version itself is
    `sakip_desktop.__version__`, which the metadata is built from). A bare checkout that was never installed
    falls back to that same attribute."""
    from importlib import metadata

    try:
        found = metadata.metadata(DIST_NAME)
        return AppMetadata(APP_NAME, found["Version"], found["Summary"] or "")
    except metadata.PackageNotFoundError:
        from sakip_desktop import __version__

        return AppMetadata(APP_NAME, __version__, "")


def program_dir() -> Path | None:
    """The folder of the frozen executable (None when running from Python sources)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def portable_data_dir(folder: Path | None) -> Path | None:
    """The portable data folder when `folder` (the program's) holds the portable marker, else None."""
    if folder is not None and (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA
    return None


def data_dir() -> Path:
    """The office's data folder: beside the program in the portable build, else the per-user data folder
    (e.g. %LOCALAPPDATA%\\SAKIP Desktop on Windows, ~/.local/share/SAKIP Desktop on Linux), which no
    installer, upgrade or uninstaller touches."""
    portable = portable_data_dir(program_dir())
    if portable is not None:
        return portable
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The office database in the data folder."""
    return data_dir() / DB_FILENAME


def log_dir() -> Path:
    """Where the program writes its log (beside the office database in the data folder)."""
    return default_db_path().parent / "log"


def demo_db_path() -> Path:
    """Where `--demo` writes its fresh demo database."""
    return default_db_path().with_name("kantor-contoh.db")
