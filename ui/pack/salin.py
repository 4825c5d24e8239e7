"""The lembar salin on screen: a year's quarterly figures in the kabupaten web form's column order, one tab per
quarter (opened on the status bar's quarter), to copy from while typing them in; and "Simpan .xlsx…". A quarter
whose figures the Camat has not all approved says so in red above its table (DRAF, which indicators)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.documents.pack_salin import SalinQuarter
from sakip_desktop.documents.request import SheetTable
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_save_path


class SalinDialog(QDialog):
    """The lembar salin of `year`: a tab per quarter."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from sakip_desktop.documents.pack_salin import salin_quarters

        self.ctx, self.year = ctx, year
        self.setWindowTitle(f"Lembar salin capaian triwulan {year}")
        self.resize(1200, 620)
        self.ask_path: Callable[[str, str, str], Path | None] = lambda t, n, f: ask_save_path(self, t, n, f)
        self.tabs = QTabWidget()
        _ok, parts = attempt(self, lambda: salin_quarters(ctx.db, year))
        self.parts: list[SalinQuarter] = parts or []
        self.tables: list[SheetTable] = [part.table for part in self.parts]
        self.warnings: list[QLabel] = []
        for part in self.parts:
            self.tabs.addTab(self._page(part), part.table.sheet + (" (DRAF)" if part.pending else ""))
        if ctx.year == year and 1 <= ctx.quarter <= len(self.parts):
            self.tabs.setCurrentIndex(ctx.quarter - 1)
        intro = plain_label()
        intro.setWordWrap(True)
        intro.setText(
            "Urutan kolom mengikuti formulir isian e-SAKIP Kabupaten: kode, indikator, target, realisasi, capaian, "
            "faktor, tindak lanjut. Pilih sel lalu Ctrl+C untuk menyalin."
        )
        save = QPushButton("Simpan .xlsx…")
        save.clicked.connect(self.save_xlsx)
        close = QPushButton("Tutup")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(save)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _page(self, part: SalinQuarter) -> QWidget:
        """A quarter's tab: the warning (when figures wait for the Camat's approval) over its table."""
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 4, 0, 0)
        warning = plain_label()
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #a61b1b; font-weight: bold;")
        warning.setText(
            f"{part.warning}. Angka ini belum final; salin setelah disetujui Camat, atau beri tahu verifikator."
            if part.pending
            else ""
        )
        warning.setVisible(bool(part.pending))
        self.warnings.append(warning)
        box.addWidget(warning)
        box.addWidget(_grid(part.table), 1)
        return page

    def save_xlsx(self) -> Path | None:
        """Write the lembar salin (.xlsx) to a chosen file."""
        from sakip_desktop.documents.pack_salin import salin_workbook
        from sakip_desktop.files import write_atomically

        path = self.ask_path("Simpan lembar salin", f"Lembar salin capaian triwulan - {self.year}.xlsx",
                             "Buku kerja Excel (*.xlsx)")  # fmt: skip
        if path is None:
            return None
        ok, _ = attempt(self, lambda: write_atomically(path, salin_workbook(self.ctx.db, self.year)))
        return path if ok else None


def _grid(table: SheetTable) -> QTableWidget:
    grid = QTableWidget(len(table.rows), len(table.header_rows[0]))
    grid.setHorizontalHeaderLabels(list(table.header_rows[0]))
    grid.verticalHeader().setVisible(False)
    grid.setWordWrap(True)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text or "")
            if c in table.numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.setItem(r, c, item)
    metrics = grid.horizontalHeader().fontMetrics()
    for c, width in enumerate(table.widths):
        grid.setColumnWidth(c, max(int(width * 6.5), metrics.horizontalAdvance(table.header_rows[0][c]) + 16))
    grid.horizontalHeader().setStretchLastSection(True)
    grid.resizeRowsToContents()
    return grid
