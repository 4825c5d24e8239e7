"""The main window: a tab per role the person holds, plus Pengaturan for administrators."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from sakip_desktop import __version__
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.office import OfficeProfile, get_profile
from sakip_desktop.ops.overview import plan_years
from ui.context import AppContext
from ui.role_tab import RoleTab


class MainWindow(QMainWindow):
    """Composition root of one logged-in session; holds no business logic."""

    switch_user_requested = Signal()

    def __init__(self, ctx: AppContext, profile: OfficeProfile, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile = profile
        self._set_title()
        self.resize(1180, 760)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.role_tabs: list[RoleTab] = []
        for grant in ctx.actor.grants:
            tab = RoleTab(ctx, grant)
            self.role_tabs.append(tab)
            self.tabs.addTab(tab, tab.title)
        from ui.sop_tab import SopTab

        self.sop_tab = SopTab(ctx)
        self.tabs.addTab(self.sop_tab, "SOP")
        self.settings_tab: QWidget | None = None
        if ctx.actor.is_admin:
            from ui.settings import SettingsTab

            self.settings_tab = SettingsTab(ctx)
            self.tabs.addTab(self.settings_tab, "Pengaturan")
        if not self.role_tabs:
            note = QLabel(
                "Akun Anda belum memiliki peran. Minta administrator menambahkan peran Anda di Pengaturan › Pegawai."
            )
            note.setWordWrap(True)
            self.tabs.insertTab(0, note, "Tanpa peran")
            self.tabs.setCurrentIndex(0)
        self.setCentralWidget(self.tabs)
        self._build_menu()
        self._build_status_bar()
        self.tabs.currentChanged.connect(self._update_role_label)
        ctx.signals.master_data_changed.connect(self._on_master_data_changed)
        self._update_role_label()

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
        menu.addAction(switch)
        menu.addAction(password)
        menu.addSeparator()
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("Ban&tuan")
        about = QAction("&Tentang SAKIP Desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.switch_user_action = switch

    def _build_status_bar(self) -> None:
        ctx, bar = self.ctx, self.statusBar()
        self.office_label = QLabel(self.profile.office_title)
        self.user_label = QLabel(ctx.actor.name)
        self.role_label = QLabel()
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
        self.db_label = QLabel(f"Basis data: {ctx.db_path}")
        self.db_label.setToolTip(str(ctx.db_path))
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

    def _update_role_label(self) -> None:
        widget = self.tabs.currentWidget()
        title = widget.title if isinstance(widget, RoleTab) else self.tabs.tabText(self.tabs.currentIndex())
        self.role_label.setText(f"Peran: {title}")

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

    def _change_password(self) -> None:
        from ui.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "Tentang SAKIP Desktop",
            f"<b>SAKIP Desktop {__version__}</b><br>Aplikasi luring untuk akuntabilitas kinerja kantor "
            f"kecamatan.<br><br>Basis data: {self.ctx.db_path}",
        )
