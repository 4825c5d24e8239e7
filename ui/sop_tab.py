"""The 'SOP' tab of the main window: the office's SOPs and their runs, and how well they are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from sakip_desktop.domain.roles import ADMIN, Role
from ui.context import AppContext

# Who sees the compliance view: the people who evaluate the office's SOPs.
COMPLIANCE_ROLES = (
    ADMIN,
    Role.CAMAT.value,
    Role.SEKRETARIS.value,
    Role.KASUBAG_PERENCANAAN.value,
    Role.TIM_SAKIP.value,
)


class SopTab(QTabWidget):
    """Built when first shown, so start-up does not pay for it."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.library = None
        self.compliance = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.library is None:
            self.build()

    def build(self) -> None:
        """Create the pages."""
        from ui.sop.library_page import SopLibraryPage

        self.library = SopLibraryPage(self.ctx)
        self.addTab(self.library, "Daftar SOP dan pelaksanaan")
        if self.ctx.actor.may(COMPLIANCE_ROLES):
            from ui.sop.compliance_page import CompliancePage

            self.compliance = CompliancePage(self.ctx)
            self.addTab(self.compliance, "Kepatuhan SOP")
