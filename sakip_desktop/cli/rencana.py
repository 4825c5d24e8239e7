"""`sakip template rencana` and `sakip import rencana`: the planning workbook from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakip_desktop.exchange.rencana.check import RencanaPreview
    from sakip_desktop.storage.database import Database


def _open(path: str) -> Database:
    from sakip_desktop.storage.database import Database

    return Database.open(Path(path))


def _cmd_template(args: argparse.Namespace) -> int:
    from sakip_desktop.exchange.rencana.write import blank_template, export_rencana

    out = Path(args.out)
    if args.db and not args.blank:
        db = _open(args.db)
        try:
            data = export_rencana(db, out)
        finally:
            db.close()
        what = data.plan.name if data.plan else "rencana kosong"
        print(
            f"Buku kerja rencana ({what}: {len(data.indicators)} indikator, {len(data.targets)} baris target, "
            f"{len(data.programs)} program, {len(data.sub_activities)} sub kegiatan) ditulis ke {out.resolve()}"
        )
        return 0
    source = _open(args.db) if args.db else None
    try:
        blank_template(out, source, args.start_year)
    finally:
        if source is not None:
            source.close()
    print(f"Templat rencana kosong ditulis ke {out.resolve()}")
    return 0


def print_preview(preview: RencanaPreview) -> None:
    """The preview of an import as lines of text (also used by tests)."""
    print(f"Berkas {preview.file_name}:" + (" Renstra baru akan dibuat." if preview.new_plan else ""))
    for sheet in preview.sheets:
        counts = f"{len(sheet.added):>4} baru, {len(sheet.changed):>4} berubah, {sheet.unchanged:>4} tetap"
        print(f"  {sheet.sheet:<20} {counts}")
        for label, codes in (("baru", sheet.added), ("berubah", sheet.changed)):
            if codes:
                shown = ", ".join(codes[:12]) + (f", … ({len(codes) - 12} lagi)" if len(codes) > 12 else "")
                print(f"      {label}: {shown}")
    if preview.warnings:
        print(f"Peringatan ({len(preview.warnings)}):")
        for warning in preview.warnings:
            print(f"  - {warning}")


def _cmd_import(args: argparse.Namespace) -> int:
    from sakip_desktop.cli.identity import authenticate
    from sakip_desktop.exchange.rencana.apply import apply_rencana
    from sakip_desktop.exchange.rencana.read import read_rencana

    db = _open(args.db)
    try:
        actor = authenticate(db, args)
        preview = read_rencana(db, Path(args.file))
        print_preview(preview)
        if args.dry_run:
            print("Uji coba (--dry-run): tidak ada yang disimpan.")
            return 0
        if not preview.has_changes:
            print("Tidak ada perubahan; tidak ada yang disimpan.")
            return 0
        result = apply_rencana(db, actor, preview)
        print(f"Disimpan: {result.added} data baru, {result.changed} data diperbarui.")
    finally:
        db.close()
    return 0


def _group(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """The sub-commands of `sakip <name>`, made here unless another module made them already."""
    parser = sub.choices.get(name) or sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_kind", required=True)


def add_rencana_parser(sub: argparse._SubParsersAction) -> None:
    """Add `sakip template rencana` and `sakip import rencana` to the command line."""
    from sakip_desktop.cli.identity import add_identity_options

    template = _group(sub, "template", "tulis templat .xlsx untuk diisi").add_parser(
        "rencana", help="buku kerja rencana: Renstra, indikator, target, program dan anggaran"
    )
    template.add_argument("--db", help="berkas basis data: isi dengan rencana kantor saat ini (ekspor)")
    template.add_argument("--blank", action="store_true", help="dengan --db: templat kosong, daftar unit dari --db")
    template.add_argument("--start-year", type=int, help="tahun awal Renstra templat kosong (bawaan: tahun ini)")
    template.add_argument("--out", required=True, help="berkas .xlsx yang ditulis")
    template.set_defaults(func=_cmd_template)
    imp = _group(sub, "import", "impor data dari .xlsx").add_parser(
        "rencana", help="baca buku kerja rencana, tampilkan perubahan, simpan"
    )
    imp.add_argument("--db", required=True, help="berkas basis data")
    add_identity_options(imp, purpose="yang mengimpor, dicatat di jejak audit")
    imp.add_argument("--dry-run", action="store_true", help="hanya tampilkan perubahan, jangan simpan")
    imp.add_argument("file", help="berkas .xlsx buku kerja rencana")
    imp.set_defaults(func=_cmd_import)


__all__ = ["add_rencana_parser", "print_preview"]
