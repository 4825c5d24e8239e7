"""Pengaturan > Hak akses: the permission table of the core, read-only (operations × roles with ✔ marks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from sakip_desktop.domain.permissions import (
    ANY_ACCOUNT,
    COLUMNS,
    GROUPS,
    PERMISSIONS,
    Op,
    Permission,
    column_label,
    grants,
)
from sakip_desktop.domain.roles import ADMIN
from ui.context import AppContext
from ui.widgets.forms import hint
from ui.widgets.table import RECORD_ROLE, Column, Index, RecordTableModel, make_table

TICK = "✔"
# Two-line headings keep the nine role columns narrow enough for a 1366-pixel screen.
_HEADINGS = {
    "TIM_SAKIP": "Tim\nSAKIP",
    "KASUBAG_PERENCANAAN": "Kasubag\nPerencanaan",
    "KASUBAG_UMUM": "Kasubag\nUmum",
    "ADMIN_DATA": "Admin\nData",
    ADMIN: "Adminis-\ntrator",
}
GROUP_COLUMN, OPERATION_COLUMN = 0, 1
FIRST_ROLE_COLUMN = 2
NOTE_COLUMN = FIRST_ROLE_COLUMN + len(COLUMNS)
EXPLANATION = (
    "Siapa boleh memulai setiap operasi yang mengubah data. Tabel ini juga yang diperiksa program pada setiap "
    "operasi; halaman ini hanya untuk dibaca. Administrator adalah tanda pada akun, bukan jabatan. Catatan menyebut "
    "aturan tambahan yang diperiksa pada data itu sendiri (mis. Kasi hanya untuk seksinya)."
)


def note_text(row: Permission) -> str:
    """The note as shown: who besides the roles, then the extra rules of the operation."""
    who = ""
    if row.program_only:
        who = "Hanya dikerjakan program sendiri."
    elif ANY_ACCOUNT in row.allowed:
        who = "Semua pengguna yang masuk."
    return " ".join(part for part in (who, row.note) if part)


def _tick(column: str) -> Callable[[Permission], str]:
    return lambda row: TICK if grants(row.op, column) else ""


def _by_grant(column: str, order: dict[Op, int]) -> Callable[[Permission], tuple[bool, int]]:
    """Sort key of a role column: the granted operations first, then the table's order."""
    return lambda row: (not grants(row.op, column), order[row.op])


def _grant_tip(column: str) -> Callable[[Permission], str]:
    return lambda row: f"{column_label(column)}: {'boleh' if grants(row.op, column) else 'tidak boleh'}"


def _columns() -> list[Column[Permission]]:
    group_order = {g: i for i, g in enumerate(GROUPS)}
    order = {op: i for i, op in enumerate(PERMISSIONS)}
    columns = [
        Column[Permission]("Kelompok", lambda r: r.group, lambda r: (group_order[r.group], order[r.op]), width=135),
        Column[Permission]("Operasi", lambda r: r.label, tooltip=lambda r: f"Kode: {r.op.value}", width=215),
    ]
    for column in COLUMNS:
        columns.append(
            Column[Permission](
                _HEADINGS.get(column, column_label(column)),
                _tick(column),
                _by_grant(column, order),
                tooltip=_grant_tip(column),
            )
        )
    columns.append(Column[Permission]("Catatan", note_text, tooltip=note_text))
    return columns


class PermissionTableModel(RecordTableModel[Permission]):
    """The table's rows in the core's order; the ✔ columns centred."""

    def __init__(self, own: set[str] | None = None, parent=None) -> None:
        self.columns = _columns()
        super().__init__(self.columns, parent)
        self.own = own or set()  # role columns of the person at the screen: a bold heading
        self.set_rows(list(PERMISSIONS.values()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.isValid()
            and FIRST_ROLE_COLUMN <= index.column() < NOTE_COLUMN
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.FontRole
            and orientation == Qt.Orientation.Horizontal
            and FIRST_ROLE_COLUMN <= section < NOTE_COLUMN
            and COLUMNS[section - FIRST_ROLE_COLUMN] in self.own
        ):
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and FIRST_ROLE_COLUMN <= section < NOTE_COLUMN
        ):
            column = COLUMNS[section - FIRST_ROLE_COLUMN]
            return column_label(column) + (" (peran Anda)" if column in self.own else "")
        return super().headerData(section, orientation, role)


class PermissionsPage(QWidget):
    """Hak akses: operations (by group) × roles, a filter, and the selected operation's rules spelled out."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        actor = ctx.actor
        own = {g.role.value for g in actor.grants} | ({ADMIN} if actor.is_admin else set())
        self.model = PermissionTableModel(own, self)
        self.view = make_table(self.model, self.model.columns, NOTE_COLUMN)
        proxy = self.view.model()
        assert isinstance(proxy, QSortFilterProxyModel)  # made by make_table
        self.proxy = proxy
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)  # bold headings mark the reader's own roles, not the selected row
        bold = QFont(header.font())
        bold.setBold(True)
        widest = QFontMetrics(bold)
        for i in range(FIRST_ROLE_COLUMN, NOTE_COLUMN):
            # As wide as the heading (two short lines), no wider: the notes need the room.
            heading = self.model.headerData(i, Qt.Orientation.Horizontal)
            self.view.setColumnWidth(i, max(widest.horizontalAdvance(line) for line in heading.split("\n")) + 14)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Cari operasi, kelompok atau catatan…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.view.selectionModel().selectionChanged.connect(self._show_detail)
        title = QLabel("Hak akses")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint(EXPLANATION))
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)

    def _show_detail(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self.detail.clear()
            return
        row: Permission = self.proxy.data(indexes[0], RECORD_ROLE)
        who = [column_label(c) for c in COLUMNS if grants(row.op, c)]
        text = f"{row.label}: " + (", ".join(who) if who and not row.program_only else "tidak ada pengguna") + "."
        if note := note_text(row):
            text += f" {note}"
        self.detail.setText(text)
