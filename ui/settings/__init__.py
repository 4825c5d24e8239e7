"""Pengaturan: the administrator's master data and settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QScrollArea, QStackedWidget, QWidget

from ui.context import AppContext


class PageList(QWidget):
    """Pages chosen from a list on the left: every title readable at 768 px (rotated tabs hid the last ones behind
    scroll arrows). Each page scrolls when it is taller than the room. Offers the calls of a QTabWidget."""

    currentChanged = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget::item { padding: 5px 8px; }")  # rows as easy to hit as tabs
        self.stack = QStackedWidget()
        self.pages: list[QWidget] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self._row_changed)

    def addTab(self, page: QWidget, title: str) -> int:
        """Add a page at the end of the list."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.pages.append(page)
        self.stack.addWidget(scroll)
        self.list.addItem(title)
        width = max(self.list.sizeHintForColumn(0), 120) + 2 * self.list.frameWidth() + 16
        self.list.setFixedWidth(width)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        return len(self.pages) - 1

    def count(self) -> int:
        return len(self.pages)

    def tabText(self, index: int) -> str:
        item = self.list.item(index)
        return item.text() if item is not None else ""

    def widget(self, index: int) -> QWidget | None:
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def indexOf(self, page: QWidget) -> int:
        return next((i for i, p in enumerate(self.pages) if p is page), -1)

    def currentIndex(self) -> int:
        return self.list.currentRow()

    def currentWidget(self) -> QWidget | None:
        return self.widget(self.currentIndex())

    def setCurrentIndex(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(page))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.currentChanged.emit(row)


class SettingsTab(PageList):
    """One page per kind of master data; built when first shown, so an administrator's start-up does not pay."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.built = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.build()

    def build(self) -> None:
        """Create the pages (once)."""
        if self.built:
            return
        self.built = True
        ctx = self.ctx
        from ui.agreement.settings_page import AgreementSettingsPage
        from ui.planning.scales_page import ScalesPage
        from ui.settings.acting_page import ActingPage
        from ui.settings.audit_page import AuditPage
        from ui.settings.bands_page import BandsPage
        from ui.settings.database_page import DatabasePage
        from ui.settings.general_page import GeneralPage
        from ui.settings.letters_page import LettersSettingsPage
        from ui.settings.office_page import OfficePage
        from ui.settings.people_page import PeoplePage
        from ui.settings.permissions_page import PermissionsPage
        from ui.settings.units_page import UnitsPage
        from ui.sop.days_off_page import DaysOffPage

        self.office_page = OfficePage(ctx)
        self.units_page = UnitsPage(ctx)
        self.people_page = PeoplePage(ctx)
        self.acting_page = ActingPage(ctx)
        self.general_page = GeneralPage(ctx)
        self.days_off_page = DaysOffPage(ctx)
        self.bands_page = BandsPage(ctx)
        self.scales_page = ScalesPage(ctx)
        self.agreement_page = AgreementSettingsPage(ctx)
        self.letters_page = LettersSettingsPage(ctx)
        self.database_page = DatabasePage(ctx)
        self.audit_page = AuditPage(ctx)
        self.addTab(self.office_page, "Profil kantor")
        self.addTab(self.units_page, "Unit kerja")
        from ui.settings.desa_page import DesaPage  # desa helper (issue 15 §3)

        self.desa_page = DesaPage(ctx)
        self.addTab(self.desa_page, "Desa/kelurahan")
        self.addTab(self.people_page, "Pegawai")
        self.addTab(self.acting_page, "Plt./Plh.")
        self.permissions_page = PermissionsPage(ctx)
        self.addTab(self.permissions_page, "Hak akses")
        self.addTab(self.general_page, "Umum")
        self.addTab(self.days_off_page, "Hari libur")
        self.addTab(self.bands_page, "Kategori capaian")
        self.addTab(self.scales_page, "Skala kualitatif")
        self.addTab(self.agreement_page, "Perjanjian Kinerja")
        self.addTab(self.letters_page, "Surat keluar")
        self.addTab(self.database_page, "Basis data")
        self.addTab(self.audit_page, "Riwayat perubahan")
        self.currentChanged.connect(self._on_page)

    def _on_page(self, index: int) -> None:
        page = self.widget(index)
        if page is self.audit_page:
            self.audit_page.refresh()
