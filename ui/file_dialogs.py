"""Choosing a file or a folder with the system's dialog, spoken in Indonesian.

Qt ships no Indonesian translation of its own file dialog; on Linux it would say "Look in", "File name" and
"Cancel". Windows' native dialog speaks the language of Windows itself and is kept there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Cari di:",
    QFileDialog.DialogLabel.FileName: "Nama berkas:",
    QFileDialog.DialogLabel.FileType: "Jenis berkas:",
    QFileDialog.DialogLabel.Reject: "Batal",
}


def _dialog(parent: QWidget | None, title: str, start: Path | None) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start or Path.home()))
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        for label, text in _LABELS.items():
            dialog.setLabelText(label, text)
    return dialog


def choose_existing_file(parent: QWidget | None, title: str, start: Path | None, filters: list[str]) -> Path | None:
    """One existing file, or None when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    if sys.platform != "win32":
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Buka")
    return _run(dialog)


def choose_folder(parent: QWidget | None, title: str, start: Path | None) -> Path | None:
    """One existing folder, or None when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if sys.platform != "win32":
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Pilih")
    return _run(dialog)


def _run(dialog: QFileDialog) -> Path | None:
    """Show the dialog, then delete it on the GUI thread at once (with its file-system watcher), rather than
    whenever its parent goes."""
    try:
        chosen = dialog.selectedFiles() if dialog.exec() else []
    finally:
        dialog.deleteLater()
    return Path(chosen[0]) if chosen else None
