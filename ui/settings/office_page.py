"""Profil kantor: everything the kop surat needs, and the logo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.office import (
    OfficeProfile,
    get_identity,
    get_logo,
    get_profile,
    set_logo,
    update_profile,
)
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.files import ask_open_path
from ui.widgets.forms import error_label, save_inline, saved_label

_TEXT_FIELDS = (
    ("regency_name", "Nama kabupaten/kota"),
    ("name", "Nama kecamatan"),
    ("province", "Provinsi"),
    ("address", "Alamat"),
    ("village", "Desa/kelurahan"),
    ("postal_code", "Kode pos"),
    ("phone", "Telepon"),
    ("fax", "Faksimile"),
    ("email", "Pos-el (e-mail)"),
    ("website", "Laman (website)"),
    ("signing_place", "Tempat penandatanganan"),
    ("region_code", "Kode wilayah kecamatan"),
)


class OfficePage(QWidget):
    """Edit the office profile; 'Simpan' validates and saves, a mistake is fixed by editing again."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.regency_kind = QComboBox()
        self.regency_kind.addItems(["Kabupaten", "Kota"])
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name, _ in _TEXT_FIELDS}
        form = QFormLayout()
        form.addRow("Jenis daerah:", self.regency_kind)
        for name, label in _TEXT_FIELDS:
            form.addRow(f"{label}:", self.edits[name])
        self.edits["region_code"].setPlaceholderText("kode Kemendagri, mis. 35.07.19")
        self.edits["region_code"].setMaxLength(8)
        # The file's own identity: the kabupaten imports a backup only into the schema of the office it came from.
        self.uuid = QLabel()
        self.uuid.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.uuid.setToolTip(
            "Identitas berkas data kantor ini, dibuat sekali saat kantor dibuat. Kabupaten memakainya bersama kode "
            "wilayah untuk memastikan cadangan yang diimpor memang dari kantor ini."
        )
        form.addRow("Identitas berkas:", self.uuid)

        self.logo = QLabel()
        self.logo.setFixedSize(130, 130)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border:1px solid #bbb; background:white;")
        change_logo = QPushButton("Ganti logo…")
        change_logo.clicked.connect(self._choose_logo)
        self.remove_logo = QPushButton("Hapus logo")
        self.remove_logo.clicked.connect(self._remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        buttons_col = QVBoxLayout()
        buttons_col.addWidget(change_logo)
        buttons_col.addWidget(self.remove_logo)
        buttons_col.addStretch(1)
        logo_row.addLayout(buttons_col)
        logo_row.addStretch(1)
        form.addRow("Logo (lambang daerah):", logo_row)

        self.error = error_label()
        self.saved = saved_label()
        self.save_button = QPushButton("Simpan")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Batalkan perubahan")
        self.reset_button.clicked.connect(self.refresh)
        actions = QHBoxLayout()
        actions.addWidget(self.saved)
        actions.addStretch(1)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        heading = QLabel("<h3>Profil kantor</h3>Data ini tercetak pada kop surat setiap dokumen resmi.")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show what is stored."""
        profile = get_profile(self.ctx.db)
        self.regency_kind.setCurrentText(profile.regency_kind)
        for name, _ in _TEXT_FIELDS:
            self.edits[name].setText(getattr(profile, name))
        self._show_logo(get_logo(self.ctx.db))
        self.uuid.setText(get_identity(self.ctx.db).uuid)
        self.error.hide()

    def _show_logo(self, data: bytes | None) -> None:
        self.remove_logo.setEnabled(data is not None)
        if data is None:
            self.logo.setPixmap(QPixmap())
            self.logo.setText("(belum ada logo)")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.logo.setPixmap(
            pixmap.scaled(120, 120, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )

    def profile(self) -> OfficeProfile:
        """The profile as typed."""
        texts: dict[str, Any] = {name: self.edits[name].text() for name, _ in _TEXT_FIELDS}
        return OfficeProfile(regency_kind=self.regency_kind.currentText(), **texts)

    def save(self) -> bool:
        """Validate and save; on a mistake, say so next to the form and focus the field."""

        def focus(exc: ValidationError) -> None:
            if exc.field in self.edits:
                self.edits[exc.field].setFocus()

        def update() -> None:
            update_profile(self.ctx.db, self.ctx.actor, self.profile())

        if not save_inline(self, update, self.error, self.saved, "Profil kantor tersimpan.", focus):
            return False
        self.refresh()
        self.ctx.signals.master_data_changed.emit("office")
        return True

    def _choose_logo(self) -> None:
        path = ask_open_path(self, "Pilih logo", "Gambar (*.png *.jpg *.jpeg)")
        if path is not None:
            self.load_logo(path)

    def load_logo(self, path: Path) -> bool:
        """Store a new logo from a file."""
        ok, _ = attempt(self, lambda: set_logo(self.ctx.db, self.ctx.actor, path.read_bytes(), path.name))
        if ok:
            self._show_logo(get_logo(self.ctx.db))
            self.ctx.signals.master_data_changed.emit("office")
        return ok

    def _remove_logo(self) -> None:
        ok, _ = attempt(self, lambda: set_logo(self.ctx.db, self.ctx.actor, None))
        if ok:
            self._show_logo(None)
            self.ctx.signals.master_data_changed.emit("office")
