"""The one place that turns core exceptions into dialogs."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sakip_desktop.errors import UserError

T = TypeVar("T")
log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Tidak dapat dilanjutkan") -> None:
    """A user error shows its own message; anything else is a bug and says so."""
    if isinstance(exc, UserError):
        # Messages name records, files and people: shown as plain text, never as markup.
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return
    log.error("Kesalahan program", exc_info=exc)
    detail = "".join(traceback.format_exception(exc))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Kesalahan program",
        "Terjadi kesalahan di dalam program. Data yang sudah tersimpan aman; "
        "perubahan terakhir tidak disimpan.\n\nSampaikan rincian di bawah kepada pengelola aplikasi.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(detail)
    box.exec()


def attempt(parent: QWidget | None, action: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `action`; on an error show it and return (False, None)."""
    try:
        return True, action()
    except Exception as exc:
        show_error(parent, exc)
        return False, None
