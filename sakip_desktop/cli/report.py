"""`sakip report KIND` for the official documents (pk, pengukuran, triwulan, berita-acara, surat-pengantar, …).

Each kind is a row of `REPORTS`: its help text, the options it takes and how they become a
`DocRequest`. The document is generated through `documents.catalog.generate` (so it is recorded in the
document register, in the name of the person of `--as`, whose password is checked) and written atomically: a
temporary file next to the target, then a rename, so a failed run never leaves half a PDF. `--format xlsx` (or an
--out ending in .xlsx) writes the document's tables instead (`documents.tables_xlsx`), which are not recorded in
the register.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.files import write_atomically
from sakip_desktop.ops.base import Actor

if TYPE_CHECKING:
    from sakip_desktop.documents.request import DocRequest
    from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class ReportSpec:
    """A document kind on the command line: help, the options it adds, and `(args) -> DocRequest`."""

    help: str
    add_options: Callable[[argparse.ArgumentParser], None]


def _year(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--year", type=int, required=required, help="tahun")


def _day(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", help="tanggal tanda tangan TTTT-BB-HH (bawaan: hari ini)")


def _pk(p: argparse.ArgumentParser) -> None:
    _year(p, required=False)
    p.add_argument("--pk-id", type=int, dest="pk_id", help="ID versi PK (bawaan: PK yang berlaku pada tahun itu)")
    p.add_argument("--unit", type=int, help="ID unit untuk PK unit (bawaan: PK kantor)")


def _pengukuran(p: argparse.ArgumentParser) -> None:
    _year(p)
    p.add_argument("--tw", type=int, choices=[1, 2, 3, 4], help="triwulan (bawaan: seluruh tahun)")
    _day(p)


def _triwulan(p: argparse.ArgumentParser) -> None:
    _year(p)
    p.add_argument("--tw", type=int, choices=[1, 2, 3, 4], required=True, help="triwulan")
    _day(p)


def _year_day(p: argparse.ArgumentParser) -> None:
    _year(p)
    _day(p)


def _meeting(p: argparse.ArgumentParser) -> None:
    p.add_argument("--meeting", type=int, required=True, help="ID rapat evaluasi")


def _letter(p: argparse.ArgumentParser) -> None:
    p.add_argument("--letter", type=int, required=True, help="ID surat di register surat keluar")


def _lkj(p: argparse.ArgumentParser) -> None:
    from sakip_desktop.cli.lkj import add_lkj_options

    add_lkj_options(p)


# H7 adds "lkj" here (and registers the kind in documents/catalog.py through its own module).
REPORTS: dict[str, ReportSpec] = {
    "pk": ReportSpec("Perjanjian Kinerja (PK / PK Perubahan)", _pk),
    "pengukuran": ReportSpec("Formulir Pengukuran Kinerja (triwulan atau tahun)", _pengukuran),
    "triwulan": ReportSpec("Laporan Kinerja Triwulan", _triwulan),
    "berita-acara": ReportSpec("Berita Acara Evaluasi Kinerja", _meeting),
    "surat-pengantar": ReportSpec("Surat pengantar dari register surat keluar", _letter),
    "lkj": ReportSpec("Laporan Kinerja (LKj) tahunan; --format docx untuk Word", _lkj),
    "e81": ReportSpec("Formulir E.81 Evaluasi Renja per triwulan (ke Bappeda); xlsx seperti templat", _triwulan),
    # issue 16 §3 (helper lhe): --year is the year the LHE evaluated
    "tl-lhe": ReportSpec("Matriks Tindak Lanjut LHE AKIP Inspektorat (--year: tahun yang dievaluasi)", _year_day),
    "tl-lhe-kemenpan": ReportSpec("Matriks Tindak Lanjut LHE AKIP Kementerian PANRB", _year_day),
    # issue 16 §1-2 (helper lke): the self-assessment of --year; --format xlsx: the filled LKE in the template layout
    "lke": ReportSpec("Penilaian mandiri SAKIP (LKE) untuk Inspektorat; xlsx: LKE terisi", _year_day),
}


def request_from_args(kind: str, args: argparse.Namespace) -> DocRequest:
    """The `DocRequest` the parsed options describe."""
    from sakip_desktop.documents.catalog import DocRequest
    from sakip_desktop.errors import ValidationError

    day = None
    if getattr(args, "date", None):
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError as exc:
            raise ValidationError(f"Tanggal '{args.date}' tidak sah; tulis TTTT-BB-HH.", field="date") from exc
    return DocRequest(
        kind=kind,
        year=getattr(args, "year", None),
        quarter=getattr(args, "tw", None),
        agreement_id=getattr(args, "pk_id", None),
        unit_id=getattr(args, "unit", None),
        meeting_id=getattr(args, "meeting", None),
        letter_id=getattr(args, "letter", None),
        day=day,
        paper=getattr(args, "paper", None),
    )


def printing_person(db: Database, args: argparse.Namespace) -> Actor:
    """Who the register names for a PDF made on the command line: the person of --as, password checked."""
    from sakip_desktop.cli.identity import authenticate
    from sakip_desktop.errors import ValidationError

    if not args.username:
        raise ValidationError(
            "Sebutkan siapa yang mencetak dengan --as NAMA_PENGGUNA: PDF dicatat di register dokumen atas namanya.",
            field="username",
        )
    return authenticate(db, args)


def wants_xlsx(args: argparse.Namespace) -> bool:
    """True when the tables are asked for as .xlsx (by --format or by the name of --out)."""
    fmt = getattr(args, "format", None)
    return fmt == "xlsx" or (fmt is None and Path(args.out).suffix.lower() == ".xlsx")


def run_xlsx(kind: str, args: argparse.Namespace) -> int:
    """Write every table of the document to --out as .xlsx, one sheet per table (not recorded in the register)."""
    from sakip_desktop.documents.tables_xlsx import write_tables_xlsx
    from sakip_desktop.storage.database import Database

    out = Path(args.out)
    db = Database.open(Path(args.db))
    try:
        # A form with its own layout (Formulir E.81: one sheet) is written as the form; others a sheet per table.
        tables = write_tables_xlsx(db, request_from_args(kind, args), out)
    finally:
        db.close()
    print(f"{len(tables)} tabel ({', '.join(t.sheet for t in tables)}) ditulis ke {out.resolve()}")
    return 0


def _run(kind: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from sakip_desktop.documents.catalog import generate

        if wants_xlsx(args):
            return run_xlsx(kind, args)
        if kind == "lkj":
            from sakip_desktop.cli.lkj import run_docx, wants_docx

            if wants_docx(args):
                return run_docx(args)
        from sakip_desktop.storage.database import Database

        db = Database.open(Path(args.db))
        try:
            result = generate(db, printing_person(db, args), request_from_args(kind, args))
        finally:
            db.close()
        out = Path(args.out)
        write_atomically(out, result.pdf)
        r = result.record
        print(
            f"{r.title} ({result.pages} halaman, {r.paper}, versi {r.version}, data {r.short_hash}) "
            f"ditulis ke {out.resolve()}"
        )
        return 0

    return run


def add_report_parsers(report_sub: argparse._SubParsersAction) -> None:
    """Add one `sakip report KIND` sub-command per row of `REPORTS`."""
    from sakip_desktop.cli.identity import add_identity_options

    for kind, spec in REPORTS.items():
        p = report_sub.add_parser(kind, help=spec.help)
        p.add_argument("--db", required=True, help="berkas basis data")
        spec.add_options(p)
        p.add_argument("--paper", choices=["A4", "F4"], help="ukuran kertas (bawaan: pengaturan kantor)")
        if kind != "lkj":  # the LKj's --format (pdf, docx, xlsx) comes with its own options
            p.add_argument(
                "--format",
                choices=["pdf", "xlsx"],
                help="pdf (bawaan) atau xlsx (tabel-tabelnya, satu lembar per tabel)",
            )
        p.add_argument("--out", required=True, help="berkas PDF (atau .xlsx/.docx) yang ditulis")
        add_identity_options(p, required=False, purpose="wajib untuk PDF, yang dicatat di register dokumen")
        p.set_defaults(func=_run(kind))
