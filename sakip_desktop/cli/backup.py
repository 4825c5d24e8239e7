"""`sakip backup` and `sakip restore`: the office database to and from a verified backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.domain import formats

if TYPE_CHECKING:
    from sakip_desktop.storage.restore import BackupPreview


def _cmd_backup(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.backups import backup_now

    db_path = Path(args.db)
    if args.username is None:
        result = backup_now(db_path, Path(args.to))
        print(result.path)
        print("Catatan: tanpa --as cadangan ini tidak dicatat untuk pengingat cadangan di program.", file=sys.stderr)
        return 0
    from sakip_desktop.cli.identity import authenticate
    from sakip_desktop.storage.database import Database

    db = Database.open(db_path)
    try:
        result = backup_now(db_path, Path(args.to), db=db, actor=authenticate(db, args))
    finally:
        db.close()
    print(result.path)
    return 0


def _describe(preview: BackupPreview) -> list[str]:
    when = preview.newest_change
    newest = f"{formats.long_date(when.date())} pukul {when:%H.%M}" if when else "-"
    lines = [
        f"Cadangan      : {preview.path}",
        f"Kantor        : {preview.office_title}",
        f"Perubahan terakhir: {newest}",
        f"Isi           : {preview.indicators} indikator, {preview.realisations} realisasi, "
        f"{preview.sop_runs} pelaksanaan SOP, {preview.documents} dokumen tercetak",
        f"Versi skema   : {preview.schema_version}"
        + (" (akan ditingkatkan saat dibuka)" if preview.needs_upgrade else ""),
        f"Checksum      : {preview.checksum}",
    ]
    if preview.other_office:
        lines.append("PERHATIAN     : cadangan ini milik kantor lain.")
    return lines


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(f"{question} Ketik 'ya' untuk melanjutkan: ").strip().lower()
    return answer in ("y", "ya")


def _cmd_restore(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.backups import restore_and_open
    from sakip_desktop.storage.restore import inspect_backup

    db_path, backup = Path(args.db), Path(args.backup)
    preview = inspect_backup(backup, db_path)  # refused (exit 1) before anything is asked
    for line in _describe(preview):
        print(line)
    question = f"Ganti basis data {db_path.resolve()} dengan cadangan ini?"
    if preview.other_office:
        question = f"Cadangan ini milik {preview.office_title}, kantor lain. {question}"
    if not args.yes and not _confirm(question):
        print(
            "Tidak dipulihkan: belum dikonfirmasi (tambahkan --yes untuk memulihkan tanpa bertanya).", file=sys.stderr
        )
        return 1
    result, db = restore_and_open(backup, db_path, confirm_other_office=True)  # confirmed above
    db.close()
    print(f"Dipulihkan ke  : {db_path.resolve()}")
    if result.previous_copy:
        print(f"Data sebelumnya disimpan di: {result.previous_copy}")
    return 0


def add_backup_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `backup` and `restore` to the `sakip` command."""
    backup = sub.add_parser("backup", help="cadangkan basis data ke folder (mis. flash disk), lalu periksa salinannya")
    backup.add_argument("--db", required=True, help="berkas basis data")
    backup.add_argument("--to", required=True, help="folder tujuan; nama berkas dibuat otomatis")
    from sakip_desktop.cli.identity import add_identity_options

    add_identity_options(backup, required=False, purpose="dicatat sebagai cadangan ke flash disk; boleh tanpa")
    backup.set_defaults(func=_cmd_backup)
    restore = sub.add_parser("restore", help="pulihkan basis data dari berkas cadangan (exit 0 dipulihkan, 1 ditolak)")
    restore.add_argument("--db", required=True, help="berkas basis data yang diganti")
    restore.add_argument("--yes", action="store_true", help="tanpa pertanyaan konfirmasi (juga untuk kantor lain)")
    restore.add_argument("backup", help="berkas cadangan (.db)")
    restore.set_defaults(func=_cmd_restore)
