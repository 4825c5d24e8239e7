"""The GUI's command line: its arguments (help and usage errors in Indonesian) and which file they open."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakip_desktop import paths
from ui.startup import SCREENSHOT_SIZE, parse_size


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line arguments of the GUI."""
    from sakip_desktop.cli.indonesian import Parser  # help and usage errors in Indonesian

    parser = Parser(prog="sakip-desktop", description="SAKIP Desktop")
    parser.add_argument("--db", type=Path, help="berkas basis data kantor (bawaan: folder data pengguna)")
    parser.add_argument(  # issue 17: the kabupaten's comparison of its kecamatan
        "--url", metavar="postgresql://…", help="buka data kabupaten (semua kecamatan) di server PostgreSQL ini"
    )
    parser.add_argument("--demo", action="store_true", help="buka kantor contoh dalam basis data contoh yang baru")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png", help="simpan gambar jendela utama lalu keluar")
    parser.add_argument(
        "--user",
        metavar="NAMA_PENGGUNA",
        help="dengan --screenshot: masuk sebagai orang ini di kantor contoh (bawaan: camat); tanpanya: nama yang "
        "terpilih di layar masuk",
    )
    parser.add_argument(
        "--size",
        type=_size,
        default=SCREENSHOT_SIZE,
        metavar="LEBARxTINGGI",
        help="dengan --screenshot: ukuran layar tempat jendela ditata (bawaan: 1366x768, laptop kantor)",
    )
    parser.add_argument(
        "--restore",
        type=Path,
        metavar="CADANGAN.db",
        help="setelah masuk, buka dialog pemulihan dengan berkas cadangan ini (dipakai 'Buka dengan' di Windows)",
    )
    return parser.parse_args(argv)


def _size(text: str) -> tuple[int, int]:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def resolve_db(args: argparse.Namespace) -> tuple[Path, bool]:
    """Which file to open, and whether the demo should be written fresh into it."""
    if args.demo:
        return (args.db or paths.demo_db_path()), True
    return (args.db or paths.default_db_path()), False
