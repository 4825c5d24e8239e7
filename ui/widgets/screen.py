"""Windows that fit the screen they open on: the office laptop is 1366×768 with a taskbar, some 1280×720.

Imports Qt only: the main window uses it at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window: the title bar and the borders (Windows 10/11 at 100%: 31 + 2×8).
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def room(widget: QWidget | None = None) -> QSize:
    """The largest window (without its frame) that fits the available part of the screen (the taskbar left out)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    return QSize(available.width() - FRAME_WIDTH, available.height() - FRAME_HEIGHT)


def fitting(widget: QWidget | None, width: int, height: int) -> QSize:
    """`width`×`height`, made smaller where the screen has less room."""
    space = room(widget)
    return QSize(min(width, space.width()), min(height, space.height()))


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to `width`×`height`, or less where the screen is smaller (it then stays on the screen)."""
    widget.resize(fitting(widget.parentWidget() or widget, width, height))


def show_fitting(window: QWidget, width: int, height: int) -> None:
    """Show a main window at `width`×`height`; maximised where the screen has less room (the office laptop)."""
    space = room(window)
    if space.width() < width or space.height() < height:
        window.showMaximized()
    else:
        window.show()
