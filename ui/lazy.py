"""Pages that do their work only when shown: `LazyPage` builds its content the first time it is shown (start-up
pays nothing for it); `ShownPage` reads its data again only while it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds `build()`'s widget once the page is first shown; `content` is None until then."""

    def __init__(self, build: Callable[[], QWidget], parent=None) -> None:
        super().__init__(parent)
        self._build = build
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_built()

    def ensure_built(self) -> QWidget:
        """Build the content now if it is not there yet."""
        if self.content is None:
            self.content = self._build()
            self._layout.addWidget(self.content)
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
