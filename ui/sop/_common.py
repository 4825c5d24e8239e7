"""Helpers shared by the SOP screens: times as the office reads them, tables, reason prompts, files."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.sop.timer import Elapsed
from ui.context import AppContext
from ui.plain_text import plain_box, plain_label
from ui.settings._crud import DASH, FormDialog, hint
from ui.table import Column

OPEN_COLOUR = "#fff4d6"  # a step still under way
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def when(moment: dt.datetime | None) -> str:
    """'1 Sep 2025 09.05' (local time, Indonesian style), or a dash."""
    if moment is None:
        return DASH
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} {moment:%H.%M}"


def short_when(moment: dt.datetime | None) -> str:
    """'1 Sep 09.05' for tables whose year is said above them, or a dash."""
    if moment is None:
        return DASH
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment:%H.%M}"


def period_text(year: int, quarter: int | None) -> str:
    """'Triwulan III 2025' or 'Tahunan 2025'."""
    return f"Triwulan {ROMAN[quarter - 1]} {year}" if quarter else f"Tahunan {year}"


def standard_text(label: str, took: Elapsed) -> str:
    """The standard as the office says it: day standards count working days."""
    if took.standard is not None and took.standard.is_working_days:
        return f"{label} kerja"
    return label


def marked(columns: Sequence[Column], colour: Callable[[Any], str | None]) -> list[Column]:
    """The same columns, every cell of a row painted with `colour(record)`."""
    return [replace(c, background=colour) for c in columns]


class ReasonDialog(FormDialog):
    """Asks for a text (a reason, a note) and hands it to `action`; the core's refusal keeps it open."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        prompt: str,
        action: Callable[[str], Any],
        accept_text: str = "Simpan",
        parent: QWidget | None = None,
        text: str = "",
    ) -> None:
        super().__init__(ctx, title, parent)
        self._action = action
        self.save_button.setText(accept_text)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumWidth(440)
        self.text_edit.setFixedHeight(110)
        for name in ("reason", "note", "notes"):
            self.fields[name] = self.text_edit
        body = QVBoxLayout()
        label = plain_label(prompt)
        label.setWordWrap(True)
        body.addWidget(label)
        body.addWidget(self.text_edit)
        self.finish_layout(body)
        self.text_edit.setFocus()

    def save(self) -> int:
        self._action(self.text_edit.toPlainText())
        return 0


class TextDialog(QDialog):
    """A long message (e.g. every error of an imported file) in a scrollable, copyable text."""

    def __init__(self, title: str, intro: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox()
        buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)


# ---- files ------------------------------------------------------------------------------------------------


def documents_dir() -> Path:
    """Where save dialogs start."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> Path | None:
    """The file chosen in a save dialog, or None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(documents_dir() / file_name), file_filter)
    if not name:
        return None
    path = Path(name)
    wanted = Path(file_name).suffix
    return path if path.suffix.lower() == wanted else path.with_name(path.name + wanted)


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    """The file chosen in an open dialog, or None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(documents_dir()), file_filter)
    return Path(name) if name else None


def open_file(path: Path) -> None:
    """Open a file with the program the computer uses for its kind."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def temp_copy(name: str, data: bytes, folder: str) -> Path:
    """Write `data` under its own name in a private temporary folder (so it opens with the right program)."""
    target = Path(tempfile.gettempdir()) / "sakip_lampiran" / folder
    target.mkdir(parents=True, exist_ok=True)
    path = target / Path(name).name
    path.write_bytes(data)
    return path


def offer_to_open(parent: QWidget, title: str, text: str, path: Path) -> bool:
    """Say where a file was written and offer to open it; True when it was opened."""
    box = plain_box(QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent))
    open_button = box.addButton("Buka", QMessageBox.ButtonRole.AcceptRole)
    close_button = box.addButton("Tutup", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(close_button)
    box.exec()
    if box.clickedButton() is open_button:
        open_file(path)
        return True
    return False
