"""'Isi realisasi': a Kasi (or Kasubag, or staff) enters the quarter's realisasi of one unit and submits it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import EntryView, quarter_entries, submit_quarter
from ui.context import AppContext
from ui.cycle import isian
from ui.cycle._common import capaian_text, entry_target, entry_value, row_colour
from ui.cycle.entry_form import EntryForm
from ui.plain_text import esc, plain_box, rich
from ui.widgets.dialogs import attempt_listed, confirm
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import hint
from ui.widgets.pages import PeriodPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where
from ui.widgets.texts import office_offset, period_title


def _by_number(value: Decimal | None) -> Any:
    return (value is None, value or Decimal(0))


def status_text(entry: EntryView) -> str:
    """'Draf', 'Dikembalikan', … and whether a draft is not yet complete enough to submit."""
    if entry.editable and entry.status is not None and entry.problems:
        return f"{entry.status_label} (belum lengkap)"
    return entry.status_label


def status_tip(entry: EntryView) -> str:
    """Why a row cannot be submitted yet."""
    if not entry.problems:
        return ""
    return "Belum dapat diajukan:\n" + "\n".join(f"- {p}" for p in entry.problems)


COLUMNS = [
    Column[EntryView]("Kode", lambda e: e.code, width=52, background=row_colour),
    Column[EntryView]("Indikator", lambda e: e.name, tooltip=lambda e: e.objective, background=row_colour),
    Column[EntryView]("Satuan", lambda e: e.unit, width=75, background=row_colour),
    Column[EntryView](
        "Target TW",
        lambda e: entry_target(e, e.quarter_target),
        lambda e: _by_number(e.quarter_target.low if e.quarter_target else None),
        align_right=True,
        width=80,
        background=row_colour,
    ),
    Column[EntryView](
        "Realisasi",
        lambda e: entry_value(e, e.value),
        lambda e: _by_number(e.value),
        align_right=True,
        width=80,
        background=row_colour,
    ),
    Column[EntryView](
        "Capaian",
        capaian_text,
        lambda e: _by_number(e.achievement),
        align_right=True,
        width=95,
        background=row_colour,
    ),
    Column[EntryView]("Status", status_text, tooltip=status_tip, width=150, background=row_colour),
    Column[EntryView](
        "Alasan dikembalikan", lambda e: e.return_reason, tooltip=lambda e: e.return_reason, width=240,
        background=row_colour,
    ),
]  # fmt: skip


class EntryPage(PeriodPage, FitsItsRoom):
    """The unit's indicators for ctx.year/ctx.quarter, the form for the selected one, and the quarter's actions."""

    def __init__(self, ctx: AppContext, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit_id = unit_id
        self.unit_name = ""
        self.entries: list[EntryView] = []
        self._guard = False  # True while the page itself moves the selection

        self.title = rich(QLabel())  # the unit's name is data: escaped
        self.summary = hint("")
        self.submit_button = QPushButton("Ajukan ke Sekretaris")
        self.export_button = QPushButton("Ekspor Format Isian…")
        self.import_button = QPushButton("Impor Format Isian…")
        self.export_button.setToolTip("Simpan lembar isian Excel unit ini untuk diisi di luar aplikasi")
        self.import_button.setToolTip("Baca lembar isian yang sudah diisi; perubahannya ditampilkan dulu")
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 1)
        self.form = EntryForm(ctx)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self.export_button, self.import_button, self.submit_button):
            top.addWidget(button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.summary)
        upper_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.form)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_changed())
        self.submit_button.clicked.connect(self.submit)
        self.export_button.clicked.connect(self.export_isian)
        self.import_button.clicked.connect(self.import_isian)

    # ---- reading ---------------------------------------------------------------------------------------------

    def reload(self) -> None:
        ctx = self.ctx
        keep = self.form.entry.indicator_id if self.form.entry else None
        ok, entries = attempt_listed(
            self, lambda: quarter_entries(ctx.db, ctx.year, ctx.quarter, self.unit_id), "Data tidak terbaca"
        )
        self.entries = list(entries or []) if ok else []
        offset = office_offset(ctx)
        self._guard = True
        try:
            self.model.set_rows(self.entries)
            if keep is not None:
                select_where(self.table, lambda e: e.indicator_id == keep)
        finally:
            self._guard = False
        entry = current_record(self.table)
        if self.form.dirty and entry is not None and entry.indicator_id == keep and entry.year == ctx.year:
            self.form.entry = entry  # keep what is being typed
        else:
            self.form.set_entry(entry, offset)
        self.unit_name = self._unit_name()
        self.title.setText(f"<h3>Realisasi {esc(self.unit_name)} — {period_title(ctx)}</h3>")
        self.summary.setText(self._summary())
        pending = [e for e in self.entries if e.editable]
        self.submit_button.setEnabled(bool(pending))
        self.submit_button.setToolTip(
            "Kirim semua realisasi triwulan ini ke Sekretaris untuk diverifikasi"
            if pending
            else "Tidak ada yang perlu diajukan: semua sudah diajukan atau disetujui."
        )
        self.export_button.setEnabled(bool(self.entries))

    def _unit_name(self) -> str:
        if self.entries:
            return self.entries[0].responsible_unit
        return next((u.name for u in list_units(self.ctx.db) if u.id == self.unit_id), "unit kerja")

    def _summary(self) -> str:
        if not self.entries:
            return f"{self.unit_name} tidak punya indikator bertarget pada tahun {self.ctx.year}."
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.status_label] = counts.get(entry.status_label, 0) + 1
        parts = [f"{len(self.entries)} indikator"] + [f"{n} {label.lower()}" for label, n in counts.items()]
        text = ", ".join(parts) + "."
        incomplete = sum(bool(e.problems) for e in self.entries if e.editable and e.status is not None)
        if incomplete:
            text += f" {incomplete} indikator belum lengkap untuk diajukan (arahkan tetikus ke kolom Status)."
        return text + " Pilih baris untuk mengisi atau melihat rinciannya."

    # ---- selection and unsaved typing -----------------------------------------------------------------------

    def _row_changed(self) -> None:
        if self._guard:
            return
        entry = current_record(self.table)
        shown = self.form.entry
        if shown is not None and entry is not None and entry.indicator_id == shown.indicator_id:
            return
        if not self.settle():
            self._select(shown)  # stay on the row being typed
            return
        self.form.set_entry(entry, office_offset(self.ctx))

    def _select(self, entry: EntryView | None) -> None:
        self._guard = True
        try:
            if entry is None or not select_where(self.table, lambda e: e.indicator_id == entry.indicator_id):
                self.table.selectionModel().clearSelection()
        finally:
            self._guard = False

    def settle(self, cancellable: bool = True) -> bool:
        """When the form holds unsaved typing, ask to save it; False when the person chose to stay."""
        if not self.form.dirty or self.form.entry is None:
            return True
        code = self.form.entry.code
        box = plain_box(
            QMessageBox(
                QMessageBox.Icon.Question,
                "Perubahan belum disimpan",
                f"Isian {code} belum disimpan. Simpan sekarang?",
                QMessageBox.StandardButton.NoButton,
                self,
            )
        )
        save = box.addButton("Simpan", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("Jangan simpan", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole) if cancellable else None
        box.setDefaultButton(save)
        box.setEscapeButton(stay or drop)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return self.form.save() or not cancellable
        if clicked is drop:
            self.form.dirty = False
            return True
        return False

    def period_changed(self, *_: int) -> None:
        # Unsaved typing belongs to the period it was typed for: settle it before the page moves on.
        self.settle(cancellable=False)
        self.form.dirty = False
        self.refresh()

    # ---- the quarter's actions ------------------------------------------------------------------------------

    def submit(self) -> None:
        """'Ajukan ke Sekretaris': every draft or returned realisasi of the unit; a refusal lists every problem."""
        if not self.settle():
            return
        ctx = self.ctx
        pending = [e for e in self.entries if e.editable]
        ready = all(not e.problems for e in pending)
        # A quarter with problems goes straight to the core, whose refusal names them all.
        if ready and not confirm(
            self,
            "Ajukan ke Sekretaris",
            f"Ajukan realisasi {self.unit_name} {period_title(ctx)} ({len(pending)} indikator) ke Sekretaris?\n\n"
            "Setelah diajukan, isian tidak dapat diubah kecuali dikembalikan oleh Sekretaris atau Camat.",
            "Ajukan",
        ):
            return
        ok, ids = attempt_listed(
            self,
            lambda: submit_quarter(ctx.db, ctx.actor, self.unit_id, ctx.year, ctx.quarter),
            "Belum dapat diajukan",
        )
        if ok and ids is not None:
            self.message.setText(f"{len(ids)} realisasi {period_title(ctx)} diajukan ke Sekretaris.")
            self.changed()

    def export_isian(self) -> None:
        """'Ekspor Format Isian…'."""
        if self.settle():
            path = isian.export_file(self, self.ctx, self.unit_id, self.unit_name)
            if path is not None:
                self.message.setText(f"Format Isian disimpan di {path}.")

    def import_isian(self) -> None:
        """'Impor Format Isian…': the file's changes are shown first and applied only on "Terapkan"."""
        if not self.settle():
            return
        ids = isian.import_file(self, self.ctx)
        if ids is not None:
            self.message.setText(f"Format Isian diimpor: {len(ids)} realisasi diperbarui.")
            self.changed()
