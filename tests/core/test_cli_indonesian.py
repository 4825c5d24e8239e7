"""`sakip --help`, a sub-command's help and a usage error are in Indonesian (tester finding F10), through the real
parser of `sakip` and of `sakip-desktop`."""

from __future__ import annotations

import pytest

from sakip_desktop import cli

ENGLISH = ("usage:", "positional arguments", "options:", "show this help message", "error:", "required:")


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as ended:
        cli.main(argv)
    out = capsys.readouterr()
    assert ended.value.code in (0, 2)
    return out.out + out.err


@pytest.mark.parametrize("argv", [["--help"], ["kabupaten", "import", "--help"], ["isian", "export", "-h"]])
def test_the_help_of_every_level_is_in_indonesian(capsys, argv):
    text = _help(capsys, argv)
    assert text.startswith("Penggunaan: sakip")
    assert "\nopsi:\n" in text and "-h, --help" in text and "tampilkan bantuan ini lalu keluar" in text
    assert not [word for word in ENGLISH if word in text], text


def test_a_usage_error_is_in_indonesian(capsys):
    text = _help(capsys, ["backup"])
    assert "sakip backup: kesalahan: argumen berikut wajib diisi: --db, --to" in text
    assert not [word for word in ENGLISH if word in text], text
