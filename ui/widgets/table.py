"""Tables of records (frozen dataclasses from the core): columns, one model, the one table-view factory, and
reading the selected records back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.plain_text import plain_tooltip

R = TypeVar("R")
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


def apply_widths(view: QTableView, columns: Sequence[Column], stretch: int | None) -> None:
    """Give columns their starting widths (cheaper at start-up than sizing to contents); column `stretch` takes
    the spare width (None: the last column, which keeps its width when space runs out)."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, column in enumerate(columns):
        needed = header_width(view, column.title)
        if column.width or needed > header.defaultSectionSize():
            view.setColumnWidth(i, max(column.width, needed))
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


# Room in a header section besides its title: the style's margins, and the sort arrow of a sortable table (which
# otherwise covers the title's end, as it did "Target TW").
HEADER_MARGIN, SORT_ARROW = 14, 18
WIDEST_QUARTER = "TW III"  # what a "{tw}" in a title becomes at its widest (ui/measurement_table.py)


def header_width(view: QTableView, title: str) -> int:
    """The width a column needs to show its whole title (each line of it) and, when sortable, the sort arrow."""
    metrics = view.horizontalHeader().fontMetrics()
    lines = title.replace("{tw}", WIDEST_QUARTER).split("\n")
    text = max((metrics.horizontalAdvance(line) for line in lines), default=0)
    return text + HEADER_MARGIN + (SORT_ARROW if view.isSortingEnabled() else 0)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records; columns are `Column`s. `RECORD_ROLE` returns the record itself."""

    def __init__(self, columns: Sequence[Column[R]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._texts: dict[tuple[int, int], str] = {}  # views ask for the same cell many times
        self._ranks: dict[int, list[int]] = {}  # per column: each row's place in that column's order

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self._ranks.clear()
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
            return self._sort_ranks(index.column())[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return plain_tooltip(column.tooltip(record))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(record)
            return QColor(colour) if colour else None
        return None

    def _sort_ranks(self, column: int) -> list[int]:
        """Each row's place in `column`'s order, ordered in Python by the column's sort key (or its text).

        The proxy sorts by these plain ints. Handed the keys themselves, it cannot order Python objects such as
        tuples or Decimals: its comparisons then contradict each other, and the C++ sort may write outside its
        range, leaving a row mapped twice and another not at all (a stale, corrupted row mapping).
        """
        ranks = self._ranks.get(column)
        if ranks is None:
            spec = self._columns[column]
            key = spec.sort_key or spec.text
            keys = [key(record) for record in self._rows]
            try:
                order = sorted(range(len(keys)), key=keys.__getitem__)
            except TypeError:  # keys that do not compare (e.g. None beside numbers): their text decides
                order = sorted(range(len(keys)), key=lambda i: str(keys[i]))
            ranks = [0] * len(keys)
            for place, row in enumerate(order):
                ranks[row] = place
            self._ranks[column] = ranks
        return ranks

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


def make_table(
    model: RecordTableModel,
    columns: Sequence[Column],
    stretch: int | None,
    *,
    many: bool = False,
    sortable: bool = True,
    striped: bool = True,
    wrap: bool = True,
    row_height: int | None = None,
) -> QTableView:
    """The read-only, row-selecting table view of the program, over `model`.

    `sortable`: through a proxy that sorts by a clicked header and filters (the core's order until then); without
    it the rows keep the model's order, which then carries meaning. `many` lets several rows be selected
    (Ctrl/Shift). `striped`: alternate row shades (off where rows are marked by colour). Wrapped rows take the
    height of their text once the widths have settled; with `row_height`, or without `wrap`, rows keep one height.
    """
    view = QTableView()
    view.setModel(sorting_proxy(model, view) if sortable else model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if many else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(striped)
    view.setWordWrap(wrap)
    view.verticalHeader().setVisible(False)
    if sortable:
        # The core's order first: no sort indicator before sorting is switched on, which sorts at once by it.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    apply_widths(view, columns, stretch)
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    elif wrap:
        _fit_rows_once_settled(view)
    return view


def _fit_rows_once_settled(view: QTableView) -> None:
    """Wrapped rows get their height once the widths have settled, not at every intermediate resize."""
    view.verticalHeader().setMinimumSectionSize(view.fontMetrics().height() + 10)
    fit = QTimer(view)
    fit.setSingleShot(True)
    fit.setInterval(0)
    fit.timeout.connect(view.resizeRowsToContents)
    view.horizontalHeader().sectionResized.connect(lambda *_: fit.start())
    for signal in (view.model().modelReset, view.model().layoutChanged):
        signal.connect(lambda *_: fit.start())


def selected_records(view: QTableView) -> list[Any]:
    """The records of the selected rows, in view order."""
    rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())
    return [index.data(RECORD_ROLE) for index in rows]


def current_record(view: QTableView) -> Any | None:
    """The record of the row with the cursor (the one a detail panel shows), or None."""
    index = view.selectionModel().currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), index.parent()):
        return None
    return index.data(RECORD_ROLE)


def select_where(view: QTableView, wanted: Callable[[Any], bool]) -> bool:
    """Put the cursor on the first row whose record satisfies `wanted`; False when there is none."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if wanted(index.data(RECORD_ROLE)):
            view.selectRow(row)
            return True
    return False


def marked(columns: Sequence[Column], colour: Callable[[Any], str | None]) -> list[Column]:
    """The same columns, every cell of a row painted with `colour(record)`."""
    return [replace(c, background=colour) for c in columns]
