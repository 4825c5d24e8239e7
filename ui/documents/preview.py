"""The preview window: the pages of a generated document, page navigation, zoom, and the print/save/open actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from ui.documents.pdfpages import PdfPages
from ui.widgets.screen import resize_to_fit

ZOOMS = (("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("125%", 1.25), ("150%", 1.5), ("200%", 2.0))
SCREEN_SCALE = 96 / 72  # a point at 100% zoom on a 96-dpi screen


class PreviewDialog(QDialog):
    """Shows one document page by page; the buttons call back into the Dokumen page (which records the printing)."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        *,
        on_print: Callable[[], object],
        on_save: Callable[[], object],
        on_open: Callable[[], object],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Pratinjau – {title}")
        self.pages = PdfPages(pdf)
        self.index = 0
        self.zoom = 1.0
        scroll = self._build_page_view()
        bar = self._build_bar(on_print, on_save, on_open)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.show_page(self.index + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.show_page(self.index - 1))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        resize_to_fit(self, 980, 820)
        self.show_page(0)

    def _build_page_view(self) -> QScrollArea:
        """The page image on a grey ground, scrolled."""
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: #7a7a7a; padding: 12px;")
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return scroll

    def _build_bar(
        self, on_print: Callable[[], object], on_save: Callable[[], object], on_open: Callable[[], object]
    ) -> QHBoxLayout:
        """Page navigation and zoom on the left; print, save, open elsewhere and close on the right."""
        self.first_button = QPushButton("Pertama")
        self.prev_button = QPushButton("◀ Sebelumnya")
        self.page_label = QLabel()
        self.next_button = QPushButton("Berikutnya ▶")
        self.last_button = QPushButton("Terakhir")
        self.zoom_box = QComboBox()
        for text, value in ZOOMS:
            self.zoom_box.addItem(text, value)
        self.zoom_box.setCurrentIndex(2)
        self.print_button = QPushButton("Cetak…")
        self.save_button = QPushButton("Simpan PDF…")
        self.open_button = QPushButton("Buka di aplikasi lain")
        close = QPushButton("Tutup")

        self.first_button.clicked.connect(lambda: self.show_page(0))
        self.prev_button.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.index + 1))
        self.last_button.clicked.connect(lambda: self.show_page(len(self.pages) - 1))
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.set_zoom(self.zoom_box.currentData()))
        self.print_button.clicked.connect(on_print)
        self.save_button.clicked.connect(on_save)
        self.open_button.clicked.connect(on_open)
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        for w in (self.first_button, self.prev_button, self.page_label, self.next_button, self.last_button):
            bar.addWidget(w)
        bar.addWidget(QLabel("Perbesaran:"))
        bar.addWidget(self.zoom_box)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, self.open_button, close):
            bar.addWidget(w)
        return bar

    def show_page(self, index: int) -> None:
        """Show page `index` (0-based), clamped to the document."""
        self.index = max(0, min(index, len(self.pages) - 1))
        image = self.pages.image(self.index, self.zoom * SCREEN_SCALE)
        self.image.setPixmap(QPixmap.fromImage(image))
        self.page_label.setText(f"Halaman {self.index + 1} dari {len(self.pages)}")
        self.first_button.setEnabled(self.index > 0)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.pages) - 1)
        self.last_button.setEnabled(self.index < len(self.pages) - 1)

    def set_zoom(self, zoom: float) -> None:
        """Change the zoom and redraw the page."""
        self.zoom = zoom
        self.show_page(self.index)

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)
