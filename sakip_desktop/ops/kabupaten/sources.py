"""Where the kabupaten's data is: the kecamatan loaded into its PostgreSQL database, each opened read-only on its
own schema, and the import log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from sakip_desktop.errors import DatabaseError, DatabaseReadOnly, UserError
from sakip_desktop.storage import consolidate
from sakip_desktop.storage.database import Database

# What a person who tries to change anything in a kecamatan opened from the kabupaten's data reads.
READ_ONLY_MESSAGE = (
    "Data kecamatan di basis data kabupaten hanya untuk dibaca. Perubahan dilakukan di kantor kecamatan itu "
    "sendiri, lalu kecamatan mengirim cadangan baru untuk diimpor."
)


@dataclass(frozen=True)
class Kecamatan:
    """A kecamatan whose data the kabupaten holds."""

    region_code: str
    office_name: str
    regency: str
    schema_name: str
    office_uuid: str
    data_date: dt.datetime | None  # the office's local time of its newest change in the file loaded
    loaded_at: dt.datetime  # UTC

    @property
    def title(self) -> str:
        """'Kecamatan Sukamaju (35.07.21)'."""
        return f"Kecamatan {self.office_name} ({self.region_code})"


@dataclass(frozen=True)
class LogLine:
    """One import: who, when, which file, its checksum and data date."""

    imported_at: dt.datetime  # UTC
    imported_by: str
    region_code: str
    office_name: str
    action: str  # 'dimuat' or 'diganti'
    file_name: str
    sha256: str
    data_date: dt.datetime | None
    schema_version: int


def shown_url(url: str) -> str:
    """The server's address without the password (for titles and messages)."""
    return make_url(url).render_as_string(hide_password=True)


def unreachable(url: str, exc: OperationalError) -> DatabaseError:
    """The Indonesian message for a kabupaten database the program cannot open."""
    shown = shown_url(url)
    first = str(exc.orig or exc).strip().splitlines()[0]
    return DatabaseError(
        f"Basis data kabupaten {shown} tidak dapat dibuka ({first}). Periksa alamatnya dan bahwa servernya menyala."
    )


def checked_url(url: str) -> str:
    """The kabupaten database's address as the program uses it; `UserError` in Indonesian for another kind."""
    from sqlalchemy.exc import ArgumentError

    try:
        return consolidate.normalized_url(url)
    except (ValueError, ArgumentError) as exc:
        raise UserError(
            f"Alamat basis data kabupaten '{url}' tidak dikenal: tulis alamat server PostgreSQL, "
            "postgresql://pengguna@server:port/nama_basis_data."
        ) from exc


def kecamatan_list(url: str) -> list[Kecamatan]:
    """Every kecamatan loaded, by kode wilayah (empty before the first import)."""
    engine = consolidate.kabupaten_engine(url)
    try:
        with engine.connect() as conn:
            loaded = consolidate.loaded_offices(conn)
    except OperationalError as exc:
        raise unreachable(url, exc) from exc
    finally:
        engine.dispose()
    return [kecamatan_of(o) for o in loaded.values()]


def kecamatan_of(loaded: consolidate.LoadedOffice) -> Kecamatan:
    """The kecamatan a row of `kabupaten.kecamatan` names."""
    o = loaded
    return Kecamatan(o.region_code, o.office_name, o.regency, o.schema_name, o.office_uuid, o.data_date, o.loaded_at)


def import_log(url: str) -> list[LogLine]:
    """The import log, newest first."""
    engine = consolidate.kabupaten_engine(url)
    try:
        with engine.connect() as conn:
            found = consolidate.import_log(conn)
    except OperationalError as exc:
        raise unreachable(url, exc) from exc
    finally:
        engine.dispose()
    return [LogLine(**{k: r[k] for k in LogLine.__dataclass_fields__}) for r in found]


class KecamatanData(Database):
    """A kecamatan's schema opened read-only: the server itself refuses writes (the session's transactions are
    read-only), and a write the program tries is refused first with `READ_ONLY_MESSAGE`."""

    @cached_property
    def engine(self) -> Engine:
        """The engine, every connection on the kecamatan's schema in read-only transactions."""
        from sqlalchemy import create_engine

        assert self.url is not None and self.schema is not None
        options = f"-csearch_path={self.schema} -cdefault_transaction_read_only=on"
        return create_engine(self.url, connect_args={"options": options}, pool_pre_ping=True)

    def read_only_text(self) -> str:
        """Why nothing can be changed here (the main window's banner shows it)."""
        return READ_ONLY_MESSAGE

    def _refuse_writes(self) -> None:
        raise DatabaseReadOnly(READ_ONLY_MESSAGE)


def open_kecamatan(url: str, kecamatan: Kecamatan) -> Database:
    """The kecamatan's data opened read-only on its schema (the office's own reads and screens work on it)."""
    db = KecamatanData.open_url(consolidate.normalized_url(url), schema=kecamatan.schema_name)
    db.read_only = True
    return db


@contextmanager
def opened(url: str, kecamatan: Kecamatan) -> Iterator[Database]:
    """`open_kecamatan` for the length of a `with`."""
    db = open_kecamatan(url, kecamatan)
    try:
        yield db
    finally:
        db.close()


def regency_logo(url: str, listed: list[Kecamatan]) -> bytes | None:
    """The lambang daerah as the first kecamatan's kop carries it (every kecamatan of a kabupaten uses its own),
    for the kabupaten's printed summary; None without one."""
    from sakip_desktop.ops.org.office import get_logo

    for kecamatan in listed:
        with opened(url, kecamatan) as db:
            logo = get_logo(db)
        if logo is not None:
            return logo
    return None


def viewer_username(db: Database, today: dt.date) -> str:
    """The account the kabupaten looks through when it opens a kecamatan's own screens: the Camat's as of `today`
    (else the first administrator's), so the screens show what the Camat sees."""
    from sqlalchemy import select

    from sakip_desktop.domain.roles import Role
    from sakip_desktop.storage import models as m

    with db.reading() as s:
        camat = s.execute(
            select(m.Account.username)
            .join(m.RoleAssignment, m.RoleAssignment.person_id == m.Account.person_id)
            .join(m.Person, m.Person.id == m.Account.person_id)
            .where(m.RoleAssignment.role == Role.CAMAT.value, m.Person.active_from <= today)
            .where((m.Person.active_to.is_(None)) | (m.Person.active_to >= today))
            .order_by(m.Account.id)
        ).first()
        if camat is None:
            camat = s.execute(select(m.Account.username).where(m.Account.is_admin).order_by(m.Account.id)).first()
    if camat is None:
        raise DatabaseError("Data kecamatan ini tidak berisi akun Camat atau administrator untuk dilihat.")
    return str(camat[0])


def data_period(url: str, listed: list[Kecamatan], today: dt.date) -> tuple[int, int] | None:
    """The year and quarter the kecamatan's own program would open on (`ops.home.overview.default_period` of the
    kecamatan with the newest data); None before the first import."""
    from sakip_desktop.ops.home.overview import default_period

    if not listed:
        return None
    newest = max(listed, key=lambda k: k.data_date or dt.datetime.min)
    with opened(url, newest) as db:
        return default_period(db, today)
