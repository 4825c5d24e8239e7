"""The import screens read a chosen workbook off the GUI thread (`ui.background.run_busy`): the window keeps
painting while a file is read, and a hostile file ends in the importer's message, not a frozen window."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from _hostile_fixtures import zip_bomb
from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from _sop_fixtures import context_for
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

import ui.budget.rencana
import ui.cycle.isian
import ui.sop.exchange
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.exchange.rencana.write import export_rencana
from sakip_desktop.exchange.sop.write import export_sop
from sakip_desktop.ops.sop.library import get_definition, list_sops
from ui.widgets.dialogs import TextDialog


def _watch(monkeypatch, module, name: str) -> list[bool]:
    """Wrap the reader the screen calls: note whether it runs on the GUI thread, and let it go on only once the
    GUI thread's event loop has turned (were it on the GUI thread, that could never happen)."""
    real = getattr(module, name)
    on_gui_thread: list[bool] = []
    turned = threading.Event()
    QTimer.singleShot(30, turned.set)

    def reader(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        if not on_gui_thread[-1]:
            assert turned.wait(5), "the window stood still while the file was read"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, reader)
    return on_gui_thread


def _refusal(driver: Modals, seen: list[str]) -> None:
    def read(dialog: QWidget) -> None:
        if isinstance(dialog, QProgressDialog):  # "Mohon tunggu" of a read past 0.4 s: it closes by itself
            driver.answer(read)
            return
        assert isinstance(dialog, TextDialog)
        seen.append(dialog.windowTitle() + "\n" + dialog.text.toPlainText())
        dialog.reject()

    driver.answer(read)


@pytest.mark.parametrize("screen", ["isian", "rencana", "sop"])
def test_a_zip_bomb_is_read_off_the_gui_thread_and_refused_in_words(
    screen: str,
    qtbot,
    demo_db,
    modals: Modals,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
):
    # GIVEN a workbook of the screen's kind whose first sheet inflates from 3 MB to a gigabyte
    path = tmp_path / f"{screen}.xlsx"
    exporters: dict[str, Callable[[], object]] = {
        "isian": lambda: export_isian(demo_db, 2025, 3, None, path),
        "rencana": lambda: export_rencana(demo_db, path),
        "sop": lambda: export_sop(get_definition(demo_db, list_sops(demo_db)[0].id), path),
    }
    exporters[screen]()
    path.write_bytes(zip_bomb(path.read_bytes()))
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    seen: list[str] = []
    _refusal(modals, seen)
    # WHEN the person chooses it in the screen's import
    if screen == "isian":
        on_gui_thread = _watch(monkeypatch, ui.cycle.isian, "read_isian")
        assert ui.cycle.isian.import_file(parent, context_for(demo_db, "kasi_pem")) is None
    elif screen == "rencana":
        on_gui_thread = _watch(monkeypatch, ui.budget.rencana, "read_rencana")
        assert ui.budget.rencana.import_file(parent, context_for(demo_db, "kasubag_renkeu")) is None
    else:
        import sakip_desktop.exchange.sop.read

        on_gui_thread = _watch(monkeypatch, sakip_desktop.exchange.sop.read, "import_sop")
        assert ui.sop.exchange.read_workbook(parent, path) is None
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    # THEN the file was read on a worker thread while the window kept turning, and the refusal names the file
    # and what is wrong with it
    assert on_gui_thread == [False]
    assert f"Berkas {path.name}" in seen[0] and "terlalu besar setelah dibuka" in seen[0]
