"""The command line's help and usage errors in Bahasa Indonesia: argparse writes "usage:", "positional arguments",
"options", "show this help message and exit" and "error:" in English. `Parser` (with `Formatter`) is the parser
class of `sakip` and `sakip-desktop`; their sub-commands are made of the same class (argparse's add_subparsers
takes the parser's class), so every level's help reads the same."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

HELP_TEXT = "tampilkan bantuan ini lalu keluar"

# argparse's usage errors (Python 3.11-3.13), most specific first
_ERRORS = (
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.*)\)",
        r"argumen \1: pilihan \2 tidak dikenal (pilih: \3)",
    ),
    (r"argument (.+?): invalid (\w+) value: (.*)", r"argumen \1: nilai \3 bukan \2 yang sah"),
    (r"argument (.+?): expected one argument", r"argumen \1: perlu satu nilai"),
    (r"argument (.+?): expected at least one argument", r"argumen \1: perlu sedikitnya satu nilai"),
    (r"argument (.+?): not allowed with argument (.*)", r"argumen \1 tidak boleh bersama argumen \2"),
    (r"one of the arguments (.*) is required", r"salah satu argumen \1 wajib diisi"),
    (r"ambiguous option: (.+?) could match (.*)", r"opsi \1 tidak jelas: bisa berarti \2"),
)


def indonesian_error(message: str) -> str:
    """argparse's English usage error in Indonesian (unknown ones as they are)."""
    for pattern, replacement in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class Formatter(argparse.HelpFormatter):
    """'Penggunaan:' instead of 'usage:'."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are in Indonesian."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(**kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {indonesian_error(message)}\n")


__all__ = ["HELP_TEXT", "Formatter", "Parser", "indonesian_error"]
