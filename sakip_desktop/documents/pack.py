"""'Siapkan paket…': the submission pack of a year written to a folder (or a .zip) on a flash drive: one PDF per
expected document, named '<ESR type> - <title> - <year>.pdf', the cover sheet listing them, and the lembar salin
(.xlsx) of the quarterly figures.

A document the program prints is taken from a scanned signed copy when one is attached to the item; an item already
sent (diunggah, diterima) takes the newest registered FINAL printing, the one that was sent (`pack_copies`);
otherwise it is printed now from the office's data (each document's data gathered once, `pack_ready.Prepares`, and
entered in the document register, as any printing). A quarter's pack (TW I–IV) holds that quarter's quarterly
documents only; the year's pack holds the yearly documents and the quarterly ones of the quarters ended.
Everything is gathered in memory first, then written into a hidden temporary folder on the target and renamed
into place in one step: a pulled drive or a full disk leaves no pack that looks complete, only the old pack (if
any) and a message in Indonesian.
A PDF that prints as DRAF says so in its file name ('… - 2025 (DRAF).pdf'), on the cover sheet and in the message
(`PackResult.drafts`, `draft_text`): nothing unfinished goes to the kabupaten unmarked.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import shutil
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sakip_desktop.documents.catalog import Built, Prepared, footer_note, record_built
from sakip_desktop.documents.kit import load_setup
from sakip_desktop.documents.layout_pool import LayoutJob, lay_out_all
from sakip_desktop.documents.pack_copies import final_copy, find_copy, prune_copies
from sakip_desktop.documents.pack_cover import CoverLine, cover_pdf
from sakip_desktop.documents.pack_ready import Key, Prepares, key_of, pack_checklist
from sakip_desktop.documents.pack_salin import salin_workbook
from sakip_desktop.documents.request import is_draft
from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import StorageFailure, StorageFull, UserError, ValidationError
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.office import get_profile, get_settings
from sakip_desktop.ops.pack.checklist import ChecklistRow, read_pack_file
from sakip_desktop.ops.pack.due import DITERIMA, DIUNGGAH, pack_file_name
from sakip_desktop.ops.register import version_for
from sakip_desktop.storage.backup import fsync_folder
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.failures import os_error_words

COVER_NAME = "00 - Daftar isi paket - {period}.pdf"
SALIN_NAME = "Lembar salin capaian triwulan - {period}.xlsx"


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

    @property
    def drafts(self) -> tuple[CoverLine, ...]:
        """The documents the pack holds as DRAF (not final)."""
        return tuple(line for line in self.lines if line.file_name and line.draft)


def draft_text(lines: Sequence[CoverLine], limit: int = 6) -> str:
    """'3 dokumen masih DRAF (belum final): Formulir E.81 TW III 2025; …', or '' when none is."""
    drafts = [line for line in lines if line.file_name and line.draft]
    if not drafts:
        return ""
    names = "; ".join(f"{line.title} {line.period}" for line in drafts[:limit])
    more = f" dan {len(drafts) - limit} lagi" if len(drafts) > limit else ""
    return f"{len(drafts)} dokumen masih DRAF (belum final): {names}{more}."


def period_name(year: int, quarter: int | None = None) -> str:
    """'2025' for the year's pack, 'TW III 2025' for a quarter's."""
    return f"TW {ROMAN[quarter - 1]} {year}" if quarter else str(year)


def pack_name(office: str, year: int, quarter: int | None = None) -> str:
    """'Paket Kabupaten 2025 - Kecamatan Contoh', 'Paket Kabupaten TW III 2025 - …' (the folder, or the .zip
    without its suffix)."""
    name = f"Paket Kabupaten {period_name(year, quarter)} - {office}"
    return "".join("-" if c in '<>:"/\\|?*' else c for c in name).strip()


@dataclass(frozen=True)
class _ToLayOut:
    """A program's document to print now: its prepared data, its version in the register, and the layout."""

    key: Key
    prepared: Prepared
    version: int
    draft: bool
    job: LayoutJob


class _Printer:
    """Lays out the program's documents of one pack from their prepared data (`pack_ready.Prepares`: each gathered
    once) and enters each printing in the document register, as any printing is."""

    def __init__(self, db: Database, actor: Actor, prepares: Prepares) -> None:
        self.db, self.actor, self.prepares = db, actor, prepares
        self.setup = load_setup(db)
        self.with_code = get_settings(db).print_document_code
        self.records = actor.may(Op.DOCUMENT_RECORD) and not (db.read_only or db.damage)
        self.to_lay_out: dict[Key, _ToLayOut] = {}
        self.printed: dict[Key, tuple[bytes, str, bool] | UserError] = {}

    def pdf(self, row: ChecklistRow) -> tuple[bytes, str, bool] | _ToLayOut:
        """(the PDF, where it comes from, whether it is a DRAF) of a program's document when a copy of it is at hand;
        else what to lay out (`lay_out_all`, then `printed`)."""
        sent = self._sent_copy(row)
        if sent is not None:
            return sent
        prepared = self.prepares.get(row)
        if isinstance(prepared, UserError):
            raise prepared
        draft = is_draft(prepared)
        copy = self._registered_copy(row, prepared)
        if copy is not None:
            return (*copy, draft)
        key = key_of(row)
        if key not in self.to_lay_out:  # two lines of the office's list may print the same document: once
            version = version_for(self.db, prepared.kind, prepared.subject_key, prepared.digest)
            note = footer_note(prepared, version, with_code=self.with_code)
            job = LayoutJob(prepared.build, self.setup, prepared.data, note)
            self.to_lay_out[key] = _ToLayOut(key, prepared, version, draft, job)
        return self.to_lay_out[key]

    def lay_out(self) -> None:
        """Lay out every document `pdf` asked for, on all the PC's cores (`lay_out_all`), and enter each in the
        document register (when this user may)."""
        waiting = list(self.to_lay_out.values())
        for job, (pdf, pages) in zip(waiting, lay_out_all([w.job for w in waiting]), strict=True):
            if not self.records:
                self.printed[job.key] = pdf, "dicetak program", job.draft
                continue
            built = Built(job.prepared, pdf, pages, self.setup.paper, job.version)
            try:
                made = record_built(self.db, self.actor, built)
            except UserError as exc:
                self.printed[job.key] = exc
            else:
                self.printed[job.key] = made.pdf, f"dicetak program, versi {made.record.version}", job.draft

    def result(self, job: _ToLayOut) -> tuple[bytes, str, bool]:
        """What `lay_out` made of `job`."""
        made = self.printed[job.key]
        if isinstance(made, UserError):
            raise made
        return made

    def _sent_copy(self, row: ChecklistRow) -> tuple[bytes, str, bool] | None:
        """An item already sent (diunggah, diterima): the newest registered final printing, the one that was sent."""
        if row.status not in (DIUNGGAH, DITERIMA) or row.printed is None:
            return None
        found = final_copy(self.db, row.printed)
        if found is None:
            return None
        record, data = found
        return data, f"cetakan final yang dikirim, versi {record.version}, {record.generated_at:%d-%m-%Y}", False

    def _registered_copy(self, row: ChecklistRow, prepared: Prepared) -> tuple[bytes, str] | None:
        """The register's newest printing of the document, when it was made from the data as it is now on the
        office's paper and its file is kept (`pack_copies`): copied, not laid out again."""
        record = row.printed
        if record is None or record.data_hash != prepared.digest or record.paper != self.setup.paper:
            return None
        data = find_copy(self.db, record.file_sha256)
        if data is None:
            return None
        return data, f"cetakan terdaftar versi {record.version}, {record.generated_at:%d-%m-%Y}"


def _document(db: Database, printer: _Printer, row: ChecklistRow) -> tuple[bytes, str, bool] | _ToLayOut:
    """The PDF of an item, where it comes from and whether it is a DRAF (or what to lay out for it); `UserError`
    when there is none."""
    if row.files:
        newest = row.files[-1]
        return read_pack_file(db, newest.id).data, f"berkas dilampirkan: {newest.filename}", False
    if not row.item.source_kind:
        raise UserError("belum ada berkas yang dilampirkan")
    return printer.pdf(row)


def _check_period(year: int, quarter: int | None, today: dt.date) -> None:
    if quarter is None:
        return
    if quarter not in (1, 2, 3, 4):
        raise ValidationError("Triwulan paket harus 1 sampai 4.", field="quarter")
    end_month = 3 * quarter
    opens = dt.date(year + (end_month == 12), end_month % 12 + 1, 1)
    if today < opens:
        raise ValidationError(
            f"TW {ROMAN[quarter - 1]} {year} belum berakhir; paketnya dapat disiapkan mulai {opens:%d-%m-%Y}.",
            field="quarter",
        )


def gather_pack(
    db: Database, actor: Actor, year: int, today: dt.date, quarter: int | None = None
) -> tuple[list[CoverLine], dict[str, bytes]]:
    """The cover sheet's lines and the files of the pack (name -> bytes), cover and lembar salin included: the
    year's pack (yearly documents, and the quarterly ones of the quarters ended), or TW `quarter`'s (its quarterly
    documents only)."""
    _check_period(year, quarter, today)
    prepares = Prepares(db, today)
    printer = _Printer(db, actor, prepares)
    got: list[tuple[ChecklistRow, tuple[bytes, str, bool] | _ToLayOut | UserError]] = []
    for row in pack_checklist(db, year, today, quarter, prepares):
        if row.in_pack(today):
            try:
                got.append((row, _document(db, printer, row)))
            except UserError as exc:
                got.append((row, exc))
    printer.lay_out()
    lines: list[CoverLine] = []
    files: dict[str, bytes] = {}
    for row, item in got:
        draft = False
        try:
            if isinstance(item, UserError):
                raise item
            data, remark, draft = printer.result(item) if isinstance(item, _ToLayOut) else item
        except UserError as exc:
            name, remark = "", str(exc).rstrip(".")
        else:
            name = _unique(pack_file_name(row.item.esr_type, row.item.title, row.year, row.quarter, draft=draft), files)
            files[name] = data
        lines.append(CoverLine(row.item.esr_type, row.item.title, row.period, row.deadline, row.status_label, name,
                               remark, draft))  # fmt: skip
    profile = get_profile(db)
    office = f"{profile.office_title}, {profile.regency_title}"
    period = period_name(year, quarter)
    prune_copies(db, (year - 1, year))
    cover = cover_pdf(printer.setup, office, year, lines, today, quarter=quarter)
    salin = salin_workbook(db, year, (quarter,) if quarter else None)
    return lines, {COVER_NAME.format(period=period): cover, **files, SALIN_NAME.format(period=period): salin}


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
    quarter: int | None = None,
    as_zip: bool = False,
    today: dt.date | None = None,
    writer: Callable[[Path, str, dict[str, bytes]], Path] | None = None,
) -> PackResult:
    """Prepare the pack of `year` (or of its TW `quarter`) in the folder `target` (a flash drive): a folder, or a
    .zip with `as_zip`."""
    target = Path(target)
    if not target.is_dir():
        raise StorageFailure(f"Folder tujuan {target} tidak ada. Pasang flash disk atau pilih folder lain.")
    today = today or dt.date.today()
    lines, files = gather_pack(db, actor, year, today, quarter)
    name = pack_name(get_profile(db).office_title, year, quarter)
    put = writer or (write_zip if as_zip else write_folder)
    path = put(target, name, files)
    return PackResult(path, tuple(lines), tuple(files))
