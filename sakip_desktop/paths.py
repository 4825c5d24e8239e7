"""Where things are: shipped resources and the per-user database."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "SAKIP Desktop"
DB_FILENAME = "sakip.db"


def resources_dir() -> Path:
    """The shipped `resources/` folder (SAKIP_RESOURCES overrides it, e.g. for a frozen build)."""
    override = os.environ.get("SAKIP_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def default_db_path() -> Path:
    """The office database in the per-user data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def log_dir() -> Path:
    """Where the program writes its log (beside the office database in the per-user data folder)."""
    return default_db_path().parent / "log"


def demo_db_path() -> Path:
    """Where `--demo` writes its fresh demo database."""
    return default_db_path().with_name("kantor-contoh.db")
