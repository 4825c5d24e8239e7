"""'Anggaran dan impor rencana' (Kasubag Perencanaan): the planning workbook, and the program > kegiatan >
sub kegiatan tree with the pagu of the year being worked on and realisasi anggaran per TW, editable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import absorption
from sakip_desktop.ops.planning.budget import (
    ACTIVITY,
    LEVEL_LABELS,
    PROGRAM,
    SUB_ACTIVITY,
    BudgetNode,
    budget_tree,
    delete_node,
)
from ui.budget import rencana
from ui.budget.dialogs import BudgetDialog, NodeDialog
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.colours import HEADING_COLOURS, LATE_COLOUR
from ui.widgets.dialogs import confirm
from ui.widgets.forms import hint
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table

_LEVEL_COLOURS = (*HEADING_COLOURS, None)  # program, kegiatan, sub kegiatan


def _money(amount: int | None) -> str:
    return "—" if amount is None else formats.rupiah(amount, sen=False)


def _serapan(node: BudgetNode) -> str:
    return "—" if node.absorption is None else formats.percent(node.absorption)


def _spent_in(quarter: int) -> Callable[[BudgetNode], str]:
    """The realisasi of one quarter (0 = TW I), or a dash on a row without pagu."""
    return lambda n: _money(n.spent[quarter]) if n.ceiling is not None else "—"


def _colour(node: BudgetNode) -> str | None:
    if node.ceiling is not None and node.spent_total > node.ceiling:
        return LATE_COLOUR  # spent over the pagu
    return _LEVEL_COLOURS[node.level]


COLUMNS = [
    Column[BudgetNode]("Kode", lambda n: n.code, width=125, background=_colour),
    Column[BudgetNode](
        "Program / Kegiatan / Sub Kegiatan",
        lambda n: "      " * n.level + n.name,
        tooltip=lambda n: f"{LEVEL_LABELS[n.level]}: {n.name}" + (f"\n{n.link_name}" if n.link_name else ""),
        background=_colour,
    ),
    Column[BudgetNode](
        "Sasaran / unit", lambda n: n.link_name, tooltip=lambda n: n.link_name, width=150, background=_colour
    ),
    Column[BudgetNode]("Pagu", lambda n: _money(n.ceiling), align_right=True, width=125, background=_colour),
    *(
        Column[BudgetNode](
            t,
            _spent_in(q),
            align_right=True,
            width=100,
            background=_colour,
        )
        for q, t in enumerate(("TW I", "TW II", "TW III", "TW IV"))
    ),
    Column[BudgetNode](
        "Jumlah realisasi", lambda n: _money(n.spent_total), align_right=True, width=125, background=_colour
    ),
    Column[BudgetNode]("Serapan", _serapan, align_right=True, width=70, background=_colour),
]


class BudgetPlanPage(QWidget):
    """The Kasubag Perencanaan's budget tool."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        workbook = self._build_workbook_box()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self._build_table()
        self.total = QLabel()
        buttons = self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.addWidget(workbook)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total)
        self._connect_signals()
        self.refresh()

    def _build_workbook_box(self) -> QGroupBox:
        """'Buku kerja rencana (Excel)': download the template, export the current plan, import a filled one."""
        workbook = QGroupBox("Buku kerja rencana (Excel)")
        self.template_button = QPushButton("Unduh templat rencana (.xlsx)")
        self.export_button = QPushButton("Ekspor rencana saat ini")
        self.import_button = QPushButton("Impor rencana…")
        self.template_button.setToolTip("Buku kerja kosong dengan petunjuk, untuk diisi dari data Excel kantor")
        self.export_button.setToolTip("Renstra, indikator, target, program dan anggaran yang tersimpan, untuk diubah")
        self.import_button.setToolTip("Baca buku kerja yang sudah diisi; perubahannya ditampilkan dulu")
        row = QHBoxLayout(workbook)
        for button in (self.template_button, self.export_button, self.import_button):
            row.addWidget(button)
        row.addWidget(
            hint("Indikator, target tahunan dan triwulan, program dan pagu dari Excel: tidak perlu diketik ulang."), 1
        )
        return workbook

    def _build_table(self) -> None:
        """Programs, kegiatan and sub kegiatan with their pagu and serapan, one row chosen at a time."""
        self.model = RecordTableModel(COLUMNS, self)
        # Long names wrap (a row is as tall as its text; cut to one line they ended in "…" at 1366 px); rows are
        # shaded by level, in the tree's order.
        self.view = make_table(self.model, COLUMNS, 1, sortable=False, striped=False)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def _build_toolbar(self) -> QHBoxLayout:
        """The add, change, budget and remove buttons above the table."""
        self.add_program_button = QPushButton("Tambah program")
        self.add_activity_button = QPushButton("Tambah kegiatan")
        self.add_sub_button = QPushButton("Tambah sub kegiatan")
        self.edit_button = QPushButton("Ubah…")
        self.budget_button = QPushButton("Pagu && realisasi…")
        self.delete_button = QPushButton("Hapus")
        self.budget_button.setToolTip("Pagu tahun ini dan realisasi anggaran TW I–IV sub kegiatan yang dipilih")
        buttons = QHBoxLayout()
        for button in (
            self.add_program_button,
            self.add_activity_button,
            self.add_sub_button,
            self.edit_button,
            self.budget_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _connect_signals(self) -> None:
        ctx = self.ctx
        self.template_button.clicked.connect(lambda: rencana.download_template(self, ctx))
        self.export_button.clicked.connect(lambda: rencana.export_current(self, ctx))
        self.import_button.clicked.connect(self.import_workbook)
        self.add_program_button.clicked.connect(lambda: self.add(PROGRAM))
        self.add_activity_button.clicked.connect(lambda: self.add(ACTIVITY))
        self.add_sub_button.clicked.connect(lambda: self.add(SUB_ACTIVITY))
        self.edit_button.clicked.connect(self.edit_selected)
        self.budget_button.clicked.connect(self.edit_budget)
        self.delete_button.clicked.connect(self.delete_selected)
        ctx.signals.period_changed.connect(lambda *_: self.refresh())

    # ---- reading ---------------------------------------------------------------------------------------

    def refresh(self, keep: tuple[int, int] | None = None) -> None:
        """Reload the tree for ctx.year; `keep` (level, id) selects that row again."""
        current = self.selected()
        keep = keep or ((current.level, current.id) if current else None)
        nodes = budget_tree(self.ctx.db, self.ctx.year)
        self.model.set_rows(nodes)
        year = self.ctx.year
        self.title.setText(
            f"Program, kegiatan dan sub kegiatan dengan pagu dan realisasi anggaran (TW I–IV) tahun {year}. Pagu dan "
            "realisasi diisi per sub kegiatan (pilih baris sub kegiatan, lalu 'Pagu & realisasi…')."
        )
        programs = [n for n in nodes if n.level == PROGRAM]
        ceiling = sum(n.ceiling or 0 for n in programs)
        spent = sum(n.spent_total for n in programs)
        serapan = absorption(spent, ceiling)
        self.total.setText(
            f"Jumlah {year}: pagu {_money(ceiling)}, realisasi {_money(spent)}, serapan "
            f"{'—' if serapan is None else formats.percent(serapan)}."
        )
        bold = QFont(self.total.font())
        bold.setBold(True)
        self.total.setFont(bold)
        if keep:
            for row, node in enumerate(nodes):
                if (node.level, node.id) == keep:
                    self.view.selectRow(row)
                    break
        self._enable()

    def selected(self) -> BudgetNode | None:
        """The selected row's node."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _enable(self) -> None:
        node = self.selected()
        self.add_activity_button.setEnabled(node is not None)
        self.add_sub_button.setEnabled(node is not None and node.level >= ACTIVITY)
        self.edit_button.setEnabled(node is not None)
        self.delete_button.setEnabled(node is not None)
        self.budget_button.setEnabled(node is not None and node.level == SUB_ACTIVITY)

    # ---- actions ---------------------------------------------------------------------------------------

    def _parent_of(self, level: int) -> BudgetNode | None:
        """The program (for a new kegiatan) or kegiatan (for a new sub kegiatan) at or above the selection."""
        node = self.selected()
        rows = self.model.rows()
        while node is not None and node.level > level - 1:
            node = next((n for n in rows if n.level == node.level - 1 and n.id == node.parent_id), None)
        return node if node is not None and node.level == level - 1 else None

    def add(self, level: int) -> None:
        """Add a program, or a kegiatan / sub kegiatan under the selected row."""
        parent = self._parent_of(level) if level > PROGRAM else None
        if level > PROGRAM and parent is None:
            return
        label = f"{parent.code} {parent.name}" if parent else ""
        dialog = NodeDialog(self.ctx, level, None, parent.id if parent else None, label, self)
        self._run(dialog, level)

    def open_selected(self) -> None:
        """A double click: a sub kegiatan opens its pagu and spending, the other levels their code and name."""
        node = self.selected()
        if node is not None and node.level == SUB_ACTIVITY:
            self.edit_budget()
        else:
            self.edit_selected()

    def edit_selected(self) -> None:
        """Change the code and name of the selected row."""
        node = self.selected()
        if node is None:
            return
        self._run(NodeDialog(self.ctx, node.level, node, node.parent_id, "", self), node.level)

    def edit_budget(self) -> None:
        """The pagu and realisasi TW I–IV of the selected sub kegiatan."""
        node = self.selected()
        if node is None or node.level != SUB_ACTIVITY:
            return
        self._run(BudgetDialog(self.ctx, node, self), SUB_ACTIVITY)

    def _run(self, dialog, level: int) -> None:
        try:
            if dialog.exec():
                self.refresh(keep=(level, dialog.saved_id))
        finally:
            dialog.deleteLater()

    def delete_selected(self) -> None:
        """Remove the selected row after asking."""
        node = self.selected()
        if node is None:
            return
        what = LEVEL_LABELS[node.level].lower()
        if not confirm(self, f"Hapus {what}", f"Hapus {what} {node.code} {node.name}?", "Hapus"):
            return
        ok, _ = attempt(self, lambda: delete_node(self.ctx.db, self.ctx.actor, node.level, node.id))
        if ok:
            self.refresh()

    def import_workbook(self) -> None:
        """'Impor rencana…' and redraw what it changed."""
        if rencana.import_file(self, self.ctx) is not None:
            self.refresh()
            # The plan itself may have changed (indicators, targets, a new Renstra and its years).
            self.ctx.signals.master_data_changed.emit("planning")
            self.ctx.signals.work_changed.emit()
