"""'Menunggu Anda': the SOP steps waiting for one role, overdue ones marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.sop.views import InboxItem, inbox
from ui.context import AppContext
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table


def _state(item: InboxItem) -> str:
    if item.paused:
        return "Dijeda"
    if item.overdue:
        return "⚠ Melebihi standar"
    return "Berjalan"


def _started(item: InboxItem) -> str:
    return f"{formats.long_date(item.started_at.date())} {item.started_at:%H.%M}"


def _mark(item: InboxItem) -> str | None:
    return LATE_COLOUR if item.overdue else None


COLUMNS = [
    Column[InboxItem]("Langkah", lambda i: f"{i.step_number}. {i.activity}", width=380, background=_mark),
    Column[InboxItem](
        "Pelaksanaan SOP", lambda i: f"{i.run_title}", tooltip=lambda i: i.sop_name, width=300, background=_mark
    ),
    Column[InboxItem]("Peran", lambda i: i.role.label, width=130, background=_mark),
    Column[InboxItem]("Mulai", _started, width=170, background=_mark),
    Column[InboxItem]("Berjalan", lambda i: i.elapsed.label(), width=120, background=_mark),
    Column[InboxItem]("Keadaan", _state, width=140, background=_mark),
]


class InboxPanel(QWidget):
    """The steps waiting for one role; double-click (or Enter) opens the step screen."""

    def __init__(self, ctx: AppContext, grant: RoleGrant, empty_text: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant
        self.model = RecordTableModel(COLUMNS, self)
        self.view = make_table(self.model, COLUMNS, 0, sortable=False, striped=False)  # rows marked late
        self.view.activated.connect(self._open)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#555; padding:12px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack)
        # Running timers change as time passes: redraw once a minute while shown.
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self.refresh)

    def refresh(self) -> None:
        """Read the waiting steps again."""
        items = inbox(self.ctx.db, self.ctx.actor, role=self.grant.role)
        self.model.set_rows(items)
        self.stack.setCurrentWidget(self.view if items else self.empty)
        overdue = sum(1 for i in items if i.overdue)
        self.summary.setText(
            f"{len(items)} langkah menunggu" + (f", {overdue} melebihi waktu standar." if overdue else ".")
            if items
            else ""
        )
        self.summary.setStyleSheet("color:#b00020; font-weight:bold;" if overdue else "")
        self.summary.setVisible(bool(items))

    def items(self) -> list[InboxItem]:
        """The items shown, in model order."""
        return self.model.rows()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._tick.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._tick.stop()

    def _open(self, index: QModelIndex) -> None:
        item = index.data(RECORD_ROLE)
        if item is not None:
            self.open_step(item.step_run_id)

    def open_step(self, step_run_id: int) -> None:
        """Open the step screen; afterwards every inbox redraws."""
        from ui.sop.step_dialog import StepDialog

        StepDialog(self.ctx, step_run_id, self).exec()
        self.ctx.signals.work_changed.emit()
