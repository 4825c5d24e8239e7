"""`sakip paket …`: the submission pack to the kabupaten from the command line.

sakip paket daftar   --db F --year 2025 [--tw 3] [--date D]                 the checklist with deadlines and statuses
sakip paket siapkan  --db F --year 2025 [--tw 3] --out FOLDER [--zip] --as U   write the pack onto a flash drive
sakip paket status   --db F --year 2025 --item lkj [--tw 3] --status diunggah [--date D] [--note T] --as U
sakip paket lampirkan --db F --year 2025 --item dpa [--tw 3] --file scan.pdf --as U
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.cli.identity import add_identity_options, authenticate
from sakip_desktop.errors import ValidationError

if TYPE_CHECKING:  # the command line imports the core only for the verb it runs
    from sakip_desktop.storage.database import Database

STATUSES = ("belum", "siap", "diunggah", "diterima", "ditolak")


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"Tanggal '{text}' tidak sah; tulis TTTT-BB-HH.", field="date") from exc


def _open(args: argparse.Namespace) -> Database:
    from sakip_desktop.storage.database import Database

    return Database.open(Path(args.db))


def _cmd_list(args: argparse.Namespace) -> int:
    from sakip_desktop.documents.pack import period_name
    from sakip_desktop.documents.pack_ready import pack_checklist
    from sakip_desktop.ops.pack.checklist import pack_count

    db = _open(args)
    today = _day(args.date)
    try:
        rows = pack_checklist(db, args.year, today, args.tw)
    finally:
        db.close()
    print(f"Paket kirim ke Kabupaten {period_name(args.year, args.tw)}: {len(rows)} dokumen; "
          f"{pack_count(rows, today).text}")  # fmt: skip
    for row in rows:
        late = "  TERLAMBAT" if row.overdue else ""
        note = f"  catatan: {row.note}" if row.note else ""
        print(f"- [{row.item.code}] {row.item.esr_type} | {row.item.title} | {row.period} | batas "
              f"{row.deadline:%d-%m-%Y} | {row.status_label} | {row.source_text}{late}{note}")  # fmt: skip
    return 0


def _cmd_prepare(args: argparse.Namespace) -> int:
    from sakip_desktop.documents.pack import draft_text, prepare_pack

    db = _open(args)
    try:
        actor = authenticate(db, args)
        result = prepare_pack(db, actor, args.year, Path(args.out), quarter=args.tw, as_zip=args.zip,
                              today=_day(args.date))  # fmt: skip
    finally:
        db.close()
    period = f"TW {args.tw} {args.year}" if args.tw else str(args.year)
    print(f"Paket Kabupaten {period} ditulis ke {result.path.resolve()} ({len(result.files)} berkas)")
    if result.drafts:
        print(f"  PERHATIAN: {draft_text(result.lines, limit=len(result.lines))}")
        for line in result.drafts:
            print(f"  DRAF: {line.file_name}")
    for line in result.missing:
        print(f"  tidak ada: {line.esr_type} - {line.title} {line.period} ({line.remark})")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.pack.edit import set_status

    db = _open(args)
    try:
        actor = authenticate(db, args)
        day = _day(args.date) if args.date else None
        set_status(db, actor, args.item, args.year, args.tw or 0, args.status.upper(), uploaded_on=day, note=args.note)
    finally:
        db.close()
    period = f"TW {args.tw} {args.year}" if args.tw else str(args.year)
    print(f"Status '{args.item}' {period}: {args.status}")
    return 0


def _cmd_attach(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.pack.edit import attach_file

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Berkas {path} tidak dapat dibaca: {exc}.", field="file") from exc
    db = _open(args)
    try:
        actor = authenticate(db, args)
        attach_file(db, actor, args.item, args.year, args.tw or 0, path.name, data)
    finally:
        db.close()
    print(f"Berkas {path.name} dilampirkan pada '{args.item}' {args.year}")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="berkas basis data")
    parser.add_argument("--year", required=True, type=int, help="tahun paket")


def _item(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--item", required=True, help="kode baris daftar paket (lihat 'sakip paket daftar')")
    parser.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="triwulan (dokumen triwulanan)")


def add_pack_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sakip paket` and its verbs."""
    pack = sub.add_parser("paket", help="paket kirim ke Kabupaten (daftar, siapkan, status, lampirkan)")
    verbs = pack.add_subparsers(dest="paket_command", required=True)
    listing = verbs.add_parser("daftar", help="daftar dokumen yang diminta Kabupaten, batas waktu dan statusnya")
    _common(listing)
    listing.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="hanya dokumen triwulanan triwulan ini")
    listing.add_argument("--date", help="hari ini menurut TTTT-BB-HH (untuk keterlambatan; bawaan: hari ini)")
    listing.set_defaults(func=_cmd_list)
    prepare = verbs.add_parser("siapkan", help="tulis paket (PDF per dokumen, daftar isi, lembar salin) ke folder")
    _common(prepare)
    prepare.add_argument("--out", required=True, help="folder tujuan, mis. flash disk")
    prepare.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="paket triwulan: dokumen triwulanannya saja")
    prepare.add_argument("--zip", action="store_true", help="tulis satu berkas .zip alih-alih folder")
    prepare.add_argument("--date", help="tanggal paket TTTT-BB-HH (bawaan: hari ini)")
    add_identity_options(prepare, purpose="dokumen yang dicetak dicatat atas namanya")
    prepare.set_defaults(func=_cmd_prepare)
    status = verbs.add_parser("status", help="ubah status satu dokumen (Tim SAKIP, Admin Data)")
    _common(status)
    _item(status)
    status.add_argument("--status", required=True, choices=STATUSES, help="status baru")
    status.add_argument("--date", help="tanggal diunggah TTTT-BB-HH (bawaan: hari ini)")
    status.add_argument("--note", default="", help="catatan verifikator (wajib untuk 'ditolak')")
    add_identity_options(status)
    status.set_defaults(func=_cmd_status)
    attach = verbs.add_parser("lampirkan", help="lampirkan PDF (pindaian bertanda tangan, DPA) pada satu dokumen")
    _common(attach)
    _item(attach)
    attach.add_argument("--file", required=True, help="berkas PDF")
    add_identity_options(attach)
    attach.set_defaults(func=_cmd_attach)
