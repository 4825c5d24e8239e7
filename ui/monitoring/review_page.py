"""'Pemantauan': the Tim SAKIP writes its telaah of each indicator for the quarter, beside the capaian."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from sakip_desktop.ops.monitoring.telaah import ReviewRow, monitoring_sheet, save_review
from ui.context import AppContext
from ui.errors import attempt
from ui.monitoring._common import measurement_columns
from ui.plain_text import esc, rich
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import hint
from ui.widgets.pages import PeriodPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where
from ui.widgets.texts import local_when, office_offset, period_title


def _first_line(r: ReviewRow) -> str:
    # The whole telaah is in the tooltip and the editor below; the table shows its start.
    if not r.text:
        return "belum ditelaah"
    line = r.text.splitlines()[0]
    return line if len(line) <= 90 else line[:88].rstrip() + "…"


class ReviewPage(PeriodPage, FitsItsRoom):
    """The indicators of ctx.year measured at ctx.quarter; the chosen one's telaah is edited below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offset = 7
        self.columns = [
            Column[ReviewRow]("Kode", lambda r: r.measurement.info.code, width=52),
            Column[ReviewRow](
                "Indikator", lambda r: r.measurement.info.name, tooltip=lambda r: r.measurement.objective_label
            ),
            *measurement_columns(lambda r: r.measurement),
            Column[ReviewRow]("Telaah Tim", _first_line, tooltip=lambda r: r.text, width=260),
        ]
        self.model = RecordTableModel(self.columns, self)
        self.table = make_table(self.model, self.columns, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.title = QLabel()
        self.summary = hint("")
        self.subject = rich(QLabel("Pilih indikator untuk menulis telaahnya."))  # indicator names: escaped
        self.subject.setWordWrap(True)
        self.by = hint("")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Telaah Tim: apakah capaian wajar, apa penyebabnya, apa yang perlu diperhatikan")
        self.save_button = QPushButton("Simpan telaah")
        self.save_button.clicked.connect(self.save_current)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.subject)
        editor_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.by, 1)
        row.addWidget(self.save_button)
        editor_layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self._show_current()

    def reload(self) -> None:
        """Read the sheet of ctx.year / ctx.quarter; keep the chosen indicator."""
        keep = self.current()
        self.offset = office_offset(self.ctx)
        rows = monitoring_sheet(self.ctx.db, self.ctx.year, self.ctx.quarter)
        self.model.set_rows(rows)
        done = sum(1 for r in rows if r.text)
        self.title.setText(f"<b>Telaah Tim SAKIP atas capaian kinerja {period_title(self.ctx)}</b>")
        self.summary.setText(
            f"{done} dari {len(rows)} indikator sudah ditelaah. Capaian dihitung s.d. triwulan ini; "
            "yang belum disetujui Camat masih dapat berubah."
        )
        if keep is not None:
            select_where(self.table, lambda r: r.indicator_id == keep.indicator_id)
        self._show_current()

    def current(self) -> ReviewRow | None:
        """The chosen indicator's row."""
        return current_record(self.table)

    def _show_current(self) -> None:
        r = self.current()
        self.text.setEnabled(r is not None)
        self.save_button.setEnabled(r is not None)
        if r is None:
            self.text.setPlainText("")
            self.by.setText("")
            return
        self.subject.setText(f"<b>{esc(r.measurement.info.code)}</b> {esc(r.measurement.info.name)}")
        self.text.setPlainText(r.text)
        self.by.setText(f"Ditelaah {r.reviewed_by}, {local_when(r.reviewed_at, self.offset)}" if r.text else "")

    def save_current(self) -> None:
        """Store the telaah of the chosen indicator (an empty text removes it)."""
        r = self.current()
        if r is None:
            return
        ctx = self.ctx
        text = self.text.toPlainText()
        ok, _ = attempt(self, lambda: save_review(ctx.db, ctx.actor, r.indicator_id, ctx.year, ctx.quarter, text))
        if ok:
            self.message.setText(f"Telaah {r.measurement.info.code} tersimpan.")
            self.changed()
