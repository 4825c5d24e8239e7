"""'Menunggu Anda': the SOP steps waiting for one role, oldest first, each with its run's period; overdue ones and
those a return brought back marked. Opening a step sets the period being worked on to its run's."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.first_reads import step_periods
from sakip_desktop.ops.sop.views import InboxItem, inbox
from ui.context import AppContext
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table


@dataclass(frozen=True)
class WaitingStep:
    """A step of the SOP inbox with its run's period."""

    step: InboxItem
    year: int
    quarter: int | None

    @property
    def period(self) -> str:
        """'TW III 2025' or '2025'."""
        return f"{quarter_label(self.quarter)} {self.year}" if self.quarter else str(self.year)

    @property
    def returned(self) -> bool:
        """The step is to be done again: a later step returned it for revision (`InboxItem.returned` says how)."""
        return self.step.returned is not None


def waiting_steps(items: list[InboxItem], periods: dict[int, tuple[int, int | None]]) -> list[WaitingStep]:
    """The inbox's steps with their periods (a step closed since the inbox was read is left out)."""
    return [WaitingStep(i, *periods[i.step_run_id]) for i in items if i.step_run_id in periods]


def _state(w: WaitingStep) -> str:
    item = w.step
    parts = ["↩ Dikembalikan"] if w.returned else []
    if item.paused:
        parts.append("Dijeda")
    elif item.overdue:
        parts.append("⚠ Melebihi standar")
    return ", ".join(parts) or "Berjalan"


def _state_tip(w: WaitingStep) -> str:
    return w.step.returned.text if w.step.returned is not None else ""


def _started(w: WaitingStep) -> str:
    return f"{formats.long_date(w.step.started_at.date())} {w.step.started_at:%H.%M}"


def _mark(w: WaitingStep) -> str | None:
    return LATE_COLOUR if w.step.overdue else None


COLUMNS = [
    Column[WaitingStep]("Langkah", lambda w: f"{w.step.step_number}. {w.step.activity}", width=360, background=_mark),
    Column[WaitingStep](
        "Pelaksanaan SOP", lambda w: w.step.run_title, tooltip=lambda w: w.step.sop_name, width=280, background=_mark
    ),
    Column[WaitingStep]("Periode", lambda w: w.period, width=95, background=_mark),
    Column[WaitingStep]("Peran", lambda w: w.step.role.label, width=120, background=_mark),
    Column[WaitingStep]("Mulai", _started, width=160, background=_mark),
    Column[WaitingStep]("Berjalan", lambda w: w.step.elapsed.label(), width=110, background=_mark),
    Column[WaitingStep]("Keadaan", _state, tooltip=_state_tip, width=170, background=_mark),
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
        items = waiting_steps(inbox(self.ctx.db, self.ctx.actor, role=self.grant.role), step_periods(self.ctx.db))
        self.model.set_rows(items)
        self.stack.setCurrentWidget(self.view if items else self.empty)
        overdue = sum(1 for i in items if i.step.overdue)
        returned = sum(1 for i in items if i.returned)
        notes = ([f"{returned} dikembalikan untuk diperbaiki"] if returned else []) + (
            [f"{overdue} melebihi waktu standar"] if overdue else []
        )
        self.summary.setText(f"{len(items)} langkah menunggu" + (", " + ", ".join(notes) if notes else "") + ".")
        self.summary.setStyleSheet("color:#b00020; font-weight:bold;" if overdue else "")
        self.summary.setVisible(bool(items))

    def items(self) -> list[InboxItem]:
        """The steps shown, in model order."""
        return [w.step for w in self.model.rows()]

    def steps(self) -> list[WaitingStep]:
        """The steps shown with their period and return, in model order."""
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
            self.ctx.set_period(item.year, item.quarter or self.ctx.quarter)  # the tools follow the step's period
            self.open_step(item.step.step_run_id)

    def open_step(self, step_run_id: int) -> None:
        """Open the step screen; afterwards every inbox redraws."""
        from ui.sop.step_dialog import StepDialog

        StepDialog(self.ctx, step_run_id, self).exec()
        self.ctx.signals.work_changed.emit()
