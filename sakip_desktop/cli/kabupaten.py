"""`sakip kabupaten import`: kecamatan backups into the kabupaten's PostgreSQL database (issue 17)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_import(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.kabupaten.importing import STATUS_WORDS, ImportOutcome, import_files

    named: dict[Path, str] = {}
    if args.kode_wilayah:
        if len(args.files) != 1:
            print("Gagal: --kode-wilayah hanya untuk satu berkas sekali impor.", file=sys.stderr)
            return 2
        named[Path(args.files[0])] = args.kode_wilayah

    def report(outcome: ImportOutcome) -> None:
        stream = sys.stdout if outcome.ok else sys.stderr
        print(f"{STATUS_WORDS[outcome.status]:<14}: {outcome.message}", file=stream, flush=True)

    outcomes = import_files(
        args.url, [Path(f) for f in args.files], imported_by=args.oleh, region_codes=named, on_done=report
    )
    refused = sum(1 for o in outcomes if not o.ok)
    print(f"{len(outcomes) - refused} dari {len(outcomes)} berkas diterima, {refused} ditolak.")
    return 1 if refused else 0


def add_kabupaten_parser(sub: argparse._SubParsersAction) -> None:
    """Add `kabupaten import` to the `sakip` command."""
    kabupaten = sub.add_parser("kabupaten", help="data kabupaten: gabungan data semua kecamatan di PostgreSQL")
    kabupaten_sub = kabupaten.add_subparsers(dest="kabupaten_command", required=True)
    imp = kabupaten_sub.add_parser(
        "import",
        help="impor cadangan kecamatan (dengan .sha256-nya); exit 0 semua diterima, 1 ada yang ditolak",
    )
    imp.add_argument("--url", required=True, help="alamat basis data kabupaten, postgresql://pengguna@server/nama")
    imp.add_argument("--oleh", default=None, help="nama petugas yang mengimpor (bawaan: pengguna komputer)")
    imp.add_argument(
        "--kode-wilayah",
        default=None,
        help="kode wilayah kecamatan untuk berkas yang belum membawa identitas (program versi lama); satu berkas",
    )
    imp.add_argument("files", nargs="+", help="berkas cadangan kecamatan (.db)")
    imp.set_defaults(func=_cmd_import)
