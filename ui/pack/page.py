"""The "Paket Kabupaten" page: the checklist of a year (what the kabupaten expects, by ESR type, with deadlines and
statuses, late items marked), the chosen item's status, files and history beside it, and the buttons for the
office's list, the lembar salin and "Siapkan paket…" onto a flash drive (`documents.pack`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.documents.pack import PackResult
from sakip_desktop.ops.pack.checklist import ChecklistRow, pack_count
from sakip_desktop.ops.pack.due import DITERIMA, DITOLAK, DIUNGGAH
from sakip_desktop.storage.backup_places import removable_drives
from ui.context import AppContext
from ui.documents.output import build
from ui.errors import attempt
from ui.pack.detail import ItemPanel
from ui.plain_text import plain_label
from ui.widgets.files import choose_folder, start_folder
from ui.widgets.fit import FitsItsRoom
from ui.widgets.pages import YearPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, marked, select_where

LATE, DONE, REJECTED, SENT = "#fde0dc", "#dff0d8", "#fff3cd", "#e7f0fb"
PACK_TITLE = "Paket Kabupaten"  # the tool's title (ui/tools.py)
PERIODS = ("Setahun", "TW I", "TW II", "TW III", "TW IV")  # the year's pack, or a quarter's (its quarterly items)


def _colour(row: ChecklistRow) -> str | None:
    if row.status == DITERIMA:
        return DONE
    if row.overdue:
        return LATE
    return {DITOLAK: REJECTED, DIUNGGAH: SENT}.get(row.status)


COLUMNS = marked(
    [
        Column[ChecklistRow]("Jenis dokumen ESR", lambda r: r.item.esr_type, width=160),
        Column[ChecklistRow]("Dokumen", lambda r: r.item.title, width=170),
        Column[ChecklistRow]("Periode", lambda r: r.period, width=82),
        Column[ChecklistRow]("Batas waktu", lambda r: r.deadline_text, lambda r: r.deadline, width=90),
        Column[ChecklistRow]("Status", lambda r: r.status_label, tooltip=lambda r: r.note, width=95),
        Column[ChecklistRow]("Catatan", lambda r: r.note, tooltip=lambda r: r.note, width=110),
        Column[ChecklistRow]("Berkas", lambda r: r.source_text, width=200),
    ],
    _colour,
)


class PackPage(YearPage, FitsItsRoom):
    """The submission pack of the status bar's year, for the Tim SAKIP, the Admin Data and the Camat."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[ChecklistRow] = []
        self.last_pack: PackResult | None = None
        # The folder dialog; tests put a function here that returns a folder.
        self.ask_folder: Callable[[], Path | None] = self._choose_folder
        # The year is the status bar's (issue 13: a picker of its own here could disagree with it).
        self.year = ctx.year
        self.year_label = QLabel()
        self.year_label.setToolTip("Tahun paket mengikuti pilihan Tahun di bilah bawah jendela")
        self.period = QComboBox()
        self.period.addItems(list(PERIODS))
        self.period.setToolTip("Paket setahun, atau paket satu triwulan (dokumen triwulanannya saja)")
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.summary = plain_label()
        self.list_button = QPushButton("Ubah daftar…")
        self.list_button.setToolTip("Dokumen yang diminta Kabupaten, jenis ESR dan batas waktunya")
        self.list_button.clicked.connect(self.edit_list)
        self.salin_button = QPushButton("Lembar salin…")
        self.salin_button.clicked.connect(self.show_salin)
        self.zip_box = QCheckBox("sebagai .zip")
        self.pack_button = QPushButton("Siapkan paket…")
        self.pack_button.setToolTip("Tulis satu PDF per dokumen, daftar isi dan lembar salin ke flash disk")
        self.pack_button.clicked.connect(self.prepare)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.period)
        top.addWidget(self.summary, 1)
        for w in (self.list_button, self.salin_button, self.zip_box, self.pack_button):
            top.addWidget(w)
        self.panel = ItemPanel(ctx)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 5, sortable=False, striped=False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.panel.show_row(current_record(self.table)))
        self.panel.changed.connect(self.reload)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        # The item's panel scrolls in its own area when it is taller than the room: the page fits 1366×768.
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setWidget(self.panel)
        split.addWidget(side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 460])
        self.message = plain_label()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.reload()

    @property
    def quarter(self) -> int | None:
        """The quarter whose pack is shown; None: the year's."""
        return self.period.currentIndex() or None

    def shown_year(self) -> int | None:
        return self.year

    def reload(self) -> None:
        """Read the checklist of the year (or quarter) again, keeping the chosen item. Reads only."""
        from sakip_desktop.documents.pack_ready import pack_checklist

        self._stale = False
        chosen = self.panel.row if self.year == self.ctx.year else None
        self.year = self.ctx.year
        self.year_label.setText(f"<b>Tahun {self.year}</b>")
        year, quarter, today = self.year, self.quarter, self.ctx.today()
        _ok, rows = attempt(self, lambda: pack_checklist(self.ctx.db, year, today, quarter))
        self.rows = rows or []
        self.model.set_rows(self.rows)
        late = sum(1 for r in self.rows if r.overdue)
        done = sum(1 for r in self.rows if r.status == DITERIMA)
        count = pack_count(self.rows, today)
        waiting = f" ({count.waiting} menunggu triwulannya berakhir)" if count.waiting else ""
        self.summary.setText(
            f"{count.text}{waiting} · {done} diterima · "
            + (f"{late} terlambat" if late else "tidak ada yang terlambat")
        )
        if chosen is not None and select_where(
            self.table, lambda r: (r.item.code, r.quarter) == (chosen.item.code, chosen.quarter)
        ):
            return
        # Nothing chosen yet (opened from "Menunggu Anda", another year): the first late document, if any.
        if not select_where(self.table, lambda r: r.overdue):
            self.panel.show_row(None)

    def choose(self, code: str, quarter: int = 0) -> bool:
        """Put the cursor on an item (for tests and for opening from "Menunggu Anda")."""
        return select_where(self.table, lambda r: (r.item.code, r.quarter) == (code, quarter))

    def open_item(self, code: str, year: int, quarter: int) -> bool:
        """Show the pack of `year` on the item's period (its quarter's pack, or the year's) with the item chosen;
        the status bar's year must already be `year` (`open_pack_item` sets it)."""
        if self.year != self.ctx.year or self._stale:
            self.reload()
        if self.period.currentIndex() != quarter:
            self.period.setCurrentIndex(quarter)  # reloads
        return self.year == year and self.choose(code, quarter)

    def _choose_folder(self) -> Path | None:
        drives = removable_drives()
        return choose_folder(self, "Pilih flash disk atau folder tujuan paket", drives[0] if drives else start_folder())

    def prepare(self) -> PackResult | None:
        """Write the year's pack into a chosen folder (a flash drive)."""
        from sakip_desktop.documents.pack import draft_text, prepare_pack

        folder = self.ask_folder()
        if folder is None:
            return None
        year, quarter, as_zip, today = self.year, self.quarter, self.zip_box.isChecked(), self.ctx.today()
        ok, result = attempt(
            self,
            lambda: build(self, lambda: prepare_pack(self.ctx.db, self.ctx.actor, year, folder, quarter=quarter,
                                                     as_zip=as_zip, today=today)),
        )  # fmt: skip
        if not ok or result is None:
            self.message.setText("Paket belum dibuat.")
            return None
        self.last_pack = result
        missing = "; ".join(f"{line.title} {line.period}" for line in result.missing[:6])
        more = f" dan {len(result.missing) - 6} lagi" if len(result.missing) > 6 else ""
        drafts = draft_text(result.lines)
        self.message.setText(
            f"Paket ditulis ke {result.path} ({len(result.files)} berkas)."
            + (f" PERHATIAN: {drafts}" if drafts else "")
            + (f" Belum ada dalam paket: {missing}{more}." if missing else " Semua dokumen ada.")
        )
        self.reload()
        return result

    def edit_list(self) -> None:
        """Open the office's list of expected documents."""
        from ui.pack.list_dialog import PackListDialog

        PackListDialog(self.ctx, self).exec()
        self.reload()

    def show_salin(self) -> None:
        """Show the lembar salin of the chosen year."""
        from ui.pack.salin import SalinDialog

        SalinDialog(self.ctx, self.year, self).exec()


def open_pack_item(widget: QWidget, code: str, year: int, quarter: int) -> bool:
    """From a screen inside a role's tab (the Dasbor): bring the tab's "Paket Kabupaten" forward on `year` and
    `quarter` with the item chosen. False when the tab has no pack tool."""
    tab = widget.parentWidget()
    while tab is not None and not hasattr(tab, "open_work"):
        tab = tab.parentWidget()
    pages = getattr(tab, "cycle_pages", {}) if tab is not None else {}
    holder = pages.get(PACK_TITLE)
    if tab is None or holder is None:
        return False
    tab.open_work(PACK_TITLE, year, quarter)
    page = holder.ensure_built()
    return isinstance(page, PackPage) and page.open_item(code, year, quarter)
