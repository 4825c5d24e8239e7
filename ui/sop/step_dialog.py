"""The step screen: what to do, the kelengkapan, the running timer, and finish / approve / return / pause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.sop.runs import decide_step, finish_step, pause_step, resume_step, tick_item
from sakip_desktop.ops.sop.views import StepDetail, attachment, run_timeline, step_detail
from sakip_desktop.sop.definition import ACTIONS
from ui.context import AppContext
from ui.errors import attempt, show_error
from ui.plain_text import plain_label
from ui.sop import step_texts as texts
from ui.sop.checklist import ChecklistPanel
from ui.sop.timeline_dialog import TimelineDialog
from ui.tools import ACTION_PAGES
from ui.widgets.dialogs import ReasonDialog
from ui.widgets.files import ask_open_path, open_file, temp_copy
from ui.widgets.forms import DASH, form_layout


def _wrapped(text: str = "") -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter in the rujukan field must not finish the step
    button.clicked.connect(slot)
    return button


class StepDialog(QDialog):
    """One visit of a run to a step; read-only once finished, cancelled, or for another role."""

    changed = Signal()  # the run moved or the checklist changed

    def __init__(
        self,
        ctx: AppContext,
        step_run_id: int,
        parent: QWidget | None = None,
        *,
        now: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.step_run_id, self._now = ctx, step_run_id, now
        self.detail: StepDetail | None = None
        self.editable = False
        self.next_step_run_id: int | None = None
        self._built_for: int | None = None
        self.setWindowTitle("Langkah SOP")
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_body(), 1)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#1b5e20; font-weight:bold;")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addLayout(self._build_buttons())
        self.resize(780, 600)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.refresh()

    def _build_fields(self) -> QFormLayout:
        """The step's own lines: activity, actor, standard time, timer, output, note."""
        self.banner = _wrapped()
        self.return_banner = _wrapped()  # why the run was sent back to this step: who, when, why
        self.return_banner.setStyleSheet(texts.BANNER_STYLES["returned"])
        self.return_banner.hide()
        self.activity_label = _wrapped()
        self.actor_label = _wrapped()
        self.standard_label = QLabel()
        self.timer_label = QLabel()
        self.output_label = _wrapped()
        self.note_label = _wrapped()
        form = form_layout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow("Kegiatan:", self.activity_label)
        form.addRow("Pelaksana:", self.actor_label)
        form.addRow("Waktu standar:", self.standard_label)
        form.addRow("Waktu:", self.timer_label)
        form.addRow("Output:", self.output_label)
        form.addRow("Keterangan:", self.note_label)
        return form

    def _build_body(self) -> QScrollArea:
        """The run and the step, its checklist and the notes, scrolling when the screen is small."""
        self.run_label = plain_label()
        self.run_label.setWordWrap(True)
        self.run_label.setStyleSheet("font-size:15px; font-weight:bold;")
        self.sop_label = plain_label()
        self.position_label = QLabel()
        self.position_label.setStyleSheet("font-weight:bold;")
        form = self._build_fields()
        self.checklist = ChecklistPanel(self._tick_item, self._save_link, self._attach, self._open_attachment)
        checklist_box = QGroupBox("Kelengkapan")
        QVBoxLayout(checklist_box).addWidget(self.checklist)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Catatan untuk langkah ini (ikut tersimpan saat langkah diselesaikan)")
        self.notes.setFixedHeight(64)
        body = QWidget()
        inner = QVBoxLayout(body)
        for widget in (self.run_label, self.sop_label, self.position_label, self.return_banner, self.banner):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addWidget(checklist_box)
        inner.addWidget(QLabel("Catatan:"))
        inner.addWidget(self.notes)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _build_buttons(self) -> QHBoxLayout:
        """The step's actions; which of them show depends on the step (`_show_buttons`)."""
        self.pause_button = _button("Jeda…", self._pause_or_resume)
        self.finish_button = _button("Selesai", self._finish)
        self.approve_button = _button("Setujui", self._approve)
        self.return_button = _button("Kembalikan", self._return)
        self.timeline_button = _button("Lihat alur", self._show_timeline)
        self.action_button = _button("", self._open_action)  # the program screen for this step's work
        self.action_button.hide()
        self.next_button = _button("Buka langkah berikutnya", self._open_next)
        self.close_button = _button("Tutup", self.reject)
        actions = QHBoxLayout()
        for button in (self.timeline_button, self.action_button, self.pause_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.next_button, self.return_button, self.approve_button, self.finish_button):
            actions.addWidget(button)
        actions.addWidget(self.close_button)
        return actions

    # ---- showing ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the step again and show it."""
        ok, detail = attempt(
            self, lambda: step_detail(self.ctx.db, self.step_run_id, now=self._now(), actor=self.ctx.actor)
        )
        if not ok or detail is None:
            self.timer.stop()
            return
        self.detail = detail
        self.editable = detail.run_status == "RUNNING" and detail.finished_at is None and detail.yours
        if self._built_for != detail.step_run_id:
            self.checklist.build(detail.checklist)
            self.notes.setPlainText(detail.notes)
            self._built_for = detail.step_run_id
        self.setWindowTitle(f"Langkah {detail.number} — {detail.sop_name}")
        self.run_label.setText(detail.run_title)
        self.sop_label.setText(f"SOP {detail.sop_name}")
        self.position_label.setText(texts.position_text(detail))
        returned = texts.returned_text(detail)
        self.return_banner.setVisible(returned is not None)
        self.return_banner.setText(returned or "")
        self.activity_label.setText(detail.activity or DASH)
        actor, role = detail.actor_label, detail.role.label + (f" {detail.lane_unit}" if detail.lane_unit else "")
        self.actor_label.setText(actor if actor == role else f"{actor} (peran {role})")
        self.standard_label.setText(texts.standard_text(detail.standard_label, detail.elapsed))
        self.output_label.setText(detail.output or DASH)
        self.note_label.setText(detail.note or DASH)
        self.checklist.show_items(detail.checklist, self.editable)
        self.notes.setReadOnly(not self.editable)
        if not self.editable:
            self.notes.setPlainText(detail.notes)
            self.notes.setPlaceholderText("Tidak ada catatan.")
        self._show_timer(detail)
        self._show_banner(detail)
        self._show_buttons(detail)
        running = self.editable and detail.paused_reason is None
        if running and not self.timer.isActive():
            self.timer.start()
        elif not running:
            self.timer.stop()

    def _show_timer(self, detail: StepDetail) -> None:
        self.timer_label.setText(texts.timer_text(detail))
        self.timer_label.setStyleSheet(texts.OVER_STYLE if detail.elapsed.over else "")

    def _show_banner(self, detail: StepDetail) -> None:
        run = None
        if detail.finished_at is not None:  # who finished it and why is in the run's timeline
            _ok, run = attempt(self, lambda: run_timeline(self.ctx.db, detail.run_id, now=self._now()))
        said = texts.banner(detail, self.ctx.actor, run)
        self.banner.setVisible(said is not None)
        if said is not None:
            self.banner.setText(said[0])
            self.banner.setStyleSheet(texts.BANNER_STYLES[said[1]])

    def _show_buttons(self, detail: StepDetail) -> None:
        editable, decision = self.editable, detail.is_decision
        self.pause_button.setVisible(editable)
        self.pause_button.setText("Lanjutkan" if detail.paused_reason is not None else "Jeda…")
        self.finish_button.setVisible(editable and not decision)
        self.approve_button.setVisible(editable and decision)
        self.return_button.setVisible(editable and decision)
        for button in (self.finish_button, self.approve_button):
            button.setEnabled(detail.can_finish)
            button.setToolTip("" if detail.can_finish else "Centang semua kelengkapan lebih dahulu.")
        if decision:
            self.approve_button.setText(texts.approve_text(detail))
            self.return_button.setText(f"Kembalikan → langkah {detail.return_number}…")
        self.next_button.setVisible(self.next_step_run_id is not None)
        # The program screen of the step's work, only for whom the step is (not for someone who only looks).
        label = ACTIONS.get(detail.action) if detail.action in ACTION_PAGES and editable else None
        self.action_button.setVisible(label is not None)
        self.action_button.setText(label or "")

    def _tick(self) -> None:
        try:
            detail = step_detail(self.ctx.db, self.step_run_id, now=self._now())
        except Exception as exc:  # one report, not one a second
            self.timer.stop()
            show_error(self, exc)
            return
        self._show_timer(detail)

    # ---- actions ------------------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.changed.emit()
        self.ctx.signals.work_changed.emit()

    def _do(self, action: Callable[[], object]) -> bool:
        ok, _ = attempt(self, action)
        if ok:
            self._changed()
        self.refresh()
        return ok

    def _tick_item(self, index: int, checked: bool) -> None:
        link = self.checklist.link_text(index)
        db, actor = self.ctx.db, self.ctx.actor
        self._do(lambda: tick_item(db, actor, self.step_run_id, index, checked, link=link, clock=self._now))

    def _save_link(self, index: int, link: str) -> None:
        assert self.detail is not None
        checked = self.detail.checklist[index].checked
        db, actor = self.ctx.db, self.ctx.actor
        self._do(lambda: tick_item(db, actor, self.step_run_id, index, checked, link=link, clock=self._now))

    def _attach(self, index: int) -> None:
        path = ask_open_path(self, "Lampirkan berkas kelengkapan", "Semua berkas (*)")
        if path is not None:
            self.attach_file(index, path)

    def attach_file(self, index: int, path: Path) -> bool:
        """Store a file for an item; attaching the evidence also ticks the item."""
        link = self.checklist.link_text(index)
        db, actor = self.ctx.db, self.ctx.actor

        def store() -> None:
            data = path.read_bytes()
            tick_item(
                db, actor, self.step_run_id, index, True, link=link, attachment=(path.name, data), clock=self._now
            )

        return self._do(store)

    def attachment_copy(self, index: int) -> Path | None:
        """The attached file of an item, written to a temporary file to be opened."""
        ok, found = attempt(self, lambda: attachment(self.ctx.db, self.step_run_id, index))
        if not ok or found is None:
            return None
        name, data = found
        return temp_copy(name, data, f"langkah-{self.step_run_id}-{index + 1}")

    def _open_attachment(self, index: int) -> None:
        path = self.attachment_copy(index)
        if path is not None:
            open_file(path)

    def _pause_or_resume(self) -> None:
        db, actor, step = self.ctx.db, self.ctx.actor, self.step_run_id
        if self.detail is not None and self.detail.paused_reason is not None:
            self._do(lambda: resume_step(db, actor, step, clock=self._now))
            return
        dialog = ReasonDialog(
            self.ctx,
            "Jeda langkah",
            "Mengapa langkah ini dijeda? Selama dijeda, waktunya tidak dihitung.",
            lambda reason: pause_step(db, actor, step, reason, clock=self._now),
            "Jeda",
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()
        self.refresh()

    def _finish(self) -> None:
        db, actor, notes = self.ctx.db, self.ctx.actor, self.notes.toPlainText()
        if self._do(lambda: finish_step(db, actor, self.step_run_id, notes, clock=self._now)):
            self._announce_next()

    def _approve(self) -> None:
        db, actor, notes = self.ctx.db, self.ctx.actor, self.notes.toPlainText()
        if self._do(lambda: decide_step(db, actor, self.step_run_id, True, "", notes, clock=self._now)):
            self._announce_next()

    def _return(self) -> None:
        assert self.detail is not None
        db, actor, notes, step = self.ctx.db, self.ctx.actor, self.notes.toPlainText(), self.step_run_id
        dialog = ReasonDialog(
            self.ctx,
            "Kembalikan langkah",
            f"Pekerjaan dikembalikan ke langkah {self.detail.return_number}. Tulis alasannya (wajib), "
            "agar pelaksana tahu apa yang harus diperbaiki:",
            lambda reason: decide_step(db, actor, step, False, reason, notes, clock=self._now),
            "Kembalikan",
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()
            self.refresh()
            self._announce_next()

    def _announce_next(self) -> None:
        """Say where the run went; offer the next step when it is the same person's."""
        detail = self.detail
        if detail is None:
            return
        ok, run = attempt(self, lambda: run_timeline(self.ctx.db, detail.run_id, now=self._now()))
        if not ok or run is None:
            return
        text, self.next_step_run_id = texts.next_text(run, texts.yours_waiting(self.ctx.db, run, self.ctx.actor))
        self.message.setText(text)
        self.message.show()
        self.next_button.setVisible(self.next_step_run_id is not None)

    def _open_next(self) -> None:
        if self.next_step_run_id is None:
            return
        self.step_run_id, self.next_step_run_id = self.next_step_run_id, None
        self.message.hide()
        self.refresh()

    def _open_action(self) -> None:
        """Open the program screen that does this step's work, in a window of its own."""
        detail = self.detail
        if detail is None or detail.action not in ACTION_PAGES:
            return
        ok, page = attempt(self, lambda: ACTION_PAGES[detail.action](self.ctx))
        if not ok:
            return
        if page is None:  # only ENTRY: no unit to fill in for
            QMessageBox.information(
                self,
                "Unit kerja belum diisi",
                "Akun Anda belum terhubung ke unit kerja, sehingga pengisian realisasi belum dapat dibuka. "
                "Minta administrator mengisi unit kerja Anda.",
            )
            return
        label = ACTIONS[detail.action].removeprefix("Buka ")
        dialog = QDialog(self)
        dialog.setWindowTitle(label[:1].upper() + label[1:])
        QVBoxLayout(dialog).addWidget(page)
        dialog.resize(1100, 700)
        dialog.exec()
        self.refresh()

    def _show_timeline(self) -> None:
        if self.detail is not None:
            TimelineDialog(self.ctx, self.detail.run_id, self, now=self._now, step_dialog=StepDialog).exec()
            self.refresh()
