"""A fresh virtual environment outside the checkout with the program installed from its wheel, for the slow
packaging tests; and running programs in it as an office PC would (own home folder, no PYTHONPATH)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the wheel is built from: the files setup.py and pyproject.toml name, copied so that the build leaves
# nothing (build/, *.egg-info) in the checkout and takes nothing stale from it.
SOURCES = ["pyproject.toml", "setup.py", "README.md", "sakip_desktop", "ui", "resources"]
# pip's words when it cannot reach the package index (the only reason these tests may skip).
OFFLINE = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No route to host",
    "ConnectTimeoutError",
    "Read timed out",
    "ProxyError",
)
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


@dataclass(frozen=True)
class Installed:
    """The wheel installed into `venv`; `home` is the office PC's home folder; `build_log` the wheel's build."""

    root: Path
    wheel: Path
    venv: Path
    home: Path
    build_log: str

    def tool(self, name: str) -> str:
        return str(self.venv / BIN / f"{name}{EXE}")

    def env(self) -> dict[str, str]:
        return office_env(self.home)


def office_env(home: Path) -> dict[str, str]:
    """The environment of a program started on an office PC: its own home (so its own data folder), the
    offscreen Qt platform, no path into this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SAKIP_RESOURCES", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), USERPROFILE=str(home), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / "data"))
    env.pop("XDG_CONFIG_HOME", None)
    return env


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> str:
    """Run `command`; its output, or the test fails with it."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{output[-4000:]}"
    return output


def pip(python: str, args: list[str], cwd: Path) -> str:
    """pip in the environment of `python`; skips the test only when the package index cannot be reached."""
    done = subprocess.run([python, "-m", "pip", *args], cwd=cwd, capture_output=True, text=True, timeout=1800)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        if any(word in output for word in OFFLINE):
            pytest.skip(f"the package index cannot be reached (pip {args[0]}): network unavailable")
        pytest.fail(f"pip {' '.join(args)} failed:\n{output[-4000:]}")
    return output


def install_wheel(root: Path) -> Installed:
    """Build the wheel from a copy of the sources and install it into a new virtual environment in `root`."""
    source = root / "source"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    wheels = root / "wheels"
    build_log = pip(sys.executable, ["wheel", "--no-deps", "-v", "-w", str(wheels), str(source)], cwd=root)
    wheel = next(wheels.glob("sakip_desktop-*.whl"))
    target = root / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = str(target / BIN / f"python{EXE}")
    pip(python, ["install", "--quiet", str(wheel)], cwd=root)
    home = root / "home"
    home.mkdir()
    return Installed(root=root, wheel=wheel, venv=target, home=home, build_log=build_log)


@dataclass(frozen=True)
class Frozen:
    """The one-folder frozen build (`folder`) and the portable zip made from it by installer/build.py."""

    folder: Path
    portable_zip: Path
    build_seconds: float

    def program(self, name: str) -> str:
        return str(self.folder / f"{name}{EXE}")


def freeze(installed: Installed) -> Frozen:
    """Install the build extra (PyInstaller) beside the installed wheel and build the frozen program and zip."""
    import time

    python = installed.tool("python")
    pip(python, ["install", "--quiet", f"{installed.wheel}[build]"], cwd=installed.root)
    dist, work = installed.root / "dist", installed.root / "work"
    build = str(ROOT / "installer" / "build.py")
    start = time.perf_counter()
    run([python, build, "freeze", "--dist", str(dist), "--work", str(work)], cwd=installed.root, timeout=1800)
    seconds = time.perf_counter() - start
    run([python, build, "portable", "--dist", str(dist), "--work", str(work)], cwd=installed.root)
    return Frozen(folder=dist / "sakip-desktop", portable_zip=next(dist.glob("*-portabel.zip")), build_seconds=seconds)
