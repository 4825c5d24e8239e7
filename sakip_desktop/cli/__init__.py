"""The `sakip` command line, for headless work and scripting."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.errors import UserError

if TYPE_CHECKING:
    from sakip_desktop.storage.database import Database


def _cmd_demo_create(args: argparse.Namespace) -> int:
    import datetime as dt

    from sakip_desktop.demo.office import create_demo

    try:
        anchor = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError(f"Tanggal '{args.date}' tidak dikenal; tulis TTTT-BB-HH, mis. 2026-12-07.") from None
    db = create_demo(Path(args.path), anchor=anchor)
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
        if not _check_audit_trail(Path(args.db)):
            return 1
        print("Hasil         : baik, tidak ada masalah.")
        return 0
    for problem in result.problems:
        print(f"Masalah       : {problem}")
    return 1


def _check_audit_trail(path: Path) -> bool:
    """Print the audit trail's verdict (hash chain, sealed records); False when something was changed behind the
    program's back."""
    import sqlite3

    from sakip_desktop.ops.audit.check import check_audit_file

    try:
        audit = check_audit_file(path)
    except sqlite3.Error as exc:
        print(f"Masalah       : riwayat perubahan tidak dapat diperiksa ({exc}).")
        return False
    broken = "tidak utuh: ada yang diubah di luar program (lihat di bawah)."
    print(f"Riwayat       : {audit.status if audit.ok else broken}")
    for finding in audit.findings:
        print(f"Catatan       : {finding}")
    for problem in audit.problems:
        print(f"Masalah       : {problem}")
    return audit.ok


def _open(path: str) -> Database:
    from sakip_desktop.storage.database import Database

    return Database.open(Path(path))


def _cmd_sop_list(args: argparse.Namespace) -> int:
    from sakip_desktop.ops.sop.library import list_sops

    db = _open(args.db)
    try:
        rows = list_sops(db, include_inactive=True)
    finally:
        db.close()
    if not rows:
        print("Kantor ini belum punya SOP.")
        return 0
    print(f"{'ID':>3}  {'Kode':<48} {'Versi':>5} {'Langkah':>7}  Nama")
    for row in rows:
        status = "" if row.active else "  (nonaktif)"
        print(f"{row.id:>3}  {row.code:<48} {row.version:>5} {row.steps:>7}  {row.name}{status}")
    return 0


def _cmd_report_sop(args: argparse.Namespace) -> int:
    from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet, nip_grouping_of
    from sakip_desktop.ops.org.office import get_logo, get_settings
    from sakip_desktop.ops.sop.library import get_definition

    db = _open(args.db)
    try:
        definition = get_definition(db, args.sop, args.version)
        settings = get_settings(db)
        paper = args.paper or settings.paper_size
        logo = get_logo(db)
    finally:
        db.close()
    out = Path(args.out)
    grouping = nip_grouping_of(settings.nip_grouping)  # the office's NIP spacing, as every document prints it
    pages = build_sop_sheet(definition, out, paper=paper, logo=logo, font=settings.document_font, nip_grouping=grouping)
    print(f"Lembar SOP '{definition.identity.name}' ({pages} halaman, {paper}) ditulis ke {out.resolve()}")
    return 0


def _cmd_export_measurement(args: argparse.Namespace) -> int:
    from sakip_desktop.domain.periods import quarter_label
    from sakip_desktop.exchange.measurement import export_measurement

    db = _open(args.db)
    try:
        count = export_measurement(db, args.year, args.tw, Path(args.out))
    finally:
        db.close()
    period = f"tahun {args.year}" if args.tw is None else f"{quarter_label(args.tw)} tahun {args.year}"
    print(f"Pengukuran kinerja {period} ({count} indikator) ditulis ke {Path(args.out).resolve()}")
    return 0


def _cmd_report_kepatuhan(args: argparse.Namespace) -> int:
    from sakip_desktop.exchange.compliance import export_compliance

    db = _open(args.db)
    try:
        count = export_compliance(db, Path(args.out), args.sop)
    finally:
        db.close()
    print(f"Laporan kepatuhan SOP ({count} langkah) ditulis ke {Path(args.out).resolve()}")
    return 0


def _add_report_parsers(sub: argparse._SubParsersAction) -> None:
    """`sakip report …`: the SOP sheet and the compliance workbook here, the documents in cli/report.py."""
    report = sub.add_parser("report", help="cetak dokumen ke PDF")
    report_sub = report.add_subparsers(dest="report_kind", required=True)
    sheet = report_sub.add_parser("sop", help="lembar SOP (identitas dan diagram alir)")
    sheet.add_argument("--db", required=True, help="berkas basis data")
    sheet.add_argument("--sop", required=True, type=int, help="ID SOP (lihat 'sakip sop list')")
    sheet.add_argument("--version", type=int, help="versi SOP (bawaan: terbaru)")
    sheet.add_argument("--paper", choices=["A4", "F4"], help="ukuran kertas (bawaan: pengaturan kantor)")
    sheet.add_argument("--out", required=True, help="berkas PDF yang ditulis")
    sheet.set_defaults(func=_cmd_report_sop)
    kepatuhan = report_sub.add_parser("kepatuhan", help="laporan kepatuhan SOP (.xlsx): waktu nyata lawan standar")
    kepatuhan.add_argument("--db", required=True, help="berkas basis data")
    kepatuhan.add_argument("--sop", type=int, help="ID SOP (bawaan: semua SOP)")
    kepatuhan.add_argument("--out", required=True, help="berkas .xlsx yang ditulis")
    kepatuhan.set_defaults(func=_cmd_report_kepatuhan)
    from sakip_desktop.cli.report import add_report_parsers

    add_report_parsers(report_sub)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `sakip`."""
    from sakip_desktop.cli.indonesian import Parser  # help and usage errors in Indonesian (sub-commands too)

    parser: argparse.ArgumentParser = Parser(prog="sakip", description="SAKIP Desktop: perintah baris.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="kantor contoh")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True)
    create = demo_sub.add_parser("create", help="tulis basis data kantor contoh ke berkas baru")
    create.add_argument("path", help="berkas .db yang akan dibuat")
    create.add_argument("--date", default="", help="hari kantor contoh dibuat (TTTT-BB-HH); bawaan: hari ini")
    create.set_defaults(func=_cmd_demo_create)

    check = sub.add_parser("check", help="periksa integritas dan versi skema basis data")
    check.add_argument("--db", required=True, help="berkas basis data")
    check.set_defaults(func=_cmd_check)

    sop = sub.add_parser("sop", help="SOP kantor")
    sop_sub = sop.add_subparsers(dest="sop_command", required=True)
    sop_list = sop_sub.add_parser("list", help="daftar SOP kantor dengan ID-nya")
    sop_list.add_argument("--db", required=True, help="berkas basis data")
    sop_list.set_defaults(func=_cmd_sop_list)

    _add_report_parsers(sub)

    export = sub.add_parser("export", help="ekspor data ke .xlsx")
    export_sub = export.add_subparsers(dest="export_kind", required=True)
    measurement = export_sub.add_parser("pengukuran", help="tabel pengukuran kinerja (untuk sistem daring kabupaten)")
    measurement.add_argument("--db", required=True, help="berkas basis data")
    measurement.add_argument("--year", required=True, type=int, help="tahun")
    measurement.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="triwulan (bawaan: seluruh tahun)")
    measurement.add_argument("--out", required=True, help="berkas .xlsx yang ditulis")
    measurement.set_defaults(func=_cmd_export_measurement)

    from sakip_desktop.cli.isian import add_isian_parser

    add_isian_parser(sub)
    from sakip_desktop.cli.rencana import add_rencana_parser

    add_rencana_parser(sub)
    from sakip_desktop.cli.backup import add_backup_parsers

    add_backup_parsers(sub)
    from sakip_desktop.cli.pack import add_pack_parser

    add_pack_parser(sub)
    from sakip_desktop.cli.kabupaten import add_kabupaten_parser  # issue 17: the kabupaten's consolidation

    add_kabupaten_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (1 for a problem, 2 for wrong usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
