"""Riwayat perubahan: the audit trail, newest first, with the verdict on its hash chain, filters and an export.

The status line above the table says whether the chain is whole ("Rantai riwayat utuh (N entri)") or, in red,
where it breaks; the broken entry is marked in the table when it is listed. Filters: person, period (local
dates), kind of record and words; "Ekspor ke Excel…" writes every entry the filters let through.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.ops.audit.check import AuditCheck, check_audit_trail
from sakip_desktop.ops.audit.trail import (
    AuditFilter,
    AuditListing,
    AuditView,
    audit_kinds,
    audit_people,
    entry_local_date,
    find_audit,
)
from ui.background import run_busy
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.table import Column, RecordTableModel, make_table

LIMIT = 500  # entries shown at once; the export writes all
BROKEN_COLOUR = LATE_COLOUR  # the first entry where the chain breaks
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b71c1c; font-weight: bold;"
FINDING_STYLE = "color: #8a4b00; font-weight: bold;"  # whole, but a change behind the program's back was found
XLSX_FILTER = "Buku kerja Excel (*.xlsx)"
NO_DATE = QDate(2000, 1, 1)  # the dates' minimum, shown as "—": no bound


class AuditPage(QWidget):
    """The newest entries the filters let through, the chain's verdict, and the export."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = True  # filter widgets being set up or filled: no reload for each change
        self.verdict: AuditCheck | None = None
        self.listing = AuditListing((), 0)
        self.columns = self._columns()
        self.model = RecordTableModel(self.columns, self)
        verdict_row = self._build_verdict_row()
        filters = self._build_filters()
        actions = self._build_actions()
        self.view = self._table()
        layout = QVBoxLayout(self)
        title = QLabel("<h3>Riwayat perubahan</h3>Siapa mengubah apa dan kapan. Waktu menurut jam kantor.")
        layout.addWidget(title)
        layout.addLayout(verdict_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self._loading = False

    # --- building ------------------------------------------------------------------------------------

    def _build_verdict_row(self) -> QHBoxLayout:
        """The verdict on the hash chain and, when it is broken, 'Tunjukkan entri yang rusak'."""
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_broken_button = QPushButton("Tunjukkan entri yang rusak")
        self.show_broken_button.setVisible(False)
        self.show_broken_button.clicked.connect(self.show_broken)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.status, 1)
        verdict_row.addWidget(self.show_broken_button, 0, Qt.AlignmentFlag.AlignTop)
        return verdict_row

    def _build_filters(self) -> QHBoxLayout:
        """Person, kind of record, period and words; each change lists again (words once typing pauses)."""
        self.person = QComboBox()
        self.kind = QComboBox()
        for combo, letters in ((self.person, 24), (self.kind, 18)):  # filled later: keep them readable meanwhile
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        self.start, self.end = self._date_edit(), self._date_edit()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Cari kata: nama data, isi perubahan…")
        self.filter.setClearButtonEnabled(True)
        self._typing = QTimer(self)  # words are searched once typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _t: self._typing.start())
        for combo in (self.person, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.reload())
        filters = QHBoxLayout()
        for label, widget in (("Pengguna:", self.person), ("Data:", self.kind), ("Dari:", self.start),
                              ("Sampai:", self.end)):  # fmt: skip
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.filter, 1)
        return filters

    def _build_actions(self) -> QHBoxLayout:
        """The count of listed entries, 'Hapus saringan' and 'Ekspor ke Excel…'."""
        self.count = QLabel()
        clear = QPushButton("Hapus saringan")
        clear.clicked.connect(self.clear_filters)
        self.export_button = QPushButton("Ekspor ke Excel…")
        self.export_button.setToolTip("Tulis semua entri yang tersaring ke berkas .xlsx")
        self.export_button.clicked.connect(lambda: self.export_xlsx())
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(clear)
        actions.addWidget(self.export_button)
        return actions

    def _columns(self) -> list[Column[AuditView]]:
        def broken(a: AuditView) -> str | None:
            return BROKEN_COLOUR if self.verdict and a.id == self.verdict.first_entry else None

        return [
            Column[AuditView]("No.", lambda a: str(a.id), lambda a: a.id, align_right=True, background=broken),
            Column[AuditView]("Waktu", lambda a: a.when, lambda a: a.at, background=broken),
            Column[AuditView]("Pengguna", lambda a: a.actor_name, background=broken),
            Column[AuditView]("Kegiatan", lambda a: a.operation, background=broken),
            Column[AuditView]("Data", lambda a: a.entity_label, background=broken),
            Column[AuditView]("Rincian", lambda a: a.record, tooltip=lambda a: a.record, background=broken),
            Column[AuditView](
                "Perubahan",
                lambda a: a.short_summary,
                tooltip=lambda a: "\n".join(c.text() for c in a.changes) or a.summary,
                background=broken,
            ),
        ]

    def _table(self) -> QTableView:
        """One line per entry, in the order read; the first broken entry of the chain is marked by its colour."""
        view = make_table(self.model, self.columns, None, sortable=False, striped=False, wrap=False)
        for column, width in enumerate((52, 172, 190, 200, 130, 210)):
            view.setColumnWidth(column, width)
        return view

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")  # at the minimum: no bound on this side
        edit.setDate(NO_DATE)
        return edit

    # --- reading -------------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        """What the filter widgets select."""

        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

        return AuditFilter(
            person=self.person.currentData(),
            start=day(self.start),
            end=day(self.end),
            entity=self.kind.currentData(),
            text=self.filter.text().strip(),
        )

    def refresh(self) -> None:
        """Check the chain, fill the filter lists and reload the entries (when the page is shown)."""
        db = self.ctx.db

        def work() -> tuple[AuditCheck, list[str], list[tuple[str, str]]]:
            return check_audit_trail(db), audit_people(db), audit_kinds(db)

        ok, found = attempt(self, lambda: run_busy(self, "Memeriksa riwayat perubahan…", work))
        if not ok or found is None:
            return
        self.verdict, people, kinds = found
        self._show_verdict()
        self._loading = True
        try:
            self._fill(self.person, "Semua pengguna", [(p, p) for p in people])
            self._fill(self.kind, "Semua data", [(label, kind) for kind, label in kinds])
        finally:
            self._loading = False
        self.reload()

    def reload(self) -> None:
        """Read the entries the filters let through (the newest `LIMIT`)."""
        if self._loading:
            return
        self._typing.stop()
        where = self.current_filter()
        db = self.ctx.db
        ok, listing = attempt(self, lambda: run_busy(self, "Membaca riwayat…", lambda: find_audit(db, where, LIMIT)))
        if not ok or listing is None:
            return
        self.listing = listing
        self.model.set_rows(listing.rows)
        shown = len(listing.rows)
        total = formats.number(listing.total, 0)
        if listing.total > shown:
            self.count.setText(f"Menampilkan {formats.number(shown, 0)} terbaru dari {total} entri.")
        else:
            self.count.setText(f"{total} entri" + ("" if where.is_empty else " sesuai saringan") + ".")

    def clear_filters(self) -> None:
        """Show everything again."""
        self._loading = True
        try:
            self.person.setCurrentIndex(0)
            self.kind.setCurrentIndex(0)
            self.start.setDate(NO_DATE)
            self.end.setDate(NO_DATE)
            self.filter.clear()
        finally:
            self._loading = False
        self.reload()

    def _show_verdict(self) -> None:
        verdict = self.verdict
        if verdict is None:
            return
        broken = verdict.available and not verdict.ok
        self.status.setText(("⚠ " if broken or verdict.findings else "✓ ") + verdict.status)
        self.status.setToolTip("\n".join(verdict.problems + verdict.findings))
        self.status.setStyleSheet(BROKEN_STYLE if broken else FINDING_STYLE if verdict.findings else OK_STYLE)
        self.show_broken_button.setVisible(broken and verdict.first_entry is not None)

    def show_broken(self) -> bool:
        """Select the entry the chain first breaks at (on its day when it is not among the newest); True if shown."""
        entry = self.verdict.first_entry if self.verdict else None
        if entry is None:
            return False
        self.clear_filters()
        if not any(row.id == entry for row in self.listing.rows):
            day = entry_local_date(self.ctx.db, entry)
            if day is not None:
                self._loading = True
                try:
                    self.start.setDate(QDate(day))
                    self.end.setDate(QDate(day))
                finally:
                    self._loading = False
                self.reload()
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data() == str(entry):
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for label, data in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)

    # --- export --------------------------------------------------------------------------------------

    def export_xlsx(self, path: Path | None = None) -> Path | None:
        """'Ekspor ke Excel…': every entry the filters let through, to a workbook the user picks."""
        from ui.widgets.files import ask_save_path

        path = path or ask_save_path(
            self, "Ekspor riwayat perubahan", f"Riwayat perubahan {dt.date.today():%Y-%m-%d}.xlsx", XLSX_FILTER
        )
        if path is None:
            return None
        where, db = self.current_filter(), self.ctx.db

        def export() -> int:
            from sakip_desktop.exchange.audit import export_audit

            return export_audit(db, path, where)

        ok, count = attempt(self, lambda: run_busy(self, "Menulis riwayat ke Excel…", export))
        if not ok:
            return None
        self.count.setText(f"{formats.number(count or 0, 0)} entri ditulis ke {path}.")
        return path
