"""Small helpers shared by the settings forms."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def error_label() -> QLabel:
    """A red, wrapped label for validation messages (hidden until used)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#b00020; font-weight:bold;")
    label.hide()
    return label


def saved_label() -> QLabel:
    """A green label confirming a save (hidden until used)."""
    label = QLabel()
    label.setStyleSheet("color:#1b5e20;")
    label.hide()
    return label
