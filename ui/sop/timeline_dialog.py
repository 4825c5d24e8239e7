"""A run's alur: every visit to a step in order, loops included, with real against standard times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.sop.runs import cancel_run
from sakip_desktop.ops.sop.views import OUTCOME_LABELS, RunView, TimelineEntry, run_timeline
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.colours import LATE_COLOUR, OPEN_COLOUR
from ui.widgets.dialogs import ReasonDialog
from ui.widgets.forms import DASH, form_layout, hint
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table, marked
from ui.widgets.texts import period_text, short_when, when


def _colour(entry: TimelineEntry) -> str | None:
    if entry.elapsed.over:
        return LATE_COLOUR
    return OPEN_COLOUR if entry.finished_at is None else None


def _outcome(entry: TimelineEntry) -> str:
    if entry.finished_at is None:
        return "Sedang dikerjakan"
    return OUTCOME_LABELS.get(entry.outcome, entry.outcome)


def _remarks(entry: TimelineEntry) -> str:
    parts = [p for p in (entry.reason, entry.notes) if p]
    return " · ".join(parts) or DASH


def _took(entry: TimelineEntry) -> str:
    text = entry.elapsed.label()
    return f"⚠ {text}" if entry.elapsed.over else text


def _took_tip(entry: TimelineEntry) -> str:
    return "Melebihi waktu standar" if entry.elapsed.over else "Dalam waktu standar"


COLUMNS = marked(
    [
        Column[TimelineEntry]("No", lambda e: e.number, sort_key=lambda e: e.position, align_right=True, width=34),
        Column[TimelineEntry]("Kegiatan", lambda e: e.activity, tooltip=lambda e: e.activity, width=250),
        Column[TimelineEntry]("Peran", lambda e: e.role.label, width=105),
        Column[TimelineEntry]("Kunjungan", lambda e: f"ke-{e.visit}" if e.visit > 1 else "", width=75),
        Column[TimelineEntry]("Mulai", lambda e: short_when(e.started_at), sort_key=lambda e: e.started_at, width=92),
        Column[TimelineEntry]("Selesai", lambda e: short_when(e.finished_at), width=92),
        Column[TimelineEntry]("Oleh", lambda e: e.finished_by or DASH, width=150),
        Column[TimelineEntry]("Waktu nyata", _took, tooltip=_took_tip, width=100),
        Column[TimelineEntry]("Standar", lambda e: e.standard_label, width=72),
        Column[TimelineEntry]("Hasil", _outcome, width=100),
        Column[TimelineEntry]("Alasan/Catatan", _remarks, tooltip=_remarks, width=180),
    ],
    _colour,
)
STRETCH = len(COLUMNS) - 1  # the reasons take the spare width


class StepWindow(Protocol):
    """Makes the window of one step (the step dialog); its `changed` says the run moved."""

    def __call__(
        self, ctx: AppContext, step_run_id: int, parent: QWidget | None = None, *, now: Callable[[], dt.datetime]
    ) -> StepWindowDialog: ...


class StepWindowDialog(Protocol):
    changed: SignalInstance

    def exec(self) -> int: ...


class TimelineDialog(QDialog):
    """The run header and its timeline; the role that started a run may cancel it."""

    changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        run_id: int,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = utcnow,
        step_dialog: StepWindow | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.run_id, self._now = ctx, run_id, now
        # What a double-click on a step opens (ui/sop/step_dialog.py's StepDialog, handed in by whoever shows
        # the timeline: the step dialog depends on the timeline, never the other way round). None: nothing.
        self._step_dialog = step_dialog
        self.run: RunView | None = None
        self.setWindowTitle("Alur pelaksanaan SOP")
        self.title_label = plain_label()
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size:15px; font-weight:bold;")
        self.sop_label, self.status_label, self.started_label, self.end_label = (plain_label() for _ in range(4))
        self.end_label.setWordWrap(True)
        self.end_caption = QLabel("Berakhir:")
        form = form_layout()
        form.addRow("SOP:", self.sop_label)
        form.addRow("Status:", self.status_label)
        form.addRow("Dimulai:", self.started_label)
        form.addRow(self.end_caption, self.end_label)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, STRETCH)
        self.table.doubleClicked.connect(self._open_step)
        self.cancel_button = QPushButton("Batalkan pelaksanaan…")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self._cancel)
        close = QPushButton("Tutup")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(
            hint(
                "Urutan langkah sebagaimana dikerjakan; langkah yang diulang karena dikembalikan tampil lagi "
                "sebagai kunjungan berikutnya. Merah: melebihi waktu standar. Klik dua kali untuk melihat langkah."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1240, 600)
        self.refresh()

    def refresh(self) -> None:
        """Read the run again."""
        ok, run = attempt(self, lambda: run_timeline(self.ctx.db, self.run_id, now=self._now()))
        if not ok or run is None:
            return
        self.run = run
        self.title_label.setText(run.title)
        self.sop_label.setText(f"{run.sop_name} (versi {run.version}) · {period_text(run.year, run.quarter)}")
        returns = f", dikembalikan {run.returns} kali" if run.returns else ""
        self.status_label.setText(f"{run.status_label}{returns}")
        self.started_label.setText(f"{when(run.started_at)} oleh {run.started_by}")
        ended = run.finished_at is not None
        self.end_caption.setText("Dibatalkan:" if run.status == "CANCELLED" else "Selesai:")
        end = when(run.finished_at)
        if run.cancel_reason:
            end += f" — alasan: {run.cancel_reason}"
        self.end_label.setText(end)
        self.end_caption.setVisible(ended)
        self.end_label.setVisible(ended)
        self.model.set_rows(run.entries)
        self.cancel_button.setVisible(run.status == "RUNNING" and self._may_cancel(run))

    def _may_cancel(self, run: RunView) -> bool:
        # Only the role that started the run may cancel it (the core checks it too).
        return self.ctx.actor.has(run.started_role)

    def _cancel(self) -> None:
        db, actor, run_id = self.ctx.db, self.ctx.actor, self.run_id
        dialog = ReasonDialog(
            self.ctx,
            "Batalkan pelaksanaan",
            "Pelaksanaan yang dibatalkan tidak dapat dilanjutkan lagi; riwayatnya tetap tersimpan. "
            "Tulis alasan pembatalan (wajib):",
            lambda reason: cancel_run(db, actor, run_id, reason, clock=self._now),
            "Batalkan pelaksanaan",
            self,
        )
        dialog.cancel_button.setText("Tidak jadi")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()
            self.ctx.signals.work_changed.emit()
        self.refresh()

    def _open_step(self, index: QModelIndex) -> None:
        entry = index.data(RECORD_ROLE)
        if entry is None or self._step_dialog is None:
            return
        dialog = self._step_dialog(self.ctx, entry.step_run_id, self, now=self._now)
        dialog.changed.connect(self.changed.emit)
        dialog.exec()
        self.refresh()

    def entries(self) -> list[TimelineEntry]:
        """The entries shown, in model order."""
        return self.model.rows()
