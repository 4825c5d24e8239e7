"""The kelengkapan of a step: a tick per item, a reference (rujukan) and an attached file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from sakip_desktop.ops.sop.views import ChecklistItem
from ui.plain_text import plain_label, plain_tooltip
from ui.widgets.forms import HINT_STYLE
from ui.widgets.layouts import clear_layout

LINK_HINT = "Rujukan: nomor surat, nama dokumen atau data yang dipakai"


@dataclass
class ItemRow:
    """The widgets of one item."""

    check: QCheckBox
    who: QLabel
    link: QLineEdit
    attach_button: QPushButton
    file_label: QLabel
    open_button: QPushButton
    stored_link: str = ""


class ChecklistPanel(QWidget):
    """Rows of items; tells its owner what the person did through the callbacks."""

    def __init__(
        self,
        on_tick: Callable[[int, bool], None],
        on_link: Callable[[int, str], None],
        on_attach: Callable[[int], None],
        on_open: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_tick, self._on_link, self._on_attach, self._on_open = on_tick, on_link, on_attach, on_open
        self.rows: list[ItemRow] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.empty = QLabel("Langkah ini tidak mensyaratkan kelengkapan.")
        self.empty.setStyleSheet(HINT_STYLE)

    def build(self, items: tuple[ChecklistItem, ...]) -> None:
        """Make one row per item (done once per step)."""
        clear_layout(self.grid, keep=(self.empty,))
        self.rows = []
        if not items:
            self.grid.addWidget(self.empty, 0, 0, 1, 2)
            self.empty.show()
            return
        self.empty.hide()
        for item in items:
            self._add_row(item)

    def _add_row(self, item: ChecklistItem) -> None:
        index = item.index
        check = QCheckBox(item.text)
        check.setToolTip(plain_tooltip(item.text))
        check.toggled.connect(lambda checked: self._on_tick(index, checked))
        who = plain_label()
        who.setStyleSheet(HINT_STYLE)
        link = QLineEdit()
        link.setPlaceholderText(LINK_HINT)
        link.editingFinished.connect(lambda: self._link_done(index))
        attach = QPushButton("Lampirkan berkas…")
        attach.setAutoDefault(False)
        attach.clicked.connect(lambda: self._on_attach(index))
        file_label = plain_label()
        file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton("Buka")
        open_button.setAutoDefault(False)
        open_button.clicked.connect(lambda: self._on_open(index))
        row = ItemRow(check, who, link, attach, file_label, open_button)
        self.rows.append(row)
        top = len(self.rows) * 3 - 3
        self.grid.addWidget(check, top, 0, 1, 2)
        self.grid.addWidget(who, top, 2, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(QLabel("Rujukan:"), top + 1, 0, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(link, top + 1, 1, 1, 2)
        files = QWidget()
        line = QHBoxLayout(files)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(attach)
        line.addWidget(file_label, 1)
        line.addWidget(open_button)
        self.grid.addWidget(QLabel("Berkas:"), top + 2, 0, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(files, top + 2, 1, 1, 2)

    def show_items(self, items: tuple[ChecklistItem, ...], editable: bool) -> None:
        """Show the stored state of each item; only the person doing the step may change it."""
        for row, item in zip(self.rows, items, strict=True):
            row.check.blockSignals(True)
            row.check.setChecked(item.checked)
            row.check.blockSignals(False)
            row.check.setEnabled(editable)
            row.who.setText(f"dicentang oleh {item.checked_by}" if item.checked and item.checked_by else "")
            row.stored_link = item.link
            if not row.link.hasFocus():
                row.link.setText(item.link)
            row.link.setReadOnly(not editable)
            row.link.setPlaceholderText(LINK_HINT if editable else "—")
            row.attach_button.setVisible(editable)
            row.attach_button.setText("Ganti berkas…" if item.attachment_name else "Lampirkan berkas…")
            row.file_label.setText(item.attachment_name or ("belum ada berkas" if editable else "—"))
            row.file_label.setStyleSheet("" if item.attachment_name else HINT_STYLE)
            row.open_button.setVisible(bool(item.attachment_name))

    def _link_done(self, index: int) -> None:
        row = self.rows[index]
        if row.link.text().strip() != row.stored_link and not row.link.isReadOnly():
            self._on_link(index, row.link.text())

    def link_text(self, index: int) -> str:
        """The reference typed for an item."""
        return self.rows[index].link.text()
