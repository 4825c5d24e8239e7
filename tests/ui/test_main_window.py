"""The main window: role tabs per person, the status bar, the period, switching user, idle lock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui import app as app_module
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.role_tab import RoleTab

DEMO_DAY = dt.date(2025, 8, 13)


def _window(qtbot, db, username, today=DEMO_DAY) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, today), year=2025, quarter=3, today=lambda: today)
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.show()
    return window


def _tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _column(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_each_person_sees_a_tab_per_role(qtbot, demo_db):
    assert _tab_titles(_window(qtbot, demo_db, "camat")) == ["Camat", "SOP"]
    assert _tab_titles(_window(qtbot, demo_db, "kasubag_renkeu")) == [
        "Tim SAKIP",
        "Kasubag Perencanaan",
        "SOP",
        "Pengaturan",
    ]
    assert _tab_titles(_window(qtbot, demo_db, "kasi_pem")) == ["Tim SAKIP", "Kasi Pemerintahan", "SOP"]
    assert _tab_titles(_window(qtbot, demo_db, "admin_data")) == ["Staf", "Admin Data", "SOP"]
    # The Sekretaris is Plh. Camat from 11 to 15 Agustus 2025 only.
    assert _tab_titles(_window(qtbot, demo_db, "sekcam")) == ["Plh. Camat", "Sekretaris", "Tim SAKIP", "SOP"]
    assert _tab_titles(_window(qtbot, demo_db, "sekcam", dt.date(2025, 9, 1))) == ["Sekretaris", "Tim SAKIP", "SOP"]


def test_role_tab_opens_on_menunggu_anda_and_its_tools(qtbot, demo_db):
    window = _window(qtbot, demo_db, "camat")
    tab = window.tabs.widget(0)
    assert isinstance(tab, RoleTab)
    # The Camat's inbox: his own steps, and every step over its standard time
    assert all(i.role is Role.CAMAT or i.overdue for i in tab.inbox.items())
    assert "menunggu persetujuan Anda" in tab.inbox.empty.text()
    assert [tab.tools.tabText(i) for i in range(tab.tools.count())] == [
        "Dasbor",
        "Indikator kinerja",
        "Persetujuan realisasi",
        "Perjanjian Kinerja",
        "LKj",
        "Paket Kabupaten",
        "Rekomendasi",
        "Evaluasi kinerja",
        "LHE dan TL LHE",  # issue 16 §3 (helper lhe)
        "Evaluasi SAKIP (LKE)",  # issue 16 §1-2 (helper lke)
        "Dokumen",
        "Pengukuran kinerja",
        "Anggaran",
    ]
    assert tab.measurement_page.content is None  # built when first opened
    tab.tools.setCurrentWidget(tab.measurement_page)
    assert tab.measurement_page.content is not None
    assert len(_column(tab.indicator_view, 0)) == 12
    assert "TW III tahun 2025" in tab.indicator_title.text()


def test_status_bar_names_office_user_role_period_and_database(qtbot, demo_db):
    window = _window(qtbot, demo_db, "kasubag_renkeu")
    assert window.office_label.text() == "Kecamatan Contoh"
    assert window.user_label.text().startswith("Andi Prasetyo")
    # He opens where his late work waits (issue 13 §1; this pinned the first tab, the Tim's)
    assert window.role_label.text() == "Peran: Kasubag Perencanaan"
    window.tabs.setCurrentIndex(0)
    assert window.role_label.text() == "Peran: Tim SAKIP"
    # AND a tool tab (SOP, Pengaturan) is no role: the status bar keeps the role last shown (issue 13 §4)
    tool_tabs = [i for i in range(window.tabs.count()) if window.tabs.tabText(i) in ("SOP", "Pengaturan")]
    assert tool_tabs
    for index in tool_tabs:
        window.tabs.setCurrentIndex(index)
        assert window.role_label.text() == "Peran: Tim SAKIP"
    assert window.year_combo.currentText() == "2025" and window.quarter_combo.currentText() == "TW III"
    assert str(demo_db.path) in window.db_label.text()
    assert "KANTOR CONTOH" in window.windowTitle()


def test_a_new_renstra_brings_its_years_to_the_status_bar(qtbot, demo_db):
    from sakip_desktop.ops.planning.renstra import PlanInput, add_plan

    # GIVEN the Kasubag's window (Renstra 2021-2026)
    window = _window(qtbot, demo_db, "kasubag_renkeu")
    before = [window.year_combo.itemText(i) for i in range(window.year_combo.count())]
    assert "2030" not in before
    # WHEN a Renstra 2027-2031 is added and the plan signals its change
    add_plan(demo_db, window.ctx.actor, PlanInput("Renstra Kecamatan Contoh 2027-2031", 2027, 2031))
    window.ctx.signals.master_data_changed.emit("planning")
    # THEN its years can be chosen, and the year being worked on is unchanged
    after = [window.year_combo.itemText(i) for i in range(window.year_combo.count())]
    assert {"2027", "2030", "2031"} <= set(after)
    assert window.year_combo.currentText() == "2025" and window.ctx.year == 2025


def test_kasi_sees_only_the_indicators_of_the_seksi(qtbot, demo_db):
    window = _window(qtbot, demo_db, "kasi_pem")
    kasi_tab = window.tabs.widget(1)
    assert kasi_tab.indicator_model.rowCount() == 0  # a hidden tab reads nothing at start-up
    window.tabs.setCurrentIndex(1)
    assert set(_column(kasi_tab.indicator_view, 8)) == {"Seksi Pemerintahan"}
    # a Kasi enters realisasi for the seksi; no budget tool
    assert [kasi_tab.tools.tabText(i) for i in range(kasi_tab.tools.count())] == ["Indikator kinerja", "Isi realisasi"]
    kasi_tab.tools.setCurrentIndex(1)
    assert kasi_tab.cycle_pages["Isi realisasi"].content is not None


def test_choosing_another_quarter_redraws_the_tables(qtbot, demo_db):
    window = _window(qtbot, demo_db, "camat")
    tab = window.tabs.widget(0)
    assert "—" not in _column(tab.indicator_view, 6)
    window.quarter_combo.setCurrentIndex(3)  # TW IV has no realisasi yet
    assert window.ctx.quarter == 4
    assert set(_column(tab.indicator_view, 6)) == {"—"}
    assert set(_column(tab.indicator_view, 7)) == {"Belum diisi"}
    window.quarter_combo.setCurrentIndex(0)
    assert _column(tab.indicator_view, 7).count("Disetujui") == 12


def test_budget_tool_loads_when_opened_and_shows_rupiah(qtbot, demo_db):
    window = _window(qtbot, demo_db, "camat")
    tab = window.tabs.widget(0)
    assert tab.budget_model.rowCount() == 0  # not read at start-up
    tab.tools.setCurrentWidget(tab.budget_view)
    codes = _column(tab.budget_view, 0)
    assert "7.01.01" in codes
    ceiling = _column(tab.budget_view, 2)[codes.index("7.01.01")]
    assert "." in ceiling and "," not in ceiling  # 1.234.567 Rupiah, no sen


def _log_in_as(qtbot, username, password):
    def handle(dialog):
        dialog.select(username)
        qtbot.keyClicks(dialog.password, password)
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)

    return handle


def test_switch_user_returns_to_login_and_opens_the_other_persons_tabs(qtbot, modals, demo_db):
    # GIVEN the Camat is working
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.open_window(actor_for(demo_db, "camat"))
    first = controller.window
    qtbot.addWidget(first)
    # WHEN "Ganti pengguna" is chosen and the Kasubag Perencanaan logs in
    modals.answer(_log_in_as(qtbot, "kasubag_renkeu", "kasubag_renkeu123"))
    first.switch_user_action.trigger()
    # THEN a new window shows the Kasubag's tabs
    window = controller.window
    qtbot.addWidget(window)
    assert window is not first and window.isVisible()
    assert "Pengaturan" in _tab_titles(window)
    controller.close()


def test_idle_lock_asks_for_the_password_and_returns_to_the_same_window(qtbot, modals, demo_db):
    controller = app_module.Controller(QApplication.instance(), demo_db)
    controller.open_window(actor_for(demo_db, "camat"))
    window = controller.window
    qtbot.addWidget(window)
    notices = []

    def same_person(dialog):
        notices.append(dialog.notice.text())
        assert dialog.selected_username() == "camat"
        _log_in_as(qtbot, "camat", "camat123")(dialog)

    modals.answer(same_person)
    # WHEN nothing happens for the idle time
    with qtbot.waitSignal(controller.idle.idle, timeout=3000):
        controller.idle.set_minutes(0.002)
    qtbot.waitUntil(lambda: not modals.pending and window.isVisible(), timeout=3000)
    # THEN the login asked again, and the same window came back
    assert notices == ["Layar dikunci karena tidak ada kegiatan. Masuk lagi untuk melanjutkan."]
    assert controller.window is window
    controller.close()


def test_screenshot_of_the_demo_main_window(tmp_path):
    # Through the real entry point, in its own process as a person starts it.
    png = tmp_path / "utama.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, "-m", "ui", "--demo", "--db", str(tmp_path / "contoh.db"), "--screenshot", str(png)]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert image.width() >= 800 and image.height() >= 500
