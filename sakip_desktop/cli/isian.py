"""`sakip isian export|import`: the Format Isian Data Kinerja Triwulan from the command line."""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.errors import NotFound

if TYPE_CHECKING:
    from sakip_desktop.storage.database import Database


def _open(path: str) -> Database:
    from sakip_desktop.storage.database import Database

    return Database.open(Path(path))


def _shown(value: Decimal | str | None) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return value if len(value) <= 60 else value[:57] + "..."


def _cmd_export(args: argparse.Namespace) -> int:
    from sakip_desktop.domain.periods import quarter_label
    from sakip_desktop.exchange.isian.write import export_isian
    from sakip_desktop.ops.org.units import list_units

    db = _open(args.db)
    try:
        unit_id = None
        if args.unit:
            units = {u.code.casefold(): u for u in list_units(db)}
            unit = units.get(args.unit.casefold())
            if unit is None:
                known = ", ".join(u.code for u in units.values())
                raise NotFound(f"Unit '{args.unit}' tidak ada. Kode unit yang ada: {known}.")
            unit_id = unit.id
        count = export_isian(db, args.year, args.tw, unit_id, Path(args.out))
    finally:
        db.close()
    print(
        f"Format Isian {quarter_label(args.tw)} {args.year} ({count} indikator) ditulis ke {Path(args.out).resolve()}"
    )
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from sakip_desktop.cli.identity import authenticate
    from sakip_desktop.domain.periods import quarter_label
    from sakip_desktop.exchange.isian.preview import apply_isian
    from sakip_desktop.exchange.isian.read import read_isian

    db = _open(args.db)
    try:
        actor = authenticate(db, args)
        preview = read_isian(db, Path(args.file), year=args.year, quarter=args.tw)
        print(f"Berkas {preview.file_name}: {preview.office}, {quarter_label(preview.quarter)} {preview.year}")
        for change in preview.changes:
            old = change.old
            print(f"{change.sheet}, baris {change.row}: {change.code} {change.name}")
            for attr, label in (
                ("value", "realisasi"),
                ("supporting", "faktor pendukung"),
                ("inhibiting", "faktor penghambat"),
                ("follow_up", "upaya/tindak lanjut"),
                ("manual_achievement", "capaian manual"),
                ("manual_justification", "justifikasi"),
            ):
                before = getattr(old, attr) if old else None
                after = getattr(change.new, attr)
                if (before or None) != (after or None):
                    print(f"    {label}: {_shown(before)} -> {_shown(after)}")
        print(f"{len(preview.changes)} baris berubah, {preview.unchanged} baris tetap.")
        if args.dry_run:
            print("Uji coba (--dry-run): tidak ada yang disimpan.")
            return 0
        ids = apply_isian(db, actor, preview)
        print(f"Disimpan: {len(ids)} realisasi.")
    finally:
        db.close()
    return 0


def add_isian_parser(sub: argparse._SubParsersAction) -> None:
    """Add `sakip isian export` and `sakip isian import` to the command line."""
    from sakip_desktop.cli.identity import add_identity_options

    isian = sub.add_parser("isian", help="Format Isian Data Kinerja Triwulan (.xlsx)")
    isian_sub = isian.add_subparsers(dest="isian_command", required=True)
    export = isian_sub.add_parser("export", help="tulis Format Isian untuk diisi Kasi/Kasubag")
    export.add_argument("--db", required=True, help="berkas basis data")
    export.add_argument("--year", required=True, type=int, help="tahun")
    export.add_argument("--tw", required=True, type=int, choices=[1, 2, 3, 4], help="triwulan")
    export.add_argument("--unit", help="kode unit (bawaan: satu lembar per unit yang punya indikator)")
    export.add_argument("--out", required=True, help="berkas .xlsx yang ditulis")
    export.set_defaults(func=_cmd_export)
    imp = isian_sub.add_parser("import", help="baca Format Isian yang sudah diisi, tampilkan perubahan, simpan")
    imp.add_argument("--db", required=True, help="berkas basis data")
    add_identity_options(imp, purpose="yang mengimpor, dicatat di jejak audit")
    imp.add_argument("--year", type=int, help="tahun yang diharapkan (berkas tahun lain ditolak)")
    imp.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="triwulan yang diharapkan")
    imp.add_argument("--dry-run", action="store_true", help="hanya tampilkan perubahan, jangan simpan")
    imp.add_argument("file", help="berkas .xlsx Format Isian")
    imp.set_defaults(func=_cmd_import)


__all__ = ["add_isian_parser"]
