"""The office's SOP library: its SOPs, their runs, and what can be done with them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.sop.lanes import may_start_sop, unbound_lanes
from sakip_desktop.ops.sop.library import (
    SopView,
    list_sops,
    set_active,
)
from sakip_desktop.ops.sop.views import STATUS_LABELS, RunSummary, list_runs, run_timeline
from ui.context import AppContext
from ui.errors import attempt
from ui.sop.exchange import PDF_FILTER, XLSX_FILTER, export_workbook, import_workbook, print_sheet
from ui.sop.library_dialogs import AdoptDialog, StartRunDialog, VersionsDialog
from ui.widgets.files import ask_open_path, ask_save_path, offer_to_open
from ui.widgets.forms import DASH, hint, saved_label
from ui.widgets.table import RECORD_ROLE, Column, RecordTableModel, make_table
from ui.widgets.texts import when

SOP_COLUMNS = [
    Column[SopView]("Kode", lambda s: s.code, width=340),
    Column[SopView]("Nama SOP", lambda s: s.name, width=300),
    Column[SopView]("Versi", lambda s: str(s.version), sort_key=lambda s: s.version, align_right=True, width=50),
    Column[SopView]("Langkah", lambda s: str(s.steps), sort_key=lambda s: s.steps, align_right=True, width=65),
    Column[SopView]("Berjalan", lambda s: str(s.running), sort_key=lambda s: s.running, align_right=True, width=65),
    Column[SopView]("Selesai", lambda s: str(s.finished), sort_key=lambda s: s.finished, align_right=True, width=60),
    Column[SopView]("Status aktif", lambda s: "Aktif" if s.active else "Nonaktif", width=90),
]
RUN_COLUMNS = [
    Column[RunSummary]("Judul", lambda r: r.title, tooltip=lambda r: r.title, width=250),
    Column[RunSummary]("SOP", lambda r: r.sop_name, width=190),
    Column[RunSummary]("Status", lambda r: r.status_label, width=75),
    Column[RunSummary](
        "Langkah sekarang", lambda r: r.current_step or DASH, tooltip=lambda r: r.current_step, width=300
    ),
    Column[RunSummary]("Peran", lambda r: r.current_role.label if r.current_role else DASH, width=115),
    Column[RunSummary]("Dimulai", lambda r: when(r.started_at), sort_key=lambda r: r.started_at, width=130),
    Column[RunSummary]("Oleh", lambda r: r.started_by, width=165),
]
SELECTED, ALL = "selected", "all"


def _button(text: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda: slot())  # not the `checked` flag as the slot's first argument
    return button


class SopLibraryPage(QWidget):
    """SOPs on top, runs of the selected SOP (or all) below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.may_edit = ctx.actor.may(Op.SOP_SAVE_VERSION)
        self._start_roles: dict[int, bool] = {}  # SOP id -> the person may start it
        top = self._build_sop_part()
        runs_box = self._build_runs_part()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(runs_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._stale = True
        ctx.signals.work_changed.connect(self._on_change)
        ctx.signals.master_data_changed.connect(lambda what: self._on_change() if what == "sops" else None)
        self._update_buttons()

    def _build_sop_part(self) -> QWidget:
        """The SOP table with the buttons that act on the chosen SOP, and adopting or importing a new one."""
        self.sop_model = RecordTableModel(SOP_COLUMNS, self)
        self.sop_table = make_table(self.sop_model, SOP_COLUMNS, 1)
        self.sop_table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.sop_table.doubleClicked.connect(lambda _i: self.open_editor())

        self.start_button = _button("Mulai pelaksanaan…", self.start_run)
        self.edit_button = _button("Lihat/ubah…" if self.may_edit else "Lihat…", self.open_editor)
        self.versions_button = _button("Riwayat versi", self.show_versions)
        self.export_button = _button("Ekspor .xlsx…", self.export_xlsx)
        self.print_button = _button("Cetak lembar SOP (PDF)…", self.print_sheet)
        self.toggle_button = _button("Nonaktifkan", self.toggle_active)
        self.adopt_button = _button("Adopsi templat…", self.adopt)
        self.import_button = _button("Impor .xlsx…", self.import_xlsx)
        for button in (self.adopt_button, self.import_button):
            button.setEnabled(self.may_edit)
            button.setToolTip("" if self.may_edit else "Hanya Administrator, Sekretaris dan Kasubag Perencanaan.")
        selected_bar = QHBoxLayout()
        selected = (
            self.start_button,
            self.edit_button,
            self.versions_button,
            self.export_button,
            self.print_button,
            self.toggle_button,
        )
        for button in selected:
            selected_bar.addWidget(button)
        selected_bar.addStretch(1)
        selected_bar.addWidget(self.adopt_button)
        selected_bar.addWidget(self.import_button)
        self.note = saved_label()
        self.note.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(
            hint(
                "SOP kantor ini. Pilih SOP lalu mulai pelaksanaannya; setiap langkah akan menunggu di tab peran "
                "pelaksananya. Perubahan SOP disimpan sebagai versi baru."
            )
        )
        top_layout.addLayout(selected_bar)
        top_layout.addWidget(self.sop_table, 1)
        top_layout.addWidget(self.note)
        return top

    def _build_runs_part(self) -> QGroupBox:
        """'Pelaksanaan': the runs of the chosen SOP (or of all), filtered by status, and 'Lihat alur…'."""
        self.scope_combo = QComboBox()
        self.scope_combo.addItem("SOP terpilih", SELECTED)
        self.scope_combo.addItem("Semua SOP", ALL)
        self.status_combo = QComboBox()
        self.status_combo.addItem("Semua status", None)
        for code, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, code)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self.refresh_runs())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh_runs())
        self.run_model = RecordTableModel(RUN_COLUMNS, self)
        self.run_table = make_table(self.run_model, RUN_COLUMNS, 3)
        self.run_table.doubleClicked.connect(lambda _i: self.open_timeline())
        self.timeline_button = _button("Lihat alur…", self.open_timeline)
        self.run_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.run_count = QLabel()
        run_bar = QHBoxLayout()
        run_bar.addWidget(QLabel("Tampilkan:"))
        run_bar.addWidget(self.scope_combo)
        run_bar.addWidget(self.status_combo)
        run_bar.addWidget(self.run_count)
        run_bar.addStretch(1)
        run_bar.addWidget(self.timeline_button)
        runs_box = QGroupBox("Pelaksanaan")
        runs_layout = QVBoxLayout(runs_box)
        runs_layout.addLayout(run_bar)
        runs_layout.addWidget(self.run_table, 1)
        return runs_box

    # ---- reading ----------------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_change(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        """Read the SOPs and runs again, keeping the selected SOP."""
        self._stale = False
        current = self.selected_sop()
        _ok, sops = attempt(self, lambda: list_sops(self.ctx.db, include_inactive=True))
        self.sop_model.set_rows(sops or [])
        self._start_roles.clear()
        if current is not None:
            self.select_sop(current.id)
        elif self.sop_model.rowCount():
            self.sop_table.selectRow(0)
        self.refresh_runs()
        self._update_buttons()

    def refresh_runs(self) -> None:
        """Read the runs for the scope and status chosen."""
        sop = self.selected_sop()
        sop_id = None if self.scope_combo.currentData() == ALL or sop is None else sop.id
        status = self.status_combo.currentData()
        _ok, runs = attempt(self, lambda: list_runs(self.ctx.db, sop_id=sop_id, status=status))
        self.run_model.set_rows(runs or [])
        self.run_count.setText(f"{self.run_model.rowCount()} pelaksanaan")
        self._update_buttons()

    def selected_sop(self) -> SopView | None:
        """The SOP of the selected row."""
        rows = self.sop_table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def selected_run(self) -> RunSummary | None:
        """The run of the selected row."""
        rows = self.run_table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select_sop(self, sop_id: int) -> bool:
        """Select the row of an SOP; False when it is not listed."""
        proxy = self.sop_table.model()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(RECORD_ROLE).id == sop_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.sop_table.selectionModel().select(index, flags)
                self.sop_table.setCurrentIndex(index)
                return True
        return False

    def _selection_changed(self) -> None:
        if self.scope_combo.currentData() == SELECTED:
            self.refresh_runs()
        self._update_buttons()

    def _may_start(self, sop: SopView) -> bool:
        if sop.id not in self._start_roles:
            ok, may = attempt(self, lambda: may_start_sop(self.ctx.db, self.ctx.actor, sop.id))
            self._start_roles[sop.id] = bool(ok and may)
        return self._start_roles[sop.id]

    def _update_buttons(self) -> None:
        sop = self.selected_sop()
        has = sop is not None
        for button in (self.edit_button, self.versions_button, self.export_button, self.print_button):
            button.setEnabled(has)
        self.start_button.setEnabled(bool(sop is not None and sop.active and self._may_start(sop)))
        self.toggle_button.setEnabled(has and self.may_edit)
        self.toggle_button.setText("Aktifkan" if sop is not None and not sop.active else "Nonaktifkan")
        self.timeline_button.setEnabled(self.selected_run() is not None)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # ---- actions ----------------------------------------------------------------------------------------------

    def start_run(self) -> int | None:
        """'Mulai pelaksanaan…'; then the first step opens when it is the starter's own."""
        sop = self.selected_sop()
        if sop is None:
            return None
        dialog = StartRunDialog(self.ctx, sop, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_id is None:
            return None
        run_id = dialog.saved_id
        self.ctx.signals.work_changed.emit()
        self._say(f"Pelaksanaan '{dialog.title_edit.text().strip()}' dimulai.")
        ok, run = attempt(self, lambda: run_timeline(self.ctx.db, run_id))
        if ok and run and run.entries and self.ctx.actor.has(run.entries[0].role):
            from ui.sop.step_dialog import StepDialog

            StepDialog(self.ctx, run.entries[0].step_run_id, self).exec()
        return run_id

    def open_editor(self) -> None:
        """'Lihat/ubah…' the selected SOP."""
        sop = self.selected_sop()
        if sop is None:
            return
        from ui.sop.editor_dialog import SopEditorDialog

        ok, dialog = attempt(self, lambda: SopEditorDialog(self.ctx, sop.id, self))
        if ok and dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self._say(f"SOP {sop.name} disimpan sebagai versi {dialog.saved_version}.")
            self.ctx.signals.master_data_changed.emit("sops")

    def show_versions(self) -> None:
        sop = self.selected_sop()
        if sop is not None:
            VersionsDialog(self.ctx, sop, self).exec()

    def adopt(self) -> None:
        """'Adopsi templat…'."""
        adopted = {s.template_code for s in self.sop_model.rows() if s.template_code}
        dialog = AdoptDialog(self.ctx, adopted, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            unbound = [text for sop_id in dialog.adopted for text in unbound_lanes(self.ctx.db, sop_id)]
            advice = f" Pilih unit pelaksana di Lihat/ubah…: {'; '.join(unbound)}." if unbound else ""
            self._say(f"{len(dialog.adopted)} SOP diadopsi dari templat.{advice}")
            self.ctx.signals.master_data_changed.emit("sops")
            self.select_sop(dialog.adopted[0])

    def toggle_active(self) -> None:
        sop = self.selected_sop()
        if sop is None:
            return
        ok, _ = attempt(self, lambda: set_active(self.ctx.db, self.ctx.actor, sop.id, not sop.active))
        if ok:
            self._say(f"SOP {sop.name} {'dinonaktifkan' if sop.active else 'diaktifkan'}.")
            self.ctx.signals.master_data_changed.emit("sops")

    def export_xlsx(self, path: Path | None = None) -> Path | None:
        """'Ekspor .xlsx…': the newest version as a workbook another office can import."""
        sop = self.selected_sop()
        if sop is None:
            return None
        path = path or ask_save_path(self, "Ekspor SOP", f"{sop.code}.xlsx", XLSX_FILTER)
        if path is None or not export_workbook(self, self.ctx, sop, path):
            return None
        self._say(f"SOP {sop.name} diekspor ke {path}.")
        return path

    def import_xlsx(self, path: Path | None = None) -> int | None:
        """'Impor .xlsx…': a new SOP from a workbook, or a new version of the SOP with the same code."""
        path = path or ask_open_path(self, "Impor SOP", XLSX_FILTER)
        stored = path and import_workbook(self, self.ctx, self.sop_model.rows(), path)
        if not stored:
            return None
        sop_id, said = stored
        self._say(said)
        self.ctx.signals.master_data_changed.emit("sops")
        self.select_sop(sop_id)
        return sop_id

    def print_sheet(self, path: Path | None = None) -> Path | None:
        """'Cetak lembar SOP (PDF)…' on the office's paper, with its logo; then offer to open it."""
        sop = self.selected_sop()
        if sop is None:
            return None
        path = path or ask_save_path(self, "Cetak lembar SOP", f"SOP {sop.name}.pdf", PDF_FILTER)
        if path is None:
            return None
        pages = print_sheet(self, self.ctx, sop, path)
        if not pages:
            return None
        self._say(f"Lembar SOP {sop.name} ({pages} halaman) disimpan di {path}.")
        offer_to_open(self, "Lembar SOP tersimpan", f"Lembar SOP tersimpan ({pages} halaman):\n{path}", path)
        return path

    def open_timeline(self) -> None:
        run = self.selected_run()
        if run is None:
            return
        from ui.sop.step_dialog import StepDialog
        from ui.sop.timeline_dialog import TimelineDialog

        TimelineDialog(self.ctx, run.id, self, step_dialog=StepDialog).exec()
        self.refresh_runs()
