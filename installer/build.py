"""Build a release of SAKIP Desktop: the frozen program, the portable zip and the Windows installer.

Run it with the Python of a build environment in which the package is installed with its build extra
(`pip install ".[build]"`, not editable, so the frozen program holds what the wheel holds):

    python installer/build.py freeze      # dist/sakip-desktop/: "SAKIP Desktop" (windowed) and sakip (console)
    python installer/build.py portable    # dist/SAKIP-Desktop-<version>-portabel.zip (after freeze)
    python installer/build.py installer   # dist/SAKIP-Desktop-<version>-setup.exe (Windows, Inno Setup 6)
    python installer/build.py all         # the three in order

Name, version and icon come from the installed package (sakip_desktop.paths: its metadata and its icon) and
are handed to PyInstaller and to Inno Setup from here, so a release changes only `sakip_desktop.__version__`.
Options: --dist FOLDER (default dist/), --work FOLDER (PyInstaller's and the icon's scratch, default build/),
--iscc PATH (default: $ISCC, else Inno Setup 6 in Program Files).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PORTABLE_NOTE = (
    "Berkas ini membuat SAKIP Desktop berjalan portabel: basis data, cadangan dan log disimpan di folder 'data'\n"
    "di sebelah program ini (mis. di flash disk), bukan di folder pengguna komputer. Hapus berkas ini untuk\n"
    "memakai folder data pengguna seperti program yang dipasang.\n"
)


def _about() -> tuple[str, str, str, Path]:
    """Display name, version, package name and icon of the installed package."""
    try:
        from sakip_desktop import paths
    except ImportError:
        sys.exit('SAKIP Desktop belum terpasang di Python ini: jalankan dulu  python -m pip install ".[build]"')
    about = paths.app_metadata()
    return about.name, about.version, paths.DIST_NAME, paths.icon_path()


def frozen_dir(dist: Path) -> Path:
    """Where `freeze` puts the one-folder program."""
    from sakip_desktop import paths

    return dist / paths.DIST_NAME


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows keeps of a version ("0.2.0rc1" -> 0.2.0.0)."""
    numbers = [int(found[0]) if (found := re.match(r"\d+", part)) else 0 for part in version.split(".")[:4]]
    first, second, third, fourth = [*numbers, 0, 0, 0, 0][:4]
    return first, second, third, fourth


def windows_version_file(version: str, name: str, work: Path) -> Path:
    """The version resource of both .exe files (shown in Explorer's Properties), from the package version."""
    fixed = version_numbers(version)
    strings = {
        "CompanyName": name,
        "FileDescription": name,
        "FileVersion": version,
        "ProductName": name,
        "ProductVersion": version,
        "LegalCopyright": name,
    }
    table = ", ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    text = (
        f"VSVersionInfo(ffi=FixedFileInfo(filevers={fixed}, prodvers={fixed}, mask=0x3f, flags=0x0, OS=0x40004, "
        f"fileType=0x1, subtype=0x0, date=(0, 0)), kids=[StringFileInfo([StringTable('042104B0', [{table}])]), "
        "VarFileInfo([VarStruct('Translation', [0x0421, 1200])])])\n"
    )
    path = work / "version_info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def freeze(dist: Path, work: Path) -> Path:
    """The one-folder frozen build of both programs; returns its folder."""
    name, version, _, _ = _about()
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if sys.platform == "win32":
        env["SAKIP_VERSION_FILE"] = str(windows_version_file(version, name, work))
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(HERE / "sakip.spec")]
    print(f"Membekukan {name} {version} …", flush=True)
    subprocess.run(command, check=True, env=env, cwd=work)
    return frozen_dir(dist)


def portable(dist: Path) -> Path:
    """A zip of the frozen folder with the portable marker beside the programs; returns the zip."""
    from sakip_desktop import paths

    name, version, _, _ = _about()
    folder = frozen_dir(dist)
    if not folder.is_dir():
        sys.exit(f"{folder} belum ada: jalankan dulu  build.py freeze")
    target = dist / f"{name.replace(' ', '-')}-{version}-portabel.zip"
    top = f"{name} {version}"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
        archive.writestr(f"{top}/{paths.PORTABLE_MARKER}", PORTABLE_NOTE)
    print(f"Zip portabel: {target}")
    return target


def windows_icon(png: Path, work: Path) -> Path:
    """The installer's .ico, made from the program's one PNG icon."""
    from PIL import Image

    work.mkdir(parents=True, exist_ok=True)
    ico = work / "sakip.ico"
    with Image.open(png) as image:
        image.save(ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128)])
    return ico


def find_iscc(given: str | None) -> Path:
    """Inno Setup's command-line compiler."""
    candidates = [given, os.environ.get("ISCC")]
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    found = shutil.which("ISCC") or shutil.which("iscc")
    for candidate in [*candidates, found]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    sys.exit("ISCC.exe (Inno Setup 6) tidak ditemukan: pasang Inno Setup 6 atau berikan --iscc PATH")


def iscc_defines(dist: Path, work: Path) -> dict[str, str]:
    """What installer/sakip.iss is told on ISCC's command line (/DName=value): all from the package."""
    name, version, _, png = _about()
    return {
        "AppName": name,
        "AppVersion": version,
        "AppVersionNumbers": ".".join(str(n) for n in version_numbers(version)),
        "SourceDir": str(frozen_dir(dist)),
        "IconFile": str(windows_icon(png, work)),
        "OutputDir": str(dist),
        "OutputBase": f"{name.replace(' ', '-')}-{version}-setup",
    }


def installer(dist: Path, work: Path, iscc: str | None) -> Path:
    """The Windows installer (Inno Setup) of the frozen folder; returns the setup .exe."""
    if not frozen_dir(dist).is_dir():
        sys.exit(f"{frozen_dir(dist)} belum ada: jalankan dulu  build.py freeze")
    defines = iscc_defines(dist, work)
    command = [str(find_iscc(iscc)), *(f"/D{key}={value}" for key, value in defines.items()), str(HERE / "sakip.iss")]
    subprocess.run(command, check=True)
    return dist / f"{defines['OutputBase']}.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=["freeze", "portable", "installer", "all"])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--iscc", help="path of ISCC.exe")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    if args.target in ("freeze", "all"):
        freeze(dist, work)
    if args.target in ("portable", "all"):
        portable(dist)
    if args.target in ("installer", "all"):
        installer(dist, work, args.iscc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
