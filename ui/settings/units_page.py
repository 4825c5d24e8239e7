"""Pengaturan > Unit Kerja: the office's units (Pimpinan, Sekretariat, Sub Bagian, Seksi)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from sakip_desktop.domain.roles import UnitKind
from sakip_desktop.ops.org.units import (
    UnitInput,
    UnitView,
    add_unit,
    code_from_name,
    delete_unit,
    list_units,
    update_unit,
)
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import fill_combo, form_layout, hint, text_or_dash
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column

NO_PARENT = "(tidak ada)"


def _descendants(unit_id: int, units: list[UnitView]) -> set[int]:
    """The unit and every unit below it: none of them may become its parent."""
    found = {unit_id}
    grew = True
    while grew:
        below = {u.id for u in units if u.parent_id in found}
        grew = not below <= found
        found |= below
    return found


class UnitDialog(FormDialog):
    """Add or edit one unit."""

    def __init__(self, ctx: AppContext, unit: UnitView | None, units: list[UnitView], parent=None) -> None:
        super().__init__(ctx, "Tambah unit kerja" if unit is None else "Ubah unit kerja", parent)
        self._unit = unit
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("mis. Seksi Pemerintahan")
        self.name_edit.setMinimumWidth(360)
        self.kind_combo = QComboBox()
        kind = unit.kind if unit else UnitKind.SEKSI  # a new unit is most often a seksi
        fill_combo(self.kind_combo, [(k.label, k.value) for k in UnitKind], kind.value)
        excluded = _descendants(unit.id, units) if unit else set()
        self.parent_combo = QComboBox()
        fill_combo(
            self.parent_combo,
            [(NO_PARENT, None)] + [(u.name, u.id) for u in units if u.id not in excluded],
            unit.parent_id if unit else None,
        )
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(40)
        self.order_spin = QSpinBox()
        self.order_spin.setRange(0, 9999)
        self.order_spin.setToolTip("Unit diurutkan menurut angka ini di semua daftar.")

        form = form_layout()
        form.addRow("&Nama:", self.name_edit)
        form.addRow("&Jenis:", self.kind_combo)
        form.addRow("&Induk:", self.parent_combo)
        form.addRow("&Kode:", self.code_edit)
        form.addRow("", hint("Boleh dikosongkan: kode dibuat dari nama."))
        form.addRow("&Urutan:", self.order_spin)
        self.finish_layout(form)
        self.fields = {"name": self.name_edit, "code": self.code_edit, "parent_id": self.parent_combo}

        self.name_edit.textChanged.connect(self._update_code_placeholder)
        if unit is not None:
            self.name_edit.setText(unit.name)
            self.code_edit.setText(unit.code)
            self.order_spin.setValue(unit.sort_order)
        else:
            self.order_spin.setValue(max((u.sort_order for u in units), default=0) + 10)
        self._update_code_placeholder()

    def _update_code_placeholder(self) -> None:
        auto = code_from_name(self.name_edit.text())
        self.code_edit.setPlaceholderText(f"otomatis: {auto}" if auto else "otomatis dari nama")

    def save(self) -> int:
        data = UnitInput(
            name=self.name_edit.text(),
            kind=UnitKind(self.kind_combo.currentData()),
            parent_id=self.parent_combo.currentData(),
            code=self.code_edit.text(),
            sort_order=self.order_spin.value(),
        )
        if self._unit is None:
            return add_unit(self.ctx.db, self.ctx.actor, data)
        update_unit(self.ctx.db, self.ctx.actor, self._unit.id, data)
        return self._unit.id


class UnitsPage(RecordPage):
    """The list of units with Tambah unit / Ubah / Hapus."""

    topic = "units"
    refresh_on = frozenset({"units", "people"})  # people change the head counts

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        columns = [
            Column[UnitView]("Kode", lambda u: u.code),
            Column[UnitView]("Nama", lambda u: u.name),
            Column[UnitView]("Jenis", lambda u: u.kind.label, sort_key=lambda u: list(UnitKind).index(u.kind)),
            Column[UnitView]("Induk", lambda u: text_or_dash(u.parent_name)),
            Column[UnitView](
                "Jumlah pegawai aktif",
                lambda u: str(u.people_count),
                sort_key=lambda u: u.people_count,
                align_right=True,
            ),
        ]
        intro = (
            "Unit kerja kantor kecamatan: pimpinan, sekretariat, sub bagian dan seksi. "
            "Unit yang masih dipakai pegawai, peran Kasi, indikator atau sub kegiatan tidak dapat dihapus."
        )
        super().__init__(ctx, columns, intro, "Tambah unit", parent, stretch_column=1)
        self.refresh()

    def load_rows(self) -> list[UnitView]:
        return list_units(self.ctx.db)

    def make_dialog(self, record: UnitView | None) -> UnitDialog:
        return UnitDialog(self.ctx, record, self.model.rows(), self)

    def delete_question(self, record: UnitView) -> str:
        return f"Hapus unit kerja '{record.name}'?"

    def delete_record(self, record: UnitView) -> None:
        delete_unit(self.ctx.db, self.ctx.actor, record.id)
