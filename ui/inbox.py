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


def _step_tip(w: WaitingStep) -> str:
    return f"{w.step.step_number}. {w.step.activity}\nSOP: {w.step.sop_name}\n{w.step.run_title}"


# The step's text takes the spare width (issue 13: it was cut on the Camat's tab); the other columns are as narrow as
# their usual text, wrapping the rest, and every cell that can be long names itself whole in its tooltip.
COLUMNS = [
    Column[WaitingStep](
        "Langkah", lambda w: f"{w.step.step_number}. {w.step.activity}", tooltip=_step_tip, background=_mark
    ),
    Column[WaitingStep](
        "Pelaksanaan SOP",
        lambda w: w.step.run_title,
        tooltip=lambda w: f"{w.step.run_title}\nSOP: {w.step.sop_name}",
        width=230,
        background=_mark,
    ),
    Column[WaitingStep]("Periode", lambda w: w.period, width=85, background=_mark),
    Column[WaitingStep]("Peran", lambda w: w.step.role.label, tooltip=lambda w: w.step.role.label, width=110,
                        background=_mark),
    Column[WaitingStep]("Mulai", _started, tooltip=_started, width=160, background=_mark),
    Column[WaitingStep]("Berjalan", lambda w: w.step.elapsed.label(), width=95, background=_mark),
    Column[WaitingStep]("Keadaan", _state, tooltip=_state_tip, width=140, background=_mark),
]  # fmt: skip
# How many rows the table shows before it scrolls itself (below that, "Menunggu Anda" as a whole scrolls).
SHOWN_ROWS = 4


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
        self._fit_height()
        overdue = sum(1 for i in items if i.step.overdue)
        returned = sum(1 for i in items if i.returned)
        notes = ([f"{returned} dikembalikan untuk diperbaiki"] if returned else []) + (
            [f"{overdue} melebihi waktu standar"] if overdue else []
        )
        self.summary.setText(f"{len(items)} langkah menunggu" + (", " + ", ".join(notes) if notes else "") + ".")
        self.summary.setStyleSheet("color:#b00020; font-weight:bold;" if overdue else "")
        self.summary.setVisible(bool(items))

    def _fit_height(self) -> None:
        """The table as tall as its first `SHOWN_ROWS` rows once they have their wrapped height: a row is read
        whole or scrolled to as a whole, never cut at the bottom of the table."""
        self.view.resizeRowsToContents()
        rows = sum(self.view.rowHeight(r) for r in range(min(self.model.rowCount(), SHOWN_ROWS)))
        header = self.view.horizontalHeader().sizeHint().height()
        self.view.setMinimumHeight(header + rows + 2 * self.view.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_height)  # after the table's own rows took their new wrapped height

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
