"""The part of "Menunggu Anda" above the SOP steps: the realisasi, rekomendasi and PKs waiting for the role in every
open period (not only the one chosen in the status bar), oldest first, each a link-like button that opens the tool
tab that handles it on that item's period; for the Camat also the role and Plt./Plh. changes he has not yet
acknowledged, whose button opens their list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.backup_status import BACKUP_TOOL, backup_reminder
from sakip_desktop.ops.home.waiting_work import ROLE_CHANGES_TOOL, WorkItem, waiting_work
from ui.context import AppContext
from ui.widgets.layouts import discard

_LINK_STYLE = (
    "QPushButton { text-align:left; border:none; padding:2px 4px; color:#0b57d0; font-weight:bold; }"
    "QPushButton:hover, QPushButton:focus { text-decoration:underline; background:#eef3fd; }"
)


class WaitingWorkPanel(QWidget):
    """One button per kind of work and period; hidden while nothing waits. `open_work` gives the tool tab's title
    and the period to open it on (year, quarter; 0 for none)."""

    open_work = Signal(str, int, int)

    def __init__(self, ctx: AppContext, grant: RoleGrant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant
        self._items: list[WorkItem] = []
        self.buttons: list[QPushButton] = []
        # In two columns when they fit side by side: the SOP steps under them keep their room (issue 13).
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 4)
        self._layout.setSpacing(0)
        self.columns = 1
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(False)

    def refresh(self) -> None:
        """Read what waits again (whatever period the status bar shows)."""
        ctx = self.ctx
        self._items = waiting_work(ctx.db, self.grant, ctx.actor.person_id, ctx.today())
        if self._reminds_backup():
            reminder = backup_reminder(ctx.db)
            if reminder is not None:
                self._items.append(WorkItem(reminder[0], BACKUP_TOOL, reminder[1]))
        for button in self.buttons:
            self._layout.removeWidget(button)
            discard(button)
        self.buttons = []
        for item in self._items:
            button = QPushButton(f"▸ {item.text}  → {item.tool}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(_LINK_STYLE)
            if item.tool == BACKUP_TOOL:
                button.setToolTip("Simpan salinan basis data ke flash disk")
                button.clicked.connect(self.open_backup)
            elif item.tool == ROLE_CHANGES_TOOL:
                button.setToolTip("Lihat siapa memberi siapa peran apa, lalu tandai sudah diketahui")
                button.clicked.connect(self.show_role_changes)
            else:
                button.setToolTip(f"Buka '{item.tool}' pada {item.period}" if item.period else f"Buka '{item.tool}'")
                button.clicked.connect(lambda _=False, i=item: self.open_work.emit(i.tool, i.year or 0, i.quarter or 0))
            self.buttons.append(button)
        self._place(self._columns_fitting(self.width()))
        self.setVisible(bool(self._items))

    def _columns_fitting(self, width: int) -> int:
        """Two when there are more than two links and both columns fit side by side in `width`, else one."""
        if len(self.buttons) <= 2:
            return 1
        rows = -(-len(self.buttons) // 2)
        widths = [b.sizeHint().width() for b in self.buttons]
        return 2 if max(widths[:rows]) + max(widths[rows:]) + 24 <= width else 1

    def _place(self, columns: int) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
        rows = -(-len(self.buttons) // columns)
        for i, button in enumerate(self.buttons):  # down the first column, then the second: oldest first
            self._layout.addWidget(button, i % rows, i // rows, Qt.AlignmentFlag.AlignLeft)
        for column in range(2):
            self._layout.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = self._columns_fitting(event.size().width())
        if columns != self.columns:
            self._place(columns)

    def _reminds_backup(self) -> bool:
        """The Camat's tab, and an administrator's first tab (unless he is the Camat: then that tab), on an office
        file that can be written."""
        actor, db = self.ctx.actor, self.ctx.db
        if not db.is_file or db.read_only:  # a server's backups are the server's; a read-only file takes none
            return False
        if self.grant.role is Role.CAMAT:
            return True
        return actor.is_admin and not actor.has(Role.CAMAT) and bool(actor.grants) and self.grant is actor.grants[0]

    def open_backup(self) -> None:
        """The backup dialog, not modal."""
        from ui.backup_dialog import BackupDialog  # not part of the first screen

        self.backup_dialog = BackupDialog(self.ctx, self.window())
        self.backup_dialog.finished_backup.connect(lambda _result: self.refresh())
        self.backup_dialog.show()

    def show_role_changes(self) -> None:
        """The Camat's list of role and Plt./Plh. changes, where he acknowledges them."""
        from ui.role_changes import RoleChangesDialog  # not part of the first screen

        RoleChangesDialog(self.ctx, self).exec()

    def items(self) -> list[WorkItem]:
        """The items shown, in order."""
        return list(self._items)
