"""Add or edit one Plt./Plh. assignment."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from sakip_desktop.domain.roles import ActingKind, Role, UnitKind
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.acting import ActingInput, ActingView, add_acting, update_acting
from sakip_desktop.ops.org.people import PersonView, RoleRef, list_people
from sakip_desktop.ops.org.units import UnitView, list_units
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, select_data, set_date

KIND_TEXT = {
    ActingKind.PLT: "Plt. (Pelaksana Tugas)",
    ActingKind.PLH: "Plh. (Pelaksana Harian)",
}
PICK_SEKSI = "(pilih seksi)"
PICK_PERSON = "(pilih pegawai)"


class ActingDialog(FormDialog):
    """The form behind Tambah / Ubah on the Plt./Plh. page."""

    def __init__(self, ctx: AppContext, acting: ActingView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah Plt./Plh." if acting is None else "Ubah Plt./Plh.", parent)
        self._acting = acting
        self._people = list_people(ctx.db)
        units = list_units(ctx.db)
        self._unit_names = {u.id: u.name for u in units}
        # The suggested jabatan follows the role until the administrator types one.
        self._position_touched = acting is not None
        end_row = self._build_fields(self._candidates(acting), units)
        self.finish_layout(self._form(end_row))
        self.fields = {
            "person_id": self.person_combo,
            "unit_id": self.seksi_combo,
            "end": self.end_edit,
            "kind": self.kind_combo,
            "role": self.role_combo,
            "decree": self.decree_edit,
        }

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.seksi_combo.currentIndexChanged.connect(self._suggest_position)
        self._load(acting)

    def _candidates(self, acting: ActingView | None) -> list[PersonView]:
        """Who may be chosen as the acting official."""
        # Only people in service can act; an old assignment keeps its person even after he left. Nobody appoints
        # himself (ops/acting.py refuses it): another administrator does.
        today = self.ctx.today()
        return [
            p
            for p in self._people
            if (p.active_on(today) and p.id != self.ctx.actor.person_id) or (acting and p.id == acting.person_id)
        ]

    def _build_fields(self, candidates: list[PersonView], units: list[UnitView]) -> QHBoxLayout:
        """The fields of the form; returns the 'Selesai' row (end date and 'tanpa batas waktu')."""
        self.person_combo = QComboBox()
        fill_combo(self.person_combo, [(PICK_PERSON, None)] + [(_person_text(p), p.id) for p in candidates])
        self.kind_combo = QComboBox()
        fill_combo(self.kind_combo, [(text, kind.value) for kind, text in KIND_TEXT.items()], ActingKind.PLH.value)
        self.role_combo = QComboBox()
        fill_combo(self.role_combo, [(r.label, r.value) for r in Role])
        self.seksi_combo = QComboBox()
        seksi = [(u.name, u.id) for u in units if u.kind is UnitKind.SEKSI]
        fill_combo(self.seksi_combo, [(PICK_SEKSI, None), *seksi])
        self.position_edit = QLineEdit()
        self.position_edit.setMinimumWidth(320)
        self.position_edit.textEdited.connect(lambda _t: setattr(self, "_position_touched", True))
        self.start_edit = date_edit()
        self.end_edit = date_edit()
        self.open_end = QCheckBox("&tanpa batas waktu")
        self.open_end.setToolTip("Hanya untuk Plt.; Plh. selalu punya tanggal selesai.")
        self.open_end.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_edit, 1)
        end_row.addWidget(self.open_end)
        self.decree_edit = QLineEdit()
        self.decree_edit.setPlaceholderText("wajib, mis. 800/214/35.99.01/2025")
        return end_row

    def _form(self, end_row: QHBoxLayout) -> QFormLayout:
        form = form_layout()
        form.addRow("&Pegawai:", self.person_combo)
        form.addRow("&Jenis:", self.kind_combo)
        form.addRow("Pe&ran:", self.role_combo)
        form.addRow("&Seksi:", self.seksi_combo)
        form.addRow("J&abatan:", self.position_edit)
        form.addRow("", hint("Dicetak di tanda tangan setelah 'Plt.' atau 'Plh.', mis. Plh. Camat Contoh."))
        form.addRow("&Mulai:", self.start_edit)
        end_label = QLabel("S&elesai:")
        end_label.setBuddy(self.end_edit)
        form.addRow(end_label, end_row)
        # Required: ops/acting.py refuses an assignment without it, after the fields above, and the message
        # shows here with the cursor in this field.
        form.addRow("&Nomor SK / surat perintah:", self.decree_edit)
        form.addRow(
            "",
            hint(
                "Wajib diisi. Anda tidak dapat menunjuk diri sendiri; penunjukan tampil kepada Camat di "
                "'Menunggu Anda'."
            ),
        )
        return form

    def _load(self, a: ActingView | None) -> None:
        if a is None:
            set_date(self.start_edit, self.ctx.today())
            set_date(self.end_edit, self.ctx.today())
        else:
            select_data(self.person_combo, a.person_id)
            select_data(self.kind_combo, a.kind.value)
            select_data(self.role_combo, a.role.value)
            select_data(self.seksi_combo, a.unit_id)
            self.position_edit.setText(a.position)
            set_date(self.start_edit, a.start)
            set_date(self.end_edit, a.end or a.start)
            self.open_end.setChecked(a.end is None)
            self.decree_edit.setText(a.decree)
        self._kind_changed()
        self._role_changed()

    def _kind_changed(self) -> None:
        is_plt = ActingKind(self.kind_combo.currentData()) is ActingKind.PLT
        if not is_plt:
            self.open_end.setChecked(False)
        self.open_end.setEnabled(is_plt)

    def _role_changed(self) -> None:
        per_unit = Role(self.role_combo.currentData()).per_unit
        self.seksi_combo.setEnabled(per_unit)
        if not per_unit:
            self.seksi_combo.setCurrentIndex(0)
        self._suggest_position()

    def _suggest_position(self) -> None:
        if not self._position_touched:
            self.position_edit.setText(self.suggested_position())

    def suggested_position(self) -> str:
        """The jabatan of whoever holds the role now ('Camat Contoh'), else the role's name."""
        role = Role(self.role_combo.currentData())
        unit_id = self.seksi_combo.currentData() if role.per_unit else None
        today = self.ctx.today()
        for p in self._people:
            if RoleRef(role, unit_id) in p.roles and p.active_on(today) and p.position:
                return p.position
        if role.per_unit:
            return f"Kepala {self._unit_names[unit_id]}" if unit_id else ""
        return role.label

    def save(self) -> int:
        if self.person_combo.currentData() is None:
            raise ValidationError("Pilih pegawai yang menjadi pelaksana.", field="person_id")
        role = Role(self.role_combo.currentData())
        data = ActingInput(
            person_id=self.person_combo.currentData(),
            kind=ActingKind(self.kind_combo.currentData()),
            role=role,
            start=date_of(self.start_edit),
            end=None if self.open_end.isChecked() else date_of(self.end_edit),
            unit_id=self.seksi_combo.currentData() if role.per_unit else None,
            position=self.position_edit.text(),
            decree=self.decree_edit.text(),
        )
        if self._acting is None:
            return add_acting(self.ctx.db, self.ctx.actor, data)
        update_acting(self.ctx.db, self.ctx.actor, self._acting.id, data)
        return self._acting.id


def _person_text(p: PersonView) -> str:
    return f"{p.full_name} ({p.position})" if p.position else p.full_name
