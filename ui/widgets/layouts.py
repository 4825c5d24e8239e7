"""Taking widgets out of a layout that is rebuilt: a widget only `deleteLater`'d stays a shown child of its parent
until the event loop reaches the deletion (later still inside a nested loop or `processEvents`), so the old labels
are painted under the new ones. Here a discarded widget is hidden at once and deleted by the event loop."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLayout, QWidget


def discard(widget: QWidget) -> None:
    """Gone from the screen now, deleted by the event loop."""
    widget.hide()
    widget.deleteLater()


def clear_layout(layout: QLayout, keep: Iterable[QWidget] = ()) -> None:
    """Empty `layout` (nested layouts too); its widgets are discarded except those in `keep`, which are only taken
    out to be placed again."""
    kept = {id(w) for w in keep}
    while (item := layout.takeAt(0)) is not None:
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if id(widget) not in kept:
                discard(widget)
        elif inner is not None:
            clear_layout(inner, keep)
            inner.deleteLater()
