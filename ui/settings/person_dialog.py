"""Add or edit one person: identity, NIP and pangkat, service period, roles and login."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.nip import format_nip
from sakip_desktop.domain.ranks import GRADES, rank_label
from sakip_desktop.domain.roles import Employment, Role, UnitKind
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.people import (
    PersonInput,
    PersonView,
    RoleRef,
    add_person,
    suggest_username,
    update_person,
)
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.security import MIN_PASSWORD_LENGTH
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, select_data, set_date

NO_UNIT = "(tidak ada)"
PICK_SEKSI = "(pilih seksi)"
NEW_ACCOUNT_HINT = (
    f"Isi kata sandi awal (minimal {MIN_PASSWORD_LENGTH} karakter) untuk akun baru. Pegawai wajib menggantinya "
    "saat pertama masuk."
)
RESET_HINT = (
    "Kosongkan kata sandi bila tidak diganti; isi untuk mengatur ulang. Pegawai wajib menggantinya saat masuk "
    "berikutnya."
)
SELF_ROLES_HINT = "Peran baru untuk diri sendiri diberikan oleh administrator lain."
SERVICE_HINT = (
    "Tanggal mulai bertugas di kantor ini. Perannya, juga sebagai penanda tangan dokumen, berlaku sejak tanggal "
    "ini: untuk pegawai lama isi tanggal sebenarnya (bawaan: 1 Januari tahun ini)."
)
NIP_HINTS = {
    Employment.PNS: "18 angka, boleh dengan spasi: 19800614 200212 1 003",
    Employment.PPPK: "18 angka NI PPPK, boleh dengan spasi",
    Employment.NON_ASN: "boleh dikosongkan",
}


class PersonDialog(FormDialog):
    """The form behind "Tambah pegawai" and "Ubah"; `saved_id` is the person's id after saving."""

    def __init__(self, ctx: AppContext, person: PersonView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah pegawai" if person is None else "Ubah data pegawai", parent)
        self._person = person
        self._units = list_units(ctx.db)
        # A new person's user name follows the name until the administrator types one.
        self._username_touched = person is not None
        self._last_grade = ""

        left = QVBoxLayout()
        left.addWidget(self._identity_box())
        left.addWidget(self._employment_box())
        left.addWidget(self._service_box())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._roles_box())
        right.addWidget(self._account_box())
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(8)
        body.addLayout(right, 2)
        self.finish_layout(body)
        self.fields = {
            "name": self.name_edit,
            "employment": self.employment_combo,
            "nip": self.nip_edit,
            "grade": self.grade_combo,
            "unit_id": self.unit_combo,
            "active_to": self.to_edit,
            "username": self.username_edit,
            "is_admin": self.admin_check,
            "password": self.password_edit,
            "password_repeat": self.repeat_edit,
        }
        self._load(person)
        self.name_edit.setFocus()

    # ---- building ------------------------------------------------------------------------------------
    def _identity_box(self) -> QGroupBox:
        self.front_edit = QLineEdit()
        self.front_edit.setPlaceholderText("mis. Drs.")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("nama lengkap tanpa gelar")
        self.name_edit.setMinimumWidth(280)
        self.back_edit = QLineEdit()
        self.back_edit.setPlaceholderText("mis. S.Sos., M.Si.")
        self.name_edit.textChanged.connect(self._follow_name)
        form = form_layout()
        form.addRow("Gelar &depan:", self.front_edit)
        form.addRow("&Nama:", self.name_edit)
        form.addRow("Gelar &belakang:", self.back_edit)
        return _group("Identitas", form)

    def _employment_box(self) -> QGroupBox:
        self.employment_combo = QComboBox()
        fill_combo(self.employment_combo, [(e.label, e.value) for e in Employment])
        self.nip_edit = QLineEdit()
        self.nip_edit.setMaxLength(30)
        self.grade_combo = QComboBox()
        fill_combo(self.grade_combo, [("", "")] + [(rank_label(g), g) for g in GRADES])
        self.position_edit = QLineEdit()
        self.position_edit.setPlaceholderText("mis. Kepala Seksi Pemerintahan")
        self.unit_combo = QComboBox()
        fill_combo(self.unit_combo, [(NO_UNIT, None)] + [(u.name, u.id) for u in self._units])
        self.employment_combo.currentIndexChanged.connect(self._employment_changed)
        self.grade_combo.activated.connect(lambda _i: setattr(self, "_last_grade", self.grade_combo.currentData()))
        form = form_layout()
        form.addRow("&Status kepegawaian:", self.employment_combo)
        form.addRow("NI&P:", self.nip_edit)
        form.addRow("Pangkat/&golongan:", self.grade_combo)
        form.addRow("&Jabatan:", self.position_edit)
        form.addRow("&Unit kerja:", self.unit_combo)
        return _group("Kepegawaian", form)

    def _service_box(self) -> QGroupBox:
        self.from_edit = date_edit()
        self.still_active = QCheckBox("&Masih aktif")
        self.to_edit = date_edit()
        self.still_active.toggled.connect(lambda on: self.to_edit.setEnabled(not on))
        form = form_layout()
        form.addRow("Aktif s&ejak:", self.from_edit)
        form.addRow("", self.still_active)
        form.addRow("Aktif s&ampai:", self.to_edit)
        form.addRow("", hint(SERVICE_HINT))
        return _group("Masa tugas", form)

    def _roles_box(self) -> QGroupBox:
        self.role_checks: dict[Role, QCheckBox] = {}
        grid = QGridLayout()
        for row, role in enumerate(Role):
            check = QCheckBox(role.label)
            self.role_checks[role] = check
            grid.addWidget(check, row, 0)
        self.seksi_combo = QComboBox()
        seksi = [(u.name, u.id) for u in self._units if u.kind is UnitKind.SEKSI]
        fill_combo(self.seksi_combo, [(PICK_SEKSI, None), *seksi])
        self.seksi_combo.setToolTip("Seksi yang dipimpin oleh Kasi ini")
        grid.addWidget(self.seksi_combo, list(Role).index(Role.KASI), 1)
        grid.setColumnStretch(1, 1)
        self.role_checks[Role.KASI].toggled.connect(self._kasi_toggled)
        self.self_roles_hint = hint(SELF_ROLES_HINT)
        self.self_roles_hint.hide()
        grid.addWidget(self.self_roles_hint, len(Role), 0, 1, 2)
        box = QGroupBox("Peran")
        box.setLayout(grid)
        return box

    def _account_box(self) -> QGroupBox:
        self.username_edit = QLineEdit()
        self.username_edit.textEdited.connect(lambda _t: setattr(self, "_username_touched", True))
        self.admin_check = QCheckBox("Administrato&r (mengelola data induk dan pengaturan)")
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        form.addRow("Nama pengguna:", self.username_edit)
        form.addRow("", self.admin_check)
        form.addRow("&Kata sandi:", self.password_edit)
        form.addRow("U&langi kata sandi:", self.repeat_edit)
        self.password_hint = hint("")
        form.addRow("", self.password_hint)
        self.account_box = _group("Akun masuk aplikasi", form)
        self.account_box.setCheckable(True)
        self.account_box.setToolTip("Hilangkan centang bila pegawai ini tidak perlu masuk ke aplikasi.")
        return self.account_box

    # ---- loading and reacting --------------------------------------------------------------------------
    def _load(self, p: PersonView | None) -> None:
        today = self.ctx.today()
        if p is None:
            # Not today: the staff recorded when an office starts using the program have served for years, and
            # their roles count only from this date (who signs, who held a role on a day: ops/org/signers.py).
            set_date(self.from_edit, today.replace(month=1, day=1))
            set_date(self.to_edit, today)
            self.still_active.setChecked(True)
            self.account_box.setChecked(True)
            self.password_hint.setText(NEW_ACCOUNT_HINT)
            self._employment_changed()
            self._kasi_toggled(False)
            return
        self.front_edit.setText(p.front_title)
        self.name_edit.setText(p.name)
        self.back_edit.setText(p.back_title)
        select_data(self.employment_combo, p.employment.value)
        self.nip_edit.setText(format_nip(p.nip))
        self._last_grade = p.grade
        select_data(self.grade_combo, p.grade)
        self.position_edit.setText(p.position)
        select_data(self.unit_combo, p.unit_id)
        set_date(self.from_edit, p.active_from)
        set_date(self.to_edit, p.active_to or today)
        self.still_active.setChecked(p.active_to is None)
        self.to_edit.setEnabled(p.active_to is not None)
        for ref in p.roles:
            self.role_checks[ref.role].setChecked(True)
            if ref.role.per_unit:
                select_data(self.seksi_combo, ref.unit_id)
        self._kasi_toggled(self.role_checks[Role.KASI].isChecked())
        self.account_box.setChecked(p.has_account)
        self.username_edit.setText(p.username)
        self.admin_check.setChecked(p.is_admin)
        self.password_hint.setText(RESET_HINT if p.has_account else NEW_ACCOUNT_HINT)
        self._employment_changed()
        if p.id == self.ctx.actor.person_id:
            self._limit_to_held(p)

    def _limit_to_held(self, p: PersonView) -> None:
        """Editing oneself: the roles and the administrator flag one does not hold cannot be ticked."""
        held = {ref.role for ref in p.roles}
        for role, check in self.role_checks.items():
            check.setEnabled(role in held)
        if Role.KASI in held:
            self.seksi_combo.setEnabled(False)  # another seksi would be a new role too
        self.admin_check.setEnabled(p.is_admin)
        self.self_roles_hint.show()
        self.password_hint.setText("Untuk kata sandi Anda sendiri, pakai menu Berkas › Ganti kata sandi.")

    def _employment_changed(self) -> None:
        employment = Employment(self.employment_combo.currentData())
        self.nip_edit.setPlaceholderText(NIP_HINTS[employment])
        is_pns = employment is Employment.PNS
        self.grade_combo.setEnabled(is_pns)
        select_data(self.grade_combo, self._last_grade if is_pns else "")

    def _kasi_toggled(self, on: bool) -> None:
        self.seksi_combo.setEnabled(on)
        if on and self.seksi_combo.currentData() is None:
            select_data(self.seksi_combo, self.unit_combo.currentData())  # a Kasi usually heads his own unit
        if not on:
            self.seksi_combo.setCurrentIndex(0)

    def _follow_name(self, name: str) -> None:
        if not self._username_touched:
            self.username_edit.setText(suggest_username(name))

    def field_widget(self, name: str | None) -> QWidget | None:
        if name == "roles":
            return self.seksi_combo if self.seksi_combo.isEnabled() else self.role_checks[Role.CAMAT]
        return super().field_widget(name)

    # ---- saving ------------------------------------------------------------------------------------------
    def roles(self) -> tuple[RoleRef, ...]:
        """The ticked roles; a Kasi carries the chosen seksi."""
        return tuple(
            RoleRef(role, self.seksi_combo.currentData() if role.per_unit else None)
            for role, check in self.role_checks.items()
            if check.isChecked()
        )

    def person_input(self) -> PersonInput:
        """What the form says, as the core's input."""
        account = self.account_box.isChecked()
        password = self.password_edit.text()
        return PersonInput(
            name=self.name_edit.text(),
            employment=Employment(self.employment_combo.currentData()),
            active_from=date_of(self.from_edit),
            front_title=self.front_edit.text(),
            back_title=self.back_edit.text(),
            nip=self.nip_edit.text(),
            grade=self.grade_combo.currentData() or "",
            position=self.position_edit.text(),
            unit_id=self.unit_combo.currentData(),
            active_to=None if self.still_active.isChecked() else date_of(self.to_edit),
            roles=self.roles(),
            username=self.username_edit.text() if account else "",
            is_admin=account and self.admin_check.isChecked(),
            password=(password or None) if account else None,
        )

    def save(self) -> int:
        if self.account_box.isChecked() and self.password_edit.text() != self.repeat_edit.text():
            raise ValidationError("Kata sandi dan ulangannya tidak sama.", field="password_repeat")
        data = self.person_input()
        if self._person is None:
            return add_person(self.ctx.db, self.ctx.actor, data).id
        return update_person(self.ctx.db, self.ctx.actor, self._person.id, data).id


def _group(title: str, layout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
