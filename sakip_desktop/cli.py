"""The `sakip` command line, for headless work and scripting."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sakip_desktop.errors import UserError


def _cmd_demo_create(args: argparse.Namespace) -> int:
    from sakip_desktop.demo import create_demo

    db = create_demo(Path(args.path))
    db.close()
    print(f"Kantor contoh ditulis ke {Path(args.path).resolve()}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from sakip_desktop.storage.migrations import SCHEMA_VERSION
    from sakip_desktop.storage.sqlitefile import check_file

    result = check_file(Path(args.db), SCHEMA_VERSION)
    print(f"Berkas        : {Path(args.db).resolve()}")
    print(f"Versi skema   : {result.schema_version} (program ini: {SCHEMA_VERSION})")
    for note in result.notes:
        print(f"Catatan       : {note}")
    if result.ok:
        print("Hasil         : baik, tidak ada masalah.")
        return 0
    for problem in result.problems:
        print(f"Masalah       : {problem}")
    return 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `sakip`."""
    parser = argparse.ArgumentParser(prog="sakip", description="SAKIP Desktop: perintah baris.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="kantor contoh")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    create = demo_sub.add_parser("create", help="tulis basis data kantor contoh ke berkas baru")
    create.add_argument("path", help="berkas .db yang akan dibuat")
    create.set_defaults(func=_cmd_demo_create)

    check = sub.add_parser("check", help="periksa integritas dan versi skema basis data")
    check.add_argument("--db", required=True, help="berkas basis data")
    check.set_defaults(func=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (1 for a problem, 2 for wrong usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
