"""'Rekomendasi': the Sekretaris writes rekomendasi from the Tim's telaah; the Camat accepts or rejects them; an
accepted one becomes a tindak lanjut."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.ops.measurement.capaian import measure
from sakip_desktop.ops.monitoring.telaah import (
    ACCEPTED,
    PROPOSED,
    REJECTED,
    RecommendationView,
    add_recommendation,
    decide_recommendation,
    delete_recommendation,
    recommendations,
    update_recommendation,
)
from ui.context import AppContext
from ui.errors import attempt
from ui.monitoring.follow_up_dialog import FollowUpEditDialog
from ui.widgets.colours import DONE_COLOUR, LATE_COLOUR
from ui.widgets.dialogs import FormDialog, ReasonDialog, confirm
from ui.widgets.forms import fill_combo, form_layout, hint
from ui.widgets.pages import PeriodPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table
from ui.widgets.texts import period_title


def _colour(r: RecommendationView) -> str | None:
    return {ACCEPTED: DONE_COLOUR, REJECTED: LATE_COLOUR}.get(r.status)


COLUMNS = [
    Column[RecommendationView]("Untuk", lambda r: r.subject, width=230, background=_colour),
    Column[RecommendationView]("Rekomendasi", lambda r: r.text, tooltip=lambda r: f"oleh {r.written_by}"),
    Column[RecommendationView]("Keputusan Camat", lambda r: r.status_label, width=120, background=_colour),
    Column[RecommendationView]("Catatan Camat", lambda r: r.decision_note, width=200),
    Column[RecommendationView](
        "Tindak lanjut", lambda r: str(r.follow_ups) if r.follow_ups else "", align_right=True, width=90
    ),
]


class RecommendationDialog(FormDialog):
    """Write or change a rekomendasi: for an indicator, or general."""

    def __init__(
        self,
        ctx: AppContext,
        indicators: Sequence[tuple[str, int | None]],
        rec: RecommendationView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Ubah rekomendasi" if rec else "Tulis rekomendasi", parent)
        self.rec = rec
        self.indicator = QComboBox()
        fill_combo(self.indicator, [("Umum (tidak untuk satu indikator)", None), *indicators], rec and rec.indicator_id)
        self.text = QPlainTextEdit(rec.text if rec else "")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumWidth(480)
        self.text.setFixedHeight(120)
        self.fields.update(indicator_id=self.indicator, text=self.text)
        form = form_layout()
        form.addRow("Untuk:", self.indicator)
        form.addRow("Rekomendasi:", self.text)
        self.finish_layout(form)
        self.text.setFocus()

    def save(self) -> int:
        ctx, text, indicator = self.ctx, self.text.toPlainText(), self.indicator.currentData()
        if self.rec is not None:
            update_recommendation(ctx.db, ctx.actor, self.rec.id, text, indicator)
            return self.rec.id
        return add_recommendation(ctx.db, ctx.actor, ctx.year, ctx.quarter, text, indicator)


class RecommendationPage(PeriodPage):
    """The rekomendasi of ctx.year / ctx.quarter, with the actions the role may take."""

    # The action buttons by their text; the name (used by tests) hides QWidget.actions() on this page.
    actions: dict[str, QPushButton]  # type: ignore[assignment]

    def __init__(self, ctx: AppContext, *, can_write: bool, can_decide: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_write, self.can_decide = can_write, can_decide
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.title = QLabel()
        intro = (
            "Tulis rekomendasi dari telaah Tim; Camat memutuskan menerima atau menolaknya. Rekomendasi yang "
            "diterima dapat dijadikan tindak lanjut dengan penanggung jawab dan batas waktu."
            if can_write
            else "Rekomendasi Sekretaris menunggu keputusan Anda. Penolakan disertai catatan alasannya."
        )
        buttons = QHBoxLayout()
        self.actions = {}

        def button(text: str, slot: Callable[[], None]) -> None:
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.actions[text] = b

        if can_write:
            button("Tulis rekomendasi…", self.write_new)
            button("Ubah…", self.edit_selected)
            button("Hapus", self.delete_selected)
            button("Jadikan tindak lanjut…", self.make_follow_up)
        if can_decide:
            button("Terima…", lambda: self.decide(True))
            button("Tolak…", lambda: self.decide(False))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint(intro))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._update()

    def reload(self) -> None:
        """Read the rekomendasi of the period."""
        rows = recommendations(self.ctx.db, self.ctx.year, self.ctx.quarter)
        self.model.set_rows(rows)
        waiting = sum(1 for r in rows if r.status == PROPOSED)
        self.title.setText(
            f"<b>Rekomendasi {period_title(self.ctx)}</b> — {len(rows)} rekomendasi, {waiting} menunggu keputusan Camat"
        )
        self._update()

    def selected(self) -> RecommendationView | None:
        """The chosen rekomendasi."""
        return current_record(self.table)

    def _update(self) -> None:
        r = self.selected()
        proposed = r is not None and r.status == PROPOSED
        for text, enabled in (
            ("Ubah…", proposed),
            ("Hapus", proposed),
            ("Jadikan tindak lanjut…", r is not None and r.status == ACCEPTED),
            ("Terima…", proposed),
            ("Tolak…", proposed),
        ):
            if text in self.actions:
                self.actions[text].setEnabled(enabled)

    def _indicators(self) -> list[tuple[str, int | None]]:
        rows = measure(self.ctx.db, self.ctx.year, self.ctx.quarter)
        return [(f"{m.info.code} {m.info.name}", m.info.indicator_id) for m in rows]

    def _run(self, dialog: QDialog, done: str) -> bool:
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.message.setText(done)
            self.changed()
        return accepted

    def write_new(self) -> None:
        """'Tulis rekomendasi…'."""
        self._run(RecommendationDialog(self.ctx, self._indicators(), parent=self), "Rekomendasi tersimpan.")

    def edit_selected(self) -> None:
        """'Ubah…' while the Camat has not decided."""
        r = self.selected()
        if r is not None:
            self._run(RecommendationDialog(self.ctx, self._indicators(), r, self), "Rekomendasi diubah.")

    def delete_selected(self) -> None:
        """'Hapus' after asking."""
        r = self.selected()
        if r is None or not confirm(self, "Hapus rekomendasi", f"Hapus rekomendasi ini?\n\n{r.text}", "Hapus"):
            return
        ctx = self.ctx
        ok, _ = attempt(self, lambda: delete_recommendation(ctx.db, ctx.actor, r.id))
        if ok:
            self.message.setText("Rekomendasi dihapus.")
            self.changed()

    def decide(self, accept: bool) -> None:
        """'Terima…' (note optional) or 'Tolak…' (note required)."""
        r = self.selected()
        if r is None:
            return
        ctx = self.ctx
        word = "Terima" if accept else "Tolak"
        prompt = (
            f"Terima rekomendasi untuk {r.subject}? Catatan untuk Sekretaris (boleh kosong):"
            if accept
            else f"Tolak rekomendasi untuk {r.subject}. Tulis alasannya; Sekretaris membaca catatan ini:"
        )
        dialog = ReasonDialog(
            ctx,
            f"{word} rekomendasi",
            prompt,
            lambda note: decide_recommendation(ctx.db, ctx.actor, r.id, accept, note),
            accept_text=word,
            parent=self,
        )
        self._run(dialog, f"Rekomendasi {'diterima' if accept else 'ditolak'}.")

    def make_follow_up(self) -> None:
        """'Jadikan tindak lanjut…' of an accepted rekomendasi."""
        r = self.selected()
        if r is None:
            return
        dialog = FollowUpEditDialog(
            self.ctx,
            indicators=self._indicators(),
            recommendation_id=r.id,
            indicator_id=r.indicator_id,
            parent=self,
        )
        self._run(dialog, "Tindak lanjut dibuat; tampil di kotak 'Menunggu Anda' penanggung jawabnya.")
