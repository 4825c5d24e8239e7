"""'Persetujuan realisasi': the Camat approves verified realisasi (they lock) or returns them with a reason; the
approved ones can be revised with a reason on the second tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QWidget,
)

from sakip_desktop.ops.realisation.entry import EntryView, approval_queue, approve
from ui.context import AppContext
from ui.cycle._common import ReviewQueue, capaian_text, entry_target, entry_value, with_action_bar
from ui.cycle.detail import EntryDetail
from ui.cycle.revision_page import RevisionPage
from ui.errors import attempt
from ui.widgets.dialogs import attempt_listed, confirm
from ui.widgets.forms import hint
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where, selected_records
from ui.widgets.texts import office_offset, period_title


def _verified(entry: EntryView) -> str:
    note = f"\nCatatan: {entry.check.note}" if entry.check and entry.check.note else ""
    return f"{entry.verified_by}{note}"


QUEUE_COLUMNS = [
    Column[EntryView]("Kode", lambda e: e.code, width=52),
    Column[EntryView]("Indikator", lambda e: e.name, tooltip=lambda e: e.objective),
    Column[EntryView]("Unit kerja", lambda e: e.responsible_unit, width=190),
    Column[EntryView]("Target TW", lambda e: entry_target(e, e.quarter_target), align_right=True, width=80),
    Column[EntryView]("Realisasi", lambda e: entry_value(e, e.value), align_right=True, width=80),
    Column[EntryView]("Capaian", capaian_text, align_right=True, width=95),
    Column[EntryView]("Diverifikasi oleh", _verified, tooltip=_verified, width=230),
]


class ApprovalQueue(ReviewQueue):
    """Verified realisasi of ctx.year/ctx.quarter waiting for the Camat, with the selected one's isian."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.queue: list[EntryView] = []
        self.offset = 7
        self.title = QLabel()
        self.summary = hint("")
        self.model = RecordTableModel(QUEUE_COLUMNS, self)
        self.table = make_table(self.model, QUEUE_COLUMNS, 1, many=True)
        self.detail = EntryDetail(ctx, "Pilih baris untuk membaca isian dan bukti dukungnya.")
        self.approve_selected_button = QPushButton("Setujui yang dipilih…")
        self.approve_all_button = QPushButton("Setujui semua…")
        self.return_button = QPushButton("Kembalikan ke Kasi…")
        self.approve_selected_button.clicked.connect(lambda: self.approve_rows(selected_records(self.table)))
        self.approve_all_button.clicked.connect(lambda: self.approve_rows(self.queue))
        self.return_button.clicked.connect(self.return_selected)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setChildrenCollapsible(False)
        self.scroller = with_action_bar(
            self,
            [(self.title, 0), (self.summary, 0), (split, 1)],
            [self.return_button, self.approve_selected_button, self.approve_all_button],
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_changed())
        self._row_changed()

    def reload(self) -> None:
        ctx = self.ctx
        keep = current_record(self.table)
        ok, rows = attempt_listed(self, lambda: approval_queue(ctx.db, ctx.year, ctx.quarter), "Data tidak terbaca")
        self.queue = list(rows or []) if ok else []
        self.offset = office_offset(ctx)
        self.model.set_rows(self.queue)
        if keep is not None:
            select_where(self.table, lambda e: e.realisation_id == keep.realisation_id)
        self._row_changed()
        tw = period_title(ctx)
        self.title.setText(f"<h3>Persetujuan realisasi {tw}</h3>")
        self.summary.setText(
            f"{len(self.queue)} realisasi sudah diverifikasi Sekretaris dan menunggu persetujuan Anda. Setelah "
            "disetujui, nilainya terkunci dan hanya dapat diubah melalui revisi dengan alasan."
            if self.queue
            else f"Tidak ada realisasi {tw} yang menunggu persetujuan."
        )

    def _row_changed(self) -> None:
        self.detail.show_entry(current_record(self.table), self.offset)
        chosen = bool(selected_records(self.table))
        self.approve_selected_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen)
        self.approve_all_button.setEnabled(bool(self.queue))

    def approve_rows(self, rows: list[EntryView]) -> None:
        """'Setujui…': the given rows, after asking."""
        if not rows:
            return
        ctx = self.ctx
        codes = ", ".join(e.code for e in rows)
        question = (
            f"Setujui {len(rows)} realisasi {period_title(ctx)} ({codes})?\n\n"
            "Setelah disetujui, nilainya terkunci; perubahan hanya melalui revisi dengan alasan."
        )
        if not confirm(self, "Setujui realisasi", question, "Setujui"):
            return
        ids = [e.realisation_id for e in rows if e.realisation_id is not None]
        ok, done = attempt(self, lambda: approve(ctx.db, ctx.actor, ids))
        if ok and done is not None:
            self.message.setText(f"{len(done)} realisasi disetujui dan terkunci.")
            self.changed()


class ApprovePage(QTabWidget):
    """The Camat's page: "Menunggu persetujuan" and "Sudah disetujui (revisi)"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue = ApprovalQueue(ctx)
        self.revisions = RevisionPage(ctx)
        self.addTab(self.queue, "Menunggu persetujuan")
        self.addTab(self.revisions, "Sudah disetujui dan revisi")
