"""Pengaturan > Desa/Kelurahan: the desa and kelurahan of the kecamatan (kode, nama, jenis, kepala desa/lurah), over
which an indicator may be counted. A desa is never deleted; one that no longer counts is deactivated."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from sakip_desktop.ops.desa.master import KINDS, DesaInput, DesaView, add_desa, list_desa, set_desa_active, update_desa
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.dialogs import FormDialog, confirm
from ui.widgets.forms import fill_combo, form_layout, hint, text_or_dash
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column


class DesaDialog(FormDialog):
    """Add or edit one desa/kelurahan."""

    def __init__(self, ctx: AppContext, desa: DesaView | None, parent=None) -> None:
        super().__init__(ctx, "Tambah desa/kelurahan" if desa is None else "Ubah desa/kelurahan", parent)
        self._desa = desa
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("mis. Sumberagung")
        self.name_edit.setMinimumWidth(360)
        self.kind_combo = QComboBox()
        fill_combo(self.kind_combo, [(label, code) for code, label in KINDS.items()], desa.kind if desa else "desa")
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(20)
        region = get_profile(ctx.db).region_code or "35.07.21"  # a desa's kode lies under the kecamatan's
        self.code_edit.setPlaceholderText(f"mis. {region}.2001")
        self.head_edit = QLineEdit()
        self.head_edit.setPlaceholderText("nama kepala desa atau lurah")
        form = form_layout()
        form.addRow("&Nama:", self.name_edit)
        form.addRow("&Jenis:", self.kind_combo)
        form.addRow("&Kode wilayah:", self.code_edit)
        form.addRow("", hint(f"Kode wilayah desa/kelurahan (Kemendagri), diawali {region}.; beda tiap desa."))
        form.addRow("Kepala &desa/lurah:", self.head_edit)
        self.finish_layout(form)
        self.fields = {"name": self.name_edit, "code": self.code_edit, "kind": self.kind_combo,
                       "head_name": self.head_edit}  # fmt: skip
        if desa is not None:
            self.name_edit.setText(desa.name)
            self.code_edit.setText(desa.code)
            self.head_edit.setText(desa.head_name)

    def save(self) -> int:
        data = DesaInput(self.name_edit.text(), self.code_edit.text(), self.kind_combo.currentData(),
                         self.head_edit.text())  # fmt: skip
        if self._desa is None:
            return add_desa(self.ctx.db, self.ctx.actor, data)
        update_desa(self.ctx.db, self.ctx.actor, self._desa.id, data)
        return self._desa.id


class DesaPage(RecordPage):
    """The list of desa with Tambah desa / Ubah / Nonaktifkan (Aktifkan lagi)."""

    topic = "desa"
    refresh_on = frozenset({"desa"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        columns = [
            Column[DesaView]("Kode", lambda d: d.code, width=130),
            Column[DesaView]("Nama", lambda d: d.name, width=220),
            Column[DesaView]("Jenis", lambda d: d.kind_label, width=90),
            Column[DesaView]("Kepala desa/lurah", lambda d: text_or_dash(d.head_name)),
            Column[DesaView]("Status", lambda d: "Aktif" if d.active else "Tidak aktif"),
        ]
        intro = (
            "Desa dan kelurahan di wilayah kecamatan. Indikator atas desa (mis. persentase desa dengan administrasi "
            "tertib) diisi per desa untuk setiap desa yang aktif. Desa tidak dihapus: desa yang tidak dihitung lagi "
            "dinonaktifkan, dan isian lamanya tetap tersimpan."
        )
        super().__init__(ctx, columns, intro, "Tambah desa", parent, deletable=False, stretch_column=3)
        self.active_button = QPushButton("Nonaktifkan")
        self.toolbar.insertWidget(2, self.active_button)
        self.active_button.clicked.connect(self.toggle_active)
        self.refresh()

    def load_rows(self) -> list[DesaView]:
        return list_desa(self.ctx.db)

    def make_dialog(self, record: DesaView | None) -> DesaDialog:
        return DesaDialog(self.ctx, record, self)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        record = self.selected()
        if hasattr(self, "active_button"):
            self.active_button.setEnabled(record is not None)
            self.active_button.setText("Aktifkan lagi" if record is not None and not record.active else "Nonaktifkan")

    def toggle_active(self) -> None:
        """'Nonaktifkan' / 'Aktifkan lagi' the selected desa (after asking, for a deactivation)."""
        record = self.selected()
        if record is None:
            return
        question = (f"Nonaktifkan {record.title}? Desa ini tidak diisi lagi pada triwulan berikutnya; isian yang "
                    "sudah ada tetap tersimpan.")  # fmt: skip
        if record.active and not confirm(self, "Nonaktifkan desa", question, "Nonaktifkan"):
            return
        ok, _ = attempt(self, lambda: set_desa_active(self.ctx.db, self.ctx.actor, record.id, not record.active))
        if ok:
            self.announce_change(record.id)
