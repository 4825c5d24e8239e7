"""`sakip-desktop --help` is in Indonesian (tester finding F10), through the program's real parser."""

from __future__ import annotations

import pytest


def test_the_programs_own_help_is_in_indonesian(capsys):
    from ui.arguments import parse_args

    with pytest.raises(SystemExit):
        parse_args(["--help"])
    text = capsys.readouterr().out
    assert text.startswith("Penggunaan: sakip-desktop") and "tampilkan bantuan ini lalu keluar" in text
