"""The one atomic file writer: a file the program writes (a PDF, a workbook, a Word document) is written to a
temporary file in the same folder, flushed to disk and moved onto its name in one step, so a failure (a full
disk, a crash, a file open in another program) never leaves half a file under that name.

Backups have their own verified copy with a SHA-256 check (`storage.backup`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _process_umask() -> int:
    """The process's umask, read once at import (reading it means setting it, which is not thread-safe)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _process_umask()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, fill)


def replace_atomically(path: Path, fill: Callable[[Path], None]) -> None:
    """Let `fill` write a temporary file beside `path` (openpyxl's `Workbook.save`, python-docx's
    `Document.save`), then flush it to disk and move it onto `path`; the temporary file is removed on failure."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        _keep_mode(tmp, path)
        _sync(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _keep_mode(tmp: Path, path: Path) -> None:
    """Give the new file the mode the old one had, or a new file's usual mode (mkstemp makes it owner-only)."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    os.chmod(tmp, mode)


def _sync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
