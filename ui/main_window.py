"""The main window: a tab per role the person holds, plus Pengaturan for administrators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.home.overview import plan_years
from sakip_desktop.ops.org.office import OfficeProfile, get_profile
from ui.context import AppContext
from ui.errors import open_log_folder
from ui.plain_text import esc, plain_label, plain_tooltip
from ui.role_tab import RoleTab
from ui.widgets.screen import resize_to_fit, show_fitting

if TYPE_CHECKING:  # imported when first opened: the first window does not load it
    from ui.backup_dialog import BackupDialog
    from ui.first_steps import FirstStepsPanel

# When an administrator's window, once up, checks whether "Langkah awal" still has steps (an ORM read).
FIRST_STEPS_DELAY_MS = 1500
# When dialogs get their keys (ui/keys.py): after the first paint.
KEYS_DELAY_MS = 300


# The window's size on a large screen; on the office laptop (1366×768 less the taskbar) it is what fits.
DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """Composition root of one logged-in session; holds no business logic."""

    switch_user_requested = Signal()

    def __init__(self, ctx: AppContext, profile: OfficeProfile, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile = profile
        self._set_title()
        resize_to_fit(self, *DEFAULT_SIZE)  # less on a small screen: the whole window stays on it

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.role_tabs: list[RoleTab] = self._add_role_tabs()
        from ui.sop_tab import SopTab

        self.sop_tab = SopTab(ctx)
        self.tabs.addTab(self.sop_tab, "SOP")
        self.settings_tab: QWidget | None = None
        if ctx.actor.is_admin:
            from ui.settings import SettingsTab

            self.settings_tab = SettingsTab(ctx)
            self.tabs.addTab(self.settings_tab, "Pengaturan")
        self.first_steps: FirstStepsPanel | None = None  # "Langkah awal" (ui/first_steps.py), for administrators
        self.help_window: QWidget | None = None  # the guide (ui/help/viewer.py), once opened
        self.dialog_keys: QObject | None = None
        QTimer.singleShot(KEYS_DELAY_MS, self, self._give_dialogs_keys)
        if not self.role_tabs and ctx.actor.is_admin:
            from ui.first_steps import show_first_steps

            show_first_steps(self)  # the first administrator of a new office: what to set up, not "Tanpa peran"
        elif ctx.actor.is_admin:  # while steps remain; read once the window is up (start-up reads no more)
            QTimer.singleShot(FIRST_STEPS_DELAY_MS, self, self._offer_first_steps)
        if not self.role_tabs and not ctx.actor.is_admin:
            note = QLabel(
                "Akun Anda belum memiliki peran. Minta administrator menambahkan peran Anda di Pengaturan › Pegawai."
            )
            note.setWordWrap(True)
            self.tabs.insertTab(0, note, "Tanpa peran")
            self.tabs.setCurrentIndex(0)
        # A banner over the tabs while the database takes no changes (read-only, or damaged).
        self.health_banner = plain_label()
        self.health_banner.setWordWrap(True)
        self.health_banner.setStyleSheet("background:#fde0dc; color:#8c1d18; padding:6px; font-weight:bold;")
        self.health_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.health_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self._build_status_bar()
        self.tabs.currentChanged.connect(self._update_role_label)
        ctx.signals.master_data_changed.connect(self._on_master_data_changed)
        ctx.signals.period_changed.connect(self._show_period)  # also when "Menunggu Anda" opens a tool on a period
        self._update_role_label()

    def show_fitting(self) -> None:
        """Show the window at its default size, or maximised where the screen is smaller than that."""
        show_fitting(self, *DEFAULT_SIZE)

    def _set_title(self) -> None:
        demo = " — KANTOR CONTOH" if self.profile.is_demo else ""
        self.setWindowTitle(f"SAKIP Desktop — {self.profile.office_title}, {self.profile.regency_title}{demo}")

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&Berkas")
        switch = QAction("&Ganti pengguna", self)
        switch.setShortcut(QKeySequence("Ctrl+L"))
        switch.triggered.connect(self.switch_user_requested.emit)
        password = QAction("Ganti &kata sandi…", self)
        password.triggered.connect(self._change_password)
        quit_action = QAction("&Keluar", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        backup = QAction("&Cadangkan…", self)
        backup.setToolTip("Simpan salinan basis data yang diperiksa ke flash disk atau folder lain")
        backup.triggered.connect(self.open_backup)
        restore = QAction("&Pulihkan dari cadangan…", self)
        restore.triggered.connect(self.open_restore)
        menu.addAction(switch)
        menu.addAction(password)
        menu.addSeparator()
        menu.addAction(backup)
        menu.addAction(restore)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.backup_action, self.restore_action = backup, restore
        self.backup_dialog: BackupDialog | None = None
        help_menu = self.menuBar().addMenu("Ban&tuan")
        self.help_action = QAction("&Panduan…", self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.help_action.setToolTip("Panduan alat yang sedang dipakai; dari sana semua halaman panduan")
        self.help_action.triggered.connect(self._open_help_here)
        help_menu.addAction(self.help_action)
        if self.ctx.actor.is_admin:
            self.first_steps_action = QAction("&Langkah awal", self)
            self.first_steps_action.triggered.connect(self.show_first_steps)
            help_menu.addAction(self.first_steps_action)
        help_menu.addSeparator()
        # Ctrl+S and Ctrl+P press the "Simpan" / "Cetak" of the form or document shown (ui/keys.py).
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self._press_save),
            (QKeySequence.StandardKey.Print, self._press_print),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)
        self.log_folder_action = QAction("Buka folder &log", self)
        self.log_folder_action.setToolTip("Folder catatan kesalahan program: kirim isinya kepada pengelola aplikasi")
        self.log_folder_action.triggered.connect(self._open_log_folder)
        help_menu.addAction(self.log_folder_action)
        about = QAction("&Tentang SAKIP Desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.switch_user_action = switch

    def _offer_first_steps(self) -> None:
        from ui.first_steps import offer_first_steps

        offer_first_steps(self)

    def show_first_steps(self) -> None:
        """Bantuan › Langkah awal: the checklist's tab, brought forward."""
        from ui.first_steps import show_first_steps

        show_first_steps(self)

    def open_help(self, key: str | None = None, parent: QWidget | None = None) -> None:
        """Bantuan › Panduan (F1): the guide, on the page of the tool in use unless `key` names one."""
        from ui.help.viewer import open_help

        self.help_window = open_help(self, key, parent)

    def _open_help_here(self) -> None:
        self.open_help()

    def _press_save(self) -> None:
        from ui.keys import SAVE_WORDS, press

        press(self, SAVE_WORDS)

    def _press_print(self) -> None:
        from ui.keys import PRINT_WORDS, press

        press(self, PRINT_WORDS)

    def _give_dialogs_keys(self) -> None:
        """Every dialog gets Ctrl+S, Ctrl+P and F1 (made once the window is up: start-up does not pay for it)."""
        from ui.keys import DialogKeys

        if self.dialog_keys is None:
            self.dialog_keys = DialogKeys(self)

    def _open_log_folder(self) -> None:
        open_log_folder(self)

    def _build_status_bar(self) -> None:
        ctx, bar = self.ctx, self.statusBar()
        # The office's and the person's names are data: plain text, never markup.
        self.office_label = plain_label(self.profile.office_title)
        self.user_label = plain_label(ctx.actor.name)
        self.role_label = plain_label()
        self.year_combo = QComboBox()
        self._fill_years()
        self.quarter_combo = QComboBox()
        for q in range(1, 5):
            self.quarter_combo.addItem(quarter_label(q), q)
        self.quarter_combo.setCurrentIndex(ctx.quarter - 1)
        self.year_combo.setToolTip("Tahun yang sedang dikerjakan")
        self.quarter_combo.setToolTip("Triwulan yang sedang dikerjakan")
        self.year_combo.currentIndexChanged.connect(self._period_selected)
        self.quarter_combo.currentIndexChanged.connect(self._period_selected)
        # Says so when the file cannot take changes (read-only, or damaged): people can still read and print.
        self.health_label = QLabel()
        self.health_label.setStyleSheet("color:#ffffff; background:#b00020; padding:1px 6px; font-weight:bold;")
        self.health_label.hide()
        bar.addWidget(self.health_label)
        self.show_health()
        self.db_label = plain_label(f"Basis data: {ctx.db.display_name}")  # a file, or a server's (issue 17)
        self.db_label.setToolTip(plain_tooltip(ctx.db.display_name))
        self.db_label.setMinimumWidth(80)  # a long path is cut (the tooltip has it): it never widens the window
        for widget in (self.office_label, self.user_label, self.role_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(QLabel("Tahun:"))
        bar.addPermanentWidget(self.year_combo)
        bar.addPermanentWidget(self.quarter_combo)
        bar.addPermanentWidget(self.db_label)

    def _fill_years(self) -> None:
        """The years of the plans (and this one), the year being worked on selected; no period change signalled."""
        years = sorted(set(plan_years(self.ctx.db)) | {self.ctx.year, dt.date.today().year})
        self.year_combo.blockSignals(True)
        try:
            self.year_combo.clear()
            for year in years:
                self.year_combo.addItem(str(year), year)
            self.year_combo.setCurrentIndex(years.index(self.ctx.year))
        finally:
            self.year_combo.blockSignals(False)

    def _period_selected(self) -> None:
        self.ctx.set_period(self.year_combo.currentData(), self.quarter_combo.currentData())

    def _show_period(self, year: int, quarter: int) -> None:
        """The status bar shows the period being worked on, however it was chosen; no period change signalled."""
        if (self.year_combo.currentData(), self.quarter_combo.currentData()) == (year, quarter):
            return
        self._fill_years()
        self.quarter_combo.blockSignals(True)
        try:
            self.quarter_combo.setCurrentIndex(quarter - 1)
        finally:
            self.quarter_combo.blockSignals(False)

    def _add_role_tabs(self) -> list[RoleTab]:
        """A tab per role the person holds; a person of several roles opens on the one where work waits."""
        tabs = [RoleTab(self.ctx, grant) for grant in self.ctx.actor.grants]
        for tab in tabs:
            self.tabs.addTab(tab, tab.title)
        if len(tabs) > 1:
            self.tabs.setCurrentIndex(self._tab_with_work(tabs))
        return tabs

    def _tab_with_work(self, tabs: list[RoleTab]) -> int:
        """The role tab to open on: the first with late work, else the first with any work, else the first. The
        tabs of the person's positions come before the Tim SAKIP's, whose work any member of the team may do."""
        order = sorted(range(len(tabs)), key=lambda i: tabs[i].grant.role is Role.TIM_SAKIP)
        counts = {i: tabs[i].pending() for i in order}
        late = [i for i in order if counts[i][1]]
        waiting = [i for i in order if counts[i][0]]
        return (late or waiting or [0])[0]

    def _update_role_label(self) -> None:
        """Name the role of the tab shown; a tool tab (SOP, Pengaturan) is no role, so the last role shown stays."""
        widget = self.tabs.currentWidget()
        if isinstance(widget, RoleTab):
            self.role_label.setText(f"Peran: {widget.title}")
        elif not self.role_label.text().startswith("Peran: "):
            self.role_label.setText("")

    def _on_master_data_changed(self, what: str) -> None:
        if what == "office":
            self.profile = get_profile(self.ctx.db)
            self._set_title()
            self.office_label.setText(self.profile.office_title)
        if what == "planning":
            self._fill_years()  # a new Renstra brings new years to work on
        if what in ("units", "people", "acting", "office", "planning"):
            for tab in self.role_tabs:
                tab.refresh()

    def show_health(self) -> None:
        """A red mark in the status bar while the database takes no changes."""
        from sakip_desktop.storage.failures import read_only_message

        db = self.ctx.db
        if db.damage:
            self.health_label.setText("⚠ RUSAK")
            self.health_banner.setText(db.damage)
        elif db.read_only:
            self.health_label.setText("⚠ HANYA-BACA")
            # A kecamatan opened from the kabupaten's server data says why itself (ops.kabupaten.sources, issue 17).
            reason = getattr(db, "read_only_text", None)
            self.health_banner.setText(reason() if reason else read_only_message(db.path))
        self.health_label.setToolTip(plain_tooltip(self.health_banner.text()))
        for widget in (self.health_label, self.health_banner):
            widget.setVisible(bool(db.damage or db.read_only))

    def show_trail_problem(self, status: str) -> None:
        """The audit trail is not whole (found by the check after start): said above the tabs."""
        if self.ctx.db.damage or self.ctx.db.read_only:
            return  # the banner already says something more urgent
        self.health_banner.setText(
            f"{status} Rincian di Pengaturan › Riwayat perubahan; laporkan kepada Camat dan administrator."
        )
        self.health_banner.show()

    def open_backup(self) -> None:
        """'Cadangkan…': the backup dialog, not modal (work goes on while it copies)."""
        from ui.backup_dialog import BackupDialog

        if self.backup_dialog is not None and self.backup_dialog.isVisible():
            self.backup_dialog.raise_()
            return
        self.backup_dialog = BackupDialog(self.ctx, self)
        self.backup_dialog.show()

    def open_restore(self) -> None:
        """'Pulihkan dari cadangan…': choose and confirm; the program then swaps the file and asks for a new login."""
        self.open_restore_with(None)

    def open_restore_with(self, backup: Path | None) -> None:
        """The restore dialog with `backup` already chosen and checked (a backup file opened from Windows Explorer,
        `--restore`), or none."""
        from ui.restore_dialog import RestoreDialog, restore_sources

        if not self.ctx.actor.is_admin and not self.ctx.db.damage:  # it replaces everyone's data
            QMessageBox.information(
                self,
                "Pulihkan dari cadangan",
                "Hanya administrator yang dapat memulihkan basis data dari cadangan "
                "(kecuali bila basis data rusak). Minta administrator kantor melakukannya.",
            )
            return
        dialog = RestoreDialog(self.ctx.db_path, restore_sources(self.ctx.db), self)
        if backup is not None:
            dialog.select(backup)  # checked as any chosen file; a refusal shows in the dialog
        if dialog.exec() and dialog.chosen is not None:
            self.ctx.signals.restore_requested.emit(dialog.chosen, dialog.confirm_other_office)

    def _change_password(self) -> None:
        from ui.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx.db, self.ctx.actor, self).exec()

    def _about(self) -> None:
        from sakip_desktop.paths import app_metadata

        about = app_metadata()  # name and version as the package metadata, the frozen build and installer have them
        QMessageBox.about(
            self,
            f"Tentang {about.name}",
            f"<b>{esc(about.name)} {esc(about.version)}</b><br>Aplikasi luring untuk akuntabilitas kinerja kantor "
            f"kecamatan.<br><br>Basis data: {esc(self.ctx.db_path)}",
        )
