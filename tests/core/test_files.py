"""The one atomic file writer: whole files or none, with the mode a file of the program usually has."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sakip_desktop.files import replace_atomically, write_atomically


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path: Path):
    # GIVEN a process umask of 022
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    target = tmp_path / "laporan.pdf"
    # WHEN a new file is written
    write_atomically(target, b"%PDF-1.4 satu")
    # THEN it is readable by others as a plainly created file would be (not the temporary file's owner-only mode)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~old_umask
    # and a file the office restricted keeps its mode when it is written again
    target.chmod(0o600)
    write_atomically(target, b"%PDF-1.4 dua")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"%PDF-1.4 dua"


def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(tmp_path: Path):
    # GIVEN a file already written
    target = tmp_path / "isian.xlsx"
    write_atomically(target, b"lama")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"setengah")
        raise OSError("disk penuh")

    # WHEN a later write fails halfway
    with pytest.raises(OSError, match="disk penuh"):
        replace_atomically(target, half_then_fail)
    # THEN the old file is whole and nothing else is left in the folder
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["isian.xlsx"]
