"""Rows of a tree (or table) as tall as their wrapped text: long names of sasaran, indicators and LKj parts are read
whole on a 1366-px screen instead of ending in "…"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

# Room the style takes around a cell's text (margins and focus frame), in pixels.
TEXT_MARGIN = 12


class WrappingDelegate(QStyledItemDelegate):
    """Draws as usual; its size hint wraps the text at the column's width (less the tree's indentation)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """How wide the text of `index` may be drawn."""
        view = self.view
        width = view.columnWidth(index.column()) if hasattr(view, "columnWidth") else view.viewport().width()
        if isinstance(view, QTreeView) and index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        return max(width - TEXT_MARGIN, 40)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        bounds = QFontMetrics(styled.font).boundingRect(
            QRect(0, 0, self.text_width(index), 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))


def wrap_rows(view: QTreeView) -> None:
    """Let the tree's rows wrap their text and grow to it, and lay them out again when a column is resized."""
    view.setWordWrap(True)
    view.setUniformRowHeights(False)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setItemDelegate(WrappingDelegate(view))
    view.header().sectionResized.connect(lambda *_: view.doItemsLayout())
