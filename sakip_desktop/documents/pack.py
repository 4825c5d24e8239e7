"""'Siapkan paket…': the submission pack of a year written to a folder (or a .zip) on a flash drive: one PDF per
expected document, named '<ESR type> - <title> - <year>.pdf', the cover sheet listing them, and the lembar salin
(.xlsx) of the quarterly figures.

A document the program prints is taken from a scanned signed copy when one is attached to the item, otherwise
printed now from the office's data through the catalog (and entered in the document register, as any printing).
Everything is gathered in memory first, then written into a hidden temporary folder on the target and renamed
into place in one step: a pulled drive or a full disk leaves no pack that looks complete, only the old pack (if
any) and a message in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.documents.catalog import DocRequest, generate, preview
from sakip_desktop.documents.kit import load_setup
from sakip_desktop.documents.pack_cover import CoverLine, cover_pdf
from sakip_desktop.documents.pack_salin import salin_workbook
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import StorageFailure, StorageFull, UserError
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.pack.checklist import ChecklistRow, checklist, read_pack_file
from sakip_desktop.ops.pack.due import pack_file_name
from sakip_desktop.storage.backup import fsync_folder
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.failures import os_error_words

COVER_NAME = "00 - Daftar isi paket - {year}.pdf"
SALIN_NAME = "Lembar salin capaian triwulan - {year}.xlsx"


@dataclass(frozen=True)
class PackResult:
    """A pack written: where, and the cover sheet's lines (what it holds and what is missing)."""

    path: Path  # the folder, or the .zip
    lines: tuple[CoverLine, ...]
    files: tuple[str, ...]  # the names inside, in order

    @property
    def missing(self) -> tuple[CoverLine, ...]:
        """The expected documents the pack does not hold."""
        return tuple(line for line in self.lines if not line.file_name)


def pack_name(office: str, year: int) -> str:
    """'Paket Kabupaten 2025 - Kecamatan Contoh' (the folder, or the .zip without its suffix)."""
    name = f"Paket Kabupaten {year} - {office}"
    return "".join("-" if c in '<>:"/\\|?*' else c for c in name).strip()


def _in_pack(row: ChecklistRow, today: dt.date) -> bool:
    """A yearly document always; a quarterly one once its quarter has ended."""
    if not row.quarter:
        return True
    end_month = 3 * row.quarter
    return dt.date(row.year + (end_month == 12), end_month % 12 + 1, 1) <= today


def _document(db: Database, actor: Actor, row: ChecklistRow) -> tuple[bytes, str]:
    """The PDF of an item and where it comes from; `UserError` when there is none."""
    if row.files:
        newest = row.files[-1]
        return read_pack_file(db, newest.id).data, f"berkas dilampirkan: {newest.filename}"
    if not row.item.source_kind:
        raise UserError("belum ada berkas yang dilampirkan")
    request = DocRequest(row.item.source_kind, year=row.year, quarter=row.quarter or None)
    if actor.may(Op.DOCUMENT_RECORD) and not (db.read_only or db.damage):
        made = generate(db, actor, request)
        return made.pdf, f"dicetak program, versi {made.record.version}"
    pdf, _pages = preview(db, request)
    return pdf, "dicetak program"


def gather_pack(db: Database, actor: Actor, year: int, today: dt.date) -> tuple[list[CoverLine], dict[str, bytes]]:
    """The cover sheet's lines and the files of the pack (name -> bytes), cover and lembar salin included."""
    lines: list[CoverLine] = []
    files: dict[str, bytes] = {}
    for row in checklist(db, year, today):
        if not _in_pack(row, today):
            continue
        name = _unique(pack_file_name(row.item.esr_type, row.item.title, row.year, row.quarter), files)
        try:
            data, remark = _document(db, actor, row)
        except UserError as exc:
            name, remark = "", str(exc).rstrip(".")
        else:
            files[name] = data
        lines.append(CoverLine(row.item.esr_type, row.item.title, row.period, row.deadline, row.status_label, name,
                               remark))  # fmt: skip
    profile = get_profile(db)
    office = f"{profile.office_title}, {profile.regency_title}"
    cover = cover_pdf(load_setup(db), office, year, lines, today)
    return lines, {COVER_NAME.format(year=year): cover, **files, SALIN_NAME.format(year=year): salin_workbook(db, year)}


def _unique(name: str, taken: dict[str, bytes]) -> str:
    """`name`, or 'name (2).pdf' when two lines of the office's list print under the same name."""
    stem, n = name.removesuffix(".pdf"), 2
    while name in taken:
        name, n = f"{stem} ({n}).pdf", n + 1
    return name


def _write_failed(exc: OSError, target: Path) -> UserError:
    words = os_error_words(exc)
    tail = "Paket tidak jadi dibuat; tidak ada paket setengah jadi yang tertinggal."
    # EFBIG: a file larger than the drive takes (FAT32's 4 GB, a quota): as good as a full drive.
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StorageFull(f"Ruang di {target} habis. {tail} Kosongkan ruang flash disk lalu ulangi.")
    return StorageFailure(
        f"Penulisan paket ke {target} gagal ({words}). {tail} Pastikan flash disk masih terpasang dan dapat "
        "ditulisi, lalu ulangi."
    )


def write_folder(target: Path, name: str, files: dict[str, bytes]) -> Path:
    """Write `files` as the folder `target/name`: first into a hidden temporary folder beside it, then renamed
    (an older pack of the same name is replaced only once the new one is complete)."""
    final = target / name
    temp = target / f".{name}.{uuid.uuid4().hex[:8]}.sementara"
    try:
        temp.mkdir()
        for file_name, data in files.items():
            with open(temp / file_name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        fsync_folder(temp)
        old = None
        if final.exists():
            old = target / f".{name}.{uuid.uuid4().hex[:8]}.lama"
            os.replace(final, old)
        os.replace(temp, final)
        fsync_folder(target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise _write_failed(exc, target) from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def write_zip(target: Path, name: str, files: dict[str, bytes]) -> Path:
    """Write `files` as `target/name.zip` through a temporary file and a rename (`files.write_atomically`)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, data in files.items():
            archive.writestr(f"{name}/{file_name}", data)
    final = target / f"{name}.zip"
    try:
        write_atomically(final, buffer.getvalue())
    except OSError as exc:
        raise _write_failed(exc, target) from exc
    return final


def prepare_pack(
    db: Database,
    actor: Actor,
    year: int,
    target: Path,
    *,
    as_zip: bool = False,
    today: dt.date | None = None,
    writer: Callable[[Path, str, dict[str, bytes]], Path] | None = None,
) -> PackResult:
    """Prepare the pack of `year` in the folder `target` (a flash drive): a folder, or a .zip with `as_zip`."""
    target = Path(target)
    if not target.is_dir():
        raise StorageFailure(f"Folder tujuan {target} tidak ada. Pasang flash disk atau pilih folder lain.")
    today = today or dt.date.today()
    lines, files = gather_pack(db, actor, year, today)
    name = pack_name(get_profile(db).office_title, year)
    put = writer or (write_zip if as_zip else write_folder)
    path = put(target, name, files)
    return PackResult(path, tuple(lines), tuple(files))
