"""--screenshot lays the window out on the office laptop's screen (1366×768) by itself, or on --size WxH; without a
display it used to grab Qt's 800×800 offscreen screen, which said nothing about the fit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from sakip_desktop.storage.sqlitefile import backup_file

REPO = Path(__file__).resolve().parents[2]


def run(db: Path, png: Path, *extra: str) -> subprocess.CompletedProcess:
    # No display and no screen configured: Qt's offscreen platform, as on a build machine
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    args = [sys.executable, "-m", "ui", "--db", str(db), "--screenshot", str(png), "--user", "sekcam", *extra]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=180, cwd=REPO)


def test_a_screenshot_is_of_the_office_laptop_or_of_the_size_asked(demo_template, tmp_path):
    db = tmp_path / "kantor.db"
    backup_file(demo_template, db)
    # WHEN a screenshot is asked for without a size THEN the window is laid out on a 1366×768 screen
    png = tmp_path / "laptop.png"
    result = run(db, png)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 768)
    # WHEN another size is asked for THEN that one
    result = run(db, png, "--size", "1280x720")
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 720)
    # AND a size that is not one is refused with the reason
    result = run(db, png, "--size", "besar")
    assert result.returncode == 2
    assert "ukuran 'besar' tidak dikenal; tulis LEBARxTINGGI, mis. 1366x768" in result.stderr
