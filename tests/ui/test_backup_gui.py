"""Backing up and restoring through the real windows, as the office would: the Berkas menu, the reminder in
"Menunggu Anda", Pengaturan › Basis data, the damage notice and the first-run screen."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from _file_safety import corrupt_table, mount_tmpfs, person_names, unmount
from _settings_fixtures import click_box_button
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.app as app_module
import ui.background
import ui.opening as opening
from sakip_desktop.domain.roles import Employment
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.people import PersonInput, add_person
from sakip_desktop.storage.backup import make_backup
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.sqlitefile import backup_file, check_file
from ui.arguments import parse_args
from ui.backup_dialog import BackupDialog
from ui.context import AppContext
from ui.first_run import FirstRunDialog
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog

DAY = dt.date(2025, 8, 13)
SHOTS = os.environ.get("SAKIP_SHOTS")


def _add(db: Database, name: str) -> None:
    add_person(
        db,
        actor_for(db, "kasubag_renkeu", DAY),
        PersonInput(name=name, employment=Employment.NON_ASN, active_from=dt.date(2025, 1, 1)),
    )


def _window(qtbot, db: Database, username: str) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    qtbot.waitExposed(win)
    return win


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def patient(monkeypatch):
    """No 'Mohon tunggu' box during these flows: under load a restore may take longer than its 0.4 s."""
    monkeypatch.setattr(ui.background, "BUSY_AFTER_SECONDS", 30)


def test_the_camat_backs_up_to_a_flash_drive_from_the_reminder_while_the_window_keeps_working(qtbot, demo_db, tmp_path):
    # GIVEN the Camat's window: the office has never backed up to a flash drive, so "Menunggu Anda" says so
    win = _window(qtbot, demo_db, "camat")
    tab = win.role_tabs[0]
    reminder = [b for b in tab.waiting.buttons if "Cadangkan sekarang" in b.text()]
    assert reminder and "Belum pernah ada cadangan ke flash disk" in reminder[0].text()
    # WHEN he clicks the reminder, picks the flash drive and starts the backup
    qtbot.mouseClick(reminder[0], Qt.MouseButton.LeftButton)
    dialog = tab.waiting.backup_dialog
    assert isinstance(dialog, BackupDialog) and dialog.isVisible() and not dialog.isModal()
    drive = tmp_path / "flashdisk"
    drive.mkdir()
    dialog.set_folder(drive)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None or bool(dialog.error_text), timeout=20000)
    timer.stop()
    _shot(dialog, "cadangkan_selesai")
    # THEN the verified backup is on the drive, the dialog says so, the window kept its event loop turning
    assert dialog.result_path is not None and dialog.result_path.parent == drive
    assert check_file(dialog.result_path, SCHEMA_VERSION).ok
    assert (drive / (dialog.result_path.name + ".sha256")).exists()
    assert "sudah diperiksa utuh" in dialog.status.text()
    assert ticks
    # AND the reminder is gone
    assert not [b for b in tab.waiting.buttons if "Cadangkan sekarang" in b.text()]
    dialog.close()


def test_the_berkas_menu_backs_up_and_a_missing_target_is_told_in_indonesian(qtbot, demo_db, tmp_path):
    win = _window(qtbot, demo_db, "kasi_pem")
    win.backup_action.trigger()
    dialog = win.backup_dialog
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("berkas, bukan folder")
    dialog.set_folder(blocked / "cadangan")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text), timeout=20000)
    assert "tidak ada" in dialog.error_text and "flash disk" in dialog.error_text
    assert dialog.start_button.isEnabled()
    dialog.close()


def _log_in(qtbot, username: str, password: str, notices: list[str]):
    def handle(dialog):
        assert isinstance(dialog, LoginDialog)
        notices.append(dialog.notice.text())
        dialog.select(username)
        qtbot.keyClicks(dialog.password, password)
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)

    return handle


def _choose(path: Path, *, other_office: bool = False):
    def handle(dialog):
        assert isinstance(dialog, RestoreDialog)
        _shot(dialog, "pulihkan_pilih")
        assert dialog.select(path), dialog.details.text()
        if other_office:
            dialog.other_office.setChecked(True)
        dialog.restore_button.click()

    return handle


def _yes(box):
    assert isinstance(box, QMessageBox)
    click_box_button(box, "Ya, pulihkan")


def test_an_administrator_restores_from_pengaturan_and_everyone_logs_in_again(
    qtbot, modals, demo_db, tmp_path, patient
):
    # GIVEN a backup on a flash drive, after which a person was added
    backup = make_backup(demo_db.path, tmp_path / "flashdisk", create=True).path
    _add(demo_db, "Ditambah sesudah cadangan")
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.open_window(actor_for(demo_db, "kasubag_renkeu", DAY))
    qtbot.addWidget(controller.window)
    win = controller.window
    win.tabs.setCurrentWidget(win.settings_tab)
    settings = win.settings_tab
    settings.setCurrentWidget(settings.database_page)
    page = settings.database_page
    _shot(win, "pengaturan_basis_data")
    # WHEN he restores that backup from Pengaturan › Basis data and logs in again
    notices: list[str] = []
    modals.answer(_choose(backup))
    modals.answer(_yes)
    modals.answer(_log_in(qtbot, "kasubag_renkeu", "kasubag_renkeu123", notices))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not modals.pending and controller.window is not win, timeout=20000)
    qtbot.addWidget(controller.window)
    # THEN the data is the backup's, the login said where the replaced data went, and it is really there
    assert "Ditambah sesudah cadangan" not in person_names(controller.db.path)
    assert notices and "Data dipulihkan dari" in notices[0]
    previous = Path(notices[0].split("Data sebelumnya disimpan di ")[1].split(". Silakan")[0])
    assert "Ditambah sesudah cadangan" in person_names(previous)
    assert controller.window.isVisible()
    controller.close()


def test_a_backup_opened_from_explorer_comes_up_chosen_in_the_restore_dialog(qtbot, modals, demo_db, tmp_path, patient):
    # GIVEN a backup on a flash drive, after which a person was added
    backup = make_backup(demo_db.path, tmp_path / "flashdisk", create=True).path
    _add(demo_db, "Ditambah sesudah cadangan")
    # WHEN the program is started on it as Windows' "Buka dengan" does (--restore FILE) and the administrator logs in
    assert parse_args(["--restore", str(backup)]).restore == backup
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.restore_file = backup
    chosen: list[Path | None] = []

    def restore_it(dialog):
        assert isinstance(dialog, RestoreDialog)
        chosen.append(dialog.chosen)  # already checked and chosen, nothing to pick
        dialog.restore_button.click()

    notices: list[str] = []
    modals.answer(restore_it)
    modals.answer(_yes)
    modals.answer(_log_in(qtbot, "kasubag_renkeu", "kasubag_renkeu123", notices))
    controller.open_window(actor_for(demo_db, "kasubag_renkeu", DAY))
    win = controller.window
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not modals.pending and controller.window is not win, timeout=20000)
    qtbot.addWidget(controller.window)
    # THEN the restore dialog came with that backup chosen, and the data is the backup's
    assert chosen == [backup]
    assert "Ditambah sesudah cadangan" not in person_names(controller.db.path)
    controller.close()


def test_damage_found_after_start_is_told_and_leads_to_a_restore(qtbot, modals, demo_template, tmp_path, patient):
    # GIVEN the office database with a backup, open in the program
    path = tmp_path / "data" / "sakip.db"
    path.parent.mkdir()
    backup_file(demo_template, path)
    backup = make_backup(path, tmp_path / "flashdisk", create=True).path
    db = Database.open(path)
    controller = app_module.Controller(QApplication.instance(), db, care=True)
    controller.open_window(actor_for(db, "camat", DAY))
    qtbot.addWidget(controller.window)
    # WHEN a page of the file goes bad and the check after start runs
    corrupt_table(path, "realisation")
    seen: list[str] = []

    def damage_notice(box):
        seen.append(box.text())
        assert controller.window.health_banner.isVisible() and "rusak" in controller.window.health_banner.text()
        _shot(controller.window, "basis_data_rusak")
        click_box_button(box, "Pulihkan dari cadangan…")

    notices: list[str] = []
    modals.answer(damage_notice)
    modals.answer(_choose(backup))
    modals.answer(_yes)
    modals.answer(_log_in(qtbot, "camat", "camat123", notices))
    qtbot.waitUntil(lambda: controller.health is not None)  # made and started 1.5 s after the window is up
    qtbot.waitUntil(lambda: not modals.pending, timeout=30000)
    qtbot.addWidget(controller.window)
    # THEN the person was told in Indonesian, the backup is in place and sound, the damaged file kept aside
    assert "rusak" in seen[0] and "Pulihkan dari cadangan" in seen[0]
    assert check_file(path, SCHEMA_VERSION).ok
    assert list((path.parent / "cadangan").glob("*-rusak-sebelum-pulih-*.db"))
    assert controller.db.damage is None
    # AND only the new window is left: the one on the damaged file is gone
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert windows == [controller.window]
    controller.close()


def test_the_first_run_screen_opens_an_existing_database_from_a_flash_drive(qtbot, modals, demo_db, tmp_path, patient):
    # GIVEN a new PC (no database) and the office's backup on a flash drive
    backup = make_backup(demo_db.path, tmp_path / "flashdisk", create=True).path
    target = tmp_path / "pc-baru" / "sakip.db"

    def choose_existing(dialog):
        assert isinstance(dialog, FirstRunDialog)
        _shot(dialog, "pertama_kali")
        qtbot.mouseClick(dialog.existing_button, Qt.MouseButton.LeftButton)

    modals.answer(choose_existing)
    modals.answer(_choose(backup))
    modals.answer(_yes)
    # WHEN the first-run screen's "Buka basis data yang ada…" is used
    db = opening.first_run(target)
    # THEN the office's data is on the new PC
    try:
        assert db is not None and db.path == target.resolve()
        assert person_names(target) == person_names(demo_db.path)
    finally:
        if db is not None:
            db.close()


def test_a_read_only_database_is_marked_in_the_window(qtbot, demo_template, tmp_path):
    folder = tmp_path / "ro"
    if not mount_tmpfs(folder, "4m"):
        pytest.skip("a read-only mount needs root and mount")
    try:
        backup_file(demo_template, folder / "sakip.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        db = Database.open(folder / "sakip.db")
        try:
            win = _window(qtbot, db, "camat")
            assert win.health_label.isVisible() and "HANYA-BACA" in win.health_label.text()
            assert win.health_banner.isVisible() and "hanya dapat dibaca" in win.health_banner.text()
            _shot(win, "hanya_baca")
        finally:
            db.close()
    finally:
        unmount(folder)


def test_closing_the_program_backs_up_a_changed_database_into_the_data_folder(qtbot, demo_template, tmp_path, patient):
    from sakip_desktop.storage.backup_places import automatic_backups, data_backup_folder

    path = tmp_path / "data" / "sakip.db"
    path.parent.mkdir()
    backup_file(demo_template, path)
    db = Database.open(path)
    try:
        controller = app_module.Controller(QApplication.instance(), db, care=True)
        # GIVEN nothing backed up yet: closing makes the first automatic backup
        controller.back_up_on_exit()
        assert len(automatic_backups(data_backup_folder(path))) == 1
        # WHEN nothing changed, closing again adds none; after a change, it does
        controller.back_up_on_exit()
        assert len(automatic_backups(data_backup_folder(path))) == 1
        _add(db, "Sesudah cadangan otomatis")
        qtbot.wait(1100)  # backups are named by the minute: another one in the same minute gets "-2"
        controller.back_up_on_exit()
        newest = automatic_backups(data_backup_folder(path))[-1][1]
        assert len(automatic_backups(data_backup_folder(path))) == 2
        assert "Sesudah cadangan otomatis" in person_names(newest)
    finally:
        db.close()


def test_an_audit_trail_changed_behind_the_program_s_back_is_said_after_start(qtbot, demo_template, tmp_path):
    # GIVEN an audit entry quietly edited with a database tool
    path = tmp_path / "data" / "sakip.db"
    path.parent.mkdir()
    backup_file(demo_template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit_entry SET actor_name = 'Orang Lain' WHERE id = 3")
    conn.commit()
    conn.close()
    db = Database.open(path)
    try:
        controller = app_module.Controller(QApplication.instance(), db, care=True)
        controller.open_window(actor_for(db, "camat", DAY))
        qtbot.addWidget(controller.window)
        # WHEN the check after start has run
        qtbot.waitUntil(lambda: controller.window.health_banner.isVisible(), timeout=30000)
        # THEN a banner above the tabs names the entry and where to look
        banner = controller.window.health_banner
        assert banner.isVisible() and "3" in banner.text() and "Riwayat perubahan" in banner.text()
        _shot(controller.window, "riwayat_rusak")
        controller.close()
    finally:
        db.close()


def test_a_restore_after_a_refused_file_and_a_cancelled_file_dialog_reaches_the_login(tmp_path):
    # (in its own process: the crash this guards against would take pytest down with it)
    script = Path(__file__).with_name("_restore_after_refusal.py")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "kantor")], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0 and "LOGIN" in done.stdout, done.stderr[-2000:]


def test_a_second_program_on_the_same_database_is_told_the_first_is_open(tmp_path):
    # GIVEN the program running on the office database (another process holds the lock beside it)
    db_path = tmp_path / "sakip.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom PySide6.QtCore import QLockFile\n"
            "lock = QLockFile(sys.argv[1] + '.kunci'); assert lock.tryLock(0); print('HELD', flush=True)\n"
            "time.sleep(60)",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "HELD"
        # WHEN a second program asks for the same file THEN it learns the first has it; another file is free
        assert opening.instance_lock(db_path) == (None, True)
        lock, taken = opening.instance_lock(tmp_path / "lain.db")
        assert lock is not None and not taken
        lock.unlock()
    finally:
        holder.kill()
        holder.wait()
    # AND once the first program is gone (even killed), its lock is taken over
    lock, taken = opening.instance_lock(db_path)
    assert lock is not None and not taken
    lock.unlock()
