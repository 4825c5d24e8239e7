"""The panel beside the checklist: one item's status (with the upload date and the verifikator's note), its
attached files, and its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.pack.checklist import ChecklistRow, history, read_pack_file
from sakip_desktop.ops.pack.due import DITOLAK, DIUNGGAH, STATUS_LABELS
from sakip_desktop.ops.pack.edit import attach_file, set_status
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import EvidenceList, ask_open_path
from ui.widgets.texts import local_when, office_offset

STATUS_CODES = list(STATUS_LABELS)
NO_DATE = QDate(2000, 1, 1)  # the date field's "empty" (shown blank)


class ItemPanel(QWidget):
    """Status, files and history of the chosen item; `changed` after a save or an attachment."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row: ChecklistRow | None = None
        self.offset = office_offset(ctx)
        # The open-file dialog; tests put a function here that returns a path.
        self.ask_file: Callable[[], object] = lambda: ask_open_path(self, "Lampirkan PDF", "PDF (*.pdf)")
        self.title = plain_label()
        self.title.setWordWrap(True)
        self.status = QComboBox()
        self.status.addItems([STATUS_LABELS[c] for c in STATUS_CODES])
        self.status.currentIndexChanged.connect(lambda _i: self._update())
        self.uploaded = QDateEdit()
        self.uploaded.setCalendarPopup(True)
        self.uploaded.setDisplayFormat("dd-MM-yyyy")
        # No date yet shows empty, never as Qt's default 01-01-2000: the lowest date stands for "none".
        self.uploaded.setMinimumDate(NO_DATE)
        self.uploaded.setSpecialValueText(" ")
        self.uploaded.setDate(NO_DATE)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Catatan verifikator (wajib bila ditolak)")
        self.note.setMaximumHeight(70)
        self.save_button = QPushButton("Simpan status")
        self.save_button.clicked.connect(self.save)
        self.attach_button = QPushButton("Lampirkan PDF…")
        self.attach_button.setToolTip("Pindaian halaman bertanda tangan, DPA dari Kabupaten, dan sebagainya")
        self.attach_button.clicked.connect(self.attach)
        self.files = EvidenceList(ctx, read=read_pack_file, folder="paket")
        self._fit_files(0)
        for label in self.files.findChildren(QLabel):  # the list's own heading speaks of bukti dukung
            if "Bukti dukung" in label.text():
                label.setText("<b>Berkas PDF terlampir</b> (paket memakai yang terbaru)")
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(140)
        form = QFormLayout()
        form.addRow("Status", self.status)
        form.addRow("Tanggal diunggah", self.uploaded)
        form.addRow("Catatan", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.files)
        layout.addWidget(QLabel("<b>Riwayat</b>"))
        layout.addWidget(self.history, 1)
        self.show_row(None)

    def show_row(self, row: ChecklistRow | None) -> None:
        """Show `row` (None: nothing chosen)."""
        self.row = row
        if row is None:
            self.title.setText("Pilih satu dokumen dalam daftar.")
            self.uploaded.setDate(NO_DATE)
            self.files.set_items((), self.offset)
            self.history.clear()
            self._update()
            return
        due = f"batas {row.deadline:%d-%m-%Y}" + (" — TERLAMBAT" if row.overdue else "")
        if row.uploaded_late:
            due += " — diunggah terlambat"
        self.title.setText(f"{row.item.title} {row.period}\nJenis ESR: {row.item.esr_type}; {due}\n{row.source_text}")
        day = row.uploaded_on
        self.uploaded.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        self.status.setCurrentIndex(STATUS_CODES.index(row.status))
        self.note.setPlainText(row.note)
        self.files.set_items(row.files, self.offset)
        self._fit_files(len(row.files))
        self.history.clear()
        if row.item_id is not None:
            _ok, lines = attempt(self, lambda: history(self.ctx.db, row.item_id or 0))
            for line in lines or []:
                self.history.addItem(f"{local_when(line.at, self.offset)} · {line.by} · {line.what}")
        self._update()

    def _fit_files(self, count: int) -> None:
        """The files list as tall as its rows (one to four), its "Buka" button whole: never squeezed, and no empty
        rows pushing the history below the fold (the panel scrolls in its own area when it is taller)."""
        table = self.files.table
        rows = table.verticalHeader().defaultSectionSize() * min(max(count, 1), 4)
        others = self.files.sizeHint().height() - table.sizeHint().height()
        wanted = table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
        # never under the table's own minimum: a list made shorter than that spills under its "Buka" button
        self.files.setFixedHeight(others + max(wanted, table.minimumHeight()))

    def _update(self) -> None:
        writable = self.row is not None and self.ctx.actor.may(Op.PACK_STATUS_SET)
        code = STATUS_CODES[self.status.currentIndex()]
        if writable and code == DIUNGGAH and self.uploaded.date() == NO_DATE:  # choosing 'Diunggah': today
            today = self.ctx.today()
            self.uploaded.setDate(QDate(today.year, today.month, today.day))
        for widget in (self.status, self.note, self.save_button):
            widget.setEnabled(writable)
        self.uploaded.setEnabled(writable and code == DIUNGGAH)
        self.note.setPlaceholderText("Catatan verifikator (wajib bila ditolak)" if code == DITOLAK else "Catatan")
        self.attach_button.setEnabled(self.row is not None and self.ctx.actor.may(Op.PACK_FILE_ATTACH))

    def save(self) -> bool:
        """Save the status shown for the item."""
        row = self.row
        if row is None:
            return False
        code = STATUS_CODES[self.status.currentIndex()]
        day = _day(self.uploaded.date()) if code == DIUNGGAH and self.uploaded.date() != NO_DATE else None
        note = self.note.toPlainText()
        ok, _ = attempt(
            self,
            lambda: set_status(
                self.ctx.db, self.ctx.actor, row.item.code, row.year, row.quarter, code, uploaded_on=day, note=note
            ),
        )
        if ok:
            self.changed.emit()
        return ok

    def attach(self) -> bool:
        """Attach a PDF chosen in the file dialog to the item."""
        from pathlib import Path

        row = self.row
        chosen = self.ask_file()
        if row is None or chosen is None:
            return False
        path = Path(str(chosen))

        def run() -> int:
            return attach_file(self.ctx.db, self.ctx.actor, row.item.code, row.year, row.quarter, path.name,
                               path.read_bytes())  # fmt: skip

        ok, _ = attempt(self, run)
        if ok:
            self.changed.emit()
        return ok


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
