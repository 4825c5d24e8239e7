"""Pengaturan > Pegawai: the people of the office, their roles and logins."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.nip import format_nip
from sakip_desktop.domain.ranks import GRADES
from sakip_desktop.ops.org.people import PersonView, RoleRef, list_people
from sakip_desktop.ops.org.units import list_units
from ui.context import AppContext
from ui.settings.person_dialog import PersonDialog
from ui.widgets.forms import DASH, text_or_dash
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column


def role_text(ref: RoleRef, unit_names: dict[int, str]) -> str:
    """'Camat'; a Kasi with his seksi: 'Kasi Pemerintahan' (the word Seksi is what Kasi abbreviates)."""
    if not ref.role.per_unit:
        return ref.role.label
    unit = unit_names.get(ref.unit_id or 0, "")
    unit = unit.removeprefix("Seksi ").strip()
    return f"{ref.role.label} {unit}".strip()


def status_text(person: PersonView, today: dt.date) -> str:
    """'Aktif', 'Aktif s.d. …', 'Mulai aktif …' or 'Tidak aktif sejak …' (the day after the last day)."""
    if person.active_from > today:
        return f"Mulai aktif {long_date(person.active_from)}"
    if person.active_to is None:
        return "Aktif"
    if person.active_to < today:
        return f"Tidak aktif sejak {long_date(person.active_to + dt.timedelta(days=1))}"
    return f"Aktif s.d. {long_date(person.active_to)}"


def service_period(person: PersonView) -> str:
    """'Aktif 1 April 2021 s.d. sekarang' for tooltips."""
    end = long_date(person.active_to) if person.active_to else "sekarang"
    return f"Masa tugas: {long_date(person.active_from)} s.d. {end}"


NIP_COLUMN, STATUS_COLUMN = 1, 7


class PeoplePage(RecordPage):
    """The list of people with search, 'show inactive', Tambah pegawai and Ubah."""

    topic = "people"
    refresh_on = frozenset({"people", "units"})
    max_column_width = 150

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._unit_names: dict[int, str] = {}
        today = ctx.today
        columns = [
            Column[PersonView]("Nama", lambda p: p.full_name, sort_key=lambda p: p.name.lower()),
            Column[PersonView]("NIP", lambda p: text_or_dash(format_nip(p.nip))),
            Column[PersonView]("Pangkat/Gol.", lambda p: text_or_dash(p.rank), sort_key=_grade_key),
            Column[PersonView]("Jabatan", lambda p: p.position, tooltip=lambda p: p.position),
            Column[PersonView]("Unit", lambda p: text_or_dash(p.unit_name), tooltip=lambda p: p.unit_name),
            Column[PersonView]("Peran", self._roles_text, tooltip=self._roles_text),
            Column[PersonView](
                "Akun",
                lambda p: p.username or DASH,
                tooltip=_account_tooltip,
            ),
            Column[PersonView](
                "Status",
                lambda p: status_text(p, today()),
                tooltip=service_period,
                sort_key=lambda p: 0 if p.active_on(today()) else 1,
            ),
        ]
        intro = (
            "Pegawai kantor kecamatan beserta NIP, pangkat, peran dan akun masuknya. Pegawai yang pindah "
            "tidak dihapus: isi tanggal 'aktif sampai' agar riwayat dan tanda tangan lama tetap benar."
        )
        super().__init__(ctx, columns, intro, "Tambah pegawai", parent, deletable=False)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Cari…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.inactive_check = QCheckBox("Tampilkan yang tidak aktif")
        self.inactive_check.toggled.connect(lambda _on: self.refresh())
        self.toolbar.addWidget(self.search_edit)
        self.toolbar.addWidget(self.inactive_check)
        metrics = self.table.fontMetrics()
        self.min_widths = {
            NIP_COLUMN: metrics.horizontalAdvance(format_nip("0" * 18)) + 12,  # a NIP never wraps
            STATUS_COLUMN: metrics.horizontalAdvance("Tidak aktif sejak") + 16,  # the date may wrap below
        }
        self.refresh()

    def load_rows(self) -> list[PersonView]:
        self._unit_names = {u.id: u.name for u in list_units(self.ctx.db)}
        people = list_people(self.ctx.db)
        if self.inactive_check.isChecked():
            return people
        today = self.ctx.today()
        return [p for p in people if p.active_to is None or p.active_to >= today]

    def _roles_text(self, person: PersonView) -> str:
        return ", ".join(role_text(r, self._unit_names) for r in person.roles)

    def make_dialog(self, record: PersonView | None) -> PersonDialog:
        return PersonDialog(self.ctx, record, self)


def _grade_key(person: PersonView) -> int:
    """Sort golongan by rank (III/d before IV/a, not as text), people without one last."""
    return GRADES.index(person.grade) if person.grade in GRADES else len(GRADES)


def _account_tooltip(person: PersonView) -> str:
    if not person.username:
        return "Tanpa akun: tidak dapat masuk ke aplikasi"
    return f"{person.username} ({'administrator' if person.is_admin else 'pengguna biasa'})"
