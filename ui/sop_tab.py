"""The 'SOP' tab of the main window: the office's SOPs and their runs, and how well they are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget

from ui.context import AppContext
from ui.tools import SOP_COMPLIANCE_READERS

if TYPE_CHECKING:  # imported when the tab is first shown
    from ui.sop.compliance_page import CompliancePage
    from ui.sop.library_page import SopLibraryPage


class SopTab(QTabWidget):
    """Built when first shown, so start-up does not pay for it."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.library: SopLibraryPage | None = None
        self.compliance: CompliancePage | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.library is None:
            self.build()

    def build(self) -> None:
        """Create the pages."""
        from ui.sop.library_page import SopLibraryPage

        self.library = SopLibraryPage(self.ctx)
        self.addTab(self.library, "Daftar SOP dan pelaksanaan")
        if self.ctx.actor.may(SOP_COMPLIANCE_READERS):
            from ui.sop.compliance_page import CompliancePage

            self.compliance = CompliancePage(self.ctx)
            self.addTab(self.compliance, "Kepatuhan SOP")
