"""The one table view of the program sorts by each column's key, whatever Python value the key is."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt

from ui.widgets.table import Column, RecordTableModel, make_table


@dataclass(frozen=True)
class Row:
    group: int
    order: int
    amount: Decimal | None


COLUMNS = [
    Column[Row]("Kelompok", lambda r: f"K{r.group}", lambda r: (r.group, r.order)),  # a tuple key
    Column[Row]("Jumlah", lambda r: str(r.amount or "—"), lambda r: r.amount),  # Decimals beside None
    Column[Row]("Urutan", lambda r: str(r.order)),  # no key: the text
]


def _rows() -> list[Row]:
    rows = [Row(i % 7, i, None if i % 5 == 0 else Decimal(i * 37 % 101) / 4) for i in range(120)]
    random.Random(11).shuffle(rows)
    return rows


def _shown(view, column: int = 0) -> list[Row]:
    model = view.model()
    return [model.index(r, column).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]


def test_a_new_table_shows_every_row_once_in_the_cores_order(qtbot):
    # GIVEN rows whose first column sorts by a tuple
    model = RecordTableModel(COLUMNS)
    rows = _rows()
    model.set_rows(rows)
    # WHEN the table is made (sorting switched on, no header clicked yet)
    view = make_table(model, COLUMNS, 2)
    qtbot.addWidget(view)
    # THEN it shows the rows as the core gave them, each once
    assert _shown(view) == rows


def test_clicking_a_header_sorts_by_the_columns_key(qtbot):
    model = RecordTableModel(COLUMNS)
    rows = _rows()
    view = make_table(model, COLUMNS, 2)
    qtbot.addWidget(view)
    model.set_rows(rows)
    # WHEN the person sorts by "Kelompok" (a tuple key) THEN the rows follow the key
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == sorted(rows, key=lambda r: (r.group, r.order))
    # AND descending reverses it
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown(view) == sorted(rows, key=lambda r: (r.group, r.order), reverse=True)
    # WHEN by "Jumlah", where empty amounts sit beside numbers THEN by the text of the key, each row once
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == sorted(rows, key=lambda r: str(r.amount))
    # WHEN by "Urutan", which has no key THEN by its text
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _shown(view) == sorted(rows, key=lambda r: str(r.order))
    # AND new rows are sorted by their own keys
    model.set_rows(rows[:50])
    assert _shown(view) == sorted(rows[:50], key=lambda r: str(r.order))
