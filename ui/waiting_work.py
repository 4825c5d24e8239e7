"""The part of "Menunggu Anda" above the SOP steps: the realisasi, rekomendasi and PKs waiting for the role in the
period being worked on, each a link-like button to the tool tab that handles it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.waiting_work import WorkItem, waiting_work
from ui.context import AppContext

_LINK_STYLE = (
    "QPushButton { text-align:left; border:none; padding:2px 4px; color:#0b57d0; font-weight:bold; }"
    "QPushButton:hover, QPushButton:focus { text-decoration:underline; background:#eef3fd; }"
)


class WaitingWorkPanel(QWidget):
    """One button per kind of work waiting; hidden while nothing waits. `open_tool` gives the tool tab's title."""

    open_tool = Signal(str)

    def __init__(self, ctx: AppContext, grant: RoleGrant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant
        self._items: list[WorkItem] = []
        self.buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 4)
        self._layout.setSpacing(0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(False)

    def refresh(self) -> None:
        """Read what waits again, for ctx.year / ctx.quarter."""
        ctx = self.ctx
        self._items = waiting_work(ctx.db, self.grant, ctx.actor.person_id, ctx.year, ctx.quarter)
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for item in self._items:
            button = QPushButton(f"▸ {item.text}  → {item.tool}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(_LINK_STYLE)
            button.setToolTip(f"Buka '{item.tool}'")
            button.clicked.connect(lambda _=False, tool=item.tool: self.open_tool.emit(tool))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(self._items))

    def items(self) -> list[WorkItem]:
        """The items shown, in order."""
        return list(self._items)
