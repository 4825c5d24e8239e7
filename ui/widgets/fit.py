"""Pages that take the room they are given: shown in a tool's scroll area (`LazyPage`), such a page is laid out at
the height of the window's free part and scrolls only below its minimum, so its tables shrink instead of pushing
what is under them (the buttons of a form, a second table) below the fold of the office laptop (1366×768)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


class FitsItsRoom(QWidget):
    """A page whose height, for a width, is its layout's minimum there.

    A scroll area that resizes its widget asks a layout with wrapping labels for its height at the width
    (`heightForWidth`); Qt answers with the height the parts would like (their size hints), so a page with a
    table became taller than the room and scrolled its buttons away. Its minimum is what it really needs.
    """

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.minimumHeightForWidth(width)
        return super().heightForWidth(width)


class HoldsItsLines(QWidget):
    """A part (of a splitter) whose minimum height counts the lines of its wrapped labels at its width.

    A splitter never makes a part smaller than the part's minimum size hint, but Qt computes that hint without the
    extra lines of a wrapped label: a form squeezed to it cut its warning mid-sentence and flattened the button
    under it (the Kasi's "Isi per desa…", tester finding F1).
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            hint.setHeight(max(hint.height(), layout.minimumHeightForWidth(self.width())))
        return hint
