"""The LHE dialogs: the letter (evaluator, number, date, year evaluated, score, predikat), a rekomendasi's text,
and a RATL (what, who, by when: a tindak lanjut of the rekomendasi, `ops.monitoring.follow_ups`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from sakip_desktop.ops.lhe.edit import LheInput, save_lhe, save_recommendation
from sakip_desktop.ops.lhe.rules import EVALUATORS, PREDIKAT_LABELS
from sakip_desktop.ops.lhe.views import LheView
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView
from sakip_desktop.ops.monitoring.follow_ups import FollowUpInput, add_follow_up, update_follow_up
from ui.context import AppContext
from ui.monitoring._common import fill_people
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, parse_number, plain_number, set_date
from ui.widgets.screen import resize_to_fit


def _text_edit(text: str, height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class LheDialog(FormDialog):
    """A letter received, new or corrected."""

    def __init__(self, ctx: AppContext, lhe: LheView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Ubah LHE" if lhe else "LHE baru", parent)
        self.lhe = lhe
        self.evaluator = QComboBox()
        fill_combo(
            self.evaluator, [(label, code) for code, label in EVALUATORS.items()], lhe.evaluator if lhe else None
        )
        self.number = QLineEdit(lhe.number if lhe else "")
        self.number.setPlaceholderText("mis. 700.1.2.2/045/LHE-AKIP/2025")
        self.letter_date = date_edit()
        set_date(self.letter_date, lhe.letter_date if lhe else ctx.today())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(lhe.year if lhe else ctx.today().year - 1)
        self.score = QLineEdit(plain_number(lhe.score) if lhe else "")
        self.score.setPlaceholderText("0–100, mis. 68,45")
        self.predikat = QComboBox()
        choices = [("(sesuai nilai)", ""), *((f"{code} — {label}", code) for code, label in PREDIKAT_LABELS.items())]
        fill_combo(self.predikat, choices, lhe.predikat if lhe else "")
        self.note = _text_edit(lhe.note if lhe else "", 60)
        form = form_layout()
        form.addRow("Pengirim:", self.evaluator)
        form.addRow("Nomor LHE:", self.number)
        form.addRow("Tanggal LHE:", self.letter_date)
        form.addRow("Tahun yang dievaluasi:", self.year)
        form.addRow("Nilai:", self.score)
        form.addRow("Predikat:", self.predikat)
        form.addRow("Catatan:", self.note)
        form.addRow("", hint("Rekomendasi LHE diisi satu per satu sesudah LHE disimpan."))
        self.fields.update(
            evaluator=self.evaluator,
            number=self.number,
            letter_date=self.letter_date,
            year=self.year,
            score=self.score,
            predikat=self.predikat,
            note=self.note,
        )
        self.finish_layout(form)
        resize_to_fit(self, 560, 420)
        self.number.setFocus()

    def save(self) -> int:
        data = LheInput(
            self.evaluator.currentData(),
            self.number.text(),
            date_of(self.letter_date),
            self.year.value(),
            parse_number(self.score.text(), "Nilai LHE", "score"),
            self.predikat.currentData() or "",
            self.note.toPlainText(),
        )
        return save_lhe(self.ctx.db, self.ctx.actor, data, lhe_id=self.lhe.id if self.lhe else None)


class RecommendationDialog(FormDialog):
    """The text of a rekomendasi, new (after the others) or corrected."""

    def __init__(
        self,
        ctx: AppContext,
        lhe_id: int,
        *,
        recommendation_id: int | None = None,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Ubah rekomendasi LHE" if recommendation_id else "Rekomendasi LHE baru", parent)
        self.lhe_id, self.recommendation_id = lhe_id, recommendation_id
        self.text = _text_edit(text, 120)
        form = form_layout()
        form.addRow("Rekomendasi:", self.text)
        self.fields.update(text=self.text)
        self.finish_layout(form)
        resize_to_fit(self, 560, 240)
        self.text.setFocus()

    def save(self) -> int:
        ctx = self.ctx
        return save_recommendation(
            ctx.db, ctx.actor, self.lhe_id, self.text.toPlainText(), recommendation_id=self.recommendation_id
        )


class RatlDialog(FormDialog):
    """The rencana aksi tindak lanjut of a rekomendasi: what, who (the PJ) and by when."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        recommendation_id: int,
        recommendation: str,
        action: FollowUpView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Ubah RATL" if action else "Tetapkan RATL", parent)
        self.recommendation_id, self.follow_up = recommendation_id, action
        shown = hint(f"Rekomendasi: {recommendation}")
        shown.setWordWrap(True)
        self.action = _text_edit(action.action if action else "")
        self.person = QComboBox()
        fill_people(self.person, ctx, action.responsible_person_id if action else None, empty="(pilih)")
        self.due = date_edit()
        set_date(self.due, action.due_on if action else ctx.today() + dt.timedelta(days=90))
        form = form_layout()
        form.addRow("", shown)
        form.addRow("RATL:", self.action)
        form.addRow("Penanggung jawab:", self.person)
        form.addRow("Batas waktu:", self.due)
        self.fields.update(action=self.action, responsible_person_id=self.person, due_on=self.due)
        self.finish_layout(form)
        resize_to_fit(self, 580, 320)
        self.action.setFocus()

    def save(self) -> int:
        data = FollowUpInput(self.action.toPlainText(), self.person.currentData(), date_of(self.due))
        ctx = self.ctx
        if self.follow_up is not None:
            update_follow_up(ctx.db, ctx.actor, self.follow_up.id, data)
            return self.follow_up.id
        return add_follow_up(ctx.db, ctx.actor, data, lhe_recommendation_id=self.recommendation_id)
