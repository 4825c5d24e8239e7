"""The help guide (F1, Bantuan, printable) and the keys every form and dialog answers: Ctrl+S, Ctrl+P, Enter, Esc."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.help.topics import BY_KEY, ROLE_TOPICS, TOOL_TOPICS, TOPICS, help_dir, page_path, page_text
from ui.help.viewer import HelpWindow
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog
from ui.restore_dialog import RestoreDialog
from ui.role_tab import RoleTab
from ui.tools import TOOLS

DEMO_DAY = dt.date(2025, 8, 13)
SHOTS = Path(os.environ.get("SAKIP_SHOTS", "/tmp/sakip-shots"))


def _window(qtbot, db, username: str) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, DEMO_DAY), year=2025, quarter=3, today=lambda: DEMO_DAY)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _activate(qtbot, window) -> None:
    """Make `window` the active one again (building a page may leave none active offscreen), as a click does."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _role_tab(window: MainWindow, title: str) -> RoleTab:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    tab = window.tabs.currentWidget()
    assert isinstance(tab, RoleTab)
    return tab


def test_every_role_and_every_tool_has_a_page_and_every_link_leads_to_one():
    # GIVEN the guide's pages in resources/help
    assert help_dir().is_dir()
    # THEN each role, each tool of ui/tools.py and the role tab's first page have their page
    for role in Role:
        assert page_path(ROLE_TOPICS[role]).is_file(), role
    for title in [t.title for t in TOOLS] + ["Indikator kinerja"]:
        assert title in TOOL_TOPICS and page_path(TOOL_TOPICS[title]).is_file(), title
    # AND every page listed exists, starts with its heading, and every link in it leads to a listed page
    for topic in TOPICS:
        text = page_text(topic.key)
        assert text.startswith("# "), topic.key
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.removesuffix(".md") in BY_KEY, f"{topic.key}: {target}"


def test_f1_opens_the_page_of_the_tool_in_use_and_it_prints(qtbot, demo_db, tmp_path):
    # GIVEN the Kasi Pemerintahan on his "Isi realisasi" tool
    window = _window(qtbot, demo_db, "kasi_pem")
    tab = _role_tab(window, "Kasi Pemerintahan")
    tab.show_tool("Isi realisasi")
    tab.tools.currentWidget().setFocus()
    # WHEN he presses F1
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    # THEN the guide opens on that tool's page
    viewer = window.help_window
    assert isinstance(viewer, HelpWindow) and viewer.isVisible()
    assert viewer.topic == "alat_isi_realisasi"
    assert "Ajukan ke Sekretaris" in viewer.browser.toPlainText()
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewer.grab().save(str(SHOTS / "panduan_isi_realisasi.png"))
    # AND a link leads to another page, shown in the list too
    viewer._on_link(viewer.browser.source().resolved(viewer.browser.source().__class__("peran_kasi.md")))
    assert viewer.topic == "peran_kasi" and viewer.topics.currentItem().text() == "Kasi"
    # AND the page shown prints (here to a PDF file) with its text
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "panduan.pdf"))
    viewer.print_to(printer)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "panduan.pdf").pages)
    assert "Kasi" in text and "Ajukan ke Sekretaris" in text
    # AND Bantuan lists the guide with its key
    titles = [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    assert "&Panduan…" in titles


def test_f1_in_menunggu_anda_opens_the_roles_page_and_bantuan_opens_langkah_awal_for_an_administrator(qtbot, demo_db):
    window = _window(qtbot, demo_db, "sekcam")
    tab = _role_tab(window, "Sekretaris")
    _activate(qtbot, window)
    tab.inbox.setFocus()
    window.open_help()
    assert window.help_window is not None and window.help_window.topic == "peran_sekretaris"
    # AND an administrator finds "Langkah awal" in Bantuan, which shows his checklist
    admin = _window(qtbot, demo_db, "kasubag_renkeu")
    admin.first_steps_action.trigger()
    assert admin.tabs.tabText(admin.tabs.currentIndex()) == "Langkah awal"


def test_ctrl_s_saves_the_form_being_worked_in(qtbot, demo_db):
    # GIVEN the administrator on Pengaturan › Profil kantor, the phone number changed
    window = _window(qtbot, demo_db, "kasubag_renkeu")
    window.tabs.setCurrentWidget(window.settings_tab)
    page = window.settings_tab.office_page
    window.settings_tab.setCurrentWidget(page)
    phone = page.edits["phone"]
    _activate(qtbot, window)
    phone.setFocus()
    phone.setText("(0341) 555-0199")
    # WHEN he presses Ctrl+S
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # THEN it is saved
    assert get_profile(demo_db).phone == "(0341) 555-0199"


def test_dialogs_answer_ctrl_s_and_esc(qtbot, modals, demo_db):
    # GIVEN a main window (it gives dialogs their keys once up) and the "Ganti kata sandi" dialog
    window = _window(qtbot, demo_db, "camat")
    qtbot.waitUntil(lambda: window.dialog_keys is not None)
    dialog = ChangePasswordDialog(demo_db, window.ctx.actor, window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClicks(dialog.old, "camat123")
    qtbot.keyClicks(dialog.new, "rahasia-baru-1")
    qtbot.keyClicks(dialog.again, "rahasia-baru-1")
    said: list[str] = []

    def read(box):
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    modals.answer(read)
    # WHEN Ctrl+S is pressed in it
    qtbot.keyClick(dialog.again, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not modals.pending)
    # THEN it saved, as its "Simpan" does
    assert said and "sudah diganti" in said[0] and dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    # AND Esc closes a dialog without saving
    again = ChangePasswordDialog(demo_db, window.ctx.actor, window)
    again.show()
    again.activateWindow()
    qtbot.waitActive(again)
    qtbot.keyClick(again.old, Qt.Key.Key_Escape)
    assert not again.isVisible() and again.result() == ChangePasswordDialog.DialogCode.Rejected
    assert QApplication.activeModalWidget() is None


def test_enter_in_a_dialog_presses_its_main_button_not_the_one_that_has_the_focus(qtbot, modals, demo_db):
    # GIVEN the administrator's window (it gives dialogs their keys once up)
    window = _window(qtbot, demo_db, "kasubag_renkeu")
    qtbot.waitUntil(lambda: window.dialog_keys is not None)
    seen: dict[str, bool] = {}

    def look(dialog):
        assert isinstance(dialog, RestoreDialog)
        dialog.activateWindow()  # a dialog shown takes the focus (offscreen, it is told to)
        qtbot.waitUntil(lambda: dialog.restore_button.isDefault())
        seen["restore is default"] = dialog.restore_button.isDefault()
        seen["file button is default"] = any(
            b.isDefault() for b in dialog.findChildren(QPushButton) if b.text() == "Pilih berkas lain…"
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes it
        seen["closed by Esc"] = not dialog.isVisible()

    modals.answer(look)
    # WHEN "Pulihkan dari cadangan…" opens (its buttons: "Pilih berkas lain…", "Pulihkan", "Batal")
    window.open_restore()
    # THEN Enter belongs to "Pulihkan" (enabled once a checked backup is chosen), not to "Pilih berkas lain…"
    assert seen == {"restore is default": True, "file button is default": False, "closed by Esc": True}


def test_ctrl_p_in_the_guide_opens_the_print_dialog_for_the_page_shown(qtbot, modals, demo_db):
    # GIVEN the guide open on a page (dialogs get their keys once the main window is up)
    window = _window(qtbot, demo_db, "camat")
    qtbot.waitUntil(lambda: window.dialog_keys is not None)
    window.open_help("alat_dokumen")
    viewer = window.help_window
    assert isinstance(viewer, HelpWindow)
    viewer.activateWindow()
    qtbot.waitUntil(lambda: bool(viewer.property("sakip_keys")))
    seen: list[str] = []

    def look(dialog):
        seen.append(dialog.metaObject().className())
        dialog.reject()

    modals.answer(look)
    # WHEN Ctrl+P is pressed in it
    qtbot.keyClick(viewer.browser, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not modals.pending)
    # THEN its "Cetak…" asks where to print
    assert seen == ["QPrintDialog"]
