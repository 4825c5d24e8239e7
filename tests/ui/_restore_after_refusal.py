"""Run by tests/ui/test_backup_gui.py in its own process (a regression would crash the process, not pytest).

The damage notice leads to the restore dialog; a damaged backup is refused; the file dialog is opened and
cancelled; a good backup is restored; the login must come. It once crashed here: the refusal's traceback kept
Qt objects in a reference cycle, and the garbage collector freed them from the restore's worker thread.

    python _restore_after_refusal.py FOLDER    # prints LOGIN when the login dialog came
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared damage helper

from _file_safety import corrupt_table
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import ui.app as app_module
from sakip_desktop.demo.office import create_demo
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.backup import make_backup
from sakip_desktop.storage.database import Database
from ui.login import LoginDialog
from ui.restore_dialog import RestoreDialog


def main() -> None:
    app = QApplication(sys.argv[:1])
    base = Path(sys.argv[1])
    db_path = base / "kantor" / "sakip.db"
    db_path.parent.mkdir(parents=True)
    create_demo(db_path).close()
    usb = base / "usb"
    usb.mkdir()
    good = make_backup(db_path, usb).path
    bad = usb / "rusak.db"
    shutil.copy(db_path, bad)
    with open(bad, "r+b") as fh:
        fh.seek(20 * 4096)
        fh.write(os.urandom(4000))
    corrupt_table(db_path, "audit_entry")  # a table the first window does not read: the check after start finds it
    db = Database.open(db_path)
    app_module.end_startup()  # the collector on, as in the program after start
    controller = app_module.Controller(app, db, care=True)
    controller.open_window(actor_for(db, "camat"))
    step = {"n": 0}

    def press(box: QMessageBox, words: str) -> None:
        QTimer.singleShot(0, next(b for b in box.buttons() if words in b.text()).click)

    def tick() -> None:
        window, n = QApplication.activeModalWidget(), step["n"]
        if isinstance(window, QMessageBox) and n == 0:
            press(window, "Pulihkan")
        elif isinstance(window, RestoreDialog) and n == 1:
            assert not window.select(bad)
            QTimer.singleShot(0, window.choose_file)
        elif isinstance(window, QFileDialog) and n == 2:
            window.reject()
        elif isinstance(window, RestoreDialog) and n == 3:
            assert window.select(good)
            QTimer.singleShot(0, window.restore_button.click)
        elif isinstance(window, QMessageBox) and n == 4:
            press(window, "Ya")
        elif isinstance(window, LoginDialog):
            print("LOGIN", flush=True)
            os._exit(0)
        else:
            QTimer.singleShot(50, tick)
            return
        step["n"] += 1
        QTimer.singleShot(50, tick)

    QTimer.singleShot(300, tick)
    app.exec()


if __name__ == "__main__":
    main()
