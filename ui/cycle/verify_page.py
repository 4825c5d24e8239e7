"""'Verifikasi realisasi': the Sekretaris checks each submitted realisasi (bukti, nilai, narasi) and verifies it
or returns it to the Kasi with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.realisation.entry import CheckInput, EntryView, verification_queue, verify
from ui.context import AppContext
from ui.cycle._common import ReviewQueue, capaian_text, entry_target, entry_value, with_action_bar
from ui.cycle.detail import EntryDetail
from ui.errors import attempt
from ui.widgets.dialogs import attempt_listed
from ui.widgets.forms import hint
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where, selected_records
from ui.widgets.texts import office_offset, period_title

CHECK_LABELS = ("Bukti dukung ada", "Nilai wajar", "Narasi ada")
CHECK_TIPS = (
    "Bukti dukung terlampir dan sesuai dengan angka realisasi",
    "Angka realisasi masuk akal dibanding target dan triwulan sebelumnya",
    "Faktor pendukung, penghambat dan upaya/tindak lanjut terisi memadai (wajib bila capaian turun atau di bawah "
    "target)",
)
CHECK_COLUMN = 7
# Why 'Bukti dukung ada' cannot be ticked on a realisasi without a file (domain.realisation.evidence_check_problem).
NO_EVIDENCE_TIPS = {
    True: "Tidak ada berkas bukti dukung, padahal bukti dukung wajib: kembalikan ke unitnya agar diunggah.",
    False: "Tidak ada berkas bukti dukung, jadi tidak dapat dicentang (bukti dukung tidak diwajibkan kantor).",
}


def evidence_needed(entry: EntryView) -> bool:
    """Whether 'Bukti dukung ada' is one of the items to tick: there is a file (without one it cannot be ticked)."""
    return bool(entry.evidence)


def check_complete(entry: EntryView, check: CheckInput | None) -> bool:
    """Every item to tick is ticked; a realisasi without bukti while bukti is required never is (it goes back)."""
    if check is None or not (check.plausible and check.narrative_ok):
        return False
    if evidence_needed(entry):
        return check.evidence_ok
    return not entry.evidence_required


def queue_columns(check_text) -> list[Column[EntryView]]:
    """The verification queue's columns; the last says how far the checklist of a row is ticked."""
    return [
        Column[EntryView]("Kode", lambda e: e.code, width=52),
        Column[EntryView]("Indikator", lambda e: e.name, tooltip=lambda e: e.objective),
        Column[EntryView]("Unit kerja", lambda e: e.responsible_unit, width=190),
        Column[EntryView]("Target TW", lambda e: entry_target(e, e.quarter_target), align_right=True, width=80),
        Column[EntryView]("Realisasi", lambda e: entry_value(e, e.value), align_right=True, width=80),
        Column[EntryView]("Capaian", capaian_text, align_right=True, width=95),
        Column[EntryView]("Bukti", lambda e: f"{len(e.evidence)} berkas" if e.evidence else "belum ada", width=80),
        Column[EntryView]("Daftar periksa", check_text, width=120),
    ]


class QueueModel(RecordTableModel):
    """The queue; the checklist column is read fresh each time (it changes as boxes are ticked)."""

    def __init__(self, columns, check_text, parent=None) -> None:
        super().__init__(columns, parent)
        self._check_text = check_text

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == CHECK_COLUMN:
            return self._check_text(self.record(index.row()))
        return super().data(index, role)

    def checks_changed(self) -> None:
        """Redraw the checklist column."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, CHECK_COLUMN), self.index(self.rowCount() - 1, CHECK_COLUMN))


class VerifyPage(ReviewQueue):
    """The Sekretaris's queue for ctx.year/ctx.quarter, a row's isian and bukti, and its checklist."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.queue: list[EntryView] = []
        self.checks: dict[int, CheckInput] = {}  # realisation_id -> what is ticked so far
        self._loading = False
        self.offset = 7  # the office's hours ahead of UTC, read with the queue

        self.title = QLabel()
        self.summary = hint("")
        columns = queue_columns(self._check_text)
        self.model = QueueModel(columns, self._check_text, self)
        self.table = make_table(self.model, columns, 1, many=True)
        self.detail = EntryDetail(ctx, "Pilih baris untuk memeriksa isian dan bukti dukungnya.")
        self.boxes = [QCheckBox(label) for label in CHECK_LABELS]
        for box, tip in zip(self.boxes, CHECK_TIPS, strict=True):
            box.setToolTip(tip)
            box.toggled.connect(self._ticked)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Catatan (boleh kosong)")
        self.note_edit.textChanged.connect(self._ticked)
        checklist = QGroupBox("Daftar periksa baris ini")
        box_layout = QVBoxLayout(checklist)
        for box in self.boxes:
            box_layout.addWidget(box)
        box_layout.addWidget(self.note_edit)
        box_layout.addStretch(1)
        checklist.setFixedWidth(260)
        self.checklist = checklist
        self.verify_button = QPushButton()
        self.return_button = QPushButton("Kembalikan ke Kasi…")
        self.verify_button.clicked.connect(self.verify_ticked)
        self.return_button.clicked.connect(self.return_selected)

        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addWidget(checklist)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.scroller = with_action_bar(
            self, [(self.title, 0), (self.summary, 0), (split, 1)], [self.return_button, self.verify_button]
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_changed())
        self._update_buttons()

    # ---- reading ---------------------------------------------------------------------------------------------

    def reload(self) -> None:
        ctx = self.ctx
        keep = current_record(self.table)
        ok, rows = attempt_listed(self, lambda: verification_queue(ctx.db, ctx.year, ctx.quarter), "Data tidak terbaca")
        self.queue = list(rows or []) if ok else []
        ids = {e.realisation_id for e in self.queue}
        self.checks = {rid: check for rid, check in self.checks.items() if rid in ids}
        self.offset = office_offset(ctx)
        self.model.set_rows(self.queue)
        if keep is not None:
            select_where(self.table, lambda e: e.realisation_id == keep.realisation_id)
        self._row_changed()
        tw = period_title(ctx)
        self.title.setText(f"<h3>Verifikasi realisasi {tw}</h3>")
        if self.queue:
            self.summary.setText(
                f"{len(self.queue)} realisasi menunggu verifikasi. Pilih baris, periksa isian dan bukti dukungnya, "
                "lalu centang butir daftar periksanya ('Bukti dukung ada' hanya bila ada berkasnya). Yang tidak "
                "sesuai atau tanpa bukti dukung wajib: pilih barisnya lalu Kembalikan ke Kasi dengan alasan."
            )
        else:
            self.summary.setText(f"Tidak ada realisasi {tw} yang menunggu verifikasi.")

    def _check_text(self, entry: EntryView) -> str:
        check = self.checks.get(entry.realisation_id or 0)
        if not evidence_needed(entry) and entry.evidence_required:
            return "tanpa bukti: kembalikan"
        if check_complete(entry, check):
            return "✔ lengkap"
        items = 3 if evidence_needed(entry) else 2
        ticked = 0 if check is None else sum((check.evidence_ok, check.plausible, check.narrative_ok))
        return f"{ticked} dari {items}"

    # ---- the checklist of the selected row ------------------------------------------------------------------

    def _row_changed(self) -> None:
        entry = current_record(self.table)
        self.detail.show_entry(entry, self.offset)
        check = self.checks.get(entry.realisation_id or 0) if entry else None
        self._loading = True
        try:
            values = (check.evidence_ok, check.plausible, check.narrative_ok) if check else (False, False, False)
            for box, value in zip(self.boxes, values, strict=True):
                box.setChecked(value)
            self.note_edit.setText(check.note if check else "")
            has_files = entry is None or evidence_needed(entry)
            self.boxes[0].setChecked(self.boxes[0].isChecked() and has_files)
            self.boxes[0].setEnabled(has_files)  # nothing to tick without a file
            self.boxes[0].setToolTip(
                CHECK_TIPS[0] if has_files else NO_EVIDENCE_TIPS[bool(entry and entry.evidence_required)]
            )
        finally:
            self._loading = False
        self.checklist.setEnabled(entry is not None)
        self._update_buttons()

    def _ticked(self, *_: Any) -> None:
        if self._loading:
            return
        entry = current_record(self.table)
        if entry is None or entry.realisation_id is None:
            return
        evidence_ok, plausible, narrative_ok = (box.isChecked() for box in self.boxes)
        self.checks[entry.realisation_id] = CheckInput(
            evidence_ok, plausible, narrative_ok, self.note_edit.text().strip()
        )
        self.model.checks_changed()
        self._update_buttons()

    def complete(self) -> list[int]:
        """The realisasi whose items to tick are all ticked."""
        return [
            e.realisation_id
            for e in self.queue
            if e.realisation_id is not None and check_complete(e, self.checks.get(e.realisation_id))
        ]

    def _update_buttons(self) -> None:
        done = len(self.complete())
        self.verify_button.setText(
            f"Verifikasi yang dicentang lengkap ({done})" if done else "Verifikasi yang dicentang lengkap"
        )
        self.verify_button.setEnabled(bool(done))
        self.return_button.setEnabled(bool(selected_records(self.table)))

    # ---- actions -------------------------------------------------------------------------------------------------

    def verify_ticked(self) -> None:
        """'Verifikasi yang dicentang lengkap': every realisasi whose checklist is fully ticked."""
        ids = self.complete()
        if not ids:
            return
        ctx = self.ctx
        ok, done = attempt(self, lambda: verify(ctx.db, ctx.actor, ids, {rid: self.checks[rid] for rid in ids}))
        if ok and done is not None:
            self.message.setText(f"{len(done)} realisasi diverifikasi dan diteruskan ke Camat.")
            self.changed()
