"""The "Evaluasi SAKIP (LKE)" page: the year's self-assessment on its template, every criterion with the program's
proposal and the answer, the chosen criterion beside it (`panel`), the projected score per component with the
predikat, the gap list ordered by the points a criterion would add, and the exports (the template, the filled LKE
as .xlsx, the summary PDF for the Inspektorat); the Camat signs the year here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.formats import number
from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.lke.score import CriterionScore, PartScore, rounded
from sakip_desktop.ops.lke.views import DECISION_LABELS, Line, LkeView, lke_view
from ui.context import AppContext
from ui.errors import attempt
from ui.lke.actions import LkeActions
from ui.lke.panel import CriterionPanel
from ui.plain_text import plain_label
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import set_date
from ui.widgets.pages import YearPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, marked, select_where

GOOD, GAP, NONE = "#dff0d8", "#fff3cd", "#fde0dc"


@dataclass(frozen=True)
class Row:
    """A criterion as the table shows it: its line and its score."""

    line: Line
    score: CriterionScore


def _points(value) -> str:
    return number(rounded(value), 2)


def _colour(row: Row) -> str | None:
    if not row.score.answer:
        return NONE
    return GOOD if row.score.gap == 0 else (GAP if row.score.gap > 1 else None)


COLUMNS = marked(
    [
        Column[Row]("Kode", lambda r: r.line.criterion.code, width=58),
        Column[Row]("Kriteria", lambda r: r.line.criterion.text, tooltip=lambda r: r.line.criterion.evidence),
        Column[Row]("Usulan", lambda r: r.line.proposal.answer if r.line.proposal else "", width=60,
                    tooltip=lambda r: r.line.proposal.reason if r.line.proposal else "Tidak ada aturan"),
        Column[Row]("Jawaban", lambda r: r.score.answer or "-", width=66),
        Column[Row]("Keputusan", lambda r: DECISION_LABELS[r.line.decision] if r.line.decision else "", width=130),
        Column[Row]("Nilai", lambda r: _points(r.score.points), lambda r: r.score.points, align_right=True, width=60),
        Column[Row]("Bisa naik", lambda r: _points(r.score.gap), lambda r: r.score.gap, align_right=True, width=70),
    ],
    _colour,
)  # fmt: skip
PART_COLUMNS = [
    Column[PartScore]("Kode", lambda p: p.code, width=50),
    Column[PartScore]("Komponen / sub komponen", lambda p: p.name),
    Column[PartScore]("Bobot", lambda p: number(p.weight, 2), align_right=True, width=70),
    Column[PartScore]("Nilai", lambda p: _points(p.score), align_right=True, width=70),
]
GAP_COLUMNS = [
    Column[Row]("Kode", lambda r: r.line.criterion.code, width=58),
    Column[Row]("Kriteria", lambda r: r.line.criterion.text),
    Column[Row]("Tambahan nilai", lambda r: _points(r.score.gap), align_right=True, width=100),
    Column[Row]("Yang perlu dilakukan", lambda r: (r.line.proposal.change if r.line.proposal else "")
                or f"Bukti: {r.line.criterion.evidence}", width=360),
]  # fmt: skip


class LkePage(YearPage, FitsItsRoom):
    """The self-assessment of a year, for the Tim SAKIP, Admin Data, Sekretaris and the Camat."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: LkeView | None = None
        self.rows: list[Row] = []
        # The year assessed is the status bar's (issue 13: a picker of its own here could disagree with it).
        self.year = ctx.year
        self.year_label = QLabel()
        self.year_label.setToolTip("Tahun yang dinilai mengikuti pilihan Tahun di bilah bawah jendela")
        self.dpa = QDateEdit()
        self.dpa.setCalendarPopup(True)
        self.dpa.setDisplayFormat("dd-MM-yyyy")
        self.dpa.setMinimumDate(QDate(2000, 1, 1))
        self.dpa.setSpecialValueText("belum diisi")  # shown at the minimum date: no DPA date stored yet
        self.dpa.setToolTip("Tanggal pengesahan DPA: PK ditandatangani paling lama sebulan sesudahnya")
        self.dpa_button = QPushButton("Simpan tanggal DPA")
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.component = QComboBox()
        self.component.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.panel = CriterionPanel(ctx)
        self.panel.changed.connect(self.reload)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 1, sortable=True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_chosen())
        self.parts_model = RecordTableModel(PART_COLUMNS, self)
        self.gaps_model = RecordTableModel(GAP_COLUMNS, self)
        self.gaps_table = make_table(self.gaps_model, GAP_COLUMNS, 1, sortable=False)
        self.gaps_table.doubleClicked.connect(lambda _i: self._open_gap())
        self.year_actions = LkeActions(self)
        self.dpa_button.clicked.connect(self.year_actions.save_dpa)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for w in (self.year_label, plain_label("DPA disahkan"), self.dpa, self.dpa_button):
            top.addWidget(w)
        top.addStretch(1)
        for b in self.year_actions.buttons:
            top.addWidget(b)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.component)
        left_layout.addWidget(self.table, 1)
        split.addWidget(left)
        side = QScrollArea()  # the chosen criterion scrolls in its own area when taller than the room
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setWidget(self.panel)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([820, 520])
        tabs = QTabWidget()
        tabs.addTab(make_table(self.parts_model, PART_COLUMNS, 1, sortable=False), "Nilai per komponen")
        tabs.addTab(self.gaps_table, "Daftar kekurangan (urut tambahan nilai)")
        tabs.setMinimumHeight(110)
        self.tabs = tabs
        # The criteria over the score and the gap list, the divider movable: the page fits a laptop screen.
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(split)
        outer.addWidget(tabs)
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 1)
        outer.setSizes([460, 170])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(outer, 1)
        layout.addWidget(self.message)

    def shown_year(self) -> int | None:
        return self.year

    def reload(self) -> None:
        """Read the year again (proposals from the records, answers, score), keeping the chosen criterion."""
        chosen = self.panel.line.criterion.code if self.panel.line else None
        self._stale, self.year = False, self.ctx.year
        self.year_label.setText(f"<b>Tahun dinilai {self.year}</b>")
        year, today = self.year, self.ctx.today()
        ok, view = attempt(self, lambda: lke_view(self.ctx.db, year, today=today))
        self.view = view if ok else None
        if self.view is None:
            self.rows = []
            self.model.set_rows([])
            return
        v = self.view
        scores = {s.criterion.code: s for s in v.score.criteria}
        self.rows = [Row(line, scores[line.criterion.code]) for line in v.lines]
        self._fill_components(v)
        self._show_rows()
        self.parts_model.set_rows(sorted((*v.score.components, *v.score.subcomponents), key=lambda p: p.code))
        self.gaps_model.set_rows(
            [r for g in v.score.gaps for r in self.rows if r.line.criterion.code == g.criterion.code]
        )
        self._summary(v)
        set_date(self.dpa, v.dpa_date or dt.date(2000, 1, 1))
        self.year_actions.refresh(v)
        if chosen is None or not self.choose(chosen):
            self.panel.show_line(None, v)

    def _fill_components(self, v: LkeView) -> None:
        wanted = self.component.currentData()
        self.component.blockSignals(True)
        self.component.clear()
        self.component.addItem("Semua komponen", "")
        for comp in v.template.components:
            self.component.addItem(f"{comp.code}. {comp.name}", comp.code)
            for sub in comp.subcomponents:
                self.component.addItem(f"    {sub.code} {sub.name}", sub.code)
        self.component.setCurrentIndex(max(self.component.findData(wanted), 0))
        self.component.blockSignals(False)

    def _show_rows(self) -> None:
        prefix = str(self.component.currentData() or "")
        self.model.set_rows([r for r in self.rows if not prefix or r.line.criterion.code.startswith(prefix + ".")])

    def _summary(self, v: LkeView) -> None:
        state = "ditandatangani Camat" if v.signed else ("draf" if v.assessment_id else "belum dimulai")
        self.summary.setText(
            f"{v.template.name} · penilaian {state} · Nilai proyeksi {_points(v.score.total)} · Predikat "
            f"{v.score.band.code} ({v.score.band.label}) · {v.proposed} dari {len(v.lines)} kriteria diusulkan "
            f"dari data kantor · {v.score.unanswered} belum dijawab (dihitung 0)"
        )

    def _show_chosen(self) -> None:
        row = current_record(self.table)
        self.panel.show_line(row.line if row else None, self.view)

    def choose(self, code: str) -> bool:
        """Put the cursor on criterion `code` (showing every component when it is filtered out)."""
        if not select_where(self.table, lambda r: r.line.criterion.code == code):
            self.component.setCurrentIndex(0)
            return select_where(self.table, lambda r: r.line.criterion.code == code)
        return True

    def _open_gap(self) -> None:
        row = current_record(self.gaps_table)
        if row is not None:
            self.choose(row.line.criterion.code)

    def may(self, op: Op) -> bool:
        """The person may start `op`."""
        return self.ctx.actor.may(op)

    def dpa_date(self) -> dt.date | None:
        """The DPA date typed (None while it shows 'belum diisi')."""
        d: QDate = self.dpa.date()
        return None if d == self.dpa.minimumDate() else dt.date(d.year(), d.month(), d.day())

    def widget(self) -> QWidget:
        """The page as the parent of its dialogs."""
        return self

    def say(self, text: str) -> None:
        """Show a result line under the page."""
        self.message.setText(text)
