"""Plumbing shared by the master-data pages: a table with a button bar, and a form dialog that saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.errors import ValidationError
from ui.context import AppContext
from ui.errors import attempt, show_error
from ui.plain_text import plain_box, plain_label
from ui.settings._form import error_label
from ui.table import RECORD_ROLE, Column, RecordTableModel, sorting_proxy

INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
HINT_STYLE = "color: #5f6368;"
DASH = "—"


# ---- small widget helpers -------------------------------------------------------------------------------


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date field showing '17 Januari 2024' with an Indonesian calendar popup."""
    edit = QDateEdit(parent)
    edit.setLocale(INDONESIAN)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setMinimumDate(QDate(1940, 1, 1))
    edit.calendarWidget().setLocale(INDONESIAN)
    edit.setMinimumWidth(170)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    """The date a `QDateEdit` holds, as a Python date."""
    return edit.date().toPython()


def set_date(edit: QDateEdit, day: dt.date) -> None:
    """Put a Python date into a `QDateEdit`."""
    edit.setDate(QDate(day.year, day.month, day.day))


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], current: Any = None) -> None:
    """Replace a combo's entries with (text, data) pairs and select the one whose data is `current`."""
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    select_data(combo, current)


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the entry whose data equals `value` (the first entry when none does)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return
    combo.setCurrentIndex(0 if combo.count() else -1)


def hint(text: str) -> QLabel:
    """A quiet explanatory line (plain text: some show names or codes)."""
    label = plain_label(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def form_layout() -> QFormLayout:
    """A form whose fields grow and whose labels sit right-aligned beside them."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def confirm(parent: QWidget | None, title: str, text: str, accept_text: str) -> bool:
    """Ask before a destructive step; the safe answer ("Batal") is the default."""
    box = plain_box(QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent))
    yes = box.addButton(accept_text, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


# ---- the form dialog ------------------------------------------------------------------------------------


class FormDialog(QDialog):
    """A dialog whose "Simpan" runs `save()`; a `ValidationError` keeps it open and points at the field."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self.problem = error_label()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, body: QLayout) -> None:
        """Put the body above the message line and the buttons."""
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.problem)
        outer.addWidget(self.buttons)

    def save(self) -> int:
        """Call the core operation; return the id of the saved record."""
        raise NotImplementedError

    def field_widget(self, name: str | None) -> QWidget | None:
        """The widget to focus for a core field name."""
        return self.fields.get(name or "")

    def accept(self) -> None:
        self.problem.setVisible(False)
        try:
            self.saved_id = self.save()
        except ValidationError as exc:
            self.show_problem(exc.message, exc.field)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        super().accept()

    def show_problem(self, message: str, field: str | None = None) -> None:
        """Show why saving failed inside the dialog and put the cursor where the fix goes."""
        self.problem.setText(message)
        self.problem.setVisible(True)
        widget = self.field_widget(field)
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem_text(self) -> str:
        """The message currently shown ('' when none)."""
        return self.problem.text() if self.problem.isVisibleTo(self) else ""


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
        self.proxy = sorting_proxy(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # Keep the core's order until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # One column takes the spare width; by default the last, which keeps its width when space runs out.
        self._stretch_column = stretch_column
        if stretch_column is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        # Wrapped rows get their height once the column widths have settled, not at every intermediate resize.
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())
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
        self._fit_rows.start()
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


def text_or_dash(text: str) -> str:
    """An empty cell reads as a dash."""
    return text or DASH
