"""One table model for lists of records (frozen dataclasses from the core)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.plain_text import plain_tooltip

R = TypeVar("R")
OVER_COLOUR = "#fde0dc"  # a row that is late (over its standard time)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header, how to show a record, and optionally how to sort it."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None
    width: int = 0  # starting width in pixels; 0 lets the view decide
    background: Callable[[R], str | None] | None = None  # a colour name (e.g. "#fde0dc") to mark a row; None: plain


def apply_widths(view, columns: Sequence[Column], stretch: int) -> None:
    """Give columns their starting widths (cheaper at start-up than sizing to contents)."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, column in enumerate(columns):
        if column.width:
            view.setColumnWidth(i, column.width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records; columns are `Column`s. `RECORD_ROLE` returns the record itself."""

    def __init__(self, columns: Sequence[Column[R]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._texts: dict[tuple[int, int], str] = {}  # views ask for the same cell many times

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def rows(self) -> list[R]:
        """The records, in model order."""
        return list(self._rows)

    def record(self, row: int) -> R:
        """The record of a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = column.text(record)
            return text
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return plain_tooltip(column.tooltip(record))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(record)
            return QColor(colour) if colour else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


def sorting_proxy(model: RecordTableModel, parent=None) -> QSortFilterProxyModel:
    """A proxy that sorts by each column's sort key and filters on any column's text."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def make_table(model: RecordTableModel, columns: Sequence[Column], stretch: int) -> QTableView:
    """A read-only, row-selecting, sortable table view over `model`."""
    view = QTableView()
    view.setModel(sorting_proxy(model, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 10)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order first
    apply_widths(view, columns, stretch)
    # Wrapped rows get their height once the widths have settled, not at every intermediate resize.
    fit = QTimer(view)
    fit.setSingleShot(True)
    fit.setInterval(0)
    fit.timeout.connect(view.resizeRowsToContents)
    view.horizontalHeader().sectionResized.connect(lambda *_: fit.start())
    for signal in (view.model().modelReset, view.model().layoutChanged):
        signal.connect(lambda *_: fit.start())
    return view
