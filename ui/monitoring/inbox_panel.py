"""The tindak lanjut part of "Menunggu Anda": one's own until done (in the tab of one's position) and, in the
Camat's tab, every overdue one. Double-click (or Enter) opens the tindak lanjut."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, follow_ups_for, overdue_follow_ups
from ui.context import AppContext
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table


def _late(f: FollowUpView) -> str | None:
    return LATE_COLOUR if f.overdue else None


def _state(f: FollowUpView) -> str:
    return f"⚠ Terlambat {f.days_overdue} hari" if f.overdue else f.status_label


COLUMNS = [
    Column[FollowUpView]("Tindak lanjut", lambda f: f.action, tooltip=lambda f: f.indicator, background=_late),
    Column[FollowUpView]("Penanggung jawab", lambda f: f.responsible, width=200, background=_late),
    Column[FollowUpView](
        "Batas waktu", lambda f: formats.long_date(f.due_on), lambda f: f.due_on, width=140, background=_late
    ),
    Column[FollowUpView]("Progres", lambda f: f"{f.progress}%", lambda f: f.progress, True, width=70, background=_late),
    Column[FollowUpView]("Keadaan", _state, width=150, background=_late),
    Column[FollowUpView]("Asal", lambda f: f.meeting_title, width=260, background=_late),
]


def own_tab(grants: Sequence[RoleGrant]) -> RoleGrant | None:
    """The tab where a person's own tindak lanjut wait: that of their position (the Tim SAKIP is a team one
    joins beside it), the first in the main window's order."""
    positions = [g for g in grants if g.role is not Role.TIM_SAKIP]
    chosen = positions or list(grants)
    return chosen[0] if chosen else None


class FollowUpPanel(QWidget):
    """A small table under the SOP steps; hidden while nothing waits."""

    def __init__(self, ctx: AppContext, grant: RoleGrant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant
        self.own = own_tab(ctx.actor.grants) == grant
        self.watch_overdue = grant.role is Role.CAMAT
        self.model = RecordTableModel(COLUMNS, self)
        self.view = make_table(self.model, COLUMNS, 0)
        self.view.activated.connect(self._open)
        self.title = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.setVisible(False)

    def refresh(self) -> None:
        """Read the tindak lanjut again."""
        if not (self.own or self.watch_overdue):
            return
        today = self.ctx.today()
        items: dict[int, FollowUpView] = {}
        if self.watch_overdue:
            items.update((f.id, f) for f in overdue_follow_ups(self.ctx.db, today))
        if self.own:
            items.update((f.id, f) for f in follow_ups_for(self.ctx.db, self.ctx.actor.person_id, today))
        rows = sorted(items.values(), key=lambda f: (f.due_on, f.id))
        self.model.set_rows(rows)
        late = sum(1 for f in rows if f.overdue)
        self.title.setText(
            f"<b>Tindak lanjut</b> — {len(rows)} belum selesai" + (f", {late} melewati batas waktu." if late else ".")
        )
        self.title.setStyleSheet("color:#b00020;" if late else "")
        self.setVisible(bool(rows))

    def items(self) -> list[FollowUpView]:
        """The tindak lanjut shown, in model order."""
        return self.model.rows()

    def _open(self, index: QModelIndex) -> None:
        item = index.data(RECORD_ROLE)
        if item is not None:
            self.open_follow_up(item.id)

    def open_follow_up(self, follow_up_id: int) -> None:
        """Open the tindak lanjut; afterwards every inbox redraws."""
        from ui.monitoring.follow_up_dialog import FollowUpDialog

        dialog = FollowUpDialog(self.ctx, follow_up_id, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.ctx.signals.work_changed.emit()
