"""Issue 13 §2: the window fits the office laptop (1366×768 less the taskbar) and a 1280×720 screen.

The screen is set through the offscreen platform's configuration file, so each check runs in its own process
(tests/ui/_fit_probe.py) on a screen of exactly that size, with the real main window of every demo person.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from _settings_fixtures import ctx  # noqa: F401  (shared fixture)
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage
from reportlab.pdfgen.canvas import Canvas

from sakip_desktop.demo.office import demo_accounts
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.sqlitefile import backup_file
from ui.documents.preview import PreviewDialog
from ui.settings import PageList, SettingsTab
from ui.widgets.screen import FRAME_HEIGHT, FRAME_WIDTH, fitting

PROBE = Path(__file__).with_name("_fit_probe.py")
# The tools added in sessions 6-7 (LKE, LHE, pack, E.81, the desa list in Pengaturan): each must be opened here.
NEW_TOOLS = ("Evaluasi SAKIP (LKE)", "LHE dan TL LHE", "Paket Kabupaten", "Formulir E.81", "Desa/kelurahan")
REPO = Path(__file__).resolve().parents[2]


def screen_env(tmp_path: Path, width: int, height: int) -> dict[str, str]:
    """The environment of a process whose (only) screen is `width`×`height` pixels at 96 dpi."""
    config = tmp_path / f"layar-{width}x{height}.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")


@pytest.mark.parametrize("size", [(1366, 728), (1280, 680)], ids=["1366x768-taskbar", "1280x720-taskbar"])
def test_every_tool_of_every_demo_person_stays_on_the_screen(demo_template, tmp_path, size):
    # GIVEN the demo office and a screen of the office laptop with its taskbar (or a 1280×720 one)
    db = tmp_path / "kantor.db"
    backup_file(demo_template, db)
    people = [a.username for a in demo_accounts()]
    # WHEN every demo person opens every tab, tool and sub-tab of the main window
    result = subprocess.run(
        [sys.executable, str(PROBE), str(db), *people],
        env=screen_env(tmp_path, *size),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    problems = [json.loads(line) for line in lines if line.startswith("{")]
    visited = int(next(line for line in lines if line.startswith("VISITED")).split()[1])
    seen = [json.loads(line.removeprefix("SEEN ")) for line in lines if line.startswith("SEEN ")]
    # THEN the window fits the screen with its frame, never grows, and no button row covers a table
    assert problems == []
    assert visited > 15 * 5  # every person's tabs were really opened
    # AND the tools of sessions 6-7 were among them
    wheres = {s["where"] for s in seen}
    for tool in NEW_TOOLS:
        assert any(where.endswith(f" › {tool}") for where in wheres), tool
    if size == (1366, 728):
        # AND on the office laptop every tool fits its room ("Menunggu Anda" open): nothing to scroll to reach its
        # buttons
        scrolled = {(s["where"], s["scroll"]) for s in seen if s["scroll"]}
        assert scrolled == set()


def test_the_default_window_and_the_preview_fit_the_screen(qtbot):
    # The sizes the program asks for are cut to the screen's free area less the window frame.
    smaller = fitting(None, 10_000, 10_000)
    free = QSize(smaller.width() + FRAME_WIDTH, smaller.height() + FRAME_HEIGHT)
    assert free == QGuiApplication.primaryScreen().availableGeometry().size()
    # GIVEN a one-page document WHEN its preview opens THEN it is no taller than the screen allows
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Halaman contoh")
    canvas.save()
    dialog = PreviewDialog(
        buffer.getvalue(), "Contoh", on_print=lambda: None, on_save=lambda: None, on_open=lambda: None
    )
    qtbot.addWidget(dialog)
    assert dialog.height() <= smaller.height() and dialog.width() <= smaller.width()


def test_pengaturan_lists_every_page_by_name_on_the_left(qtbot, ctx):  # noqa: F811
    # GIVEN an administrator's Pengaturan at 1366×768
    settings = SettingsTab(ctx)
    qtbot.addWidget(settings)
    settings.resize(1366, 700)
    settings.show()
    qtbot.waitExposed(settings)
    # THEN it is a list of pages (no rotated tabs behind scroll arrows) whose every title is shown whole
    assert isinstance(settings, PageList)
    titles = [settings.tabText(i) for i in range(settings.count())]
    assert "Basis data" in titles and "Riwayat perubahan" in titles
    listing = settings.list
    for row in range(listing.count()):
        shown = listing.visualItemRect(listing.item(row))
        assert listing.viewport().rect().contains(shown), titles[row]
        assert listing.fontMetrics().horizontalAdvance(titles[row]) <= shown.width()
    # WHEN the last page is chosen THEN it is the one shown
    settings.setCurrentIndex(titles.index("Riwayat perubahan"))
    assert settings.currentWidget() is settings.audit_page
    assert settings.audit_page.isVisible()


def test_screenshot_logs_in_as_the_person_named(tmp_path):
    # Through the real entry point: --user picks the demo person (no login dialog, so no password to type)
    png = tmp_path / "sekcam.png"
    db = tmp_path / "contoh.db"
    env = screen_env(tmp_path, 1366, 768)
    args = [sys.executable, "-m", "ui", "--demo", "--db", str(db), "--screenshot", str(png), "--user", "sekcam"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180, cwd=REPO)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    # THEN the picture is the whole 1366×768 screen
    assert (image.width(), image.height()) == (1366, 768)
    # AND an unknown name is refused with the reason
    args = [sys.executable, "-m", "ui", "--db", str(db), "--screenshot", str(png), "--user", "tidak_ada"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180, cwd=REPO)
    assert result.returncode == 2
    assert "--user tidak_ada: Akun 'tidak_ada' tidak ditemukan." in result.stderr


def test_a_screenshot_of_a_file_that_cannot_be_opened_says_why_and_ends(tmp_path, demo_template):
    # GIVEN the demo office as a newer program left it (a schema version beyond this one's), and an empty file
    newer = tmp_path / "baru.db"
    shutil.copy(demo_template, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    empty = tmp_path / "kosong.db"
    empty.write_bytes(b"")
    env = screen_env(tmp_path, 1366, 768)
    for db in (newer, empty):
        # WHEN a headless run is asked for a screenshot of it (nobody is there to close a dialog)
        args = [sys.executable, "-m", "ui", "--db", str(db), "--screenshot", str(tmp_path / "x.png")]
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
        # THEN it ends with status 1 and the reason on stderr, instead of waiting for ever on a message box
        assert result.returncode == 1, result.stderr
        assert result.stderr.strip() and "Traceback" not in result.stderr, result.stderr
