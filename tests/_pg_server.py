"""A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, `pg_ctl` on 127.0.0.1 at a free
port, stopped and removed at the end of the session. Started once per test session (`pg_server` in conftest);
with `SAKIP_TEST_ENGINE=postgresql` the database fixtures `demo_db` and `empty_db` are databases on it.

Needs the server binaries (Debian's `postgresql` package: /usr/lib/postgresql/<N>/bin, or `initdb` on PATH);
without them `start` says why and the tests that need a server skip. PostgreSQL refuses to run as root: as
root the server runs as the `postgres` user (or `nobody`) through `runuser`. `SAKIP_TEST_PG_URL` (a
postgresql+psycopg:// URL of a user who may create databases) uses a running server instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sakip_desktop.storage.database import Database
from sakip_desktop.storage.pg_load import copy_rows

# Throwaway data: no fsync, no full-page writes. C collation: text sorts by bytes, as SQLite's BINARY does.
_SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> list[str]:
    """The command prefix that runs the server as a user other than root (nothing when not root)."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"]
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run the server as")


@dataclass
class PgServer:
    """A PostgreSQL server the tests may create and drop databases on."""

    admin_url: str  # a SQLAlchemy URL of the `postgres` database, as a user who may create databases
    folder: Path | None = None  # the cluster's folder when this session started the server
    run_as: list[str] = field(default_factory=list)
    bin_dir: Path | None = None

    def url(self, database: str) -> str:
        """The URL of `database` on this server."""
        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (a copy of `template` when given); returns its name."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        # FILE_COPY: the template's files copied (cheap without fsync), not written through the WAL page by page.
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else " TEMPLATE template0"
        self._admin(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.folder is None or self.bin_dir is None:
            return
        subprocess.run(
            [*self.run_as, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
            cwd=self.folder,
        )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def start() -> PgServer | str:
    """A running server, or the reason there is none (for the skip message)."""
    given = os.environ.get("SAKIP_TEST_PG_URL")
    if given:
        return PgServer(given)
    bin_dir = _bin_dir()
    if bin_dir is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's 'postgresql' package"
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="sakip-pg-"))
    if run_as:
        shutil.chown(folder, user=run_as[2])
    port = _free_port()
    data = folder / "data"
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60"]
    steps = [
        [*initdb, "--locale=C", "--no-sync"],
        [*pg_ctl, "-o", f"-h 127.0.0.1 -p {port} -k {folder} {_SERVER_OPTIONS}", "start"],
    ]
    for step in steps:
        # In the cluster's folder: the server user may not enter the checkout (e.g. under /root).
        done = subprocess.run([*run_as, *step], capture_output=True, text=True, check=False, cwd=folder)
        if done.returncode != 0:
            log = folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            return f"PostgreSQL test server did not start ({Path(step[0]).name}): {done.stderr[-1000:]}{detail}"
    return PgServer(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder, run_as, bin_dir)


# --- the fixtures (bound in tests/conftest.py) ---------------------------------------------------------------

# Which engine the database fixtures (`demo_db`, `empty_db`) run on: "sqlite" (the office's) or "postgresql".
TEST_ENGINE = os.environ.get("SAKIP_TEST_ENGINE", "sqlite")
if TEST_ENGINE not in ("sqlite", "postgresql"):
    raise RuntimeError(f"SAKIP_TEST_ENGINE must be 'sqlite' or 'postgresql', not {TEST_ENGINE!r}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the session (skips the test, saying why, when none can be started)."""
    server = start()
    if isinstance(server, str):
        pytest.skip(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_demo(pg_server: PgServer, demo_template: Path) -> str:
    """A server database holding the demo office (the session's demo file copied row by row, ids kept): the
    template each test's `demo_db` is copied from."""
    name = pg_server.create_database()
    load_file(demo_template, pg_server.url(name))
    return name


@pytest.fixture(scope="session")
def pg_empty(pg_server: PgServer) -> str:
    """A server database at the newest schema with no office: the template each test's `empty_db` is copied from."""
    name = pg_server.create_database()
    Database.open_url(pg_server.url(name), create=True).close()
    return name


def load_file(path: Path, url: str, schema: str | None = None) -> Database:
    """Copy the office file at `path` into the empty server database `url` (tables made, rows copied with their
    ids, sequences set) and return it opened (closed: dispose of it with `close()`)."""
    db = Database.open_url(url, create=True, schema=schema)
    source = create_engine(f"sqlite:///{path}")
    try:
        with source.connect() as src, db.engine.begin() as dst:
            copy_rows(src, dst)
    finally:
        source.dispose()
        db.close()
    return db


def server_database(server: PgServer, template: str) -> Iterator[Database]:
    """A private database for one test: a copy of `template` (`pg_demo`, `pg_empty`)."""
    name = server.create_database(template)
    db = Database.open_url(server.url(name))
    try:
        yield db
    finally:
        db.close()
        server.drop_database(name)


def skip_sqlite_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, the tests marked `sqlite_only` (they test the office file itself) are skipped."""
    if TEST_ENGINE != "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "tests the SQLite file")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
