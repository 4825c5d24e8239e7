"""Importing a kecamatan's verified backup into the kabupaten database.

A file is checked exactly as a restore checks it (`storage.restore.inspect_backup`: a whole SQLite file, integrity,
this program's file, a schema not newer than the program, the `.sha256` written beside it, which must be there),
copied to a temporary folder, upgraded there when it is older (the migrations, as when an office opens an older
file), and loaded into its kecamatan's schema (`storage.consolidate`). Which office a file belongs to is told by
its identity (kode wilayah and UUID, schema 16): the same file again changes nothing; a file of a loaded office
with the same UUID and newer data replaces its schema; a different UUID under the same kode wilayah, an older
file, or a file without an identity is refused, saying why. A file written before the identity existed can be
loaded when the operator names its kode wilayah (`region_code`), as long as no file with an identity came for
that kode wilayah yet. Several files load at once (`import_files`), each in its own transaction; the files of one
office load one after the other, in the order given, so they decide exactly as one by one.
"""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from sakip_desktop.domain import formats
from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.ops.kabupaten.sources import checked_url
from sakip_desktop.ops.org.office import check_region_code
from sakip_desktop.storage import consolidate, migrations
from sakip_desktop.storage.backup import file_sha256
from sakip_desktop.storage.backup_names import zone_word
from sakip_desktop.storage.consolidate import LoadedOffice, LoadRequest
from sakip_desktop.storage.restore import BackupPreview, RestoreRefused, inspect_backup

LOADED, REPLACED, SAME, REFUSED = "dimuat", "diganti", "sama", "ditolak"
WORKERS = 3  # files of different offices loading at once (the server makes their tables side by side)
STATUS_WORDS = {LOADED: "Dimuat", REPLACED: "Diganti", SAME: "Tidak berubah", REFUSED: "Ditolak"}


class ImportRefused(UserError):
    """The file is not loaded; the message says why. The kabupaten database was not changed."""


class _Unchanged(Exception):
    """The same file is loaded already."""


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file."""

    path: Path
    status: str  # LOADED, REPLACED, SAME or REFUSED
    message: str  # one Indonesian sentence or two
    region_code: str = ""
    office_name: str = ""

    @property
    def ok(self) -> bool:
        """True unless the file was refused."""
        return self.status != REFUSED


def _refused(path: Path, why: str) -> ImportRefused:
    return ImportRefused(f"Berkas {path.name} tidak diimpor: {why} Data kabupaten tidak diubah.")


def _checked(path: Path) -> BackupPreview:
    """The restore's checks, and a `.sha256` beside the file (a verified backup always has one)."""
    try:
        preview = inspect_backup(path)
    except RestoreRefused as exc:
        raise _refused(path, exc.why) from exc
    if preview.checksum != "cocok":
        raise _refused(
            path,
            f"tidak ada berkas {path.name}.sha256 di sebelahnya. Kirim cadangan yang dibuat dengan Berkas › "
            "Cadangkan… (atau 'sakip backup') bersama berkas .sha256-nya.",
        )
    return preview


def _identity(path: Path, preview: BackupPreview, region_code: str | None) -> tuple[str, str]:
    """(kode wilayah, UUID) the file is loaded as; refused when the file has no kode wilayah and none is named."""
    if preview.region_code:
        if region_code and region_code.strip() != preview.region_code:
            raise _refused(
                path,
                f"berkas ini membawa kode wilayah {preview.region_code}, bukan {region_code.strip()} yang disebut.",
            )
        return preview.region_code, preview.office_uuid
    if not region_code:
        raise _refused(
            path,
            f"berkas {preview.office_title} tidak membawa identitas kantor (kode wilayah"
            + (")." if preview.office_uuid else " dan UUID; dibuat SAKIP Desktop versi lama).")
            + " Minta kecamatan mengisi kode wilayah di Pengaturan › Profil kantor lalu mencadangkan lagi, atau "
            "sebutkan kode wilayahnya saat mengimpor.",
        )
    try:
        return check_region_code(region_code, required=True), preview.office_uuid
    except ValidationError as exc:
        raise _refused(path, exc.message) from exc


def _decide(path: Path, preview: BackupPreview, region: str, uid: str, loaded: dict[str, LoadedOffice]) -> None:
    """Refuse a file that may not go into the kecamatan's schema; `_Unchanged` when it is the one loaded."""
    known = loaded.get(region)
    if known is not None and known.sha256 == preview.sha256:
        raise _Unchanged()
    elsewhere = next((o for o in loaded.values() if uid and o.office_uuid == uid and o.region_code != region), None)
    if elsewhere is not None:
        raise _refused(
            path,
            f"kantor ini sudah dimuat dengan kode wilayah {elsewhere.region_code} (Kecamatan {elsewhere.office_name}); "
            f"berkas ini menyebut {region}. Periksa kode wilayah di Profil kantor kecamatan.",
        )
    if known is None:
        return
    if known.office_uuid and not uid:
        raise _refused(
            path,
            f"Kecamatan {known.office_name} ({region}) sudah mengirim berkas beridentitas; berkas tanpa identitas "
            "tidak dapat menggantinya.",
        )
    if known.office_uuid and uid != known.office_uuid:
        raise _refused(
            path,
            f"kode wilayah {region} sudah dipakai Kecamatan {known.office_name} dengan identitas berkas lain "
            f"(UUID {known.office_uuid}, berkas ini {uid}). Berkas ini bukan dari kantor yang sama; periksa kode "
            "wilayah di Profil kantor kecamatan pengirim.",
        )
    if known.data_date and preview.newest_change and preview.newest_change < known.data_date:
        raise _refused(
            path,
            f"datanya lebih lama ({_when(preview.newest_change, preview)}) daripada yang sudah dimuat untuk "
            f"Kecamatan {known.office_name} ({_when(known.data_date, preview)}).",
        )


def _when(moment: dt.datetime, preview: BackupPreview) -> str:
    """'7 Desember 2026 pukul 19.31 WIB': a time of the office's data on its own clock (its Profil kantor's zone,
    as its backups are named); the file loaded before of the same office is read on the same clock."""
    return f"{formats.long_date(moment.date())} pukul {moment:%H.%M} {zone_word(preview.utc_offset_hours)}"


def _prepared_copy(path: Path, preview: BackupPreview, folder: Path, region: str, uid: str) -> Path:
    """The file copied into `folder`, proved equal to what was checked, upgraded when older, identity set."""
    copy = folder / "kecamatan.db"
    shutil.copyfile(path, copy)
    if file_sha256(copy) != preview.sha256:
        raise _refused(path, "berkas berubah saat disalin (media bermasalah?).")
    if preview.needs_upgrade:
        migrations.upgrade(copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:  # a file without an identity: the kode wilayah named, and no UUID of its own made up on the copy
        conn.execute("UPDATE office SET region_code = ?, uuid = ?", (region, uid))
    finally:
        conn.close()
    return copy


@dataclass(frozen=True)
class _Prepared:
    """A file that passed the checks, and the office it is loaded as."""

    path: Path
    preview: BackupPreview
    region: str
    uid: str


def _prepare(path: Path, region_code: str | None) -> _Prepared:
    """The restore's checks and the file's identity (nothing read from the server yet); `ImportRefused`."""
    preview = _checked(path)
    region, uid = _identity(path, preview, region_code)
    return _Prepared(path, preview, region, uid)


def import_file(
    engine: Engine,
    path: Path,
    *,
    imported_by: str,
    region_code: str | None = None,
    now: dt.datetime | None = None,
) -> ImportOutcome:
    """Import one kecamatan backup; raise `ImportRefused` (nothing changed) when it may not be loaded."""
    return _load(engine, _prepare(Path(path), region_code), imported_by, now)


def _load(engine: Engine, prepared: _Prepared, imported_by: str, now: dt.datetime | None = None) -> ImportOutcome:
    path, preview, region, uid = prepared.path, prepared.preview, prepared.region, prepared.uid
    try:  # decided before the copying and upgrading, and again with the table locked
        with engine.connect() as conn:
            _decider(path, preview, region, uid)(conn)
    except _Unchanged:
        return _same(path, preview, region)
    with tempfile.TemporaryDirectory(prefix="sakip-kabupaten-") as temp:
        copy = _prepared_copy(path, preview, Path(temp), region, uid)
        request = LoadRequest(
            source=copy,
            region_code=region,
            office_uuid=uid,
            office_name=preview.office_name,
            regency=preview.regency_name,
            file_name=str(path.resolve()),
            sha256=preview.sha256,
            data_date=preview.newest_change,
            schema_version=preview.schema_version,
            imported_by=imported_by,
            now=now or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        try:
            action = consolidate.load_office(engine, request, check=_decider(path, preview, region, uid))
        except _Unchanged:  # the same file came in meanwhile from another import
            return _same(path, preview, region)
        except DBAPIError as exc:  # a value the server refuses (SQLite does not check lengths): nothing was kept
            raise _refused(path, f"datanya ditolak server PostgreSQL ({_first_line(exc)}).") from exc
    upgraded = f" (ditingkatkan dari skema {preview.schema_version})" if preview.needs_upgrade else ""
    verb = "dimuat" if action == LOADED else "menggantikan data sebelumnya"
    return ImportOutcome(
        path=path,
        status=action,
        message=f"Kecamatan {preview.office_name} ({region}) {verb}{upgraded}; data sampai "
        + (_when(preview.newest_change, preview) + "." if preview.newest_change else "-."),
        region_code=region,
        office_name=preview.office_name,
    )


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig or exc).strip().splitlines()[0]


def _decider(path: Path, preview: BackupPreview, region: str, uid: str) -> Callable[[Connection], None]:
    def decide(conn: Connection) -> None:
        _decide(path, preview, region, uid, consolidate.loaded_offices(conn))

    return decide


def _same(path: Path, preview: BackupPreview, region: str) -> ImportOutcome:
    return ImportOutcome(
        path=path,
        status=SAME,
        message=f"Kecamatan {preview.office_name} ({region}): berkas yang sama sudah dimuat; tidak ada yang berubah.",
        region_code=region,
        office_name=preview.office_name,
    )


def _chains(prepared: dict[int, _Prepared]) -> list[list[int]]:
    """The files (by position) in chains that load one after the other, in the order given: the files of one
    office (the same kode wilayah or the same UUID) are in one chain, so they decide as they would one by one
    (a newer file replaces an older one; the same UUID under two kode wilayah: the second is refused)."""
    chains: dict[int, list[int]] = {}
    owner: dict[str, int] = {}  # 'r:35.07.19' or 'u:<uuid>' -> the chain holding it
    for i, p in sorted(prepared.items()):
        keys = [f"r:{p.region}"] + ([f"u:{p.uid}"] if p.uid else [])
        joined = sorted({owner[k] for k in keys if k in owner})
        chain = joined[0] if joined else i
        chains.setdefault(chain, [])
        for other in joined[1:]:
            chains[chain].extend(chains.pop(other))
        chains[chain] = sorted([*chains[chain], i])
        owner.update({k: chain for k, c in owner.items() if c in joined})
        owner.update({k: chain for k in keys})
    return list(chains.values())


def _run_chain(engine: Engine, files: list[_Prepared], imported_by: str) -> list[ImportOutcome]:
    outcomes = []
    for prepared in files:
        try:
            outcomes.append(_load(engine, prepared, imported_by))
        except ImportRefused as exc:
            outcomes.append(ImportOutcome(path=prepared.path, status=REFUSED, message=exc.message))
    return outcomes


def import_files(
    url: str,
    paths: Sequence[Path],
    *,
    imported_by: str | None = None,
    region_codes: dict[Path, str] | None = None,
    on_done: Callable[[ImportOutcome], None] | None = None,
    workers: int = WORKERS,
) -> list[ImportOutcome]:
    """Import each file on its own (a refused file does not stop the others); one outcome per file, in order
    (`on_done` is called with each, in order, on the calling thread). Every file is checked first (side by side);
    then the files of different offices load `workers` at a time, each in its own transaction (the server makes
    their tables side by side), and the files of one office one after the other, in the order given."""
    engine = consolidate.kabupaten_engine(checked_url(url))
    who = imported_by or getpass.getuser()
    outcomes: dict[int, ImportOutcome] = {}
    prepared: dict[int, _Prepared] = {}

    def prepare(path: Path) -> _Prepared | ImportOutcome:
        try:
            return _prepare(path, (region_codes or {}).get(path))
        except ImportRefused as exc:
            return ImportOutcome(path=path, status=REFUSED, message=exc.message)

    told = 0
    try:
        consolidate.ensure_kabupaten_tables(engine)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for i, found in enumerate(pool.map(prepare, [Path(p) for p in paths])):
                if isinstance(found, ImportOutcome):
                    outcomes[i] = found
                else:
                    prepared[i] = found
            chains = _chains(prepared)
            running = {pool.submit(_run_chain, engine, [prepared[i] for i in c], who): c for c in chains}
            for done in as_completed(running):
                outcomes.update(zip(running[done], done.result(), strict=True))
                while told in outcomes:  # in the order given, as far as done
                    if on_done is not None:
                        on_done(outcomes[told])
                    told += 1
        while on_done is not None and told in outcomes:  # files refused after the last load
            on_done(outcomes[told])
            told += 1
    finally:
        engine.dispose()
    return [outcomes[i] for i in range(len(paths))]
