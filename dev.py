"""Set up and run SAKIP Desktop or its tests, on Linux and Windows alike.

    python3 dev.py app [--demo | --db FILE | --screenshot FILE.png]   # the program
    python3 dev.py test [pytest arguments]                            # lint, format, types + all tests
    python3 dev.py test --engine postgresql [pytest arguments]        # the tests on a PostgreSQL server

(On Windows: `py dev.py app`.) The first run creates `.venv` beside this file and installs the
project into it; later runs reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_env(extras: str) -> None:
    """Create the virtual environment and install the project (with `extras`) when needed."""
    if not PYTHON.exists():
        print("Menyiapkan lingkungan Python di .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Memasang paket yang diperlukan …", flush=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def app(args: list[str]) -> int:
    """Start the program, passing `args` on."""
    _ensure_env("")
    return subprocess.call([str(PYTHON), "-m", "ui", *args], cwd=ROOT)


CHECKED = ["sakip_desktop", "ui", "tests", "benchmarks"]
CHECKS = [
    ["-m", "ruff", "check", *CHECKED],  # lint
    ["-m", "ruff", "format", "--check", *CHECKED],  # the tree stays formatted
    ["-m", "mypy"],  # types; what it checks is in pyproject.toml [tool.mypy]
]


def test(args: list[str]) -> int:
    """Lint, check the format and the types, then run the whole test suite on Qt's offscreen platform.

    `--engine postgresql` first: only the tests, with the database fixtures on a throwaway PostgreSQL server
    (tests/_pg_server.py; needs the server binaries, Debian's `postgresql` package).
    """
    _ensure_env("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args[:1] == ["--engine"] and len(args) > 1:
        env["SAKIP_TEST_ENGINE"] = args[1]
        return subprocess.call([str(PYTHON), "-m", "pytest", *args[2:]], cwd=ROOT, env=env)
    for check in CHECKS:
        failed = subprocess.call([str(PYTHON), *check], cwd=ROOT)
        if failed:
            return failed
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)


def main() -> int:
    commands = {"app": app, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
