"""Data is shown as it was typed, never as markup.

A QLabel (and a QMessageBox) guesses whether its text is HTML; a name like `<font size=80>X</font>` or an office
name with an `<img src=…>` would be rendered, and a local image loaded. A label that shows data is made plain
(`plain`); a label that mixes its own markup with data escapes the data (`esc`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def plain(label: QLabel) -> QLabel:
    """Make `label` show its text literally, whatever it holds; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "") -> QLabel:
    """A label that shows `text` (data) literally."""
    return plain(QLabel(text))


def rich(label: QLabel) -> QLabel:
    """Make `label` render its text as HTML: every piece of data in it must go through `esc`; returns it."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def esc(text: object) -> str:
    """`text` escaped for a rich-text label, line breaks kept."""
    return html.escape(str(text)).replace("\n", "<br>")


def plain_box(box: QMessageBox) -> QMessageBox:
    """Make a message box show its text literally (its text names records, files, people); returns it."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt renders a tooltip that looks like HTML as HTML."""
    from PySide6.QtGui import Qt as QtGuiNamespace  # on first use: building this namespace costs start-up ~40 ms

    if not text or not QtGuiNamespace.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{esc(text)}</p>"


__all__ = ["esc", "plain", "plain_box", "plain_label", "plain_tooltip", "rich"]
