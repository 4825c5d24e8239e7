"""The tindak lanjut dialogs: the person responsible reports progress and adds bukti; the Sekretaris or Tim sets
what, who and by when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, follow_up_detail, follow_up_evidence_file
from sakip_desktop.ops.monitoring.follow_ups import (
    DONE,
    OPEN,
    STATUS_LABELS,
    FollowUpInput,
    add_follow_up,
    add_follow_up_evidence,
    report_progress,
    update_follow_up,
)
from ui.context import AppContext
from ui.errors import attempt
from ui.monitoring._common import due_text, fill_people
from ui.plain_text import plain_label
from ui.widgets.dialogs import FormDialog
from ui.widgets.files import EvidenceList, ask_open_path
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, set_date
from ui.widgets.screen import resize_to_fit
from ui.widgets.texts import office_offset


class FollowUpDialog(FormDialog):
    """One tindak lanjut: what, who, by when; its responsible person reports status, progress and bukti."""

    def __init__(self, ctx: AppContext, follow_up_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tindak lanjut", parent)
        self.follow_up_id = follow_up_id
        self.changed = False  # bukti added: the lists behind should redraw even on "Tutup"
        detail = follow_up_detail(ctx.db, follow_up_id, ctx.today())
        f = detail.follow_up
        self.mine = ctx.actor.person_id == f.responsible_person_id
        form = form_layout()
        what = plain_label(f.action)
        what.setWordWrap(True)
        form.addRow("Tindak lanjut:", what)
        form.addRow("Penanggung jawab:", plain_label(f"{f.responsible} — {f.responsible_title}".strip(" —")))
        late = f" (terlambat {f.days_overdue} hari)" if f.overdue else ""
        due = QLabel(due_text(f.due_on) + late)
        if f.overdue:
            due.setStyleSheet("color:#b00020; font-weight:bold;")
        form.addRow("Batas waktu:", due)
        if f.indicator:
            form.addRow("Indikator:", plain_label(f.indicator))
        if f.meeting_title:
            form.addRow("Asal:", plain_label(f.meeting_title))
        self.status = QComboBox()
        fill_combo(self.status, [(label, code) for code, label in STATUS_LABELS.items()], f.status)
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.progress.setValue(f.progress)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self.note = QPlainTextEdit(f.progress_note)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.note.setPlaceholderText("Apa yang sudah dilakukan (wajib bila selesai)")
        form.addRow("Status:", self.status)
        form.addRow("Progres:", self.progress)
        form.addRow("Keterangan:", self.note)
        self.fields.update(status=self.status, progress=self.progress, progress_note=self.note)
        self.evidence = EvidenceList(ctx, read=follow_up_evidence_file, folder="tindak_lanjut")
        self.offset = office_offset(ctx)
        self.evidence.set_items(detail.evidence, self.offset)
        self.add_button = QPushButton("Tambah bukti…")
        self.add_button.clicked.connect(self.add_evidence)
        self.evidence.buttons.insertWidget(1, self.add_button)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.evidence)
        if not self.mine:
            body.addWidget(hint(f"Hanya penanggung jawab ({f.responsible}) yang dapat melaporkan tindak lanjut ini."))
            for widget in (self.status, self.progress, self.note, self.add_button):
                widget.setEnabled(False)
            self.save_button.setVisible(False)
            self.cancel_button.setText("Tutup")
        else:
            self.save_button.setText("Simpan laporan")
        self.finish_layout(body)
        resize_to_fit(self, 620, 560)

    def _status_chosen(self) -> None:
        # Choosing "Selesai" means 100%, "Belum dimulai" 0%: fill it in rather than refuse it later.
        status = self.status.currentData()
        if status == DONE:
            self.progress.setValue(100)
        elif status == OPEN:
            self.progress.setValue(0)

    def add_evidence(self, path=None) -> None:
        """Choose a file (or take `path`) and store it as bukti at once."""
        path = path or ask_open_path(self, "Pilih berkas bukti tindak lanjut", "Semua berkas (*)")
        if path is None:
            return
        ctx = self.ctx
        ok, _ = attempt(
            self, lambda: add_follow_up_evidence(ctx.db, ctx.actor, self.follow_up_id, str(path), path.read_bytes())
        )
        if ok:
            self.changed = True
            self.evidence.set_items(follow_up_detail(ctx.db, self.follow_up_id, ctx.today()).evidence, self.offset)

    def save(self) -> int:
        report_progress(
            self.ctx.db,
            self.ctx.actor,
            self.follow_up_id,
            self.status.currentData(),
            self.progress.value(),
            self.note.toPlainText(),
        )
        return self.follow_up_id


class FollowUpEditDialog(FormDialog):
    """What is to be done, by whom and by when (new, or a change while not done)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        indicators: Sequence[tuple[str, int | None]],
        follow_up: FollowUpView | None = None,
        meeting_id: int | None = None,
        recommendation_id: int | None = None,
        indicator_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Ubah tindak lanjut" if follow_up else "Tindak lanjut baru", parent)
        self.follow_up, self.meeting_id, self.recommendation_id = follow_up, meeting_id, recommendation_id
        self.action = QPlainTextEdit(follow_up.action if follow_up else "")
        self.action.setTabChangesFocus(True)
        self.action.setFixedHeight(80)
        self.person = QComboBox()
        fill_people(self.person, ctx, follow_up.responsible_person_id if follow_up else None, empty="(pilih)")
        self.due = date_edit()
        set_date(self.due, follow_up.due_on if follow_up else ctx.today() + dt.timedelta(days=30))
        self.indicator = QComboBox()
        fill_combo(
            self.indicator, [("(umum)", None), *indicators], follow_up.indicator_id if follow_up else indicator_id
        )
        form = form_layout()
        form.addRow("Tindak lanjut:", self.action)
        form.addRow("Penanggung jawab:", self.person)
        form.addRow("Batas waktu:", self.due)
        form.addRow("Indikator:", self.indicator)
        self.fields.update(
            action=self.action, responsible_person_id=self.person, due_on=self.due, indicator_id=self.indicator
        )
        self.finish_layout(form)
        resize_to_fit(self, 560, 300)
        self.action.setFocus()

    def save(self) -> int:
        data = FollowUpInput(
            self.action.toPlainText(), self.person.currentData(), date_of(self.due), self.indicator.currentData()
        )
        ctx = self.ctx
        if self.follow_up is not None:
            update_follow_up(ctx.db, ctx.actor, self.follow_up.id, data)
            return self.follow_up.id
        return add_follow_up(
            ctx.db, ctx.actor, data, meeting_id=self.meeting_id, recommendation_id=self.recommendation_id
        )
