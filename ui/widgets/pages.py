"""Pages: `LazyPage` builds its content when first shown (start-up pays nothing for it); `ShownPage` reads its
data again only while shown; `PeriodPage` also follows the period and the work; `RecordPage` is a table of
records with Tambah / Ubah / Hapus and a form dialog that saves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.dialogs import FormDialog, confirm
from ui.widgets.forms import hint
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table

# ---- the list page ---------------------------------------------------------------------------------------


class RecordPage(QWidget):
    """A table of records with Tambah / Ubah / Hapus; subclasses say what to load, edit and delete."""

    topic = ""  # what `master_data_changed` announces after a change here
    refresh_on: frozenset[str] = frozenset()  # which announcements make this page reload
    max_column_width = 160  # pixels; longer texts wrap onto a second line

    def __init__(
        self,
        ctx: AppContext,
        columns: Sequence[Column],
        intro: str,
        add_text: str,
        parent: QWidget | None = None,
        *,
        deletable: bool = True,
        stretch_column: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._select_after: int | None = None
        # column -> pixels, for texts that must not wrap or that the first rows do not show yet
        self.min_widths: dict[int, int] = {}
        self._sized = False  # columns are fitted to the first rows once; afterwards the user's widths stay
        self.model = RecordTableModel(columns, self)
        # One column takes the spare width; by default the last, which keeps its width when space runs out.
        self._stretch_column = stretch_column
        self.table = make_table(self.model, columns, stretch_column)
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)  # sortable: the core's order until a header is clicked
        self.proxy = proxy
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(add_text)
        self.edit_button = QPushButton("Ubah")
        self.delete_button = QPushButton("Hapus")
        self.delete_button.setVisible(deletable)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.toolbar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.toolbar.addWidget(button)
        self.toolbar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        ctx.signals.master_data_changed.connect(self._on_master_data_changed)

    # -- what subclasses provide
    def load_rows(self) -> list:
        """The records to show."""
        raise NotImplementedError

    def make_dialog(self, record: Any | None) -> FormDialog:
        """The add (record None) or edit dialog."""
        raise NotImplementedError

    def delete_question(self, record: Any) -> str:
        """The confirmation question for deleting `record`."""
        raise NotImplementedError

    def delete_record(self, record: Any) -> None:
        """Call the core's delete operation."""
        raise NotImplementedError

    # -- behaviour
    def refresh(self) -> None:
        """Reload the records, keeping (or moving to) the selected one."""
        current = self.selected()
        wanted = self._select_after if self._select_after is not None else getattr(current, "id", None)
        self._select_after = None
        ok, rows = attempt(self, self.load_rows)
        self.model.set_rows(rows if ok and rows is not None else [])
        if wanted is not None:
            self.select_id(wanted)
        if not self._sized and self.model.rowCount():
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                if column != self._stretch_column:
                    width = min(self.table.columnWidth(column), self.max_column_width)
                    self.table.setColumnWidth(column, max(width, self.min_widths.get(column, 0)))
            self._sized = True
        self._update_buttons()

    def selected(self) -> Any | None:
        """The record of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(RECORD_ROLE) if rows else None

    def select_id(self, record_id: int) -> bool:
        """Select the row of the record with this id; False when it is not shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if getattr(index.data(RECORD_ROLE), "id", None) == record_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().select(index, flags)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def add(self) -> None:
        self._run_dialog(None)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self._run_dialog(record)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None or not confirm(self, "Konfirmasi hapus", self.delete_question(record), "Hapus"):
            return
        ok, _ = attempt(self, lambda: self.delete_record(record))
        if ok:
            self.announce_change()

    def announce_change(self, select_id: int | None = None) -> None:
        """Tell every screen that this master data changed (this page reloads through the same signal)."""
        self._select_after = select_id
        self.ctx.signals.master_data_changed.emit(self.topic)

    def _run_dialog(self, record: Any | None) -> None:
        dialog = self.make_dialog(record)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.announce_change(dialog.saved_id)
        finally:
            dialog.deleteLater()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_master_data_changed(self, what: str) -> None:
        if what in self.refresh_on:
            self.refresh()


class LazyPage(QWidget):
    """Holds `build()`'s widget once the page is first shown; `content` is None until then.

    The content sits in a frameless scroll area: on a small screen (1366×768 less the taskbar) a page taller or
    wider than the room scrolls, instead of growing the main window past the screen or squeezing its rows and
    buttons on top of each other.
    """

    def __init__(self, build: Callable[[], QWidget], parent=None) -> None:
        super().__init__(parent)
        self._build = build
        self.content: QWidget | None = None
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.scroller)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_built()

    def ensure_built(self) -> QWidget:
        """Build the content now if it is not there yet."""
        if self.content is None:
            self.content = self._build()
            self.scroller.setWidget(self.content)
        return self.content


class ShownPage(QWidget):
    """A page whose `refresh()` reads its data at once while shown, and otherwise when it is next shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read again what the page shows (later, if it is hidden)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.reload()

    def reload(self) -> None:
        """Read the data and redraw; subclasses provide it."""
        raise NotImplementedError


class YearPage(ShownPage):
    """A page of the status bar's year (issue 13: a picker of its own could disagree with it). Another year chosen
    there is read at once while the page is shown, otherwise when it is next shown; a new quarter alone changes
    nothing. The page reads its year in its constructor and says which year it shows (`shown_year`)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False  # read by the page's constructor
        ctx.signals.period_changed.connect(lambda *_: self._follow_year())

    def shown_year(self) -> int | None:
        """The year the page shows now (None: nothing read yet); subclasses provide it."""
        raise NotImplementedError

    def _follow_year(self) -> None:
        if self.shown_year() != self.ctx.year:
            self.refresh()
        else:
            self._stale = False  # back to the year shown while the page was hidden: nothing to read


class PeriodPage(ShownPage):
    """Redraws on a new period or after any change of work; while hidden it waits until shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._own_change = False
        self.message = plain_label()  # what the last action here did; cleared when someone else changes the work
        self.message.setWordWrap(True)
        ctx.signals.period_changed.connect(self.period_changed)
        ctx.signals.work_changed.connect(self.refresh)

    def period_changed(self, *_: int) -> None:
        """Another year or quarter was chosen."""
        self.refresh()

    def refresh(self) -> None:
        """Read again what the page shows (later, if it is hidden); the message stays only after its own action."""
        if self.isVisible():
            if not self._own_change:
                self.message.clear()
            self._own_change = False
        super().refresh()

    def changed(self) -> None:
        """After an action: every screen redraws (this one included, keeping its message)."""
        self._own_change = self.isVisible()
        self.ctx.signals.work_changed.emit()
