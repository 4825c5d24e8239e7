"""Helpers of the data-safety tests: what people a database file holds, a small disk, a damaged page."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path


def person_names(path: Path) -> set[str]:
    """The names of the people in a database file, read straight from it."""
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM person")}
    finally:
        conn.close()


def mount_tmpfs(folder: Path, size: str) -> bool:
    """A small real disk at `folder` (root only); False where it cannot be had (the test then skips)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def unmount(folder: Path) -> None:
    """Take the disk away again (lazily: a file still open does not stop it)."""
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def corrupt_table(path: Path, table: str) -> None:
    """Overwrite the table's root page, past its first bytes, with noise (a damaged disk sector)."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(os.urandom(page_size - 8))
