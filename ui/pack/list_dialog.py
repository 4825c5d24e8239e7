"""'Ubah daftar…': the office's list of what the kabupaten expects (kabupaten differ): each line's document, ESR
type, whether the program prints it or a file is attached, per year or per quarter, its deadline and whether it is
required. Saved line by line through `ops.pack.edit`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.pack.checklist import item_types
from sakip_desktop.ops.pack.due import ESR_TYPES, PRODUCED_KINDS, ItemType
from sakip_desktop.ops.pack.edit import remove_item_type, save_item_type
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.dialogs import confirm
from ui.widgets.table import Column, RecordTableModel, current_record, make_table

SOURCES = [("", "Berkas dilampirkan"), *PRODUCED_KINDS.items()]


class PackListDialog(QDialog):
    """The list of expected documents, with a form for the chosen line."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Daftar dokumen yang diminta Kabupaten")
        self.resize(980, 600)
        columns = [
            Column[ItemType]("Dokumen", lambda t: t.title, width=230),
            Column[ItemType]("Jenis ESR", lambda t: t.esr_type, width=200),
            Column[ItemType]("Sumber", lambda t: dict(SOURCES)[t.source_kind], width=170),
            Column[ItemType]("Periode", lambda t: "Triwulan" if t.per_quarter else "Tahunan", width=80),
            Column[ItemType]("Batas waktu", lambda t: self._due(t), width=220),
            Column[ItemType]("Wajib", lambda t: "ya" if t.required else "tidak", width=50),
        ]
        self.model = RecordTableModel(columns, self)
        self.table = make_table(self.model, columns, 4, sortable=False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show(current_record(self.table)))
        form = self._form()
        self.add_button = QPushButton("Tambah sebagai baris baru")
        self.add_button.clicked.connect(lambda: self.save(new=True))
        self.save_button = QPushButton("Simpan perubahan baris")
        self.save_button.clicked.connect(lambda: self.save(new=False))
        self.remove_button = QPushButton("Hapus baris")
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Tutup")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.can_edit = ctx.actor.may(Op.PACK_LIST_SAVE)
        for button in (self.add_button, self.save_button, self.remove_button):
            button.setEnabled(self.can_edit)
        self.reload()

    def _form(self) -> QFormLayout:
        """The fields of the chosen line."""
        self.title = QLineEdit()
        self.esr = QComboBox()
        self.esr.addItems(list(ESR_TYPES))
        self.source = QComboBox()
        for _kind, label in SOURCES:
            self.source.addItem(label)
        self.per_quarter = QCheckBox("Per triwulan (TW I–IV)")
        self.due_months = QSpinBox()
        self.due_months.setRange(0, 24)
        self.due_months.setSuffix(" bulan setelah awal periode")
        self.due_day = QSpinBox()
        self.due_day.setRange(1, 31)
        self.due_day.setPrefix("tanggal ")
        self.required = QCheckBox("Wajib (terlambat bila lewat batas)")
        self.required.setChecked(True)
        form = QFormLayout()
        form.addRow("Dokumen", self.title)
        form.addRow("Jenis dokumen ESR", self.esr)
        form.addRow("Sumber", self.source)
        form.addRow("", self.per_quarter)
        due = QHBoxLayout()
        due.addWidget(self.due_day)
        due.addWidget(self.due_months)
        form.addRow("Batas waktu", due)
        form.addRow("", self.required)
        return form

    def _due(self, item: ItemType) -> str:
        """'tanggal 28, 13 bulan setelah awal tahun (2025: 28-02-2026)'."""
        year = self.ctx.year
        first = f"TW I {year}" if item.per_quarter else str(year)
        return f"{item.due_text} ({first}: {item.deadline(year, 1):%d-%m-%Y})"

    def reload(self, code: str | None = None) -> None:
        """Read the list again (and put the cursor on line `code`)."""
        _ok, types = attempt(self, lambda: item_types(self.ctx.db))
        self.model.set_rows(types or [])
        if code is not None:
            for row, item in enumerate(types or []):
                if item.code == code:
                    self.table.selectRow(row)

    def _show(self, item: ItemType | None) -> None:
        if item is None:
            return
        self.title.setText(item.title)
        self.esr.setCurrentText(item.esr_type)
        self.source.setCurrentIndex([k for k, _ in SOURCES].index(item.source_kind))
        self.per_quarter.setChecked(item.per_quarter)
        self.due_months.setValue(item.due_months)
        self.due_day.setValue(item.due_day)
        self.required.setChecked(item.required)

    def _entered(self, chosen: ItemType | None) -> ItemType:
        return ItemType(
            code="" if chosen is None else chosen.code,
            title=self.title.text(),
            esr_type=self.esr.currentText(),
            source_kind=SOURCES[self.source.currentIndex()][0],
            per_quarter=self.per_quarter.isChecked(),
            due_months=self.due_months.value(),
            due_day=self.due_day.value(),
            required=self.required.isChecked(),
            id=None if chosen is None else chosen.id,
        )

    def save(self, *, new: bool) -> bool:
        """Add the form as a new line, or save it over the chosen line."""
        chosen = None if new else current_record(self.table)
        if not new and chosen is None:
            return False
        item = self._entered(chosen)
        ok, saved = attempt(self, lambda: save_item_type(self.ctx.db, self.ctx.actor, item))
        if ok and saved is not None:
            self.reload(saved.code)
        return ok

    def remove(self) -> bool:
        """Take the chosen line off the list (its statuses and files stay stored)."""
        chosen = current_record(self.table)
        if chosen is None:
            return False
        if not confirm(self, "Hapus baris", f"Hapus '{chosen.title}' dari daftar paket?", "Hapus"):
            return False
        ok, _ = attempt(self, lambda: remove_item_type(self.ctx.db, self.ctx.actor, chosen.code))
        if ok:
            self.reload()
        return ok
