"""Basis data: where the file is, its version, and a check of its integrity."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.storage.migrations import SCHEMA_VERSION
from sakip_desktop.storage.sqlitefile import check_file
from ui.context import AppContext


class DatabasePage(QWidget):
    """Shows the database file and checks it on request."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = QLabel(str(ctx.db_path))
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setWordWrap(True)
        self.size = QLabel()
        self.version = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        open_folder = QPushButton("Buka folder")
        open_folder.clicked.connect(self.open_folder)
        check = QPushButton("Periksa basis data")
        check.clicked.connect(self.check)
        form = QFormLayout()
        form.addRow("Berkas:", self.path)
        form.addRow("Ukuran:", self.size)
        form.addRow("Versi skema:", self.version)
        buttons = QHBoxLayout()
        buttons.addWidget(open_folder)
        buttons.addWidget(check)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Basis data</h3>Semua data kantor tersimpan dalam satu berkas ini."))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """File size and schema version."""
        size_kb = self.ctx.db_path.stat().st_size / 1024
        self.size.setText(f"{formats.number(size_kb, 0)} KB")
        self.version.setText(f"{SCHEMA_VERSION}")

    def folder_url(self) -> QUrl:
        """The folder holding the database, as a URL for the file manager."""
        return QUrl.fromLocalFile(str(self.ctx.db_path.parent))

    def open_folder(self) -> None:
        """Open the folder in the system's file manager."""
        QDesktopServices.openUrl(self.folder_url())

    def check(self) -> bool:
        """Run the integrity check and show the result."""
        result = check_file(self.ctx.db_path, SCHEMA_VERSION)
        if result.ok:
            self.result.setText("✔ Basis data baik: pemeriksaan integritas dan rujukan data tidak menemukan masalah.")
            self.result.setStyleSheet("color:#1b5e20;")
        else:
            self.result.setText("Masalah ditemukan:\n" + "\n".join(result.problems))
            self.result.setStyleSheet("color:#b00020;")
        self.refresh()
        return result.ok
