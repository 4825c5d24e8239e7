"""Perencanaan: the Renstra tree (Renstra > Tujuan > Sasaran > Indikator) with its forms, and the selected
indicator's targets beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.renstra import delete_goal, delete_indicator, delete_objective, delete_plan
from sakip_desktop.ops.planning.views import GoalNode, IndicatorView, ObjectiveNode, PlanNode, planning_tree
from sakip_desktop.ops.realisation.qualitative import list_scales
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_tooltip
from ui.planning.dialogs import IndicatorDialog, NodeDialog, PlanDialog
from ui.planning.targets import TargetsPanel
from ui.widgets.dialogs import confirm
from ui.widgets.forms import hint
from ui.widgets.wrap import wrap_rows

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, record) of a tree row
KINDS = ("plan", "goal", "objective", "indicator")
KIND_LABELS = {"plan": "Renstra", "goal": "tujuan", "objective": "sasaran", "indicator": "indikator"}
TOPIC = "planning"  # what master_data_changed announces after a change here
REFRESH_ON = frozenset({TOPIC, "units", "scales"})
MISSING_COLOUR = "#b3261e"


def _item(text: str, kind: str, record: Any, *, bold: bool = False, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData((kind, record), NODE_ROLE)
    if tip:
        item.setToolTip(plain_tooltip(tip))
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def _plain(text: str, kind: str, record: Any) -> QStandardItem:
    return _item(text, kind, record)


def build_tree_model(model: QStandardItemModel, plans: list[PlanNode]) -> None:
    """Fill `model` with the plans: columns Uraian, Satuan, Penanggung jawab."""
    model.clear()
    model.setHorizontalHeaderLabels(["Renstra / Tujuan / Sasaran / Indikator", "Satuan", "Penanggung jawab"])
    root = model.invisibleRootItem()
    for plan in plans:
        plan_row = _item(f"{plan.name} ({plan.start_year}–{plan.end_year})", "plan", plan, bold=True)
        root.appendRow([plan_row, _plain("", "plan", plan), _plain("", "plan", plan)])
        for goal in plan.goals:
            goal_row = _item(f"{goal.code}  {goal.statement}", "goal", goal, tip=goal.statement)
            plan_row.appendRow([goal_row, _plain("", "goal", goal), _plain("", "goal", goal)])
            for objective in goal.objectives:
                text = f"{objective.code}  {objective.statement}"
                objective_row = _item(text, "objective", objective, tip=objective.statement)
                if not objective.indicators:
                    objective_row.setForeground(QColor(MISSING_COLOUR))
                    objective_row.setToolTip(
                        plain_tooltip(f"{objective.statement}\nSasaran ini belum memiliki indikator.")
                    )
                goal_row.appendRow(
                    [objective_row, _plain("", "objective", objective), _plain("", "objective", objective)]
                )
                for i in objective.indicators:
                    name = f"{i.code}  {i.name}" + ("  (IKU)" if i.is_key else "")
                    unit_text = i.scale_name if i.scale_id else i.unit
                    responsible = _plain(i.responsible_unit or "belum ditentukan", "indicator", i)
                    if not i.responsible_unit:
                        responsible.setForeground(QColor(MISSING_COLOUR))
                    objective_row.appendRow(
                        [_item(name, "indicator", i, tip=i.name), _plain(unit_text, "indicator", i), responsible]
                    )


class PlanningPage(QWidget):
    """The Kasubag Perencanaan's Renstra: add, change and remove its parts; set an indicator's targets."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plans: list[PlanNode] = []
        self._build_tree()
        bar = self._build_toolbar()
        self._build_detail()
        self._assemble(bar)
        self._connect_signals()
        self.refresh()

    def _build_tree(self) -> None:
        """The Renstra tree: plans, tujuan, sasaran and indicators, one row chosen at a time."""
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        wrap_rows(self.tree)  # long names of sasaran and indicators wrap onto a second line, not "…"

    def _build_toolbar(self) -> QHBoxLayout:
        """The add, change and remove buttons above the tree."""
        self.add_plan_button = QPushButton("Tambah Renstra")
        self.add_goal_button = QPushButton("Tambah tujuan")
        self.add_objective_button = QPushButton("Tambah sasaran")
        self.add_indicator_button = QPushButton("Tambah indikator")
        self.edit_button = QPushButton("Ubah")
        self.delete_button = QPushButton("Hapus")
        bar = QHBoxLayout()
        for button in (
            self.add_plan_button,
            self.add_goal_button,
            self.add_objective_button,
            self.add_indicator_button,
            self.edit_button,
            self.delete_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _build_detail(self) -> None:
        """Beside the tree: a description of the chosen part, or the chosen indicator's targets."""
        self.targets = TargetsPanel(self.ctx, on_saved=self._targets_saved)
        self.node_text = QLabel()
        self.node_text.setWordWrap(True)
        self.node_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.node_text.setTextFormat(Qt.TextFormat.RichText)
        self.node_text.setMargin(8)
        self.detail = QStackedWidget()
        self.detail.addWidget(self.node_text)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.targets)
        self.detail.addWidget(scroll)

    def _assemble(self, bar: QHBoxLayout) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)  # the tree's names are the long texts: it takes the larger share
        split.setStretchFactor(1, 2)
        split.setSizes([780, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Renstra kantor: tujuan, sasaran dan indikator kinerja beserta targetnya. Pilih indikator untuk "
                "mengisi target Renstra, target tahun yang sedang dikerjakan, dan target triwulan (rencana aksi). "
                "Sasaran tanpa indikator dan indikator tanpa penanggung jawab ditandai merah."
            )
        )
        layout.addWidget(split, 1)

    def _connect_signals(self) -> None:
        self.add_plan_button.clicked.connect(self.add_plan)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.add_objective_button.clicked.connect(self.add_objective)
        self.add_indicator_button.clicked.connect(self.add_indicator)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.doubleClicked.connect(lambda _index: self.edit_selected())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.ctx.signals.master_data_changed.connect(lambda topic: self.refresh() if topic in REFRESH_ON else None)
        self.ctx.signals.period_changed.connect(lambda *_: self._show_selected())

    # ---- reading ------------------------------------------------------------------------------------------

    def refresh(self, select: tuple[str, int] | None = None) -> None:
        """Reload the tree, keeping (or moving to) the selected node."""
        wanted = select or self._selected_key()
        ok, plans = attempt(self, lambda: planning_tree(self.ctx.db))
        self.plans = plans if ok and plans is not None else []
        build_tree_model(self.model, self.plans)
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 80)
        header.resizeSection(2, 190)
        if wanted is None or not self.select(*wanted):
            self._show_selected()

    def selected(self) -> tuple[str, Any] | None:
        """(kind, record) of the selected row, or None."""
        rows = self.tree.selectionModel().selectedRows()
        return rows[0].data(NODE_ROLE) if rows else None

    def _selected_key(self) -> tuple[str, int] | None:
        node = self.selected()
        return None if node is None else (node[0], node[1].id)

    def _find(self, kind: str, record_id: int, parent: QModelIndex = QModelIndex()) -> QModelIndex | None:  # noqa: B008
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            found_kind, record = index.data(NODE_ROLE)
            if found_kind == kind and record.id == record_id:
                return index
            deeper = self._find(kind, record_id, index)
            if deeper is not None:
                return deeper
        return None

    def select(self, kind: str, record_id: int) -> bool:
        """Select the row of that node; False when it is not in the tree."""
        index = self._find(kind, record_id)
        if index is None:
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().select(index, flags)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self._show_selected()
        return True

    def indicator_codes(self) -> list[str]:
        """The codes of every indicator in the tree, in tree order (what a person sees listed)."""
        return [i.code for p in self.plans for g in p.goals for o in g.objectives for i in o.indicators]

    def _show_selected(self) -> None:
        node = self.selected()
        kind = node[0] if node else None
        self.add_goal_button.setEnabled(kind is not None)
        self.add_objective_button.setEnabled(kind in ("goal", "objective", "indicator"))
        self.add_indicator_button.setEnabled(kind in ("objective", "indicator"))
        self.edit_button.setEnabled(node is not None)
        self.delete_button.setEnabled(node is not None)
        if node is None:
            self.node_text.setText("<i>Pilih Renstra, tujuan, sasaran atau indikator di sebelah kiri.</i>")
            self.detail.setCurrentIndex(0)
            return
        if kind == "indicator":
            self.targets.show_indicator(node[1])
            self.detail.setCurrentIndex(1)
            return
        self.node_text.setText(_describe(node[0], node[1]))
        self.detail.setCurrentIndex(0)

    # ---- where new parts go -------------------------------------------------------------------------------

    def _ancestors(self) -> dict[str, Any]:
        """The selected node and the nodes above it, by kind."""
        found: dict[str, Any] = {}
        rows = self.tree.selectionModel().selectedRows()
        index = rows[0] if rows else QModelIndex()
        while index.isValid():
            kind, record = index.data(NODE_ROLE)
            found[kind] = record
            index = index.parent()
        return found

    # ---- actions ------------------------------------------------------------------------------------------

    def _run(self, dialog, kind: str) -> None:
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._changed((kind, dialog.saved_id))
        finally:
            dialog.deleteLater()

    def _changed(self, select: tuple[str, int] | None = None) -> None:
        self.refresh(select)
        self.ctx.signals.master_data_changed.emit(TOPIC)

    def add_plan(self) -> None:
        """'Tambah Renstra'."""
        self._run(PlanDialog(self.ctx, None, self), "plan")

    def add_goal(self) -> None:
        """'Tambah tujuan' under the selected Renstra."""
        plan = self._ancestors().get("plan")
        if plan is not None:
            order = max((g.sort_order for g in plan.goals), default=-1) + 1
            self._run(NodeDialog(self.ctx, "goal", None, plan.id, order, self), "goal")

    def add_objective(self) -> None:
        """'Tambah sasaran' under the selected tujuan."""
        goal = self._ancestors().get("goal")
        if goal is not None:
            order = max((o.sort_order for o in goal.objectives), default=-1) + 1
            self._run(NodeDialog(self.ctx, "objective", None, goal.id, order, self), "objective")

    def add_indicator(self) -> None:
        """'Tambah indikator' under the selected sasaran."""
        objective = self._ancestors().get("objective")
        if objective is not None:
            self._run(self._indicator_dialog(None, objective), "indicator")

    def _indicator_dialog(self, indicator: IndicatorView | None, objective: ObjectiveNode) -> IndicatorDialog:
        everyone = [i for p in self.plans for g in p.goals for o in g.objectives for i in o.indicators]
        order = max((i.sort_order for i in everyone), default=-1) + 1
        return IndicatorDialog(
            self.ctx, indicator, objective.id, list_units(self.ctx.db), list_scales(self.ctx.db), order, self
        )

    def edit_selected(self) -> None:
        """'Ubah': the form of the selected node."""
        node = self.selected()
        if node is None:
            return
        kind, record = node
        dialog: PlanDialog | NodeDialog | IndicatorDialog
        if kind == "plan":
            dialog = PlanDialog(self.ctx, record, self)
        elif kind == "goal":
            dialog = NodeDialog(self.ctx, "goal", record, record.plan_id, parent=self)
        elif kind == "objective":
            dialog = NodeDialog(self.ctx, "objective", record, record.goal_id, parent=self)
        else:
            dialog = self._indicator_dialog(record, self._ancestors()["objective"])
        self._run(dialog, kind)

    def delete_selected(self) -> None:
        """'Hapus': the selected node after asking; the core refuses what would lose data."""
        node = self.selected()
        if node is None:
            return
        kind, record = node
        name = record.name if kind == "plan" else f"{record.code}"
        if not confirm(self, "Konfirmasi hapus", f"Hapus {KIND_LABELS[kind]} {name}?", "Hapus"):
            return
        remove = {
            "plan": delete_plan,
            "goal": delete_goal,
            "objective": delete_objective,
            "indicator": delete_indicator,
        }
        ok, _ = attempt(self, lambda: remove[kind](self.ctx.db, self.ctx.actor, record.id))
        if ok:
            self._changed()

    def _targets_saved(self) -> None:
        self.ctx.signals.master_data_changed.emit(TOPIC)


def _describe(kind: str, record: PlanNode | GoalNode | ObjectiveNode) -> str:
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    if isinstance(record, PlanNode):
        missions = "".join(f"<li>{esc(m)}</li>" for m in record.mission.splitlines())
        return (
            f"<h3>{esc(record.name)}</h3><p>Periode {record.start_year}–{record.end_year}</p>"
            f"<p><b>Visi</b><br>{esc(record.vision) or '—'}</p><p><b>Misi</b></p><ol>{missions}</ol>"
        )
    if isinstance(record, GoalNode):
        count = sum(len(o.indicators) for o in record.objectives)
        return (
            f"<h3>Tujuan {esc(record.code)}</h3><p>{esc(record.statement)}</p>"
            f"<p>{len(record.objectives)} sasaran, {count} indikator.</p>"
        )
    warning = (
        f"<p style='color:{MISSING_COLOUR}'>Sasaran ini belum memiliki indikator kinerja; PK belum dapat final.</p>"
        if not record.indicators
        else f"<p>{len(record.indicators)} indikator.</p>"
    )
    return f"<h3>Sasaran {esc(record.code)}</h3><p>{esc(record.statement)}</p>{warning}"
