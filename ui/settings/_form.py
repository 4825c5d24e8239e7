"""Small helpers shared by the settings forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from sakip_desktop.errors import ValidationError
from ui.errors import show_error
from ui.plain_text import plain_label


def error_label() -> QLabel:
    """A red, wrapped label for validation messages (hidden until used); messages name records: plain text."""
    label = plain_label()
    label.setWordWrap(True)
    label.setStyleSheet("color:#b00020; font-weight:bold;")
    label.hide()
    return label


def saved_label() -> QLabel:
    """A green label confirming a save (hidden until used)."""
    label = plain_label()
    label.setStyleSheet("color:#1b5e20;")
    label.hide()
    return label


def save_row(saved: QLabel, on_save: Callable[[], object], *leading: QWidget) -> QHBoxLayout:
    """The row under a settings form: `leading` buttons, the 'saved' confirmation, and 'Simpan' on the right."""
    save = QPushButton("Simpan")
    save.clicked.connect(on_save)
    row = QHBoxLayout()
    for widget in (*leading, saved):
        row.addWidget(widget)
    row.addStretch(1)
    row.addWidget(save)
    return row


def save_inline(
    parent: QWidget,
    action: Callable[[], object],
    error: QLabel,
    saved: QLabel,
    done: str,
    on_invalid: Callable[[ValidationError], None] | None = None,
) -> bool:
    """Run a form's save: a `ValidationError` is said in red in `error` (then `on_invalid`, e.g. to focus the
    field), any other failure in a dialog; on success `done` shows in green in `saved`. True when saved."""
    saved.hide()
    try:
        action()
    except ValidationError as exc:
        error.setText(exc.message)
        error.show()
        if on_invalid is not None:
            on_invalid(exc)
        return False
    except Exception as exc:
        show_error(parent, exc)
        return False
    error.hide()
    saved.setText(done)
    saved.show()
    return True
