"""Realisasi per desa for an indicator over desa: under the Realisasi field of the entry form, the fraction and
"Isi per desa…", which opens a list of the desa to mark each as meeting the criterion or not, with a note and a
bukti dukung file (`ops.desa.entry.save_desa_marks`; the value then follows from the marks)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.desa.entry import DesaMark, save_desa_marks
from sakip_desktop.ops.desa.fraction import MET, MISSING, NOT_MET, Breakdown, entry_breakdown
from sakip_desktop.ops.realisation.entry import EntryView, add_evidence
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_open_paths
from ui.widgets.forms import hint

CHOICES = (("— belum diisi —", None), ("Ya, memenuhi", True), ("Tidak memenuhi", False))
_STATE_CHOICE = {MISSING: 0, MET: 1, NOT_MET: 2}


class DesaDialog(QDialog):
    """The desa of an indicator over desa in one quarter: meets the criterion or not, note, bukti dukung."""

    def __init__(self, ctx: AppContext, entry: EntryView, found: Breakdown, editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.entry, self.found, self.editable = ctx, entry, found, editable
        self.saved = False
        self.setWindowTitle(f"Realisasi per desa {entry.code}")
        self.resize(860, 520)
        self.table = QTableWidget(len(found.rows), 5)
        self.table.setHorizontalHeaderLabels(["Kode", "Desa/Kelurahan", "Memenuhi kriteria", "Keterangan", "Bukti"])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.choices: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        self.files: list[QLabel] = []  # each desa's "n berkas"
        for n, row in enumerate(found.rows):
            self._fill_row(n, row)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        closing = "Batal" if editable else "Tutup"
        self.close_button = buttons.addButton(closing, QDialogButtonBox.ButtonRole.RejectRole)
        self.told = plain_label()  # what "Lampirkan…" did: the list stays open for the next desa
        self.told.setWordWrap(True)
        self.told.setVisible(False)
        self.save_button.setEnabled(editable)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = plain_label(f"{entry.code} {entry.name}")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(plain_label(f"Kriteria: {found.criterion}"))
        layout.addWidget(hint("Realisasi = desa yang memenuhi kriteria ÷ desa yang diisi × 100%. Semua desa aktif "
                              "harus diisi sebelum diajukan."))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addWidget(self.told)
        layout.addWidget(buttons)

    def _fill_row(self, n: int, row) -> None:
        for column, text in ((0, row.code), (1, row.name)):
            label = plain_label(text)
            label.setContentsMargins(6, 0, 6, 0)
            self.table.setCellWidget(n, column, label)
        combo = QComboBox()
        for text, value in CHOICES:
            combo.addItem(text, value)
        combo.setCurrentIndex(_STATE_CHOICE[row.state])
        combo.setEnabled(self.editable)
        note = QLineEdit(row.note)
        if self.editable:
            note.setPlaceholderText("mis. buku administrasi belum mutakhir")
        note.setReadOnly(not self.editable)
        files = QWidget()
        box = QHBoxLayout(files)
        box.setContentsMargins(2, 0, 2, 0)
        count = plain_label()
        box.addWidget(count)
        if self.editable:
            attach = QPushButton("Lampirkan…")
            attach.clicked.connect(lambda _=False, desa_id=row.desa_id: self.attach(desa_id))
            box.addWidget(attach)
        self.files.append(count)
        self._show_files(n, row.evidence)
        self.table.setCellWidget(n, 2, combo)
        self.table.setCellWidget(n, 3, note)
        self.table.setCellWidget(n, 4, files)
        self.choices.append(combo)
        self.notes.append(note)

    def marks(self) -> list[DesaMark]:
        """What the list says now, one mark per desa."""
        return [
            DesaMark(row.desa_id, self.choices[n].currentData(), self.notes[n].text())
            for n, row in enumerate(self.found.rows)
        ]

    def _store(self) -> int | None:
        e = self.entry
        ok, realisation_id = attempt(
            self, lambda: save_desa_marks(self.ctx.db, self.ctx.actor, e.indicator_id, e.year, e.quarter, self.marks())
        )
        if ok:
            self.saved = True
        return realisation_id if ok else None

    def save(self) -> None:
        """'Simpan': every desa's mark through the core; the dialog closes when accepted."""
        if self._store() is not None:
            self.accept()

    def attach(self, desa_id: int) -> None:
        """'Lampirkan…': the marks are saved first (the file belongs to the realisasi), then the files added."""
        paths = ask_open_paths(self, "Bukti dukung desa", "Semua berkas (*);;PDF (*.pdf);;Gambar (*.jpg *.png)")
        if not paths:
            return
        realisation_id = self._store()
        if realisation_id is None:
            return
        added = []
        for path in paths:
            ok, _ = attempt(self, partial(self._add, realisation_id, Path(path), desa_id))
            if not ok:
                break
            added.append(Path(path).name)
        # The list stays open for the next desa (the form lists the files, with their desa, once it is closed).
        self.close_button.setText("Tutup")  # the marks are saved: nothing left to cancel
        self._read_files()
        if added:
            name = next(row.name for row in self.found.rows if row.desa_id == desa_id)
            self.told.setText(f"Tanda desa disimpan; {', '.join(added)} dilampirkan untuk {name}.")
            self.told.setVisible(True)

    def _read_files(self) -> None:
        """Every desa's files as stored now."""
        e = self.entry
        ok, found = attempt(self, lambda: entry_breakdown(self.ctx.db, e.indicator_id, e.year, e.quarter))
        if not ok or found is None:
            return
        files = {row.desa_id: row.evidence for row in found.rows}
        for n, row in enumerate(self.found.rows):
            self._show_files(n, files.get(row.desa_id, ()))
        self.table.resizeColumnToContents(4)  # "1 berkas" is wider than "-"

    def _show_files(self, n: int, names: Sequence[str]) -> None:
        """Row `n`'s count of files ('2 berkas'), their names in its tooltip."""
        self.files[n].setText(f"{len(names)} berkas" if names else "-")
        cell = self.files[n].parentWidget()
        if cell is not None:
            cell.setToolTip("\n".join(names))

    def _add(self, realisation_id: int, path: Path, desa_id: int) -> int:
        data = path.read_bytes()
        return add_evidence(self.ctx.db, self.ctx.actor, realisation_id, path.name, data, desa_id=desa_id)


class DesaControl(QWidget):
    """Beside the Realisasi field: the fraction and 'Isi per desa…' (hidden for an indicator not over desa)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry: EntryView | None = None
        self.found: Breakdown | None = None
        self.editable = False
        self.fraction = QLabel()  # one line (no wrapping): the form layout then never squeezes it (tester F1)
        self.button = QPushButton("Isi per desa…")
        self.button.setToolTip("Tandai setiap desa: memenuhi kriteria atau tidak, dengan keterangan dan bukti")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.fraction)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.button.clicked.connect(self.open)
        self.setVisible(False)

    @property
    def active(self) -> bool:
        """True while the entry shown is an indicator over desa whose desa are marked: the marks give the value."""
        return self.found is not None and self.found.desa_counted is not None

    def show_for(self, entry: EntryView | None) -> None:
        """Read the entry's per-desa marks (nothing for an indicator not over desa)."""
        self.entry = entry
        self.found = None
        if entry is not None:
            _ok, self.found = attempt(
                self, lambda: entry_breakdown(self.ctx.db, entry.indicator_id, entry.year, entry.quarter)
            )
        self.setVisible(self.found is not None)
        if self.found is not None:
            shown = self.found.fraction.replace(" desa (", " desa memenuhi kriteria (")
            self.fraction.setText(shown or "belum ada desa yang diisi")
        self.set_editable(entry is not None and entry.editable)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.button.setText("Isi per desa…" if editable else "Lihat per desa…")

    def open(self) -> DesaDialog | None:
        """Open the list; after a save every screen reads again."""
        if self.entry is None or self.found is None:
            return None
        dialog = DesaDialog(self.ctx, self.entry, self.found, self.editable, self)
        dialog.exec()
        if dialog.saved:
            self.ctx.signals.work_changed.emit()
        return dialog
