"""`sakip report lkj`: the options of the annual Laporan Kinerja, and its Word (.docx) export.

The PDF goes through the shared dispatcher (`cli_report`, the document catalog and register);
`--format docx` (or an --out ending in .docx) writes the Word file instead, which is not recorded
in the register (it is a working copy, not the paper that is signed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

from sakip_desktop.errors import ValidationError
from sakip_desktop.files import write_atomically


def add_lkj_options(parser: argparse.ArgumentParser) -> None:
    """The options `sakip report lkj` adds to the dispatcher's --db, --paper and --out."""
    parser.add_argument("--year", type=int, required=True, help="tahun laporan")
    parser.add_argument("--date", help="tanggal tanda tangan TTTT-BB-HH (bawaan: hari ini; LKj bertanda: tanggalnya)")
    parser.add_argument(
        "--format", choices=["pdf", "docx", "xlsx"], help="pdf (bawaan), docx (Word) atau xlsx (tabel-tabelnya)"
    )


def wants_docx(args: argparse.Namespace) -> bool:
    """True when the Word file is asked for (by --format or by the name of --out)."""
    fmt = getattr(args, "format", None)
    return fmt == "docx" or (fmt is None and Path(args.out).suffix.lower() == ".docx")


def run_docx(args: argparse.Namespace) -> int:
    """Write the LKj as .docx to --out."""
    from sakip_desktop.documents.lkj.docx import write_lkj_docx
    from sakip_desktop.storage.database import Database

    day = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise ValidationError(f"Tanggal '{args.date}' tidak sah; tulis TTTT-BB-HH.", field="date") from exc
    out = Path(args.out)
    buffer = io.BytesIO()
    db = Database.open(Path(args.db))
    try:
        write_lkj_docx(db, args.year, buffer, day=day)
    finally:
        db.close()
    write_atomically(out, buffer.getvalue())
    print(f"LKj Tahun {args.year} (Word) ditulis ke {out.resolve()}")
    return 0
